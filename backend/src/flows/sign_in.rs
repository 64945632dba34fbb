//! Signing in and staying signed in: checking a secret under the lock-out rule, starting a
//! session (an access token and a rotating refresh token), refreshing it and signing out.
//! The refresh token goes back to the route, which alone knows it travels in a cookie.

use crate::auth::{password, refresh, AuthUser, TokenKeys};
use crate::config::AuthSettings;
use crate::domain::lockout;
use crate::flows::FlowError;
use crate::store::{self, entities::user};
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use shared::api::{Me, Session};
use shared::validate::{Email, SignInName};
use shared::{AgeBand, Role};
use uuid::Uuid;

/// A session just started: the body for the app and the refresh token for its cookie.
pub struct Started {
    pub session: Session,
    pub refresh_token: String,
}

fn me_of(user: &user::Model, organisation_name: String) -> Result<Me, FlowError> {
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

/// Who is signed in, as the apps show it.
pub async fn me(db: &DatabaseConnection, user: AuthUser) -> Result<Me, FlowError> {
    let model = store::users::find(db, user.id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    let organisation = store::organisations::find(db, model.organisation_id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    me_of(&model, organisation.name)
}

/// Issues an access token and a new refresh token (in `family`, or a new family) for `user`.
pub async fn start_session(
    db: &impl ConnectionTrait,
    keys: &TokenKeys,
    settings: &AuthSettings,
    user: &user::Model,
    family: Option<Uuid>,
) -> Result<Started, FlowError> {
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
    Ok(Started {
        session: Session {
            access_token,
            expires_in: keys.ttl_seconds(),
            me,
        },
        refresh_token: token,
    })
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
        if lockout::is_locked(u.locked_until, Utc::now()) {
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
            let failed = store::users::count_failed_attempt(db, u.id).await?;
            let policy = lockout::Policy {
                max_failed_attempts: settings.max_failed_attempts,
                lockout: Duration::minutes(settings.lockout_minutes),
            };
            if let Some(until) = lockout::after_failure(policy, failed, Utc::now()) {
                store::users::lock(db, u.id, until).await?;
            }
            Err(FlowError::WrongCredentials)
        }
        None => Err(FlowError::WrongCredentials),
    }
}

/// Staff sign in with email and password.
pub async fn sign_in_staff(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    settings: &AuthSettings,
    email: &str,
    password: &str,
) -> Result<Started, FlowError> {
    // A malformed email cannot match anyone: answer as for wrong details, after the same work.
    let user = match Email::parse(email) {
        Ok(email) => store::users::find_by_email(db, email.as_str())
            .await?
            .filter(|u| Role::parse(&u.role).is_some_and(Role::is_staff)),
        Err(_) => None,
    };
    let user = check_secret(db, settings, user, |u| u.password_hash.clone(), password).await?;
    start_session(db, keys, settings, &user, None).await
}

/// A young person signs in with their sign-in name and PIN.
pub async fn sign_in_young_person(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    settings: &AuthSettings,
    sign_in_name: &str,
    pin: &str,
) -> Result<Started, FlowError> {
    let user = match SignInName::parse(sign_in_name) {
        Ok(name) => store::users::find_by_sign_in_name(db, name.as_str()).await?,
        Err(_) => None,
    };
    let user = check_secret(db, settings, user, |u| u.pin_hash.clone(), pin.trim()).await?;
    start_session(db, keys, settings, &user, None).await
}

/// Swaps a refresh token for a new session in the same family (rotation). A refresh token used
/// twice revokes its whole family, since it may have been stolen.
pub async fn refresh(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    settings: &AuthSettings,
    token: &str,
) -> Result<Started, FlowError> {
    let stored = store::refresh_tokens::find_by_hash(db, &refresh::hash(token))
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    if stored.expires_at <= Utc::now() {
        return Err(FlowError::Unauthenticated);
    }
    if !store::refresh_tokens::revoke(db, stored.id).await? {
        tracing::warn!(family = %stored.family_id, "refresh token replayed; revoking its sign-in");
        store::refresh_tokens::revoke_family(db, stored.family_id).await?;
        return Err(FlowError::Unauthenticated);
    }
    let user = store::users::find(db, stored.user_id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    start_session(db, keys, settings, &user, Some(stored.family_id)).await
}

/// Ends the sign-in this refresh token belongs to (its whole family), if it is one of ours.
pub async fn sign_out(db: &DatabaseConnection, token: &str) -> Result<(), FlowError> {
    if let Some(stored) = store::refresh_tokens::find_by_hash(db, &refresh::hash(token)).await? {
        store::refresh_tokens::revoke_family(db, stored.family_id).await?;
    }
    Ok(())
}
