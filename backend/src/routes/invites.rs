//! Onboarding: an officer makes a one-time invite; a young person checks and redeems it.

use crate::auth::{limits::Limits, password, Officer, RequireRole, TokenKeys};
use crate::config::AuthSettings;
use crate::domain::{invite_codes, sign_in_names};
use crate::flows::FlowError;
use crate::store;
use actix_web::{http::StatusCode, post, web, HttpRequest, HttpResponse};
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use shared::api::{CreatedInvite, InviteCheck, InviteInfo, NewInvite, RedeemInvite, Session};
use shared::validate::{DisplayName, Invalid, InviteCode, PinCode, SignInName};
use shared::AgeBand;
use shared::Reason;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(check_invite)
        .service(redeem_invite)
        .service(create_invite);
}

async fn usable_invite(
    db: &impl ConnectionTrait,
    code: &InviteCode,
) -> Result<store::entities::invite::Model, FlowError> {
    let invite = store::invites::find_by_code(db, code.as_str())
        .await?
        .ok_or(FlowError::InviteNotFound)?;
    if !store::invites::is_usable(&invite, Utc::now()) {
        return Err(FlowError::InviteUsed);
    }
    Ok(invite)
}

/// A sign-in name nobody has yet.
async fn free_sign_in_name(db: &impl ConnectionTrait) -> Result<String, FlowError> {
    for _ in 0..50 {
        let candidate = sign_in_names::suggest(&mut rand::thread_rng());
        if !store::users::sign_in_name_exists(db, &candidate).await? {
            return Ok(candidate);
        }
    }
    Err(FlowError::Internal(anyhow::anyhow!(
        "no free sign-in name after 50 tries"
    )))
}

/// Checks an invite code and suggests a sign-in name.
#[utoipa::path(post, path = "/api/v1/invites/check", tag = "invites", request_body = InviteCheck,
    responses((status = 200, body = InviteInfo), (status = 404, body = shared::ApiError),
              (status = 410, body = shared::ApiError), (status = 422, body = shared::ApiError)))]
#[post("/invites/check")]
#[tracing::instrument(skip_all)]
pub async fn check_invite(
    req: HttpRequest,
    limits: web::Data<Limits>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<InviteCheck>,
) -> Result<HttpResponse, FlowError> {
    limits.sign_in(req.peer_addr().map(|a| a.ip()))?;
    let code = InviteCode::parse(&body.code)?;
    let invite = usable_invite(db.get_ref(), &code).await?;
    let organisation = store::organisations::find(db.get_ref(), invite.organisation_id)
        .await?
        .ok_or(FlowError::InviteNotFound)?;
    Ok(HttpResponse::Ok().json(InviteInfo {
        organisation_name: organisation.name,
        suggested_sign_in_name: free_sign_in_name(db.get_ref()).await?,
    }))
}

/// Redeems an invite: creates the young person's account, links their services and signs them in.
/// All or nothing: one transaction, and an invite can be used once even when two tries race.
#[utoipa::path(post, path = "/api/v1/invites/redeem", tag = "invites", request_body = RedeemInvite,
    responses((status = 201, body = Session), (status = 404, body = shared::ApiError),
              (status = 409, body = shared::ApiError), (status = 410, body = shared::ApiError),
              (status = 422, body = shared::ApiError)))]
#[post("/invites/redeem")]
#[tracing::instrument(skip_all)]
pub async fn redeem_invite(
    req: HttpRequest,
    limits: web::Data<Limits>,
    db: web::Data<DatabaseConnection>,
    keys: web::Data<TokenKeys>,
    settings: web::Data<AuthSettings>,
    body: web::Json<RedeemInvite>,
) -> Result<HttpResponse, FlowError> {
    limits.sign_in(req.peer_addr().map(|a| a.ip()))?;
    let code = InviteCode::parse(&body.code)?;
    let sign_in_name = SignInName::parse(&body.sign_in_name)?;
    let display_name = DisplayName::parse(&body.display_name)?;
    let pin = PinCode::parse(&body.pin)?;
    usable_invite(db.get_ref(), &code).await?;
    let pin_hash = password::hash(pin.expose()).await?;

    let txn = db.begin().await?;
    let invite = usable_invite(&txn, &code).await?;
    let age_band = AgeBand::parse(&invite.age_band)
        .ok_or_else(|| FlowError::Internal(anyhow::anyhow!("invite has an unknown age band")))?;
    let user = store::users::insert_young_person(
        &txn,
        store::users::NewYoungPerson {
            organisation_id: invite.organisation_id,
            sign_in_name: sign_in_name.as_str(),
            pin_hash,
            display_name: display_name.as_str(),
            age_band: age_band.as_str(),
        },
    )
    .await
    .map_err(|e| {
        if store::is_unique_violation(&e) {
            FlowError::SignInNameTaken
        } else {
            e.into()
        }
    })?;
    if !store::invites::mark_redeemed(&txn, invite.id, user.id).await? {
        return Err(FlowError::InviteUsed);
    }
    for service_id in store::invites::service_ids(&txn, invite.id).await? {
        store::services::link(&txn, invite.organisation_id, user.id, service_id).await?;
    }
    let (session, cookie) = super::auth::start_session(&txn, &keys, &settings, &user, None).await?;
    txn.commit().await?;
    Ok(HttpResponse::build(StatusCode::CREATED)
        .cookie(cookie)
        .insert_header(("Cache-Control", "no-store"))
        .json(session))
}

/// A participation officer makes a one-time invite for a young person, linked to their services.
#[utoipa::path(post, path = "/api/v1/invites", tag = "invites", request_body = NewInvite,
    security(("bearer" = [])),
    responses((status = 201, body = CreatedInvite), (status = 401, body = shared::ApiError),
              (status = 403, body = shared::ApiError), (status = 422, body = shared::ApiError)))]
#[post("/invites")]
#[tracing::instrument(skip_all)]
pub async fn create_invite(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    settings: web::Data<AuthSettings>,
    body: web::Json<NewInvite>,
) -> Result<HttpResponse, FlowError> {
    let mut wanted = body.service_ids.clone();
    wanted.sort();
    wanted.dedup();
    if wanted.len() > 20 {
        return Err(Invalid {
            field: "service_ids",
            reason: Reason::TooManyServices,
            message: "An invite can link at most 20 services.".into(),
        }
        .into());
    }
    let found =
        store::services::existing_in_organisation(db.get_ref(), officer.organisation_id, &wanted)
            .await?;
    if found.len() != wanted.len() {
        return Err(Invalid {
            field: "service_ids",
            reason: Reason::UnknownService,
            message: "One of those services is not one of your organisation's services.".into(),
        }
        .into());
    }
    let code = invite_codes::generate(&mut rand::thread_rng());
    let expires_at = Utc::now() + Duration::days(settings.invite_days);
    let txn = db.begin().await?;
    store::invites::insert(
        &txn,
        store::invites::NewInvite {
            organisation_id: officer.organisation_id,
            code: &code,
            age_band: body.age_band.as_str(),
            created_by: Some(officer.id),
            expires_at,
            service_ids: &wanted,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(CreatedInvite { code, expires_at }))
}
