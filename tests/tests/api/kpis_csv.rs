//! The participation figures a commissioner sees download as CSV with the same numbers, and a
//! format Chorus does not write is refused in words.

use chorus_tests::{both_databases, error_body};
use reqwest::StatusCode;
use shared::api::Kpis;

both_databases! {
    async fn participation_figures_download_as_csv_with_the_page_s_numbers(app: TestApp) {
        app.load_demo().await;
        let commissioner = app.commissioner().await;
        let kpis: Kpis = app.get("/dashboard/kpis", Some(&commissioner)).await.json().await.unwrap();
        let response = app.get("/dashboard/kpis?format=csv", Some(&commissioner)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        assert!(response.headers()["content-disposition"].to_str().unwrap().contains("chorus-participation.csv"));
        let csv = response.text().await.unwrap();
        assert!(csv.starts_with(&format!("# Chorus participation in {}", kpis.quarter)), "{csv}");
        let row = |measure: &str| {
            csv.lines()
                .find(|l| l.split(',').nth(1) == Some(measure))
                .and_then(|l| l.split(',').nth(2))
                .map(str::to_owned)
        };
        assert_eq!(row("feedback_received"), Some(kpis.feedback_received.to_string()));
        assert_eq!(row("young_people_active"), Some(kpis.young_people_active.to_string()));
        assert_eq!(row("panels_run"), Some(kpis.panels_run.to_string()));
        let we_did = kpis.share_with_we_did.map(|s| format!("{:.0}", s * 100.0)).unwrap_or_default();
        assert_eq!(row("percent_with_we_did"), Some(we_did));

        let refused = app.get("/dashboard/kpis?format=xlsx", Some(&commissioner)).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_body(refused).await;
        assert_eq!(body.message, "The format is json or csv.");
    }
}
