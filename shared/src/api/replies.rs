//! A provider's right of reply: to a theme young people raised about one of its services (an
//! outcome, in a quarter) or to a council's "we did". Commissioners read it at once; the young
//! people who spoke get it once a participation officer approves it.

use super::ModerationStatus;
use crate::Dimension;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// What a provider writes: about one of its services, answering a "we did" (`response_id`) or a
/// theme (an outcome and a quarter, either or both, or the service as a whole).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewProviderReply {
    pub service_id: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<Dimension>,
    /// e.g. `2026-Q2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quarter: Option<String>,
    pub body: String,
}

/// A provider's reply as staff and the provider see it. Never who it reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProviderReply {
    pub id: Uuid,
    pub service_id: Uuid,
    pub service_name: String,
    pub provider_name: String,
    /// The "we did" it answers, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<Dimension>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quarter: Option<String>,
    pub body: String,
    /// `pending` until a participation officer decides; only `approved` reaches young people.
    pub status: ModerationStatus,
    pub created_at: DateTime<Utc>,
}

/// A participation officer's approval: how many young people the reply now reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReplyApproved {
    pub reaches_young_people: u64,
}
