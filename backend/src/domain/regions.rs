//! Regional pooling's disclosure rule (docs/regions.md). A council in a region reads, for each
//! provider and service type it commissions, the region's pooled score beside its own.
//!
//! - **Whole financial years, closed ones only** ([`pooled_year`]). Pooled cells are published
//!   for April-to-March years that have ended, never for a rolling 12 months: windows that never
//!   overlap cannot be subtracted from one another, so what one pooled cell says about the other
//!   councils' voices (or about the reader's own hidden ones, which the others' sum masks) stays
//!   inside that one cell, and a closed year does not move as new answers come in.
//! - **The others' part** ([`others_enough`]). The reader may know its own figures (assume all of
//!   them, the worst case), so what a pooled cell tells it is the other councils' sum. That sum
//!   must hold at least a cohort (the largest of the region's councils') and still do without any
//!   one council's part, so no council's own figure can be read off it, even in a region of two.

use super::quarter::Quarter;
use shared::api::ServiceType;
use uuid::Uuid;

/// A provider and service type: what a region pools.
pub type Group = (Uuid, ServiceType);

/// Whether the other councils' parts of a cell may be published: a cohort in all, and a cohort
/// without the largest part.
pub fn others_enough(parts: &[i64], cohort: i64) -> bool {
    let parts: Vec<i64> = parts.iter().copied().filter(|n| *n > 0).collect();
    let total: i64 = parts.iter().sum();
    let largest = parts.iter().copied().max().unwrap_or_default();
    super::disclosure::enough(total, cohort) && super::disclosure::enough(total - largest, cohort)
}

/// The financial year (April to March, named by its last quarter, January to March) whose pooled
/// figures answer a request for `asked`: the last one ending at or before `asked` that had ended
/// before the quarter `now` ([`Quarter::closed_financial_year`]).
pub fn pooled_year(asked: Quarter, now: Quarter) -> Quarter {
    Quarter::closed_financial_year(asked, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quarter {
        Quarter::parse(s).unwrap()
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
        assert!(
            others_enough(&[5, 0, 5], 5),
            "a council with none is no part"
        );
    }

    #[test]
    fn the_last_closed_financial_year_by_the_quarter_asked() {
        // December 2026: the year April 2025 to March 2026 is the last to have ended.
        let now = q("2026-Q4");
        assert_eq!(pooled_year(q("2026-Q4"), now), q("2026-Q1"));
        assert_eq!(pooled_year(q("2026-Q2"), now), q("2026-Q1"));
        assert_eq!(pooled_year(q("2026-Q1"), now), q("2026-Q1"));
        assert_eq!(pooled_year(q("2025-Q4"), now), q("2025-Q1"));
        assert_eq!(
            pooled_year(q("2030-Q3"), now),
            q("2026-Q1"),
            "not a year to come"
        );
        // February 2026: that year has not ended, so the one before.
        assert_eq!(pooled_year(q("2026-Q1"), q("2026-Q1")), q("2025-Q1"));
        // April 2026: it has.
        assert_eq!(pooled_year(q("2026-Q2"), q("2026-Q2")), q("2026-Q1"));
    }

    #[test]
    fn pooled_years_never_overlap() {
        let now = q("2027-Q3");
        let mut ends: Vec<i32> = (8000..8120)
            .map(|i| pooled_year(Quarter::from_index(i), now).index())
            .collect();
        ends.sort_unstable();
        ends.dedup();
        assert!(ends.windows(2).all(|w| w[1] - w[0] == 4), "{ends:?}");
        assert!(
            ends.iter().all(|e| e.rem_euclid(4) == 0),
            "each ends in January to March"
        );
    }
}
