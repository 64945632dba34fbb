use backend::domain::ids::OrganisationId;
use chorus_tests::{both_databases, error_body};
use reqwest::StatusCode;
use serde_json::json;
use shared::api::{FeedbackReceipt, ModerationItem};
use shared::ErrorCode;
use uuid::Uuid;

both_databases! {
    async fn a_retried_submission_is_stored_once(app: TestApp) {
        app.load_demo().await;
        let token = app.young_person().await;
        let service = app.first_service(&token).await;
        let before = app.count("feedback").await;
        let body = json!({"id": Uuid::new_v4(), "service_id": service, "answers": {"safe": 4, "involved": 2}, "tell_us_more": "It is ok here"});
        let first = app.post("/feedback", &body, Some(&token)).await;
        assert_eq!(first.status(), StatusCode::CREATED);
        let again = app.post("/feedback", &body, Some(&token)).await;
        assert_eq!(again.status(), StatusCode::OK);
        assert_eq!(first.json::<FeedbackReceipt>().await.unwrap(), again.json::<FeedbackReceipt>().await.unwrap());
        assert_eq!(app.count("feedback").await, before + 1);

        // Someone else cannot take over that id.
        let other = app.redeem("STKE-YP2C", "quiet-owl-5", "270394").await;
        let other_service = app.first_service(&other).await;
        let stolen = app.post("/feedback", &json!({"id": body["id"], "service_id": other_service, "answers": {"safe": 5}}), Some(&other)).await;
        assert_eq!(stolen.status(), StatusCode::CONFLICT);
        assert_eq!(app.count("feedback").await, before + 1);
    }

    async fn bad_feedback_is_refused_with_the_field_named(app: TestApp) {
        app.load_demo().await;
        let token = app.young_person().await;
        let service = app.first_service(&token).await;
        let before = app.count("feedback").await;
        let cases = [
            (json!({"id": Uuid::new_v4(), "service_id": Uuid::new_v4(), "answers": {"safe": 3}}), StatusCode::UNPROCESSABLE_ENTITY, Some("service_id")),
            (json!({"id": Uuid::new_v4(), "service_id": service, "answers": {}}), StatusCode::UNPROCESSABLE_ENTITY, Some("answers")),
            (json!({"id": Uuid::new_v4(), "service_id": service, "answers": {"safe": 9}}), StatusCode::BAD_REQUEST, None),
            (json!({"id": Uuid::new_v4(), "service_id": service, "tell_us_more": "x".repeat(2001)}), StatusCode::UNPROCESSABLE_ENTITY, Some("tell_us_more")),
            (json!({"id": "not-a-uuid", "service_id": service, "answers": {"safe": 3}}), StatusCode::BAD_REQUEST, None),
        ];
        for (body, status, field) in cases {
            let response = app.post("/feedback", &body, Some(&token)).await;
            assert_eq!(response.status(), status, "{body}");
            let error = error_body(response).await;
            assert_eq!(error.field.as_deref(), field, "{body}");
        }
        assert_eq!(app.count("feedback").await, before, "nothing was stored");
    }

    async fn officers_see_a_name_only_when_the_young_person_chose_to_share_it(app: TestApp) {
        app.load_demo().await;
        let token = app.young_person().await;
        let service = app.first_service(&token).await;
        let (named, anonymous) = (Uuid::new_v4(), Uuid::new_v4());
        app.post("/feedback", &json!({"id": named, "service_id": service, "answers": {"safe": 4}, "named": true}), Some(&token)).await;
        app.post("/feedback", &json!({"id": anonymous, "service_id": service, "answers": {"safe": 4}}), Some(&token)).await;

        let queue: Vec<ModerationItem> = app.get("/moderation/queue", Some(&app.officer().await)).await.json().await.unwrap();
        let find = |id: Uuid| queue.iter().find(|i| i.id == id).cloned().unwrap();
        assert_eq!(find(named).author_display_name.as_deref(), Some("Jay"));
        assert_eq!(find(anonymous).author_display_name, None);

        // An officer of another organisation sees none of it.
        let other = backend::store::organisations::ensure(&app.db, "elsewhere", "Elsewhere Council", None).await.unwrap();
        backend::seed::staff(&app.db, other.id, shared::Role::ParticipationOfficer, "officer@elsewhere.example", demo::STAFF_PASSWORD, "Other Officer").await.unwrap();
        let theirs: Vec<ModerationItem> = app.get("/moderation/queue", Some(&app.sign_in_staff("officer@elsewhere.example").await)).await.json().await.unwrap();
        assert!(theirs.is_empty());
        let detail = app.get(&format!("/moderation/feedback/{named}"), Some(&app.sign_in_staff("officer@elsewhere.example").await)).await;
        assert_eq!(detail.status(), StatusCode::NOT_FOUND);
        assert_eq!(error_body(detail).await.error, ErrorCode::NotFound);
    }
}

both_databases! {
    async fn submissions_sent_at_once_are_each_answered_and_each_stored_once(app: TestApp) {
        app.load_demo().await;
        let first = app.young_person().await;
        let second = app.redeem("STKE-YP2D", "swift-heron-8", "638214").await;
        let (feedback_before, alerts_before) = (app.count("feedback").await, app.count("safeguarding_alerts").await);
        // Twelve submissions each, every one sent twice at the same moment (a phone retrying),
        // one asking to talk, all in flight together so the writer batches them.
        let mut sends = Vec::new();
        let mut ids = Vec::new();
        for token in [&first, &second] {
            let service = app.first_service(token).await;
            for i in 0..12 {
                let id = Uuid::new_v4();
                ids.push(id);
                let body = json!({"id": id, "service_id": service, "answers": {"safe": 4}, "wants_talk": i == 0});
                for _ in 0..2 {
                    let (app, body, token) = (&app, body.clone(), token.clone());
                    sends.push(async move { (id, app.post("/feedback", &body, Some(&token)).await.status()) });
                }
            }
        }
        let answers = futures_util::future::join_all(sends).await;
        for id in &ids {
            let statuses: Vec<StatusCode> = answers.iter().filter(|(i, _)| i == id).map(|(_, s)| *s).collect();
            assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CREATED).count(), 1, "{id}: {statuses:?}");
            assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{id}: {statuses:?}");
        }
        assert_eq!(app.count("feedback").await, feedback_before + 24);
        assert_eq!(app.count("safeguarding_alerts").await, alerts_before + 2, "one alert for each who asked to talk");
    }

    async fn one_batch_stores_retries_once_and_refuses_what_is_not_theirs(app: TestApp) {
        use backend::flows::feedback::{submit_batch, Submitted};
        use backend::store::feedback::{NewFeedback, Stored};
        app.load_demo().await;
        let other_token = app.redeem("STKE-YP2E", "calm-fox-3", "550912").await;
        let other_service = app.first_service(&other_token).await;
        let me = backend::store::users::find_by_sign_in_name(&app.db, demo::YOUNG_PERSON_SIGN_IN).await.unwrap().unwrap();
        let other = backend::store::users::find_by_sign_in_name(&app.db, "calm-fox-3").await.unwrap().unwrap();
        let my_service = backend::store::services::list_for_young_person(&app.db, me.id).await.unwrap()[0].id;
        let feedback = |id: Uuid, author: Uuid, service: Uuid, wants_talk: bool| NewFeedback {
            id,
            organisation_id: me.organisation_id,
            service_id: service,
            author_id: author,
            answers: shared::Answers::default(),
            tell_us_more: Some("The staff are kind".into()),
            make_better: None,
            named: false,
            wants_talk,
            assisted_by: None,
        };
        let (a, b, c) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let alerts_before = app.count("safeguarding_alerts").await;
        let batch = [
            feedback(a, me.id, my_service, false),
            feedback(a, me.id, my_service, false),          // the same phone's retry, same batch
            feedback(a, other.id, other_service, false),    // someone else's id
            feedback(b, me.id, Uuid::new_v4(), false),      // not one of my services
            feedback(c, other.id, other_service, true),     // asks to talk
        ];
        let outcomes = submit_batch(&app.db, &batch).await.unwrap();
        assert!(matches!(outcomes[0], Submitted::Stored(Stored::Created(_))), "{outcomes:?}");
        assert!(matches!(outcomes[1], Submitted::Stored(Stored::AlreadyStored(_))), "{outcomes:?}");
        assert_eq!(outcomes[2], Submitted::Stored(Stored::IdTaken));
        assert_eq!(outcomes[3], Submitted::NotLinked);
        assert!(matches!(outcomes[4], Submitted::Stored(Stored::Created(_))), "{outcomes:?}");
        assert_eq!(app.count("safeguarding_alerts").await, alerts_before + 1);

        // The next batch: a retry of a stored one gets its first receipt time; a stolen id is refused.
        let again = submit_batch(&app.db, &[feedback(a, me.id, my_service, false), feedback(c, me.id, my_service, false)]).await.unwrap();
        let (Submitted::Stored(Stored::Created(first_at)), Submitted::Stored(Stored::AlreadyStored(again_at))) = (outcomes[0], again[0]) else {
            panic!("{outcomes:?} then {again:?}");
        };
        assert_eq!(first_at, again_at);
        assert_eq!(again[1], Submitted::Stored(Stored::IdTaken));
        assert_eq!(app.count("safeguarding_alerts").await, alerts_before + 1, "a retry raises no second alert");
    }
}

both_databases! {
    async fn an_id_sent_again_with_a_different_body_is_refused_in_words(app: TestApp) {
        app.load_demo().await;
        let token = app.young_person().await;
        let service = app.first_service(&token).await;
        let id = Uuid::new_v4();
        let body = json!({"id": id, "service_id": service, "answers": {"safe": 4, "involved": 2}, "tell_us_more": "It is ok here"});
        let first = app.post("/feedback", &body, Some(&token)).await;
        assert_eq!(first.status(), StatusCode::CREATED);
        let before = app.count("feedback").await;

        let changed = [
            json!({"id": id, "service_id": service, "answers": {"safe": 1, "involved": 2}, "tell_us_more": "It is ok here"}),
            json!({"id": id, "service_id": service, "answers": {"safe": 4, "involved": 2}, "tell_us_more": "It is not ok here"}),
            json!({"id": id, "service_id": service, "answers": {"safe": 4, "involved": 2}}),
            json!({"id": id, "service_id": service, "answers": {"safe": 4, "involved": 2}, "tell_us_more": "It is ok here", "named": true}),
            json!({"id": id, "service_id": service, "answers": {"safe": 4, "involved": 2}, "tell_us_more": "It is ok here", "wants_talk": true}),
        ];
        for other in changed {
            let response = app.post("/feedback", &other, Some(&token)).await;
            assert_eq!(response.status(), StatusCode::CONFLICT, "{other}");
            let error = error_body(response).await;
            assert_eq!(error.error, ErrorCode::Conflict, "{other}");
            assert!(error.message.contains("different feedback with this id"), "{}", error.message);
        }

        // The same body again is a retry: 200 with the first receipt, still one row.
        let again = app.post("/feedback", &body, Some(&token)).await;
        assert_eq!(again.status(), StatusCode::OK);
        assert_eq!(first.json::<FeedbackReceipt>().await.unwrap(), again.json::<FeedbackReceipt>().await.unwrap());
        assert_eq!(app.count("feedback").await, before);
        use sea_orm::EntityTrait;
        let stored = backend::store::entities::feedback::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap();
        assert_eq!((stored.safe, stored.tell_us_more.as_deref(), stored.wants_talk), (Some(4), Some("It is ok here"), false), "the first body is kept");
    }

    async fn the_writer_refuses_a_changed_body_in_a_batch_and_when_storing_one_by_one(app: TestApp) {
        use backend::flows::feedback::{writer::SubmissionWriter, Submitted};
        use backend::store::feedback::{NewFeedback, Stored};
        app.load_demo().await;
        let me = backend::store::users::find_by_sign_in_name(&app.db, demo::YOUNG_PERSON_SIGN_IN).await.unwrap().unwrap();
        let my_service = backend::store::services::list_for_young_person(&app.db, me.id).await.unwrap()[0].id;
        let feedback = |id: Uuid, words: &str| NewFeedback {
            id,
            organisation_id: me.organisation_id,
            service_id: my_service,
            author_id: me.id,
            answers: shared::Answers::default(),
            tell_us_more: Some(words.into()),
            make_better: None,
            named: false,
            wants_talk: false,
            assisted_by: None,
        };
        // One writer on this test's single-threaded runtime: everything sent in one go is one batch.
        let writer = SubmissionWriter::start(app.db.clone(), 1);
        let stored = Uuid::new_v4();
        assert!(matches!(writer.submit(feedback(stored, "Kind staff")).await.unwrap(), Submitted::Stored(Stored::Created(_))));

        // One batch: a retry, a changed body of a stored id, a new id sent twice with two bodies.
        let fresh = Uuid::new_v4();
        let batch = [feedback(stored, "Kind staff"), feedback(stored, "Unkind staff"), feedback(fresh, "Good food"), feedback(fresh, "Bad food")];
        let outcomes = futures_util::future::join_all(batch.into_iter().map(|f| writer.submit(f))).await;
        let outcomes: Vec<Submitted> = outcomes.into_iter().map(Result::unwrap).collect();
        assert!(matches!(outcomes[0], Submitted::Stored(Stored::AlreadyStored(_))), "{outcomes:?}");
        assert_eq!(outcomes[1], Submitted::Stored(Stored::DifferentBody));
        assert!(matches!(outcomes[2], Submitted::Stored(Stored::Created(_))), "{outcomes:?}");
        assert_eq!(outcomes[3], Submitted::Stored(Stored::DifferentBody));

        // A batch the database refuses (an organisation that does not exist) is stored one by one:
        // the refused one fails alone, and the others still get their own answers.
        let broken = NewFeedback { organisation_id: OrganisationId::new_v4(), ..feedback(Uuid::new_v4(), "Nowhere") };
        let later = Uuid::new_v4();
        let batch = [feedback(stored, "Unkind staff"), broken, feedback(later, "Fine"), feedback(stored, "Kind staff")];
        let outcomes = futures_util::future::join_all(batch.into_iter().map(|f| writer.submit(f))).await;
        assert!(matches!(outcomes[0], Ok(Submitted::Stored(Stored::DifferentBody))), "{outcomes:?}");
        assert!(outcomes[1].is_err(), "{outcomes:?}");
        assert!(matches!(outcomes[2], Ok(Submitted::Stored(Stored::Created(_)))), "{outcomes:?}");
        assert!(matches!(outcomes[3], Ok(Submitted::Stored(Stored::AlreadyStored(_)))), "{outcomes:?}");
    }
}
