//! Onboarding: an officer makes a one-time invite; a young person checks and redeems it.

use super::refusals::{Conflict, Gone, NotFound, SignedIn, Unprocessable};
use crate::auth::{limits::Limits, Officer, RequireRole, TokenKeys};
use crate::config::AuthSettings;
use crate::flows::invites::{self as flow, Redemption};
use crate::flows::FlowError;
use actix_web::{http::StatusCode, web, HttpRequest, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::{
    CreatedInvite, InviteCheck, InviteInfo, NewInvite, NewInviteBatch, PrintableInvite,
    RedeemInvite, Session,
};
use shared::routes;
use shared::validate::{DisplayName, InviteCode, PinCode, SignInName};

pub fn config(cfg: &mut web::ServiceConfig) {
    super::open(cfg, routes::CHECK_INVITE, check_invite);
    super::open(cfg, routes::REDEEM_INVITE, redeem_invite);
    super::at(cfg, routes::CREATE_INVITE, create_invite);
    super::at(cfg, routes::CREATE_INVITE_BATCH, create_invite_batch);
}

/// Checks an invite code and suggests a sign-in name.
#[utoipa::path(post, path = routes::CHECK_INVITE.path, tag = "invites", request_body = InviteCheck,
    responses((status = 200, body = InviteInfo), NotFound, Gone, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn check_invite(
    req: HttpRequest,
    limits: web::Data<Limits>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<InviteCheck>,
) -> Result<HttpResponse, FlowError> {
    limits.sign_in_from(&req)?;
    let code = InviteCode::parse(&body.code)?;
    Ok(HttpResponse::Ok().json(flow::check(&db, &code).await?))
}

/// Redeems an invite: creates the young person's account, links their services and signs them in.
/// All or nothing: one transaction, and an invite can be used once even when two tries race.
#[utoipa::path(post, path = routes::REDEEM_INVITE.path, tag = "invites", request_body = RedeemInvite,
    responses((status = 201, body = Session), NotFound, Conflict, Gone, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn redeem_invite(
    req: HttpRequest,
    limits: web::Data<Limits>,
    db: web::Data<DatabaseConnection>,
    keys: web::Data<TokenKeys>,
    settings: web::Data<AuthSettings>,
    body: web::Json<RedeemInvite>,
) -> Result<HttpResponse, FlowError> {
    limits.sign_in_from(&req)?;
    let redemption = Redemption {
        code: InviteCode::parse(&body.code)?,
        sign_in_name: SignInName::parse(&body.sign_in_name)?,
        display_name: DisplayName::parse(&body.display_name)?,
        pin: PinCode::parse(&body.pin)?,
    };
    let started = flow::redeem(&db, &keys, &settings, redemption).await?;
    Ok(super::auth::session_response(
        StatusCode::CREATED,
        &settings,
        started,
    ))
}

/// A participation officer makes a one-time invite for a young person, linked to their services.
#[utoipa::path(post, path = routes::CREATE_INVITE.path, tag = "invites", request_body = NewInvite,
    security(("bearer" = [])),
    responses((status = 201, body = CreatedInvite), SignedIn, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn create_invite(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    settings: web::Data<AuthSettings>,
    body: web::Json<NewInvite>,
) -> Result<HttpResponse, FlowError> {
    let created = flow::create(&db, officer.user, &settings, &body).await?;
    Ok(HttpResponse::Created()
        .insert_header(super::not_cached())
        .json(created))
}

/// Makes up to 30 invites at once (all or none) to print as cards: each with its code, the
/// services it links and a QR code, drawn here, of the joining page's address with the code.
#[utoipa::path(post, path = routes::CREATE_INVITE_BATCH.path, tag = "invites",
    request_body = NewInviteBatch, security(("bearer" = [])),
    responses((status = 201, body = [PrintableInvite]), SignedIn, Unprocessable))]
#[tracing::instrument(skip_all)]
pub async fn create_invite_batch(
    officer: RequireRole<Officer>,
    req: HttpRequest,
    db: web::Data<DatabaseConnection>,
    settings: web::Data<AuthSettings>,
    links: web::Data<crate::flows::passwords::LinkBase>,
    body: web::Json<NewInviteBatch>,
) -> Result<HttpResponse, FlowError> {
    // The address people open: `public_url`, else the one the officer's browser used (the same
    // origin serves the young person's app).
    let join = links.join(|| {
        let info = req.connection_info();
        format!("{}://{}", info.scheme(), info.host())
    });
    let created = flow::create_batch(&db, officer.user, &settings, &body, &join).await?;
    Ok(HttpResponse::Created()
        .insert_header(super::not_cached())
        .json(created))
}
