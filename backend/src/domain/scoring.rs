//! Provider quality scores (DESIGN.md §2): one voice per young person per service, dimension and
//! window; suppressed below the organisation's minimum cohort; a mean shrunk towards services of
//! the same type, with a 90% interval; "% positive" with its Wilson interval; "needs attention".
//!
//! Everything here works on the integers the aggregates store (n, Σx, Σx², positives), so the
//! incrementally maintained aggregates and a full recompute give exactly the same scores.

use serde::Serialize;

/// z for a two-sided 90% interval.
pub const Z90: f64 = 1.644_853_626_951_472_2;

/// The integers kept per service, dimension and window: one voice per young person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Distinct young people.
    pub n: i64,
    /// Σx over their current answers (1..=5).
    pub sum: i64,
    /// Σx².
    pub sum_sq: i64,
    /// How many answered 4 or 5.
    pub positive: i64,
}

impl Tally {
    pub fn of(values: &[u8]) -> Tally {
        values.iter().fold(Tally::default(), |t, &x| t.with(x))
    }

    pub fn with(self, x: u8) -> Tally {
        let x = i64::from(x);
        Tally {
            n: self.n + 1,
            sum: self.sum + x,
            sum_sq: self.sum_sq + x * x,
            positive: self.positive + i64::from(x >= 4),
        }
    }

    pub fn without(self, x: u8) -> Tally {
        let x = i64::from(x);
        Tally {
            n: self.n - 1,
            sum: self.sum - x,
            sum_sq: self.sum_sq - x * x,
            positive: self.positive - i64::from(x >= 4),
        }
    }

    pub fn merge(self, other: Tally) -> Tally {
        Tally {
            n: self.n + other.n,
            sum: self.sum + other.sum,
            sum_sq: self.sum_sq + other.sum_sq,
            positive: self.positive + other.positive,
        }
    }

    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum as f64 / self.n as f64)
    }

    /// Σ(x − x̄)², the spread around the raw mean.
    fn squared_deviations(&self) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        (self.sum_sq as f64 - (self.sum as f64).powi(2) / self.n as f64).max(0.0)
    }

    /// Sample variance, or `None` with fewer than two voices.
    pub fn variance(&self) -> Option<f64> {
        (self.n >= 2).then(|| self.squared_deviations() / (self.n - 1) as f64)
    }
}

/// What services of the same type look like: the prior a score is shrunk towards.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Comparator {
    pub mean: f64,
    pub variance: f64,
}

impl Comparator {
    /// Pooled over every voice of the services of one type; neutral (3, 1) when there are none.
    pub fn from_pool(pool: Tally) -> Comparator {
        Comparator {
            mean: pool.mean().unwrap_or(3.0),
            variance: pool.variance().unwrap_or(1.0).max(0.25),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Interval {
    pub fn width(&self) -> f64 {
        self.high - self.low
    }

    pub fn wholly_below(&self, other: &Interval) -> bool {
        self.high < other.low
    }
}

/// A shown score, or why it is not shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Score {
    /// Fewer young people than the minimum cohort: "not enough voices yet". No value leaves.
    Suppressed,
    Shown(Shown),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shown {
    pub n: i64,
    /// The shrunk mean on the 1–5 scale.
    pub value: f64,
    pub interval: Interval,
    /// Share answering 4 or 5, 0..=1.
    pub positive: f64,
    pub positive_interval: Interval,
}

/// `(C·m + Σx)/(C + n)`.
pub fn shrunk_mean(tally: Tally, prior: Comparator, prior_weight: f64) -> f64 {
    (prior_weight * prior.mean + tally.sum as f64) / (prior_weight + tally.n as f64)
}

/// 90% interval of the shrunk mean: the prior counts as `C` voices spread like the comparator,
/// so a voice at the raw mean always narrows it. Clamped to the 1–5 scale.
pub fn shrunk_interval(tally: Tally, prior: Comparator, prior_weight: f64) -> Interval {
    let centre = shrunk_mean(tally, prior, prior_weight);
    let half = half_width(
        tally.n as f64,
        tally.squared_deviations(),
        prior,
        prior_weight,
    );
    Interval {
        low: (centre - half).max(1.0),
        high: (centre + half).min(5.0),
    }
}

/// Half the interval's width for `n` voices whose squared deviations from their mean add to `dev`.
fn half_width(n: f64, dev: f64, prior: Comparator, prior_weight: f64) -> f64 {
    let weight = prior_weight + n;
    let variance = (prior_weight * prior.variance + dev) / (weight - 1.0).max(1.0);
    Z90 * (variance / weight).sqrt()
}

/// Wilson score interval for `k` successes out of `n`, at `z`.
pub fn wilson(k: i64, n: i64, z: f64) -> Interval {
    if n <= 0 {
        return Interval {
            low: 0.0,
            high: 1.0,
        };
    }
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = (z / (1.0 + z2 / n)) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Interval {
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    }
}

/// The score for one service and dimension in a window.
pub fn score(tally: Tally, prior: Comparator, prior_weight: f64, min_cohort: i64) -> Score {
    if tally.n < min_cohort.max(1) {
        return Score::Suppressed;
    }
    Score::Shown(Shown {
        n: tally.n,
        value: shrunk_mean(tally, prior, prior_weight),
        interval: shrunk_interval(tally, prior, prior_weight),
        positive: tally.positive as f64 / tally.n as f64,
        positive_interval: wilson(tally.positive, tally.n, Z90),
    })
}

/// A service's overall score: the mean of its shown dimensions' values (none shown: suppressed).
pub fn overall(dimensions: &[Score]) -> Option<f64> {
    let shown: Vec<f64> = dimensions
        .iter()
        .filter_map(|s| match s {
            Score::Shown(s) => Some(s.value),
            Score::Suppressed => None,
        })
        .collect();
    (!shown.is_empty()).then(|| shown.iter().sum::<f64>() / shown.len() as f64)
}

/// Why a score needs attention, if it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Attention {
    /// Its interval lies wholly below the mean of services of the same type.
    BelowComparator,
    /// The latest quarter's interval lies wholly below the previous quarter's.
    Falling,
}

pub fn needs_attention(
    current: &Score,
    comparator_mean: f64,
    latest: &Score,
    previous: &Score,
) -> Vec<Attention> {
    let mut reasons = Vec::new();
    if let Score::Shown(s) = current {
        if s.interval.high < comparator_mean {
            reasons.push(Attention::BelowComparator);
        }
    }
    if let (Score::Shown(l), Score::Shown(p)) = (latest, previous) {
        if l.interval.wholly_below(&p.interval) {
            reasons.push(Attention::Falling);
        }
    }
    reasons
}

/// How a shown score compares with the same score in the period before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Up,
    Down,
    /// The intervals overlap: the difference may be chance, so it is not called a change.
    Unclear,
}

impl Change {
    pub fn between(now: &Interval, before: &Interval) -> Change {
        if before.wholly_below(now) {
            Change::Up
        } else if now.wholly_below(before) {
            Change::Down
        } else {
            Change::Unclear
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Change::Up => "up",
            Change::Down => "down",
            Change::Unclear => "unclear",
        }
    }
}

/// One young person's answers in a window, oldest first: only the latest counts (their current view).
pub fn current_voices<K: Ord + Clone>(answers: impl IntoIterator<Item = (K, i64, u8)>) -> Vec<u8> {
    let mut latest: std::collections::BTreeMap<K, (i64, u8)> = std::collections::BTreeMap::new();
    for (who, at, x) in answers {
        match latest.get(&who) {
            Some((seen, _)) if *seen > at => {}
            _ => {
                latest.insert(who, (at, x));
            }
        }
    }
    latest.into_values().map(|(_, x)| x).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_change_is_called_only_when_the_intervals_part() {
        let i = |low, high| Interval { low, high };
        assert_eq!(Change::between(&i(3.6, 4.2), &i(2.9, 3.5)), Change::Up);
        assert_eq!(Change::between(&i(2.9, 3.5), &i(3.6, 4.2)), Change::Down);
        assert_eq!(Change::between(&i(3.4, 4.0), &i(2.9, 3.5)), Change::Unclear);
        assert_eq!(
            Change::between(&i(3.0, 3.5), &i(3.5, 4.0)),
            Change::Unclear,
            "touching is overlapping"
        );
    }

    use super::*;
    use proptest::prelude::*;

    const PRIOR: Comparator = Comparator {
        mean: 3.0,
        variance: 1.0,
    };

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn wilson_matches_published_reference_values() {
        // 95% Wilson intervals (z = 1.96) from Newcombe (1998), Table I, and the z²/(n+z²) bound.
        let z95 = 1.959_964;
        let cases = [
            ((0, 10), (0.0, 0.2775)),
            ((10, 10), (0.7225, 1.0)),
            ((5, 10), (0.2366, 0.7634)),
            ((81, 263), (0.2553, 0.3662)),
            ((15, 148), (0.0624, 0.1605)),
        ];
        for ((k, n), (low, high)) in cases {
            let i = wilson(k, n, z95);
            assert!(
                (i.low - low).abs() < 5e-4 && (i.high - high).abs() < 5e-4,
                "{k}/{n}: {i:?}"
            );
        }
    }

    #[test]
    fn below_the_cohort_nothing_is_shown() {
        let tally = Tally::of(&[1, 1, 1, 1]);
        assert_eq!(score(tally, PRIOR, 5.0, 5), Score::Suppressed);
        assert!(matches!(
            score(tally.with(1), PRIOR, 5.0, 5),
            Score::Shown(_)
        ));
    }

    #[test]
    fn shrinkage_matches_the_formula() {
        let tally = Tally::of(&[5, 5, 5, 5, 5]);
        assert!(close(
            shrunk_mean(tally, PRIOR, 5.0),
            (5.0 * 3.0 + 25.0) / 10.0
        ));
    }

    #[test]
    fn a_changed_mind_replaces_the_old_answer() {
        let voices = current_voices([("jay", 1, 1u8), ("jay", 2, 5), ("mo", 1, 3)]);
        assert_eq!(Tally::of(&voices), Tally::of(&[5, 3]));
    }

    #[test]
    fn falling_and_low_scores_need_attention() {
        let low = score(Tally::of(&[1, 1, 2, 1, 2, 1, 1, 2, 1, 1]), PRIOR, 5.0, 5);
        let high = score(Tally::of(&[5, 5, 4, 5, 5, 5, 4, 5, 5, 5]), PRIOR, 5.0, 5);
        assert_eq!(
            needs_attention(&low, 3.5, &low, &high),
            vec![Attention::BelowComparator, Attention::Falling]
        );
        assert!(needs_attention(&high, 3.5, &high, &low).is_empty());
    }

    fn answers() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(1u8..=5, 1..60)
    }

    proptest! {
        #[test]
        fn the_shrunk_mean_lies_between_the_prior_and_the_raw_mean(xs in answers(), m in 1.0f64..5.0, c in 0.5f64..20.0) {
            let tally = Tally::of(&xs);
            let raw = tally.mean().unwrap_or(0.0);
            let shrunk = shrunk_mean(tally, Comparator { mean: m, variance: 1.0 }, c);
            prop_assert!(shrunk >= m.min(raw) - 1e-9 && shrunk <= m.max(raw) + 1e-9);
        }

        #[test]
        fn a_voice_at_the_raw_mean_never_widens_the_interval(xs in answers(), c in 0.5f64..20.0, v in 0.25f64..4.0) {
            // A voice at the raw mean x̄ leaves Σ(x−x̄)² as it was and adds one to n.
            let tally = Tally::of(&xs);
            let prior = Comparator { mean: 3.0, variance: v };
            let dev = tally.squared_deviations();
            let before = half_width(tally.n as f64, dev, prior, c);
            let after = half_width(tally.n as f64 + 1.0, dev, prior, c);
            prop_assert!(after <= before + 1e-12, "{} > {}", after, before);
        }

        #[test]
        fn repeated_feedback_from_one_person_never_moves_n(others in answers(), mine in proptest::collection::vec(1u8..=5, 1..30)) {
            let mut all: Vec<(usize, i64, u8)> = others.iter().enumerate().map(|(i, &x)| (i + 1, 0, x)).collect();
            all.extend(mine.iter().enumerate().map(|(t, &x)| (0, t as i64, x)));
            let voices = current_voices(all);
            prop_assert_eq!(voices.len(), others.len() + 1);
            // My voice is worth exactly one other person's: my latest answer.
            let mut expected = others.clone();
            expected.push(*mine.last().unwrap_or(&3));
            prop_assert_eq!(Tally::of(&voices), Tally::of(&expected));
        }

        #[test]
        fn suppression_never_leaks_a_value(xs in proptest::collection::vec(1u8..=5, 0..10), cohort in 1i64..10) {
            let s = score(Tally::of(&xs), PRIOR, 5.0, cohort);
            if (xs.len() as i64) < cohort {
                prop_assert_eq!(&s, &Score::Suppressed);
                let json = serde_json::to_string(&s).unwrap_or_default();
                prop_assert_eq!(json, r#"{"state":"suppressed"}"#);
            }
        }

        #[test]
        fn add_then_remove_is_the_identity(xs in answers(), x in 1u8..=5) {
            let t = Tally::of(&xs);
            prop_assert_eq!(t.with(x).without(x), t);
        }
    }
}
