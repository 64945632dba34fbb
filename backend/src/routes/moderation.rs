//! The participation officers' moderation queue and decisions.

use crate::auth::{Officer, RequireRole};
use crate::flows::moderation as flow;
use crate::flows::FlowError;
use actix_web::{get, post, web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::{ApproveFeedback, ModerationItem, RejectFeedback};
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(list_pending_feedback)
        .service(get_feedback_original)
        .service(approve_feedback)
        .service(reject_feedback)
        .service(escalate_feedback);
}

fn officer(user: &RequireRole<Officer>) -> flow::Officer {
    flow::Officer {
        id: user.id,
        organisation_id: user.organisation_id,
    }
}

/// Pending feedback of the officer's organisation: safeguarding first, then oldest first, with
/// identifying details pre-highlighted. Reading the queue is audited.
#[utoipa::path(get, path = "/api/v1/moderation/queue", tag = "moderation", security(("bearer" = [])),
    responses((status = 200, body = [ModerationItem]), (status = 401, body = shared::ApiError),
              (status = 403, body = shared::ApiError)))]
#[get("/moderation/queue")]
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
#[utoipa::path(get, path = "/api/v1/moderation/feedback/{id}", tag = "moderation", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ModerationItem), (status = 401, body = shared::ApiError),
              (status = 403, body = shared::ApiError), (status = 404, body = shared::ApiError)))]
#[get("/moderation/feedback/{id}")]
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
#[utoipa::path(post, path = "/api/v1/moderation/feedback/{id}/approve", tag = "moderation",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ApproveFeedback,
    responses((status = 204), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 422, body = shared::ApiError)))]
#[post("/moderation/feedback/{id}/approve")]
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
#[utoipa::path(post, path = "/api/v1/moderation/feedback/{id}/reject", tag = "moderation",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = RejectFeedback,
    responses((status = 204), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 422, body = shared::ApiError)))]
#[post("/moderation/feedback/{id}/reject")]
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
#[utoipa::path(post, path = "/api/v1/moderation/feedback/{id}/escalate", tag = "moderation",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError)))]
#[post("/moderation/feedback/{id}/escalate")]
#[tracing::instrument(skip_all)]
pub async fn escalate_feedback(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    flow::escalate(db.get_ref(), officer(&user), *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
