//! Web Push: a young person turns notifications on for a phone; news then reaches the phone's
//! push service (here a real HTTP receiver on loopback that checks the VAPID token and decrypts
//! the payload) saying only that there is news; an ended subscription is dropped, a failing push
//! service is tried again, and turning notifications off stops them.
use chorus_tests::push::PushReceiver;
use chorus_tests::{error_body, Backend, TestApp};
use reqwest::StatusCode;
use secrecy::SecretString;
use serde_json::json;
use std::time::Duration;
use uuid::Uuid;

async fn with_push(backend: Backend) -> TestApp {
    TestApp::spawn_with(backend, |s| {
        s.push.vapid_private_key = Some(SecretString::from(backend::push::new_private_key()));
        s.push.subject = "mailto:participation@stoke-on-trent.example".into();
        s.push.endpoint_hosts = "127.0.0.1".into();
        s.push.allow_http = true;
    })
    .await
}

/// Feedback from `token` that the officer publishes: news for its author.
async fn published(app: &TestApp, token: &str, officer: &str, words: &str) {
    let id = Uuid::new_v4();
    let service = app.first_service(token).await;
    let body =
        json!({"id": id, "service_id": service, "answers": {"safe": 4}, "tell_us_more": words});
    assert_eq!(
        app.post("/feedback", &body, Some(token)).await.status(),
        StatusCode::CREATED
    );
    let approve = app
        .post(
            &format!("/moderation/feedback/{id}/approve"),
            &json!({}),
            Some(officer),
        )
        .await;
    assert_eq!(approve.status(), StatusCode::NO_CONTENT);
}

async fn pushes_queued(app: &TestApp) -> i64 {
    app.count("outbox WHERE kind = 'push'").await
}

async fn news_reaches_the_phone_as_a_content_free_push(backend: Backend) {
    let receiver = PushReceiver::start().await;
    let app = with_push(backend).await;
    app.load_demo().await;
    let young = app.young_person().await;
    let heron = app.sign_in_young_person("calm-heron-7", "270394").await;
    let officer = app.officer().await;

    let key: serde_json::Value = app
        .get("/me/push/key", Some(&young))
        .await
        .json()
        .await
        .unwrap();
    let key = key["application_server_key"].as_str().unwrap().to_owned();
    assert_eq!(key.len(), 87, "an uncompressed P-256 point in base64url");
    assert_eq!(
        app.get("/me/push/key", Some(&officer)).await.status(),
        StatusCode::FORBIDDEN
    );

    // Only a push service the settings name, and keys that are keys.
    for (bad, field) in [
        (
            json!({"endpoint": "https://evil.example/push", "keys": receiver.subscription("/x")["keys"]}),
            "endpoint",
        ),
        (
            json!({"endpoint": receiver.subscription("/x")["endpoint"], "keys": {"p256dh": "AAAA", "auth": "AAAA"}}),
            "keys",
        ),
    ] {
        let refused = app.post("/me/push", &bad, Some(&young)).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_body(refused).await;
        assert_eq!(
            (body.reason, body.field.as_deref()),
            (shared::Reason::PushSubscription, Some(field))
        );
    }
    assert_eq!(
        app.count("push_subscriptions").await,
        0,
        "a refusal keeps nothing"
    );

    let jay_phone = "/phone/jay";
    assert_eq!(
        app.post("/me/push", &receiver.subscription(jay_phone), Some(&young))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.post(
            "/me/push",
            &receiver.subscription("/gone/heron"),
            Some(&heron)
        )
        .await
        .status(),
        StatusCode::NO_CONTENT
    );

    let words = "The new climbing wall is brilliant";
    published(&app, &young, &officer, words).await;
    let got = receiver.wait_for(jay_phone, 1).await;
    assert_eq!(got.len(), 1, "the push reached the phone's push service");
    assert_eq!(
        got[0].text, "You have news in Chorus",
        "content-free: never what happened"
    );
    assert_eq!(
        got[0].vapid_key, key,
        "signed with the key the phone subscribed with"
    );
    assert_eq!(
        got[0].subject,
        "mailto:participation@stoke-on-trent.example"
    );
    assert!(got[0].ttl.is_some());
    // Approving again is no news: no second push.
    let queued = pushes_queued(&app).await;
    let item: Vec<serde_json::Value> = app
        .get("/me/feedback", Some(&young))
        .await
        .json()
        .await
        .unwrap();
    let again = item.iter().find(|f| f["tell_us_more"] == words).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post(
        &format!("/moderation/feedback/{again}/approve"),
        &json!({}),
        Some(&officer),
    )
    .await;
    assert_eq!(pushes_queued(&app).await, queued);

    // A subscription the push service says has ended (410) is dropped after its push.
    published(&app, &heron, &officer, "Dinner was late again").await;
    assert_eq!(receiver.wait_for("/gone/heron", 1).await.len(), 1);
    let start = std::time::Instant::now();
    while app.count("push_subscriptions").await != 1 && start.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        app.count("push_subscriptions").await,
        1,
        "only Jay's phone is left"
    );

    // A push service that fails once gets the push on the next try, once.
    assert_eq!(
        app.post(
            "/me/push",
            &receiver.subscription("/flaky/heron"),
            Some(&heron)
        )
        .await
        .status(),
        StatusCode::NO_CONTENT
    );
    published(&app, &heron, &officer, "Dinner was on time today").await;
    assert_eq!(
        receiver.wait_for("/flaky/heron", 1).await.len(),
        1,
        "sent again after the 500"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        receiver.wait_for("/flaky/heron", 1).await.len(),
        1,
        "and only once"
    );

    // Off for this phone: news comes, no push is queued.
    let off = app
        .post(
            "/me/push/off",
            &json!({"endpoint": receiver.subscription(jay_phone)["endpoint"]}),
            Some(&young),
        )
        .await;
    assert_eq!(off.status(), StatusCode::NO_CONTENT);
    let queued = pushes_queued(&app).await;
    published(&app, &young, &officer, "The bus pass came").await;
    assert_eq!(pushes_queued(&app).await, queued);
    let news: shared::api::News = app
        .get("/me/news", Some(&young))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(news.unread, 2, "the news is there all the same");
    // Erasure takes the young person's phones.
    let me: serde_json::Value = app.get("/me", Some(&heron)).await.json().await.unwrap();
    let heron_id = me["id"].as_str().unwrap();
    app.post(
        &format!("/young-people/{heron_id}/erase"),
        &json!({}),
        Some(&officer),
    )
    .await;
    assert_eq!(app.count("push_subscriptions").await, 0);
    receiver.stop().await;
}

#[tokio::test]
async fn news_reaches_the_phone_as_a_content_free_push_sqlite() {
    news_reaches_the_phone_as_a_content_free_push(Backend::Sqlite).await
}

#[tokio::test]
async fn news_reaches_the_phone_as_a_content_free_push_postgres() {
    news_reaches_the_phone_as_a_content_free_push(Backend::Postgres).await
}

#[tokio::test]
async fn without_a_vapid_key_notifications_are_off_and_say_so() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.load_demo().await;
    let young = app.young_person().await;
    let key = app.get("/me/push/key", Some(&young)).await;
    assert_eq!(key.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        error_body(key).await.reason,
        shared::Reason::NotificationsOff
    );
    let receiver = PushReceiver::start().await;
    let on = app
        .post("/me/push", &receiver.subscription("/phone"), Some(&young))
        .await;
    assert_eq!(on.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count("push_subscriptions").await, 0);
}
