//! The participation officers' moderation queue and decisions.

use super::refusals::{NotFound, SignedIn, Unprocessable};
use crate::auth::{Officer, RequireRole};
use crate::flows::moderation as flow;
use crate::flows::FlowError;
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::{ApproveFeedback, ModerationItem, RejectFeedback};
use shared::routes;
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::LIST_PENDING_FEEDBACK, list_pending_feedback);
    super::at(cfg, routes::GET_FEEDBACK_ORIGINAL, get_feedback_original);
    super::at(cfg, routes::APPROVE_FEEDBACK, approve_feedback);
    super::at(cfg, routes::REJECT_FEEDBACK, reject_feedback);
    super::at(cfg, routes::ESCALATE_FEEDBACK, escalate_feedback);
}

fn officer(user: &RequireRole<Officer>) -> flow::Officer {
    flow::Officer {
        id: user.id,
        organisation_id: user.organisation_id,
    }
}

/// Pending feedback of the officer's organisation: safeguarding first, then oldest first, with
/// identifying details pre-highlighted. Reading the queue is audited.
#[utoipa::path(get, path = routes::LIST_PENDING_FEEDBACK.path, tag = "moderation", security(("bearer" = [])),
    responses((status = 200, body = [ModerationItem]), SignedIn))]
#[tracing::instrument(skip_all)]
pub async fn list_pending_feedback(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::read_queue(db.get_ref(), officer(&user)).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(body))
}

/// One item with its original words (participation officers only; every read is audited).
#[utoipa::path(get, path = routes::GET_FEEDBACK_ORIGINAL.path, tag = "moderation", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ModerationItem), SignedIn, NotFound))]
#[tracing::instrument(skip_all)]
pub async fn get_feedback_original(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    let item = flow::read_original(db.get_ref(), officer(&user), *id).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(item))
}

/// Approves: the text is published with the given spans removed.
#[utoipa::path(post, path = routes::APPROVE_FEEDBACK.path, tag = "moderation",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ApproveFeedback,
    responses((status = 204), SignedIn, NotFound, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn approve_feedback(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
    body: web::Json<ApproveFeedback>,
) -> Result<HttpResponse, FlowError> {
    flow::approve(db.get_ref(), officer(&user), *id, &body.redactions).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Rejects: the words are not published; the young person is told why.
#[utoipa::path(post, path = routes::REJECT_FEEDBACK.path, tag = "moderation",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = RejectFeedback,
    responses((status = 204), SignedIn, NotFound, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn reject_feedback(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
    body: web::Json<RejectFeedback>,
) -> Result<HttpResponse, FlowError> {
    flow::reject(
        db.get_ref(),
        officer(&user),
        *id,
        body.reason,
        body.note.as_deref(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Escalates to safeguarding: raises an alert (and its email) if there is none yet.
#[utoipa::path(post, path = routes::ESCALATE_FEEDBACK.path, tag = "moderation",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), SignedIn, NotFound))]
#[tracing::instrument(skip_all)]
pub async fn escalate_feedback(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    flow::escalate(db.get_ref(), officer(&user), *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
