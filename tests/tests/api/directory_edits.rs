//! The admin keeps the directory a service at a time: adds, changes the outcomes a service asks
//! about (young people are asked exactly those, for their age), retires and brings back (history
//! and scores kept; nothing new is linked), and corrects a provider only while no other council
//! lists it. Each refusal writes nothing.
use chorus_tests::{both_databases, error_body, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use shared::api::{
    Directory, DirectoryProvider, DirectoryService, MyService, ScoresReport, ServiceSummary,
};
use shared::Dimension;
use uuid::Uuid;

async fn directory(app: &TestApp, admin: &str) -> Directory {
    let response = app.get("/admin/directory", Some(admin)).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn provider_named(app: &TestApp, admin: &str, name: &str) -> DirectoryProvider {
    directory(app, admin)
        .await
        .providers
        .into_iter()
        .find(|p| p.name == name)
        .expect(name)
}

async fn my_services(app: &TestApp, young: &str) -> Vec<MyService> {
    app.get("/me/services", Some(young))
        .await
        .json()
        .await
        .unwrap()
}

/// Refused with this status and reason, and nothing written.
async fn refused(
    app: &TestApp,
    response: reqwest::Response,
    status: StatusCode,
    reason: &str,
    audit_before: i64,
) {
    assert_eq!(response.status(), status);
    assert_eq!(error_body(response).await.reason.as_str(), reason);
    assert_eq!(
        app.count("audit_log").await,
        audit_before,
        "a refusal writes nothing"
    );
}

fn new_service(provider: Value, name: &str, outcomes: &[&str]) -> Value {
    json!({"provider": provider, "name": name, "service_type": "advocacy", "outcomes": outcomes})
}

both_databases! {
    async fn an_admin_adds_changes_retires_and_brings_back_a_service(app: TestApp) {
        app.load_demo().await;
        let (admin, officer, young) = (app.admin().await, app.officer().await, app.young_person().await);
        let mine = my_services(&app, &young).await;
        let service = mine[0].clone();
        assert_eq!(service.questions.len(), 5, "every outcome for their age, before");
        let provider = provider_named(&app, &admin, &service.provider_name).await;
        let listed = provider.services.iter().find(|s| s.id == service.id).expect("in the directory");
        assert!(!listed.retired);
        let audit = app.count("audit_log").await;

        // The outcomes it asks about: young people are asked those of them for their age.
        let path = format!("/admin/services/{}", service.id);
        let edit = json!({"name": service.name, "service_type": service.service_type, "outcomes": ["involved", "prepared", "safe", "safe"]});
        let changed: DirectoryService = app.put(&path, &edit, Some(&admin)).await.json().await.unwrap();
        assert_eq!(changed.outcomes, vec![Dimension::Safe, Dimension::Involved, Dimension::Prepared]);
        let asked = my_services(&app, &young).await.into_iter().find(|s| s.id == service.id).unwrap();
        assert_eq!(asked.questions, vec![Dimension::Safe, Dimension::Involved], "Prepared is asked from 16");
        let audit = audit + 1;
        assert_eq!(app.count("audit_log").await, audit);

        // Refusals, each in words and writing nothing.
        let none = json!({"name": service.name, "service_type": "advocacy", "outcomes": []});
        refused(&app, app.put(&path, &none, Some(&admin)).await, StatusCode::UNPROCESSABLE_ENTITY, "outcomes_required", audit).await;
        let unnamed = json!({"name": "   ", "service_type": "advocacy", "outcomes": ["safe"]});
        refused(&app, app.put(&path, &unnamed, Some(&admin)).await, StatusCode::UNPROCESSABLE_ENTITY, "directory_name", audit).await;
        let elsewhere = format!("/admin/services/{}", Uuid::new_v4());
        refused(&app, app.put(&elsewhere, &edit, Some(&admin)).await, StatusCode::NOT_FOUND, "service_not_found", audit).await;

        // A service added to a provider the council lists, once.
        let to_listed = new_service(json!({"listed": provider.id}), "Evening drop-in", &["safe", "nurtured"]);
        let added: DirectoryService = app.post("/admin/services", &to_listed, Some(&admin)).await.json().await.unwrap();
        assert_eq!((added.name.as_str(), added.outcomes.len(), added.retired), ("Evening drop-in", 2, false));
        let audit = audit + 1;
        refused(&app, app.post("/admin/services", &to_listed, Some(&admin)).await, StatusCode::CONFLICT, "service_exists", audit).await;
        // Renaming another of its services to that name is the same clash.
        let clash = json!({"name": "Evening drop-in", "service_type": "advocacy", "outcomes": ["safe"]});
        refused(&app, app.put(&path, &clash, Some(&admin)).await, StatusCode::CONFLICT, "service_exists", audit).await;
        let unknown = new_service(json!({"listed": Uuid::new_v4()}), "Anything", &["safe"]);
        refused(&app, app.post("/admin/services", &unknown, Some(&admin)).await, StatusCode::NOT_FOUND, "provider_not_found", audit).await;
        let bad_urn = new_service(json!({"named": {"name": "New Ltd", "urn": "12AB"}}), "Anything", &["safe"]);
        refused(&app, app.post("/admin/services", &bad_urn, Some(&admin)).await, StatusCode::UNPROCESSABLE_ENTITY, "not_an_urn", audit).await;
        // A provider named for the first time is added, its URN as Ofsted writes it.
        let to_new = new_service(json!({"named": {"name": "Brookside  Care", "urn": " sc123999 "}}), "Brookside Lodge", &["safe"]);
        assert_eq!(app.post("/admin/services", &to_new, Some(&admin)).await.status(), StatusCode::OK);
        let brookside = provider_named(&app, &admin, "Brookside Care").await;
        assert_eq!((brookside.urn.as_deref(), brookside.editable, brookside.services.len()), (Some("SC123999"), true, 1));
        let services: Vec<ServiceSummary> = app.get("/services", Some(&officer)).await.json().await.unwrap();
        assert!(services.iter().any(|s| s.id == added.id), "the officer can link it");

        // Retired: not offered to the young person, nor for links or invites; history kept.
        let retire = format!("/admin/services/{}/retire", service.id);
        assert_eq!(app.post(&retire, &json!({}), Some(&admin)).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.post(&retire, &json!({}), Some(&admin)).await.status(), StatusCode::NO_CONTENT, "again: nothing changes");
        let audit = audit + 2;
        assert_eq!(app.count("audit_log").await, audit, "retired once");
        assert!(!my_services(&app, &young).await.iter().any(|s| s.id == service.id));
        let services: Vec<ServiceSummary> = app.get("/services", Some(&officer)).await.json().await.unwrap();
        assert!(!services.iter().any(|s| s.id == service.id));
        let person = app.demo_young_person_id(&officer).await;
        let link = app.post(&format!("/young-people/{person}/services"), &json!({"service_id": service.id}), Some(&officer)).await;
        assert_eq!(link.status(), StatusCode::NOT_FOUND);
        let invite = app.post("/invites", &json!({"age_band": "12-15", "service_ids": [service.id]}), Some(&officer)).await;
        assert_eq!(invite.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let report: ScoresReport = app.get("/dashboard/scores", Some(&officer)).await.json().await.unwrap();
        assert!(report.services.iter().any(|s| s.service_id == service.id), "its scores are kept");
        let retired = provider_named(&app, &admin, &service.provider_name).await;
        assert!(retired.services.iter().any(|s| s.id == service.id && s.retired));

        // Brought back, it is offered again.
        let restore = format!("/admin/services/{}/restore", service.id);
        assert_eq!(app.post(&restore, &json!({}), Some(&admin)).await.status(), StatusCode::NO_CONTENT);
        assert!(my_services(&app, &young).await.iter().any(|s| s.id == service.id));
        let log = app.get("/admin/audit/export", Some(&admin)).await.text().await.unwrap();
        for action in ["service_changed", "service_added", "service_retired", "service_restored"] {
            assert!(log.lines().any(|l| l.contains(action)), "{action} audited");
        }
    }

    async fn a_provider_is_corrected_only_while_no_other_council_lists_it(app: TestApp) {
        app.load_demo().await;
        let admin = app.admin().await;
        let [_, officer_b, _, admin_b, _] = app.second_organisation().await;
        let add = new_service(json!({"named": {"name": "Tpyo Care"}}), "Tpyo House", &["safe"]);
        assert_eq!(app.post("/admin/services", &add, Some(&admin)).await.status(), StatusCode::OK);
        let held = new_service(json!({"named": {"name": "Held Care", "urn": "SC777001"}}), "Held House", &["safe"]);
        assert_eq!(app.post("/admin/services", &held, Some(&admin)).await.status(), StatusCode::OK);
        let typo = provider_named(&app, &admin, "Tpyo Care").await;
        let path = format!("/admin/providers/{}", typo.id);
        let audit = app.count("audit_log").await;

        // Another provider's URN, a malformed one, an empty name: refused, nothing written.
        refused(&app, app.put(&path, &json!({"name": "Typo Care", "urn": "SC777001"}), Some(&admin)).await, StatusCode::CONFLICT, "urn_taken", audit).await;
        refused(&app, app.put(&path, &json!({"name": "Typo Care", "urn": "SC7"}), Some(&admin)).await, StatusCode::UNPROCESSABLE_ENTITY, "not_an_urn", audit).await;
        refused(&app, app.put(&path, &json!({"name": ""}), Some(&admin)).await, StatusCode::UNPROCESSABLE_ENTITY, "directory_name", audit).await;
        // Names are unique: another provider's name is refused, as a rename and as a new provider
        // with another URN (in a form and in a file), in words and without a half-write.
        refused(&app, app.put(&path, &json!({"name": "Held Care"}), Some(&admin)).await, StatusCode::CONFLICT, "provider_name_taken", audit).await;
        let namesake = new_service(json!({"named": {"name": "Held Care", "urn": "SC777999"}}), "Another house", &["safe"]);
        refused(&app, app.post("/admin/services", &namesake, Some(&admin)).await, StatusCode::CONFLICT, "urn_taken", audit).await;
        let file = "provider_urn,provider_name,service_name,service_type\nSC777999,Held Care,Another house,childrens_home\n";
        let import = app.post("/admin/directory/import", &json!({"csv": file}), Some(&admin)).await;
        assert_eq!(import.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let words = error_body(import).await.message;
        assert!(words.contains("line 2: \"Held Care\" is the name of the provider with URN SC777001, not SC777999"), "{words}");
        assert_eq!(app.count("audit_log").await, audit);
        // Another council's admin cannot touch it, nor see it, nor this council's services.
        refused(&app, app.put(&path, &json!({"name": "Mine now"}), Some(&admin_b)).await, StatusCode::NOT_FOUND, "provider_not_found", audit).await;
        let theirs = typo.services[0].id;
        refused(&app, app.post(&format!("/admin/services/{theirs}/retire"), &json!({}), Some(&admin_b)).await, StatusCode::NOT_FOUND, "service_not_found", audit).await;
        assert!(directory(&app, &admin_b).await.providers.is_empty());
        // Listing it by id from another council is not possible either.
        let borrow = new_service(json!({"listed": typo.id}), "Borrowed", &["safe"]);
        refused(&app, app.post("/admin/services", &borrow, Some(&admin_b)).await, StatusCode::NOT_FOUND, "provider_not_found", audit).await;
        assert_eq!(app.put(&path, &json!({"name": "Typo Care"}), Some(&officer_b)).await.status(), StatusCode::FORBIDDEN);

        // Corrected while only this council lists it.
        let fix = json!({"name": "Typo Care", "urn": "sc777002"});
        assert_eq!(app.put(&path, &fix, Some(&admin)).await.status(), StatusCode::NO_CONTENT);
        let fixed = provider_named(&app, &admin, "Typo Care").await;
        assert_eq!((fixed.id, fixed.urn.as_deref()), (typo.id, Some("SC777002")));

        // Once another council lists it (by its URN), it is shared: it stays as it is.
        let shared = new_service(json!({"named": {"name": "Whatever they call it", "urn": "SC777002"}}), "Their house", &["safe"]);
        assert_eq!(app.post("/admin/services", &shared, Some(&admin_b)).await.status(), StatusCode::OK);
        let theirs = directory(&app, &admin_b).await;
        assert_eq!((theirs.providers.len(), theirs.providers[0].name.as_str()), (1, "Typo Care"), "found by URN, not renamed");
        assert!(!provider_named(&app, &admin, "Typo Care").await.editable);
        let audit = app.count("audit_log").await;
        refused(&app, app.put(&path, &json!({"name": "Typo Care Ltd"}), Some(&admin)).await, StatusCode::CONFLICT, "provider_shared", audit).await;
    }
}
