//! A provider's right of reply: written about its own service (a theme, or a "we did"),
//! read by the council's commissioners at once, and reaching the young people who spoke only once
//! a participation officer approves it, as news that is also in their data export.

use backend::domain::quarter::Quarter;
use chorus_tests::{both_databases, error_body, TestApp};
use chrono::Utc;
use reqwest::StatusCode;
use serde_json::{json, Value};
use shared::api::{
    ModerationStatus, News, NewsKind, ProviderReply, ReplyApproved, ScoresReport, ServiceDetail,
};
use shared::Reason;
use uuid::Uuid;

async fn json<T: serde::de::DeserializeOwned>(app: &TestApp, path: &str, token: &str) -> T {
    let response = app.get(path, Some(token)).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.json().await.unwrap()
}

both_databases! {
    async fn a_provider_s_reply_reaches_the_young_people_who_spoke_once_an_officer_approves(app: TestApp) {
        app.load_demo().await;
        let (provider, officer, commissioner, young) = (app.provider().await, app.officer().await, app.commissioner().await, app.young_person().await);
        let theirs: ScoresReport = json(&app, "/provider/scores", &provider).await;
        let foxglove = theirs.services.iter().find(|s| s.service_name == "Foxglove View").unwrap().service_id;
        let other: ScoresReport = json(&app, "/dashboard/scores", &commissioner).await;
        let elsewhere = other.services.iter().find(|s| s.provider_name != demo::PROVIDER_NAME).unwrap().service_id;
        // The demo young person goes to Foxglove View and says how involved they feel there.
        let person = app.demo_young_person_id(&officer).await;
        let linked = app.post(&format!("/young-people/{person}/services"), &json!({"service_id": foxglove}), Some(&officer)).await;
        assert_eq!(linked.status(), StatusCode::NO_CONTENT);
        let feedback = Uuid::new_v4();
        let sent = app.post("/feedback", &json!({"id": feedback, "service_id": foxglove, "answers": {"involved": 2}}), Some(&young)).await;
        assert_eq!(sent.status(), StatusCode::CREATED);
        let approved = app.post(&format!("/moderation/feedback/{feedback}/approve"), &json!({}), Some(&officer)).await;
        assert_eq!(approved.status(), StatusCode::NO_CONTENT);
        let quarter = Quarter::of(Utc::now()).to_string();

        // Refused in words, writing nothing: another provider's service, a "we did" and a theme
        // at once, an empty reply, a quarter that is not one.
        let replies_before = app.count("provider_replies").await;
        for (body, status, reason) in [
            (json!({"service_id": elsewhere, "body": "Not ours"}), StatusCode::NOT_FOUND, Reason::ServiceNotFound),
            (json!({"service_id": foxglove, "response_id": Uuid::new_v4(), "dimension": "involved", "body": "Both"}), StatusCode::UNPROCESSABLE_ENTITY, Reason::ResponseTarget),
            (json!({"service_id": foxglove, "response_id": Uuid::new_v4(), "body": "Whose?"}), StatusCode::UNPROCESSABLE_ENTITY, Reason::ResponseTarget),
            (json!({"service_id": foxglove, "body": "   "}), StatusCode::UNPROCESSABLE_ENTITY, Reason::BodyEmpty),
            (json!({"service_id": foxglove, "quarter": "2026-Q9", "body": "When?"}), StatusCode::UNPROCESSABLE_ENTITY, Reason::QuarterFormat),
        ] {
            let refused = app.post("/provider/replies", &body, Some(&provider)).await;
            assert_eq!(refused.status(), status, "{body}");
            assert_eq!(error_body(refused).await.reason, reason, "{body}");
        }
        assert_eq!(app.count("provider_replies").await, replies_before);

        // A reply to the theme: the commissioners read it at once, the young person not yet.
        let words = "We now plan the week with the young people at Sunday house meetings.";
        let reply: ProviderReply = app
            .post("/provider/replies", &json!({"service_id": foxglove, "dimension": "involved", "quarter": quarter, "body": words}), Some(&provider))
            .await.json().await.unwrap();
        assert_eq!((reply.status, reply.service_name.as_str()), (ModerationStatus::Pending, "Foxglove View"));
        let page: ServiceDetail = json(&app, &format!("/dashboard/services/{foxglove}"), &commissioner).await;
        assert_eq!(page.replies.first().map(|r| (&r.body, r.status)), Some((&words.to_owned(), ModerationStatus::Pending)));
        let own: ServiceDetail = json(&app, &format!("/provider/services/{foxglove}"), &provider).await;
        assert_eq!(own.replies, page.replies, "the provider sees where its reply stands");
        let news: News = json(&app, "/me/news", &young).await;
        assert!(!news.items.iter().any(|n| n.kind == NewsKind::ProviderReply), "not before an officer approves");

        // The officer approves: it reaches the young person (and the demo's other voices there).
        let waiting: Vec<ProviderReply> = json(&app, "/moderation/replies", &officer).await;
        assert_eq!(waiting.iter().map(|r| r.id).collect::<Vec<_>>(), [reply.id]);
        let done: ReplyApproved = app.post(&format!("/moderation/replies/{}/approve", reply.id), &json!({}), Some(&officer)).await.json().await.unwrap();
        assert!(done.reaches_young_people >= 1);
        let again = app.post(&format!("/moderation/replies/{}/approve", reply.id), &json!({}), Some(&officer)).await;
        assert_eq!(again.status(), StatusCode::NOT_FOUND, "decided once");
        assert_eq!(error_body(again).await.reason, Reason::ReplyNotFound);
        let news: News = json(&app, "/me/news", &young).await;
        let item = news.items.iter().find(|n| n.kind == NewsKind::ProviderReply).expect("the reply is news");
        assert_eq!((item.about.as_str(), item.we_did.as_deref(), item.read), ("Foxglove View", Some(words), false));
        let export = app.get("/me/export", Some(&young)).await.text().await.unwrap();
        assert!(export.contains(&format!("The people who run Foxglove View answered: {words}")), "{export}");

        // A reply to a "we did": it is for whom that reached; rejected, it reaches nobody.
        let response: Value = app
            .post("/responses", &json!({"feedback_id": feedback, "body": "We asked Foxglove to involve you more."}), Some(&commissioner))
            .await.json().await.unwrap();
        let second: ProviderReply = app
            .post("/provider/replies", &json!({"service_id": foxglove, "response_id": response["id"], "body": "We will."}), Some(&provider))
            .await.json().await.unwrap();
        let rejected = app.post(&format!("/moderation/replies/{}/reject", second.id), &json!({}), Some(&officer)).await;
        assert_eq!(rejected.status(), StatusCode::NO_CONTENT);
        let news: News = json(&app, "/me/news", &young).await;
        assert_eq!(news.items.iter().filter(|n| n.kind == NewsKind::ProviderReply).count(), 1, "a rejected reply is no news");
        let page: ServiceDetail = json(&app, &format!("/dashboard/services/{foxglove}"), &commissioner).await;
        assert_eq!(page.replies.iter().map(|r| (r.body.as_str(), r.status)).collect::<Vec<_>>(),
            [("We will.", ModerationStatus::Rejected), (words, ModerationStatus::Approved)]);
        assert_eq!(page.replies[0].response_id, response["id"].as_str().map(|s| s.parse().unwrap()));
        let waiting: Vec<ProviderReply> = json(&app, "/moderation/replies", &officer).await;
        assert!(waiting.is_empty());
    }
}
