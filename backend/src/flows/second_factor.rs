//! Two-factor sign-in for staff (DESIGN §4): after the right password, admins and participation
//! officers (and anyone who has set one up) type a code from an authenticator app, or one of their
//! recovery codes. Those who have not set an app up yet do it there and then: the first code they
//! type from it confirms it and gives them their recovery codes. Wrong codes count as wrong tries
//! for the account's name under the slow-down rule, like wrong passwords.

use super::sign_in::{start_session, Started, Tries};
use crate::auth::{AuthUser, TokenKeys};
use crate::config::AuthSettings;
use crate::domain::second_factor::{self as rules, Typed};
use crate::domain::{invite_codes, slowdown::Claimed};
use crate::flows::FlowError;
use crate::store::{self, entities::second_factor, entities::user};
use anyhow::anyhow;
use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::{AuthenticatorSetUp, RecoveryCodes, SecondFactorStatus};
use shared::validate::Invalid;
use shared::Reason;
use std::net::IpAddr;
use uuid::Uuid;

/// Where a staff sign-in is after the right password.
pub enum StaffStep {
    /// Signed in: no second factor is needed.
    Started(Started),
    /// A code is needed, with this challenge.
    Code(String),
    /// An authenticator app must be set up first; its first code goes with this challenge.
    SetUp(String, AuthenticatorSetUp),
}

/// After the right password: the session, or the challenge for a code (and the app to set up).
pub(super) async fn after_password(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    settings: &AuthSettings,
    user: user::Model,
    tries: Tries,
) -> Result<StaffStep, FlowError> {
    // The right details for a switched-off account: said at once, as without a second factor.
    if user.deactivated_at.is_some() {
        return Err(FlowError::Deactivated);
    }
    let factor = store::second_factors::find(db, user.id).await?;
    let confirmed = factor.as_ref().is_some_and(|f| f.confirmed_at.is_some());
    if !confirmed && !user.role.needs_second_factor() {
        tries.right(db).await?;
        let started = start_session(db, keys, settings, &user, None).await?;
        return Ok(StaffStep::Started(started));
    }
    let challenge = keys.issue_challenge(user.id, user.token_generation)?;
    if confirmed {
        return Ok(StaffStep::Code(challenge));
    }
    // Two sign-ins before the first code (two tabs) show the same secret.
    let secret = rules::new_secret(&mut rand::thread_rng());
    let kept =
        store::second_factors::keep_pending(db, user.organisation_id, user.id, &secret).await?;
    if kept.confirmed_at.is_some() {
        // Set up a moment ago in another tab: never show a working secret again.
        return Ok(StaffStep::Code(challenge));
    }
    Ok(StaffStep::SetUp(challenge, set_up_of(&kept, &user)?))
}

fn set_up_of(
    factor: &second_factor::Model,
    user: &user::Model,
) -> Result<AuthenticatorSetUp, FlowError> {
    let account = user.email.clone().unwrap_or_default();
    let uri = rules::otpauth_uri(&factor.secret, &account)
        .ok_or_else(|| anyhow!("a stored authenticator secret is not base32"))?;
    let qr_svg = invite_codes::qr_svg(&uri).map_err(|e| anyhow!("QR code: {e}"))?;
    Ok(AuthenticatorSetUp {
        secret: factor.secret.clone(),
        uri,
        qr_svg,
    })
}

fn read_code(typed: &str) -> Result<Typed, FlowError> {
    rules::read(typed).ok_or_else(|| {
        Invalid::new(
            "code",
            Reason::CodeFormat,
            "Type the six digits your authenticator app shows, or one of your recovery codes.",
        )
        .into()
    })
}

/// Signed in with a code: the session, and recovery codes when the app was set up just now.
pub struct SignedInWithCode {
    pub started: Started,
    pub recovery_codes: Vec<String>,
}

/// The second step of a staff sign-in: the challenge from the first and a code. A challenge is
/// void once the user signed out everywhere or was switched off, and after five minutes.
pub async fn sign_in_with_code(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    settings: &AuthSettings,
    address: Option<IpAddr>,
    challenge: &str,
    typed: &str,
) -> Result<SignedInWithCode, FlowError> {
    let challenge = keys
        .verify_challenge(challenge)
        .ok_or(FlowError::Unauthenticated)?;
    let user = store::users::find(db, challenge.sub)
        .await?
        .filter(|u| u.role.is_staff() && u.token_generation == challenge.r#gen)
        .ok_or(FlowError::Unauthenticated)?;
    let typed = read_code(typed)?;
    let email = user.email.clone().unwrap_or_default();
    let tries = Tries::new(&Claimed::Staff(&email), address);
    tries.wait_over(db, settings).await?;
    // Reset by an admin since the password: sign in again to set the app up.
    let factor = store::second_factors::find(db, user.id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    let txn = db.begin().await?;
    let Some(used) = take_code(&txn, &factor, &typed).await? else {
        txn.rollback().await?;
        tries.wrong(db, settings, Some(user)).await?;
        return Err(FlowError::WrongCode);
    };
    let recovery_codes = match used {
        Used::FirstCode => {
            let codes = new_recovery_codes(&txn, &user).await?;
            audit(&txn, &user, "second_factor_set_up", json!({})).await?;
            codes
        }
        Used::Code => Vec::new(),
        Used::RecoveryCode => {
            let left = store::second_factors::recovery_codes_left(&txn, user.id).await?;
            audit(&txn, &user, "recovery_code_used", json!({ "left": left })).await?;
            Vec::new()
        }
    };
    let started = start_session(&txn, keys, settings, &user, None).await?;
    txn.commit().await?;
    tries.right(db).await?;
    Ok(SignedInWithCode {
        started,
        recovery_codes,
    })
}

/// What a right code was.
enum Used {
    /// The first code from an app being set up.
    FirstCode,
    Code,
    RecoveryCode,
}

/// Takes the code if it is right and unused (atomically: one use, on every instance).
async fn take_code(
    txn: &impl ConnectionTrait,
    factor: &second_factor::Model,
    typed: &Typed,
) -> Result<Option<Used>, FlowError> {
    let now = Utc::now();
    match typed {
        Typed::Code(code) => {
            let unix = u64::try_from(now.timestamp()).unwrap_or(0);
            let last = factor.last_step.and_then(|s| u64::try_from(s).ok());
            let Some(step) = rules::matching_step(&factor.secret, code, unix, last) else {
                return Ok(None);
            };
            let step = i64::try_from(step).map_err(anyhow::Error::new)?;
            if !store::second_factors::take_step(txn, factor.user_id, step, now).await? {
                return Ok(None);
            }
            Ok(Some(if factor.confirmed_at.is_none() {
                Used::FirstCode
            } else {
                Used::Code
            }))
        }
        // Recovery codes are given only once an app is set up.
        Typed::Recovery(_) if factor.confirmed_at.is_none() => Ok(None),
        Typed::Recovery(letters) => {
            let hash = rules::recovery_hash(letters);
            let taken =
                store::second_factors::take_recovery_code(txn, factor.user_id, &hash, now).await?;
            Ok(taken.then_some(Used::RecoveryCode))
        }
    }
}

async fn new_recovery_codes(
    txn: &impl ConnectionTrait,
    user: &user::Model,
) -> Result<Vec<String>, FlowError> {
    let codes = rules::new_recovery_codes(&mut rand::thread_rng());
    let hashes: Vec<String> = codes
        .iter()
        .filter_map(|code| match rules::read(code) {
            Some(Typed::Recovery(letters)) => Some(rules::recovery_hash(&letters)),
            _ => None,
        })
        .collect();
    store::second_factors::replace_recovery_codes(txn, user.organisation_id, user.id, &hashes)
        .await?;
    Ok(codes)
}

async fn audit(
    txn: &impl ConnectionTrait,
    user: &user::Model,
    action: &str,
    details: serde_json::Value,
) -> Result<(), FlowError> {
    super::audit::record(
        txn,
        user.organisation_id,
        user.id,
        action,
        format!("user:{}", user.id),
        details,
    )
    .await?;
    Ok(())
}

/// A member of staff's own second factor, as their settings page shows it.
pub async fn status(
    db: &DatabaseConnection,
    me: AuthUser,
) -> Result<SecondFactorStatus, FlowError> {
    let factor = store::second_factors::find(db, me.id).await?;
    let set_up = factor.is_some_and(|f| f.confirmed_at.is_some());
    Ok(SecondFactorStatus {
        set_up,
        required: me.role.needs_second_factor(),
        recovery_codes_left: if set_up {
            store::second_factors::recovery_codes_left(db, me.id).await?
        } else {
            0
        },
    })
}

/// New recovery codes for someone who has used or lost theirs, on a current code from their app
/// (a stolen access token alone cannot make them). The old ones stop working. Audited.
pub async fn replace_recovery_codes(
    db: &DatabaseConnection,
    settings: &AuthSettings,
    address: Option<IpAddr>,
    me: AuthUser,
    typed: &str,
) -> Result<RecoveryCodes, FlowError> {
    let user = store::users::find(db, me.id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    let factor = store::second_factors::find(db, me.id)
        .await?
        .filter(|f| f.confirmed_at.is_some())
        .ok_or(FlowError::Conflict(
            Reason::SecondFactorNotSetUp,
            "Set up an authenticator app first: sign out, and sign in again to do it.",
        ))?;
    // The app itself, not a recovery code: whoever holds the codes cannot make new ones.
    let typed = read_code(typed)?;
    if !matches!(typed, Typed::Code(_)) {
        return Err(Invalid::new(
            "code",
            Reason::CodeFormat,
            "Type the six digits your authenticator app shows now.",
        )
        .into());
    }
    let email = user.email.clone().unwrap_or_default();
    let tries = Tries::new(&Claimed::Staff(&email), address);
    tries.wait_over(db, settings).await?;
    let txn = db.begin().await?;
    if take_code(&txn, &factor, &typed).await?.is_none() {
        txn.rollback().await?;
        tries.wrong(db, settings, Some(user)).await?;
        return Err(FlowError::WrongCode);
    }
    let codes = new_recovery_codes(&txn, &user).await?;
    audit(&txn, &user, "recovery_codes_replaced", json!({})).await?;
    txn.commit().await?;
    Ok(RecoveryCodes { codes })
}

/// An admin resets a member of staff's second factor (a lost or changed phone): their app and
/// recovery codes stop working, and they set a new app up at their next sign-in. Their sessions
/// go on. Not their own (another admin must), so nobody can quietly drop their own. Audited.
pub async fn reset(db: &DatabaseConnection, admin: AuthUser, id: Uuid) -> Result<(), FlowError> {
    if id == admin.id {
        return Err(FlowError::Conflict(
            Reason::OwnAccount,
            "You cannot reset your own sign-in codes: another admin must.",
        ));
    }
    let txn = db.begin().await?;
    let member = store::users::find(&txn, id)
        .await?
        .filter(|u| u.organisation_id == admin.organisation_id && u.role.is_staff())
        .ok_or(super::accounts::NOT_FOUND)?;
    let removed = store::second_factors::remove(&txn, member.id).await?;
    super::audit::record(
        &txn,
        admin.organisation_id,
        admin.id,
        "second_factor_reset",
        format!("user:{}", member.id),
        json!({ "had_one": removed }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
