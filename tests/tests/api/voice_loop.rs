use chorus_tests::mail::MailSink;
use chorus_tests::{both_databases, Backend, TestApp};
use reqwest::StatusCode;
use serde_json::json;
use shared::api::{Alert, AuditVerification, ModerationItem, MyFeedback, MyFeedbackStatus};
use std::time::Duration;
use uuid::Uuid;

async fn with_mail(backend: Backend, sink: &MailSink) -> TestApp {
    let port = sink.port;
    TestApp::spawn_with(backend, |s| s.mail.smtp_port = port).await
}

async fn submit(app: &TestApp, token: &str, body: serde_json::Value) -> Uuid {
    let id = Uuid::new_v4();
    let service = app.first_service(token).await;
    let mut body = body;
    body["id"] = json!(id);
    body["service_id"] = json!(service);
    let r = app.post("/feedback", &body, Some(token)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    id
}

async fn each_trigger_raises_an_alert_and_an_email(backend: Backend) {
    let sink = MailSink::start();
    let app = with_mail(backend, &sink).await;
    app.load_demo().await;
    let token = app.young_person().await;
    let words = "he hit me when nobody was looking";
    let ids = [
        submit(
            &app,
            &token,
            json!({"answers": {"nurtured": 3}, "tell_us_more": words}),
        )
        .await,
        submit(
            &app,
            &token,
            json!({"answers": {"nurtured": 3}, "wants_talk": true}),
        )
        .await,
        submit(&app, &token, json!({"answers": {"safe": 1}})).await,
    ];
    let calm = submit(
        &app,
        &token,
        json!({"answers": {"safe": 4}, "tell_us_more": "Movie night is fun"}),
    )
    .await;

    let alerts: Vec<Alert> = app
        .get("/safeguarding/alerts", Some(&app.officer().await))
        .await
        .json()
        .await
        .unwrap();
    for id in ids {
        assert!(
            alerts.iter().any(|a| a.feedback_id == id),
            "no alert for {id}"
        );
    }
    assert!(!alerts.iter().any(|a| a.feedback_id == calm));
    let messages = sink.wait_for(3, Duration::from_secs(15)).await;
    assert_eq!(messages.len(), 3, "one email per alert");
    for m in &messages {
        assert!(m.contains("safeguarding@stoke-on-trent.example"));
        assert!(
            !m.contains("hit me"),
            "emails never carry the young person's words"
        );
    }
}

#[tokio::test]
async fn each_trigger_raises_an_alert_and_an_email_sqlite() {
    each_trigger_raises_an_alert_and_an_email(Backend::Sqlite).await
}

#[tokio::test]
async fn each_trigger_raises_an_alert_and_an_email_postgres() {
    each_trigger_raises_an_alert_and_an_email(Backend::Postgres).await
}

async fn an_alert_email_waits_for_the_mail_server_and_arrives_once(backend: Backend) {
    let mut sink = MailSink::start();
    sink.stop();
    let app = with_mail(backend, &sink).await;
    app.load_demo().await;
    let token = app.young_person().await;
    submit(&app, &token, json!({"answers": {"safe": 1}})).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(sink.messages().is_empty());
    sink.resume();
    let messages = sink.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(messages.len(), 1);
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(sink.messages().len(), 1, "sent exactly once");
}

#[tokio::test]
async fn an_alert_email_waits_for_the_mail_server_and_arrives_once_sqlite() {
    an_alert_email_waits_for_the_mail_server_and_arrives_once(Backend::Sqlite).await
}

#[tokio::test]
async fn an_alert_email_waits_for_the_mail_server_and_arrives_once_postgres() {
    an_alert_email_waits_for_the_mail_server_and_arrives_once(Backend::Postgres).await
}

async fn unacknowledged_alerts_escalate_and_acknowledged_ones_do_not(backend: Backend) {
    use sea_orm::{ConnectionTrait, Statement};
    let sink = MailSink::start();
    let app = with_mail(backend, &sink).await;
    app.load_demo().await;
    let token = app.young_person().await;
    let open = submit(&app, &token, json!({"answers": {"safe": 1}})).await;
    let taken = submit(
        &app,
        &token,
        json!({"wants_talk": true, "answers": {"safe": 3}}),
    )
    .await;
    let officer = app.officer().await;
    let alerts: Vec<Alert> = app
        .get("/safeguarding/alerts", Some(&officer))
        .await
        .json()
        .await
        .unwrap();
    let taken_alert = alerts.iter().find(|a| a.feedback_id == taken).unwrap();
    let ack = app
        .post(
            &format!("/safeguarding/alerts/{}/acknowledge", taken_alert.id),
            &json!({}),
            Some(&officer),
        )
        .await;
    assert_eq!(ack.status(), StatusCode::NO_CONTENT);
    sink.wait_for(2, Duration::from_secs(15)).await;

    // Both alerts are two hours old; the organisation escalates after 60 minutes.
    let past = chrono::Utc::now() - chrono::Duration::hours(2);
    let sql = match app.db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => "UPDATE safeguarding_alerts SET raised_at = $1",
        _ => "UPDATE safeguarding_alerts SET raised_at = ?",
    };
    app.db
        .execute(Statement::from_sql_and_values(
            app.db.get_database_backend(),
            sql,
            [past.into()],
        ))
        .await
        .unwrap();

    // The escalation goes to the safeguarding address and both participation officers.
    sink.wait_for(5, Duration::from_secs(15)).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let messages = sink.messages();
    let escalations: Vec<&String> = messages
        .iter()
        .filter(|m| m.contains("ESCALATED"))
        .collect();
    assert_eq!(
        escalations.len(),
        3,
        "one escalation each to the safeguarding address and two officers"
    );
    let alerts: Vec<Alert> = app
        .get("/safeguarding/alerts", Some(&officer))
        .await
        .json()
        .await
        .unwrap();
    let open_alert = alerts.iter().find(|a| a.feedback_id == open).unwrap();
    assert!(open_alert.escalated_at.is_some());
    assert!(
        escalations
            .iter()
            .all(|m| m.contains(&open_alert.id.to_string())),
        "only the unacknowledged alert escalates"
    );
    assert!(alerts
        .iter()
        .find(|a| a.feedback_id == taken)
        .unwrap()
        .escalated_at
        .is_none());
}

#[tokio::test]
async fn unacknowledged_alerts_escalate_and_acknowledged_ones_do_not_sqlite() {
    unacknowledged_alerts_escalate_and_acknowledged_ones_do_not(Backend::Sqlite).await
}

#[tokio::test]
async fn unacknowledged_alerts_escalate_and_acknowledged_ones_do_not_postgres() {
    unacknowledged_alerts_escalate_and_acknowledged_ones_do_not(Backend::Postgres).await
}

both_databases! {
    async fn the_young_person_sees_their_feedback_go_from_sent_to_read_to_changed(app: TestApp) {
        app.load_demo().await;
        let token = app.young_person().await;
        let text = "Ring me on 07700 900123 about the trips";
        let id = submit(&app, &token, json!({"answers": {"involved": 2}, "tell_us_more": text})).await;
        let status = |items: Vec<MyFeedback>| items.into_iter().find(|f| f.id == id).unwrap();
        let mine: Vec<MyFeedback> = app.get("/me/feedback", Some(&token)).await.json().await.unwrap();
        assert_eq!(status(mine).status, MyFeedbackStatus::Sent);

        let officer = app.officer().await;
        let queue: Vec<ModerationItem> = app.get("/moderation/queue", Some(&officer)).await.json().await.unwrap();
        let item = queue.iter().find(|i| i.id == id).unwrap();
        assert_eq!(item.highlights.tell_us_more.len(), 1, "the phone number is pre-highlighted");
        let mine: Vec<MyFeedback> = app.get("/me/feedback", Some(&token)).await.json().await.unwrap();
        assert_eq!(status(mine).status, MyFeedbackStatus::Read);

        let approve = app.post(&format!("/moderation/feedback/{id}/approve"), &json!({"redactions": item.highlights}), Some(&officer)).await;
        assert_eq!(approve.status(), StatusCode::NO_CONTENT);
        let published: Option<String> = backend::store::feedback::find_in_organisation(&app.db, backend::store::organisations::find_by_slug(&app.db, "stoke-on-trent").await.unwrap().unwrap().id, id).await.unwrap().unwrap().published_tell_us_more;
        assert_eq!(published.as_deref(), Some("Ring me on [removed] about the trips"));

        let response = app.post("/responses", &json!({"feedback_id": id, "body": "We booked two trips for the spring."}), Some(&officer)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let mine: Vec<MyFeedback> = app.get("/me/feedback", Some(&token)).await.json().await.unwrap();
        let item = status(mine);
        assert_eq!(item.status, MyFeedbackStatus::Changed);
        assert_eq!(item.responses[0].body, "We booked two trips for the spring.");
    }

    async fn a_young_person_is_told_why_their_words_were_not_published(app: TestApp) {
        app.load_demo().await;
        let token = app.young_person().await;
        let id = submit(&app, &token, json!({"answers": {"safe": 3}, "tell_us_more": "Mr Smith is horrible"})).await;
        let officer = app.officer().await;
        let missing_note = app.post(&format!("/moderation/feedback/{id}/reject"), &json!({"reason": "other"}), Some(&officer)).await;
        assert_eq!(missing_note.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = app.post(&format!("/moderation/feedback/{id}/reject"), &json!({"reason": "about_a_person", "note": "Please talk to Priya about this."}), Some(&officer)).await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let mine: Vec<MyFeedback> = app.get("/me/feedback", Some(&token)).await.json().await.unwrap();
        let item = mine.into_iter().find(|f| f.id == id).unwrap();
        let why = item.not_published.unwrap();
        assert!(why.explanation.contains("particular person"));
        assert_eq!(why.note.as_deref(), Some("Please talk to Priya about this."));
    }

    async fn a_themed_response_reaches_everyone_concerned_and_nobody_sees_another_s_words(app: TestApp) {
        app.load_demo().await;
        let jay = app.young_person().await;
        let sam = app.redeem("STKE-YP2D", "calm-fox-8", "270394").await;
        let service = app.first_service(&jay).await;
        // Both are linked to the same first service (the invite and Jay share Orchard House? use the service list to be sure).
        let sams: Vec<shared::api::MyService> = app.get("/me/services", Some(&sam)).await.json().await.unwrap();
        let shared_service = sams.iter().map(|s| s.id).find(|s| *s == service).unwrap_or(service);
        for (token, words) in [(&jay, "Jay's own words"), (&sam, "Sam's own words")] {
            let r = app.post("/feedback", &json!({"id": Uuid::new_v4(), "service_id": shared_service, "answers": {"involved": 2}, "tell_us_more": words}), Some(token)).await;
            assert!(r.status().is_success(), "{}", r.status());
        }
        let quarter = format!("{}", backend::domain::quarter::Quarter::of(chrono::Utc::now()));
        let r = app.post("/responses", &json!({"service_id": shared_service, "dimension": "involved", "quarter": quarter, "body": "House meetings every Sunday now."}), Some(&app.commissioner().await)).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        for (token, own, other) in [(&jay, "Jay's own words", "Sam's own words"), (&sam, "Sam's own words", "Jay's own words")] {
            let raw = app.get("/me/feedback", Some(token)).await.text().await.unwrap();
            assert!(raw.contains("House meetings every Sunday now."));
            assert!(raw.contains(own));
            assert!(!raw.contains(other));
        }
    }

    async fn commissioners_never_receive_identities_or_unredacted_words(app: TestApp) {
        app.load_demo().await;
        let token = app.young_person().await;
        let secret = "my phone is 07700 900456";
        let id = submit(&app, &token, json!({"answers": {"safe": 2}, "tell_us_more": secret, "named": true})).await;
        let officer = app.officer().await;
        let queue: Vec<ModerationItem> = app.get("/moderation/queue", Some(&officer)).await.json().await.unwrap();
        let item = queue.iter().find(|i| i.id == id).unwrap();
        app.post(&format!("/moderation/feedback/{id}/approve"), &json!({"redactions": item.highlights}), Some(&officer)).await;

        let commissioner = app.commissioner().await;
        let scores: serde_json::Value = app.get("/dashboard/scores", Some(&commissioner)).await.json().await.unwrap();
        let service = item.service_id;
        let mut bodies = vec![
            app.get("/me", Some(&commissioner)).await.text().await.unwrap(),
            app.get("/services", Some(&commissioner)).await.text().await.unwrap(),
            scores.to_string(),
            app.get("/dashboard/kpis", Some(&commissioner)).await.text().await.unwrap(),
            app.get(&format!("/dashboard/services/{service}"), Some(&commissioner)).await.text().await.unwrap(),
            app.get("/dashboard/scores?format=csv", Some(&commissioner)).await.text().await.unwrap(),
        ];
        bodies.push(app.post("/responses", &json!({"feedback_id": id, "body": "Thanks"}), Some(&commissioner)).await.text().await.unwrap());
        for body in &bodies {
            assert!(!body.contains("07700 900456"), "unredacted words leaked: {body}");
            assert!(!body.contains("Jay"), "an author's name leaked: {body}");
            assert!(!body.contains("brave-otter-42"));
        }
        let detail = app.get(&format!("/dashboard/services/{service}"), Some(&commissioner)).await.text().await.unwrap();
        assert!(detail.contains("my phone is [removed]"), "the redacted quote is there: {detail}");
        for path in ["/moderation/queue".to_owned(), format!("/moderation/feedback/{id}"), "/safeguarding/alerts".to_owned()] {
            assert_eq!(app.get(&path, Some(&commissioner)).await.status(), StatusCode::FORBIDDEN, "{path}");
        }
    }

    async fn tampering_with_the_audit_log_is_detected(app: TestApp) {
        use sea_orm::ConnectionTrait;
        app.load_demo().await;
        let token = app.young_person().await;
        submit(&app, &token, json!({"answers": {"safe": 1}})).await;
        let officer = app.officer().await;
        app.get("/moderation/queue", Some(&officer)).await;
        let admin = app.admin().await;
        let ok: AuditVerification = app.get("/admin/audit/verify", Some(&admin)).await.json().await.unwrap();
        assert!(ok.intact && ok.entries >= 2, "{ok:?}");
        let csv = app.get("/admin/audit/export", Some(&admin)).await.text().await.unwrap();
        assert!(csv.starts_with("seq,organisation_id,at,actor_id,action"));
        assert_eq!(csv.lines().count() as u64, ok.entries + 1);

        // The database refuses the change; an attacker with database access drops the guard first.
        let drop_guard = match app.backend {
            Backend::Sqlite => "DROP TRIGGER audit_log_no_update",
            Backend::Postgres => "DROP TRIGGER audit_log_no_update ON audit_log",
        };
        app.db.execute_unprepared(drop_guard).await.unwrap();
        app.db.execute_unprepared("UPDATE audit_log SET details = '{}' WHERE seq = 1").await.unwrap();
        let broken: AuditVerification = app.get("/admin/audit/verify", Some(&admin)).await.json().await.unwrap();
        assert!(!broken.intact);
        assert!(broken.problem.unwrap().contains("entry 1"));
    }
}
