//! Onboarding: an officer makes a one-time invite; a young person checks it, then redeems it,
//! which creates their account, links their services and signs them in, all in one transaction.

use crate::auth::{password, AuthUser, TokenKeys};
use crate::config::AuthSettings;
use crate::domain::{invite_codes, sign_in_names};
use crate::flows::sign_in::{start_session, Started};
use crate::flows::FlowError;
use crate::store;
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use shared::api::{CreatedInvite, InviteInfo, NewInvite};
use shared::validate::{DisplayName, Invalid, InviteCode, PinCode, SignInName};
use shared::Reason;

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

/// The organisation an invite is for, and a free sign-in name to suggest.
pub async fn check(db: &DatabaseConnection, code: &InviteCode) -> Result<InviteInfo, FlowError> {
    let invite = usable_invite(db, code).await?;
    let organisation = store::organisations::find(db, invite.organisation_id)
        .await?
        .ok_or(FlowError::InviteNotFound)?;
    Ok(InviteInfo {
        organisation_name: organisation.name,
        suggested_sign_in_name: free_sign_in_name(db).await?,
    })
}

/// What a young person gives to redeem an invite, already parsed.
pub struct Redemption {
    pub code: InviteCode,
    pub sign_in_name: SignInName,
    pub display_name: DisplayName,
    pub pin: PinCode,
}

/// Creates the young person's account, links their services and starts their session. All or
/// nothing: one transaction, and an invite can be used once even when two tries race.
pub async fn redeem(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    settings: &AuthSettings,
    redemption: Redemption,
) -> Result<Started, FlowError> {
    // Refuse a bad code before the slow hash.
    usable_invite(db, &redemption.code).await?;
    let pin_hash = password::hash(redemption.pin.expose()).await?;

    let txn = db.begin().await?;
    let invite = usable_invite(&txn, &redemption.code).await?;
    let user = store::users::insert_young_person(
        &txn,
        store::users::NewYoungPerson {
            organisation_id: invite.organisation_id,
            sign_in_name: redemption.sign_in_name.as_str(),
            pin_hash,
            display_name: redemption.display_name.as_str(),
            age_band: invite.age_band,
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
    let started = start_session(&txn, keys, settings, &user, None).await?;
    txn.commit().await?;
    Ok(started)
}

/// A participation officer makes a one-time invite for a young person, linked to at most 20 of
/// the organisation's services.
pub async fn create(
    db: &DatabaseConnection,
    officer: AuthUser,
    settings: &AuthSettings,
    invite: &NewInvite,
) -> Result<CreatedInvite, FlowError> {
    let mut wanted = invite.service_ids.clone();
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
        store::services::existing_in_organisation(db, officer.organisation_id, &wanted).await?;
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
            age_band: invite.age_band,
            created_by: Some(officer.id),
            expires_at,
            service_ids: &wanted,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(CreatedInvite { code, expires_at })
}
