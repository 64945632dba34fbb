//! What staff send and read: setting a tender up, its bids, and the panel's members. Bidders'
//! names and prices live only here and in the evaluation, never in what young people receive.

use super::{short_text, MyScore, ScoredBy, TenderStatus, RUBRIC_LEN};
use crate::api::ServiceType;
use crate::validate::Invalid;
use crate::Reason;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewQuestion {
    pub text: String,
    /// The same question in plain words, for young people.
    pub plain_text: String,
    /// Quality points; the weights add up to the quality share.
    pub weight: u32,
    /// What 0, 1, 2, 3, 4 and 5 mean for this question.
    pub rubric: Vec<String>,
    pub scored_by: ScoredBy,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewTender {
    pub title: String,
    /// What the service is and why young people's views matter, in plain words.
    pub summary: String,
    pub service_type: ServiceType,
    /// Percent of the total for quality; `price_weight` is the rest (they add up to 100).
    pub quality_weight: u32,
    pub price_weight: u32,
    /// About how many hours a young commissioner gives to this panel (for their record).
    pub hours: u32,
    pub scoring_opens_at: DateTime<Utc>,
    pub scoring_closes_at: DateTime<Utc>,
    pub questions: Vec<NewQuestion>,
}

impl NewTender {
    pub const MAX_QUESTIONS: usize = 20;
    /// The largest body a valid tender makes as JSON (every text at its longest, in 4-byte
    /// characters, tested below); the server takes tenders up to this size.
    pub const MAX_BODY_BYTES: usize = 512 * 1024;

    /// Checks the whole tender and returns it trimmed. Sums are checked: weights that would
    /// overflow are refused, never wrapped round to a total that looks right.
    pub fn validated(&self) -> Result<NewTender, Invalid> {
        let title = short_text("title", &self.title, 120, "a title")?;
        let summary = short_text("summary", &self.summary, 1000, "a summary for young people")?;
        self.check_shape()?;
        let questions = self
            .questions
            .iter()
            .map(NewQuestion::validated)
            .collect::<Result<Vec<_>, _>>()?;
        let total = questions
            .iter()
            .try_fold(0u32, |total, q| total.checked_add(q.weight));
        if total != Some(self.quality_weight) {
            return Err(Invalid::new(
                "questions",
                Reason::WeightsTotal,
                format!(
                    "The questions' weights must add up to the quality share ({}).",
                    self.quality_weight
                ),
            ));
        }
        Ok(NewTender {
            title,
            summary,
            questions,
            ..self.clone()
        })
    }

    /// The split, hours, window and questions, before each question is read.
    fn check_shape(&self) -> Result<(), Invalid> {
        if self.quality_weight.checked_add(self.price_weight) != Some(100)
            || self.quality_weight == 0
        {
            return Err(Invalid::new(
                "quality_weight",
                Reason::WeightsTotal,
                "Quality and price must add up to 100, with some weight on quality.",
            ));
        }
        if !(1..=200).contains(&self.hours) {
            return Err(Invalid::new(
                "hours",
                Reason::HoursRange,
                "Hours must be between 1 and 200.",
            ));
        }
        if self.scoring_closes_at <= self.scoring_opens_at {
            return Err(Invalid::new(
                "scoring_closes_at",
                Reason::WindowOrder,
                "The scoring window must close after it opens.",
            ));
        }
        if self.questions.is_empty() || self.questions.len() > Self::MAX_QUESTIONS {
            return Err(Invalid::new(
                "questions",
                Reason::QuestionCount,
                format!(
                    "A tender needs between 1 and {} questions.",
                    Self::MAX_QUESTIONS
                ),
            ));
        }
        if !self.questions.iter().any(|q| q.scored_by.by_young_people()) {
            return Err(Invalid::new(
                "questions",
                Reason::NoYoungPeoplesQuestion,
                "At least one question must be scored by young people.",
            ));
        }
        Ok(())
    }
}

impl NewQuestion {
    /// One question, trimmed: a weight above 0 and six rubric descriptions.
    pub fn validated(&self) -> Result<NewQuestion, Invalid> {
        if self.weight == 0 {
            return Err(Invalid::new(
                "weight",
                Reason::WeightZero,
                "Every question needs a weight above 0.",
            ));
        }
        if self.rubric.len() != RUBRIC_LEN {
            return Err(Invalid::new(
                "rubric",
                Reason::RubricLength,
                "A rubric says what each score from 0 to 5 means: six descriptions.",
            ));
        }
        let rubric = self
            .rubric
            .iter()
            .map(|d| short_text("rubric", d, 300, "what each score means"))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(NewQuestion {
            text: short_text("text", &self.text, 2000, "the question")?,
            plain_text: short_text(
                "plain_text",
                &self.plain_text,
                500,
                "the question in plain words",
            )?,
            weight: self.weight,
            rubric,
            scored_by: self.scored_by,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewBidAnswer {
    pub question_id: Uuid,
    pub answer: String,
    /// Required for questions young people score: what they will read.
    #[serde(default)]
    pub easy_read: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewBid {
    /// A provider from the directory.
    pub provider_id: Uuid,
    /// In pence, above 0.
    pub price_pence: i64,
    /// One per question answered; a question left out scores 0.
    pub answers: Vec<NewBidAnswer>,
}

impl NewBid {
    /// The largest body a valid bid makes as JSON (an answer, at its longest, to each of the
    /// most questions a tender has, in 4-byte characters; tested below); the server takes bids up
    /// to this size.
    pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
}

impl NewBidAnswer {
    pub fn validated(&self, young_people_score_it: bool) -> Result<NewBidAnswer, Invalid> {
        let answer = short_text("answer", &self.answer, 20_000, "the bid's answer")?;
        let easy_read = match self
            .easy_read
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(text) => Some(short_text(
                "easy_read",
                text,
                2000,
                "the easy-read summary",
            )?),
            None if young_people_score_it => return Err(Invalid::new(
                "easy_read",
                Reason::EasyReadMissing,
                "Young people score this question: please add an easy-read summary of the answer.",
            )),
            None => None,
        };
        Ok(NewBidAnswer {
            question_id: self.question_id,
            answer,
            easy_read,
        })
    }
}

/// An officer keeps a member away from one bid (a conflict they learnt of).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewExclusion {
    pub user_id: Uuid,
    pub bid_id: Uuid,
    pub note: String,
}

impl NewExclusion {
    pub fn validated(&self) -> Result<NewExclusion, Invalid> {
        Ok(NewExclusion {
            note: short_text("note", &self.note, 1000, "why this member is excluded")?,
            ..self.clone()
        })
    }
}

/// A provider in the directory, to pick as a bidder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProviderSummary {
    pub id: Uuid,
    pub name: String,
}

/// A question as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Question {
    pub id: Uuid,
    pub position: u32,
    pub text: String,
    pub plain_text: String,
    pub weight: u32,
    pub rubric: Vec<String>,
    pub scored_by: ScoredBy,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BidAnswer {
    pub question_id: Uuid,
    pub answer: String,
    pub easy_read: Option<String>,
}

/// A bid as staff see it: bidder and price included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StaffBid {
    pub id: Uuid,
    /// "A", "B"... given at random when the panel opens; none while the tender is a draft.
    pub label: Option<String>,
    pub provider_id: Uuid,
    pub provider_name: String,
    pub price_pence: i64,
    pub answers: Vec<BidAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TenderSummary {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    pub service_type: ServiceType,
    pub status: TenderStatus,
    pub scoring_opens_at: DateTime<Utc>,
    pub scoring_closes_at: DateTime<Utc>,
    pub bids: u32,
    pub members: u32,
}

/// A tender as staff see it, with the signed-in commissioner's own scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TenderDetail {
    pub tender: TenderSummary,
    pub quality_weight: u32,
    pub price_weight: u32,
    pub hours: u32,
    pub questions: Vec<Question>,
    pub bids: Vec<StaffBid>,
    /// The scoring window has closed (or the panel is closed).
    pub window_closed: bool,
    pub my_scores: Vec<MyScore>,
    pub evaluators_submitted: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum MemberStatus {
    Interested,
    Approved,
    Declined,
}

impl MemberStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Interested => "interested",
            MemberStatus::Approved => "approved",
            MemberStatus::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<MemberStatus> {
        [
            MemberStatus::Interested,
            MemberStatus::Approved,
            MemberStatus::Declined,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Exclusion {
    pub bid_id: Uuid,
    pub bid_label: Option<String>,
    pub provider_name: String,
    /// "declared" by the young person, or "officer".
    pub by: String,
    pub note: Option<String>,
}

/// A panel member as the participation officer sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Member {
    pub user_id: Uuid,
    pub display_name: String,
    pub status: MemberStatus,
    pub training_passed: bool,
    pub conflicts_declared: bool,
    pub exclusions: Vec<Exclusion>,
    pub submitted: bool,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn question(weight: u32, scored_by: ScoredBy) -> NewQuestion {
        NewQuestion {
            text: "How will you help young people feel at home?".into(),
            plain_text: "Will it feel like home?".into(),
            weight,
            rubric: (0..6).map(|i| format!("Score {i}")).collect(),
            scored_by,
        }
    }

    fn tender() -> NewTender {
        let opens = Utc::now();
        NewTender {
            title: "  Supported accommodation 2027  ".into(),
            summary: "Somewhere to live for 16 and 17 year olds.".into(),
            service_type: ServiceType::SupportedAccommodation,
            quality_weight: 60,
            price_weight: 40,
            hours: 6,
            scoring_opens_at: opens,
            scoring_closes_at: opens + chrono::Duration::days(14),
            questions: vec![
                question(30, ScoredBy::YoungPeople),
                question(30, ScoredBy::Professionals),
            ],
        }
    }

    /// `n` characters of four bytes each.
    fn longest(n: usize) -> String {
        "😀".repeat(n)
    }

    #[test]
    fn the_largest_valid_tender_and_bid_fit_the_bodies_the_server_takes() {
        let mut t = tender();
        t.title = longest(120);
        t.summary = longest(1000);
        t.quality_weight = 60;
        t.questions = (0..NewTender::MAX_QUESTIONS)
            .map(|i| NewQuestion {
                text: longest(2000),
                plain_text: longest(500),
                weight: 3,
                rubric: (0..6).map(|_| longest(300)).collect(),
                scored_by: if i == 0 {
                    ScoredBy::YoungPeople
                } else {
                    ScoredBy::Both
                },
            })
            .collect();
        assert!(t.validated().is_ok(), "{:?}", t.validated().err());
        let bytes = serde_json::to_vec(&t).unwrap().len();
        assert!(bytes <= NewTender::MAX_BODY_BYTES, "{bytes} bytes");

        let answer = NewBidAnswer {
            question_id: uuid::Uuid::nil(),
            answer: longest(20_000),
            easy_read: Some(longest(2000)),
        };
        assert!(answer.validated(true).is_ok());
        let bid = NewBid {
            provider_id: uuid::Uuid::nil(),
            price_pence: i64::MAX,
            answers: vec![answer; NewTender::MAX_QUESTIONS],
        };
        let bytes = serde_json::to_vec(&bid).unwrap().len();
        assert!(bytes <= NewBid::MAX_BODY_BYTES, "{bytes} bytes");
    }

    #[test]
    fn a_sound_tender_passes_trimmed() {
        assert_eq!(
            tender().validated().unwrap().title,
            "Supported accommodation 2027"
        );
    }

    #[test]
    fn weights_windows_and_rubrics_are_checked() {
        let mut t = tender();
        t.price_weight = 50;
        assert_eq!(t.validated().unwrap_err().reason, "weights_total");
        let mut t = tender();
        t.questions[0].weight = 10;
        assert_eq!(t.validated().unwrap_err().reason, "weights_total");
        let mut t = tender();
        t.scoring_closes_at = t.scoring_opens_at;
        assert_eq!(t.validated().unwrap_err().reason, "window_order");
        let mut t = tender();
        t.questions[1].rubric.pop();
        assert_eq!(t.validated().unwrap_err().reason, "rubric_length");
        let mut t = tender();
        t.questions[0].scored_by = ScoredBy::Professionals;
        assert_eq!(
            t.validated().unwrap_err().reason,
            "no_young_peoples_question"
        );
    }

    #[test]
    fn weights_that_would_overflow_are_refused_not_wrapped() {
        let mut t = tender();
        t.questions[0].weight = u32::MAX;
        t.questions[1].weight = 61;
        let refused = t.validated().unwrap_err();
        assert_eq!(refused.reason, "weights_total");
        assert!(refused.message.contains("add up to the quality share"));
        let mut t = tender();
        t.quality_weight = u32::MAX;
        t.price_weight = 101;
        assert_eq!(t.validated().unwrap_err().reason, "weights_total");
    }

    fn extreme() -> impl Strategy<Value = u32> {
        prop_oneof![
            Just(0),
            Just(1),
            Just(u32::MAX),
            Just(u32::MAX - 1),
            Just(1 << 31),
            0u32..=101,
            any::<u32>(),
        ]
    }

    proptest! {
        /// Whatever numbers arrive, validation answers in words and only passes true sums.
        #[test]
        fn extreme_weights_pass_only_when_they_truly_add_up(
            quality in extreme(),
            price in extreme(),
            weights in proptest::collection::vec(extreme(), 1..4),
        ) {
            let mut t = tender();
            t.quality_weight = quality;
            t.price_weight = price;
            t.questions = weights.iter().map(|&w| question(w, ScoredBy::Both)).collect();
            match t.validated() {
                Ok(valid) => {
                    prop_assert_eq!(u64::from(valid.quality_weight) + u64::from(valid.price_weight), 100);
                    let sum: u64 = valid.questions.iter().map(|q| u64::from(q.weight)).sum();
                    prop_assert_eq!(sum, u64::from(valid.quality_weight));
                }
                Err(refused) => prop_assert!(!refused.message.is_empty()),
            }
        }
    }

    #[test]
    fn young_peoples_answers_need_an_easy_read_summary() {
        let answer = NewBidAnswer {
            question_id: Uuid::nil(),
            answer: "We will...".into(),
            easy_read: None,
        };
        assert_eq!(
            answer.validated(true).unwrap_err().reason,
            "easy_read_missing"
        );
        assert!(answer.validated(false).is_ok());
    }
}
