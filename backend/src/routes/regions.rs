//! Regions: the council's admin joins, creates or leaves one; staff read the regional view.

use super::dashboard::{parse_quarter, ClosedYearQuery};
use super::refusals::{Conflict, NotFound, SignedIn, Unprocessable};
use crate::auth::{Admin, RequireRole, Staff};
use crate::flows;
use crate::flows::FlowError;
use actix_web::{web, HttpRequest, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::{NewRegion, Regions};
use shared::routes;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::GET_REGION_SCORES, get_region_scores);
    super::at(cfg, routes::LIST_REGIONS, list_regions);
    super::at(cfg, routes::CREATE_REGION, create_region);
    super::at(cfg, routes::JOIN_REGION, join_region);
    super::at(cfg, routes::LEAVE_REGION, leave_region);
}

/// For each provider and service type the council commissions: its own scores for a closed
/// financial year beside the region's pooled ones (each pooled score only where the other
/// councils' part holds a cohort, and a cohort without any one council). Whole closed years
/// never overlap, so no two pooled figures can be subtracted. `region` is null for a council in
/// none.
#[utoipa::path(get, path = routes::GET_REGION_SCORES.path, tag = "dashboard", security(("bearer" = [])),
    params(ClosedYearQuery),
    responses((status = 200, body = shared::api::RegionReport), SignedIn, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn get_region_scores(
    staff: RequireRole<Staff>,
    db: web::Data<DatabaseConnection>,
    cache: web::Data<flows::dashboard::ScoresCache>,
    query: web::Query<ClosedYearQuery>,
    request: HttpRequest,
) -> Result<HttpResponse, FlowError> {
    let end = parse_quarter(query.quarter.as_deref())?;
    let report =
        flows::dashboard::region_scores(db.get_ref(), &cache, staff.organisation_id, end).await?;
    Ok(report.respond(&request))
}

/// Every region, and the one the council is in.
#[utoipa::path(get, path = routes::LIST_REGIONS.path, tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Regions), SignedIn))]
#[tracing::instrument(skip_all)]
pub async fn list_regions(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flows::regions::list(db.get_ref(), &admin).await?))
}

/// A new region, which the council joins at once (it must be in none). Audited.
#[utoipa::path(post, path = routes::CREATE_REGION.path, tag = "admin", security(("bearer" = [])),
    request_body = NewRegion,
    responses((status = 200, body = Regions), SignedIn, Conflict, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn create_region(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<NewRegion>,
) -> Result<HttpResponse, FlowError> {
    let regions = flows::regions::create(db.get_ref(), &admin, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(regions))
}

/// The council joins a region (it must be in none). Audited.
#[utoipa::path(post, path = routes::JOIN_REGION.path, tag = "admin", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = Regions), SignedIn, NotFound, Conflict))]
#[tracing::instrument(skip_all)]
pub async fn join_region(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, FlowError> {
    let regions = flows::regions::join(db.get_ref(), &admin, *id).await?;
    Ok(HttpResponse::Ok().json(regions))
}

/// The council leaves its region; its figures leave the region's at once. Audited.
#[utoipa::path(post, path = routes::LEAVE_REGION.path, tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Regions), SignedIn, Conflict))]
#[tracing::instrument(skip_all)]
pub async fn leave_region(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flows::regions::leave(db.get_ref(), &admin).await?))
}
