//! The duty rota: an admin sets the chain (checked step by step, audited); an alert nobody
//! acknowledges goes along it, one step when each step's time is up, the last step again until
//! someone acknowledges; and each step is emailed exactly once even when several instances run
//! the escalation at the same moment. The clock is given, not waited for.

use backend::flows::safeguarding::escalate_due_alerts;
use backend::store::entities::{outbox, safeguarding_alert};
use chorus_tests::{both_databases, error_body, TestApp};
use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use shared::api::DutyRota;
use uuid::Uuid;

fn rota() -> Value {
    json!({"office_opens": "08:30", "office_closes": "17:30", "steps": [
        {"label": "Duty officer", "email": "duty@stoke.example", "hours": "any", "minutes": 30},
        {"label": "Team manager", "email": "manager@stoke.example", "hours": "any", "minutes": 60},
        {"label": "Head of service", "email": "head@stoke.example", "hours": "any", "minutes": 45},
    ]})
}

/// Emails of `kind` queued to each address, in address order.
async fn told(app: &TestApp, kind: &str) -> Vec<String> {
    let mut to: Vec<String> = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq(kind))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.recipient)
        .collect();
    to.sort();
    to
}

async fn raise(app: &TestApp) -> (Uuid, DateTime<Utc>) {
    let young = app.young_person().await;
    let service = app.first_service(&young).await;
    let feedback = Uuid::new_v4();
    let sent = app
        .post(
            "/feedback",
            &json!({"id": feedback, "service_id": service, "answers": {"safe": 1}}),
            Some(&young),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    let alert = safeguarding_alert::Entity::find()
        .filter(safeguarding_alert::Column::FeedbackId.eq(feedback))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the alert");
    (alert.id, alert.raised_at)
}

/// Runs the escalation from `times` callers at once, as several instances would.
async fn escalate_together(app: &TestApp, at: DateTime<Utc>, times: usize) -> usize {
    let runs = (0..times).map(|_| {
        let db = app.db.clone();
        tokio::spawn(async move { escalate_due_alerts(&db, at).await })
    });
    let mut escalated = 0;
    for run in futures_util::future::join_all(runs).await {
        // A caller that lost the race to SQLite's one writer is refused, not half-done; the job
        // would try again on its next tick.
        if let Ok(Ok(n)) = run {
            escalated += n;
        }
    }
    escalated
}

both_databases! {
    async fn an_unacknowledged_alert_goes_along_the_rota_once_per_step(app: TestApp) {
        app.load_demo().await;
        let admin = app.admin().await;
        let set = app.put("/admin/duty-rota", &rota(), Some(&admin)).await;
        assert_eq!(set.status(), StatusCode::OK);
        let read: DutyRota = app.get("/admin/duty-rota", Some(&admin)).await.json().await.unwrap();
        assert_eq!(read, serde_json::from_value::<DutyRota>(rota()).unwrap());

        let (alert, raised) = raise(&app).await;
        assert_eq!(told(&app, "safeguarding_alert").await, ["duty@stoke.example"], "the first step is told at once");

        // Not before the duty officer's 30 minutes are up; then the team manager, once, however
        // many instances run the job at that moment.
        assert_eq!(escalate_together(&app, raised + Duration::minutes(29), 1).await, 0);
        assert_eq!(escalate_together(&app, raised + Duration::minutes(30), 4).await, 1);
        assert_eq!(escalate_together(&app, raised + Duration::minutes(31), 4).await, 0);
        assert_eq!(told(&app, "safeguarding_escalation").await, ["manager@stoke.example"]);

        // The manager's 60 minutes, then the head of service, who is told again every 45 minutes.
        assert_eq!(escalate_together(&app, raised + Duration::minutes(89), 2).await, 0);
        assert_eq!(escalate_together(&app, raised + Duration::minutes(90), 4).await, 1);
        assert_eq!(escalate_together(&app, raised + Duration::minutes(135), 4).await, 1);
        assert_eq!(told(&app, "safeguarding_escalation").await,
            ["head@stoke.example", "head@stoke.example", "manager@stoke.example"]);

        // Once someone acknowledges, nobody more is told.
        let officer = app.officer().await;
        let ack = app.post(&format!("/safeguarding/alerts/{alert}/acknowledge"), &json!({}), Some(&officer)).await;
        assert_eq!(ack.status(), StatusCode::NO_CONTENT);
        assert_eq!(escalate_together(&app, raised + Duration::minutes(600), 2).await, 0);
        assert_eq!(told(&app, "safeguarding_escalation").await.len(), 3);
    }

    async fn a_rota_that_cannot_work_is_refused_in_words_and_changes_nothing(app: TestApp) {
        app.load_demo().await;
        let admin = app.admin().await;
        assert_eq!(app.put("/admin/duty-rota", &rota(), Some(&admin)).await.status(), StatusCode::OK);
        let step = |label: &str, email: &str, minutes: i64| json!({"label": label, "email": email, "hours": "office", "minutes": minutes});
        for (body, field) in [
            (json!({"office_opens": "9am", "office_closes": "17:00", "steps": []}), "office_opens"),
            (json!({"office_opens": "17:00", "office_closes": "09:00", "steps": []}), "office_closes"),
            (json!({"office_opens": "09:00", "office_closes": "24:00", "steps": []}), "office_closes"),
            (json!({"office_opens": "09:00", "office_closes": "17:00", "steps": [step(" ", "a@b.example", 30)]}), "steps"),
            (json!({"office_opens": "09:00", "office_closes": "17:00", "steps": [step("Duty", "not an address", 30)]}), "steps"),
            (json!({"office_opens": "09:00", "office_closes": "17:00", "steps": [step("Duty", "a@b.example", 0)]}), "steps"),
            (json!({"office_opens": "09:00", "office_closes": "17:00", "steps": [step("Duty", "a@b.example", 1441)]}), "steps"),
            (json!({"office_opens": "09:00", "office_closes": "17:00", "steps": vec![step("Duty", "a@b.example", 30); 13]}), "steps"),
        ] {
            let response = app.put("/admin/duty-rota", &body, Some(&admin)).await;
            assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            let error = error_body(response).await;
            assert_eq!(error.reason.as_str(), "duty_rota");
            assert_eq!(error.field.as_deref(), Some(field), "{body}");
        }
        let bad_hours = app.put("/admin/duty-rota", &json!({"office_opens": "09:00", "office_closes": "17:00",
            "steps": [{"label": "Duty", "email": "a@b.example", "hours": "weekends", "minutes": 30}]}), Some(&admin)).await;
        assert!(bad_hours.status().is_client_error());
        let read: DutyRota = app.get("/admin/duty-rota", Some(&admin)).await.json().await.unwrap();
        assert_eq!(read, serde_json::from_value::<DutyRota>(rota()).unwrap(), "refused changes wrote nothing");

        // Officers and commissioners may not read or change it.
        for token in [app.officer().await, app.commissioner().await] {
            assert_eq!(app.get("/admin/duty-rota", Some(&token)).await.status(), StatusCode::FORBIDDEN);
            assert_eq!(app.put("/admin/duty-rota", &rota(), Some(&token)).await.status(), StatusCode::FORBIDDEN);
        }
        // The change is audited.
        let csv = app.get("/admin/audit/export", Some(&admin)).await.text().await.unwrap();
        assert!(csv.contains("duty_rota_changed"), "{csv}");
    }
}
