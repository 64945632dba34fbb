//! `/metrics` in Prometheus' text format: requests counted and timed by route pattern (never a
//! path with an id in it), the group-commit batch sizes, the outbox backlog, open safeguarding
//! cases and the database pool, each equal to what the database holds; readable with the
//! configured token, or from this machine when none is set, and nothing to anyone else.

use chorus_tests::{both_databases, Backend, TestApp};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

/// The value of the first sample of `name` whose labels include every one of `labels`.
fn sample(text: &str, name: &str, labels: &[&str]) -> Option<f64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter(|l| l.starts_with(&format!("{name}{{")) || l.starts_with(&format!("{name} ")))
        .find(|l| labels.iter().all(|label| l.contains(label)))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

async fn scrape(app: &TestApp, token: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url_outside_api("/metrics"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

both_databases! {
    async fn the_metrics_say_what_the_server_did_and_what_the_database_holds(app: TestApp) {
        app.load_demo().await;
        let young = app.young_person().await;
        let service = app.first_service(&young).await;
        for _ in 0..3 {
            let sent = app.post("/feedback", &json!({"id": Uuid::new_v4(), "service_id": service, "answers": {"safe": 1}}), Some(&young)).await;
            assert_eq!(sent.status(), StatusCode::CREATED);
        }
        let officer = app.officer().await;
        let unknown = Uuid::new_v4();
        assert_eq!(app.get(&format!("/moderation/feedback/{unknown}"), Some(&officer)).await.status(), StatusCode::NOT_FOUND);

        let response = scrape(&app, None).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
        let text = response.text().await.unwrap();

        let created = sample(&text, "chorus_http_requests_total", &["endpoint=\"/api/v1/feedback\"", "method=\"POST\"", "status=\"201\""]);
        assert_eq!(created, Some(3.0), "{text}");
        let refused = sample(&text, "chorus_http_requests_total", &["endpoint=\"/api/v1/moderation/feedback/{id}\"", "status=\"404\""]);
        assert_eq!(refused, Some(1.0), "a path with an id is counted under its pattern");
        assert!(!text.contains(&unknown.to_string()), "no id ever becomes a label");
        assert!(sample(&text, "chorus_http_requests_duration_seconds_bucket", &["endpoint=\"/api/v1/feedback\"", "le=\"+Inf\""]).is_some_and(|n| n >= 3.0));
        assert!(sample(&text, "chorus_writer_batch_size_count", &[]).is_some_and(|n| n >= 1.0));
        assert!(sample(&text, "chorus_writer_batch_size_sum", &[]).is_some_and(|n| n >= 3.0), "three submissions went through the writer");

        let open = app.count("safeguarding_alerts WHERE closed_at IS NULL").await;
        assert_eq!(sample(&text, "chorus_safeguarding_open_cases", &[]), Some(open as f64));
        assert!(open >= 3, "each disclosure opened a case");
        let unsent = app.count("outbox WHERE sent_at IS NULL").await;
        assert_eq!(sample(&text, "chorus_outbox_unsent", &[]), Some(unsent as f64));
        assert!(sample(&text, "chorus_outbox_oldest_unsent_seconds", &[]).is_some());
        assert!(sample(&text, "chorus_db_pool_connections", &[]).is_some_and(|n| n >= 1.0));
    }
}

async fn only_the_configured_scraper_reads_the_metrics(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| {
        s.application.metrics_token = Some("scrape-secret-for-tests".to_owned().into());
    })
    .await;
    assert_eq!(
        scrape(&app, None).await.status(),
        StatusCode::NOT_FOUND,
        "not even from this machine"
    );
    assert_eq!(
        scrape(&app, Some("guess")).await.status(),
        StatusCode::NOT_FOUND
    );
    let read = scrape(&app, Some("scrape-secret-for-tests")).await;
    assert_eq!(read.status(), StatusCode::OK);
    assert!(read
        .text()
        .await
        .unwrap()
        .contains("chorus_safeguarding_open_cases"));
}

#[tokio::test]
async fn only_the_configured_scraper_reads_the_metrics_sqlite() {
    only_the_configured_scraper_reads_the_metrics(Backend::Sqlite).await
}

#[tokio::test]
async fn only_the_configured_scraper_reads_the_metrics_postgres() {
    only_the_configured_scraper_reads_the_metrics(Backend::Postgres).await
}
