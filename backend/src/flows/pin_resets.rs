//! A young person who has forgotten their PIN keeps their account: their officer gives them a
//! one-time reset code (shown once, with their sign-in name, which they may have forgotten too),
//! and with it they choose a new PIN and are signed in. Their feedback, history and "one voice"
//! per service are untouched; every other sign-in of theirs ends, and wrong tries are forgotten.

use super::data_rights::young_person;
use crate::auth::{password, refresh, AuthUser, Revocations, TokenKeys};
use crate::config::AuthSettings;
use crate::domain::invite_codes;
use crate::domain::slowdown::Claimed;
use crate::flows::sign_in::{start_session, Started};
use crate::flows::FlowError;
use crate::store;
use chrono::{Duration, Utc};
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::{PinResetCode, ResetPin};
use shared::validate::{InviteCode, PinCode};
use shared::{Reason, Role};
use uuid::Uuid;

/// How long a reset code works.
pub const CODE_HOURS: i64 = 72;
const PURPOSE: &str = "pin_reset";

/// The officer makes a reset code for a young person of their organisation. A newer code voids
/// an older one. Audited.
pub async fn issue(
    db: &DatabaseConnection,
    officer: AuthUser,
    id: Uuid,
) -> Result<PinResetCode, FlowError> {
    let txn = db.begin().await?;
    let person = young_person(&txn, officer.organisation_id, id).await?;
    let Some(sign_in_name) = person
        .sign_in_name
        .clone()
        .filter(|_| person.erased_at.is_none())
    else {
        return Err(FlowError::Conflict(
            Reason::YoungPersonErased,
            "This young person has been erased.",
        ));
    };
    let code = invite_codes::generate(&mut rand::thread_rng());
    let expires_at = Utc::now() + Duration::hours(CODE_HOURS);
    store::account_links::replace(
        &txn,
        store::account_links::NewLink {
            organisation_id: officer.organisation_id,
            user_id: id,
            purpose: PURPOSE,
            token_hash: &refresh::hash(&code),
            expires_at,
        },
    )
    .await?;
    super::audit::record(
        &txn,
        officer.organisation_id,
        officer.id,
        "pin_reset_issued",
        format!("user:{id}"),
        json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(PinResetCode {
        code,
        sign_in_name,
        expires_at,
    })
}

/// The young person's new PIN, with the code: stored, the code used up, other sign-ins ended,
/// wrong tries forgotten, and a session started.
pub async fn reset(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    settings: &AuthSettings,
    revocations: &Revocations,
    body: ResetPin,
) -> Result<Started, FlowError> {
    const NOT_USABLE: FlowError = FlowError::NotFound(
        Reason::ResetCodeNotUsable,
        "That reset code does not work: it may have been used already or run out. Ask your \
         participation officer for a new one.",
    );
    let code = InviteCode::parse(&body.code)?;
    let pin = PinCode::parse(&body.pin)?;
    let pin_hash = password::hash(pin.expose()).await?;

    let txn = db.begin().await?;
    let link =
        store::account_links::take(&txn, &refresh::hash(code.as_str()), &[PURPOSE], Utc::now())
            .await?
            .ok_or(NOT_USABLE)?;
    let person = store::users::find(&txn, link.user_id)
        .await?
        .filter(|u| u.role == Role::YoungPerson && u.erased_at.is_none())
        .ok_or(NOT_USABLE)?;
    store::users::set_pin(&txn, person.id, pin_hash).await?;
    let generation = store::token_revocations::revoke(&txn, person.organisation_id, person.id)
        .await?
        .ok_or(NOT_USABLE)?;
    if let Some(name) = person.sign_in_name.as_deref() {
        store::sign_in_failures::clear_name(&txn, &Claimed::YoungPerson(name).key()).await?;
    }
    super::audit::record(
        &txn,
        person.organisation_id,
        person.id,
        "pin_reset",
        format!("user:{}", person.id),
        json!({}),
    )
    .await?;
    // Read again: the session's tokens carry the new generation.
    let person = store::users::find(&txn, person.id)
        .await?
        .ok_or(NOT_USABLE)?;
    let started = start_session(&txn, keys, settings, &person, None).await?;
    txn.commit().await?;
    revocations.note(person.id, generation);
    Ok(started)
}
