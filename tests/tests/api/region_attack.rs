//! The attacker across councils (docs/regions.md): a council that reads the regional view for
//! every quarter it may ask for, beside everything its own dashboard shows, must not work out
//! another council's figure, the other councils' voices in a quarter, its own hidden cells (a
//! quarter or a year its dashboard does not show) or any sum over fewer than a cohort.
//!
//! For each provider, service type and outcome the unknowns are the other councils' sum in each
//! quarter they have voices (never published; where they have none the attacker is granted the
//! zero) and each of the reader's quarter cells its dashboard hides. The equations are every
//! pooled cell shown and every year its dashboard shows, years taken as the sums of their
//! quarters (exact here: each young person answers once), solved over the rationals.

use crate::attacker::{solve, Row, Seen, Q};
use crate::disclosure::{gather, sum_of};
use crate::regions::{current, join, load, providers_named, region_report, Council, Loaded};
use backend::domain::ids::OrganisationId;
use backend::domain::quarter::Quarter;
use backend::domain::regions::{others_enough, pooled_year, Group};
use backend::domain::scoring::Tally;
use backend::domain::windows::Window;
use backend::store::{self, aggregates::providers};
use chorus_tests::{both_databases, TestApp};
use chrono::Utc;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use reqwest::StatusCode;
use serde_json::json;
use shared::api::Regions;
use shared::Dimension;
use std::collections::HashMap;
use uuid::Uuid;

/// Three or four councils, each with one to three services of two shared providers and two
/// kinds, a few young people a quarter over ten quarters (a whole closed financial year or two,
/// and the open one).
fn region_councils() -> impl Strategy<Value = Vec<Council>> {
    let answers = proptest::collection::vec(1u8..=5, 6);
    let quarter = proptest::collection::vec(answers, 0..5);
    let service = (0usize..2, 0usize..2, proptest::collection::vec(quarter, 10));
    let council =
        proptest::collection::vec(service, 1..4).prop_map(|services| Council { services });
    proptest::collection::vec(council, 3..5)
}

/// Creates a region of the councils, the first creating it.
async fn pool(app: &TestApp, name: &str, councils: &[Loaded]) {
    let created: Regions = app
        .post(
            "/admin/regions",
            &json!({ "name": name }),
            Some(&councils[0].admin),
        )
        .await
        .json()
        .await
        .unwrap();
    let region = created.regions.iter().find(|r| r.member).unwrap().id;
    for c in &councils[1..] {
        assert_eq!(join(app, &c.admin, region).await, StatusCode::OK);
    }
}

both_databases! {
    async fn a_council_learns_nothing_of_another_or_of_its_own_hidden_cells(app: TestApp) {
        let providers = providers_named(&app, 2).await;
        let mut runner = TestRunner::deterministic();
        let mut shown = 0;
        for case in 0..2 {
            let set = region_councils().new_tree(&mut runner).unwrap().current();
            let mut loaded = Vec::new();
            for (i, c) in set.iter().enumerate() {
                loaded.push(load(&app, &format!("case{case}-council{i}"), c, &providers, current()).await);
            }
            pool(&app, &format!("Region {case}"), &loaded).await;
            for reader in &loaded {
                shown += attack(&app, reader, &loaded, (current() - 10, current())).await;
            }
        }
        assert!(shown > 0, "the random regions have pooled scores to read");
    }

    async fn two_pooled_years_do_not_give_a_council_its_own_hidden_quarter(app: TestApp) {
        // The reader's home has 6 young people in one quarter (its dashboard shows them) and 2 in
        // a later one (hidden); the other councils' 10 fall in a quarter between. Two 12-month
        // pooled figures that both hold the others' quarter would differ by the reader's 6 − 2.
        let providers = providers_named(&app, 1).await;
        let last = current();
        let earlier = pooled_year(Quarter::from_index(last), Quarter::from_index(last)).index() - 4;
        let at = |quarter: i32, n: usize| {
            let mut quarters = vec![Vec::new(); (last - earlier + 4) as usize];
            quarters[(quarter - (earlier - 3)) as usize] = vec![vec![4u8; 6]; n];
            Council { services: vec![(0, 0, quarters)] }
        };
        let mut reader = at(earlier - 3, 6);
        reader.services[0].2[4] = vec![vec![2u8; 6]; 2];
        let set = [reader, at(earlier - 1, 5), at(earlier - 1, 5)];
        let mut loaded = Vec::new();
        for (i, c) in set.iter().enumerate() {
            loaded.push(load(&app, &format!("overlap-{i}"), c, &providers, last).await);
        }
        pool(&app, "Overlap", &loaded).await;
        let shown = attack(&app, &loaded[0], &loaded, (earlier - 4, last)).await;
        assert!(shown > 0, "the year with the others' voices is pooled");
    }
}

/// What the attacker may not work out in one provider group and outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unknown {
    /// The other councils' sum in a quarter.
    Others(i32),
    /// The reader's cell of one service in a quarter, hidden on its dashboard.
    Own(Uuid, i32),
}

impl Unknown {
    fn quarter(self) -> i32 {
        match self {
            Unknown::Others(q) | Unknown::Own(_, q) => q,
        }
    }
}

/// The pooled cells as the reader saw them: (group, outcome, financial year's end).
type Pooled = HashMap<(Group, Dimension, i32), Seen>;

/// The reader reads the view for every quarter of `from..=to` and three on; checks that each
/// answer is for a closed financial year, each pooled cell shown is the members' true sum and
/// passes the rule, and each own figure is its true sum; then solves each group's equations with
/// its dashboard's. Returns how many pooled cells it was shown.
pub(crate) async fn attack(
    app: &TestApp,
    reader: &Loaded,
    councils: &[Loaded],
    (from, to): (i32, i32),
) -> usize {
    let now = Quarter::of(Utc::now());
    let mut truth: HashMap<OrganisationId, providers::Grouped> = HashMap::new();
    for c in councils {
        truth.insert(c.id, providers::stored(&app.db, c.id).await.unwrap());
    }
    let cell = |council: OrganisationId, (provider, kind): Group, d: Dimension, w: Window| {
        truth[&council]
            .get(&(provider, kind, d, w))
            .copied()
            .unwrap_or_default()
    };
    let others = |group: Group, d: Dimension, w: Window| -> Vec<Tally> {
        councils
            .iter()
            .filter(|c| c.id != reader.id)
            .map(|c| cell(c.id, group, d, w))
            .filter(|t| t.n > 0)
            .collect()
    };
    let counts = |parts: &[Tally]| parts.iter().map(|t| t.n).collect::<Vec<i64>>();
    let mut pooled = Pooled::new();
    let (mut seen, mut cohort) = (0, 5);
    for asked in from..=to + 3 {
        let asked = Quarter::from_index(asked);
        let view = region_report(app, &reader.commissioner, asked).await;
        let end = Quarter::parse(&view.window_end).unwrap();
        assert_eq!(end, pooled_year(asked, now), "asked for {asked}");
        assert!(end < now && end.number == 1, "a closed financial year");
        cohort = view.min_cohort;
        let window = Window::year(end);
        for group in &view.groups {
            let g = (group.provider_id, group.service_type);
            for d in &group.pooled {
                let parts = others(g, d.dimension, window);
                let o = parts.iter().fold(Tally::default(), |a, t| a.merge(*t));
                let own = cell(reader.id, g, d.dimension, window);
                let read = sum_of(d, view.prior_weight);
                if let Seen::Shown { n, sum } = read {
                    seen += 1;
                    assert_eq!((n, sum), (o.n + own.n, o.sum + own.sum), "the members' sum");
                    assert!(
                        others_enough(&counts(&parts), cohort),
                        "shown with others {parts:?}"
                    );
                }
                pooled.insert((g, d.dimension, end.index()), read);
            }
            for d in group.own.iter().filter(|d| d.state == "shown") {
                let own = cell(reader.id, g, d.dimension, window);
                let read = sum_of(d, view.prior_weight);
                assert_eq!(
                    read,
                    Seen::Shown {
                        n: own.n,
                        sum: own.sum
                    }
                );
            }
        }
    }
    let dashboard = gather(app, &reader.commissioner, (from, to)).await;
    let mut services: HashMap<Group, Vec<Uuid>> = HashMap::new();
    for (service, provider) in store::directory::listing(&app.db, reader.id).await.unwrap() {
        let group = (provider.id, service.service_type);
        services.entry(group).or_default().push(service.id);
    }
    let mut found = Vec::new();
    for (group, services) in &services {
        for d in Dimension::ALL {
            let quarter = |q: i32| others(*group, d, Window::quarter(Quarter::from_index(q)));
            let own = |s: Uuid, year: bool, q: i32| dashboard.cells.get(&(s, d, year, q)).copied();
            let mut unknowns: Vec<Unknown> = (from..=to)
                .filter(|q| !quarter(*q).is_empty())
                .map(Unknown::Others)
                .collect();
            for s in services {
                unknowns.extend(
                    (from..=to)
                        .filter(|q| own(*s, false, *q) == Some(Seen::Suppressed))
                        .map(|q| Unknown::Own(*s, q)),
                );
            }
            let form = |pick: &dyn Fn(Unknown) -> bool| -> Vec<Q> {
                unknowns
                    .iter()
                    .map(|u| Q::int(i64::from(pick(*u))))
                    .collect()
            };
            let in_year = |q: i32, end: i32| end - 3 <= q && q <= end;
            // The reader's shown quarters of `services` in the year to `end`.
            let known = |services: &[Uuid], end: i32| -> (i64, i64) {
                let mut k = (0, 0);
                for s in services {
                    for q in end - 3..=end {
                        if let Some(Seen::Shown { n, sum }) = own(*s, false, q) {
                            k = (k.0 + n, k.1 + sum);
                        }
                    }
                }
                k
            };
            let mut equations = Vec::new();
            for (&(g, dd, end), read) in &pooled {
                if let (true, Seen::Shown { n, sum }) = (g == *group && dd == d, read) {
                    let (kn, ks) = known(services, end);
                    equations.push(Row {
                        terms: form(&|u| in_year(u.quarter(), end)),
                        rhs: [Q::int(n - kn), Q::int(sum - ks)],
                    });
                }
            }
            for s in services {
                for end in from..=to + 3 {
                    if let Some(Seen::Shown { n, sum }) = own(*s, true, end) {
                        let (kn, ks) = known(&[*s], end);
                        equations.push(Row {
                            terms: form(&|u| {
                                u == Unknown::Own(*s, u.quarter()) && in_year(u.quarter(), end)
                            }),
                            rhs: [Q::int(n - kn), Q::int(sum - ks)],
                        });
                    }
                }
            }
            let solved = solve(unknowns.len(), equations);
            let mut check = |what: String, terms: Vec<Q>, any_size: bool| {
                if terms.iter().all(|t| t.is_zero()) {
                    return;
                }
                if let Some([n, sum]) = solved.value_of(&terms) {
                    let n = n.integer().unwrap_or(-1);
                    if any_size || (1..cohort).contains(&n) {
                        found.push(format!("{what} of {group:?}, {d:?}: n={n}, Σ={sum:?}"));
                    }
                }
            };
            for u in &unknowns {
                let hidden = match *u {
                    Unknown::Others(q) => !others_enough(&counts(&quarter(q)), cohort),
                    Unknown::Own(..) => true,
                };
                if hidden {
                    check(format!("{u:?}"), form(&|x| x == *u), true);
                }
            }
            for end in from..=to + 3 {
                let others_in = |u: Unknown| matches!(u, Unknown::Others(q) if in_year(q, end));
                if pooled.get(&(*group, d, end)) == Some(&Seen::Suppressed) {
                    check(
                        format!("the others' refused year to {end}"),
                        form(&others_in),
                        true,
                    );
                }
                for s in services {
                    if own(*s, true, end) == Some(Seen::Suppressed) {
                        let mine = |u: Unknown| {
                            u == Unknown::Own(*s, u.quarter()) && in_year(u.quarter(), end)
                        };
                        check(
                            format!("own hidden year to {end} of {s}"),
                            form(&mine),
                            true,
                        );
                    }
                }
                let own_in = |u: Unknown| matches!(u, Unknown::Own(_, q) if in_year(q, end));
                check(
                    format!("own hidden part of the year to {end}"),
                    form(&own_in),
                    false,
                );
                check(
                    format!("the others' year to {end}"),
                    form(&others_in),
                    false,
                );
            }
            for a in from..=to {
                for b in a..=to {
                    let run = |u: Unknown| (a..=b).contains(&u.quarter());
                    check(
                        format!("the others' quarters {a}..={b}"),
                        form(&|u| matches!(u, Unknown::Others(_)) && run(u)),
                        false,
                    );
                    check(
                        format!("own hidden quarters {a}..={b}"),
                        form(&|u| matches!(u, Unknown::Own(..)) && run(u)),
                        false,
                    );
                    for s in services {
                        check(
                            format!("{s}'s hidden quarters {a}..={b}"),
                            form(&|u| u == Unknown::Own(*s, u.quarter()) && run(u)),
                            false,
                        );
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "worked out from the regional view beside the dashboard: {:?}",
        &found[..found.len().min(5)]
    );
    seen
}
