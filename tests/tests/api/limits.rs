//! Rate limits through the real server: sign-in attempts per client address (another address
//! is not held back) and submissions per young person, each refused with 429 and words, and a
//! refused submission is not stored. (Wrong PINs slowing further tries is in
//! wrong_tries.rs.)
use chorus_tests::{error_body, Backend, TestApp};
use reqwest::StatusCode;
use serde_json::json;
use shared::ErrorCode;
use uuid::Uuid;

async fn limits_hold_back_the_address_and_the_young_person_only(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.rate_limits.sign_in_per_minute = 4;
        s.rate_limits.submissions_per_minute = 3;
    })
    .await;
    app.load_demo().await;
    let token = app.young_person().await; // the first sign-in attempt from 127.0.0.1
    let service = app.first_service(&token).await;

    // Submissions: three a minute per young person, then 429; the fourth is not stored.
    let before = app.count("feedback").await;
    for n in 0..4 {
        let body = json!({"id": Uuid::new_v4(), "service_id": service, "answers": {"safe": 4}});
        let response = app.post("/feedback", &body, Some(&token)).await;
        if n < 3 {
            assert_eq!(response.status(), StatusCode::CREATED, "submission {n}");
        } else {
            assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
            let error = error_body(response).await;
            assert_eq!(error.error, ErrorCode::RateLimited);
            assert!(!error.message.is_empty());
        }
    }
    assert_eq!(app.count("feedback").await, before + 3);

    // Sign-in: four attempts a minute from one address (right or wrong), then 429.
    let wrong = json!({"sign_in_name": "brave-otter-42", "pin": "999999"});
    for _ in 0..3 {
        let response = app.post("/auth/young-person/sign-in", &wrong, None).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let right = json!({"sign_in_name": "brave-otter-42", "pin": "481516"});
    let held = app.post("/auth/young-person/sign-in", &right, None).await;
    assert_eq!(held.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(error_body(held).await.error, ErrorCode::RateLimited);
    let staff = json!({"email": "officer@stoke-on-trent.example", "password": "chorus-demo-2026"});
    assert_eq!(
        app.post("/auth/staff/sign-in", &staff, None).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        app.post("/invites/check", &json!({"code": "STKE-YP2A"}), None)
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );

    // Another address is not held back (loopback has all of 127.0.0.0/8).
    let elsewhere = reqwest::Client::builder()
        .local_address("127.0.0.2".parse::<std::net::IpAddr>().ok())
        .build()
        .unwrap();
    let response = elsewhere
        .post(app.url("/auth/young-person/sign-in"))
        .json(&right)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn limits_hold_back_the_address_and_the_young_person_only_sqlite() {
    limits_hold_back_the_address_and_the_young_person_only(Backend::Sqlite).await
}

#[tokio::test]
async fn limits_hold_back_the_address_and_the_young_person_only_postgres() {
    limits_hold_back_the_address_and_the_young_person_only(Backend::Postgres).await
}

/// Sign-in attempts sent with `X-Forwarded-For: from`, answered with these statuses.
async fn attempts_from(app: &TestApp, from: &str, n: usize) -> Vec<StatusCode> {
    let wrong = json!({"sign_in_name": "brave-otter-42", "pin": "999999"});
    let mut statuses = Vec::new();
    for _ in 0..n {
        let response = app
            .client
            .post(app.url("/auth/young-person/sign-in"))
            .header("X-Forwarded-For", from)
            .json(&wrong)
            .send()
            .await
            .unwrap();
        statuses.push(response.status());
    }
    statuses
}

async fn forwarded_addresses_count_only_behind_a_trusted_proxy(backend: Backend) {
    // Behind a trusted proxy (loopback here), each client has a limit of its own.
    let proxied = TestApp::spawn_with(backend, |s| {
        s.rate_limits.sign_in_per_minute = 2;
        s.rate_limits.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    proxied.load_demo().await;
    let first = attempts_from(&proxied, "198.51.100.7", 3).await;
    assert_eq!(first[2], StatusCode::TOO_MANY_REQUESTS, "{first:?}");
    let second = attempts_from(&proxied, "198.51.100.8", 1).await;
    assert_eq!(
        second,
        [StatusCode::UNAUTHORIZED],
        "another client is not held back"
    );

    // With no trusted proxy, the header is ignored: a new made-up address each time does not
    // escape the limit.
    let direct = TestApp::spawn_with(backend, |s| s.rate_limits.sign_in_per_minute = 2).await;
    direct.load_demo().await;
    let mut statuses = Vec::new();
    for n in 0..3 {
        statuses.extend(attempts_from(&direct, &format!("198.51.100.{n}"), 1).await);
    }
    assert_eq!(statuses[2], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
}

#[tokio::test]
async fn forwarded_addresses_count_only_behind_a_trusted_proxy_sqlite() {
    forwarded_addresses_count_only_behind_a_trusted_proxy(Backend::Sqlite).await
}

#[tokio::test]
async fn forwarded_addresses_count_only_behind_a_trusted_proxy_postgres() {
    forwarded_addresses_count_only_behind_a_trusted_proxy(Backend::Postgres).await
}
