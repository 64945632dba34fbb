//! A provider's own view: its services' scores and service pages, as the commissioners see them.

use super::dashboard::{parse_quarter, parse_quarters, parse_window};
use super::refusals::{NotFound, SignedIn, Unprocessable};
use crate::auth::{Provider, RequireRole};
use crate::flows;
use crate::flows::FlowError;
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use serde::Deserialize;
use shared::routes;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::GET_PROVIDER_SCORES, get_scores);
    super::at(cfg, routes::GET_PROVIDER_SERVICE, get_service);
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ProviderScoresQuery {
    /// `year` (default: the four quarters ending with `quarter`) or `quarter`.
    pub window: Option<String>,
    /// The window's last quarter, e.g. `2026-Q4` (default: the current quarter).
    pub quarter: Option<String>,
}

/// The provider's services' scores for a window, as the council's commissioners see them.
#[utoipa::path(get, path = routes::GET_PROVIDER_SCORES.path, tag = "provider", security(("bearer" = [])),
    params(ProviderScoresQuery),
    responses((status = 200, body = shared::api::ScoresReport), SignedIn, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn get_scores(
    provider: RequireRole<Provider>,
    db: web::Data<DatabaseConnection>,
    cache: web::Data<flows::dashboard::ScoresCache>,
    query: web::Query<ProviderScoresQuery>,
) -> Result<HttpResponse, FlowError> {
    let kind = parse_window(query.window.as_deref())?;
    let end = parse_quarter(query.quarter.as_deref())?;
    let report = flows::provider::scores(db.get_ref(), &cache, &provider, kind, end).await?;
    Ok(HttpResponse::Ok().json(report))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ProviderServiceQuery {
    /// The last quarter of the trend (default: the current quarter).
    pub quarter: Option<String>,
    /// How many quarters of trend, 1 to 20 (default 8).
    pub quarters: Option<usize>,
}

/// One of the provider's services: trend, quotes and "we did" answers; any other service is
/// not found.
#[utoipa::path(get, path = routes::GET_PROVIDER_SERVICE.path, tag = "provider", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path), ProviderServiceQuery),
    responses((status = 200, body = shared::api::ServiceDetail), SignedIn, NotFound, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn get_service(
    provider: RequireRole<Provider>,
    db: web::Data<DatabaseConnection>,
    cache: web::Data<flows::dashboard::ScoresCache>,
    id: web::Path<uuid::Uuid>,
    query: web::Query<ProviderServiceQuery>,
) -> Result<HttpResponse, FlowError> {
    let end = parse_quarter(query.quarter.as_deref())?;
    let quarters = parse_quarters(query.quarters)?;
    let detail =
        flows::provider::service(db.get_ref(), &cache, &provider, *id, end, quarters).await?;
    Ok(HttpResponse::Ok().json(detail))
}
