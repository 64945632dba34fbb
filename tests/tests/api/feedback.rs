use chorus_tests::{both_databases, error_body};
use reqwest::StatusCode;
use serde_json::json;
use shared::api::{FeedbackReceipt, ModerationItem};
use shared::ErrorCode;
use uuid::Uuid;

both_databases! {
    async fn a_retried_submission_is_stored_once(app: TestApp) {
        app.load_demo().await;
        let token = app.young_person().await;
        let service = app.first_service(&token).await;
        let before = app.count("feedback").await;
        let body = json!({"id": Uuid::new_v4(), "service_id": service, "answers": {"safe": 4, "involved": 2}, "tell_us_more": "It is ok here"});
        let first = app.post("/feedback", &body, Some(&token)).await;
        assert_eq!(first.status(), StatusCode::CREATED);
        let again = app.post("/feedback", &body, Some(&token)).await;
        assert_eq!(again.status(), StatusCode::OK);
        assert_eq!(first.json::<FeedbackReceipt>().await.unwrap(), again.json::<FeedbackReceipt>().await.unwrap());
        assert_eq!(app.count("feedback").await, before + 1);

        // Someone else cannot take over that id.
        let other = app.redeem("STKE-YP2C", "quiet-owl-5", "270394").await;
        let other_service = app.first_service(&other).await;
        let stolen = app.post("/feedback", &json!({"id": body["id"], "service_id": other_service, "answers": {"safe": 5}}), Some(&other)).await;
        assert_eq!(stolen.status(), StatusCode::CONFLICT);
        assert_eq!(app.count("feedback").await, before + 1);
    }

    async fn bad_feedback_is_refused_with_the_field_named(app: TestApp) {
        app.load_demo().await;
        let token = app.young_person().await;
        let service = app.first_service(&token).await;
        let before = app.count("feedback").await;
        let cases = [
            (json!({"id": Uuid::new_v4(), "service_id": Uuid::new_v4(), "answers": {"safe": 3}}), StatusCode::UNPROCESSABLE_ENTITY, Some("service_id")),
            (json!({"id": Uuid::new_v4(), "service_id": service, "answers": {}}), StatusCode::UNPROCESSABLE_ENTITY, Some("answers")),
            (json!({"id": Uuid::new_v4(), "service_id": service, "answers": {"safe": 9}}), StatusCode::BAD_REQUEST, None),
            (json!({"id": Uuid::new_v4(), "service_id": service, "tell_us_more": "x".repeat(2001)}), StatusCode::UNPROCESSABLE_ENTITY, Some("tell_us_more")),
            (json!({"id": "not-a-uuid", "service_id": service, "answers": {"safe": 3}}), StatusCode::BAD_REQUEST, None),
        ];
        for (body, status, field) in cases {
            let response = app.post("/feedback", &body, Some(&token)).await;
            assert_eq!(response.status(), status, "{body}");
            let error = error_body(response).await;
            assert_eq!(error.field.as_deref(), field, "{body}");
        }
        assert_eq!(app.count("feedback").await, before, "nothing was stored");
    }

    async fn officers_see_a_name_only_when_the_young_person_chose_to_share_it(app: TestApp) {
        app.load_demo().await;
        let token = app.young_person().await;
        let service = app.first_service(&token).await;
        let (named, anonymous) = (Uuid::new_v4(), Uuid::new_v4());
        app.post("/feedback", &json!({"id": named, "service_id": service, "answers": {"safe": 4}, "named": true}), Some(&token)).await;
        app.post("/feedback", &json!({"id": anonymous, "service_id": service, "answers": {"safe": 4}}), Some(&token)).await;

        let queue: Vec<ModerationItem> = app.get("/moderation/queue", Some(&app.officer().await)).await.json().await.unwrap();
        let find = |id: Uuid| queue.iter().find(|i| i.id == id).cloned().unwrap();
        assert_eq!(find(named).author_display_name.as_deref(), Some("Jay"));
        assert_eq!(find(anonymous).author_display_name, None);

        // An officer of another organisation sees none of it.
        let other = backend::store::organisations::ensure(&app.db, "elsewhere", "Elsewhere Council", None).await.unwrap();
        backend::seed::staff(&app.db, other.id, shared::Role::ParticipationOfficer, "officer@elsewhere.example", backend::demo::STAFF_PASSWORD, "Other Officer").await.unwrap();
        let theirs: Vec<ModerationItem> = app.get("/moderation/queue", Some(&app.sign_in_staff("officer@elsewhere.example").await)).await.json().await.unwrap();
        assert!(theirs.is_empty());
        let detail = app.get(&format!("/moderation/feedback/{named}"), Some(&app.sign_in_staff("officer@elsewhere.example").await)).await;
        assert_eq!(detail.status(), StatusCode::NOT_FOUND);
        assert_eq!(error_body(detail).await.error, ErrorCode::NotFound);
    }
}
