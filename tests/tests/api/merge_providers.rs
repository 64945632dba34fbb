//! `backend merge-providers`: one provider under two spellings becomes one across councils, the
//! one with the URN kept; different URNs, or a council's two services of one name, are left alone
//! and said so; without `apply` nothing changes; a second run finds nothing more.
use backend::flows::directory::merge_providers;
use backend::store;
use chorus_tests::both_databases;
use shared::api::{ServiceSummary, ServiceType};

both_databases! {
    async fn one_provider_under_two_spellings_becomes_one(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let [_, officer_b, ..] = app.second_organisation().await;
        let db = &app.db;
        let stoke = store::organisations::find_by_slug(db, "stoke-on-trent").await.unwrap().unwrap();
        let newcastle = store::organisations::find_by_slug(db, "newcastle-under-lyme").await.unwrap().unwrap();
        // The demo's "Orchard House Care" has no URN; a later spelling has one, with a service in
        // each council.
        let later = store::directory::insert_provider(db, "Orchard House Care Limited", Some("SC600001")).await.unwrap();
        store::services::ensure_service(db, stoke.id, later.id, "Orchard Annexe", ServiceType::ChildrensHome).await.unwrap();
        store::services::ensure_service(db, newcastle.id, later.id, "Orchard Lodge", ServiceType::ChildrensHome).await.unwrap();
        // Two registered providers that share a name; and a spelling whose service clashes.
        store::directory::insert_provider(db, "Acme Care Ltd", Some("SC600002")).await.unwrap();
        store::directory::insert_provider(db, "ACME CARE LIMITED", Some("SC600003")).await.unwrap();
        let voice = store::directory::insert_provider(db, "Voice Up Advocacy Ltd", None).await.unwrap();
        store::services::ensure_service(db, stoke.id, voice.id, "Independent Advocacy", ServiceType::Advocacy).await.unwrap();
        let before = (app.count("providers").await, app.count("services").await, app.count("audit_log").await);

        // Without apply: said, nothing changed.
        let told = merge_providers(db, false).await.unwrap();
        assert_eq!((told.merged, told.left_alone), (1, 2), "{:?}", told.lines);
        assert!(told.lines.iter().any(|l| l.starts_with("Would merge \"Orchard House Care\" into \"Orchard House Care Limited\" (SC600001): ")), "{:?}", told.lines);
        assert!(told.lines.iter().any(|l| l.contains("have different URNs")), "{:?}", told.lines);
        assert!(told.lines.iter().any(|l| l.contains("a service named \"Independent Advocacy\" under two of them")), "{:?}", told.lines);
        assert_eq!((app.count("providers").await, app.count("services").await, app.count("audit_log").await), before);

        // Applied: one provider with the URN, every service kept, each council's log says so.
        let done = merge_providers(db, true).await.unwrap();
        assert_eq!((done.merged, done.left_alone), (1, 2));
        assert_eq!(app.count("providers").await, before.0 - 1);
        assert_eq!(app.count("services").await, before.1);
        assert_eq!(app.count("audit_log WHERE action = 'providers_merged'").await, 3, "in each council whose services moved: Stoke and its two neighbours in the demo region");
        for (token, service) in [(&officer, "Orchard House"), (&officer, "Orchard Annexe"), (&officer_b, "Orchard Lodge")] {
            let services: Vec<ServiceSummary> = app.get("/services", Some(token)).await.json().await.unwrap();
            let found = services.iter().find(|s| s.name == service).expect(service);
            assert_eq!(found.provider_name, "Orchard House Care Limited", "{service}");
        }
        // The scores name the provider as it now is (no stale cached report).
        let report: serde_json::Value = app.get("/dashboard/scores", Some(&officer)).await.json().await.unwrap();
        assert!(!report.to_string().contains("\"Orchard House Care\""), "{report}");

        // Again: only what is left alone, still said.
        let again = merge_providers(db, true).await.unwrap();
        assert_eq!((again.merged, again.left_alone), (0, 2));
    }
}
