//! Providers' replies: written by a provider, decided by a participation officer.

use super::refusals::{NotFound, SignedIn, Unprocessable};
use crate::auth::{Officer, Provider, RequireRole};
use crate::flows;
use crate::flows::FlowError;
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::NewProviderReply;
use shared::routes;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::CREATE_PROVIDER_REPLY, create);
    super::at(cfg, routes::LIST_PENDING_REPLIES, pending);
    super::at(cfg, routes::APPROVE_REPLY, approve);
    super::at(cfg, routes::REJECT_REPLY, reject);
}

/// A provider replies to a theme about one of its services, or to a "we did" about it.
#[utoipa::path(post, path = routes::CREATE_PROVIDER_REPLY.path, tag = "provider", security(("bearer" = [])),
    request_body = NewProviderReply,
    responses((status = 201, body = shared::api::ProviderReply), SignedIn, NotFound, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn create(
    provider: RequireRole<Provider>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<NewProviderReply>,
) -> Result<HttpResponse, FlowError> {
    let reply = flows::replies::create(db.get_ref(), &provider, &body).await?;
    Ok(HttpResponse::Created().json(reply))
}

/// Providers' replies waiting for a participation officer, oldest first.
#[utoipa::path(get, path = routes::LIST_PENDING_REPLIES.path, tag = "moderation", security(("bearer" = [])),
    responses((status = 200, body = Vec<shared::api::ProviderReply>), SignedIn))]
#[tracing::instrument(skip_all)]
pub async fn pending(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flows::replies::pending(db.get_ref(), &officer).await?))
}

/// Approves a reply: it goes to the young people who spoke, as news.
#[utoipa::path(post, path = routes::APPROVE_REPLY.path, tag = "moderation", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = shared::api::ReplyApproved), SignedIn, NotFound))]
#[tracing::instrument(skip_all)]
pub async fn approve(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flows::replies::approve(db.get_ref(), &officer, *id).await?))
}

/// Keeps a reply from young people (commissioners still read it, marked not sent).
#[utoipa::path(post, path = routes::REJECT_REPLY.path, tag = "moderation", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses((status = 204), SignedIn, NotFound))]
#[tracing::instrument(skip_all)]
pub async fn reject(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, FlowError> {
    flows::replies::reject(db.get_ref(), &officer, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
