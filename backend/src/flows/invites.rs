//! Onboarding: an officer makes one-time invites (one, or a batch to print as cards with a QR
//! code); a young person checks one, then redeems it,
//! which creates their account, links their services and signs them in, all in one transaction.

use crate::auth::{password, AuthUser, TokenKeys};
use crate::config::AuthSettings;
use crate::domain::{invite_codes, sign_in_names};
use crate::flows::sign_in::{start_session, Started};
use crate::flows::FlowError;
use crate::store;
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use shared::api::{CreatedInvite, InviteInfo, NewInvite, NewInviteBatch, PrintableInvite};
use shared::validate::{DisplayName, Invalid, InviteCode, PinCode, SignInName};
use shared::Reason;
use uuid::Uuid;

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
/// The services an invite may link: the organisation's own, at most 20, each once.
async fn checked_services(
    db: &DatabaseConnection,
    officer: &AuthUser,
    service_ids: &[Uuid],
) -> Result<Vec<Uuid>, FlowError> {
    let mut wanted = service_ids.to_vec();
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
        store::services::offered_in_organisation(db, officer.organisation_id, &wanted).await?;
    if found.len() != wanted.len() {
        return Err(Invalid {
            field: "service_ids",
            reason: Reason::UnknownService,
            message: "One of those services is not one of your organisation's services, or it has been retired.".into(),
        }
        .into());
    }
    Ok(wanted)
}

/// Makes `count` invites in one transaction (all or none); returns their codes.
async fn make(
    db: &DatabaseConnection,
    officer: &AuthUser,
    settings: &AuthSettings,
    age_band: shared::AgeBand,
    services: &[Uuid],
    count: u32,
) -> Result<(Vec<String>, chrono::DateTime<Utc>), FlowError> {
    let expires_at = Utc::now() + Duration::days(settings.invite_days);
    let codes: Vec<String> = (0..count)
        .map(|_| invite_codes::generate(&mut rand::thread_rng()))
        .collect();
    let txn = db.begin().await?;
    for code in &codes {
        let invite = store::invites::NewInvite {
            organisation_id: officer.organisation_id,
            code,
            age_band,
            created_by: Some(officer.id),
            expires_at,
            service_ids: services,
        };
        store::invites::insert(&txn, invite).await?;
    }
    txn.commit().await?;
    Ok((codes, expires_at))
}

pub async fn create(
    db: &DatabaseConnection,
    officer: AuthUser,
    settings: &AuthSettings,
    invite: &NewInvite,
) -> Result<CreatedInvite, FlowError> {
    let wanted = checked_services(db, &officer, &invite.service_ids).await?;
    let (mut codes, expires_at) = make(db, &officer, settings, invite.age_band, &wanted, 1).await?;
    let code = codes.pop().unwrap_or_default();
    Ok(CreatedInvite { code, expires_at })
}

/// Several invites at once, to print as cards: each with its code, the services it links and a
/// QR code of `join` (the voice app's joining page) with the code.
pub async fn create_batch(
    db: &DatabaseConnection,
    officer: AuthUser,
    settings: &AuthSettings,
    batch: &NewInviteBatch,
    join: &str,
) -> Result<Vec<PrintableInvite>, FlowError> {
    if !(1..=NewInviteBatch::MAX_BATCH).contains(&batch.count) {
        return Err(Invalid {
            field: "count",
            reason: Reason::BatchSize,
            message: format!(
                "Make between 1 and {} invites at a time.",
                NewInviteBatch::MAX_BATCH
            ),
        }
        .into());
    }
    let wanted = checked_services(db, &officer, &batch.service_ids).await?;
    let names = store::services::names(db, &wanted).await?;
    let mut services: Vec<String> = wanted
        .iter()
        .filter_map(|id| names.get(id).cloned())
        .collect();
    services.sort();
    let (codes, expires_at) =
        make(db, &officer, settings, batch.age_band, &wanted, batch.count).await?;
    codes
        .into_iter()
        .map(|code| {
            let join_url = format!("{join}?code={code}");
            let qr_svg = invite_codes::qr_svg(&join_url).map_err(|e| anyhow::anyhow!("{e}"))?;
            Ok(PrintableInvite {
                code,
                expires_at,
                services: services.clone(),
                join_url,
                qr_svg,
            })
        })
        .collect()
}
