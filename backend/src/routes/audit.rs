//! The audit log for admins: verify the hash chain; export it for a procurement challenge.

use crate::auth::{Admin, RequireRole};
use crate::flows::FlowError;
use crate::store;
use actix_web::{get, web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::AuditVerification;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(verify_audit_log).service(export_audit_log);
}

/// Recomputes every hash of the organisation's chain.
#[utoipa::path(get, path = "/api/v1/admin/audit/verify", tag = "audit", security(("bearer" = [])),
    responses((status = 200, body = AuditVerification), (status = 401, body = shared::ApiError),
              (status = 403, body = shared::ApiError)))]
#[get("/admin/audit/verify")]
pub async fn verify_audit_log(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let entries = store::audit::all_for_organisation(db.get_ref(), admin.organisation_id).await?;
    let body = match store::audit::verify(&entries) {
        Ok(n) => AuditVerification {
            entries: n,
            intact: true,
            problem: None,
        },
        Err(e) => AuditVerification {
            entries: entries.len() as u64,
            intact: false,
            problem: Some(e.to_string()),
        },
    };
    Ok(HttpResponse::Ok().json(body))
}

/// The whole chain as CSV, with each entry's hashes so anyone can re-verify it.
#[utoipa::path(get, path = "/api/v1/admin/audit/export", tag = "audit", security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = shared::ApiError),
              (status = 403, body = shared::ApiError)))]
#[get("/admin/audit/export")]
pub async fn export_audit_log(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let entries = store::audit::all_for_organisation(db.get_ref(), admin.organisation_id).await?;
    let rows = entries.iter().map(|e| {
        vec![
            e.seq.to_string(),
            e.organisation_id.to_string(),
            e.at.clone(),
            e.actor_id.clone(),
            e.action.clone(),
            e.subject.clone(),
            e.details.clone(),
            e.prev_hash.clone(),
            e.hash.clone(),
        ]
    });
    let header = [
        "seq",
        "organisation_id",
        "at",
        "actor_id",
        "action",
        "subject",
        "details",
        "prev_hash",
        "hash",
    ];
    Ok(super::export::csv_response(
        "chorus-audit-log.csv",
        crate::domain::csv::write(&[], &header, rows),
    ))
}
