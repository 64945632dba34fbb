//! Young commissioner tender panels: the bodies of `/api/v1/tenders` (staff) and
//! `/api/v1/panels` (young people), and the checks both sides run on them.
//!
//! What a young person receives is typed separately from what staff receive, so a bidder's name
//! or price cannot reach a young person by a field someone forgot to blank.

use crate::api::ServiceType;
use crate::validate::Invalid;
use crate::Reason;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Who scores a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScoredBy {
    YoungPeople,
    Professionals,
    Both,
}

impl ScoredBy {
    pub const ALL: [ScoredBy; 3] = [
        ScoredBy::YoungPeople,
        ScoredBy::Professionals,
        ScoredBy::Both,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ScoredBy::YoungPeople => "young_people",
            ScoredBy::Professionals => "professionals",
            ScoredBy::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Option<ScoredBy> {
        ScoredBy::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn by_young_people(self) -> bool {
        matches!(self, ScoredBy::YoungPeople | ScoredBy::Both)
    }

    pub fn by_professionals(self) -> bool {
        matches!(self, ScoredBy::Professionals | ScoredBy::Both)
    }
}

/// draft (commissioner sets it up and adds bids) → open (panel recruits, trains and scores) →
/// closed (decided).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TenderStatus {
    Draft,
    Open,
    Closed,
}

impl TenderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TenderStatus::Draft => "draft",
            TenderStatus::Open => "open",
            TenderStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<TenderStatus> {
        [
            TenderStatus::Draft,
            TenderStatus::Open,
            TenderStatus::Closed,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }
}

/// Scores run 0 (no answer) to 5 (excellent); a rubric says what each one means.
pub const RUBRIC_LEN: usize = 6;
pub const MAX_SCORE: u8 = 5;

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

fn short_text(field: &'static str, raw: &str, max: usize, what: &str) -> Result<String, Invalid> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(Invalid::new(
            field,
            Reason::Required,
            format!("Please write {what}."),
        ));
    }
    if text.chars().count() > max {
        return Err(Invalid::new(
            field,
            Reason::TextTooLong,
            format!("Please keep {what} under {max} characters."),
        ));
    }
    if text.chars().any(|c| {
        (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }) {
        return Err(Invalid::new(
            field,
            Reason::TextCharacters,
            format!("{what} has characters Chorus cannot keep. Please type it again."),
        ));
    }
    Ok(text.to_owned())
}

impl NewTender {
    pub const MAX_QUESTIONS: usize = 20;
    /// The largest body a valid tender makes as JSON (every text at its longest, in 4-byte
    /// characters, tested below); the server takes tenders up to this size.
    pub const MAX_BODY_BYTES: usize = 512 * 1024;

    /// Checks the whole tender and returns it trimmed.
    pub fn validated(&self) -> Result<NewTender, Invalid> {
        let title = short_text("title", &self.title, 120, "a title")?;
        let summary = short_text("summary", &self.summary, 1000, "a summary for young people")?;
        if self.quality_weight + self.price_weight != 100 || self.quality_weight == 0 {
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
        let mut questions = Vec::with_capacity(self.questions.len());
        for q in &self.questions {
            if q.weight == 0 {
                return Err(Invalid::new(
                    "weight",
                    Reason::WeightZero,
                    "Every question needs a weight above 0.",
                ));
            }
            if q.rubric.len() != RUBRIC_LEN {
                return Err(Invalid::new(
                    "rubric",
                    Reason::RubricLength,
                    "A rubric says what each score from 0 to 5 means: six descriptions.",
                ));
            }
            let rubric = q
                .rubric
                .iter()
                .map(|d| short_text("rubric", d, 300, "what each score means"))
                .collect::<Result<Vec<_>, _>>()?;
            questions.push(NewQuestion {
                text: short_text("text", &q.text, 2000, "the question")?,
                plain_text: short_text(
                    "plain_text",
                    &q.plain_text,
                    500,
                    "the question in plain words",
                )?,
                weight: q.weight,
                rubric,
                scored_by: q.scored_by,
            });
        }
        if questions.iter().map(|q| q.weight).sum::<u32>() != self.quality_weight {
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

/// One evaluator's score on one bid and question: a draft until submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ScoreDraft {
    pub score: u8,
    pub reason: String,
}

impl ScoreDraft {
    pub fn validated(&self) -> Result<ScoreDraft, Invalid> {
        if self.score > MAX_SCORE {
            return Err(Invalid::new(
                "score",
                Reason::ScoreRange,
                "Scores go from 0 to 5.",
            ));
        }
        Ok(ScoreDraft {
            score: self.score,
            reason: short_text("reason", &self.reason, 1000, "a reason for your score")?,
        })
    }
}

/// The moderation meeting's agreed score for one bid and question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewConsensus {
    pub bid_id: Uuid,
    pub question_id: Uuid,
    pub score: u8,
    pub rationale: String,
}

impl NewConsensus {
    pub fn validated(&self) -> Result<NewConsensus, Invalid> {
        if self.score > MAX_SCORE {
            return Err(Invalid::new(
                "score",
                Reason::ScoreRange,
                "Scores go from 0 to 5.",
            ));
        }
        Ok(NewConsensus {
            rationale: short_text(
                "rationale",
                &self.rationale,
                2000,
                "why the panel agreed this score",
            )?,
            ..self.clone()
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

/// One's own score (young person or professional).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MyScore {
    pub bid_id: Uuid,
    pub question_id: Uuid,
    pub score: u8,
    pub reason: String,
    pub submitted: bool,
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

/// One individual score in the evaluation. Staff see who gave it; the officer sees names, a
/// commissioner sees "Young commissioner 1, 2..." (children are not named to commissioners).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct IndividualScore {
    pub evaluator: String,
    pub young_person: bool,
    pub score: u8,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Consensus {
    pub score: u8,
    pub rationale: String,
    pub recorded_at: DateTime<Utc>,
}

/// One bid × question in the evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Cell {
    pub question_id: Uuid,
    pub answered: bool,
    pub scores: Vec<IndividualScore>,
    pub spread: Option<u8>,
    /// Until the meeting agrees a score, the median is shown as provisional.
    pub median: Option<f64>,
    /// Scores 2 or more apart: talk it through.
    pub disagreement: bool,
    pub consensus: Option<Consensus>,
    /// What the maths uses: the consensus, else the median, else 0.
    pub used: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BidResult {
    pub bid_id: Uuid,
    pub label: String,
    pub provider_name: String,
    pub price_pence: i64,
    pub quality: f64,
    pub price: f64,
    pub total: f64,
    pub rank: u32,
    pub cells: Vec<Cell>,
}

/// Whether the winner holds if the young people's weighting were halved or doubled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SensitivityCheck {
    pub winners: Vec<String>,
    pub halved_winners: Vec<String>,
    pub doubled_winners: Vec<String>,
    pub winner_changes: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Evaluation {
    pub tender_id: Uuid,
    pub title: String,
    pub status: TenderStatus,
    pub quality_weight: u32,
    pub price_weight: u32,
    /// Percent of the quality points on questions young people score.
    pub young_peoples_share: f64,
    /// True until every bid and question has a consensus.
    pub provisional: bool,
    pub questions: Vec<Question>,
    pub bids: Vec<BidResult>,
    pub sensitivity: SensitivityCheck,
}

// ----- What young people receive -----

/// Where a young person is with a panel: the next thing to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PanelStep {
    /// Not joined yet: they can say they are interested.
    Join,
    /// Waiting for the participation officer.
    WaitingForApproval,
    /// The officer said not this time.
    NotThisTime,
    Training,
    Conflicts,
    /// Waiting for the scoring window to open.
    WaitingToScore,
    Scoring,
    Submitted,
    /// The panel has closed: see the outcome.
    Outcome,
}

/// A tender panel in plain words. No bidder, no price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Panel {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    pub service_type: ServiceType,
    pub hours: u32,
    pub scoring_opens_at: DateTime<Utc>,
    pub scoring_closes_at: DateTime<Utc>,
    pub step: PanelStep,
}

/// A name to declare a conflict against; bidders are listed in alphabetical order, never with
/// their bid's letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Bidder {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ConflictList {
    pub bidders: Vec<Bidder>,
    pub declared: bool,
}

/// The bidders a young person has lived at or knows staff at (empty: none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ConflictDeclaration {
    pub conflicted: Vec<Uuid>,
}

/// A question as a young person scores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PanelQuestion {
    pub id: Uuid,
    pub plain_text: String,
    pub rubric: Vec<String>,
    /// The bid's answer, easy read; none if the bidder did not answer.
    pub easy_read: Option<String>,
}

/// An anonymised bid: "Bid A", its easy-read answers and the young person's own scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PanelBid {
    pub id: Uuid,
    pub label: String,
    pub questions: Vec<PanelQuestion>,
    pub my_scores: Vec<MyScore>,
}

/// The training quiz: the words live in the web app's translations; the server checks answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TrainingStatus {
    pub passed: bool,
    pub attempts: u32,
    /// How many options each quiz question has.
    pub quiz: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct QuizAnswers {
    pub answers: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct QuizResult {
    pub passed: bool,
    pub correct: u32,
    pub total: u32,
    /// Which questions (0-based) to look at again.
    pub wrong: Vec<u32>,
}

/// After the panel: what was decided and what the young people's scores did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PanelOutcome {
    pub title: String,
    /// Bid letters in rank order, the winner(s) first.
    pub ranking: Vec<RankedBid>,
    pub young_peoples_share: f64,
    /// Would the winner have been different if young people's scores counted half as much?
    pub winner_changes_if_halved: bool,
    pub winner_changes_if_doubled: bool,
    /// Your scores beside the agreed ones.
    pub mine: Vec<MyScoreOutcome>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RankedBid {
    pub label: String,
    pub rank: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MyScoreOutcome {
    pub bid_label: String,
    pub question: String,
    pub mine: u8,
    pub agreed: f64,
}

/// A young commissioner's participation record, for a CV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ParticipationRecord {
    pub display_name: String,
    pub organisation_name: String,
    pub training_passed_at: Option<DateTime<Utc>>,
    pub panels: Vec<PanelServed>,
    pub total_hours: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PanelServed {
    pub title: String,
    pub scored_at: DateTime<Utc>,
    pub hours: u32,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

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
    fn scores_need_a_reason_and_stay_in_range() {
        assert_eq!(
            ScoreDraft {
                score: 6,
                reason: "x".into()
            }
            .validated()
            .unwrap_err()
            .field,
            "score"
        );
        assert_eq!(
            ScoreDraft {
                score: 3,
                reason: "  ".into()
            }
            .validated()
            .unwrap_err()
            .field,
            "reason"
        );
        assert!(ScoreDraft {
            score: 0,
            reason: "They did not say".into()
        }
        .validated()
        .is_ok());
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
