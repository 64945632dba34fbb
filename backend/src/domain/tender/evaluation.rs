//! The evaluation sheet: every score side by side, spreads, medians, agreed scores, totals,
//! ranking and the sensitivity check, built from one tender's scores with no I/O.

use super::maths;
use sha2::{Digest, Sha256};
use shared::tender::{
    BidResult, Cell, Consensus, Evaluation, IndividualScore, Question, SensitivityCheck,
    TenderStatus,
};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// One tender as the evaluation needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub tender_id: Uuid,
    pub title: String,
    pub status: TenderStatus,
    pub quality_weight: u32,
    pub price_weight: u32,
    pub questions: Vec<Question>,
    /// In label order.
    pub bids: Vec<SheetBid>,
    /// (bid, question) pairs the bid answered.
    pub answered: HashSet<(Uuid, Uuid)>,
    /// Panel members in the order they joined.
    pub members: Vec<Uuid>,
    /// (member, bid) pairs kept apart by a conflict.
    pub excluded: HashSet<(Uuid, Uuid)>,
    /// Every score, drafts included, in the order last changed.
    pub scores: Vec<GivenScore>,
    /// The meeting's agreed score per (bid, question).
    pub consensus: HashMap<(Uuid, Uuid), Consensus>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetBid {
    pub id: Uuid,
    pub label: String,
    pub provider_name: String,
    pub price_pence: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenScore {
    pub bid_id: Uuid,
    pub question_id: Uuid,
    pub evaluator_id: Uuid,
    pub young_person: bool,
    pub score: u8,
    pub reason: String,
    pub submitted: bool,
}

/// Who gave a score, in words: the officer sees young people's names, anyone else their
/// pseudonyms ([`Sheet::pseudonyms`]).
struct Evaluators<'a> {
    pseudonyms: HashMap<Uuid, String>,
    names: &'a HashMap<Uuid, String>,
    name_young_people: bool,
}

impl Evaluators<'_> {
    fn label(&self, id: Uuid, young_person: bool) -> String {
        match self.pseudonyms.get(&id) {
            Some(pseudonym) if young_person && !self.name_young_people => pseudonym.clone(),
            _ => self
                .names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| "Evaluator".to_owned()),
        }
    }
}

/// Conflicts as counts, never who or which bidder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflicts {
    /// Member and bid pairs kept apart (declared, or by the officer).
    pub pairs: usize,
    /// Scores those members did not give (or that were left out) on those bids.
    pub excluded_scores: usize,
}

impl Sheet {
    /// "Young commissioner 1..n" for every panel member: those who scored first, then the rest,
    /// each group in an order drawn from this tender's id and theirs. The same within one
    /// tender; across tenders the numbers say nothing about who is who, nor about when anyone
    /// joined.
    pub fn pseudonyms(&self) -> HashMap<Uuid, String> {
        let order = |member: &Uuid| {
            let scored = self.scores.iter().any(|s| s.evaluator_id == *member);
            let digest = Sha256::new()
                .chain_update(self.tender_id.as_bytes())
                .chain_update(member.as_bytes())
                .finalize();
            (!scored, digest)
        };
        let mut members = self.members.clone();
        members.sort_by_cached_key(order);
        members
            .into_iter()
            .enumerate()
            .map(|(k, m)| (m, format!("Young commissioner {}", k + 1)))
            .collect()
    }

    /// How many pairs are kept apart, and how many young people's scores that leaves out: per
    /// pair, each answered question young people score on that bid.
    pub fn conflicts(&self) -> Conflicts {
        let per_bid = |bid_id: Uuid| {
            self.questions
                .iter()
                .filter(|q| q.scored_by.by_young_people())
                .filter(|q| self.answered.contains(&(bid_id, q.id)))
                .count()
        };
        Conflicts {
            pairs: self.excluded.len(),
            excluded_scores: self.excluded.iter().map(|&(_, bid)| per_bid(bid)).sum(),
        }
    }

    /// The submitted scores that count for one bid and question (a kept-apart member's do not).
    fn counted(&self, bid_id: Uuid, question_id: Uuid) -> impl Iterator<Item = &GivenScore> {
        self.scores.iter().filter(move |s| {
            s.bid_id == bid_id
                && s.question_id == question_id
                && s.submitted
                && !self.excluded.contains(&(s.evaluator_id, bid_id))
        })
    }

    fn cell(&self, bid: &SheetBid, question: &Question, who: &Evaluators) -> Cell {
        let given: Vec<&GivenScore> = self.counted(bid.id, question.id).collect();
        let values: Vec<u8> = given.iter().map(|s| s.score).collect();
        let consensus = self.consensus.get(&(bid.id, question.id)).cloned();
        let answered = self.answered.contains(&(bid.id, question.id));
        let median = maths::median(&values);
        let used = match (&consensus, answered) {
            (_, false) => 0.0,
            (Some(c), true) => f64::from(c.score),
            (None, true) => median.unwrap_or(0.0),
        };
        Cell {
            question_id: question.id,
            answered,
            scores: given
                .iter()
                .map(|s| IndividualScore {
                    evaluator: who.label(s.evaluator_id, s.young_person),
                    young_person: s.young_person,
                    score: s.score,
                    reason: s.reason.clone(),
                })
                .collect(),
            spread: maths::spread(&values),
            median,
            disagreement: maths::needs_discussion(&values),
            consensus,
            used,
        }
    }

    fn maths_questions(&self) -> Vec<maths::Question> {
        self.questions
            .iter()
            .map(|q| maths::Question {
                id: q.id,
                weight: f64::from(q.weight),
                young_people: q.scored_by.by_young_people(),
            })
            .collect()
    }
}

/// The evaluation of one tender. `names` gives evaluators' display names; young people are named
/// only when `name_young_people` (the participation officer).
pub fn evaluate(
    sheet: &Sheet,
    names: &HashMap<Uuid, String>,
    name_young_people: bool,
) -> Evaluation {
    let who = Evaluators {
        pseudonyms: sheet.pseudonyms(),
        names,
        name_young_people,
    };
    let cells_by_bid: Vec<Vec<Cell>> = sheet
        .bids
        .iter()
        .map(|bid| {
            sheet
                .questions
                .iter()
                .map(|q| sheet.cell(bid, q, &who))
                .collect()
        })
        .collect();
    let questions = sheet.maths_questions();
    let maths_bids: Vec<maths::Bid> = sheet
        .bids
        .iter()
        .zip(&cells_by_bid)
        .map(|(b, cells)| maths::Bid {
            id: b.id,
            price_pence: b.price_pence,
            agreed: cells.iter().map(|c| (c.question_id, c.used)).collect(),
        })
        .collect();
    let price_weight = f64::from(sheet.price_weight);
    let outcomes = maths::evaluate(&questions, &maths_bids, price_weight);
    let sensitivity = maths::sensitivity(&questions, &maths_bids, price_weight);
    let provisional = cells_by_bid
        .iter()
        .flatten()
        .any(|c| c.answered && c.consensus.is_none());
    let mut bids: Vec<BidResult> = sheet
        .bids
        .iter()
        .zip(cells_by_bid)
        .zip(&outcomes)
        .map(|((b, cells), o)| BidResult {
            bid_id: b.id,
            label: b.label.clone(),
            provider_name: b.provider_name.clone(),
            price_pence: b.price_pence,
            quality: o.quality,
            price: o.price,
            total: o.total,
            rank: o.rank,
            cells,
        })
        .collect();
    bids.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.label.cmp(&b.label)));
    Evaluation {
        tender_id: sheet.tender_id,
        title: sheet.title.clone(),
        status: sheet.status,
        quality_weight: sheet.quality_weight,
        price_weight: sheet.price_weight,
        young_peoples_share: maths::young_peoples_share(&questions),
        provisional,
        questions: sheet.questions.clone(),
        bids,
        sensitivity: sheet.sensitivity_check(&sensitivity),
    }
}

impl Sheet {
    fn sensitivity_check(&self, s: &maths::Sensitivity) -> SensitivityCheck {
        let to_labels = |ids: &[Uuid]| -> Vec<String> {
            ids.iter()
                .filter_map(|id| self.bids.iter().find(|b| b.id == *id))
                .map(|b| b.label.clone())
                .collect()
        };
        SensitivityCheck {
            winners: to_labels(&s.winners),
            halved_winners: to_labels(&s.halved),
            doubled_winners: to_labels(&s.doubled),
            winner_changes: s.winner_changes(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use shared::tender::ScoredBy;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn question(n: u128, weight: u32, scored_by: ScoredBy) -> Question {
        Question {
            id: id(n),
            position: n as u32,
            text: format!("Question {n}"),
            plain_text: format!("Q{n}"),
            weight,
            rubric: Vec::new(),
            scored_by,
        }
    }

    fn score(bid: u128, question: u128, evaluator: u128, young: bool, value: u8) -> GivenScore {
        GivenScore {
            bid_id: id(bid),
            question_id: id(question),
            evaluator_id: id(evaluator),
            young_person: young,
            score: value,
            reason: format!("because {value}"),
            submitted: true,
        }
    }

    /// Two bids at the same price, one young people's question (weight 60), price 40.
    /// Young people 100 and 101 joined in that order; 101 is kept away from bid 11.
    fn sheet() -> Sheet {
        Sheet {
            tender_id: id(1),
            title: "Homes".into(),
            status: TenderStatus::Open,
            quality_weight: 60,
            price_weight: 40,
            questions: vec![question(5, 60, ScoredBy::YoungPeople)],
            bids: [(10, "A"), (11, "B")]
                .map(|(n, label)| SheetBid {
                    id: id(n),
                    label: label.into(),
                    provider_name: format!("Provider {label}"),
                    price_pence: 1000,
                })
                .to_vec(),
            answered: [(id(10), id(5)), (id(11), id(5))].into(),
            members: vec![id(100), id(101)],
            excluded: [(id(101), id(11))].into(),
            scores: vec![
                score(10, 5, 100, true, 4),
                score(10, 5, 101, true, 2),
                score(11, 5, 100, true, 5),
                score(11, 5, 101, true, 0),
            ],
            consensus: HashMap::new(),
        }
    }

    #[test]
    fn medians_stand_in_until_agreed_and_a_kept_apart_score_does_not_count() {
        let result = evaluate(&sheet(), &HashMap::new(), false);
        assert!(result.provisional);
        let b = &result.bids[0];
        assert_eq!((b.label.as_str(), b.rank), ("B", 1));
        assert_eq!(b.cells[0].scores.len(), 1, "101's score on B is left out");
        assert_eq!(b.cells[0].used, 5.0);
        let a = &result.bids[1];
        assert_eq!(a.cells[0].median, Some(3.0));
        assert!(a.cells[0].disagreement);
        assert!((a.total - (3.0 / 5.0 * 60.0 + 40.0)).abs() < 1e-9);
    }

    #[test]
    fn an_agreed_score_replaces_the_median_and_an_unanswered_question_scores_nothing() {
        let mut s = sheet();
        s.consensus.insert(
            (id(10), id(5)),
            Consensus {
                score: 1,
                rationale: "agreed".into(),
                recorded_at: Utc::now(),
            },
        );
        s.answered.remove(&(id(11), id(5)));
        let result = evaluate(&s, &HashMap::new(), false);
        assert!(!result.provisional);
        let a = result.bids.iter().find(|b| b.label == "A").unwrap();
        let b = result.bids.iter().find(|b| b.label == "B").unwrap();
        assert_eq!(a.cells[0].used, 1.0);
        assert_eq!(b.cells[0].used, 0.0);
        assert_eq!(result.sensitivity.winners, vec!["A".to_owned()]);
    }

    #[test]
    fn young_people_are_numbered_unless_the_reader_may_see_their_names() {
        let names: HashMap<Uuid, String> =
            [(id(100), "Jay".to_owned()), (id(101), "Sam".to_owned())].into();
        let evaluators = |named: bool| -> Vec<String> {
            let result = evaluate(&sheet(), &names, named);
            let a = result.bids.iter().find(|b| b.label == "A").unwrap();
            a.cells[0]
                .scores
                .iter()
                .map(|s| s.evaluator.clone())
                .collect()
        };
        let mut pseudonyms = evaluators(false);
        pseudonyms.sort();
        assert_eq!(
            pseudonyms,
            vec!["Young commissioner 1", "Young commissioner 2"]
        );
        assert_eq!(evaluators(true), vec!["Jay", "Sam"]);
    }

    #[test]
    fn pseudonyms_hold_within_a_tender_and_say_nothing_across_tenders() {
        let mut s = sheet();
        s.members = (100..110).map(id).collect();
        s.scores = vec![score(10, 5, 109, true, 3)];
        let first = s.pseudonyms();
        assert_eq!(first, s.pseudonyms(), "stable within the tender");
        assert_eq!(
            first[&id(109)],
            "Young commissioner 1",
            "who scored comes first"
        );
        let mut labels: Vec<&String> = first.values().collect();
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), 10);
        // Another tender with the same members: not the same numbering, nor the order of joining.
        let orders: HashSet<Vec<String>> = (2..12)
            .map(|t| {
                let other = Sheet {
                    tender_id: id(t),
                    ..s.clone()
                };
                let p = other.pseudonyms();
                s.members.iter().map(|m| p[m].clone()).collect()
            })
            .collect();
        assert!(orders.len() > 1, "every tender numbers its members afresh");
        let by_joining: Vec<String> = (1..=10)
            .map(|k| format!("Young commissioner {k}"))
            .collect();
        assert!(orders.iter().any(|o| *o != by_joining));
    }

    #[test]
    fn conflicts_are_counted_not_named() {
        let mut s = sheet();
        assert_eq!(
            s.conflicts(),
            Conflicts {
                pairs: 1,
                excluded_scores: 1
            }
        );
        s.answered.remove(&(id(11), id(5)));
        s.excluded.insert((id(100), id(10)));
        assert_eq!(
            s.conflicts(),
            Conflicts {
                pairs: 2,
                excluded_scores: 1
            }
        );
    }
}
