//! What commissioners read: scores per service and window (after disclosure control), a
//! service's trend and quotes, and the participation KPIs.

use super::{ServiceType, WeDid};
use crate::Dimension;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// One outcome's score for a service in a window. Below the cohort, nothing but the state leaves
/// the server: no value, no interval, not even `n`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DimensionScore {
    pub dimension: Dimension,
    /// `shown`, or `suppressed` ("not enough voices yet").
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<i64>,
    /// Shrunk mean on the 1–5 scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// Share answering 4 or 5 (0–1), with its 90% Wilson interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positive: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positive_low: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positive_high: Option<f64>,
    /// Mean of services of the same type (the comparator), when shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<f64>,
    /// The same outcome in the period before (the quarter before a quarter, the 12 months before
    /// 12 months), when it is shown there too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Before>,
}

/// A shown score's value in the period before, and what changed. `change` is `up` or `down` only
/// when the two 90% intervals do not overlap; otherwise `unclear` ("no clear change"), so a
/// difference that chance explains is never reported as a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Before {
    pub n: i64,
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub change: String,
}

/// A service's scores in a window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ServiceScores {
    pub service_id: Uuid,
    pub service_name: String,
    pub provider_name: String,
    pub service_type: ServiceType,
    /// Mean of the shown outcomes' scores; absent when none is shown.
    pub overall: Option<f64>,
    /// `up`, `down` or `flat` (by more than 0.1) against the period before: the quarter before a
    /// quarter, the 12 months before 12 months. Absent when either is not shown.
    pub trend: Option<String>,
    /// `below_comparator` and/or `falling` (empty when fine).
    pub needs_attention: Vec<String>,
    pub dimensions: Vec<DimensionScore>,
}

/// The commissioner's table of scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ScoresReport {
    /// `year` (the four quarters ending with `window_end`) or `quarter`.
    pub window: String,
    pub window_end: String,
    pub min_cohort: i64,
    pub prior_weight: i64,
    pub services: Vec<ServiceScores>,
}

/// One quarter of a service's trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct QuarterScores {
    pub quarter: String,
    pub overall: Option<f64>,
    pub dimensions: Vec<DimensionScore>,
}

/// An approved, redacted quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Quote {
    pub text: String,
    pub quarter: String,
}

/// Everything the dashboard shows about one service. Never who wrote what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ServiceDetail {
    pub service_id: Uuid,
    pub service_name: String,
    pub provider_name: String,
    pub service_type: ServiceType,
    /// Oldest first.
    pub trend: Vec<QuarterScores>,
    pub quotes: Vec<Quote>,
    pub responses: Vec<WeDid>,
    /// Open safeguarding alerts about this service (a count, never the content): for
    /// participation officers only, never on a commissioner's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_safeguarding_alerts: Option<u64>,
    /// The provider's replies about this service, newest first, with where each stands.
    #[serde(default)]
    pub replies: Vec<super::ProviderReply>,
}

/// Participation KPIs for a quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Kpis {
    pub quarter: String,
    pub feedback_received: u64,
    /// Median hours from arrival to an officer's decision, for feedback moderated so far.
    pub median_hours_to_moderate: Option<f64>,
    /// Share (0–1) of the quarter's feedback that a "we did" response reaches.
    pub share_with_we_did: Option<f64>,
    pub young_people_active: u64,
    /// Tender panels open at some point in the quarter.
    #[serde(default)]
    pub panels_run: u64,
    /// Young people on those panels (approved members).
    #[serde(default)]
    pub young_commissioners_active: u64,
}

/// The quarterly report for the Corporate Parenting Panel: the 12 months' scores to the end of the
/// quarter (each against the 12 months before), what needs attention, the quarter's quotes and
/// "you said, we did", and its participation figures. Under the dashboard's disclosure rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct QuarterlyReport {
    pub organisation: String,
    pub quarter: String,
    pub scores: ScoresReport,
    pub quotes: Vec<ReportQuote>,
    pub responses: Vec<ReportWeDid>,
    pub participation: Kpis,
}

/// An approved, redacted quote from the quarter, from a service with a cohort of voices in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReportQuote {
    pub service_name: String,
    pub provider_name: String,
    pub text: String,
}

/// A "we did" written in the quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReportWeDid {
    pub service_name: String,
    pub provider_name: String,
    pub body: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// One closed financial year's scores told apart by how they were given: with an adult beside
/// the child (an assisted session) or not (`docs/assisted.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AssistedReport {
    /// The year's last quarter, January to March: `2026-Q1` is April 2025 to March 2026.
    pub window_end: String,
    pub min_cohort: i64,
    pub prior_weight: i64,
    /// Every service with a voice that year.
    pub services: Vec<AssistedScores>,
}

/// A service's outcomes, each told apart or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AssistedScores {
    pub service_id: Uuid,
    pub service_name: String,
    pub provider_name: String,
    pub dimensions: Vec<AssistedSplit>,
}

/// One outcome's year told apart. `shown` only where the dashboard shows the year's score and
/// each part holds a cohort of young people; otherwise `suppressed`, with no numbers at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AssistedSplit {
    pub dimension: Dimension,
    pub state: String,
    /// Answers given with an adult beside the child.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assisted: Option<PartScore>,
    /// The other answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unassisted: Option<PartScore>,
    /// What both are shrunk towards, as the year's score is: the mean of services of its type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<f64>,
}

/// One part's score (shrunk mean on the 1–5 scale, with its 90% interval) and its young people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PartScore {
    pub n: i64,
    pub value: f64,
    pub low: f64,
    pub high: f64,
}
