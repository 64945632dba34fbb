//! Safeguarding email that does not get out is shown to the participation team: an alert whose
//! email has waited ten minutes or more (or the configured time) is counted on
//! `/safeguarding/mail`, for that organisation's officers only, `/health` says "degraded" without
//! naming anyone, and both stop once it is sent.

use backend::store::entities::outbox;
use chorus_tests::{both_databases, Backend, TestApp};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use shared::api::{Health, MailStatus};
use shared::Role;

async fn status(app: &TestApp, token: &str) -> MailStatus {
    let response = app.get("/safeguarding/mail", Some(token)).await;
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    response.json().await.unwrap()
}

async fn health(app: &TestApp) -> Health {
    let response = app.get("/health", None).await;
    assert_eq!(
        response.status(),
        reqwest::StatusCode::OK,
        "degraded is still up"
    );
    response.json().await.unwrap()
}

/// Sends a disclosure, so a safeguarding email waits in the outbox.
async fn disclose(app: &TestApp) {
    let young = app.young_person().await;
    let service = app.first_service(&young).await;
    let sent = app
        .post(
            "/feedback",
            &json!({"id": uuid::Uuid::new_v4(), "service_id": service,
        "answers": {"safe": 1}}),
            Some(&young),
        )
        .await;
    assert!(sent.status().is_success(), "{}", sent.text().await.unwrap());
}

/// Makes every unsent safeguarding email `minutes` old (as if the mail server had been down).
async fn waited(app: &TestApp, minutes: i64) {
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::CreatedAt,
            Expr::value(Utc::now() - Duration::minutes(minutes)),
        )
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::Kind.starts_with("safeguarding"))
        .exec(&app.db)
        .await
        .unwrap();
}

both_databases! {
    async fn stuck_safeguarding_email_is_shown_to_that_organisation_s_officers(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let none = MailStatus { stuck: 0, oldest_minutes: 0 };
        assert_eq!(status(&app, &officer).await, none);

        disclose(&app).await;
        // Just written: not stuck yet, even if the mail server has not taken it.
        waited(&app, 3).await;
        assert_eq!(status(&app, &officer).await, none);
        assert_eq!((health(&app).await.status.as_str(), health(&app).await.safeguarding_mail.as_str()), ("ok", "ok"));

        waited(&app, 25).await;
        let stuck = status(&app, &officer).await;
        assert!(stuck.stuck >= 1 && (24..=26).contains(&stuck.oldest_minutes), "{stuck:?}");
        let degraded = health(&app).await;
        assert_eq!((degraded.status.as_str(), degraded.safeguarding_mail.as_str()), ("degraded", "stuck"));

        // Another council's officer is told nothing of it.
        let other = backend::store::organisations::ensure(&app.db, "elsewhere", "Elsewhere Council", None).await.unwrap();
        backend::seed::staff(&app.db, other.id, Role::ParticipationOfficer, "officer@elsewhere.example", demo::STAFF_PASSWORD, "E").await.unwrap();
        let elsewhere = app.sign_in_staff("officer@elsewhere.example").await;
        assert_eq!(status(&app, &elsewhere).await, none);

        // Once the email has gone, nothing is stuck.
        outbox::Entity::update_many()
            .col_expr(outbox::Column::SentAt, Expr::value(Some(Utc::now())))
            .exec(&app.db)
            .await
            .unwrap();
        assert_eq!(status(&app, &officer).await, none);
        assert_eq!(health(&app).await.status, "ok");
    }
}

/// Liveness says only that the process answers: no body, no database.
async fn alive(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let live = app.get("/health/live", None).await;
    assert_eq!(live.status(), reqwest::StatusCode::NO_CONTENT);
    assert!(live.text().await.unwrap().is_empty());
}

#[tokio::test]
async fn liveness_answers_without_a_body_sqlite() {
    alive(Backend::Sqlite).await
}

#[tokio::test]
async fn liveness_answers_without_a_body_postgres() {
    alive(Backend::Postgres).await
}

/// An organisation that allows its mail server half an hour is not warned at 25 minutes.
async fn the_time_allowed_is_configured(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| s.jobs.safeguarding_mail_stuck_minutes = 30).await;
    app.load_demo().await;
    let officer = app.officer().await;
    disclose(&app).await;
    waited(&app, 25).await;
    assert_eq!(status(&app, &officer).await.stuck, 0);
    assert_eq!(health(&app).await.status, "ok");
    waited(&app, 31).await;
    assert!(status(&app, &officer).await.stuck >= 1);
    assert_eq!(health(&app).await.status, "degraded");
}

#[tokio::test]
async fn the_time_allowed_is_configured_sqlite() {
    the_time_allowed_is_configured(Backend::Sqlite).await
}

#[tokio::test]
async fn the_time_allowed_is_configured_postgres() {
    the_time_allowed_is_configured(Backend::Postgres).await
}
