use super::refusals::Failed;
use crate::flows::{self, FlowError};
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::Health;
use shared::routes;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::open(cfg, routes::GET_HEALTH, get_health);
    super::open(cfg, routes::GET_LIVE, get_live);
}

/// Is the server up, can it reach its database, and is safeguarding email getting out? Answers
/// 200 with status "degraded" while safeguarding email is stuck (the server still serves).
#[utoipa::path(get, path = routes::GET_HEALTH.path, tag = "health",
    responses((status = 200, body = Health), Failed))]
pub async fn get_health(
    db: web::Data<DatabaseConnection>,
    watch: web::Data<flows::health::MailWatch>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flows::health::check(&db, **watch).await?))
}

/// Liveness: the process is up and answering (no database call). For "ready to take traffic",
/// use `/health`, which reaches the database.
#[utoipa::path(get, path = routes::GET_LIVE.path, tag = "health", responses((status = 204)))]
pub async fn get_live() -> HttpResponse {
    HttpResponse::NoContent().finish()
}
