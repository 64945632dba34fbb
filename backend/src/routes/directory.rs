//! The organisation's provider and service directory (admin): a CSV file's import, the listing,
//! and a service at a time added, changed, retired and brought back; a provider corrected.

use super::refusals::{Conflict, NotFound, SignedIn, Unprocessable};
use crate::auth::{Admin, RequireRole};
use crate::flows::directory as flow;
use crate::flows::FlowError;
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::{
    Directory, DirectoryImport, DirectoryImportReport, DirectoryService, NewService, ProviderEdit,
    ServiceEdit,
};
use shared::routes;
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    // A council's directory file: a few hundred lines, well past the usual JSON limit.
    super::at_with_body_limit(cfg, routes::IMPORT_DIRECTORY, import_directory, 1024 * 1024);
    super::at(cfg, routes::GET_DIRECTORY, get_directory);
    super::at(cfg, routes::ADD_SERVICE, add_service);
    super::at(cfg, routes::EDIT_SERVICE, edit_service);
    super::at(cfg, routes::RETIRE_SERVICE, retire_service);
    super::at(cfg, routes::RESTORE_SERVICE, restore_service);
    super::at(cfg, routes::EDIT_PROVIDER, edit_provider);
}

/// Imports the organisation's providers and services from a CSV file (one line per service:
/// `provider_urn,provider_name,service_name,service_type`). All or nothing: a bad line refuses
/// the file, naming every bad line; the same file twice changes nothing. With `preview`, nothing
/// is written and the answer says what importing would do.
#[utoipa::path(post, path = routes::IMPORT_DIRECTORY.path, tag = "directory", security(("bearer" = [])),
    request_body = DirectoryImport,
    responses((status = 200, body = DirectoryImportReport), SignedIn, Unprocessable))]
pub async fn import_directory(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<DirectoryImport>,
) -> Result<HttpResponse, FlowError> {
    let report = flow::import(&db, admin.user, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(report))
}

/// The organisation's providers, each with its services, retired ones too.
#[utoipa::path(get, path = routes::GET_DIRECTORY.path, tag = "directory", security(("bearer" = [])),
    responses((status = 200, body = Directory), SignedIn))]
pub async fn get_directory(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::directory(&db, admin.user).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(body))
}

/// Adds a service, to a provider the organisation lists or to one named (found by URN or name, as
/// a directory file's line is, or added).
#[utoipa::path(post, path = routes::ADD_SERVICE.path, tag = "directory", security(("bearer" = [])),
    request_body = NewService,
    responses((status = 200, body = DirectoryService), SignedIn, NotFound, Conflict, Unprocessable))]
pub async fn add_service(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<NewService>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::add_service(&db, admin.user, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Changes a service's name, kind and the outcomes it asks about; every score follows at once.
#[utoipa::path(put, path = routes::EDIT_SERVICE.path, tag = "directory", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ServiceEdit,
    responses((status = 200, body = DirectoryService), SignedIn, NotFound, Conflict, Unprocessable))]
pub async fn edit_service(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
    body: web::Json<ServiceEdit>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::edit_service(&db, admin.user, *id, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Retires a service: no longer offered to young people or for links; its history and scores
/// are kept.
#[utoipa::path(post, path = routes::RETIRE_SERVICE.path, tag = "directory",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), SignedIn, NotFound))]
pub async fn retire_service(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    flow::retire_service(&db, admin.user, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Brings a retired service back.
#[utoipa::path(post, path = routes::RESTORE_SERVICE.path, tag = "directory",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), SignedIn, NotFound))]
pub async fn restore_service(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    flow::restore_service(&db, admin.user, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Corrects a provider's name and URN, while no other council lists it.
#[utoipa::path(put, path = routes::EDIT_PROVIDER.path, tag = "directory", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ProviderEdit,
    responses((status = 204), SignedIn, NotFound, Conflict, Unprocessable))]
pub async fn edit_provider(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
    body: web::Json<ProviderEdit>,
) -> Result<HttpResponse, FlowError> {
    flow::edit_provider(&db, admin.user, *id, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
