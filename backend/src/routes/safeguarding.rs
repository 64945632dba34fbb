//! Safeguarding alerts (participation officers) and the organisation's phrase list (admin).

use super::refusals::{Conflict, NotFound, SignedIn, Unprocessable};
use crate::auth::{Admin, Officer, RequireRole};
use crate::flows::safeguarding as flow;
use crate::flows::FlowError;
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::{Alert, MailStatus, SafeguardingPhrases};
use shared::routes;
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::LIST_ALERTS, list_alerts);
    super::at(cfg, routes::ACKNOWLEDGE_ALERT, acknowledge_alert);
    super::at(cfg, routes::GET_PHRASES, get_phrases);
    super::at(cfg, routes::PUT_PHRASES, put_phrases);
    super::at(cfg, routes::GET_MAIL_STATUS, get_mail_status);
}

/// The organisation's alerts, open ones first. Never the young person's words: open the feedback.
#[utoipa::path(get, path = routes::LIST_ALERTS.path, tag = "safeguarding", security(("bearer" = [])),
    responses((status = 200, body = [Alert]), SignedIn))]
pub async fn list_alerts(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::alerts(&db, officer.user).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(body))
}

/// Safeguarding emails the mail server has not taken for ten minutes or more: when there are
/// any, the officers' pages say so, and that alerts must be read in the app.
#[utoipa::path(get, path = routes::GET_MAIL_STATUS.path, tag = "safeguarding", security(("bearer" = [])),
    responses((status = 200, body = MailStatus), SignedIn))]
pub async fn get_mail_status(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::mail_status(&db, officer.user).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(body))
}

/// An officer takes an alert on: it stops escalating.
#[utoipa::path(post, path = routes::ACKNOWLEDGE_ALERT.path, tag = "safeguarding",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), SignedIn, NotFound, Conflict))]
pub async fn acknowledge_alert(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    flow::acknowledge(&db, officer.user, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The phrases that raise an alert when a young person writes them.
#[utoipa::path(get, path = routes::GET_PHRASES.path, tag = "safeguarding", security(("bearer" = [])),
    responses((status = 200, body = SafeguardingPhrases), SignedIn))]
pub async fn get_phrases(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let phrases = flow::phrases(&db, admin.user).await?;
    Ok(HttpResponse::Ok().json(SafeguardingPhrases { phrases }))
}

/// Replaces the phrase list (trimmed, lower-cased, duplicates dropped).
#[utoipa::path(put, path = routes::PUT_PHRASES.path, tag = "safeguarding", security(("bearer" = [])),
    request_body = SafeguardingPhrases,
    responses((status = 200, body = SafeguardingPhrases), SignedIn, Unprocessable))]
pub async fn put_phrases(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<SafeguardingPhrases>,
) -> Result<HttpResponse, FlowError> {
    let phrases = flow::replace_phrases(&db, admin.user, &body.phrases).await?;
    Ok(HttpResponse::Ok().json(SafeguardingPhrases { phrases }))
}
