//! Assisted sessions (docs/assisted.md): a participation officer opens one, on their own device,
//! for a young person of their council. The session reads the child's services and gives
//! feedback, stored as the child's and marked with the officer; it reads nothing else of the
//! child's; the child counts once in the scores however they answered; switching the officer or
//! the child off ends it.

use backend::flows::moderation::{approve, Officer};
use backend::store;
use chorus_tests::{both_databases, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use shared::api::{AssistedSession, ModerationItem, MyService};
use shared::Dimension;
use uuid::Uuid;

async fn me(app: &TestApp, token: &str) -> Value {
    app.get("/me", Some(token)).await.json().await.unwrap()
}

async fn open(app: &TestApp, officer: &str, child: &str) -> reqwest::Response {
    app.post(
        &format!("/young-people/{child}/assisted-session"),
        &json!({}),
        Some(officer),
    )
    .await
}

fn faces(id: Uuid, service: Uuid, face: u8) -> Value {
    json!({"id": id, "service_id": service, "answers": {"safe": face, "nurtured": face}})
}

/// Young people behind the service's current-quarter "safe" cell.
async fn voices(
    app: &TestApp,
    organisation: backend::domain::ids::OrganisationId,
    service: Uuid,
) -> i64 {
    let now = backend::domain::quarter::Quarter::of(chrono::Utc::now());
    let window = backend::domain::windows::Window::quarter(now);
    let cells = store::aggregates::stored(&app.db, organisation)
        .await
        .unwrap();
    cells
        .get(&(service, Dimension::Safe, window))
        .map_or(0, |t| t.n)
}

both_databases! {
    async fn an_officer_helps_a_child_answer_and_the_answer_is_theirs_marked_as_helped(app: TestApp) {
        app.load_demo().await;
        let young = app.young_person().await;
        let officer = app.officer().await;
        let (child, helper) = (me(&app, &young).await, me(&app, &officer).await);
        let child_id: Uuid = child["id"].as_str().unwrap().parse().unwrap();
        let opened = open(&app, &officer, &child_id.to_string()).await;
        assert_eq!(opened.status(), StatusCode::OK);
        assert_eq!(opened.headers().get("cache-control").unwrap(), "no-store");
        let session: AssistedSession = opened.json().await.unwrap();
        assert_eq!((session.display_name.as_str(), session.expires_in), (child["display_name"].as_str().unwrap(), 1800));
        let token = session.access_token;

        // The child's services, as the child sees them; nothing else of theirs.
        let theirs: Vec<MyService> = app.get("/me/services", Some(&young)).await.json().await.unwrap();
        let seen: Vec<MyService> = app.get("/me/services", Some(&token)).await.json().await.unwrap();
        assert_eq!(serde_json::to_value(&seen).unwrap(), serde_json::to_value(&theirs).unwrap());
        for path in ["/me", "/me/feedback", "/me/news", "/me/export", "/me/participation", "/panels", "/training", "/me/push/key"] {
            assert_eq!(app.get(path, Some(&token)).await.status(), StatusCode::FORBIDDEN, "{path}");
        }
        for path in ["/me/news/seen", "/me/push/off", "/panels/00000000-0000-0000-0000-000000000000/interest"] {
            assert_eq!(app.post(path, &json!({}), Some(&token)).await.status(), StatusCode::FORBIDDEN, "{path}");
        }

        // The child answers on their own, then with the officer beside them: one voice.
        let service = seen[0].id;
        let organisation = backend::store::users::find(&app.db, child_id).await.unwrap().unwrap().organisation_id;
        let own = Uuid::new_v4();
        assert_eq!(app.post("/feedback", &faces(own, service, 2), Some(&young)).await.status(), StatusCode::CREATED);
        let moderator = Officer { id: helper["id"].as_str().unwrap().parse().unwrap(), organisation_id: organisation };
        approve(&app.db, moderator, own, &Default::default()).await.unwrap();
        let counted = voices(&app, organisation, service).await;
        let helped = Uuid::new_v4();
        let sent = app.post("/feedback", &faces(helped, service, 5), Some(&token)).await;
        assert_eq!(sent.status(), StatusCode::CREATED);
        assert_eq!(app.post("/feedback", &faces(helped, service, 5), Some(&token)).await.status(), StatusCode::OK, "a retry, stored once");
        let row = <store::entities::feedback::Entity as sea_orm::EntityTrait>::find_by_id(helped).one(&app.db).await.unwrap().unwrap();
        assert_eq!((row.author_id, row.assisted_by.map(|h| h.to_string())), (child_id, helper["id"].as_str().map(str::to_owned)));

        // Officers see it marked, by whom.
        let queue: Vec<ModerationItem> = app.get("/moderation/queue", Some(&officer)).await.json().await.unwrap();
        let item = queue.iter().find(|i| i.id == helped).unwrap();
        assert_eq!(item.assisted_by.as_deref(), helper["display_name"].as_str());
        assert!(queue.iter().filter(|i| i.id != helped).all(|i| i.assisted_by.is_none()));
        let original: ModerationItem = app.get(&format!("/moderation/feedback/{helped}"), Some(&officer)).await.json().await.unwrap();
        assert_eq!(original.assisted_by, item.assisted_by);

        approve(&app.db, moderator, helped, &Default::default()).await.unwrap();
        assert_eq!(voices(&app, organisation, service).await, counted, "the child counts once, with their latest answer");
        let recompute = backend::recompute::run(&app.db, true).await.unwrap();
        assert_eq!(recompute.differences, 0);
    }

    async fn only_an_officer_of_the_childs_council_opens_one_and_switching_off_ends_it(app: TestApp) {
        app.load_demo().await;
        let young = app.young_person().await;
        let officer = app.officer().await;
        let child = me(&app, &young).await["id"].as_str().unwrap().to_owned();
        let before = app.count("audit_log").await;
        for (who, token) in [("young person", &young), ("commissioner", &app.commissioner().await), ("admin", &app.admin().await)] {
            assert_eq!(open(&app, token, &child).await.status(), StatusCode::FORBIDDEN, "{who}");
        }
        let officer_id = me(&app, &officer).await["id"].as_str().unwrap().to_owned();
        for id in [Uuid::new_v4().to_string(), officer_id.clone()] {
            let refused = open(&app, &officer, &id).await;
            assert_eq!(refused.status(), StatusCode::NOT_FOUND, "not a young person of the council");
            let body: Value = refused.json().await.unwrap();
            assert_eq!(body["reason"], "young_person_not_found");
        }
        assert_eq!(app.count("audit_log").await, before, "refusals write nothing");

        let session: AssistedSession = open(&app, &officer, &child).await.json().await.unwrap();
        assert_eq!(app.count("audit_log").await, before + 1, "opening is audited");
        assert_eq!(app.get("/me/services", Some(&session.access_token)).await.status(), StatusCode::OK);
        // The child's account switched off: the session ends, and no new one opens.
        assert_eq!(app.post(&format!("/young-people/{child}/deactivate"), &json!({}), Some(&officer)).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.get("/me/services", Some(&session.access_token)).await.status(), StatusCode::UNAUTHORIZED);
        let refused = open(&app, &officer, &child).await;
        assert_eq!(refused.status(), StatusCode::CONFLICT);
        assert_eq!(refused.json::<Value>().await.unwrap()["reason"], "account_deactivated");
        assert_eq!(app.post(&format!("/young-people/{child}/reactivate"), &json!({}), Some(&officer)).await.status(), StatusCode::NO_CONTENT);

        // The officer switched off by the admin: their session for the child ends too.
        let session: AssistedSession = open(&app, &officer, &child).await.json().await.unwrap();
        assert_eq!(app.get("/me/services", Some(&session.access_token)).await.status(), StatusCode::OK);
        let admin = app.admin().await;
        assert_eq!(app.post(&format!("/admin/staff/{officer_id}/deactivate"), &json!({}), Some(&admin)).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.get("/me/services", Some(&session.access_token)).await.status(), StatusCode::UNAUTHORIZED);
        let young = app.young_person().await;
        assert_eq!(app.get("/me/services", Some(&young)).await.status(), StatusCode::OK, "the child signs in as ever");
    }
}
