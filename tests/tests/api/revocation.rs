//! An access token stops working the moment its holder's sign-ins are ended (here: erased), on
//! the instance that ended them and, within moments, on every other instance on the database,
//! though the token has not expired and no instance reads the database per request.
use chorus_tests::{both_databases, TestApp};
use reqwest::StatusCode;
use serde_json::json;
use std::time::{Duration, Instant};
use uuid::Uuid;

both_databases! {
    async fn an_erased_young_persons_token_is_refused_at_once_on_every_instance(app: TestApp) {
        app.load_demo().await;
        let other = app.spawn_beside().await;
        let token = app.young_person().await;
        let service = app.first_service(&token).await;
        let send = |to: &TestApp| {
            let body = json!({"id": Uuid::new_v4(), "service_id": service, "answers": {"safe": 4}});
            let (url, client, token) = (to.url("/feedback"), to.client.clone(), token.clone());
            async move { client.post(url).bearer_auth(token).json(&body).send().await.unwrap().status() }
        };
        assert_eq!(send(&app).await, StatusCode::CREATED);
        assert_eq!(send(&other).await, StatusCode::CREATED);
        let bystander = app.redeem("STKE-YP2E", "tidy-seal-7", "270394").await;

        let officer = app.officer().await;
        let me: shared::api::Me = app.get("/me", Some(&token)).await.json().await.unwrap();
        let erased = app.post(&format!("/young-people/{}/erase", me.id), &json!({}), Some(&officer)).await;
        assert_eq!(erased.status(), StatusCode::NO_CONTENT);

        // Here: at once.
        assert_eq!(send(&app).await, StatusCode::UNAUTHORIZED);
        assert_eq!(app.get("/me", Some(&token)).await.status(), StatusCode::UNAUTHORIZED);
        // Elsewhere: as soon as that instance next reads the revocations.
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let status = send(&other).await;
            if status == StatusCode::UNAUTHORIZED {
                break;
            }
            assert_eq!(status, StatusCode::CREATED);
            assert!(Instant::now() < deadline, "the other instance still takes the erased young person's token");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // Staff and other young people are not affected.
        assert_eq!(app.get("/me", Some(&officer)).await.status(), StatusCode::OK);
        assert_eq!(other.get("/me", Some(&officer)).await.status(), StatusCode::OK);
        assert_eq!(other.get("/me", Some(&bystander)).await.status(), StatusCode::OK);
        // A server started afterwards knows from the start.
        let third = app.spawn_beside().await;
        assert_eq!(send(&third).await, StatusCode::UNAUTHORIZED);
    }
}
