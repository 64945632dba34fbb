//! What answers tell browsers and proxies: nothing under `/api/v1` is kept (`Cache-Control:
//! no-store`, since answers hold young people's data), checked on every route in the OpenAPI
//! document as every role that may call it; and every 429 says when to try again.
use chorus_tests::{both_databases, error_body, Backend, TestApp, ROUTE_ROLES};
use reqwest::{header, Response, StatusCode};
use serde_json::{json, Value};
use shared::Reason;
use uuid::Uuid;

fn cache_control(response: &Response) -> &str {
    response
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("(none)")
}

async fn call(app: &TestApp, method: &str, path: &str, token: Option<&str>) -> Response {
    match method {
        "GET" => app.get(path, token).await,
        "PUT" => app.put(path, &json!({}), token).await,
        _ => app.post(path, &json!({}), token).await,
    }
}

fn id_of(value: &Value) -> String {
    value["id"].as_str().expect("an id").to_owned()
}

both_databases! {
    async fn no_answer_under_the_api_is_kept_by_a_browser_or_proxy(app: TestApp) {
        app.load_demo().await;
        let tokens = [app.young_person().await, app.officer().await, app.commissioner().await, app.admin().await, app.provider().await];
        // The demo's own things where a path names one (their answers hold the most), else nothing.
        let tenders: Vec<Value> = app.get("/tenders", Some(&tokens[1])).await.json().await.unwrap();
        let tender = id_of(&tenders[0]);
        let detail: Value = app.get(&format!("/tenders/{tender}"), Some(&tokens[1])).await.json().await.unwrap();
        let people: Value = app.get("/young-people", Some(&tokens[1])).await.json().await.unwrap();
        let person = id_of(&people[0]);
        let service = app.first_service(&tokens[0]).await.to_string();
        let fill = |template: &str| {
            let id = match template.split('/').nth(1) {
                Some("tenders" | "panels") => tender.clone(),
                Some("young-people") => person.clone(),
                Some("dashboard" | "provider") => service.clone(),
                _ => Uuid::new_v4().to_string(),
            };
            template
                .replace("{id}", &id)
                .replace("{bid_id}", &id_of(&detail["bids"][0]))
                .replace("{question_id}", &id_of(&detail["questions"][0]))
                .replace("{user_id}", &person)
        };

        let doc: Value = app.get("/openapi.json", None).await.json().await.unwrap();
        let mut checked = 0;
        for (path, operations) in doc["paths"].as_object().unwrap() {
            let template = path.trim_start_matches("/api/v1");
            for method in operations.as_object().unwrap().keys().map(|m| m.to_uppercase()) {
                let allowed = ROUTE_ROLES.iter().find(|(m, t, _)| *m == method && *t == template).map(|(_, _, a)| *a);
                let callers: Vec<Option<&str>> = match allowed {
                    Some(allowed) => tokens.iter().zip(allowed).filter(|(_, a)| *a).map(|(t, _)| Some(t.as_str())).collect(),
                    None => vec![None], // a public route
                };
                for token in callers {
                    let response = call(&app, &method, &fill(template), token).await;
                    let status = response.status();
                    assert_eq!(cache_control(&response), "no-store", "{method} {template} ({status})");
                    checked += 1;
                }
            }
        }
        assert!(checked >= ROUTE_ROLES.len(), "every route was called: {checked}");
    }
}

async fn every_429_says_when_to_try_again(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.rate_limits.sign_in_per_minute = 2;
        s.rate_limits.submissions_per_minute = 1;
    })
    .await;
    app.load_demo().await;
    let token = app.young_person().await;
    let service = app.first_service(&token).await;
    let feedback = |_| json!({"id": Uuid::new_v4(), "service_id": service, "answers": {"safe": 4}});
    let sign_in = json!({"sign_in_name": "brave-otter-42", "pin": "999999"});
    let mut refused = Vec::new();
    for n in 0..2 {
        refused.push(app.post("/feedback", &feedback(n), Some(&token)).await);
        refused.push(app.post("/auth/young-person/sign-in", &sign_in, None).await);
    }
    let refused: Vec<Response> = refused
        .into_iter()
        .filter(|r| r.status() == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    assert_eq!(
        refused.len(),
        2,
        "one submission and one sign-in were held back"
    );
    for response in refused {
        let retry_after = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let seconds: Option<u32> = retry_after.as_deref().and_then(|v| v.parse().ok());
        assert!(
            seconds.is_some_and(|s| (1..=60).contains(&s)),
            "{}: Retry-After {retry_after:?}",
            response.url()
        );
        assert_eq!(error_body(response).await.reason, Reason::RateLimited);
    }
}

#[tokio::test]
async fn every_429_says_when_to_try_again_sqlite() {
    every_429_says_when_to_try_again(Backend::Sqlite).await
}

#[tokio::test]
async fn every_429_says_when_to_try_again_postgres() {
    every_429_says_when_to_try_again(Backend::Postgres).await
}
