//! The commissioners' dashboard: provider quality scores from the aggregates, as JSON or CSV.

use super::export::{csv_response, wants_csv};
use super::refusals::{NotFound, SignedIn, Unprocessable};
use crate::auth::{RequireRole, Staff};
use crate::domain::quarter::Quarter;
use crate::domain::windows::WindowKind;
use crate::flows;
use crate::flows::FlowError;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use sea_orm::DatabaseConnection;
use serde::Deserialize;
use shared::api::ScoresReport;
use shared::routes;
use shared::validate::Invalid;
use shared::Reason;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::GET_SCORES, get_scores);
    super::at(cfg, routes::GET_SERVICE_DETAIL, get_service_detail);
    super::at(cfg, routes::GET_KPIS, get_kpis);
    super::at(cfg, routes::GET_QUARTERLY_REPORT, get_quarterly_report);
    super::at(cfg, routes::GET_ASSISTED_SCORES, get_assisted_scores);
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ClosedYearQuery {
    /// Any quarter, e.g. `2026-Q4` (default: the current one): the answer is for the last
    /// financial year to have ended by then and by today.
    pub quarter: Option<String>,
}

/// For each service, a closed financial year's scores told apart: answers given with an adult
/// beside the child (assisted sessions) and the rest. Each outcome is shown in parts only where
/// the dashboard shows its year score and each part holds a cohort of young people; whole closed
/// years never overlap, so no two such figures can be subtracted.
#[utoipa::path(get, path = routes::GET_ASSISTED_SCORES.path, tag = "dashboard", security(("bearer" = [])),
    params(ClosedYearQuery),
    responses((status = 200, body = shared::api::AssistedReport), SignedIn, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn get_assisted_scores(
    staff: RequireRole<Staff>,
    db: web::Data<DatabaseConnection>,
    cache: web::Data<flows::dashboard::ScoresCache>,
    query: web::Query<ClosedYearQuery>,
) -> Result<HttpResponse, FlowError> {
    let end = parse_quarter(query.quarter.as_deref())?;
    let report =
        flows::dashboard::assisted_scores(db.get_ref(), &cache, staff.organisation_id, end).await?;
    Ok(HttpResponse::Ok().json(report))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ScoresQuery {
    /// `year` (default: the four quarters ending with `quarter`) or `quarter`.
    pub window: Option<String>,
    /// The window's last quarter, e.g. `2026-Q4` (default: the current quarter).
    pub quarter: Option<String>,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
}

pub(super) fn parse_quarter(q: Option<&str>) -> Result<Quarter, FlowError> {
    match q {
        None => Ok(Quarter::of(Utc::now())),
        Some(q) => Quarter::parse(q).ok_or_else(|| {
            Invalid {
                field: "quarter",
                reason: Reason::QuarterFormat,
                message: "A quarter looks like 2026-Q4.".into(),
            }
            .into()
        }),
    }
}

/// `year` (the default) or `quarter`.
pub(super) fn parse_window(w: Option<&str>) -> Result<WindowKind, FlowError> {
    match w {
        None => Ok(WindowKind::Year),
        Some(w) => WindowKind::parse(w).ok_or_else(|| {
            Invalid {
                field: "window",
                reason: Reason::WindowKind,
                message: "The window is either year or quarter.".into(),
            }
            .into()
        }),
    }
}

/// How many quarters of trend: 1 to 20 (default 8).
pub(super) fn parse_quarters(quarters: Option<usize>) -> Result<usize, FlowError> {
    let quarters = quarters.unwrap_or(8);
    if !(1..=20).contains(&quarters) {
        return Err(Invalid {
            field: "quarters",
            reason: Reason::QuartersRange,
            message: "Show between 1 and 20 quarters.".into(),
        }
        .into());
    }
    Ok(quarters)
}

/// Scores per service and outcome for a window; suppressed scores carry no numbers.
#[utoipa::path(get, path = routes::GET_SCORES.path, tag = "dashboard", security(("bearer" = [])),
    params(ScoresQuery),
    responses((status = 200, body = ScoresReport), SignedIn, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn get_scores(
    staff: RequireRole<Staff>,
    db: web::Data<DatabaseConnection>,
    cache: web::Data<flows::dashboard::ScoresCache>,
    query: web::Query<ScoresQuery>,
    request: HttpRequest,
) -> Result<HttpResponse, FlowError> {
    let kind = parse_window(query.window.as_deref())?;
    let end = parse_quarter(query.quarter.as_deref())?;
    let csv = wants_csv(query.format.as_deref())?;
    let report =
        flows::dashboard::scores(db.get_ref(), &cache, staff.organisation_id, kind, end).await?;
    if csv {
        let body = flows::dashboard::csv::scores(&report.value);
        return Ok(csv_response("chorus-scores.csv", body));
    }
    // Made once per version of the scores, whoever asks (see `encoded`).
    Ok(report.respond(&request))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct DetailQuery {
    /// The last quarter of the trend (default: the current quarter).
    pub quarter: Option<String>,
    /// How many quarters of trend, 1 to 20 (default 8).
    pub quarters: Option<usize>,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
    /// Which table the CSV holds: `trend` (default), `quotes` or `responses`.
    pub table: Option<String>,
}

/// The service page's tables, each downloadable as CSV.
#[derive(Debug, Clone, Copy)]
enum DetailTable {
    Trend,
    Quotes,
    Responses,
}

fn detail_table(table: Option<&str>) -> Result<DetailTable, FlowError> {
    match table {
        None | Some("trend") => Ok(DetailTable::Trend),
        Some("quotes") => Ok(DetailTable::Quotes),
        Some("responses") => Ok(DetailTable::Responses),
        Some(_) => Err(Invalid {
            field: "table",
            reason: Reason::Format,
            message: "The table is trend, quotes or responses.".into(),
        }
        .into()),
    }
}

/// One service: quarterly trend, approved redacted quotes from quarters with a shown score, "we
/// did" responses, and (participation officers only) its count of open alerts.
#[utoipa::path(get, path = routes::GET_SERVICE_DETAIL.path, tag = "dashboard", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path), DetailQuery),
    responses((status = 200, body = shared::api::ServiceDetail), SignedIn, NotFound, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn get_service_detail(
    staff: RequireRole<Staff>,
    db: web::Data<DatabaseConnection>,
    cache: web::Data<flows::dashboard::ScoresCache>,
    id: web::Path<uuid::Uuid>,
    query: web::Query<DetailQuery>,
) -> Result<HttpResponse, FlowError> {
    let end = parse_quarter(query.quarter.as_deref())?;
    let quarters = parse_quarters(query.quarters)?;
    let csv = wants_csv(query.format.as_deref())?;
    let table = detail_table(query.table.as_deref())?;
    let detail = flows::dashboard::service_detail(
        db.get_ref(),
        &cache,
        (staff.organisation_id, staff.role),
        *id,
        end,
        quarters,
    )
    .await?
    .ok_or(FlowError::NotFound(
        Reason::ServiceNotFound,
        "We could not find that service.",
    ))?;
    if csv {
        let (name, body) = match table {
            DetailTable::Trend => (
                "chorus-service-trend.csv",
                flows::dashboard::csv::trend(&detail),
            ),
            DetailTable::Quotes => (
                "chorus-service-quotes.csv",
                flows::dashboard::csv::quotes(&detail),
            ),
            DetailTable::Responses => (
                "chorus-service-we-did.csv",
                flows::dashboard::csv::responses(&detail),
            ),
        };
        return Ok(csv_response(name, body));
    }
    Ok(HttpResponse::Ok().json(detail))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct KpiQuery {
    /// The quarter, e.g. `2026-Q2` (default: the current quarter).
    pub quarter: Option<String>,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
}

/// Participation KPIs for a quarter, as JSON or CSV.
#[utoipa::path(get, path = routes::GET_KPIS.path, tag = "dashboard", security(("bearer" = [])),
    params(KpiQuery),
    responses((status = 200, body = shared::api::Kpis), SignedIn, Unprocessable))]
pub async fn get_kpis(
    staff: RequireRole<Staff>,
    db: web::Data<DatabaseConnection>,
    query: web::Query<KpiQuery>,
) -> Result<HttpResponse, FlowError> {
    let quarter = parse_quarter(query.quarter.as_deref())?;
    let csv = wants_csv(query.format.as_deref())?;
    let kpis = flows::dashboard::kpis(db.get_ref(), staff.organisation_id, quarter).await?;
    if csv {
        let body = flows::dashboard::csv::kpis(&kpis);
        return Ok(csv_response("chorus-participation.csv", body));
    }
    Ok(HttpResponse::Ok().json(kpis))
}

/// The quarterly report for the Corporate Parenting Panel, as JSON or one CSV table.
#[utoipa::path(get, path = routes::GET_QUARTERLY_REPORT.path, tag = "dashboard", security(("bearer" = [])),
    params(KpiQuery),
    responses((status = 200, body = shared::api::QuarterlyReport), SignedIn, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn get_quarterly_report(
    staff: RequireRole<Staff>,
    db: web::Data<DatabaseConnection>,
    cache: web::Data<flows::dashboard::ScoresCache>,
    query: web::Query<KpiQuery>,
) -> Result<HttpResponse, FlowError> {
    let quarter = parse_quarter(query.quarter.as_deref())?;
    let csv = wants_csv(query.format.as_deref())?;
    let report =
        flows::dashboard::report::quarterly(db.get_ref(), &cache, staff.organisation_id, quarter)
            .await?;
    if csv {
        let body = flows::dashboard::csv::quarterly(&report);
        return Ok(csv_response(&format!("chorus-report-{quarter}.csv"), body));
    }
    Ok(HttpResponse::Ok().json(report))
}
