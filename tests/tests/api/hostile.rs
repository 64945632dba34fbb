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

    async fn hostile_text_in_staff_fields_and_query_parameters_is_refused_clearly_or_kept_exactly(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let commissioner = app.commissioner().await;
        let admin = app.admin().await;
        let young = app.young_person().await;
        let service = app.first_service(&young).await;
        let refused_in_words = |status: StatusCode, what: &str| {
            assert!(!status.is_server_error(), "{what}: {status}");
        };
        for text in corpus() {
            let kept = Some(text.trim().to_owned()).filter(|t| !t.is_empty());

            // "You said, we did" to a service: refused with words, or shown back exactly.
            let response = app.post("/responses", &json!({"service_id": service, "body": text}), Some(&officer)).await;
            let status = response.status();
            refused_in_words(status, &format!("response {text:?}"));
            if status.is_success() {
                let detail: serde_json::Value = app.get(&format!("/dashboard/services/{service}"), Some(&commissioner)).await.json().await.unwrap();
                let bodies: Vec<&str> = detail["responses"].as_array().unwrap().iter().map(|r| r["body"].as_str().unwrap()).collect();
                assert!(bodies.contains(&kept.as_deref().unwrap()), "the response comes back exactly: {text:?}");
            } else {
                error_body(response).await;
            }

            // A rejection's note to the young person.
            let id = Uuid::new_v4();
            app.post("/feedback", &json!({"id": id, "service_id": service, "answers": {"safe": 4}}), Some(&young)).await;
            let response = app.post(&format!("/moderation/feedback/{id}/reject"), &json!({"reason": "other", "note": text}), Some(&officer)).await;
            let status = response.status();
            refused_in_words(status, &format!("rejection note {text:?}"));
            if !status.is_success() {
                error_body(response).await;
                let item: serde_json::Value = app.get(&format!("/moderation/feedback/{id}"), Some(&officer)).await.json().await.unwrap();
                assert_eq!(item["status"], "pending", "a refused rejection leaves the feedback as it was");
            }

            // The organisation's safeguarding phrases.
            let response = app.put("/admin/safeguarding-phrases", &json!({"phrases": ["hurt me", text]}), Some(&admin)).await;
            let status = response.status();
            refused_in_words(status, &format!("phrase {text:?}"));
            let phrases: serde_json::Value = app.get("/admin/safeguarding-phrases", Some(&admin)).await.json().await.unwrap();
            let list: Vec<&str> = phrases["phrases"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
            if status.is_success() {
                assert!(list.contains(&"hurt me"), "{list:?}");
            } else {
                error_body(response).await;
                assert!(!list.iter().any(|p| *p == text), "a refused list is not half-kept");
            }

            // Query parameters: a clear 4xx (or the default), never a 5xx.
            for path in [
                format!("/dashboard/scores?window={}", urlencode(&text)),
                format!("/dashboard/scores?quarter={}", urlencode(&text)),
                format!("/dashboard/scores?format={}", urlencode(&text)),
                format!("/dashboard/services/{service}?quarters={}", urlencode(&text)),
                format!("/dashboard/kpis?quarter={}", urlencode(&text)),
                format!("/dashboard/report?quarter={}", urlencode(&text)),
                format!("/dashboard/report?format={}", urlencode(&text)),
            ] {
                let response = app.get(&path, Some(&commissioner)).await;
                let status = response.status();
                refused_in_words(status, &path);
                if status.is_client_error() {
                    error_body(response).await;
                }
            }
        }
    }
}

/// Percent-encodes every byte that is not unreserved (RFC 3986).
fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
