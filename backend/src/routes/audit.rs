//! The audit log for admins: verify the hash chain; export it for a procurement challenge.

use super::refusals::SignedIn;
use crate::auth::{Admin, RequireRole};
use crate::flows::{self, FlowError};
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::AuditVerification;
use shared::routes;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::VERIFY_AUDIT_LOG, verify_audit_log);
    super::at(cfg, routes::EXPORT_AUDIT_LOG, export_audit_log);
}

/// Recomputes every hash of the organisation's chain.
#[utoipa::path(get, path = routes::VERIFY_AUDIT_LOG.path, tag = "audit", security(("bearer" = [])),
    responses((status = 200, body = AuditVerification), SignedIn))]
pub async fn verify_audit_log(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flows::audit::verify(&db, admin.user).await?))
}

/// The whole chain as CSV, with each entry's hashes so anyone can re-verify it, then the signed
/// checkpoints of its head as `#` lines with the public key that checks them.
#[utoipa::path(get, path = routes::EXPORT_AUDIT_LOG.path, tag = "audit", security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", body = String), SignedIn))]
pub async fn export_audit_log(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let body = flows::audit::export(&db, admin.user).await?;
    Ok(super::export::csv_response("chorus-audit-log.csv", body))
}
