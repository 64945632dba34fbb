//! Sign-in, refresh and sign-out. Access tokens go in the body (kept in memory by the app);
//! refresh tokens only in an HttpOnly cookie.

use crate::auth::{limits::Limits, password, refresh, TokenKeys};
use crate::config::AuthSettings;
use crate::flows::FlowError;
use crate::store::{self, entities::user};
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use shared::api::{Me, Session, StaffSignIn, YoungPersonSignIn};
use shared::validate::{Email, SignInName};
use shared::{AgeBand, Role};
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(sign_in_staff)
        .service(sign_in_young_person)
        .service(refresh_session)
        .service(sign_out);
}

pub fn me_of(user: &user::Model, organisation_name: String) -> Result<Me, FlowError> {
    let role = Role::parse(&user.role)
        .ok_or_else(|| FlowError::Internal(anyhow::anyhow!("unknown role stored for a user")))?;
    Ok(Me {
        id: user.id,
        role,
        display_name: user.display_name.clone(),
        organisation_name,
        sign_in_name: user.sign_in_name.clone(),
        age_band: user.age_band.as_deref().and_then(AgeBand::parse),
    })
}

/// Issues an access token and a new refresh token (in `family`, or a new family) for `user`.
pub async fn start_session(
    db: &impl ConnectionTrait,
    keys: &TokenKeys,
    settings: &AuthSettings,
    user: &user::Model,
    family: Option<Uuid>,
) -> Result<(Session, actix_web::cookie::Cookie<'static>), FlowError> {
    let organisation = store::organisations::find(db, user.organisation_id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    let me = me_of(user, organisation.name)?;
    let access_token = keys.issue(user.id, user.organisation_id, me.role)?;
    let token = refresh::generate();
    store::refresh_tokens::insert(
        db,
        store::refresh_tokens::NewRefreshToken {
            organisation_id: user.organisation_id,
            user_id: user.id,
            token_hash: &refresh::hash(&token),
            family_id: family.unwrap_or_else(Uuid::new_v4),
            expires_at: Utc::now() + Duration::days(settings.refresh_token_days),
        },
    )
    .await?;
    let cookie = refresh::cookie(&token, settings.refresh_token_days, settings.secure_cookies);
    Ok((
        Session {
            access_token,
            expires_in: keys.ttl_seconds(),
            me,
        },
        cookie,
    ))
}

/// Checks a secret against a user's stored hash, counting failures and honouring lock-out.
async fn check_secret(
    db: &DatabaseConnection,
    settings: &AuthSettings,
    user: Option<user::Model>,
    stored_hash: impl Fn(&user::Model) -> Option<String>,
    secret: &str,
) -> Result<user::Model, FlowError> {
    if let Some(u) = &user {
        if store::users::is_locked(u, Utc::now()) {
            return Err(FlowError::AccountLocked);
        }
    }
    let ok = password::verify(user.as_ref().and_then(&stored_hash), secret).await?;
    match user {
        Some(u) if ok => {
            store::users::record_successful_sign_in(db, u.id).await?;
            Ok(u)
        }
        Some(u) => {
            store::users::record_failed_attempt(
                db,
                u.id,
                settings.max_failed_attempts,
                Duration::minutes(settings.lockout_minutes),
            )
            .await?;
            Err(FlowError::WrongCredentials)
        }
        None => Err(FlowError::WrongCredentials),
    }
}

fn session_response(
    status: actix_web::http::StatusCode,
    session: Session,
    cookie: actix_web::cookie::Cookie<'static>,
) -> HttpResponse {
    HttpResponse::build(status)
        .cookie(cookie)
        .insert_header(("Cache-Control", "no-store"))
        .json(session)
}

/// Staff sign in with email and password.
#[utoipa::path(post, path = "/api/v1/auth/staff/sign-in", tag = "auth", request_body = StaffSignIn,
    responses((status = 200, body = Session), (status = 401, body = shared::ApiError),
              (status = 423, body = shared::ApiError), (status = 400, body = shared::ApiError)))]
#[post("/auth/staff/sign-in")]
#[tracing::instrument(skip_all)]
pub async fn sign_in_staff(
    req: HttpRequest,
    limits: web::Data<Limits>,
    db: web::Data<DatabaseConnection>,
    keys: web::Data<TokenKeys>,
    settings: web::Data<AuthSettings>,
    body: web::Json<StaffSignIn>,
) -> Result<HttpResponse, FlowError> {
    limits.sign_in(req.peer_addr().map(|a| a.ip()))?;
    // A malformed email cannot match anyone: answer as for wrong details, after the same work.
    let user = match Email::parse(&body.email) {
        Ok(email) => store::users::find_by_email(db.get_ref(), email.as_str())
            .await?
            .filter(|u| Role::parse(&u.role).is_some_and(Role::is_staff)),
        Err(_) => None,
    };
    let user = check_secret(
        &db,
        &settings,
        user,
        |u| u.password_hash.clone(),
        &body.password,
    )
    .await?;
    let (session, cookie) = start_session(db.get_ref(), &keys, &settings, &user, None).await?;
    Ok(session_response(
        actix_web::http::StatusCode::OK,
        session,
        cookie,
    ))
}

/// A young person signs in with their sign-in name and PIN.
#[utoipa::path(post, path = "/api/v1/auth/young-person/sign-in", tag = "auth", request_body = YoungPersonSignIn,
    responses((status = 200, body = Session), (status = 401, body = shared::ApiError),
              (status = 423, body = shared::ApiError), (status = 400, body = shared::ApiError)))]
#[post("/auth/young-person/sign-in")]
#[tracing::instrument(skip_all)]
pub async fn sign_in_young_person(
    req: HttpRequest,
    limits: web::Data<Limits>,
    db: web::Data<DatabaseConnection>,
    keys: web::Data<TokenKeys>,
    settings: web::Data<AuthSettings>,
    body: web::Json<YoungPersonSignIn>,
) -> Result<HttpResponse, FlowError> {
    limits.sign_in(req.peer_addr().map(|a| a.ip()))?;
    let user = match SignInName::parse(&body.sign_in_name) {
        Ok(name) => store::users::find_by_sign_in_name(db.get_ref(), name.as_str()).await?,
        Err(_) => None,
    };
    let user = check_secret(
        &db,
        &settings,
        user,
        |u| u.pin_hash.clone(),
        body.pin.trim(),
    )
    .await?;
    let (session, cookie) = start_session(db.get_ref(), &keys, &settings, &user, None).await?;
    Ok(session_response(
        actix_web::http::StatusCode::OK,
        session,
        cookie,
    ))
}

/// Swaps the refresh cookie for a new access token and a new refresh cookie (rotation). A refresh
/// token used twice revokes its whole sign-in, since it may have been stolen.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth",
    responses((status = 200, body = Session), (status = 204, description = "No refresh cookie: not signed in"),
              (status = 401, body = shared::ApiError)))]
#[post("/auth/refresh")]
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
            .insert_header(("Cache-Control", "no-store"))
            .finish());
    };
    let stored = store::refresh_tokens::find_by_hash(db.get_ref(), &refresh::hash(token.value()))
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    if stored.expires_at <= Utc::now() {
        return Err(FlowError::Unauthenticated);
    }
    if !store::refresh_tokens::revoke(db.get_ref(), stored.id).await? {
        tracing::warn!(family = %stored.family_id, "refresh token replayed; revoking its sign-in");
        store::refresh_tokens::revoke_family(db.get_ref(), stored.family_id).await?;
        return Err(FlowError::Unauthenticated);
    }
    let user = store::users::find(db.get_ref(), stored.user_id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    let (session, cookie) = start_session(
        db.get_ref(),
        &keys,
        &settings,
        &user,
        Some(stored.family_id),
    )
    .await?;
    Ok(session_response(
        actix_web::http::StatusCode::OK,
        session,
        cookie,
    ))
}

/// Ends this sign-in: revokes its refresh tokens and clears the cookie.
#[utoipa::path(post, path = "/api/v1/auth/sign-out", tag = "auth", responses((status = 204)))]
#[post("/auth/sign-out")]
#[tracing::instrument(skip_all)]
pub async fn sign_out(
    req: HttpRequest,
    db: web::Data<DatabaseConnection>,
    settings: web::Data<AuthSettings>,
) -> Result<HttpResponse, FlowError> {
    if let Some(token) = req.cookie(refresh::COOKIE_NAME) {
        if let Some(stored) =
            store::refresh_tokens::find_by_hash(db.get_ref(), &refresh::hash(token.value())).await?
        {
            store::refresh_tokens::revoke_family(db.get_ref(), stored.family_id).await?;
        }
    }
    Ok(HttpResponse::NoContent()
        .cookie(refresh::removal_cookie(settings.secure_cookies))
        .finish())
}
