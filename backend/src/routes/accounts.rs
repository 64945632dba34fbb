//! Staff accounts (admin): the list, inviting someone, switching one off and on again; and the
//! organisation's own settings.

use super::refusals::{Conflict, NotFound, SignedIn, Unprocessable};
use crate::auth::{Admin, RequireRole, Revocations};
use crate::flows::accounts as flow;
use crate::flows::passwords::LinkBase;
use crate::flows::FlowError;
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::{NewStaffMember, OrganisationSettings, StaffMember};
use shared::routes;
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::LIST_STAFF, list_staff);
    super::at(cfg, routes::INVITE_STAFF, invite_staff);
    super::at(cfg, routes::GET_ORGANISATION, get_organisation);
    super::at(cfg, routes::PUT_ORGANISATION, put_organisation);
    super::at(cfg, routes::FINISH_SET_UP, finish_set_up);
    super::at(cfg, routes::DEACTIVATE_STAFF, deactivate_staff);
    super::at(cfg, routes::REACTIVATE_STAFF, reactivate_staff);
}

/// The organisation's staff: who, which role, and whether their account is on.
#[utoipa::path(get, path = routes::LIST_STAFF.path, tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = [StaffMember]), SignedIn))]
pub async fn list_staff(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::staff(&db, admin.user).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(body))
}

/// Invites someone to the staff: their account, and an email with a one-time link to choose
/// their password (they cannot sign in before).
#[utoipa::path(post, path = routes::INVITE_STAFF.path, tag = "accounts", security(("bearer" = [])),
    request_body = NewStaffMember,
    responses((status = 201, body = StaffMember), SignedIn, Conflict, Unprocessable))]
pub async fn invite_staff(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    links: web::Data<LinkBase>,
    body: web::Json<NewStaffMember>,
) -> Result<HttpResponse, FlowError> {
    let member = flow::invite(&db, &links, admin.user, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(member))
}

/// Switches a staff account off: it cannot sign in, and every sign-in it has ends at once.
#[utoipa::path(post, path = routes::DEACTIVATE_STAFF.path, tag = "accounts",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), SignedIn, NotFound, Conflict))]
pub async fn deactivate_staff(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    revocations: web::Data<Revocations>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    flow::deactivate(&db, &revocations, admin.user, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Switches a staff account on again.
#[utoipa::path(post, path = routes::REACTIVATE_STAFF.path, tag = "accounts",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), SignedIn, NotFound))]
pub async fn reactivate_staff(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    flow::reactivate(&db, admin.user, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The organisation's name, smallest group shown and prior weight.
#[utoipa::path(get, path = routes::GET_ORGANISATION.path, tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = OrganisationSettings), SignedIn))]
pub async fn get_organisation(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let body = crate::flows::organisation::settings(&db, admin.user).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(body))
}

/// Changes them: the scores everyone sees follow at once; audited with what they were.
#[utoipa::path(put, path = routes::PUT_ORGANISATION.path, tag = "accounts", security(("bearer" = [])),
    request_body = OrganisationSettings,
    responses((status = 200, body = OrganisationSettings), SignedIn, Unprocessable))]
pub async fn put_organisation(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<OrganisationSettings>,
) -> Result<HttpResponse, FlowError> {
    let body = crate::flows::organisation::set_settings(&db, admin.user, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Ends the walk through the settings a new council's admin is given at first sign-in.
#[utoipa::path(post, path = routes::FINISH_SET_UP.path, tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = OrganisationSettings), SignedIn))]
pub async fn finish_set_up(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let body = crate::flows::organisation::finish_set_up(&db, admin.user).await?;
    Ok(HttpResponse::Ok().json(body))
}
