//! The moderation meeting's sheet (staff only): every score side by side, agreed scores, totals,
//! ranking and the sensitivity check.

use super::{short_text, Question, TenderStatus, MAX_SCORE};
use crate::validate::Invalid;
use crate::Reason;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

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
