//! The organisation's service directory, for staff.

use super::refusals::SignedIn;
use crate::auth::{RequireRole, Staff};
use crate::flows::{self, FlowError};
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::ServiceSummary;
use shared::routes;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::LIST_SERVICES, list_services);
}

/// Every service of the signed-in member of staff's organisation.
#[utoipa::path(get, path = routes::LIST_SERVICES.path, tag = "services", security(("bearer" = [])),
    responses((status = 200, body = [ServiceSummary]), SignedIn))]
pub async fn list_services(
    staff: RequireRole<Staff>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flows::services::for_staff(&db, staff.user).await?))
}
