//! Every table on a service's page, and the tenders list, downloads as CSV with what the page shows: the trend, the
//! quotes and the "you said, we did" answers, a cell that a spreadsheet would run as a formula
//! neutralised; a table Chorus does not have is refused in words.

use chorus_tests::{both_databases, error_body, TestApp};
use reqwest::StatusCode;
use shared::api::{ServiceDetail, ServiceSummary};

/// The CSV's rows (comment lines and the header left out).
async fn rows(app: &TestApp, token: &str, path: &str) -> Vec<Vec<String>> {
    let response = app.get(path, Some(token)).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = response.text().await.unwrap();
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    csv::Reader::from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

both_databases! {
    async fn a_service_s_quotes_and_answers_download_as_the_page_shows_them(app: TestApp) {
        app.load_demo().await;
        let commissioner = app.commissioner().await;
        let services: Vec<ServiceSummary> = app.get("/services", Some(&commissioner)).await.json().await.unwrap();
        // The service with the most quotes, so the comparison has something in it.
        let mut best: Option<ServiceDetail> = None;
        for service in &services {
            let detail: ServiceDetail = app.get(&format!("/dashboard/services/{}", service.id), Some(&commissioner)).await.json().await.unwrap();
            if best.as_ref().is_none_or(|b| detail.quotes.len() > b.quotes.len()) {
                best = Some(detail);
            }
        }
        let service = best.unwrap().service_id;
        // Two answers, one that a spreadsheet would take for a formula.
        for body in ["We changed the menu after you told us.", "=HYPERLINK(\"http://evil.example\") we fixed it"] {
            let sent = app.post("/responses", &serde_json::json!({"service_id": service, "body": body}), Some(&commissioner)).await;
            assert_eq!(sent.status(), StatusCode::CREATED, "{}", sent.text().await.unwrap());
        }
        let detail: ServiceDetail = app.get(&format!("/dashboard/services/{service}"), Some(&commissioner)).await.json().await.unwrap();
        assert!(!detail.quotes.is_empty() && detail.responses.len() >= 2, "the demo has quotes, and now answers");
        let base = format!("/dashboard/services/{}?format=csv", detail.service_id);

        let quotes = rows(&app, &commissioner, &format!("{base}&table=quotes")).await;
        let expected: Vec<Vec<String>> = detail.quotes.iter().map(|q| vec![q.quarter.clone(), q.text.clone()]).collect();
        assert_eq!(quotes, expected);

        let answers = rows(&app, &commissioner, &format!("{base}&table=responses")).await;
        let expected: Vec<Vec<String>> = detail.responses.iter()
            .map(|r| vec![r.created_at.format("%Y-%m-%d").to_string(), backend::domain::csv::neutralised(&r.body).into_owned()]).collect();
        assert_eq!(answers, expected);
        assert!(answers.iter().any(|r| r[1] == "'=HYPERLINK(\"http://evil.example\") we fixed it"), "the formula is neutralised: {answers:?}");

        let trend = rows(&app, &commissioner, &base).await;
        assert_eq!(trend.len(), detail.trend.iter().map(|q| q.dimensions.len()).sum::<usize>(), "the trend stays the default");

        let refused = app.get(&format!("{base}&table=secrets"), Some(&commissioner)).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error_body(refused).await.message, "The table is trend, quotes or responses.");
    }

    async fn the_tenders_list_downloads_as_the_page_shows_it(app: TestApp) {
        app.load_demo().await;
        let commissioner = app.commissioner().await;
        let tenders: Vec<shared::tender::TenderSummary> = app.get("/tenders", Some(&commissioner)).await.json().await.unwrap();
        assert!(!tenders.is_empty());
        let csv = rows(&app, &commissioner, "/tenders?format=csv").await;
        let expected: Vec<Vec<String>> = tenders
            .iter()
            .map(|t| {
                vec![
                    backend::domain::csv::neutralised(&t.title).into_owned(),
                    t.service_type.as_str().to_owned(),
                    t.status.as_str().to_owned(),
                    t.scoring_opens_at.format("%Y-%m-%d %H:%M").to_string(),
                    t.scoring_closes_at.format("%Y-%m-%d %H:%M").to_string(),
                    t.bids.to_string(),
                    t.members.to_string(),
                ]
            })
            .collect();
        assert_eq!(csv, expected);
        let refused = app.get("/tenders?format=pdf", Some(&commissioner)).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}
