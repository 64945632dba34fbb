//! Assisted sessions: a participation officer beside a young person on the officer's device
//! (`flows::assisted`, `docs/assisted.md`).

use super::refusals::{Conflict, NotFound, SignedIn};
use crate::auth::{Officer, RequireRole, TokenKeys};
use crate::flows::{self, FlowError};
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::AssistedSession;
use shared::routes;
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::OPEN_ASSISTED_SESSION, open_assisted_session);
}

/// Opens an assisted session for one of the council's young people: a token for half an hour
/// that lets in only the child's services and giving feedback, which is stored as the child's
/// and marked as helped by this officer. Audited.
#[utoipa::path(post, path = routes::OPEN_ASSISTED_SESSION.path, tag = "young people",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = AssistedSession), SignedIn, NotFound, Conflict))]
pub async fn open_assisted_session(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    keys: web::Data<TokenKeys>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    let session = flows::assisted::open(db.get_ref(), &keys, officer.user, *id).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(session))
}
