//! Disclosure control: what a commissioner may see (DESIGN.md §2, `docs/privacy.md`). Every
//! figure on the dashboard, the service pages and their CSV passes through here.
//!
//! - **Primary suppression**: a cell (service, outcome, window) about fewer young people than the
//!   organisation's minimum cohort is not shown.
//! - **Secondary suppression across windows**: a year is the sum of its four quarters as far as
//!   an attacker can tell, so a shown year minus its shown quarters gives the sum of its hidden
//!   quarters, and overlapping years give differences. A year is withheld when, with the years
//!   already shown, it would make a hidden quarter, a withheld year or any sum over fewer than a
//!   cohort of voices derivable ([`withheld_years`]).
//! - **Secondary suppression across services**: comparators (and any roll-up) pool only the
//!   cells that are shown, so they are computed from published figures and add nothing.
//! - Quotes only from a service and quarter with a shown cell; KPIs' rates only from a cohort.
//! - **Parts of a shown whole** ([`parts_shown`]): a closed financial year's voices told apart
//!   (assisted answers and the rest) only where the whole is shown and each part holds a cohort.

use super::quarter::Quarter;
use super::scoring::{Comparator, Tally};
use super::windows::{Window, WindowKind};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// The primary rule: at least `min_cohort` (and at least one) young people.
pub fn enough(n: i64, min_cohort: i64) -> bool {
    n >= min_cohort.max(1)
}

/// Whether a shown cell may also be shown in two parts (answers given with an adult beside the
/// child and the rest, docs/assisted.md): the parts are exactly the whole, which is published
/// already, so either part gives away the other, and each must hold a cohort on its own.
pub fn parts_shown(whole: Tally, [a, b]: [Tally; 2], min_cohort: i64) -> bool {
    let sum = Tally {
        n: a.n + b.n,
        sum: a.sum + b.sum,
        sum_sq: a.sum_sq + b.sum_sq,
        positive: a.positive + b.positive,
    };
    sum == whole && enough(a.n, min_cohort) && enough(b.n, min_cohort)
}

/// The number of young people behind one service and outcome, per quarter and per year window
/// (each keyed by its last quarter).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    pub quarters: BTreeMap<Quarter, i64>,
    pub years: BTreeMap<Quarter, i64>,
}

/// Which hidden-quarter sums are already derivable. The unknowns are the hidden quarters in time
/// order; node `i` stands for the sum of the first `i` of them, so any window's hidden part is
/// `node(v) − node(u)` and what shown windows reveal is exactly which nodes are joined, and by
/// how much (`potential`). Tiny (a node per hidden quarter), so components are relabelled.
struct Derivable {
    component: Vec<usize>,
    potential: Vec<i64>,
}

impl Derivable {
    fn new(nodes: usize) -> Derivable {
        Derivable {
            component: (0..nodes).collect(),
            potential: vec![0; nodes],
        }
    }

    fn joined(&self, u: usize, v: usize) -> bool {
        self.component[u] == self.component[v]
    }

    /// Joins `u` and `v` (`node(v) − node(u) = d`) unless that makes a `forbidden` pair derivable
    /// or any derivable sum of hidden quarters rest on fewer than `cohort` voices.
    fn join_if_safe(
        &mut self,
        (u, v): (usize, usize),
        d: i64,
        forbidden: &[(usize, usize)],
        cohort: i64,
    ) -> bool {
        let (a, b) = (self.component[u], self.component[v]);
        let crosses = |&(x, y): &(usize, usize)| {
            let (cx, cy) = (self.component[x], self.component[y]);
            (cx == a && cy == b) || (cx == b && cy == a)
        };
        if forbidden.iter().any(crosses) {
            return false;
        }
        let shift = self.potential[u] + d - self.potential[v];
        let mut merged: Vec<(usize, i64)> = (0..self.component.len())
            .filter(|&x| self.component[x] == a || self.component[x] == b)
            .map(|x| {
                let p = self.potential[x];
                (x, if self.component[x] == b { p + shift } else { p })
            })
            .collect();
        merged.sort_unstable();
        // Consecutive nodes at least a cohort apart: then every derivable sum is.
        if merged.windows(2).any(|w| w[1].1 - w[0].1 < cohort) {
            return false;
        }
        for (x, p) in merged {
            self.component[x] = a;
            self.potential[x] = p;
        }
        true
    }
}

/// The year windows (by last quarter) that have enough voices but are withheld, so that no
/// hidden quarter, no withheld year and no sum over fewer than a cohort can be derived from the
/// shown quarters and years. Years are decided oldest first, so the answer is the same whichever
/// window is asked for.
pub fn withheld_years(timeline: &Timeline, min_cohort: i64) -> Vec<Quarter> {
    let cohort = min_cohort.max(1);
    let hidden: Vec<i32> = timeline
        .quarters
        .iter()
        .filter(|(_, &n)| n > 0 && !enough(n, cohort))
        .map(|(q, _)| q.index())
        .collect();
    let node = |q: i32| hidden.partition_point(|&h| h <= q);
    let span = |end: &Quarter| (node(end.index() - 4), node(end.index()));
    let shown_in = |end: &Quarter| -> i64 {
        timeline
            .quarters
            .range(Quarter::from_index(end.index() - 3)..=*end)
            .filter(|(_, &n)| enough(n, cohort))
            .map(|(_, n)| n)
            .sum()
    };
    let mut forbidden: Vec<(usize, usize)> = (1..=hidden.len()).map(|i| (i - 1, i)).collect();
    forbidden.extend(
        timeline
            .years
            .iter()
            .filter(|(_, &n)| !enough(n, cohort))
            .map(|(end, _)| span(end))
            .filter(|(u, v)| u < v),
    );
    let mut derivable = Derivable::new(hidden.len() + 1);
    let mut withheld = Vec::new();
    for (end, &n) in timeline.years.iter().filter(|(_, &n)| enough(n, cohort)) {
        let (u, v) = span(end);
        if u == v || derivable.joined(u, v) {
            continue;
        }
        if !derivable.join_if_safe((u, v), n - shown_in(end), &forbidden, cohort) {
            forbidden.push((u, v));
            withheld.push(*end);
        }
    }
    withheld
}

/// What may be shown, for a whole organisation at one scores version: the primary rule and the
/// years withheld by [`withheld_years`], per service and outcome (`Dimension::ALL` slot).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    min_cohort: i64,
    withheld: HashSet<(Uuid, usize, Quarter)>,
}

impl Plan {
    /// From every stored window's counts: (service, window, n per outcome slot). Only a
    /// service and outcome with a hidden quarter can have a year withheld, so only theirs are
    /// audited.
    pub fn new<const D: usize>(
        counts: impl IntoIterator<Item = (Uuid, Window, [i64; D])>,
        min_cohort: i64,
    ) -> Plan {
        let counts: Vec<(Uuid, Window, [i64; D])> = counts.into_iter().collect();
        let hidden = |n: i64| n > 0 && !enough(n, min_cohort);
        let mut timelines: HashMap<(Uuid, usize), Timeline> = counts
            .iter()
            .filter(|(_, window, _)| window.kind == WindowKind::Quarter)
            .flat_map(|(service, _, ns)| {
                (0..D)
                    .filter(|&slot| hidden(ns[slot]))
                    .map(move |slot| ((*service, slot), Timeline::default()))
            })
            .collect();
        for (service, window, ns) in &counts {
            for (slot, &n) in ns.iter().enumerate().filter(|(_, n)| **n > 0) {
                if let Some(t) = timelines.get_mut(&(*service, slot)) {
                    match window.kind {
                        WindowKind::Quarter => t.quarters.insert(window.end, n),
                        WindowKind::Year => t.years.insert(window.end, n),
                    };
                }
            }
        }
        let withheld = timelines
            .iter()
            .flat_map(|(&(service, slot), t)| {
                withheld_years(t, min_cohort)
                    .into_iter()
                    .map(move |end| (service, slot, end))
            })
            .collect();
        Plan {
            min_cohort,
            withheld,
        }
    }

    /// This plan with the decisions for `services` made again from `counts`, which hold every
    /// stored window of those services (others are ignored). The same plan as `new` over every
    /// window, since a service's years are decided from its own windows alone.
    pub fn updated<const D: usize>(
        &self,
        services: &[Uuid],
        counts: impl IntoIterator<Item = (Uuid, Window, [i64; D])>,
    ) -> Plan {
        let services: HashSet<Uuid> = services.iter().copied().collect();
        let fresh = Plan::new(
            counts
                .into_iter()
                .filter(|(service, _, _)| services.contains(service)),
            self.min_cohort,
        );
        let mut withheld: HashSet<(Uuid, usize, Quarter)> = self
            .withheld
            .iter()
            .filter(|(service, _, _)| !services.contains(service))
            .copied()
            .collect();
        withheld.extend(fresh.withheld);
        Plan {
            min_cohort: self.min_cohort,
            withheld,
        }
    }

    pub fn min_cohort(&self) -> i64 {
        self.min_cohort
    }

    /// Whether the cell of `service`, outcome `slot` and `window`, about `n` people, is shown.
    pub fn shows(&self, service: Uuid, slot: usize, window: Window, n: i64) -> bool {
        enough(n, self.min_cohort)
            && !(window.kind == WindowKind::Year
                && self.withheld.contains(&(service, slot, window.end)))
    }

    /// Withheld years, for reporting.
    pub fn withheld_count(&self) -> usize {
        self.withheld.len()
    }
}

/// A comparator pooled over shown cells only, so it is a function of published figures.
pub fn comparator_of_shown(shown: impl IntoIterator<Item = Tally>) -> Comparator {
    Comparator::from_pool(shown.into_iter().fold(Tally::default(), Tally::merge))
}

/// A quote may be shown when its service has at least one shown outcome in its quarter (so at
/// least a cohort of young people gave feedback there then).
pub fn quote_allowed(quarter_counts: &[i64], min_cohort: i64) -> bool {
    quarter_counts.iter().any(|&n| enough(n, min_cohort))
}

/// Participation rates (time to moderate, share answered) only from a cohort of young people.
pub fn rates_allowed(young_people: u64, min_cohort: i64) -> bool {
    enough(i64::try_from(young_people).unwrap_or(i64::MAX), min_cohort)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_a_whole_each_hold_a_cohort_and_add_up_to_it() {
        let five = Tally::of(&[1, 2, 3, 4, 5]);
        let six = Tally::of(&[5, 5, 4, 4, 3, 3]);
        let whole = Tally::of(&[1, 2, 3, 4, 5, 5, 5, 4, 4, 3, 3]);
        assert!(parts_shown(whole, [five, six], 5));
        assert!(
            !parts_shown(whole, [five, six], 6),
            "five under a cohort of six"
        );
        let four = Tally::of(&[1, 2, 3, 4]);
        assert!(
            !parts_shown(whole, [four, six], 4),
            "parts that are not the whole"
        );
    }
    use proptest::prelude::*;

    fn q(i: i32) -> Quarter {
        Quarter::from_index(100 + i)
    }

    /// Quarters' counts from index 0, and every year window over them (years count each voice
    /// once, as if nobody answered twice).
    fn additive(ns: &[i64]) -> Timeline {
        let mut t = Timeline::default();
        for (i, &n) in ns.iter().enumerate().filter(|(_, n)| **n > 0) {
            t.quarters.insert(q(i as i32), n);
        }
        for end in 0..ns.len() as i32 + 3 {
            let n: i64 = (end - 3..=end)
                .filter_map(|i| usize::try_from(i).ok().and_then(|i| ns.get(i)))
                .sum();
            if n > 0 {
                t.years.insert(q(end), n);
            }
        }
        t
    }

    fn rank(mut rows: Vec<Vec<i128>>) -> usize {
        let width = rows.first().map_or(0, Vec::len);
        let mut rank = 0;
        for col in 0..width {
            let Some(p) = (rank..rows.len()).find(|&r| rows[r][col] != 0) else {
                continue;
            };
            rows.swap(rank, p);
            let pivot = rows[rank].clone();
            for row in rows.iter_mut().skip(rank + 1) {
                let f = row[col];
                if f != 0 {
                    for (x, y) in row.iter_mut().zip(&pivot) {
                        *x = *x * pivot[col] - f * y;
                    }
                    let g = row.iter().fold(0i128, |g, &x| gcd(g, x.abs()));
                    if g > 1 {
                        row.iter_mut().for_each(|x| *x /= g);
                    }
                }
            }
            rank += 1;
        }
        rank
    }

    fn gcd(a: i128, b: i128) -> i128 {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }

    /// Whether a window's hidden part can be derived from the shown windows, by linear algebra
    /// over the quarters (independently of the node bookkeeping above).
    fn derivable(ns: &[i64], shown: &[(i32, i32)], target: (i32, i32), k: i64) -> bool {
        let hidden: Vec<i32> = (0..ns.len() as i32)
            .filter(|&i| ns[i as usize] > 0 && ns[i as usize] < k)
            .collect();
        let row = |(from, to): (i32, i32)| -> Vec<i128> {
            hidden
                .iter()
                .map(|h| i128::from(*h >= from && *h <= to))
                .collect()
        };
        let rows: Vec<Vec<i128>> = shown.iter().map(|&w| row(w)).collect();
        let goal = row(target);
        if goal.iter().all(|&x| x == 0) {
            return false;
        }
        let mut with = rows.clone();
        with.push(goal);
        rank(rows) == rank(with)
    }

    fn audit(ns: &[i64], k: i64) -> Result<(), String> {
        let t = additive(ns);
        let withheld = withheld_years(&t, k);
        let shown: Vec<(i32, i32)> = t
            .years
            .iter()
            .filter(|(end, &n)| enough(n, k) && !withheld.contains(end))
            .map(|(end, _)| (end.index() - 103, end.index() - 100))
            .collect();
        for (i, &n) in ns.iter().enumerate() {
            let i = i as i32;
            if n > 0 && n < k && derivable(ns, &shown, (i, i), k) {
                return Err(format!("quarter {i} of {ns:?} derivable"));
            }
        }
        for (end, &n) in &t.years {
            let e = end.index() - 100;
            if (!enough(n, k) || withheld.contains(end)) && derivable(ns, &shown, (e - 3, e), k) {
                return Err(format!("year ending {e} of {ns:?} derivable"));
            }
        }
        // Any run of consecutive quarters whose hidden part is derivable has a cohort behind it.
        for from in 0..ns.len() as i32 {
            for to in from..ns.len() as i32 {
                let hidden: i64 = (from..=to).map(|i| ns[i as usize]).filter(|&n| n < k).sum();
                if hidden > 0 && hidden < k && derivable(ns, &shown, (from, to), k) {
                    return Err(format!("quarters {from}..={to} of {ns:?}: {hidden} voices"));
                }
            }
        }
        Ok(())
    }

    #[test]
    fn a_year_with_one_hidden_quarter_among_shown_ones_is_withheld() {
        let t = additive(&[6, 2, 7, 8]);
        assert_eq!(withheld_years(&t, 5), vec![q(1), q(2), q(3), q(4)]);
        assert_eq!(audit(&[6, 2, 7, 8], 5), Ok(()));
    }

    #[test]
    fn quiet_services_keep_most_of_their_years() {
        let ns = [2, 3, 1, 2, 2, 3, 1, 4, 2, 1];
        let withheld = withheld_years(&additive(&ns), 5);
        let years = additive(&ns).years.len();
        assert!(withheld.len() * 2 < years, "{withheld:?} of {years}");
        assert_eq!(audit(&ns, 5), Ok(()));
    }

    #[test]
    fn a_plan_audits_only_services_with_a_hidden_quarter() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let mut rows = Vec::new();
        for (service, ns) in [(a, [6, 7, 8, 9]), (b, [6, 2, 7, 8])] {
            let t = additive(&ns);
            rows.extend(
                t.quarters
                    .into_iter()
                    .map(|(e, n)| (service, Window::quarter(e), [n])),
            );
            rows.extend(
                t.years
                    .into_iter()
                    .map(|(e, n)| (service, Window::year(e), [n])),
            );
        }
        let plan = Plan::new(rows.clone(), 5);
        assert_eq!(plan.withheld_count(), 4);
        assert!(!plan.shows(b, 0, Window::year(q(3)), 23));
        assert!(plan.shows(a, 0, Window::year(q(3)), 30));
        assert!(!plan.shows(a, 0, Window::quarter(q(0)), 4));
        let only_b: Vec<_> = rows.into_iter().filter(|r| r.0 == b).collect();
        assert_eq!(Plan::new(only_b, 5), plan);
    }

    /// Every quarter and year window of `ns` for `service`, as the store keeps them.
    fn rows_of(service: Uuid, ns: &[i64]) -> Vec<(Uuid, Window, [i64; 1])> {
        let t = additive(ns);
        let quarters = t.quarters.into_iter().map(|(e, n)| (Window::quarter(e), n));
        let years = t.years.into_iter().map(|(e, n)| (Window::year(e), n));
        quarters
            .chain(years)
            .map(|(window, n)| (service, window, [n]))
            .collect()
    }

    #[test]
    fn comparators_pool_shown_cells_only() {
        let c = comparator_of_shown([Tally::of(&[5, 5]), Tally::of(&[1, 1])]);
        assert!((c.mean - 3.0).abs() < 1e-12);
        assert!(quote_allowed(&[0, 4, 5], 5) && !quote_allowed(&[4, 4], 5));
        assert!(rates_allowed(5, 5) && !rates_allowed(4, 5));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn nothing_hidden_is_derivable_from_shown_windows(
            ns in proptest::collection::vec(prop_oneof![Just(0i64), 1i64..5, 5i64..9], 1..11),
            k in 2i64..6,
        ) {
            prop_assert_eq!(audit(&ns, k), Ok(()));
        }

        /// Bringing a cached plan up to date by re-reading the changed services only gives the
        /// plan made from every window.
        #[test]
        fn an_updated_plan_is_the_plan_made_afresh(
            before in proptest::collection::vec(
                proptest::collection::vec(prop_oneof![Just(0i64), 1i64..5, 5i64..9], 1..9), 3),
            after in proptest::collection::vec(prop_oneof![Just(0i64), 1i64..5, 5i64..9], 1..9),
            changed in 0usize..3,
            k in 2i64..6,
        ) {
            let services: Vec<Uuid> = (1..=3).map(Uuid::from_u128).collect();
            let mut now = before.clone();
            now[changed] = after;
            let all = |lists: &[Vec<i64>]| -> Vec<_> {
                services.iter().zip(lists).flat_map(|(s, ns)| rows_of(*s, ns)).collect()
            };
            let cached = Plan::new(all(&before), k);
            let changed = [services[changed]];
            prop_assert_eq!(cached.updated(&changed, all(&now)), Plan::new(all(&now), k));
        }
    }
}
