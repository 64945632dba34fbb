//! Regional pooling's disclosure rule (docs/regions.md). A council in a region reads, for each
//! provider and service type it commissions, the region's pooled 12-month score beside its own.
//! The reader knows its own figures (assume all of them, the worst case), so what a pooled cell
//! tells it is the other councils' sum. That sum is published only when:
//!
//! - it holds at least a cohort of young people (the largest cohort of the region's councils),
//! - and still does without any one council's part, so no council's own figure (shown or
//!   suppressed there) can be read off it, even in a region of two;
//! - and the window rule ([`withheld_years`]) finds no quarter that fails these two rules, no
//!   withheld year and no sum over fewer than a cohort derivable from the 12-month windows
//!   published. Quarters are never published; the rule takes those that pass as known to the
//!   reader (the worst case), so the years it lets through reveal no more than such quarters.

use super::disclosure::{enough, withheld_years, Timeline};
use super::ids::OrganisationId;
use super::quarter::Quarter;
use super::windows::{Window, WindowKind};
use shared::api::ServiceType;
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// A provider and service type: what a region pools.
pub type Group = (Uuid, ServiceType);

/// Whether the other councils' parts of a cell may be published: a cohort in all, and a cohort
/// without the largest part.
pub fn others_enough(parts: &[i64], cohort: i64) -> bool {
    let total: i64 = parts.iter().sum();
    let largest = parts.iter().copied().max().unwrap_or_default();
    enough(total, cohort) && enough(total - largest, cohort)
}

/// One council's count in one cell: (council, group, outcome slot, window, young people).
pub type Count = (OrganisationId, Group, usize, Window, i64);

/// The pooled cells one council may read: (group, outcome slot, year window's last quarter).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionalPlan {
    shown: HashSet<(Group, usize, Quarter)>,
}

impl RegionalPlan {
    /// From every member's counts in every window of the groups the reader commissions.
    pub fn new(
        reader: OrganisationId,
        counts: impl IntoIterator<Item = Count>,
        cohort: i64,
    ) -> Self {
        // Per group and outcome: the others' parts of each quarter and year.
        type Parts = BTreeMap<Quarter, Vec<i64>>;
        let mut cells: HashMap<(Group, usize), (Parts, Parts)> = HashMap::new();
        for (council, group, slot, window, n) in counts {
            if council == reader || n <= 0 {
                continue;
            }
            let (quarters, years) = cells.entry((group, slot)).or_default();
            match window.kind {
                WindowKind::Quarter => quarters.entry(window.end).or_default().push(n),
                WindowKind::Year => years.entry(window.end).or_default().push(n),
            }
        }
        let total = |parts: &Parts| -> BTreeMap<Quarter, i64> {
            parts
                .iter()
                .map(|(end, p)| (*end, p.iter().sum()))
                .collect()
        };
        let refused = |parts: &Parts| {
            parts
                .iter()
                .filter(|(_, p)| !others_enough(p, cohort))
                .map(|(end, _)| *end)
                .collect()
        };
        let mut shown = HashSet::new();
        for ((group, slot), (quarters, years)) in cells {
            let timeline = Timeline {
                quarters: total(&quarters),
                years: total(&years),
                quarters_refused: refused(&quarters),
                years_refused: refused(&years),
            };
            let withheld = withheld_years(&timeline, cohort);
            shown.extend(
                years
                    .keys()
                    .filter(|end| !timeline.years_refused.contains(end) && !withheld.contains(end))
                    .map(|end| (group, slot, *end)),
            );
        }
        RegionalPlan { shown }
    }

    /// This plan with `groups` decided again from `counts`, which hold every member's windows of
    /// those groups (others are ignored). The same as `new` over everything, since a group's
    /// cells are decided from its own counts alone.
    pub fn updated(
        &self,
        reader: OrganisationId,
        groups: &[Group],
        counts: impl IntoIterator<Item = Count>,
        cohort: i64,
    ) -> RegionalPlan {
        let groups: HashSet<Group> = groups.iter().copied().collect();
        let fresh = RegionalPlan::new(
            reader,
            counts
                .into_iter()
                .filter(|(_, g, _, _, _)| groups.contains(g)),
            cohort,
        );
        let mut shown: HashSet<(Group, usize, Quarter)> = self
            .shown
            .iter()
            .filter(|(g, _, _)| !groups.contains(g))
            .copied()
            .collect();
        shown.extend(fresh.shown);
        RegionalPlan { shown }
    }

    /// Whether the reader may read the pooled cell of `group`, outcome `slot`, 12 months to `end`.
    pub fn shows(&self, group: Group, slot: usize, end: Quarter) -> bool {
        self.shown.contains(&(group, slot, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(i: i32) -> Quarter {
        Quarter::from_index(8100 + i)
    }

    const HOME: Group = (Uuid::nil(), ServiceType::ChildrensHome);

    fn council(i: u128) -> OrganisationId {
        serde_json::from_value(serde_json::json!(Uuid::from_u128(i))).unwrap()
    }

    /// Each council's voices per quarter (index from 0), with every year window over them.
    fn counts(councils: &[(u128, &[i64])]) -> Vec<Count> {
        let mut out = Vec::new();
        for &(c, ns) in councils {
            for (i, &n) in ns.iter().enumerate().filter(|(_, n)| **n > 0) {
                out.push((council(c), HOME, 0, Window::quarter(q(i as i32)), n));
            }
            for end in 0..ns.len() as i32 + 3 {
                let n: i64 = (end - 3..=end)
                    .filter_map(|i| usize::try_from(i).ok().and_then(|i| ns.get(i)))
                    .sum();
                if n > 0 {
                    out.push((council(c), HOME, 0, Window::year(q(end)), n));
                }
            }
        }
        out
    }

    #[test]
    fn a_cohort_without_the_largest_council() {
        assert!(others_enough(&[3, 4, 2], 5));
        assert!(!others_enough(&[12, 1], 5), "one council's figure, nearly");
        assert!(
            !others_enough(&[30], 5),
            "a region of two shows the other its figure"
        );
        assert!(!others_enough(&[2, 2], 5));
        assert!(!others_enough(&[], 5));
    }

    #[test]
    fn small_councils_pool_into_a_shown_year_the_reader_cannot_split() {
        // The reader (1) has 3 voices; three others have 2 to 4 each, in one quarter.
        let plan = RegionalPlan::new(
            council(1),
            counts(&[(1, &[3]), (2, &[4]), (3, &[2]), (4, &[4])]),
            5,
        );
        assert!(plan.shows(HOME, 0, q(0)));
        assert!(plan.shows(HOME, 0, q(3)), "the same voices, the same sum");
    }

    #[test]
    fn a_region_of_two_shows_nothing() {
        let plan = RegionalPlan::new(council(1), counts(&[(1, &[9, 9]), (2, &[20, 20])]), 5);
        assert!((0..5).all(|i| !plan.shows(HOME, 0, q(i))));
    }

    #[test]
    fn overlapping_years_do_not_give_away_a_small_quarter() {
        // Others: 10 voices in quarter 0 and 2 in quarter 4 (by two councils each time). The
        // year to quarter 3 and the year to quarter 4 differ by the 2: one of them is withheld.
        let plan = RegionalPlan::new(
            council(1),
            counts(&[(2, &[5, 0, 0, 0, 1]), (3, &[5, 0, 0, 0, 1])]),
            5,
        );
        assert!(!plan.shows(HOME, 0, q(7)), "the 2 alone");
        assert!(plan.shows(HOME, 0, q(0)));
        assert!(
            !(plan.shows(HOME, 0, q(3)) && plan.shows(HOME, 0, q(4))),
            "two years that differ by two young people"
        );
    }

    #[test]
    fn a_quarter_one_council_dominates_is_not_given_away_by_two_years() {
        // Quarter 4: council 2 has 9 and council 3 has 1 (dominated); quarter 0 is safe.
        let plan = RegionalPlan::new(
            council(1),
            counts(&[(2, &[3, 0, 0, 0, 9]), (3, &[3, 0, 0, 0, 1]), (4, &[3])]),
            5,
        );
        assert!(plan.shows(HOME, 0, q(0)));
        assert!(
            !(plan.shows(HOME, 0, q(3)) && plan.shows(HOME, 0, q(4))),
            "the years to quarters 3 and 4 differ by council 2's 9 and council 3's 1"
        );
    }

    #[test]
    fn a_plan_updated_for_one_group_is_the_plan_made_afresh() {
        let other: Group = (Uuid::from_u128(9), ServiceType::ShortBreaks);
        let mut before = counts(&[(2, &[3, 3]), (3, &[3, 3]), (4, &[3])]);
        before.extend(
            counts(&[(2, &[9]), (3, &[9])])
                .into_iter()
                .map(|(c, _, s, w, n)| (c, other, s, w, n)),
        );
        let plan = RegionalPlan::new(council(1), before.clone(), 5);
        // Council 4 gets more young people in the first group only.
        let mut after: Vec<Count> = before
            .into_iter()
            .filter(|(c, g, ..)| !(*c == council(4) && *g == HOME))
            .collect();
        after.extend(counts(&[(4, &[3, 0, 0, 0, 0, 6])]));
        let updated = plan.updated(council(1), &[HOME], after.clone(), 5);
        assert_eq!(updated, RegionalPlan::new(council(1), after, 5));
    }

    #[test]
    fn the_readers_own_voices_are_not_the_others() {
        // Only the reader has voices: there is nothing pooled to read.
        let plan = RegionalPlan::new(council(1), counts(&[(1, &[40, 40])]), 5);
        assert!((0..5).all(|i| !plan.shows(HOME, 0, q(i))));
    }
}
