//! A member of staff's own second factor (whether it is set up, new recovery codes) and the
//! admin's reset of someone's (a lost phone). Signing in with a code is in `auth`.

use super::refusals::{Conflict, NotFound, SignedIn, TooMany, Unprocessable};
use crate::auth::{limits::Limits, Admin, RequireRole, Staff};
use crate::config::AuthSettings;
use crate::flows::second_factor as flow;
use crate::flows::FlowError;
use actix_web::{web, HttpRequest, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::{CurrentCode, RecoveryCodes, SecondFactorStatus};
use shared::routes;
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::GET_MY_SECOND_FACTOR, my_second_factor);
    super::at(cfg, routes::NEW_RECOVERY_CODES, new_recovery_codes);
    super::at(cfg, routes::RESET_SECOND_FACTOR, reset_second_factor);
}

/// Whether your authenticator app is set up, whether your role needs one, and how many recovery
/// codes you have left.
#[utoipa::path(get, path = routes::GET_MY_SECOND_FACTOR.path, tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = SecondFactorStatus), SignedIn))]
pub async fn my_second_factor(
    staff: RequireRole<Staff>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::status(&db, staff.user).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(body))
}

/// New recovery codes, on a current code from your authenticator app; the old ones stop working.
/// Shown this once.
#[utoipa::path(post, path = routes::NEW_RECOVERY_CODES.path, tag = "auth", security(("bearer" = [])),
    request_body = CurrentCode,
    responses((status = 200, body = RecoveryCodes), SignedIn, Conflict, Unprocessable, TooMany))]
pub async fn new_recovery_codes(
    staff: RequireRole<Staff>,
    req: HttpRequest,
    limits: web::Data<Limits>,
    db: web::Data<DatabaseConnection>,
    settings: web::Data<AuthSettings>,
    body: web::Json<CurrentCode>,
) -> Result<HttpResponse, FlowError> {
    let address = limits.client_address(&req);
    let codes =
        flow::replace_recovery_codes(&db, &settings, address, staff.user, &body.code).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(codes))
}

/// Resets a member of staff's second factor (a lost or changed phone): they set up a new
/// authenticator app at their next sign-in. Not your own.
#[utoipa::path(post, path = routes::RESET_SECOND_FACTOR.path, tag = "accounts",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), SignedIn, NotFound, Conflict))]
pub async fn reset_second_factor(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    flow::reset(&db, admin.user, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
