//! Regions: councils that pool their young people's scores about the providers they share. A
//! council's commissioners read, for each provider and service type they commission, their own
//! score for a closed financial year beside the region's pooled one; a pooled score is shown
//! only where the other councils' part holds a cohort, and a cohort without any one council
//! (docs/regions.md).

use super::{DimensionScore, ServiceType};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A region, as a council's admin sees it when choosing one to join.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Region {
    pub id: Uuid,
    pub name: String,
    /// How many councils are in it.
    pub councils: usize,
    /// Whether the admin's own council is one of them.
    pub member: bool,
}

/// The regions, and the one the council is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Regions {
    pub regions: Vec<Region>,
    /// When the council joined its region.
    pub joined_at: Option<DateTime<Utc>>,
}

/// A new region, which the admin's council joins at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewRegion {
    pub name: String,
}

/// One provider and service type: the council's own scores and the region's pooled ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RegionGroup {
    pub provider_id: Uuid,
    pub provider_name: String,
    /// Ofsted URN or other registered number, where the directory has one.
    pub provider_urn: Option<String>,
    pub service_type: ServiceType,
    /// How many of the council's own services this is.
    pub own_services: usize,
    /// The council's own services pooled, per outcome: shown only where each of them is shown
    /// on the council's dashboard (so it adds nothing to what the dashboard shows).
    pub own: Vec<DimensionScore>,
    /// Every member council's services pooled, per outcome.
    pub pooled: Vec<DimensionScore>,
}

/// The regional view for one financial year (April to March) that has ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RegionReport {
    /// The council's region; `None` when it is in none (and `groups` is empty).
    pub region: Option<Region>,
    /// The financial year's last quarter (`2026-Q1`: April 2025 to March 2026).
    pub window_end: String,
    /// The region's cohort: the largest of its councils'.
    pub min_cohort: i64,
    pub prior_weight: i64,
    pub groups: Vec<RegionGroup>,
}
