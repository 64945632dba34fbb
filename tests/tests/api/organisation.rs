//! The admin keeps the organisation's name, smallest group shown and prior weight: a change shows
//! at once in the commissioners' scores (no cached report outlives it), is audited with what it
//! was, and the cohort is never below 5. A new council's admin is walked through the settings
//! until they finish; the languages offered are what its young people are offered.

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
            .put("/admin/organisation", &json!({"name": " Stoke-on-Trent Children's Services ", "min_cohort": 8, "prior_weight": 10, "languages": ["en", "pl", "ur", "ar"]}), Some(&admin))
            .await;
        assert_eq!(changed.status(), StatusCode::OK);
        let now: OrganisationSettings = changed.json().await.unwrap();
        assert_eq!(now.name, "Stoke-on-Trent Children's Services", "trimmed");
        let report = scores(&app, &commissioner).await;
        assert_eq!((report["min_cohort"].as_i64(), report["prior_weight"].as_i64()), (Some(8), Some(10)), "no stale report");

        for (body, reason) in [
            (json!({"name": "Stoke", "min_cohort": 4, "prior_weight": 5, "languages": ["en"]}), Reason::CohortRange),
            (json!({"name": "Stoke", "min_cohort": 51, "prior_weight": 5, "languages": ["en"]}), Reason::CohortRange),
            (json!({"name": "Stoke", "min_cohort": 5, "prior_weight": 51, "languages": ["en"]}), Reason::PriorWeightRange),
            (json!({"name": "  ", "min_cohort": 5, "prior_weight": 5, "languages": ["en"]}), Reason::Required),
            (json!({"name": "Stoke\u{202E}", "min_cohort": 5, "prior_weight": 5, "languages": ["en"]}), Reason::TextCharacters),
            (json!({"name": "Stoke", "min_cohort": 5, "prior_weight": 5, "languages": ["en", "fr"]}), Reason::LanguagesOffered),
            (json!({"name": "Stoke", "min_cohort": 5, "prior_weight": 5, "languages": ["pl"]}), Reason::LanguagesOffered),
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

    async fn a_new_council_is_set_up_once_and_offers_its_own_languages(app: TestApp) {
        app.load_demo().await;
        let demo: OrganisationSettings = app.get("/admin/organisation", Some(&app.admin().await)).await.json().await.unwrap();
        assert!(demo.set_up, "the demo council is set up");
        let [young_b, _, _, admin_b, _] = app.second_organisation().await;
        let fresh: OrganisationSettings = app.get("/admin/organisation", Some(&admin_b)).await.json().await.unwrap();
        assert!(!fresh.set_up, "a new council's admin is walked through its settings");
        assert_eq!(fresh.languages, ["en", "pl", "ur", "ar"], "every language to begin with");

        // Polish and English only: each once, in Chorus's order; its young people are offered those.
        let body = json!({"name": fresh.name, "min_cohort": 6, "prior_weight": 5, "languages": ["pl", "en", "pl"], "set_up": true});
        let saved: OrganisationSettings = app.put("/admin/organisation", &body, Some(&admin_b)).await.json().await.unwrap();
        assert_eq!((saved.languages.as_slice(), saved.set_up), (&["en".to_owned(), "pl".to_owned()][..], false), "set_up is not set by a save");
        let me: Value = app.get("/me", Some(&young_b)).await.json().await.unwrap();
        assert_eq!(me["languages"], json!(["en", "pl"]));

        // Finishing the walk, twice: set up, audited once.
        let audit = app.count("audit_log").await;
        for _ in 0..2 {
            let done = app.post("/admin/organisation/set-up", &json!({}), Some(&admin_b)).await;
            assert_eq!(done.status(), StatusCode::OK);
            let done: OrganisationSettings = done.json().await.unwrap();
            assert!(done.set_up);
        }
        assert_eq!(app.count("audit_log").await, audit + 1);
        let log = app.get("/admin/audit/export", Some(&admin_b)).await.text().await.unwrap();
        assert!(log.lines().any(|l| l.contains("organisation_set_up")));
    }
}
