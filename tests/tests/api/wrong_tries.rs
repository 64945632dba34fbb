//! Wrong PINs and passwords slow further tries down; they never lock a child out, and nothing in
//! the answers (words, status, wait, time taken) tells a real sign-in name from a made-up one.
//! Clients are told apart by `X-Forwarded-For` behind a trusted proxy (loopback here).
use chorus_tests::{error_body, Backend, TestApp};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use shared::{ErrorCode, Reason};
use std::time::{Duration, Instant};

const REAL: &str = "brave-otter-42";
const MADE_UP: &str = "brave-otter-97";
const RIGHT_PIN: &str = "481516";
const ATTACKER: &str = "198.51.100.7";
const CHILDS_PHONE: &str = "203.0.113.9";

async fn behind_a_proxy(backend: Backend) -> TestApp {
    let app = TestApp::spawn_with(backend, |s| {
        s.rate_limits.sign_in_per_minute = 0;
        s.rate_limits.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    app.load_demo().await;
    app
}

async fn try_pin(app: &TestApp, from: &str, name: &str, pin: &str) -> Response {
    app.client
        .post(app.url("/auth/young-person/sign-in"))
        .header("X-Forwarded-For", from)
        .json(&json!({"sign_in_name": name, "pin": pin}))
        .send()
        .await
        .unwrap()
}

async fn try_password(app: &TestApp, from: &str, email: &str) -> Response {
    app.client
        .post(app.url("/auth/staff/sign-in"))
        .header("X-Forwarded-For", from)
        .json(&json!({"email": email, "password": "not-the-password-at-all"}))
        .send()
        .await
        .unwrap()
}

/// Status, and the body without its words (the words say how long to wait, which moves on).
async fn answer(response: Response) -> (StatusCode, Option<u64>, Value) {
    let status = response.status();
    let retry_after = response
        .headers()
        .get("Retry-After")
        .map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
    let error = error_body(response).await;
    (
        status,
        retry_after,
        json!({"error": error.error, "reason": error.reason}),
    )
}

async fn rows(app: &TestApp, sql: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let row = app
        .db
        .query_one(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            sql.to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

async fn wrong_tries_slow_down_alike_for_real_and_made_up_names(backend: Backend) {
    let app = behind_a_proxy(backend).await;
    // Five free wrong tries, and a sixth that starts the waits: the same answers for both names.
    for n in 0..6 {
        let real = answer(try_pin(&app, ATTACKER, REAL, "999999").await).await;
        let made_up = answer(try_pin(&app, ATTACKER, MADE_UP, "999999").await).await;
        assert_eq!(real, made_up, "wrong try {n}");
        assert_eq!(real.0, StatusCode::UNAUTHORIZED, "wrong try {n}");
    }
    // Then both wait, even with the right PIN, and are told how long, in words and in
    // Retry-After.
    let held = try_pin(&app, ATTACKER, REAL, RIGHT_PIN).await;
    let words = held.headers().get("Retry-After").cloned();
    let real = answer(held).await;
    let made_up = answer(try_pin(&app, ATTACKER, MADE_UP, RIGHT_PIN).await).await;
    assert_eq!(real, made_up);
    assert_eq!(real.0, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(real.2["error"], json!(ErrorCode::RateLimited));
    assert_eq!(real.2["reason"], json!(Reason::TooManyWrongTries));
    assert!(matches!(real.1, Some(1..=30)), "{words:?}");
    let message = error_body(try_pin(&app, ATTACKER, REAL, RIGHT_PIN).await)
        .await
        .message;
    assert!(
        message.contains("Please wait") && message.contains("seconds"),
        "{message}"
    );

    // The child, on their own phone, is not locked out.
    assert_eq!(
        try_pin(&app, CHILDS_PHONE, REAL, RIGHT_PIN).await.status(),
        StatusCode::OK
    );

    // The participation team is told once, by email through the outbox, and it is audited; a
    // made-up name has nobody to tell.
    let deadline = Instant::now() + Duration::from_secs(10);
    while rows(
        &app,
        "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'wrong_tries'",
    )
    .await
        == 0
    {
        assert!(Instant::now() < deadline, "the team was never told");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let officers = rows(
        &app,
        "SELECT COUNT(*) AS n FROM users WHERE role = 'participation_officer'",
    )
    .await;
    assert_eq!(
        rows(
            &app,
            "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'wrong_tries'"
        )
        .await,
        officers
    );
    assert_eq!(
        rows(
            &app,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'sign_in_slowed'"
        )
        .await,
        1
    );
    let body: String = {
        use sea_orm::ConnectionTrait;
        let row = app
            .db
            .query_one(sea_orm::Statement::from_string(
                app.db.get_database_backend(),
                "SELECT body FROM outbox WHERE kind = 'wrong_tries'".to_owned(),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get("", "body").unwrap()
    };
    assert!(body.contains(REAL) && !body.contains("999999"), "{body}");

    // Their officer lets them try again at once from anywhere (audited).
    assert_eq!(
        try_pin(&app, ATTACKER, REAL, RIGHT_PIN).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    let officer = app.officer().await;
    let people: Vec<Value> = app
        .get("/young-people", Some(&officer))
        .await
        .json()
        .await
        .unwrap();
    let id = people
        .iter()
        .find(|p| p["sign_in_name"] == json!(REAL))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let unlocked = app
        .post(
            &format!("/young-people/{id}/unlock"),
            &json!({}),
            Some(&officer),
        )
        .await;
    assert_eq!(unlocked.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        try_pin(&app, ATTACKER, REAL, RIGHT_PIN).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        rows(
            &app,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'young_person_unlocked'"
        )
        .await,
        1
    );

    // Each wrong try past the free ones doubles the wait.
    let past = chrono::Utc::now() - chrono::Duration::seconds(31);
    let set_last = match app.backend {
        Backend::Sqlite => "UPDATE sign_in_failures SET last_failure_at = ?",
        Backend::Postgres => "UPDATE sign_in_failures SET last_failure_at = $1",
    };
    {
        use sea_orm::ConnectionTrait;
        let statement = sea_orm::Statement::from_sql_and_values(
            app.db.get_database_backend(),
            set_last,
            [past.into()],
        );
        app.db.execute(statement).await.unwrap();
    }
    assert_eq!(
        try_pin(&app, ATTACKER, MADE_UP, "999999").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let (status, wait, _) = answer(try_pin(&app, ATTACKER, MADE_UP, "999999").await).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(matches!(wait, Some(31..=60)), "{wait:?}");

    // Staff too: a real email and a made-up one are answered alike.
    for n in 0..7 {
        let real = answer(try_password(&app, ATTACKER, demo::OFFICER_EMAIL).await).await;
        let made_up =
            answer(try_password(&app, ATTACKER, "nobody@stoke-on-trent.example").await).await;
        assert_eq!(real, made_up, "staff wrong try {n}");
    }
}

#[tokio::test]
async fn wrong_tries_slow_down_alike_for_real_and_made_up_names_sqlite() {
    wrong_tries_slow_down_alike_for_real_and_made_up_names(Backend::Sqlite).await
}

#[tokio::test]
async fn wrong_tries_slow_down_alike_for_real_and_made_up_names_postgres() {
    wrong_tries_slow_down_alike_for_real_and_made_up_names(Backend::Postgres).await
}

/// The middle of these times.
fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

async fn a_wrong_pin_takes_as_long_for_a_real_name_as_for_a_made_up_one(backend: Backend) {
    // More tries per name than the per-name allowance, so that the medians are steady.
    let app = TestApp::spawn_with(backend, |s| {
        s.rate_limits.sign_in_per_minute = 0;
        s.rate_limits.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        s.auth.wrong_tries.per_name = 1_000;
    })
    .await;
    app.load_demo().await;
    // Interleaved, each from an address of its own so no wait starts; a few first to warm up.
    // Enough pairs, each in turn going first, that the other tests running beside this one on
    // the same cores move both medians alike.
    let (mut real, mut made_up) = (Vec::new(), Vec::new());
    for n in 0..43 {
        let mut pair = [(REAL, &mut real), ("quiet-heron-31", &mut made_up)];
        if n % 2 == 1 {
            pair.reverse();
        }
        for (name, times) in pair {
            let from = format!("198.51.{}.{n}", if name == REAL { 100 } else { 101 });
            let started = Instant::now();
            let status = try_pin(&app, &from, name, "999999").await.status();
            assert_eq!(status, StatusCode::UNAUTHORIZED);
            if n >= 3 {
                times.push(started.elapsed());
            }
        }
    }
    let (real, made_up) = (median(real), median(made_up));
    let ratio = real.as_secs_f64() / made_up.as_secs_f64();
    assert!(
        (0.6..=1.6).contains(&ratio),
        "real {real:?}, made-up {made_up:?}"
    );
}

#[tokio::test]
async fn a_wrong_pin_takes_as_long_for_a_real_name_as_for_a_made_up_one_sqlite() {
    a_wrong_pin_takes_as_long_for_a_real_name_as_for_a_made_up_one(Backend::Sqlite).await
}

#[tokio::test]
async fn a_wrong_pin_takes_as_long_for_a_real_name_as_for_a_made_up_one_postgres() {
    a_wrong_pin_takes_as_long_for_a_real_name_as_for_a_made_up_one(Backend::Postgres).await
}
