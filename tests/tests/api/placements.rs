//! A young person's services change as placements change, and their age band as they grow: the officer ends a link and makes a
//! new one; the history says since and until; the young person gives feedback only on services
//! linked now; what they said before stays, in the feedback and the scores.

use chorus_tests::{both_databases, error_body, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use shared::api::{MyService, ServiceLink, ServiceSummary, YoungPersonSummary};
use uuid::Uuid;

async fn links(app: &TestApp, officer: &str, id: Uuid) -> Vec<ServiceLink> {
    let response = app
        .get(&format!("/young-people/{id}/services"), Some(officer))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn mine(app: &TestApp, young: &str) -> Vec<Uuid> {
    let services: Vec<MyService> = app
        .get("/me/services", Some(young))
        .await
        .json()
        .await
        .unwrap();
    services.into_iter().map(|s| s.id).collect()
}

async fn feedback(app: &TestApp, young: &str, service: Uuid) -> StatusCode {
    app.post(
        "/feedback",
        &json!({"id": Uuid::new_v4(), "service_id": service, "answers": {"safe": 4}}),
        Some(young),
    )
    .await
    .status()
}

both_databases! {
    async fn a_placement_ends_and_another_begins_and_history_is_kept(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let young = app.young_person().await;
        let people: Vec<YoungPersonSummary> = app.get("/young-people", Some(&officer)).await.json().await.unwrap();
        let id = people.iter().find(|p| p.sign_in_name.as_deref() == Some(demo::YOUNG_PERSON_SIGN_IN)).unwrap().id;

        let before = links(&app, &officer, id).await;
        assert!(before.len() >= 2 && before.iter().all(|l| l.until.is_none()));
        assert_eq!({ let mut a: Vec<Uuid> = before.iter().map(|l| l.service_id).collect(); a.sort(); a },
                   { let mut b = mine(&app, &young).await; b.sort(); b });
        let old = before[0].service_id;
        assert_eq!(feedback(&app, &young, old).await, StatusCode::CREATED);
        let old_name = before[0].service_name.clone();
        let said_about = |list: Vec<shared::api::MyFeedback>| list.iter().filter(|f| f.service_name == old_name).count();
        let said = said_about(app.get("/me/feedback", Some(&young)).await.json().await.unwrap());
        assert!(said >= 1);

        // The placement ends.
        let ended = app.post(&format!("/young-people/{id}/services/{old}/unlink"), &json!({}), Some(&officer)).await;
        assert_eq!(ended.status(), StatusCode::NO_CONTENT);
        let after = links(&app, &officer, id).await;
        let history = after.iter().find(|l| l.service_id == old).expect("the ended link is kept");
        assert!(history.until.is_some_and(|u| u >= history.since));
        assert_eq!(after.last().map(|l| l.service_id), Some(old), "ended links after current ones");
        assert!(!mine(&app, &young).await.contains(&old), "no longer one of their services");
        assert!(feedback(&app, &young, old).await.is_client_error(), "no new feedback on it");
        let again = app.post(&format!("/young-people/{id}/services/{old}/unlink"), &json!({}), Some(&officer)).await;
        assert_eq!(again.status(), StatusCode::NOT_FOUND);
        assert_eq!(error_body(again).await.message, "That service is not linked to this young person.");

        // A new one begins.
        let services: Vec<ServiceSummary> = app.get("/services", Some(&officer)).await.json().await.unwrap();
        let new = services.iter().map(|s| s.id).find(|s| !before.iter().any(|l| l.service_id == *s)).unwrap();
        let linked = app.post(&format!("/young-people/{id}/services"), &json!({"service_id": new}), Some(&officer)).await;
        assert_eq!(linked.status(), StatusCode::NO_CONTENT);
        assert!(mine(&app, &young).await.contains(&new));
        assert_eq!(feedback(&app, &young, new).await, StatusCode::CREATED);
        assert_eq!(links(&app, &officer, id).await.iter().filter(|l| l.until.is_none()).count(), before.len());

        // What they said about the old placement stays.
        let still = said_about(app.get("/me/feedback", Some(&young)).await.json().await.unwrap());
        assert_eq!(still, said, "their feedback about it is all still there");
        let unknown = app.post(&format!("/young-people/{id}/services"), &json!({"service_id": Uuid::new_v4()}), Some(&officer)).await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);

        let audit = app.get("/admin/audit/export", Some(&app.admin().await)).await.text().await.unwrap();
        assert!(audit.contains("service_unlinked") && audit.contains("service_linked"));
        let young_me: Value = app.get("/me", Some(&young)).await.json().await.unwrap();
        assert_eq!(young_me["id"].as_str(), Some(id.to_string().as_str()));
    }

    async fn a_young_person_moves_to_an_older_age_band(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let young = app.young_person().await;
        let people: Vec<YoungPersonSummary> = app.get("/young-people", Some(&officer)).await.json().await.unwrap();
        let jay = people.iter().find(|p| p.sign_in_name.as_deref() == Some(demo::YOUNG_PERSON_SIGN_IN)).unwrap();
        assert_eq!(jay.age_band, Some(shared::AgeBand::Age12To15));
        let moved = app.put(&format!("/young-people/{}/age-band", jay.id), &json!({"age_band": "16-17"}), Some(&officer)).await;
        assert_eq!(moved.status(), StatusCode::NO_CONTENT);
        let me: Value = app.get("/me", Some(&young)).await.json().await.unwrap();
        assert_eq!(me["age_band"], "16-17", "their next page asks the older questions");
        let wrong = app.put(&format!("/young-people/{}/age-band", jay.id), &json!({"age_band": "99-100"}), Some(&officer)).await;
        assert!(wrong.status().is_client_error());
        let audit = app.get("/admin/audit/export", Some(&app.admin().await)).await.text().await.unwrap();
        assert!(audit.lines().any(|l| l.contains("age_band_changed") && l.contains("16-17")), "audited with from and to");
    }

    async fn a_young_person_who_left_care_is_switched_off_and_their_data_kept(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let young = app.young_person().await;
        let people: Vec<YoungPersonSummary> = app.get("/young-people", Some(&officer)).await.json().await.unwrap();
        let jay = people.iter().find(|p| p.sign_in_name.as_deref() == Some(demo::YOUNG_PERSON_SIGN_IN)).unwrap();
        assert!(jay.active);
        let mine_before: Vec<Value> = app.get("/me/feedback", Some(&young)).await.json().await.unwrap();

        let off = app.post(&format!("/young-people/{}/deactivate", jay.id), &json!({}), Some(&officer)).await;
        assert_eq!(off.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.get("/me", Some(&young)).await.status(), StatusCode::UNAUTHORIZED, "their sign-in ends at once");
        let refused = app.post("/auth/young-person/sign-in", &json!({"sign_in_name": demo::YOUNG_PERSON_SIGN_IN, "pin": demo::YOUNG_PERSON_PIN}), None).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert_eq!(error_body(refused).await.reason.as_str(), "account_deactivated");
        let listed: Vec<YoungPersonSummary> = app.get("/young-people", Some(&officer)).await.json().await.unwrap();
        assert!(!listed.iter().find(|p| p.id == jay.id).unwrap().active);

        let on = app.post(&format!("/young-people/{}/reactivate", jay.id), &json!({}), Some(&officer)).await;
        assert_eq!(on.status(), StatusCode::NO_CONTENT);
        let back = app.young_person().await;
        let mine_after: Vec<Value> = app.get("/me/feedback", Some(&back)).await.json().await.unwrap();
        assert_eq!(mine_after.len(), mine_before.len(), "their history was kept");
        let audit = app.get("/admin/audit/export", Some(&app.admin().await)).await.text().await.unwrap();
        assert!(audit.contains("young_person_deactivated") && audit.contains("young_person_reactivated"));
    }
}
