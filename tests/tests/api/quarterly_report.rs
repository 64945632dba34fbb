//! The quarterly report for the Corporate Parenting Panel, for a past quarter: the dashboard's
//! figures for that period (never more), the quarter's quotes from services with a cohort of
//! voices, its "we did" answers and participation, as JSON and as one neutralised CSV table.

use backend::domain::quarter::Quarter;
use chorus_tests::{both_databases, error_body, TestApp};
use chrono::Utc;
use reqwest::StatusCode;
use serde_json::json;
use shared::api::{Kpis, QuarterlyReport, ScoresReport};

/// The latest Q2 before the current quarter: inside the demo's six quarters of history.
fn last_q2() -> Quarter {
    let mut q = Quarter::of(Utc::now()).previous();
    while q.number != 2 {
        q = q.previous();
    }
    q
}

async fn json<T: serde::de::DeserializeOwned>(app: &TestApp, path: &str, token: &str) -> T {
    let response = app.get(path, Some(token)).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.json().await.unwrap()
}

/// Checks every `before` in `report` against the report of the period before; how many there were.
fn befores_agree(report: &ScoresReport, before: &ScoresReport) -> usize {
    let mut compared = 0;
    for s in &report.services {
        for d in s.dimensions.iter().filter(|d| d.state == "shown") {
            let then = before
                .services
                .iter()
                .find(|b| b.service_id == s.service_id)
                .and_then(|b| b.dimensions.iter().find(|e| e.dimension == d.dimension))
                .filter(|e| e.state == "shown");
            match (&d.before, then) {
                (Some(b), Some(then)) => {
                    compared += 1;
                    assert_eq!(
                        (Some(b.n), Some(b.value), Some(b.low), Some(b.high)),
                        (then.n, then.value, then.low, then.high)
                    );
                    let (low, high) = (d.low.unwrap(), d.high.unwrap());
                    let expected = if low > b.high {
                        "up"
                    } else if high < b.low {
                        "down"
                    } else {
                        "unclear"
                    };
                    assert_eq!(b.change, expected, "{} {:?}", s.service_name, d.dimension);
                }
                (None, None) => {}
                (b, then) => panic!("before {b:?} beside {then:?} for {}", s.service_name),
            }
        }
    }
    compared
}

both_databases! {
    async fn a_past_quarter_s_report_holds_the_dashboard_s_figures_for_it(app: TestApp) {
        app.load_demo().await;
        let commissioner = app.commissioner().await;
        let q = last_q2();
        let report: QuarterlyReport = json(&app, &format!("/dashboard/report?quarter={q}"), &commissioner).await;
        assert_eq!(report.quarter, q.to_string());
        assert!(report.organisation.contains("Stoke"), "{}", report.organisation);
        // The same 12 months the dashboard shows when that quarter is picked, and the same
        // participation figures.
        let year: ScoresReport = json(&app, &format!("/dashboard/scores?window=year&quarter={q}"), &commissioner).await;
        assert_eq!(report.scores, year);
        assert_eq!((year.window.as_str(), year.window_end.as_str()), ("year", q.to_string().as_str()));
        let kpis: Kpis = json(&app, &format!("/dashboard/kpis?quarter={q}"), &commissioner).await;
        assert_eq!(report.participation, kpis);
        assert!(kpis.feedback_received > 0, "the demo has feedback in {q}");

        // Each shown score carries the period before when it was shown there, and calls a
        // change only where the intervals part: the 12 months to now against the 12 before,
        // and the quarter picked against the one before it.
        let current = Quarter::of(Utc::now());
        let mut compared = 0;
        for (window, end, step) in [("year", current, 4), ("quarter", q, 1), ("quarter", current, 1)] {
            let path = |e: Quarter| format!("/dashboard/scores?window={window}&quarter={e}");
            let report: ScoresReport = json(&app, &path(end), &commissioner).await;
            let before: ScoresReport = json(&app, &path(Quarter::from_index(end.index() - step)), &commissioner).await;
            compared += befores_agree(&report, &before);
        }
        assert!(compared > 0, "some scores are compared with the period before");

        // Quotes come from the quarter, from services with a shown score in it.
        assert!(!report.quotes.is_empty(), "the demo has words in {q}");
        let quarter: ScoresReport = json(&app, &format!("/dashboard/scores?window=quarter&quarter={q}"), &commissioner).await;
        for quote in &report.quotes {
            let service = quarter.services.iter().find(|s| (&s.service_name, &s.provider_name) == (&quote.service_name, &quote.provider_name)).unwrap();
            assert!(service.dimensions.iter().any(|d| d.state == "shown"), "a quote from {} without a cohort in {q}", quote.service_name);
            assert!(report.quotes.iter().filter(|o| (&o.service_name, &o.provider_name) == (&quote.service_name, &quote.provider_name)).count() <= 3);
        }
        assert!(report.responses.is_empty(), "no \"we did\" was written in {q}");

        // A "we did" written now is in this quarter's report, not in the past one's.
        let service = report.scores.services[0].service_id;
        let formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
        let r = app.post("/responses", &json!({"service_id": service, "dimension": "safe", "quarter": Quarter::of(Utc::now()).to_string(), "body": formula}), Some(&commissioner)).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let now: QuarterlyReport = json(&app, "/dashboard/report", &commissioner).await;
        assert_eq!(now.quarter, Quarter::of(Utc::now()).to_string(), "the current quarter by default");
        assert_eq!(now.responses.last().map(|w| w.body.as_str()), Some(formula), "the newest last");
        let past: QuarterlyReport = json(&app, &format!("/dashboard/report?quarter={q}"), &commissioner).await;
        assert!(past.responses.is_empty());

        // The CSV: one row per figure, score, reason, quote and answer, cells neutralised.
        let response = app.get("/dashboard/report?format=csv", Some(&commissioner)).await;
        assert_eq!(response.status(), StatusCode::OK);
        let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
        assert!(disposition.contains(&format!("chorus-report-{}.csv", now.quarter)), "{disposition}");
        let text = response.text().await.unwrap();
        assert!(text.starts_with(&format!("# Chorus quarterly report for {}, {}", now.organisation, now.quarter)), "{text}");
        let body: String = text.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n");
        let mut rows = csv::Reader::from_reader(body.as_bytes());
        let header = rows.headers().unwrap().clone();
        assert_eq!(header.iter().collect::<Vec<_>>(), ["section", "service", "provider", "item", "state", "value", "low", "high", "n", "before", "before_low", "before_high", "change", "text"]);
        let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
        let count = |section: &str| rows.iter().filter(|r| &r[0] == section).count();
        assert_eq!(count("participation"), 6);
        assert_eq!(count("score"), now.scores.services.iter().map(|s| s.dimensions.len()).sum::<usize>());
        assert_eq!(count("overall"), now.scores.services.len());
        assert_eq!(count("needs_attention"), now.scores.services.iter().map(|s| s.needs_attention.len()).sum::<usize>());
        assert_eq!(count("quote"), now.quotes.len());
        let we_did: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[0] == "we_did").collect();
        assert_eq!(we_did.len(), now.responses.len());
        assert_eq!(&we_did[we_did.len() - 1][13], format!("'{formula}"), "a formula is never run by a spreadsheet");
        for row in rows.iter().filter(|r| &r[0] == "score" && &r[4] == "suppressed") {
            assert!(row.iter().skip(5).all(str::is_empty), "numbers beside a suppressed score: {row:?}");
        }
    }

    async fn the_report_is_staff_only_and_each_organisation_s_own(app: TestApp) {
        app.load_demo().await;
        let [young_b, _officer_b, commissioner_b, _admin_b, provider_b] = app.second_organisation().await;
        let young = app.young_person().await;
        for token in [&young, &young_b, &provider_b] {
            assert_eq!(app.get("/dashboard/report", Some(token)).await.status(), StatusCode::FORBIDDEN);
        }
        assert_eq!(app.get("/dashboard/report", None).await.status(), StatusCode::UNAUTHORIZED);
        let q = last_q2();
        let theirs: QuarterlyReport = json(&app, &format!("/dashboard/report?quarter={q}"), &commissioner_b).await;
        assert!(theirs.organisation.contains("Newcastle"));
        assert!(theirs.scores.services.is_empty() && theirs.quotes.is_empty() && theirs.responses.is_empty());
        assert_eq!(theirs.participation.feedback_received, 0);
        let refused = app.get("/dashboard/report?quarter=2026-Q5", Some(&commissioner_b)).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error_body(refused).await.message, "A quarter looks like 2026-Q4.");
    }
}
