//! Data rights: a young person's own data as a readable file; officers export or erase on a
//! young person's behalf; admins set how long free text is kept.

use super::refusals::{Conflict, NotFound, SignedIn, Unprocessable};
use crate::auth::{Admin, Officer, RequireRole, Revocations, YoungPerson};
use crate::flows::data_rights as flow;
use crate::flows::FlowError;
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::{Retention, YoungPersonSummary};
use shared::routes;
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::EXPORT_MY_DATA, export_my_data);
    super::at(cfg, routes::LIST_YOUNG_PEOPLE, list_young_people);
    super::at(cfg, routes::EXPORT_YOUNG_PERSON, export_young_person);
    super::at(cfg, routes::ERASE_YOUNG_PERSON, erase_young_person);
    super::at(cfg, routes::GET_RETENTION, get_retention);
    super::at(cfg, routes::PUT_RETENTION, put_retention);
    super::at(cfg, routes::UNLOCK_YOUNG_PERSON, unlock_young_person);
    super::at(cfg, routes::ISSUE_PIN_RESET, issue_pin_reset);
    super::at(cfg, routes::YOUNG_PERSON_SERVICES, young_person_services);
    super::at(cfg, routes::LINK_SERVICE, link_service);
    super::at(cfg, routes::SET_AGE_BAND, set_age_band);
    super::at(
        cfg,
        routes::DEACTIVATE_YOUNG_PERSON,
        deactivate_young_person,
    );
    super::at(
        cfg,
        routes::REACTIVATE_YOUNG_PERSON,
        reactivate_young_person,
    );
    super::at(cfg, routes::UNLINK_SERVICE, unlink_service);
}

fn text_file(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"my-chorus-data.txt\"",
        ))
        .insert_header(super::not_cached())
        .body(body)
}

/// Everything Chorus keeps about the signed-in young person, as a readable text file.
#[utoipa::path(get, path = routes::EXPORT_MY_DATA.path, tag = "data rights", security(("bearer" = [])),
    responses((status = 200, content_type = "text/plain", body = String), SignedIn))]
pub async fn export_my_data(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(text_file(
        flow::export(db.get_ref(), user.organisation_id, user.id).await?,
    ))
}

/// The organisation's young people, for data requests.
#[utoipa::path(get, path = routes::LIST_YOUNG_PEOPLE.path, tag = "data rights", security(("bearer" = [])),
    responses((status = 200, body = Vec<YoungPersonSummary>), SignedIn))]
pub async fn list_young_people(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::young_people(db.get_ref(), user.user).await?))
}

/// A young person's data, downloaded by an officer on their behalf (audited).
#[utoipa::path(get, path = routes::EXPORT_YOUNG_PERSON.path, tag = "data rights", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "text/plain", body = String), SignedIn, NotFound))]
pub async fn export_young_person(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(text_file(
        flow::export_for(db.get_ref(), user.user, *id).await?,
    ))
}

/// Erases a young person: identity and words go, anonymous scores stay (audited without content).
#[utoipa::path(post, path = routes::ERASE_YOUNG_PERSON.path, tag = "data rights", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), SignedIn, NotFound, Conflict))]
pub async fn erase_young_person(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    revocations: web::Data<Revocations>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    flow::erase(db.get_ref(), &revocations, user.user, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// How long free text is kept before the retention job anonymises it.
#[utoipa::path(get, path = routes::GET_RETENTION.path, tag = "data rights", security(("bearer" = [])),
    responses((status = 200, body = Retention), SignedIn))]
pub async fn get_retention(
    user: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::retention(db.get_ref(), user.user).await?))
}

#[utoipa::path(put, path = routes::PUT_RETENTION.path, tag = "data rights", security(("bearer" = [])), request_body = Retention,
    responses((status = 200, body = Retention), SignedIn, Unprocessable))]
pub async fn put_retention(
    user: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<Retention>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::set_retention(db.get_ref(), user.user, *body).await?))
}

/// Unlocks a young person's sign-in after too many wrong PINs (otherwise it unlocks by itself
/// after the cool-down).
#[utoipa::path(post, path = routes::UNLOCK_YOUNG_PERSON.path, tag = "data rights", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), SignedIn, NotFound, Conflict))]
pub async fn unlock_young_person(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    flow::unlock(db.get_ref(), user.user, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A one-time code for a young person who has forgotten their PIN, with their sign-in name: shown
/// once, for the officer to give them. A newer code voids an older one.
#[utoipa::path(post, path = routes::ISSUE_PIN_RESET.path, tag = "data rights", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = shared::api::PinResetCode), SignedIn, NotFound, Conflict))]
pub async fn issue_pin_reset(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    let code = crate::flows::pin_resets::issue(db.get_ref(), user.user, *id).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(code))
}

/// A young person's services, current and ended, with since and until.
#[utoipa::path(get, path = routes::YOUNG_PERSON_SERVICES.path, tag = "young people",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = [shared::api::ServiceLink]), SignedIn, NotFound))]
pub async fn young_person_services(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    let body = crate::flows::placements::links(&db, officer.user, *id).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(body))
}

/// Links one of the organisation's services to a young person (a new placement).
#[utoipa::path(post, path = routes::LINK_SERVICE.path, tag = "young people",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = shared::api::LinkService,
    responses((status = 204), SignedIn, NotFound, Conflict))]
pub async fn link_service(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
    body: web::Json<shared::api::LinkService>,
) -> Result<HttpResponse, FlowError> {
    crate::flows::placements::link(&db, officer.user, *id, body.service_id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Ends a young person's link to a service (the placement ended); feedback and scores stay.
#[utoipa::path(post, path = routes::UNLINK_SERVICE.path, tag = "young people",
    security(("bearer" = [])), params(("id" = Uuid, Path), ("service_id" = Uuid, Path)),
    responses((status = 204), SignedIn, NotFound))]
pub async fn unlink_service(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, FlowError> {
    let (id, service_id) = path.into_inner();
    crate::flows::placements::unlink(&db, officer.user, id, service_id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Moves a young person to another age band: their questions and wording follow.
#[utoipa::path(put, path = routes::SET_AGE_BAND.path, tag = "young people",
    security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = shared::api::AgeBandChange,
    responses((status = 204), SignedIn, NotFound, Conflict))]
pub async fn set_age_band(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
    body: web::Json<shared::api::AgeBandChange>,
) -> Result<HttpResponse, FlowError> {
    crate::flows::placements::set_age_band(&db, officer.user, *id, body.age_band).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Switches a young person's account off (they left care): no sign-in, their sign-ins end at
/// once; their data is kept.
#[utoipa::path(post, path = routes::DEACTIVATE_YOUNG_PERSON.path, tag = "young people",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), SignedIn, NotFound, Conflict))]
pub async fn deactivate_young_person(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    revocations: web::Data<Revocations>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    crate::flows::placements::set_active(&db, &revocations, officer.user, *id, false).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Switches a young person's account on again.
#[utoipa::path(post, path = routes::REACTIVATE_YOUNG_PERSON.path, tag = "young people",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), SignedIn, NotFound, Conflict))]
pub async fn reactivate_young_person(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    revocations: web::Data<Revocations>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    crate::flows::placements::set_active(&db, &revocations, officer.user, *id, true).await?;
    Ok(HttpResponse::NoContent().finish())
}
