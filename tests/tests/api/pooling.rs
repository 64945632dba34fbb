//! What regions pool, kept incrementally: random moderation decisions (approve, reject, change of
//! mind) through the real flow, services changing kind and providers merged part-way, and after
//! each case every council's provider groups equal the sums of its service tallies made afresh,
//! and those equal a full recompute from the raw feedback. On both databases.

use backend::domain::ids::OrganisationId;
use backend::domain::quarter::Quarter;
use backend::flows::moderation::{self, Officer};
use backend::store::{self, aggregates::providers, feedback::Historical, feedback::NewFeedback};
use chorus_tests::both_databases;
use chrono::{Duration, Utc};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use sea_orm::TransactionTrait;
use shared::api::{Redactions, RejectionReason, ServiceType};
use shared::{Answers, Dimension, Face};
use uuid::Uuid;

/// One step: decide a submission (approve or reject), or change a service's kind, or merge the
/// second provider into the first.
#[derive(Debug, Clone)]
enum Step {
    Decide { submission: usize, approve: bool },
    Kind { service: usize, kind: usize },
    Merge,
}

/// (council, author, service, quarters back, faces)
type Submission = (usize, usize, usize, i32, Vec<Option<u8>>);

#[derive(Debug, Clone)]
struct Case {
    submissions: Vec<Submission>,
    steps: Vec<Step>,
}

fn case() -> impl Strategy<Value = Case> {
    let submission = (
        0usize..2,
        0usize..3,
        0usize..3,
        0i32..6,
        proptest::collection::vec(proptest::option::of(1u8..=5), 6),
    );
    let step = prop_oneof![
        8 => (0usize..30, proptest::bool::weighted(0.7))
            .prop_map(|(submission, approve)| Step::Decide { submission, approve }),
        1 => (0usize..6, 0usize..2).prop_map(|(service, kind)| Step::Kind { service, kind }),
        1 => Just(Step::Merge),
    ];
    (
        proptest::collection::vec(submission, 1..30),
        proptest::collection::vec(step, 1..40),
    )
        .prop_map(|(submissions, steps)| Case { submissions, steps })
}

const KINDS: [ServiceType; 2] = [ServiceType::ChildrensHome, ServiceType::Advocacy];

fn answers(faces: &[Option<u8>]) -> Answers {
    let mut answers = Answers::default();
    for (d, x) in Dimension::ALL.into_iter().zip(faces) {
        answers.set(d, x.and_then(|x| Face::new(x).ok()));
    }
    answers
}

/// Runs one case in two new councils and checks both.
async fn run_case(db: &sea_orm::DatabaseConnection, number: usize, case: &Case) {
    let tag = Uuid::new_v4().simple().to_string();
    let first = store::services::ensure_provider(db, &format!("Pool A {tag}"))
        .await
        .unwrap();
    let second = store::services::ensure_provider(db, &format!("Pool B {tag}"))
        .await
        .unwrap();
    let mut councils: Vec<OrganisationId> = Vec::new();
    // Three services per council: two of the first provider, one of the second.
    let mut services: Vec<(OrganisationId, Uuid)> = Vec::new();
    let mut people: Vec<Vec<Uuid>> = Vec::new();
    for c in 0..2 {
        let org =
            store::organisations::ensure(db, &format!("pool-{number}-{c}-{tag}"), "Pool", None)
                .await
                .unwrap();
        for (i, provider) in [first.id, first.id, second.id].into_iter().enumerate() {
            let s = store::services::ensure_service(
                db,
                org.id,
                provider,
                &format!("S{i}"),
                KINDS[i % 2],
            )
            .await
            .unwrap();
            services.push((org.id, s.id));
        }
        let voices: Vec<Uuid> = (0..3).map(|_| Uuid::new_v4()).collect();
        store::users::insert_voices(db, org.id, &voices, shared::AgeBand::Age16To17)
            .await
            .unwrap();
        people.push(voices);
        councils.push(org.id);
    }
    let now = Quarter::of(Utc::now()).index();
    let mut ids = Vec::new();
    let mut rows = Vec::new();
    for (council, author, service, back, faces) in &case.submissions {
        let (org, service_id) = services[council * 3 + service];
        let at = (Quarter::from_index(now - back).start() + Duration::hours(1)).min(Utc::now());
        let id = Uuid::new_v4();
        ids.push((org, id));
        rows.push(Historical {
            feedback: NewFeedback {
                id,
                organisation_id: org,
                service_id,
                author_id: people[*council][*author],
                answers: answers(faces),
                tell_us_more: None,
                make_better: None,
                named: false,
                wants_talk: false,
                assisted_by: None,
            },
            received_at: at,
            approved: None,
        });
    }
    store::feedback::insert_historical(db, rows).await.unwrap();
    let mut merged = false;
    for step in &case.steps {
        match step {
            Step::Decide {
                submission,
                approve,
            } => {
                let Some(&(org, id)) = ids.get(submission % ids.len().max(1)) else {
                    continue;
                };
                let officer = Officer {
                    id: Uuid::new_v4(),
                    organisation_id: org,
                };
                if *approve {
                    moderation::approve(db, officer, id, &Redactions::default())
                        .await
                        .unwrap();
                } else {
                    moderation::reject(db, officer, id, RejectionReason::Duplicate, None)
                        .await
                        .unwrap();
                }
            }
            Step::Kind { service, kind } => {
                let (org, id) = services[*service];
                let txn = db.begin().await.unwrap();
                store::aggregates::begin_change(&txn, org).await.unwrap();
                store::directory::set_service_type(&txn, org, id, KINDS[*kind])
                    .await
                    .unwrap();
                txn.commit().await.unwrap();
            }
            Step::Merge if !merged => {
                let txn = db.begin().await.unwrap();
                store::directory::fold_providers(&txn, &[second.id], first.id)
                    .await
                    .unwrap();
                txn.commit().await.unwrap();
                merged = true;
            }
            Step::Merge => {}
        }
    }
    for org in councils {
        let stored = providers::stored(db, org).await.unwrap();
        assert_eq!(
            stored,
            providers::summed(db, org).await.unwrap(),
            "case {number}: {case:#?}"
        );
        let fresh = store::aggregates::compute_from_raw(db, org, |_| {})
            .await
            .unwrap();
        assert_eq!(
            store::aggregates::stored(db, org).await.unwrap(),
            fresh,
            "case {number}"
        );
        // The groups equal the fresh tallies summed by provider and kind.
        let listing = store::directory::listing(db, org).await.unwrap();
        let mut expected = providers::Grouped::new();
        for ((service, d, w), t) in fresh {
            let (s, _) = listing.iter().find(|(s, _)| s.id == service).unwrap();
            let cell = expected
                .entry((s.provider_id, s.service_type, d, w))
                .or_default();
            *cell = cell.merge(t);
        }
        assert_eq!(
            stored, expected,
            "case {number}: the groups equal a full recompute"
        );
    }
}

both_databases! {
    async fn pooled_groups_kept_incrementally_equal_a_recompute(app: TestApp) {
        let mut runner = TestRunner::deterministic();
        for number in 0..12 {
            let case = case().new_tree(&mut runner).unwrap().current();
            run_case(&app.db, number, &case).await;
        }
    }
}
