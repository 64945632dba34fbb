//! Every refusal carries a stable `reason` beside its code and words, so the web apps can show
//! it in the reader's language: one refusal of each kind, through the real server.
use chorus_tests::{both_databases, error_body};
use reqwest::StatusCode;
use serde_json::{json, Value};
use shared::{ErrorCode, Reason};
use uuid::Uuid;

both_databases! {
    async fn each_refusal_carries_its_reason(app: TestApp) {
        app.load_demo().await;
        let young = app.young_person().await;
        let officer = app.officer().await;
        let easy_pin = json!({"code": "STKE-YP2A", "sign_in_name": "new-otter-1", "display_name": "Sam", "pin": "111111"});
        let wrong_pin = json!({"sign_in_name": "brave-otter-42", "pin": "999999"});
        let nobody = Uuid::new_v4();
        let cases = [
            (app.post("/invites/redeem", &easy_pin, None).await, 422, ErrorCode::InvalidInput, Reason::PinTooEasy),
            (app.post("/invites/check", &json!({"code": "K7PM"}), None).await, 422, ErrorCode::InvalidInput, Reason::InviteCodeFormat),
            (app.post("/invites/check", &json!({"code": "ZZZZ-ZZZZ"}), None).await, 404, ErrorCode::InviteNotFound, Reason::InviteNotFound),
            (app.post("/auth/young-person/sign-in", &wrong_pin, None).await, 401, ErrorCode::WrongCredentials, Reason::WrongCredentials),
            (app.post("/feedback", &json!({"nonsense": true}), Some(&young)).await, 400, ErrorCode::MalformedRequest, Reason::MalformedRequest),
            (app.get("/me", None).await, 401, ErrorCode::Unauthenticated, Reason::Unauthenticated),
            (app.get("/moderation/queue", Some(&young)).await, 403, ErrorCode::Forbidden, Reason::Forbidden),
            (app.get("/no-such-thing", Some(&young)).await, 404, ErrorCode::NotFound, Reason::AddressNotFound),
            (app.get(&format!("/tenders/{nobody}"), Some(&officer)).await, 404, ErrorCode::NotFound, Reason::TenderNotFound),
            (app.get(&format!("/moderation/feedback/{nobody}"), Some(&officer)).await, 404, ErrorCode::NotFound, Reason::FeedbackNotFound),
        ];
        for (response, status, code, reason) in cases {
            let url = response.url().path().to_owned();
            assert_eq!(response.status(), StatusCode::from_u16(status).unwrap(), "{url}");
            let body = error_body(response).await;
            assert_eq!((body.error, body.reason), (code, reason), "{url}: {}", body.message);
        }
    }
}

both_databases! {
    async fn the_openapi_document_lists_every_reason_by_its_wire_name(app: TestApp) {
        let doc: Value = app.get("/openapi.json", None).await.json().await.unwrap();
        let reason = &doc["components"]["schemas"]["ApiError"]["properties"]["reason"];
        let listed = reason.get("enum").or_else(|| reason["oneOf"][0].get("enum")).expect("an enum of reasons");
        let names: Vec<&str> = Reason::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(listed, &json!(names));
    }
}
