//! Safeguarding alerts and the cases they become (participation officers), the organisation's
//! phrase list (participation officers and the admin) and the duty rota (admin).

use super::refusals::{Conflict, NotFound, SignedIn, Unprocessable};
use crate::auth::{Admin, Officer, ParticipationTeam, RequireRole};
use crate::flows::safeguarding as flow;
use crate::flows::FlowError;
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::{
    Alert, CaseYoungPerson, CloseCase, DutyRota, MailStatus, RecordCaseAction, SafeguardingCase,
    SafeguardingPhrases,
};
use shared::routes;
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::LIST_ALERTS, list_alerts);
    super::at(cfg, routes::ACKNOWLEDGE_ALERT, acknowledge_alert);
    super::at(cfg, routes::GET_CASE, get_case);
    super::at(cfg, routes::RECORD_CASE_ACTION, record_case_action);
    super::at(cfg, routes::CLOSE_CASE, close_case);
    super::at(cfg, routes::CASE_YOUNG_PERSON, case_young_person);
    super::at(cfg, routes::GET_PHRASES, get_phrases);
    super::at(cfg, routes::PUT_PHRASES, put_phrases);
    super::at(cfg, routes::GET_MAIL_STATUS, get_mail_status);
    super::at(cfg, routes::GET_DUTY_ROTA, get_duty_rota);
    super::at(cfg, routes::PUT_DUTY_ROTA, put_duty_rota);
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

/// Safeguarding emails the mail server has not taken for the configured time (10 minutes unless
/// set otherwise): when there are
/// any, the officers' pages say so, and that alerts must be read in the app.
#[utoipa::path(get, path = routes::GET_MAIL_STATUS.path, tag = "safeguarding", security(("bearer" = [])),
    responses((status = 200, body = MailStatus), SignedIn))]
pub async fn get_mail_status(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    watch: web::Data<crate::flows::health::MailWatch>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::mail_status(&db, officer.user, **watch).await?;
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

/// One case: the alert, every action recorded on it, and how it ended.
#[utoipa::path(get, path = routes::GET_CASE.path, tag = "safeguarding", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, body = SafeguardingCase), SignedIn, NotFound))]
pub async fn get_case(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::case(&db, officer.user, *id).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(body))
}

/// Records what was done on an acknowledged case: talked with the young person, referred to
/// children's social care (with its reference), passed to the police (with its reference), or no
/// further action (with the reason).
#[utoipa::path(post, path = routes::RECORD_CASE_ACTION.path, tag = "safeguarding",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = RecordCaseAction,
    responses((status = 200, body = SafeguardingCase), SignedIn, NotFound, Conflict, Unprocessable))]
pub async fn record_case_action(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
    body: web::Json<RecordCaseAction>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::record_action(&db, officer.user, *id, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Closes a case that has an action recorded, with its outcome.
#[utoipa::path(post, path = routes::CLOSE_CASE.path, tag = "safeguarding",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = CloseCase,
    responses((status = 200, body = SafeguardingCase), SignedIn, NotFound, Conflict, Unprocessable))]
pub async fn close_case(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
    body: web::Json<CloseCase>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::close(&db, officer.user, *id, &body.outcome).await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Who wrote the feedback behind the case, so the team can find the young person. Each look is
/// audited; nobody but the participation team can ask.
#[utoipa::path(get, path = routes::CASE_YOUNG_PERSON.path, tag = "safeguarding",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = CaseYoungPerson), SignedIn, NotFound))]
pub async fn case_young_person(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::young_person(&db, officer.user, *id).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(body))
}

/// The phrases that raise an alert when a young person writes them.
#[utoipa::path(get, path = routes::GET_PHRASES.path, tag = "safeguarding", security(("bearer" = [])),
    responses((status = 200, body = SafeguardingPhrases), SignedIn))]
pub async fn get_phrases(
    editor: RequireRole<ParticipationTeam>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let phrases = flow::phrases(&db, editor.user).await?;
    Ok(HttpResponse::Ok().json(SafeguardingPhrases { phrases }))
}

/// Replaces the phrase list (trimmed, lower-cased, duplicates dropped).
#[utoipa::path(put, path = routes::PUT_PHRASES.path, tag = "safeguarding", security(("bearer" = [])),
    request_body = SafeguardingPhrases,
    responses((status = 200, body = SafeguardingPhrases), SignedIn, Unprocessable))]
pub async fn put_phrases(
    editor: RequireRole<ParticipationTeam>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<SafeguardingPhrases>,
) -> Result<HttpResponse, FlowError> {
    let phrases = flow::replace_phrases(&db, editor.user, &body.phrases).await?;
    Ok(HttpResponse::Ok().json(SafeguardingPhrases { phrases }))
}

/// The duty rota: office hours and the chain an unacknowledged alert goes along.
#[utoipa::path(get, path = routes::GET_DUTY_ROTA.path, tag = "safeguarding", security(("bearer" = [])),
    responses((status = 200, body = DutyRota), SignedIn))]
pub async fn get_duty_rota(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::rota::get(&db, admin.user).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(body))
}

/// Replaces the duty rota (each step checked; audited). An empty chain goes back to the default:
/// the safeguarding address (or every officer), then every officer.
#[utoipa::path(put, path = routes::PUT_DUTY_ROTA.path, tag = "safeguarding", security(("bearer" = [])),
    request_body = DutyRota,
    responses((status = 200, body = DutyRota), SignedIn, Unprocessable))]
pub async fn put_duty_rota(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<DutyRota>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::rota::replace(&db, admin.user, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(body))
}
