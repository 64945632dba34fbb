//! An access token stops working the moment its holder's sign-ins are ended (erased, signed out
//! everywhere), on the instance that ended them and, within moments, on every other instance on
//! the database, though the token has not expired and no instance reads the database per request.
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

    async fn signing_out_everywhere_ends_every_sign_in_of_that_person_only(app: TestApp) {
        app.load_demo().await;
        let other = app.spawn_beside().await;
        let sign_in = |to: &TestApp| {
            let (url, client) = (to.url("/auth/young-person/sign-in"), to.client.clone());
            async move {
                let body = json!({"sign_in_name": "brave-otter-42", "pin": "481516"});
                let response = client.post(url).json(&body).send().await.unwrap();
                assert_eq!(response.status(), StatusCode::OK);
                let cookie = response.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
                let session: shared::api::Session = response.json().await.unwrap();
                (session.access_token, cookie)
            }
        };
        // The same young person on a phone (this instance) and a tablet (the other one).
        let (phone, phone_cookie) = sign_in(&app).await;
        let (tablet, tablet_cookie) = sign_in(&other).await;
        let officer = app.officer().await;
        assert_eq!(other.get("/me", Some(&tablet)).await.status(), StatusCode::OK);

        let out = app.client.post(app.url("/auth/sign-out-everywhere")).header("cookie", &phone_cookie).send().await.unwrap();
        assert_eq!(out.status(), StatusCode::NO_CONTENT);
        assert!(out.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"), "the cookie is cleared");

        assert_eq!(app.get("/me", Some(&phone)).await.status(), StatusCode::UNAUTHORIZED);
        let deadline = Instant::now() + Duration::from_secs(5);
        while other.get("/me", Some(&tablet)).await.status() != StatusCode::UNAUTHORIZED {
            assert!(Instant::now() < deadline, "the tablet's access token still works elsewhere");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        for cookie in [&phone_cookie, &tablet_cookie] {
            let refreshed = other.client.post(other.url("/auth/refresh")).header("cookie", cookie).send().await.unwrap();
            assert_eq!(refreshed.status(), StatusCode::UNAUTHORIZED, "no refresh token survives");
        }
        // Someone else's sign-in is untouched, and signing in again works.
        assert_eq!(app.get("/me", Some(&officer)).await.status(), StatusCode::OK);
        let (again, _) = sign_in(&app).await;
        assert_eq!(other.get("/me", Some(&again)).await.status(), StatusCode::OK);
        assert_eq!(app.count("audit_log WHERE action = 'signed_out_everywhere'").await, 1);
        // Without a cookie, or with one that is not ours, nothing happens.
        let nobody = app.client.post(app.url("/auth/sign-out-everywhere")).header("cookie", "chorus_refresh=made-up").send().await.unwrap();
        assert_eq!(nobody.status(), StatusCode::NO_CONTENT);
        assert_eq!(other.get("/me", Some(&again)).await.status(), StatusCode::OK);
    }
}
