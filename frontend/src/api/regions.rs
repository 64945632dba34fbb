//! Regions: the council's own scores beside the region's pooled ones, and the admin's joining,
//! creating and leaving.

use super::{act, get, read, send, send_json, Failure};
use crate::state::session::SessionState;
use shared::api::{NewRegion, RegionReport, Regions};
use shared::routes;
use uuid::Uuid;

/// The regional view for the 12 months ending with `quarter` ("2026-Q2").
pub async fn region_scores(state: SessionState, quarter: String) -> Result<RegionReport, Failure> {
    let route = routes::GET_REGION_SCORES;
    let path = format!("{}?quarter={quarter}", route.path);
    read(send(state, route.method, &path, &[], None).await?).await
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
