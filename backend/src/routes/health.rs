use crate::flows::FlowError;
use actix_web::{get, web, HttpResponse};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use shared::api::Health;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(get_health);
}

/// Is the server up, and can it reach its database?
#[utoipa::path(get, path = "/api/v1/health", tag = "health",
    responses((status = 200, body = Health), (status = 500, body = shared::ApiError)))]
#[get("/health")]
pub async fn get_health(db: web::Data<DatabaseConnection>) -> Result<HttpResponse, FlowError> {
    db.ping().await?;
    Ok(HttpResponse::Ok().json(Health {
        status: "ok".into(),
        database: match db.get_database_backend() {
            sea_orm::DatabaseBackend::Sqlite => "sqlite",
            sea_orm::DatabaseBackend::Postgres => "postgres",
            sea_orm::DatabaseBackend::MySql => "mysql",
        }
        .into(),
    }))
}
