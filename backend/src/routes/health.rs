use crate::flows::{self, FlowError};
use actix_web::{get, web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::Health;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(get_health);
}

/// Is the server up, and can it reach its database?
#[utoipa::path(get, path = "/api/v1/health", tag = "health",
    responses((status = 200, body = Health), (status = 500, body = shared::ApiError)))]
#[get("/health")]
pub async fn get_health(db: web::Data<DatabaseConnection>) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flows::health::check(&db).await?))
}
