use backend::domain::ids::OrganisationId;
use backend::domain::quarter::Quarter;
use backend::domain::scoring::Tally;
use backend::domain::windows::{self, Answered, Window};
use backend::store::{self, feedback::Historical, feedback::NewFeedback};
use chorus_tests::both_databases;
use chrono::{DateTime, Duration, SubsecRound, Utc};
use migration::{Migrator, MigratorTrait};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use sea_orm::{ConnectionTrait, EntityTrait};
use shared::{Answers, Dimension, Face};
use std::collections::HashMap;
use uuid::Uuid;

/// One generated submission: who, about which service, when, the answers, approved or not.
#[derive(Debug, Clone)]
struct Submission {
    author: usize,
    service: usize,
    at: DateTime<Utc>,
    faces: Vec<Option<u8>>,
    approved: bool,
}

/// Moments over three years that crowd quarter boundaries and repeat exactly (so the id breaks
/// ties), with microseconds or none.
fn moment() -> impl Strategy<Value = DateTime<Utc>> {
    let first = Quarter {
        year: 2024,
        number: 1,
    };
    let start = first.start();
    prop_oneof![
        // On a quarter's first instant, or a microsecond before it.
        (0i32..12, 0i64..2).prop_map(move |(q, before)| {
            Quarter::from_index(first.index() + q).start() - Duration::microseconds(before)
        }),
        // Anywhere, to the microsecond.
        (0i64..3 * 365 * 86_400_000_000).prop_map(move |us| start + Duration::microseconds(us)),
        // A handful of exact moments many submissions share.
        (0i64..4).prop_map(move |k| start + Duration::days(100 * k)),
    ]
}

fn submission() -> impl Strategy<Value = Submission> {
    (
        0usize..4,
        0usize..2,
        moment(),
        proptest::collection::vec(proptest::option::of(1u8..=5), 6),
        proptest::bool::weighted(0.8),
    )
        .prop_map(|(author, service, at, faces, approved)| Submission {
            author,
            service,
            at,
            faces,
            approved,
        })
}

fn answers(faces: &[Option<u8>]) -> Answers {
    let mut answers = Answers::default();
    for (d, x) in Dimension::ALL.into_iter().zip(faces) {
        answers.set(d, x.and_then(|x| Face::new(x).ok()));
    }
    answers
}

/// Stores `submissions` in a new organisation and returns it, its services and the expected
/// tallies by the pure rule (`windows::recompute` over each young person's approved answers).
async fn store_case(
    db: &sea_orm::DatabaseConnection,
    case: usize,
    submissions: &[Submission],
) -> (OrganisationId, HashMap<(Uuid, Dimension, Window), Tally>) {
    let org = store::organisations::ensure(
        db,
        &format!("case-{case}-{}", Uuid::new_v4().simple()),
        "Case",
        None,
    )
    .await
    .unwrap();
    let provider = store::services::ensure_provider(db, "Case provider")
        .await
        .unwrap();
    let mut services = Vec::new();
    for s in 0..2 {
        services.push(
            store::services::ensure_service(
                db,
                org.id,
                provider.id,
                &format!("Service {s}"),
                shared::api::ServiceType::ALL[s],
            )
            .await
            .unwrap()
            .id,
        );
    }
    let people: Vec<Uuid> = (0..4).map(|_| Uuid::new_v4()).collect();
    store::users::insert_voices(db, org.id, &people, shared::AgeBand::Age16To17)
        .await
        .unwrap();
    let mut rows = Vec::new();
    let mut approved: HashMap<(Uuid, Uuid), Vec<Answered>> = HashMap::new();
    for s in submissions {
        let id = Uuid::new_v4();
        let (service, author) = (services[s.service], people[s.author]);
        if s.approved {
            approved
                .entry((service, author))
                .or_default()
                .push(Answered {
                    id,
                    at: s.at.trunc_subsecs(6),
                    answers: answers(&s.faces),
                });
        }
        rows.push(Historical {
            feedback: NewFeedback {
                id,
                organisation_id: org.id,
                service_id: service,
                author_id: author,
                answers: answers(&s.faces),
                tell_us_more: None,
                make_better: None,
                named: false,
                wants_talk: false,
                assisted_by: None,
            },
            received_at: s.at,
            approved: s.approved.then(|| demo::approved_two_days_later(s.at)),
        });
    }
    store::feedback::insert_historical(db, rows).await.unwrap();
    let expected = windows::recompute(
        approved
            .into_iter()
            .map(|((service, _), items)| (service, items)),
    );
    (org.id, expected)
}

both_databases! {
    async fn the_sql_recompute_equals_the_rule_on_random_feedback(app: TestApp) {
        let strategy = proptest::collection::vec(submission(), 0..40);
        let mut runner = TestRunner::deterministic();
        for case in 0..48 {
            let submissions = strategy.new_tree(&mut runner).unwrap().current();
            let (org, expected) = store_case(&app.db, case, &submissions).await;
            let computed = store::aggregates::compute_from_raw(&app.db, org, |_| {}).await.unwrap();
            assert_eq!(computed, expected, "case {case}: {submissions:#?}");
        }
    }

    async fn the_stored_tallies_round_trip_and_recompute_checks_clean(app: TestApp) {
        let strategy = proptest::collection::vec(submission(), 1..60);
        let mut runner = TestRunner::deterministic();
        let submissions = strategy.new_tree(&mut runner).unwrap().current();
        let (org, expected) = store_case(&app.db, 0, &submissions).await;
        let txn = sea_orm::TransactionTrait::begin(&app.db).await.unwrap();
        store::aggregates::begin_change(&txn, org).await.unwrap();
        store::aggregates::replace_all(&txn, org, &expected).await.unwrap();
        txn.commit().await.unwrap();
        assert_eq!(store::aggregates::stored(&app.db, org).await.unwrap(), expected);
        let outcome = backend::recompute::run(&app.db, true).await.unwrap();
        assert_eq!(outcome.differences, 0);
    }
}

both_databases! {
    async fn migrating_down_and_up_keeps_the_scores_and_stores_each_quarter(app: TestApp) {
        app.load_demo().await;
        let org = store::organisations::find_by_slug(&app.db, demo::ORGANISATION_SLUG).await.unwrap().unwrap();
        let before = store::aggregates::stored(&app.db, org.id).await.unwrap();
        assert!(!before.is_empty());
        // Back to before the migration that inlined the tallies (later ones roll back with it).
        let names: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
        let inlined = names.iter().position(|n| n == "m20261201_000001_inline_score_tallies").unwrap();
        Migrator::down(&app.db, Some((names.len() - inlined) as u32)).await.unwrap();
        Migrator::up(&app.db, None).await.unwrap();
        assert_eq!(store::aggregates::stored(&app.db, org.id).await.unwrap(), before, "the pivot keeps every integer");
        let rows = store::entities::feedback::Entity::find().all(&app.db).await.unwrap();
        assert!(!rows.is_empty());
        for f in rows {
            assert_eq!(f.quarter, Quarter::of(f.received_at).index(), "{}", f.received_at);
        }
        let outcome = backend::recompute::run(&app.db, true).await.unwrap();
        assert_eq!(outcome.differences, 0);
        let version: i64 = app.db.query_one(sea_orm::Statement::from_string(app.db.get_database_backend(), "SELECT scores_version FROM organisations LIMIT 1")).await.unwrap().unwrap().try_get_by_index(0).unwrap();
        assert_eq!(version, 0, "the version column is back, from zero");
    }
}
