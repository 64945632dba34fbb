//! A young person's phone seals what it keeps while waiting to send with a key handed out only
//! with a session: 256 bits, the same at every sign-in and refresh (so what one sign-in sealed
//! opens after the next), a different one for each young person, none for staff, and gone with
//! the young person's data.
use base64::Engine;
use chorus_tests::{both_databases, TestApp};
use reqwest::StatusCode;
use serde_json::json;
use shared::api::Session;

/// Signs in; the session and the refresh cookie.
async fn sign_in(app: &TestApp, name: &str, pin: &str) -> (Session, String) {
    let response = app
        .post(
            "/auth/young-person/sign-in",
            &json!({"sign_in_name": name, "pin": pin}),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    (response.json().await.unwrap(), cookie)
}

both_databases! {
    async fn each_young_person_s_phone_key_comes_only_with_their_sessions(app: TestApp) {
        app.load_demo().await;
        assert_eq!(app.count("storage_keys").await, 0, "made at first sign-in");
        let (first, cookie) = sign_in(&app, demo::YOUNG_PERSON_SIGN_IN, demo::YOUNG_PERSON_PIN).await;
        let key = first.storage_key.clone().expect("a young person's session carries their key");
        let bytes = base64::engine::general_purpose::STANDARD.decode(&key).expect("base64");
        assert_eq!(bytes.len(), 32, "256 bits");

        // The same key at the next sign-in and at a refresh; another young person's differs.
        let (second, _) = sign_in(&app, demo::YOUNG_PERSON_SIGN_IN, demo::YOUNG_PERSON_PIN).await;
        assert_eq!(second.storage_key.as_deref(), Some(key.as_str()));
        let refreshed = app.client.post(app.url("/auth/refresh")).header("cookie", &cookie).send().await.unwrap();
        assert_eq!(refreshed.status(), StatusCode::OK);
        let refreshed: Session = refreshed.json().await.unwrap();
        assert_eq!(refreshed.storage_key.as_deref(), Some(key.as_str()));
        let (other, _) = sign_in(&app, "calm-heron-7", "270394").await;
        assert_ne!(other.storage_key.as_deref(), Some(key.as_str()));
        assert_eq!(app.count("storage_keys").await, 2, "one each");

        // Staff sessions carry none; no other route hands one out.
        let staff = app.post("/auth/staff/sign-in", &json!({"email": demo::COMMISSIONER_EMAIL, "password": demo::STAFF_PASSWORD}), None).await;
        let body = staff.text().await.unwrap();
        assert!(body.contains("access_token") && !body.contains("storage_key"), "{body}");
        let me = app.get("/me", Some(&first.access_token)).await.text().await.unwrap();
        let export = app.get("/me/export", Some(&first.access_token)).await.text().await.unwrap();
        assert!(!me.contains(&key) && !export.contains(&key), "only a session carries it");

        // Erased: the key goes, so what a phone still holds can never be read.
        let officer = app.officer().await;
        let id = app.demo_young_person_id(&officer).await;
        assert_eq!(app.post(&format!("/young-people/{id}/erase"), &json!({}), Some(&officer)).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.count("storage_keys").await, 1);
    }
}
