//! The organisation's service directory, for staff.

use crate::auth::{RequireRole, Staff};
use crate::flows::FlowError;
use crate::store;
use actix_web::{get, web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::{ServiceSummary, ServiceType};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(list_services);
}

/// Every service of the signed-in member of staff's organisation.
#[utoipa::path(get, path = "/api/v1/services", tag = "services", security(("bearer" = [])),
    responses((status = 200, body = [ServiceSummary]), (status = 401, body = shared::ApiError),
              (status = 403, body = shared::ApiError)))]
#[get("/services")]
pub async fn list_services(
    staff: RequireRole<Staff>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let services =
        store::services::list_for_organisation(db.get_ref(), staff.organisation_id).await?;
    let body: Vec<ServiceSummary> = services
        .into_iter()
        .filter_map(|s| {
            Some(ServiceSummary {
                id: s.id,
                name: s.name,
                provider_name: s.provider_name,
                service_type: ServiceType::parse(&s.service_type)?,
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}
