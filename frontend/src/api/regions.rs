//! Regions: the council's own scores beside the region's pooled ones, and the admin's joining,
//! creating and leaving; and assisted answers told apart, also for closed financial years.

use super::{act, get, read, send, send_json, Failure};
use crate::state::session::SessionState;
use serde::de::DeserializeOwned;
use shared::api::{AssistedReport, NewRegion, RegionReport, Regions};
use shared::routes::{self, Json, Route};
use uuid::Uuid;

/// A view of the last closed financial year ending by `quarter` ("2026-Q1").
async fn for_year<T: DeserializeOwned>(
    state: SessionState,
    route: &Route<(), Json<T>>,
    quarter: String,
) -> Result<T, Failure> {
    let path = format!("{}?quarter={quarter}", route.path);
    read(send(state, route.method, &path, &[], None).await?).await
}

/// The regional view for the financial year ending with `quarter`.
pub async fn region_scores(state: SessionState, quarter: String) -> Result<RegionReport, Failure> {
    for_year(state, &routes::GET_REGION_SCORES, quarter).await
}

/// Assisted answers told apart, for the financial year ending with `quarter`.
pub async fn assisted_scores(
    state: SessionState,
    quarter: String,
) -> Result<AssistedReport, Failure> {
    for_year(state, &routes::GET_ASSISTED_SCORES, quarter).await
}

pub async fn regions(state: SessionState) -> Result<Regions, Failure> {
    get(state, &routes::LIST_REGIONS, &[]).await
}

pub async fn create_region(state: SessionState, name: String) -> Result<Regions, Failure> {
    send_json(state, &routes::CREATE_REGION, &[], &NewRegion { name }).await
}

pub async fn join_region(state: SessionState, id: Uuid) -> Result<Regions, Failure> {
    act(state, &routes::JOIN_REGION, &[id]).await
}

pub async fn leave_region(state: SessionState) -> Result<Regions, Failure> {
    act(state, &routes::LEAVE_REGION, &[]).await
}
