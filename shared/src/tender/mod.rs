//! Young commissioner tender panels: the bodies of `/api/v1/tenders` (staff) and
//! `/api/v1/panels` (young people), and the checks both sides run on them, by audience:
//! [`staff`] sets tenders up and runs the panel, [`evaluation`] is the moderation meeting's sheet
//! (staff only), [`young_commissioner`] is all a young person receives. Scoring, shared by both,
//! is here.
//!
//! What a young person receives is typed separately from what staff receive, so a bidder's name
//! or price cannot reach a young person by a field someone forgot to blank.

mod evaluation;
mod staff;
mod young_commissioner;

pub use evaluation::*;
pub use staff::*;
pub use young_commissioner::*;

use crate::validate::Invalid;
use crate::Reason;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Who scores a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
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
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

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
}
