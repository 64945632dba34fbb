//! Hostile input: every text field and a malformed body of every shape gets a 4xx with
//! `{error, message}` or is stored and comes back exactly — never a 5xx, never a partial write.
use chorus_tests::{both_databases, error_body};
use reqwest::StatusCode;
use serde_json::json;
use shared::api::MyFeedback;
use uuid::Uuid;

fn corpus() -> Vec<String> {
    vec![
        "x".repeat(5_000),
        "tab\tand\nnew line".into(),
        "bell\u{7} and null \u{0}".into(),
        "right-to-left \u{202E}override".into(),
        "emoji 😢🙂👍🏽 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢".into(),
        "Robert'); DROP TABLE feedback;--".into(),
        "<script>alert('x')</script>".into(),
        "مرحبا بالعالم".into(),
        "   ".into(),
        "\u{FEFF}zero\u{200B}width".into(),
    ]
}

both_databases! {
    async fn hostile_text_is_refused_clearly_or_stored_exactly(app: TestApp) {
        app.load_demo().await;
        let token = app.young_person().await;
        let service = app.first_service(&token).await;
        for text in corpus() {
            for field in ["tell_us_more", "make_better"] {
                let before = app.count("feedback").await;
                let id = Uuid::new_v4();
                let mut body = json!({"id": id, "service_id": service, "answers": {"safe": 4}});
                body[field] = json!(text);
                let response = app.post("/feedback", &body, Some(&token)).await;
                let status = response.status();
                assert!(!status.is_server_error(), "{field} = {text:?}: {status}");
                if status.is_success() {
                    let mine: Vec<MyFeedback> = app.get("/me/feedback", Some(&token)).await.json().await.unwrap();
                    let stored = mine.into_iter().find(|f| f.id == id).unwrap();
                    let back = if field == "tell_us_more" { stored.tell_us_more } else { stored.make_better };
                    let expected = Some(text.trim().to_owned()).filter(|t| !t.is_empty());
                    assert_eq!(back, expected, "{field} comes back exactly (trimmed)");
                } else {
                    assert!(status.is_client_error());
                    error_body(response).await;
                    assert_eq!(app.count("feedback").await, before, "nothing half-written");
                }
            }
            // Names and sign-in details too.
            for (path, body) in [
                ("/auth/young-person/sign-in", json!({"sign_in_name": text, "pin": text})),
                ("/auth/staff/sign-in", json!({"email": text, "password": text})),
                ("/invites/check", json!({"code": text})),
                ("/invites/redeem", json!({"code": "STKE-YP2H", "sign_in_name": "safe-name-9", "display_name": text, "pin": "270394"})),
            ] {
                let response = app.post(path, &body, None).await;
                let status = response.status();
                assert!(!status.is_server_error(), "{path} with {text:?}: {status}");
                if !status.is_success() {
                    error_body(response).await;
                }
            }
        }
    }

    async fn malformed_bodies_of_every_shape_are_refused_with_words(app: TestApp) {
        app.load_demo().await;
        let token = app.young_person().await;
        let invalid_utf8: Vec<u8> = b"{\"id\":\"\xff\xfe\"}".to_vec();
        let bodies: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"{".to_vec(),
            b"[]".to_vec(),
            b"null".to_vec(),
            b"{\"id\": 12, \"service_id\": true}".to_vec(),
            invalid_utf8,
            vec![b'{'; 200_000],
        ];
        let before = app.count("feedback").await;
        for body in bodies {
            let response = app
                .client
                .post(app.url("/feedback"))
                .bearer_auth(&token)
                .header("content-type", "application/json")
                .body(body.clone())
                .send()
                .await
                .unwrap();
            let status = response.status();
            assert!(status.is_client_error(), "{} bytes: {status}", body.len());
            assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR);
            error_body(response).await;
        }
        assert_eq!(app.count("feedback").await, before);
    }
}
