//! A young person's news: each decision on their feedback, each "we did" that reaches them and
//! their panels tell them once; they mark it seen; nobody else reads or marks it; it goes with
//! their data.
use chorus_tests::{both_databases, error_body, TestApp};
use reqwest::StatusCode;
use serde_json::json;
use shared::api::{News, NewsKind};
use uuid::Uuid;

async fn send(app: &TestApp, token: &str, service: Uuid, words: &str) -> Uuid {
    let id = Uuid::new_v4();
    let body =
        json!({"id": id, "service_id": service, "answers": {"safe": 4}, "tell_us_more": words});
    assert_eq!(
        app.post("/feedback", &body, Some(token)).await.status(),
        StatusCode::CREATED
    );
    id
}

async fn news(app: &TestApp, token: &str) -> News {
    let response = app.get("/me/news", Some(token)).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

both_databases! {
    async fn decisions_and_answers_reach_the_young_person_once_and_only_them(app: TestApp) {
        app.load_demo().await;
        let young = app.young_person().await;
        let other = app.sign_in_young_person("calm-heron-7", "270394").await;
        let officer = app.officer().await;
        let commissioner = app.commissioner().await;
        assert_eq!(news(&app, &young).await, News { unread: 0, items: vec![] }, "nothing before anything happens");
        let service = app.first_service(&young).await;
        let published = send(&app, &young, service, "Movie nights are the best").await;
        let refused = send(&app, &young, service, "Movie nights are the best").await;

        let approve = format!("/moderation/feedback/{published}/approve");
        for _ in 0..2 {
            assert_eq!(app.post(&approve, &json!({}), Some(&officer)).await.status(), StatusCode::NO_CONTENT);
        }
        let reject = app.post(&format!("/moderation/feedback/{refused}/reject"), &json!({"reason": "duplicate"}), Some(&officer)).await;
        assert_eq!(reject.status(), StatusCode::NO_CONTENT);
        let to_one = app.post("/responses", &json!({"feedback_id": published, "body": "We made movie night weekly"}), Some(&officer)).await;
        assert_eq!(to_one.status(), StatusCode::CREATED);
        let theme = app.post("/responses", &json!({"service_id": service, "dimension": "safe", "body": "New locks on every door"}), Some(&commissioner)).await;
        assert_eq!(theme.status(), StatusCode::CREATED);

        let mine = news(&app, &young).await;
        assert_eq!(mine.unread, 4, "{mine:?}");
        let kinds: Vec<NewsKind> = mine.items.iter().map(|n| n.kind).collect();
        assert_eq!(kinds.iter().filter(|k| **k == NewsKind::FeedbackPublished).count(), 1, "approved twice, told once");
        assert_eq!(kinds.iter().filter(|k| **k == NewsKind::WeDid).count(), 2);
        let not_published = mine.items.iter().find(|n| n.kind == NewsKind::FeedbackNotPublished).expect("told why");
        assert_eq!(not_published.feedback_id, Some(refused));
        assert_eq!(not_published.not_published.as_ref().unwrap().reason, shared::api::RejectionReason::Duplicate);
        let said: Vec<&str> = mine.items.iter().filter_map(|n| n.we_did.as_deref()).collect();
        assert!(said.contains(&"We made movie night weekly") && said.contains(&"New locks on every door"), "{said:?}");
        assert!(mine.items.iter().all(|n| !n.about.is_empty() && !n.read));
        assert!(mine.items.windows(2).all(|w| w[0].at >= w[1].at), "newest first");

        // Another young person was told nothing, and cannot mark Jay's news seen.
        let theirs = news(&app, &other).await;
        assert!(theirs.items.iter().all(|n| n.we_did.as_deref() != Some("We made movie night weekly")));
        let ids: Vec<Uuid> = mine.items.iter().map(|n| n.id).collect();
        assert_eq!(app.post("/me/news/seen", &json!({"ids": ids}), Some(&other)).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(news(&app, &young).await.unread, 4);
        // Staff have no news.
        assert_eq!(app.get("/me/news", Some(&officer)).await.status(), StatusCode::FORBIDDEN);

        // Seen: two of them, then more than a page at once is refused in words, changing nothing.
        assert_eq!(app.post("/me/news/seen", &json!({"ids": &ids[..2]}), Some(&young)).await.status(), StatusCode::NO_CONTENT);
        let after = news(&app, &young).await;
        assert_eq!(after.unread, 2);
        assert!(after.items.iter().filter(|n| n.read).all(|n| ids[..2].contains(&n.id)));
        let too_many: Vec<Uuid> = (0..101).map(|_| Uuid::new_v4()).chain(ids.iter().copied()).collect();
        let refused_seen = app.post("/me/news/seen", &json!({"ids": too_many}), Some(&young)).await;
        assert_eq!(refused_seen.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error_body(refused_seen).await.reason, shared::Reason::TooManyNews);
        assert_eq!(news(&app, &young).await.unread, 2);
        let not_a_list = app.post("/me/news/seen", &json!({"ids": "all"}), Some(&young)).await;
        assert_eq!(not_a_list.status(), StatusCode::BAD_REQUEST);

        // The export carries it; erasure takes it.
        let export = app.get("/me/export", Some(&young)).await.text().await.unwrap();
        assert!(export.contains("YOUR NEWS (4 items)"), "{export}");
        assert!(export.contains("was read and published") && export.contains("You said, we did"), "{export}");
        let me: serde_json::Value = app.get("/me", Some(&young)).await.json().await.unwrap();
        let id = me["id"].as_str().unwrap();
        let before = app.count("news").await;
        assert_eq!(app.post(&format!("/young-people/{id}/erase"), &json!({}), Some(&officer)).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.count("news").await, before - 4, "Jay's news went with Jay's data");
    }
}
