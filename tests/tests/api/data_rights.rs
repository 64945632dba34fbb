//! Data rights (DESIGN.md §4, ICO Children's Code): export as a readable file, erasure by an
//! officer, and free text anonymised after the organisation's retention period.

use chorus_tests::{both_databases, error_body, TestApp};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{json, Value};
use shared::api::YoungPersonSummary;
use uuid::Uuid;

async fn give_feedback(app: &TestApp, token: &str, words: &str) -> Uuid {
    let service = app.first_service(token).await;
    let id = Uuid::new_v4();
    let sent = app.post("/feedback", &json!({ "id": id, "service_id": service, "answers": { "safe": 4, "nurtured": 5 }, "tell_us_more": words }), Some(token)).await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    id
}

async fn jay(app: &TestApp, officer: &str) -> Uuid {
    app.demo_young_person_id(officer).await
}

async fn audit_actions(app: &TestApp) -> String {
    app.get("/admin/audit/export", Some(&app.admin().await))
        .await
        .text()
        .await
        .unwrap()
}

both_databases! {
    async fn a_young_person_downloads_everything_chorus_keeps_about_them(app: TestApp) {
        app.load_demo().await;
        let young = app.young_person().await;
        give_feedback(&app, &young, "The garden at the home is lovely in summer").await;
        let mo = app.sign_in_young_person("calm-heron-7", "270394").await;
        give_feedback(&app, &mo, "Mo's own words about the foyer").await;
        // Jay also scores on the demo tender panel: the export carries the score and its reason.
        let officer = app.officer().await;
        let jay_id = jay(&app, &officer).await;
        let tenders: Vec<Value> = app.get("/tenders", Some(&officer)).await.json().await.unwrap();
        let tender = tenders[0]["id"].as_str().unwrap().to_owned();
        app.post(&format!("/panels/{tender}/interest"), &json!({}), Some(&young)).await;
        app.post(&format!("/tenders/{tender}/members/{jay_id}/approve"), &json!({}), Some(&officer)).await;
        app.post("/training", &json!({ "answers": [1, 0, 2, 1, 0] }), Some(&young)).await;
        app.post(&format!("/panels/{tender}/conflicts"), &json!({ "conflicted": [] }), Some(&young)).await;
        let bids: Vec<Value> = app.get(&format!("/panels/{tender}/bids"), Some(&young)).await.json().await.unwrap();
        let (bid, question) = (bids[0]["id"].as_str().unwrap(), bids[0]["questions"][0]["id"].as_str().unwrap());
        let scored = app.put(&format!("/tenders/{tender}/bids/{bid}/scores/{question}"), &json!({ "score": 4, "reason": "They let us choose the paint" }), Some(&young)).await;
        assert_eq!(scored.status(), StatusCode::OK);
        let response = app.get("/me/export", Some(&young)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
        let text = response.text().await.unwrap();
        for expected in ["EVERYTHING CHORUS KEEPS ABOUT YOU", "Name we call you: Jay", "Sign-in name: brave-otter-42", "The garden at the home is lovely in summer", "SERVICES LINKED TO YOU", "WHO SEES WHAT", "They let us choose the paint", "(draft)"] {
            assert!(text.contains(expected), "the export lacks {expected:?}");
        }
        assert!(!text.contains("argon2"), "no PIN hash in the export");
        assert!(!text.contains("Mo's own words about the foyer"), "nobody else's words");
        // An officer can download it on the young person's behalf; that is audited.
        let id = jay_id;
        let on_behalf = app.get(&format!("/young-people/{id}/export"), Some(&officer)).await.text().await.unwrap();
        assert!(on_behalf.contains("The garden at the home is lovely in summer"));
        assert!(audit_actions(&app).await.contains("young_person_data_exported"));
        // Staff are not young people: nothing to export through this route.
        let me: Value = app.get("/me", Some(&officer)).await.json().await.unwrap();
        let officer_id = me["id"].as_str().unwrap();
        assert_eq!(app.get(&format!("/young-people/{officer_id}/export"), Some(&officer)).await.status(), StatusCode::NOT_FOUND);
    }

    async fn an_officer_erases_a_young_person_and_only_anonymous_scores_stay(app: TestApp) {
        app.load_demo().await;
        let young = app.young_person().await;
        let officer = app.officer().await;
        let words = "Please forget what I wrote about my key worker Sam";
        let feedback_id = give_feedback(&app, &young, words).await;
        let item: shared::api::ModerationItem = app.get(&format!("/moderation/feedback/{feedback_id}"), Some(&officer)).await.json().await.unwrap();
        let approved = app.post(&format!("/moderation/feedback/{feedback_id}/approve"), &json!({ "redactions": item.highlights }), Some(&officer)).await;
        assert_eq!(approved.status(), StatusCode::NO_CONTENT);
        let id = jay(&app, &officer).await;
        let service = app.first_service(&young).await;
        let feedback_before = app.count("feedback").await;

        assert_eq!(app.post(&format!("/young-people/{id}/erase"), &json!({}), Some(&officer)).await.status(), StatusCode::NO_CONTENT);
        // Identity and sign-in are gone.
        let sign_in = app.post("/auth/young-person/sign-in", &json!({ "sign_in_name": demo::YOUNG_PERSON_SIGN_IN, "pin": demo::YOUNG_PERSON_PIN }), None).await;
        assert_eq!(sign_in.status(), StatusCode::UNAUTHORIZED);
        let people: Vec<YoungPersonSummary> = app.get("/young-people", Some(&officer)).await.json().await.unwrap();
        let erased = people.iter().find(|p| p.id == id).unwrap();
        assert!(erased.erased && erased.sign_in_name.is_none() && erased.display_name == backend::store::data_rights::ERASED_NAME);
        // The words are gone; the anonymous answers and the aggregates stay, and still agree.
        assert_eq!(app.count("feedback").await, feedback_before);
        let row = app.db.query_one(Statement::from_sql_and_values(app.db.get_database_backend(),
            match app.backend { chorus_tests::Backend::Sqlite => "SELECT tell_us_more, published_tell_us_more, nurtured FROM feedback WHERE author_id = ? AND nurtured = 5", chorus_tests::Backend::Postgres => "SELECT tell_us_more, published_tell_us_more, nurtured FROM feedback WHERE author_id = $1 AND nurtured = 5" },
            [id.into()])).await.unwrap().unwrap();
        assert_eq!(row.try_get::<Option<String>>("", "tell_us_more").unwrap(), None);
        assert_eq!(row.try_get::<Option<String>>("", "published_tell_us_more").unwrap(), None);
        assert_eq!(row.try_get::<Option<i16>>("", "nurtured").unwrap(), Some(5));
        let check = backend::recompute::run(&app.db, true).await.unwrap();
        assert_eq!(check.differences, 0, "the aggregates are untouched by erasure");
        let export = app.get(&format!("/young-people/{id}/export"), Some(&officer)).await.text().await.unwrap();
        assert!(export.contains(backend::store::data_rights::ERASED_NAME) && !export.contains(words) && !export.contains("brave-otter-42"));
        // No route an officer or commissioner reads returns their name or words any more.
        let commissioner = app.commissioner().await;
        for (token, path) in [
            (&officer, "/moderation/queue".to_owned()),
            (&officer, "/safeguarding/alerts".to_owned()),
            (&officer, "/young-people".to_owned()),
            (&officer, format!("/moderation/feedback/{feedback_id}")),
            (&commissioner, "/dashboard/scores".to_owned()),
            (&commissioner, format!("/dashboard/services/{service}")),
        ] {
            let text = app.get(&path, Some(token)).await.text().await.unwrap();
            assert!(!text.contains("key worker Sam") && !text.contains("\"Jay\"") && !text.contains("brave-otter-42"), "{path} still shows the erased young person");
        }
        // The audit log says it happened, never what was erased.
        let audit = audit_actions(&app).await;
        assert!(audit.contains("young_person_erased"));
        assert!(!audit.contains("key worker Sam"));
        let again = app.post(&format!("/young-people/{id}/erase"), &json!({}), Some(&officer)).await;
        assert_eq!(again.status(), StatusCode::CONFLICT);
        assert_eq!(app.post(&format!("/young-people/{}/erase", Uuid::new_v4()), &json!({}), Some(&officer)).await.status(), StatusCode::NOT_FOUND);
    }

    async fn free_text_is_anonymised_after_the_retention_period(app: TestApp) {
        app.load_demo().await;
        let admin = app.admin().await;
        let bad = app.put("/admin/retention", &json!({ "months": 0 }), Some(&admin)).await;
        assert_eq!(error_body(bad).await.field.as_deref(), Some("months"));
        let set = app.put("/admin/retention", &json!({ "months": 1 }), Some(&admin)).await;
        assert_eq!(set.status(), StatusCode::OK);
        let read: Value = app.get("/admin/retention", Some(&admin)).await.json().await.unwrap();
        assert_eq!(read["months"], json!(1));

        let young = app.young_person().await;
        let old = give_feedback(&app, &young, "Written long ago").await;
        let recent = give_feedback(&app, &young, "Written today").await;
        let placeholder = match app.backend { chorus_tests::Backend::Sqlite => "?", chorus_tests::Backend::Postgres => "$1" };
        app.db.execute(Statement::from_sql_and_values(app.db.get_database_backend(),
            format!("UPDATE feedback SET received_at = {} WHERE id = {placeholder}", match app.backend {
                chorus_tests::Backend::Sqlite => "datetime('now', '-2 months')",
                chorus_tests::Backend::Postgres => "now() - interval '2 months'",
            }),
            [old.into()])).await.unwrap();
        // Exactly the council's items older than a month change (the demo history too; its
        // neighbours keep theirs longer); a second run changes none.
        use backend::store::entities::feedback as f;
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        let cutoff = chrono::Utc::now().checked_sub_months(chrono::Months::new(1)).unwrap();
        let stoke = backend::store::organisations::find_by_slug(&app.db, demo::ORGANISATION_SLUG).await.unwrap().unwrap().id;
        let f_find = || f::Entity::find().filter(f::Column::OrganisationId.eq(stoke));
        let expired = f_find().filter(f::Column::ReceivedAt.lt(cutoff)).filter(f::Column::AnonymisedAt.is_null()).count(&app.db).await.unwrap();
        let changed = backend::flows::data_rights::run_retention(&app.db).await.unwrap();
        assert_eq!(changed, expired, "every expired item, and only those");
        let with_words = f_find()
            .filter(f::Column::ReceivedAt.lt(cutoff))
            .filter(f::Column::TellUsMore.is_not_null().or(f::Column::MakeBetter.is_not_null()).or(f::Column::PublishedTellUsMore.is_not_null()))
            .count(&app.db).await.unwrap();
        assert_eq!(with_words, 0, "no words left in expired items");
        let touched_recent = f::Entity::find().filter(f::Column::ReceivedAt.gte(cutoff)).filter(f::Column::AnonymisedAt.is_not_null()).count(&app.db).await.unwrap();
        assert_eq!(touched_recent, 0, "nothing recent is touched");
        assert_eq!(backend::flows::data_rights::run_retention(&app.db).await.unwrap(), 0);
        let mine: Vec<shared::api::MyFeedback> = app.get("/me/feedback", Some(&young)).await.json().await.unwrap();
        assert_eq!(mine.iter().find(|f| f.id == old).unwrap().tell_us_more, None);
        assert_eq!(mine.iter().find(|f| f.id == recent).unwrap().tell_us_more.as_deref(), Some("Written today"));
        assert!(audit_actions(&app).await.contains("free_text_anonymised"));
    }
}
