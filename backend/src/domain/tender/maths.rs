//! Tender evaluation maths (DESIGN.md §2, UK public procurement practice), with no I/O.
//!
//! quality = Σ (agreed score / 5 × question weight), where the agreed score is the moderation
//! meeting's consensus or, until then, the median of the individual scores (provisional), and a
//! bid with no answer to a question scores 0 on it; price = lowest price / bid price × price
//! weight; total = quality + price. Equal totals share a rank ("1, 1, 3"). The sensitivity check
//! re-weights the young people's questions (halved, doubled), keeping the quality share fixed,
//! and says whether the winner changes.

use std::collections::HashMap;
use uuid::Uuid;

/// Totals closer than this are a tie (money and weights are whole numbers; this only absorbs
/// floating-point noise).
const TIE: f64 = 1e-9;

/// A question as the maths needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Question {
    pub id: Uuid,
    /// Quality points this question is worth.
    pub weight: f64,
    /// Scored by young people (alone or with professionals): their share of the weighting.
    pub young_people: bool,
}

/// A bid as the maths needs it: its price and, per question, the agreed score (0..=5). A question
/// missing from `agreed` (no answer, or nobody scored it) counts 0.
#[derive(Debug, Clone, PartialEq)]
pub struct Bid {
    pub id: Uuid,
    pub price_pence: i64,
    pub agreed: HashMap<Uuid, f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub bid_id: Uuid,
    pub quality: f64,
    pub price: f64,
    pub total: f64,
    /// 1 is best; equal totals share a rank.
    pub rank: u32,
}

/// The median of individual scores: the provisional score until the meeting agrees one.
pub fn median(scores: &[u8]) -> Option<f64> {
    let mut sorted = scores.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f64::from(sorted[n / 2])),
        _ => Some((f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0),
    }
}

/// Highest minus lowest individual score.
pub fn spread(scores: &[u8]) -> Option<u8> {
    Some(scores.iter().max()? - scores.iter().min()?)
}

/// Scores 2 or more points apart are talked through at the moderation meeting.
pub fn needs_discussion(scores: &[u8]) -> bool {
    spread(scores).is_some_and(|s| s >= 2)
}

/// Quality, price, total and rank of every bid, in the order given.
pub fn evaluate(questions: &[Question], bids: &[Bid], price_weight: f64) -> Vec<Outcome> {
    let lowest = bids.iter().map(|b| b.price_pence).filter(|&p| p > 0).min();
    let mut outcomes: Vec<Outcome> = bids
        .iter()
        .map(|bid| {
            let quality: f64 = questions
                .iter()
                .map(|q| {
                    bid.agreed
                        .get(&q.id)
                        .copied()
                        .unwrap_or(0.0)
                        .clamp(0.0, 5.0)
                        / 5.0
                        * q.weight
                })
                .sum();
            let price = match lowest {
                Some(lowest) if bid.price_pence > 0 => {
                    lowest as f64 / bid.price_pence as f64 * price_weight
                }
                _ => 0.0,
            };
            Outcome {
                bid_id: bid.id,
                quality,
                price,
                total: quality + price,
                rank: 0,
            }
        })
        .collect();
    let totals: Vec<f64> = outcomes.iter().map(|o| o.total).collect();
    for outcome in &mut outcomes {
        outcome.rank = 1 + totals.iter().filter(|&&t| t > outcome.total + TIE).count() as u32;
    }
    outcomes
}

/// The bids ranked first (more than one on a tie).
pub fn winners(outcomes: &[Outcome]) -> Vec<Uuid> {
    outcomes
        .iter()
        .filter(|o| o.rank == 1)
        .map(|o| o.bid_id)
        .collect()
}

/// The questions with the young people's weighting multiplied by `factor`, and all weights then
/// scaled so that the quality points in total stay the same (the price/quality split holds).
pub fn reweighted(questions: &[Question], factor: f64) -> Vec<Question> {
    let before: f64 = questions.iter().map(|q| q.weight).sum();
    let scaled: Vec<Question> = questions
        .iter()
        .map(|q| Question {
            weight: if q.young_people {
                q.weight * factor
            } else {
                q.weight
            },
            ..*q
        })
        .collect();
    let after: f64 = scaled.iter().map(|q| q.weight).sum();
    if after <= 0.0 {
        return scaled;
    }
    scaled
        .into_iter()
        .map(|q| Question {
            weight: q.weight * before / after,
            ..q
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sensitivity {
    pub winners: Vec<Uuid>,
    pub halved: Vec<Uuid>,
    pub doubled: Vec<Uuid>,
}

impl Sensitivity {
    /// Would the winner change if the young people's weighting were halved or doubled?
    pub fn winner_changes(&self) -> bool {
        self.halved != self.winners || self.doubled != self.winners
    }
}

pub fn sensitivity(questions: &[Question], bids: &[Bid], price_weight: f64) -> Sensitivity {
    let at = |factor: f64| {
        winners(&evaluate(
            &reweighted(questions, factor),
            bids,
            price_weight,
        ))
    };
    Sensitivity {
        winners: at(1.0),
        halved: at(0.5),
        doubled: at(2.0),
    }
}

/// The share of the quality points the young people's questions carry, in percent.
pub fn young_peoples_share(questions: &[Question]) -> f64 {
    let total: f64 = questions.iter().map(|q| q.weight).sum();
    if total <= 0.0 {
        return 0.0;
    }
    questions
        .iter()
        .filter(|q| q.young_people)
        .map(|q| q.weight)
        .sum::<f64>()
        / total
        * 100.0
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn question(n: u128, weight: f64, young_people: bool) -> Question {
        Question {
            id: id(n),
            weight,
            young_people,
        }
    }

    fn bid(n: u128, price_pence: i64, agreed: &[(u128, f64)]) -> Bid {
        Bid {
            id: id(n),
            price_pence,
            agreed: agreed.iter().map(|&(q, s)| (id(q), s)).collect(),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn medians_spreads_and_disagreements() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[4]), Some(4.0));
        assert_eq!(median(&[5, 1, 3]), Some(3.0));
        assert_eq!(median(&[2, 5, 3, 4]), Some(3.5));
        assert_eq!(spread(&[2, 5, 3]), Some(3));
        assert!(needs_discussion(&[2, 4]));
        assert!(!needs_discussion(&[3, 4, 4]));
        assert!(!needs_discussion(&[]));
    }

    /// Worked by hand: quality 60 (Q1 young people 30, Q2 professionals 30), price 40.
    /// Bid A £100,000: Q1 4/5, Q2 3/5 → 24 + 18 = 42; price 90,000/100,000 × 40 = 36; total 78.
    /// Bid B £90,000: Q1 2/5, Q2 5/5 → 12 + 30 = 42; price 40; total 82.
    /// Bid C £120,000, no answer to Q2: Q1 5/5 → 30 + 0; price 30; total 60.
    #[test]
    fn a_worked_example_matches_the_hand_calculation() {
        let questions = [question(1, 30.0, true), question(2, 30.0, false)];
        let bids = [
            bid(10, 10_000_000, &[(1, 4.0), (2, 3.0)]),
            bid(11, 9_000_000, &[(1, 2.0), (2, 5.0)]),
            bid(12, 12_000_000, &[(1, 5.0)]),
        ];
        let out = evaluate(&questions, &bids, 40.0);
        let expect = [
            (42.0, 36.0, 78.0, 2),
            (42.0, 40.0, 82.0, 1),
            (30.0, 30.0, 60.0, 3),
        ];
        for (o, (quality, price, total, rank)) in out.iter().zip(expect) {
            assert!(close(o.quality, quality), "{o:?}");
            assert!(close(o.price, price), "{o:?}");
            assert!(close(o.total, total), "{o:?}");
            assert_eq!(o.rank, rank, "{o:?}");
        }
        assert_eq!(winners(&out), vec![id(11)]);
    }

    #[test]
    fn equal_totals_share_a_rank_and_the_next_rank_is_skipped() {
        let questions = [question(1, 50.0, true)];
        let bids = [
            bid(10, 100, &[(1, 3.0)]),
            bid(11, 100, &[(1, 3.0)]),
            bid(12, 100, &[(1, 1.0)]),
        ];
        let out = evaluate(&questions, &bids, 50.0);
        assert_eq!(
            out.iter().map(|o| o.rank).collect::<Vec<_>>(),
            vec![1, 1, 3]
        );
        assert_eq!(winners(&out), vec![id(10), id(11)]);
    }

    /// Young people love Bid A (Q1), professionals prefer Bid B (Q2); equal prices.
    /// Weights 30/30: A = 30 + 6 = 36, B = 6 + 30 = 36 → tie. Halved: Q1 20, Q2 40 → A 20+8=28,
    /// B 4+40=44, B wins. Doubled: Q1 40, Q2 20 → A 40+4=44, B 8+20=28, A wins.
    #[test]
    fn the_sensitivity_check_finds_a_winner_that_depends_on_the_young_peoples_weighting() {
        let questions = [question(1, 30.0, true), question(2, 30.0, false)];
        let bids = [
            bid(10, 100, &[(1, 5.0), (2, 1.0)]),
            bid(11, 100, &[(1, 1.0), (2, 5.0)]),
        ];
        let s = sensitivity(&questions, &bids, 40.0);
        assert_eq!(s.winners, vec![id(10), id(11)]);
        assert_eq!(s.halved, vec![id(11)]);
        assert_eq!(s.doubled, vec![id(10)]);
        assert!(s.winner_changes());
        let reweighted = reweighted(&questions, 0.5);
        assert!(close(reweighted[0].weight, 20.0) && close(reweighted[1].weight, 40.0));
        assert!(close(young_peoples_share(&questions), 50.0));
    }

    #[test]
    fn a_clear_winner_survives_the_sensitivity_check() {
        let questions = [question(1, 30.0, true), question(2, 30.0, false)];
        let bids = [
            bid(10, 100, &[(1, 5.0), (2, 5.0)]),
            bid(11, 100, &[(1, 1.0), (2, 2.0)]),
        ];
        assert!(!sensitivity(&questions, &bids, 40.0).winner_changes());
    }

    proptest! {
        #[test]
        fn reweighting_keeps_the_quality_points(weights in proptest::collection::vec((1u32..50, any::<bool>()), 1..8), factor in 0.1f64..4.0) {
            let questions: Vec<Question> = weights.iter().enumerate().map(|(i, &(w, yp))| question(i as u128, f64::from(w), yp)).collect();
            let before: f64 = questions.iter().map(|q| q.weight).sum();
            let after: f64 = reweighted(&questions, factor).iter().map(|q| q.weight).sum();
            prop_assert!((before - after).abs() < 1e-6);
        }

        #[test]
        fn totals_stay_within_the_weights_and_the_cheapest_gets_the_full_price_score(
            prices in proptest::collection::vec(1i64..10_000_000, 1..6),
            scores in proptest::collection::vec(0u8..=5, 6),
        ) {
            let questions = [question(1, 60.0, true)];
            let bids: Vec<Bid> = prices.iter().enumerate().map(|(i, &p)| bid(100 + i as u128, p, &[(1, f64::from(scores[i]))])).collect();
            let out = evaluate(&questions, &bids, 40.0);
            let lowest = *prices.iter().min().unwrap_or(&1);
            for (o, b) in out.iter().zip(&bids) {
                prop_assert!(o.total >= 0.0 && o.total <= 100.0 + 1e-9);
                prop_assert!(o.rank >= 1 && o.rank as usize <= bids.len());
                if b.price_pence == lowest { prop_assert!((o.price - 40.0).abs() < 1e-9); }
            }
            prop_assert!(!winners(&out).is_empty());
        }
    }
}
