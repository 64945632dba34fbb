//! A safeguarding alert taken to an outcome by the participation team: acknowledged, actions
//! recorded with their references, closed with an outcome, each step named, timed and audited,
//! and the steps refused out of order. Who the young person is, for officers only and audited.
//! An open case's words are kept past retention.

use backend::store::entities::{audit_entry, feedback};
use chorus_tests::{both_databases, error_body, TestApp};
use chrono::{Duration, Utc};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};
use shared::api::{Alert, CaseAction, CaseStatus, CaseYoungPerson, SafeguardingCase};
use uuid::Uuid;

/// A young person asks for help in words; returns (the feedback, its alert).
async fn disclosure(app: &TestApp, young: &str, officer: &str) -> (Uuid, Uuid) {
    let service = app.first_service(young).await;
    let feedback = Uuid::new_v4();
    let sent = app
        .post(
            "/feedback",
            &json!({"id": feedback, "service_id": service,
        "answers": {"safe": 2}, "tell_us_more": "he hurts me when nobody is looking"}),
            Some(young),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    let alerts: Vec<Alert> = app
        .get("/safeguarding/alerts", Some(officer))
        .await
        .json()
        .await
        .unwrap();
    let alert = alerts
        .iter()
        .find(|a| a.feedback_id == feedback)
        .expect("an alert for the disclosure");
    assert_eq!(alert.status, CaseStatus::New);
    (feedback, alert.id)
}

async fn act(app: &TestApp, officer: &str, alert: Uuid, body: Value) -> reqwest::Response {
    app.post(
        &format!("/safeguarding/alerts/{alert}/actions"),
        &body,
        Some(officer),
    )
    .await
}

async fn close(app: &TestApp, officer: &str, alert: Uuid, outcome: &str) -> reqwest::Response {
    app.post(
        &format!("/safeguarding/alerts/{alert}/close"),
        &json!({"outcome": outcome}),
        Some(officer),
    )
    .await
}

async fn refused(response: reqwest::Response, status: StatusCode, reason: &str) {
    assert_eq!(response.status(), status);
    assert_eq!(error_body(response).await.reason.as_str(), reason);
}

async fn audited(app: &TestApp, action: &str) -> Vec<audit_entry::Model> {
    audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq(action))
        .order_by_asc(audit_entry::Column::Seq)
        .all(&app.db)
        .await
        .unwrap()
}

both_databases! {
    async fn a_case_goes_from_alert_to_outcome_in_order_and_every_step_is_audited(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let young = app.young_person().await;
        let (feedback, alert) = disclosure(&app, &young, &officer).await;
        let case_path = format!("/safeguarding/alerts/{alert}");

        // Nothing is recorded before someone has taken the case on, and nothing closes without an action.
        refused(act(&app, &officer, alert, json!({"action": "talked_with_young_person"})).await, StatusCode::CONFLICT, "case_not_ready").await;
        refused(close(&app, &officer, alert, "Fine").await, StatusCode::CONFLICT, "case_not_ready").await;
        let acknowledged = app.post(&format!("{case_path}/acknowledge"), &json!({}), Some(&officer)).await;
        assert_eq!(acknowledged.status(), StatusCode::NO_CONTENT);
        refused(close(&app, &officer, alert, "Fine").await, StatusCode::CONFLICT, "case_not_ready").await;

        // A referral needs its reference; a bad action word is a clear 4xx, never a 500.
        refused(act(&app, &officer, alert, json!({"action": "referred_to_social_care", "detail": "  "})).await, StatusCode::UNPROCESSABLE_ENTITY, "case_detail").await;
        let unknown = act(&app, &officer, alert, json!({"action": "forgot_about_it"})).await;
        assert!(unknown.status().is_client_error(), "{}", unknown.status());
        let long = act(&app, &officer, alert, json!({"action": "passed_to_police", "detail": "x".repeat(2001)})).await;
        refused(long, StatusCode::UNPROCESSABLE_ENTITY, "case_detail").await;
        assert_eq!(app.count("safeguarding_case_steps").await, 0, "refused actions wrote nothing");

        let talked = act(&app, &officer, alert, json!({"action": "talked_with_young_person"})).await;
        assert_eq!(talked.status(), StatusCode::OK);
        let referred: SafeguardingCase = act(&app, &officer, alert, json!({"action": "referred_to_social_care", "detail": " CSC-2026-0412 "})).await.json().await.unwrap();
        assert_eq!(referred.alert.status, CaseStatus::ActionRecorded);
        let steps: Vec<(CaseAction, Option<&str>)> = referred.steps.iter().map(|s| (s.action, s.detail.as_deref())).collect();
        assert_eq!(steps, [(CaseAction::TalkedWithYoungPerson, None), (CaseAction::ReferredToSocialCare, Some("CSC-2026-0412"))]);
        assert!(referred.steps.iter().all(|s| !s.by.is_empty() && s.at <= Utc::now()), "each step says who and when");

        // Closing needs an outcome, then happens once.
        refused(close(&app, &officer, alert, " ").await, StatusCode::UNPROCESSABLE_ENTITY, "case_detail").await;
        let closed: SafeguardingCase = close(&app, &officer, alert, "Placement moved; safety plan agreed.").await.json().await.unwrap();
        assert_eq!(closed.alert.status, CaseStatus::Closed);
        assert_eq!(closed.outcome.as_deref(), Some("Placement moved; safety plan agreed."));
        assert!(closed.closed_by.is_some() && closed.alert.closed_at.is_some());
        refused(close(&app, &officer, alert, "Again").await, StatusCode::CONFLICT, "case_closed").await;
        refused(act(&app, &officer, alert, json!({"action": "no_further_action", "detail": "late"})).await, StatusCode::CONFLICT, "case_closed").await;

        // What the officer reads back is what was written, and the list shows it closed.
        let read: SafeguardingCase = app.get(&case_path, Some(&officer)).await.json().await.unwrap();
        assert_eq!(read, closed);
        let alerts: Vec<Alert> = app.get("/safeguarding/alerts", Some(&officer)).await.json().await.unwrap();
        assert_eq!(alerts.iter().find(|a| a.id == alert).map(|a| a.status), Some(CaseStatus::Closed));

        // The audit trail names each step and who took it, never the references' words.
        let me: Value = app.get("/me", Some(&officer)).await.json().await.unwrap();
        let officer_id = me["id"].as_str().unwrap();
        let subject = format!("feedback:{feedback}");
        for (action, times) in [("safeguarding_alert_acknowledged", 1), ("safeguarding_case_action", 2), ("safeguarding_case_closed", 1)] {
            let rows: Vec<_> = audited(&app, action).await.into_iter().filter(|r| r.subject == subject).collect();
            assert_eq!(rows.len(), times, "{action}");
            assert!(rows.iter().all(|r| r.actor_id == officer_id && !r.details.contains("CSC-2026")), "{action}");
        }
    }

    async fn only_the_participation_team_learns_who_disclosed_and_each_look_is_audited(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let young = app.young_person().await;
        let (_, alert) = disclosure(&app, &young, &officer).await;
        let me: Value = app.get("/me", Some(&young)).await.json().await.unwrap();
        let path = format!("/safeguarding/alerts/{alert}/young-person");

        // Commissioners, admins and young people are refused; nothing is audited for them.
        for token in [app.commissioner().await, app.admin().await, young.clone()] {
            assert_eq!(app.get(&path, Some(&token)).await.status(), StatusCode::FORBIDDEN);
            assert_eq!(app.get(&format!("/safeguarding/alerts/{alert}"), Some(&token)).await.status(), StatusCode::FORBIDDEN);
        }
        assert!(audited(&app, "safeguarding_identity_viewed").await.is_empty());

        let who: CaseYoungPerson = app.get(&path, Some(&officer)).await.json().await.unwrap();
        assert_eq!(who.sign_in_name.as_deref(), Some(demo::YOUNG_PERSON_SIGN_IN));
        assert_eq!(Some(who.display_name.as_str()), me["display_name"].as_str());
        let services: Vec<shared::api::MyService> = app.get("/me/services", Some(&young)).await.json().await.unwrap();
        let mut linked: Vec<String> = services.into_iter().map(|s| s.name).collect();
        linked.sort();
        assert_eq!(who.services, linked);

        let looks = audited(&app, "safeguarding_identity_viewed").await;
        assert_eq!(looks.len(), 1);
        assert_eq!(looks[0].subject, format!("user:{}", me["id"].as_str().unwrap()));
        let officer_me: Value = app.get("/me", Some(&officer)).await.json().await.unwrap();
        assert_eq!(Some(looks[0].actor_id.as_str()), officer_me["id"].as_str(), "who looked is recorded");
        app.get(&path, Some(&officer)).await;
        assert_eq!(audited(&app, "safeguarding_identity_viewed").await.len(), 2, "every look, not the first only");

        // An unknown alert is a 404 in words, not a 500.
        let missing = app.get(&format!("/safeguarding/alerts/{}/young-person", Uuid::new_v4()), Some(&officer)).await;
        refused(missing, StatusCode::NOT_FOUND, "alert_not_found").await;
    }

    async fn retention_keeps_the_words_of_an_open_case_until_it_is_closed(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let young = app.young_person().await;
        let (feedback_id, alert) = disclosure(&app, &young, &officer).await;
        // Three years old: past any retention period.
        feedback::Entity::update_many()
            .col_expr(feedback::Column::ReceivedAt, Expr::value(Utc::now() - Duration::days(3 * 366)))
            .filter(feedback::Column::Id.eq(feedback_id))
            .exec(&app.db)
            .await
            .unwrap();
        let words = |app: &TestApp| {
            let db = app.db.clone();
            async move { feedback::Entity::find_by_id(feedback_id).one(&db).await.unwrap().unwrap().tell_us_more }
        };
        backend::flows::data_rights::run_retention(&app.db).await.unwrap();
        assert!(words(&app).await.is_some(), "the open case's words are kept");

        app.post(&format!("/safeguarding/alerts/{alert}/acknowledge"), &json!({}), Some(&officer)).await;
        act(&app, &officer, alert, json!({"action": "no_further_action", "detail": "Spoken to carer; misunderstanding"})).await;
        assert_eq!(close(&app, &officer, alert, "No concern").await.status(), StatusCode::OK);
        backend::flows::data_rights::run_retention(&app.db).await.unwrap();
        assert_eq!(words(&app).await, None, "once closed, retention removes them in their time");
    }
}
