//! Provider accounts: invited by a council's admin for one of its providers, they read that
//! provider's services exactly as the commissioners do (the same rows, suppression intact) and
//! nothing of any other provider; a provider of another council cannot be named.

use chorus_tests::{both_databases, error_body, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use shared::api::{ScoresReport, ServiceDetail, StaffMember};
use shared::{Reason, Role};
use uuid::Uuid;

async fn json<T: serde::de::DeserializeOwned>(app: &TestApp, path: &str, token: &str) -> T {
    let response = app.get(path, Some(token)).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.json().await.unwrap()
}

both_databases! {
    async fn a_provider_reads_its_own_services_as_the_commissioners_do(app: TestApp) {
        app.load_demo().await;
        let provider = app.provider().await;
        let commissioner = app.commissioner().await;
        let me: Value = json(&app, "/me", &provider).await;
        assert_eq!(me["role"], "provider");
        let mut suppressed = 0;
        for window in ["year", "quarter"] {
            let path = format!("?window={window}");
            let theirs: ScoresReport = json(&app, &format!("/provider/scores{path}"), &provider).await;
            let council: ScoresReport = json(&app, &format!("/dashboard/scores{path}"), &commissioner).await;
            let foxglove: Vec<_> = council.services.iter().filter(|s| s.provider_name == demo::PROVIDER_NAME).cloned().collect();
            assert!(!foxglove.is_empty());
            // The same rows, cell for cell, and no other provider's.
            assert_eq!(theirs.services, foxglove, "{window}");
            assert_eq!((&theirs.window_end, theirs.min_cohort), (&council.window_end, council.min_cohort));
            let raw = serde_json::to_value(&theirs).unwrap();
            for d in raw["services"].as_array().unwrap().iter().flat_map(|s| s["dimensions"].as_array().unwrap()) {
                if d["state"] == "suppressed" {
                    suppressed += 1;
                    assert_eq!(d.as_object().unwrap().len(), 2, "a suppressed score carries no numbers: {d}");
                }
            }
        }
        assert!(suppressed > 0, "a quarter of the demo's has scores too quiet to show");

        // Their service's page is the commissioners' (no alert count); another's is not found.
        let council: ScoresReport = json(&app, "/dashboard/scores", &commissioner).await;
        let own = council.services.iter().find(|s| s.provider_name == demo::PROVIDER_NAME).unwrap().service_id;
        let other = council.services.iter().find(|s| s.provider_name != demo::PROVIDER_NAME).unwrap().service_id;
        let page: ServiceDetail = json(&app, &format!("/provider/services/{own}"), &provider).await;
        let seen: ServiceDetail = json(&app, &format!("/dashboard/services/{own}"), &commissioner).await;
        assert_eq!(page, seen);
        assert_eq!(page.open_safeguarding_alerts, None);
        for id in [other, Uuid::new_v4()] {
            let refused = app.get(&format!("/provider/services/{id}"), Some(&provider)).await;
            assert_eq!(refused.status(), StatusCode::NOT_FOUND);
            assert_eq!(error_body(refused).await.message, "We could not find that service.");
        }
        // Nothing of the council's own pages.
        for path in ["/dashboard/scores", "/dashboard/report", "/moderation/queue", "/young-people", "/safeguarding/alerts", "/tenders"] {
            assert_eq!(app.get(path, Some(&provider)).await.status(), StatusCode::FORBIDDEN, "{path}");
        }
    }

    async fn an_admin_invites_a_provider_account_for_one_of_the_council_s_providers(app: TestApp) {
        app.load_demo().await;
        let [.., provider_b] = app.second_organisation().await;
        let admin = app.admin().await;
        let directory: Value = json(&app, "/admin/directory", &admin).await;
        let provider_id = |name: &str| -> Uuid {
            directory["providers"].as_array().unwrap().iter().find(|p| p["name"] == name).unwrap()["id"].as_str().unwrap().parse().unwrap()
        };
        let orchard = provider_id("Orchard House Care");
        // B's provider runs nothing for this council.
        let theirs: Value = json(&app, "/me", &provider_b).await;
        assert_eq!(theirs["role"], "provider");
        let lyme = backend::store::services::ensure_provider(&app.db, "Lyme Care B").await.unwrap().id;
        let users = app.count("users").await;
        for (body, field) in [
            (json!({"display_name": "Olu", "email": "olu@orchard.example", "role": "provider"}), "provider_id"),
            (json!({"display_name": "Olu", "email": "olu@orchard.example", "role": "commissioner", "provider_id": orchard}), "provider_id"),
            (json!({"display_name": "Olu", "email": "olu@orchard.example", "role": "provider", "provider_id": lyme}), "provider_id"),
            (json!({"display_name": "Olu", "email": "olu@orchard.example", "role": "provider", "provider_id": Uuid::new_v4()}), "provider_id"),
        ] {
            let refused = app.post("/admin/staff", &body, Some(&admin)).await;
            assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            let error = error_body(refused).await;
            assert_eq!((error.reason, error.field.as_deref()), (Reason::ProviderForAccount, Some(field)), "{body}");
        }
        assert_eq!(app.count("users").await, users, "a refused invitation wrote nothing");
        let invited: StaffMember = app
            .post("/admin/staff", &json!({"display_name": "Olu", "email": "olu@orchard.example", "role": "provider", "provider_id": orchard}), Some(&admin))
            .await.json().await.unwrap();
        assert_eq!((invited.role, invited.provider_id), (Role::Provider, Some(orchard)));
        let staff: Vec<StaffMember> = json(&app, "/admin/staff", &admin).await;
        let listed = staff.iter().find(|s| s.id == invited.id).unwrap();
        assert_eq!(listed.provider_id, Some(orchard));
        assert!(listed.invited, "they choose a password from the emailed link first");
        // B's provider reads none of this council's services.
        let report: ScoresReport = json(&app, "/provider/scores", &provider_b).await;
        assert_eq!(report.services, [], "another council's provider reads nothing here");
    }
}
