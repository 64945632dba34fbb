//! Sign-in, refresh and sign-out, and staff passwords through emailed links. Access tokens go in
//! the body (kept in memory by the app); refresh tokens only in an HttpOnly cookie.

use super::refusals::{BadRequest, NotFound, TooMany, Unauthenticated, Unprocessable};
use crate::auth::{limits::Limits, refresh, Revocations, TokenKeys};
use crate::config::AuthSettings;
use crate::flows::passwords::{self, LinkBase};
use crate::flows::sign_in::{self as flow, StaffStep, Started};
use crate::flows::FlowError;
use actix_web::{http::StatusCode, web, HttpRequest, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::{
    PasswordResetRequest, ResetPin, SecondFactorCode, SecondFactorSignedIn, Session, SetPassword,
    StaffSignIn, StaffSignInStep, YoungPersonSignIn,
};
use shared::routes;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::open(cfg, routes::SIGN_IN_STAFF, sign_in_staff);
    super::open(cfg, routes::SIGN_IN_STAFF_CODE, sign_in_staff_code);
    super::open(cfg, routes::SIGN_IN_YOUNG_PERSON, sign_in_young_person);
    super::open(cfg, routes::REFRESH_SESSION, refresh_session);
    super::open(cfg, routes::SIGN_OUT_EVERYWHERE, sign_out_everywhere);
    super::open(cfg, routes::SIGN_OUT, sign_out);
    super::open(cfg, routes::REQUEST_PASSWORD_RESET, request_password_reset);
    super::open(cfg, routes::SET_PASSWORD, set_password);
    super::open(cfg, routes::RESET_PIN, reset_pin);
}

/// The session in the body, its refresh token in the cookie; never cached.
pub fn session_response(
    status: StatusCode,
    settings: &AuthSettings,
    started: Started,
) -> HttpResponse {
    with_refresh_cookie(status, settings, &started.refresh_token, started.session)
}

/// `body` (which holds a new session), with that session's refresh token in the cookie.
fn with_refresh_cookie(
    status: StatusCode,
    settings: &AuthSettings,
    refresh_token: &str,
    body: impl serde::Serialize,
) -> HttpResponse {
    let cookie = refresh::cookie(
        refresh_token,
        settings.refresh_token_days,
        settings.secure_cookies,
    );
    HttpResponse::build(status)
        .cookie(cookie)
        .insert_header(super::not_cached())
        .json(body)
}

/// Staff sign in with email and password. Admins and participation officers (and anyone who
/// has set one up) are asked next for a code from their authenticator app, setting one up first
/// if they have none; the others are signed in.
#[utoipa::path(post, path = routes::SIGN_IN_STAFF.path, tag = "auth", request_body = StaffSignIn,
    responses((status = 200, body = StaffSignInStep), Unauthenticated, TooMany, BadRequest))]
#[tracing::instrument(skip_all)]
pub async fn sign_in_staff(
    req: HttpRequest,
    limits: web::Data<Limits>,
    db: web::Data<DatabaseConnection>,
    keys: web::Data<TokenKeys>,
    settings: web::Data<AuthSettings>,
    body: web::Json<StaffSignIn>,
) -> Result<HttpResponse, FlowError> {
    limits.sign_in_from(&req)?;
    let address = limits.client_address(&req);
    let step =
        flow::sign_in_staff(&db, &keys, &settings, address, &body.email, &body.password).await?;
    Ok(match step {
        StaffStep::Started(started) => with_refresh_cookie(
            StatusCode::OK,
            &settings,
            &started.refresh_token,
            StaffSignInStep::SignedIn {
                session: started.session,
            },
        ),
        StaffStep::Code(challenge) => HttpResponse::Ok()
            .insert_header(super::not_cached())
            .json(StaffSignInStep::Code { challenge }),
        StaffStep::SetUp(challenge, set_up) => HttpResponse::Ok()
            .insert_header(super::not_cached())
            .json(StaffSignInStep::SetUp { challenge, set_up }),
    })
}

/// The second step of a staff sign-in: the challenge from the first and a code from the
/// authenticator app (or a recovery code). Setting an app up, the answer holds new recovery
/// codes, shown this once.
#[utoipa::path(post, path = routes::SIGN_IN_STAFF_CODE.path, tag = "auth", request_body = SecondFactorCode,
    responses((status = 200, body = SecondFactorSignedIn), Unauthenticated, Unprocessable, TooMany, BadRequest))]
#[tracing::instrument(skip_all)]
pub async fn sign_in_staff_code(
    req: HttpRequest,
    limits: web::Data<Limits>,
    db: web::Data<DatabaseConnection>,
    keys: web::Data<TokenKeys>,
    settings: web::Data<AuthSettings>,
    body: web::Json<SecondFactorCode>,
) -> Result<HttpResponse, FlowError> {
    limits.sign_in_from(&req)?;
    let address = limits.client_address(&req);
    let signed_in = crate::flows::second_factor::sign_in_with_code(
        &db,
        &keys,
        &settings,
        address,
        &body.challenge,
        &body.code,
    )
    .await?;
    Ok(with_refresh_cookie(
        StatusCode::OK,
        &settings,
        &signed_in.started.refresh_token,
        SecondFactorSignedIn {
            session: signed_in.started.session,
            recovery_codes: signed_in.recovery_codes,
        },
    ))
}

/// A young person signs in with their sign-in name and PIN.
#[utoipa::path(post, path = routes::SIGN_IN_YOUNG_PERSON.path, tag = "auth", request_body = YoungPersonSignIn,
    responses((status = 200, body = Session), Unauthenticated, TooMany, BadRequest))]
#[tracing::instrument(skip_all)]
pub async fn sign_in_young_person(
    req: HttpRequest,
    limits: web::Data<Limits>,
    db: web::Data<DatabaseConnection>,
    keys: web::Data<TokenKeys>,
    settings: web::Data<AuthSettings>,
    body: web::Json<YoungPersonSignIn>,
) -> Result<HttpResponse, FlowError> {
    limits.sign_in_from(&req)?;
    let address = limits.client_address(&req);
    let started = flow::sign_in_young_person(
        &db,
        &keys,
        &settings,
        address,
        &body.sign_in_name,
        &body.pin,
    )
    .await?;
    Ok(session_response(StatusCode::OK, &settings, started))
}

/// Swaps the refresh cookie for a new access token and a new refresh cookie (rotation). A refresh
/// token used twice revokes its whole sign-in, since it may have been stolen.
#[utoipa::path(post, path = routes::REFRESH_SESSION.path, tag = "auth",
    responses((status = 200, body = Session), (status = 204, description = "No refresh cookie: not signed in"), Unauthenticated))]
#[tracing::instrument(skip_all)]
pub async fn refresh_session(
    req: HttpRequest,
    db: web::Data<DatabaseConnection>,
    keys: web::Data<TokenKeys>,
    settings: web::Data<AuthSettings>,
) -> Result<HttpResponse, FlowError> {
    // No cookie at all is the ordinary "not signed in" answer to the app's start-up check.
    let Some(token) = req.cookie(refresh::COOKIE_NAME) else {
        return Ok(HttpResponse::NoContent()
            .insert_header(super::not_cached())
            .finish());
    };
    let started = flow::refresh(&db, &keys, &settings, token.value()).await?;
    Ok(session_response(StatusCode::OK, &settings, started))
}

/// Ends every sign-in of the user whose refresh cookie this is, on every device: their refresh
/// tokens are revoked and their access tokens stop working at once. Clears the cookie.
#[utoipa::path(post, path = routes::SIGN_OUT_EVERYWHERE.path, tag = "auth", responses((status = 204)))]
#[tracing::instrument(skip_all)]
pub async fn sign_out_everywhere(
    req: HttpRequest,
    db: web::Data<DatabaseConnection>,
    revocations: web::Data<Revocations>,
    settings: web::Data<AuthSettings>,
) -> Result<HttpResponse, FlowError> {
    if let Some(token) = req.cookie(refresh::COOKIE_NAME) {
        flow::sign_out_everywhere(&db, &revocations, token.value()).await?;
    }
    Ok(HttpResponse::NoContent()
        .cookie(refresh::removal_cookie(settings.secure_cookies))
        .finish())
}

/// Ends this sign-in: revokes its refresh tokens and clears the cookie.
#[utoipa::path(post, path = routes::SIGN_OUT.path, tag = "auth", responses((status = 204)))]
#[tracing::instrument(skip_all)]
pub async fn sign_out(
    req: HttpRequest,
    db: web::Data<DatabaseConnection>,
    settings: web::Data<AuthSettings>,
) -> Result<HttpResponse, FlowError> {
    if let Some(token) = req.cookie(refresh::COOKIE_NAME) {
        flow::sign_out(&db, token.value()).await?;
    }
    Ok(HttpResponse::NoContent()
        .cookie(refresh::removal_cookie(settings.secure_cookies))
        .finish())
}

/// A member of staff has forgotten their password: if the email is an active staff account's, a
/// one-time link to choose a new one goes to it. The answer is the same whether it is or not.
#[utoipa::path(post, path = routes::REQUEST_PASSWORD_RESET.path, tag = "auth",
    request_body = PasswordResetRequest,
    responses((status = 204), Unprocessable, TooMany, BadRequest))]
#[tracing::instrument(skip_all)]
pub async fn request_password_reset(
    req: HttpRequest,
    limits: web::Data<Limits>,
    db: web::Data<DatabaseConnection>,
    links: web::Data<LinkBase>,
    body: web::Json<PasswordResetRequest>,
) -> Result<HttpResponse, FlowError> {
    limits.sign_in_from(&req)?;
    passwords::request_reset(&db, &links, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Chooses a password through an emailed link (an invitation or a reset). Then sign in with it.
#[utoipa::path(post, path = routes::SET_PASSWORD.path, tag = "auth", request_body = SetPassword,
    responses((status = 204), NotFound, Unprocessable, TooMany, BadRequest))]
#[tracing::instrument(skip_all)]
pub async fn set_password(
    req: HttpRequest,
    limits: web::Data<Limits>,
    db: web::Data<DatabaseConnection>,
    revocations: web::Data<Revocations>,
    body: web::Json<SetPassword>,
) -> Result<HttpResponse, FlowError> {
    limits.sign_in_from(&req)?;
    passwords::set_password(&db, &revocations, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A young person who has forgotten their PIN chooses a new one with the reset code their officer
/// gave them, and is signed in (the same account, history and sign-in name).
#[utoipa::path(post, path = routes::RESET_PIN.path, tag = "auth", request_body = ResetPin,
    responses((status = 200, body = Session), NotFound, Unprocessable, TooMany, BadRequest))]
#[tracing::instrument(skip_all)]
pub async fn reset_pin(
    req: HttpRequest,
    limits: web::Data<Limits>,
    db: web::Data<DatabaseConnection>,
    keys: web::Data<TokenKeys>,
    settings: web::Data<AuthSettings>,
    revocations: web::Data<Revocations>,
    body: web::Json<ResetPin>,
) -> Result<HttpResponse, FlowError> {
    limits.sign_in_from(&req)?;
    let started =
        crate::flows::pin_resets::reset(&db, &keys, &settings, &revocations, body.into_inner())
            .await?;
    Ok(session_response(StatusCode::OK, &settings, started))
}
