//! What young commissioners receive: panels in plain words, anonymised bids, training, the
//! outcome and their record. No bidder next to a bid, no price.

use super::MyScore;
use crate::api::ServiceType;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

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
