//! The admin keeps the organisation's name, smallest group shown and prior weight: a change shows
//! at once in the commissioners' scores (no cached report outlives it), is audited with what it
//! was, and the cohort is never below 5.

use chorus_tests::{both_databases, error_body, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use shared::api::OrganisationSettings;
use shared::Reason;

async fn scores(app: &TestApp, token: &str) -> Value {
    app.get("/dashboard/scores", Some(token))
        .await
        .json()
        .await
        .unwrap()
}

both_databases! {
    async fn the_admin_changes_the_cohort_and_the_scores_follow_at_once(app: TestApp) {
        app.load_demo().await;
        let admin = app.admin().await;
        let commissioner = app.commissioner().await;
        let before: OrganisationSettings = app.get("/admin/organisation", Some(&admin)).await.json().await.unwrap();
        assert_eq!((before.min_cohort, before.prior_weight), (5, 5));
        assert_eq!(scores(&app, &commissioner).await["min_cohort"], 5, "cached from here");

        let changed = app
            .put("/admin/organisation", &json!({"name": " Stoke-on-Trent Children's Services ", "min_cohort": 8, "prior_weight": 10}), Some(&admin))
            .await;
        assert_eq!(changed.status(), StatusCode::OK);
        let now: OrganisationSettings = changed.json().await.unwrap();
        assert_eq!(now.name, "Stoke-on-Trent Children's Services", "trimmed");
        let report = scores(&app, &commissioner).await;
        assert_eq!((report["min_cohort"].as_i64(), report["prior_weight"].as_i64()), (Some(8), Some(10)), "no stale report");

        for (body, reason) in [
            (json!({"name": "Stoke", "min_cohort": 4, "prior_weight": 5}), Reason::CohortRange),
            (json!({"name": "Stoke", "min_cohort": 51, "prior_weight": 5}), Reason::CohortRange),
            (json!({"name": "Stoke", "min_cohort": 5, "prior_weight": 51}), Reason::PriorWeightRange),
            (json!({"name": "  ", "min_cohort": 5, "prior_weight": 5}), Reason::Required),
            (json!({"name": "Stoke\u{202E}", "min_cohort": 5, "prior_weight": 5}), Reason::TextCharacters),
        ] {
            let refused = app.put("/admin/organisation", &body, Some(&admin)).await;
            assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert_eq!(error_body(refused).await.reason, reason, "{body}");
        }
        let kept: OrganisationSettings = app.get("/admin/organisation", Some(&admin)).await.json().await.unwrap();
        assert_eq!(kept, now, "a refusal changes nothing");

        let audit = app.get("/admin/audit/export", Some(&admin)).await.text().await.unwrap();
        let line = audit.lines().find(|l| l.contains("organisation_settings_changed")).expect("audited");
        assert!(line.contains("min_cohort"), "{line}");
    }
}
