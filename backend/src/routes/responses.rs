//! "You said, we did".

use super::refusals::{NotFound, SignedIn, Unprocessable};
use crate::auth::{RequireRole, Responder};
use crate::flows;
use crate::flows::FlowError;
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::{CreatedResponse, NewResponse};
use shared::routes;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::CREATE_RESPONSE, create_response);
}

/// Answers one piece of feedback, or a theme (a service, optionally an outcome and a quarter).
#[utoipa::path(post, path = routes::CREATE_RESPONSE.path, tag = "responses", security(("bearer" = [])),
    request_body = NewResponse,
    responses((status = 201, body = CreatedResponse), SignedIn, NotFound, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn create_response(
    responder: RequireRole<Responder>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<NewResponse>,
) -> Result<HttpResponse, FlowError> {
    let created = flows::responses::create(db.get_ref(), responder.user, &body).await?;
    Ok(HttpResponse::Created().json(created))
}
