//! Staff passwords through emailed one-time links, with the email read from a real SMTP server:
//! the admin invites someone, who chooses a password through the link (weak ones refused in
//! words, the link still good) and signs in; a forgotten password is reset by a link that ends
//! every earlier sign-in. A link works once, runs out, and says nothing about which emails have
//! accounts.

use chorus_tests::mail::MailSink;
use chorus_tests::{error_body, Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::json;
use shared::api::StaffMember;
use shared::Reason;
use std::time::Duration;

const PUBLIC_URL: &str = "https://chorus.stoke.example";
const NEW_OFFICER: &str = "sam.patel@stoke-on-trent.example";
const GOOD: &str = "kettle orbit lantern";

async fn with_mail(backend: Backend, sink: &MailSink) -> TestApp {
    let port = sink.port;
    TestApp::spawn_with(backend, |s| {
        s.mail.smtp_port = port;
        s.application.public_url = Some(format!("{PUBLIC_URL}/"));
    })
    .await
}

/// The messages to `to` once there are `n` of them (or what came in ten seconds).
async fn mail_to(sink: &MailSink, to: &str, n: usize) -> Vec<String> {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let mine: Vec<String> = sink
            .messages()
            .into_iter()
            .filter(|m| m.contains(&format!("To: {to}")))
            .collect();
        if mine.len() >= n || std::time::Instant::now() > deadline {
            return mine;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The secret of the link in an email: after `#`, from our public address (never the request's).
fn link_secret(message: &str) -> String {
    let text = chorus_tests::mail::body(message);
    let start = format!("{PUBLIC_URL}/staff/set-password#");
    let at = text.find(&start).expect("the email holds the link") + start.len();
    text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

async fn set_password(app: &TestApp, token: &str, password: &str) -> reqwest::Response {
    app.post(
        "/auth/set-password",
        &json!({"token": token, "password": password}),
        None,
    )
    .await
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> StatusCode {
    app.post(
        "/auth/staff/sign-in",
        &json!({"email": email, "password": password}),
        None,
    )
    .await
    .status()
}

async fn invited_staff_choose_a_password_through_the_emailed_link(backend: Backend) {
    let sink = MailSink::start();
    let app = with_mail(backend, &sink).await;
    app.load_demo().await;
    let admin = app.admin().await;

    let invited = app
        .post(
            "/admin/staff",
            &json!({"display_name": "Sam Patel", "email": " Sam.Patel@Stoke-on-Trent.example ", "role": "participation_officer"}),
            Some(&admin),
        )
        .await;
    assert_eq!(invited.status(), StatusCode::CREATED);
    let member: StaffMember = invited.json().await.unwrap();
    assert_eq!(member.email.as_deref(), Some(NEW_OFFICER));
    assert!(member.invited && member.active);
    // Not before choosing a password, whatever is tried.
    assert_eq!(
        sign_in(&app, NEW_OFFICER, GOOD).await,
        StatusCode::UNAUTHORIZED
    );

    // Refusals, in words, writing nothing.
    let users = app.count("users").await;
    for (body, status, reason) in [
        (
            json!({"display_name": "Sam", "email": NEW_OFFICER, "role": "commissioner"}),
            StatusCode::CONFLICT,
            Reason::EmailTaken,
        ),
        (
            json!({"display_name": "Kid", "email": "kid@x.example", "role": "young_person"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Reason::StaffRole,
        ),
        (
            json!({"display_name": "Ann", "email": "not an email", "role": "commissioner"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Reason::EmailFormat,
        ),
        (
            json!({"display_name": "", "email": "ann@x.example", "role": "commissioner"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            Reason::DisplayNameEmpty,
        ),
    ] {
        let refused = app.post("/admin/staff", &body, Some(&admin)).await;
        assert_eq!(refused.status(), status, "{body}");
        assert_eq!(error_body(refused).await.reason, reason, "{body}");
    }
    assert_eq!(app.count("users").await, users, "nothing written");
    assert_eq!(app.count("account_links").await, 1);

    let mail = mail_to(&sink, NEW_OFFICER, 1).await;
    assert_eq!(mail.len(), 1, "one invitation");
    assert!(
        mail[0].contains("Subject: You are invited to Chorus"),
        "{}",
        mail[0]
    );
    let token = link_secret(&mail[0]);
    assert_eq!(token.len(), 43, "256 bits");
    // The secret is stored only as its hash.
    let stored = app
        .db
        .query_one(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT token_hash FROM account_links",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_ne!(stored.try_get::<String>("", "token_hash").unwrap(), token);

    // Weak passwords are refused with the reason, and the link still works after.
    for (weak, reason) in [
        ("password1234", Reason::PasswordTooCommon),
        ("sampatel2026", Reason::PasswordTooCommon),
        ("short", Reason::PasswordTooShort),
    ] {
        let refused = set_password(&app, &token, weak).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{weak}");
        let body = error_body(refused).await;
        assert_eq!(
            (body.reason, body.field.as_deref()),
            (reason, Some("password")),
            "{weak}"
        );
    }
    assert_eq!(
        set_password(&app, &token, GOOD).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(sign_in(&app, NEW_OFFICER, GOOD).await, StatusCode::OK);
    let listed: Vec<StaffMember> = app
        .get("/admin/staff", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert!(!listed.iter().find(|s| s.id == member.id).unwrap().invited);

    // Once only.
    let again = set_password(&app, &token, "marmalade anchor violin").await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_body(again).await.reason, Reason::LinkNotUsable);
    assert_eq!(sign_in(&app, NEW_OFFICER, GOOD).await, StatusCode::OK);
    let made_up = set_password(&app, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", GOOD).await;
    assert_eq!(made_up.status(), StatusCode::NOT_FOUND);

    let audit = app
        .get("/admin/audit/export", Some(&admin))
        .await
        .text()
        .await
        .unwrap();
    for action in ["staff_invited", "password_set"] {
        assert!(
            audit
                .lines()
                .any(|l| l.contains(action) && l.contains(&format!("user:{}", member.id))),
            "{action} audited"
        );
    }
    assert!(
        !audit.contains(&token),
        "the secret is never in the audit log"
    );
}

#[tokio::test]
async fn invited_staff_choose_a_password_through_the_emailed_link_sqlite() {
    invited_staff_choose_a_password_through_the_emailed_link(Backend::Sqlite).await
}

#[tokio::test]
async fn invited_staff_choose_a_password_through_the_emailed_link_postgres() {
    invited_staff_choose_a_password_through_the_emailed_link(Backend::Postgres).await
}

async fn a_forgotten_password_is_reset_by_a_link_that_ends_every_sign_in(backend: Backend) {
    let sink = MailSink::start();
    let app = with_mail(backend, &sink).await;
    app.load_demo().await;
    let officer = demo::OFFICER_EMAIL;
    let before = app.officer().await;
    assert_eq!(
        app.get("/moderation/queue", Some(&before)).await.status(),
        StatusCode::OK
    );

    let ask = |email: &'static str| {
        let app = &app;
        async move {
            app.post("/auth/password-reset", &json!({"email": email}), None)
                .await
                .status()
        }
    };
    // The same answer for an account and for no account; a bad email is still told.
    assert_eq!(
        ask("nobody@stoke-on-trent.example").await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        ask("brave-otter-42").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(ask(officer).await, StatusCode::NO_CONTENT);
    // Asking again at once sends nothing more (nobody can flood a mailbox).
    assert_eq!(ask(officer).await, StatusCode::NO_CONTENT);
    let mail = mail_to(&sink, officer, 1).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(mail_to(&sink, officer, 2).await.len(), 1, "one email");
    assert_eq!(
        sink.messages().len(),
        1,
        "nothing to addresses without an account"
    );
    assert!(mail[0].contains("Subject: Choose a new Chorus password"));
    let token = link_secret(&mail[0]);

    assert_eq!(
        set_password(&app, &token, GOOD).await.status(),
        StatusCode::NO_CONTENT
    );
    // Every earlier sign-in has ended; the old password is gone, the new one works.
    assert_eq!(
        app.get("/moderation/queue", Some(&before)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sign_in(&app, officer, demo::STAFF_PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(sign_in(&app, officer, GOOD).await, StatusCode::OK);

    // A link that has run out does nothing.
    app.db
        .execute_unprepared("UPDATE account_links SET created_at = '2000-01-01 00:00:00+00:00'")
        .await
        .unwrap();
    assert_eq!(ask(officer).await, StatusCode::NO_CONTENT);
    let mail = mail_to(&sink, officer, 2).await;
    assert_eq!(mail.len(), 2);
    let late = mail
        .iter()
        .map(|m| link_secret(m))
        .find(|t| *t != token)
        .unwrap();
    app.db
        .execute_unprepared(
            "UPDATE account_links SET expires_at = '2000-01-01 00:00:00+00:00' WHERE used_at IS NULL",
        )
        .await
        .unwrap();
    let expired = set_password(&app, &late, "marmalade anchor violin").await;
    assert_eq!(expired.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_body(expired).await.reason, Reason::LinkNotUsable);
    assert_eq!(sign_in(&app, officer, GOOD).await, StatusCode::OK);

    // A switched-off account gets no link.
    let admin = app.admin().await;
    let staff: Vec<StaffMember> = app
        .get("/admin/staff", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let id = staff
        .iter()
        .find(|s| s.email.as_deref() == Some(officer))
        .unwrap()
        .id;
    app.post(
        &format!("/admin/staff/{id}/deactivate"),
        &json!({}),
        Some(&admin),
    )
    .await;
    app.db
        .execute_unprepared("UPDATE account_links SET created_at = '2000-01-01 00:00:00+00:00'")
        .await
        .unwrap();
    assert_eq!(ask(officer).await, StatusCode::NO_CONTENT);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        mail_to(&sink, officer, 3).await.len(),
        2,
        "no link for a switched-off account"
    );
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_a_link_that_ends_every_sign_in_sqlite() {
    a_forgotten_password_is_reset_by_a_link_that_ends_every_sign_in(Backend::Sqlite).await
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_a_link_that_ends_every_sign_in_postgres() {
    a_forgotten_password_is_reset_by_a_link_that_ends_every_sign_in(Backend::Postgres).await
}
