//! A young person who has forgotten their PIN gets a one-time reset code from their officer and is
//! back in with the same account, history and sign-in name; the code works once, for a while, for
//! nobody else; every other sign-in of theirs ends.

use chorus_tests::{both_databases, error_body, TestApp};
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::json;
use shared::api::{MyFeedback, PinResetCode, Session};
use shared::Reason;
use uuid::Uuid;

const NEW_PIN: &str = "503917";

async fn jay(app: &TestApp, officer: &str) -> Uuid {
    app.demo_young_person_id(officer).await
}

async fn reset(app: &TestApp, code: &str, pin: &str) -> reqwest::Response {
    app.post("/auth/pin-reset", &json!({"code": code, "pin": pin}), None)
        .await
}

async fn sign_in(app: &TestApp, pin: &str) -> StatusCode {
    app.post(
        "/auth/young-person/sign-in",
        &json!({"sign_in_name": demo::YOUNG_PERSON_SIGN_IN, "pin": pin}),
        None,
    )
    .await
    .status()
}

both_databases! {
    async fn a_reset_code_lets_a_young_person_choose_a_new_pin_and_keep_everything(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let before = app.young_person().await;
        let history: Vec<MyFeedback> = app.get("/me/feedback", Some(&before)).await.json().await.unwrap();
        assert!(!history.is_empty(), "Jay has feedback to keep");
        let id = jay(&app, &officer).await;

        let issued = app.post(&format!("/young-people/{id}/pin-reset"), &json!({}), Some(&officer)).await;
        assert_eq!(issued.status(), StatusCode::OK);
        let first: PinResetCode = issued.json().await.unwrap();
        assert_eq!(first.sign_in_name, demo::YOUNG_PERSON_SIGN_IN);
        // A second code voids the first.
        let code: PinResetCode = app
            .post(&format!("/young-people/{id}/pin-reset"), &json!({}), Some(&officer))
            .await
            .json()
            .await
            .unwrap();
        assert_ne!(code.code, first.code);
        let voided = reset(&app, &first.code, NEW_PIN).await;
        assert_eq!(voided.status(), StatusCode::NOT_FOUND);
        assert_eq!(error_body(voided).await.reason, Reason::ResetCodeNotUsable);

        // A guessable PIN or a malformed code is refused in words, and the code still works after.
        let easy = reset(&app, &code.code, "123456").await;
        assert_eq!(easy.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error_body(easy).await.reason, Reason::PinTooEasy);
        let malformed = reset(&app, "not a code", NEW_PIN).await;
        assert_eq!(error_body(malformed).await.reason, Reason::InviteCodeFormat);

        // Typed as a child might: lower case, no dash.
        let typed = code.code.to_lowercase().replace('-', "");
        let back = reset(&app, &typed, NEW_PIN).await;
        assert_eq!(back.status(), StatusCode::OK);
        assert!(back.headers().get("set-cookie").is_some(), "signed in, with a refresh cookie");
        let session: Session = back.json().await.unwrap();
        assert_eq!(session.me.id, id, "the same account");
        assert_eq!(session.me.sign_in_name.as_deref(), Some(demo::YOUNG_PERSON_SIGN_IN));
        let after: Vec<MyFeedback> = app.get("/me/feedback", Some(&session.access_token)).await.json().await.unwrap();
        assert_eq!(after.len(), history.len(), "their history is kept");

        // The old PIN and the old sign-in are gone; the new PIN works; the code works once.
        assert_eq!(app.get("/me", Some(&before)).await.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(sign_in(&app, demo::YOUNG_PERSON_PIN).await, StatusCode::UNAUTHORIZED);
        assert_eq!(sign_in(&app, NEW_PIN).await, StatusCode::OK);
        assert_eq!(reset(&app, &code.code, "740261").await.status(), StatusCode::NOT_FOUND);

        let audit = app.get("/admin/audit/export", Some(&app.admin().await)).await.text().await.unwrap();
        for action in ["pin_reset_issued", "pin_reset"] {
            assert!(audit.lines().any(|l| l.contains(&format!("\"{action}\"")) || l.contains(&format!(",{action},"))), "{action} audited");
        }
        assert!(!audit.contains(&code.code), "the code is never in the audit log");
    }

    async fn a_reset_code_runs_out_and_only_an_officer_of_the_organisation_makes_one(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let id = jay(&app, &officer).await;
        for token in [app.young_person().await, app.admin().await, app.commissioner().await] {
            let refused = app.post(&format!("/young-people/{id}/pin-reset"), &json!({}), Some(&token)).await;
            assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        }
        let [_, officer_b, ..] = app.second_organisation().await;
        let elsewhere = app.post(&format!("/young-people/{id}/pin-reset"), &json!({}), Some(&officer_b)).await;
        assert_eq!(elsewhere.status(), StatusCode::NOT_FOUND);
        assert_eq!(app.count("account_links").await, 0, "nothing made for them");

        let code: PinResetCode = app
            .post(&format!("/young-people/{id}/pin-reset"), &json!({}), Some(&officer))
            .await
            .json()
            .await
            .unwrap();
        let hours = (code.expires_at - chrono::Utc::now()).num_hours();
        assert!((71..=72).contains(&hours), "{hours} hours");
        app.db
            .execute_unprepared("UPDATE account_links SET expires_at = '2000-01-01 00:00:00+00:00'")
            .await
            .unwrap();
        let late = reset(&app, &code.code, NEW_PIN).await;
        assert_eq!(late.status(), StatusCode::NOT_FOUND);
        assert!(error_body(late).await.message.contains("Ask your participation officer"));
        assert_eq!(sign_in(&app, demo::YOUNG_PERSON_PIN).await, StatusCode::OK, "the PIN is unchanged");
    }
}
