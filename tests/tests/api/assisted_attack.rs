//! Assisted answers told apart, attacked (docs/assisted.md). Random councils whose young people
//! answer with and without an adult beside them over ten quarters (two closed financial years
//! and the open one); a commissioner reads the dashboard for every window (`disclosure::gather`)
//! and the split for every quarter. Every part shown must be right, hold a cohort and add up to a
//! year score the dashboard shows; and solving everything read, with each quarter's assisted and
//! other voices as unknowns, must find no hidden quarter or year, no part that was withheld, and
//! no assisted or other part of a quarter under a cohort.

use crate::attacker::{solve, Found, Gathered, Row, Seen, Q};
use crate::disclosure::{approved_voice, commissioner_of, gather, store_voices};
use backend::domain::ids::OrganisationId;
use backend::domain::quarter::Quarter;
use chorus_tests::{both_databases, TestApp};
use chrono::{Duration, Utc};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use shared::api::{AssistedReport, AssistedSplit, ServiceType};
use shared::Dimension;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

const QUARTERS: i32 = 10;
const COHORT: i64 = 5;

/// One young person's faces (0 for skipped), and whether an adult sat beside them.
type Voice = (Vec<u8>, bool);

/// Per service, per quarter (oldest first, the last the current one): each young person's faces
/// (0 for skipped) and whether an adult sat beside them. Each answers once, so a year is exactly
/// the sum of its quarters: the attacker's best case. Assisted sessions began in quarter
/// `assisted_from` (no one was helped before), which the attacker knows too: a launch is public.
#[derive(Debug, Clone)]
struct Council {
    services: Vec<Vec<Vec<Voice>>>,
    assisted_from: usize,
}

fn councils() -> impl Strategy<Value = Council> {
    let voice = (
        proptest::collection::vec(0u8..=5, 6),
        proptest::bool::weighted(0.4),
    );
    let quarter = proptest::collection::vec(voice, 0..8);
    let service = proptest::collection::vec(quarter, QUARTERS as usize);
    (proptest::collection::vec(service, 2..5), 0..6usize).prop_map(|(services, assisted_from)| {
        Council {
            services,
            assisted_from,
        }
    })
}

/// The council stored, with a commissioner to read it: its id, the commissioner's token, each
/// service's id, and the first quarter's index.
async fn load(app: &TestApp, council: &Council, name: &str) -> (OrganisationId, String, Vec<Uuid>) {
    use backend::store;
    let o = store::organisations::ensure(&app.db, name, name, None)
        .await
        .unwrap();
    let officer = backend::seed::staff(
        &app.db,
        o.id,
        shared::Role::ParticipationOfficer,
        &format!("officer@{name}.example"),
        demo::STAFF_PASSWORD,
        "O",
    )
    .await
    .unwrap();
    let first = Quarter::of(Utc::now()).index() - (QUARTERS - 1);
    let (mut rows, mut people, mut ids) = (Vec::new(), Vec::new(), Vec::new());
    for (i, quarters) in council.services.iter().enumerate() {
        let provider = store::services::ensure_provider(&app.db, &format!("{name} provider {i}"))
            .await
            .unwrap();
        let service = store::services::ensure_service(
            &app.db,
            o.id,
            provider.id,
            &format!("{name} service {i}"),
            ServiceType::ChildrensHome,
        )
        .await
        .unwrap();
        ids.push(service.id);
        for (q, voices) in quarters.iter().enumerate() {
            let start = Quarter::from_index(first + q as i32).start();
            for (faces, assisted) in voices {
                let author = Uuid::new_v4();
                people.push(author);
                let at = (start + Duration::days(3)).min(Utc::now());
                let mut row = approved_voice((o.id, service.id, author), faces, at);
                let helped = *assisted && q >= council.assisted_from;
                row.feedback.assisted_by = helped.then_some(officer.id);
                rows.push(row);
            }
        }
    }
    store_voices(app, o.id, &people, rows).await;
    (o.id, commissioner_of(app, o.id, name).await, ids)
}

/// (n, Σx) of one part: Σx from the shrunk value as the dashboard's are read (`sum_of`).
fn part_seen(n: i64, value: f64, comparator: f64, prior_weight: i64) -> (i64, i64) {
    let c = prior_weight as f64;
    (n, (value * (c + n as f64) - c * comparator).round() as i64)
}

/// The parts read for one service, outcome and financial year: (assisted, the rest), each (n, Σx).
type Parts = Option<((i64, i64), (i64, i64))>;

fn parts_of(split: &AssistedSplit, prior_weight: i64) -> Parts {
    match (&split.assisted, &split.unassisted, split.comparator) {
        (Some(a), Some(u), Some(m)) => Some((
            part_seen(a.n, a.value, m, prior_weight),
            part_seen(u.n, u.value, m, prior_weight),
        )),
        (None, None, None) => None,
        _ => panic!("a split with some numbers and not others: {split:?}"),
    }
}

/// The truth for one service, outcome and financial year: (assisted, the rest), each (n, Σx).
fn truth(
    council: &Council,
    service: usize,
    slot: usize,
    quarters: std::ops::Range<usize>,
) -> [(i64, i64); 2] {
    let mut parts = [(0, 0); 2];
    for q in quarters {
        for (faces, assisted) in &council.services[service][q] {
            let face = i64::from(faces[slot]);
            if face > 0 {
                let helped = *assisted && q >= council.assisted_from;
                let part = &mut parts[usize::from(!helped)];
                *part = (part.0 + 1, part.1 + face);
            }
        }
    }
    parts
}

/// Reads the split for every quarter and checks each part against the truth and the rules;
/// returns the parts read per (service, outcome, financial year's last quarter), and how many
/// were shown and withheld.
async fn read_splits(
    app: &TestApp,
    token: &str,
    council: &Council,
    ids: &[Uuid],
    g: &Gathered,
    (from, to): (i32, i32),
) -> (HashMap<(Uuid, Dimension, i32), Parts>, [usize; 2]) {
    let mut read = HashMap::new();
    let mut counted = [0, 0];
    for at in from..=to {
        let path = format!("/dashboard/assisted?quarter={}", Quarter::from_index(at));
        let response = app.get(&path, Some(token)).await;
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        let report: AssistedReport = response.json().await.unwrap();
        let end = Quarter::parse(&report.window_end).unwrap().index();
        assert_eq!(
            Quarter::from_index(end).number,
            1,
            "a financial year ends in January to March"
        );
        assert!(end < Quarter::of(Utc::now()).index(), "only closed years");
        let first = Quarter::of(Utc::now()).index() - (QUARTERS - 1);
        for s in &report.services {
            let service = ids.iter().position(|id| *id == s.service_id).unwrap();
            for split in &s.dimensions {
                let slot = Dimension::ALL
                    .iter()
                    .position(|d| *d == split.dimension)
                    .unwrap();
                let parts = parts_of(split, report.prior_weight);
                counted[usize::from(parts.is_none())] += 1;
                if let Some((a, u)) = parts {
                    assert_eq!(split.state, "shown");
                    let quarters = (end - 3 - first).max(0) as usize..(end - first + 1) as usize;
                    let [true_a, true_u] = truth(council, service, slot, quarters);
                    assert_eq!(
                        (a, u),
                        (true_a, true_u),
                        "{split:?} for the year ending {end}"
                    );
                    assert!(
                        a.0 >= COHORT && u.0 >= COHORT,
                        "a part under a cohort: {split:?}"
                    );
                    let whole = g.cells.get(&(s.service_id, split.dimension, true, end));
                    assert_eq!(
                        whole,
                        Some(&Seen::Shown {
                            n: a.0 + u.0,
                            sum: a.1 + u.1
                        }),
                        "parts shown where the year is not, or not adding up to it"
                    );
                } else {
                    assert_eq!(split.state, "suppressed");
                }
                read.insert((s.service_id, split.dimension, end), parts);
            }
        }
    }
    (read, counted)
}

/// The attack on one service and outcome: unknowns are each quarter's (assisted, other) voices;
/// none were assisted before `launched` (a quarter's index).
fn attack(
    launched: i32,
    g: &Gathered,
    read: &HashMap<(Uuid, Dimension, i32), Parts>,
    (service, dimension): (Uuid, Dimension),
    (from, to): (i32, i32),
) -> Vec<Found> {
    let width = 2 * (to - from + 1) as usize;
    let col = |q: i32, assisted: bool| 2 * (q - from) as usize + usize::from(!assisted);
    let form = |quarters: &[i32], parts: &[bool]| {
        let mut terms = vec![Q::int(0); width];
        for &q in quarters.iter().filter(|q| (from..=to).contains(*q)) {
            for &p in parts {
                terms[col(q, p)] = Q::int(1);
            }
        }
        terms
    };
    let both = [true, false];
    let year = |end: i32| (end - 3..=end).collect::<Vec<_>>();
    let cell = |year: bool, q: i32| g.cells.get(&(service, dimension, year, q)).copied();
    let mut equations = Vec::new();
    let mut equal = |terms: Vec<Q>, (n, sum): (i64, i64)| {
        equations.push(Row {
            terms,
            rhs: [Q::int(n), Q::int(sum)],
        });
    };
    for q in from..=to {
        match cell(false, q) {
            Some(Seen::Shown { n, sum }) => equal(form(&[q], &both), (n, sum)),
            // Nobody: no assisted voice and no other, each known to be none.
            None => {
                equal(form(&[q], &[true]), (0, 0));
                equal(form(&[q], &[false]), (0, 0));
            }
            Some(Seen::Suppressed) => {}
        }
    }
    for q in from..launched {
        equal(form(&[q], &[true]), (0, 0));
    }
    for end in from..=to + 3 {
        if let Some(Seen::Shown { n, sum }) = cell(true, end) {
            equal(form(&year(end), &both), (n, sum));
        }
    }
    let fy_ends: Vec<i32> = read
        .keys()
        .filter(|(s, d, _)| (*s, *d) == (service, dimension))
        .map(|(_, _, end)| *end)
        .collect();
    for &end in &fy_ends {
        if let Some(Some((a, u))) = read.get(&(service, dimension, end)) {
            equal(form(&year(end), &[true]), *a);
            equal(form(&year(end), &[false]), *u);
        }
    }
    let solved = solve(width, equations);
    let mut found = Vec::new();
    let mut check = |what: String, terms: Vec<Q>, flag: &dyn Fn(i64) -> bool| {
        if let Some([n, sum]) = solved.value_of(&terms) {
            let (n, sum) = (n.integer().unwrap_or(-1), sum.integer().unwrap_or(-1));
            if flag(n) {
                found.push(Found {
                    what,
                    service,
                    dimension,
                    n,
                    sum,
                });
            }
        }
    };
    for q in from..=to {
        if cell(false, q) == Some(Seen::Suppressed) {
            check(
                format!("hidden quarter {q}"),
                form(&[q], &both),
                &|_: i64| true,
            );
        }
        for (part, name) in [(true, "assisted"), (false, "other")] {
            let small = |n: i64| (1..COHORT).contains(&n);
            check(
                format!("{name} voices of quarter {q}"),
                form(&[q], &[part]),
                &small,
            );
        }
    }
    for end in from..=to + 3 {
        if cell(true, end) == Some(Seen::Suppressed) {
            check(
                format!("suppressed year ending {end}"),
                form(&year(end), &both),
                &|_: i64| true,
            );
        }
    }
    for &end in &fy_ends {
        if read.get(&(service, dimension, end)) == Some(&None) {
            for (part, name) in [(true, "assisted"), (false, "other")] {
                // None at all is no secret where the year is shown (the other part is all of it).
                let small = |n: i64| (1..COHORT).contains(&n);
                check(
                    format!("withheld {name} part of the year ending {end}"),
                    form(&year(end), &[part]),
                    &small,
                );
            }
        }
    }
    found
}

/// Everything the attacker finds in one council, and how many parts were shown and withheld.
async fn attack_council(app: &TestApp, council: &Council, name: &str) -> (Vec<Found>, [usize; 2]) {
    let now = Quarter::of(Utc::now()).index();
    let range = (now - QUARTERS, now + 1);
    let (_, token, ids) = load(app, council, name).await;
    let g = gather(app, &token, range).await;
    assert!(g.contradictions.is_empty(), "{:?}", g.contradictions);
    let (read, counted) = read_splits(app, &token, council, &ids, &g, range).await;
    let cells: BTreeMap<(Uuid, usize), Dimension> = read
        .keys()
        .map(|(s, d, _)| {
            (
                (*s, Dimension::ALL.iter().position(|x| x == d).unwrap()),
                *d,
            )
        })
        .collect();
    let launched = now - (QUARTERS - 1) + council.assisted_from as i32;
    let found = cells
        .into_iter()
        .flat_map(|((service, _), dimension)| {
            attack(launched, &g, &read, (service, dimension), range)
        })
        .collect();
    (found, counted)
}

both_databases! {
    async fn an_attacker_learns_nothing_hidden_from_assisted_answers_told_apart(app: TestApp) {
        let mut runner = TestRunner::deterministic();
        let mut counted = [0, 0];
        for case in 0..3 {
            let council = councils().new_tree(&mut runner).unwrap().current();
            let (found, c) = attack_council(&app, &council, &format!("assisted-{case}")).await;
            assert!(found.is_empty(), "{council:?}: {found:?}");
            counted = [counted[0] + c[0], counted[1] + c[1]];
        }
        assert!(counted[0] > 0 && counted[1] > 0, "parts both shown and withheld: {counted:?}");

        // The overlap, built: six children helped in one quarter, two in the next, the first
        // helped at all. Two rolling years would give the two away (the second year's assisted
        // part minus the first's); closed financial years never overlap.
        let everyone = |n: usize, helped: bool| vec![(vec![4u8; 6], helped); n];
        let mut quarters = vec![everyone(6, false); QUARTERS as usize];
        quarters[4] = [everyone(6, true), everyone(6, false)].concat();
        quarters[5] = [everyone(2, true), everyone(6, false)].concat();
        let council = Council { services: vec![quarters.clone(), quarters], assisted_from: 4 };
        let (found, _) = attack_council(&app, &council, "assisted-overlap").await;
        assert!(found.is_empty(), "{found:?}");
    }
}
