//! The admin imports the provider and service directory from a CSV file: a preview first, all or
//! nothing (every bad line named), the same file twice changing nothing, providers known by URN
//! shared with another council. `docs/directory-sample.csv` is the file a council starts from.
use chorus_tests::{both_databases, error_body, TestApp};
use reqwest::StatusCode;
use serde_json::json;
use shared::api::{DirectoryImportReport, ServiceSummary};

const SAMPLE: &str = include_str!("../../../docs/directory-sample.csv");

async fn import(app: &TestApp, token: &str, csv: &str, preview: bool) -> reqwest::Response {
    app.post(
        "/admin/directory/import",
        &json!({"csv": csv, "preview": preview}),
        Some(token),
    )
    .await
}

async fn report(app: &TestApp, token: &str, csv: &str, preview: bool) -> DirectoryImportReport {
    let response = import(app, token, csv, preview).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn sizes(app: &TestApp) -> (i64, i64, i64) {
    (
        app.count("providers").await,
        app.count("services").await,
        app.count("audit_log").await,
    )
}

both_databases! {
    async fn an_admin_imports_the_directory_all_or_nothing(app: TestApp) {
        app.load_demo().await;
        let admin = app.admin().await;
        let before = sizes(&app).await;

        // Two bad lines: nothing is written, and both are named.
        let mut lines: Vec<&str> = SAMPLE.lines().collect();
        lines.insert(3, "SC41234X,Broken Ltd,Somewhere,childrens_home");
        lines.insert(6, "SC777777,,A service of nobody we know,advocacy");
        let bad = lines.join("\n");
        let refused = import(&app, &admin, &bad, false).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_body(refused).await;
        assert_eq!((body.reason.as_str(), body.field.as_deref()), ("directory_rows", Some("csv")));
        assert!(body.message.starts_with("Nothing was imported."), "{}", body.message);
        assert!(body.message.contains("line 4: \"SC41234X\" is not an Ofsted URN"), "{}", body.message);
        assert!(body.message.contains("line 7: no provider with URN SC777777"), "{}", body.message);
        assert_eq!(sizes(&app).await, before, "nothing written");

        // The preview says what the import will do, and writes nothing.
        let preview = report(&app, &admin, SAMPLE, true).await;
        assert_eq!(sizes(&app).await, before, "a preview writes nothing");
        // Foxglove Care Group is in the demo without a URN: it is given one, not added again.
        let expected = DirectoryImportReport { written: false, rows: 6, providers_added: 3, providers_identified: 1, services_added: 5, services_changed: 0, unchanged: 1 };
        assert_eq!(preview, expected);
        let done = report(&app, &admin, SAMPLE, false).await;
        assert_eq!(done, DirectoryImportReport { written: true, ..expected });
        let after = sizes(&app).await;
        assert_eq!((after.0 - before.0, after.1 - before.1, after.2 - before.2), (3, 5, 1), "providers, services, one audit entry");
        let services: Vec<ServiceSummary> = app.get("/services", Some(&admin)).await.json().await.unwrap();
        assert!(services.iter().any(|s| s.name == "Return home interviews"));

        // The same file again changes nothing; a changed kind is a change.
        let again = report(&app, &admin, SAMPLE, false).await;
        assert_eq!((again.unchanged, again.services_added, again.providers_added, again.providers_identified), (6, 0, 0, 0));
        let changed = report(&app, &admin, &SAMPLE.replace("Foxglove Lodge,small_group_home", "Foxglove Lodge,childrens_home"), false).await;
        assert_eq!((changed.services_changed, changed.unchanged), (1, 5));
        assert_eq!(sizes(&app).await.1, after.1);
        // A line with only the URN now finds its provider.
        let by_urn = report(&app, &admin, "provider_urn,provider_name,service_name,service_type\nSC498765,,Hillside Cottage,childrens_home\n", false).await;
        assert_eq!((by_urn.services_added, by_urn.providers_added), (1, 0));
        let audit = app.get("/admin/audit/export", Some(&admin)).await.text().await.unwrap();
        assert!(audit.lines().any(|l| l.contains("directory_imported")));
    }

    async fn a_provider_known_by_urn_is_shared_with_another_council(app: TestApp) {
        app.load_demo().await;
        let admin = app.admin().await;
        report(&app, &admin, SAMPLE, false).await;
        let [_, officer_b, _, admin_b, _] = app.second_organisation().await;
        let providers = app.count("providers").await;
        let theirs = report(&app, &admin_b, "provider_urn,provider_name,service_name,service_type\nSC498765,Hillside Care (renamed),Hillside House,childrens_home\n", false).await;
        assert_eq!((theirs.providers_added, theirs.services_added), (0, 1), "the same provider, their own service");
        assert_eq!(app.count("providers").await, providers);
        // Their service is theirs: the first council's list is unchanged, and the shared
        // provider keeps its name.
        let services: Vec<ServiceSummary> = app.get("/services", Some(&officer_b)).await.json().await.unwrap();
        assert_eq!(services.len(), 1);
        assert_eq!(services[0].provider_name, "Hillside Care Ltd");
        // Only an admin imports.
        let refused = import(&app, &officer_b, SAMPLE, true).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
}
