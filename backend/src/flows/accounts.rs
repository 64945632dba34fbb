//! Staff accounts as the organisation's admin manages them: the list, inviting someone (an emailed
//! link to choose their password, `flows::passwords`), and switching an account off (every
//! sign-in it has ends at once, on every instance) and on again. Audited.

use super::passwords::{self, LinkBase, Purpose};
use crate::auth::{AuthUser, Revocations};
use crate::flows::FlowError;
use crate::store::{self, entities::user};
use chrono::Utc;
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::{NewStaffMember, StaffMember};
use shared::validate::{DisplayName, Email, Invalid};
use shared::{Reason, Role};
use uuid::Uuid;

/// A member of staff of the admin's organisation by that id: none (also used by
/// `second_factor::reset`).
pub(super) const NOT_FOUND: FlowError = FlowError::NotFound(
    shared::Reason::StaffNotFound,
    "We could not find that member of staff.",
);

/// The organisation's staff, by role then name.
pub async fn staff(
    db: &DatabaseConnection,
    admin: AuthUser,
) -> Result<Vec<StaffMember>, FlowError> {
    let with_app = store::second_factors::set_up_in(db, admin.organisation_id).await?;
    let staff = store::users::staff(db, admin.organisation_id).await?;
    let ids: Vec<Uuid> = staff.iter().map(|u| u.id).collect();
    let providers: std::collections::HashMap<Uuid, Uuid> =
        store::provider_accounts::providers_of(db, &ids)
            .await?
            .into_iter()
            .collect();
    Ok(staff
        .into_iter()
        .map(|u| StaffMember {
            second_factor: with_app.contains(&u.id),
            provider_id: providers.get(&u.id).copied(),
            ..member(u)
        })
        .collect())
}

fn member(u: user::Model) -> StaffMember {
    StaffMember {
        second_factor: false,
        id: u.id,
        display_name: u.display_name,
        email: u.email,
        role: u.role,
        active: u.deactivated_at.is_none(),
        invited: u.password_hash.is_none(),
        provider_id: None,
    }
}

/// Invites someone to the staff in a staff role: their account (which cannot sign in yet) and an
/// email with a link to choose their password, written together.
pub async fn invite(
    db: &DatabaseConnection,
    base: &LinkBase,
    admin: AuthUser,
    new: NewStaffMember,
) -> Result<StaffMember, FlowError> {
    let display_name = DisplayName::parse(&new.display_name)?;
    let email = Email::parse(&new.email)?;
    if !new.role.is_staff() {
        return Err(Invalid::new(
            "role",
            Reason::StaffRole,
            "Choose a staff role: participation officer, commissioner, admin or provider.",
        )
        .into());
    }
    let not_for_provider = || -> FlowError {
        Invalid::new(
            "provider_id",
            Reason::ProviderForAccount,
            "Choose the provider this account is for: one that runs a service for your council. \
             Only a provider's account names a provider.",
        )
        .into()
    };
    if (new.role == Role::Provider) != new.provider_id.is_some() {
        return Err(not_for_provider());
    }
    const TAKEN: FlowError = FlowError::Conflict(
        Reason::EmailTaken,
        "Someone already has a Chorus account with that email.",
    );
    let txn = db.begin().await?;
    if store::users::find_by_email(&txn, email.as_str())
        .await?
        .is_some()
    {
        return Err(TAKEN);
    }
    // Two admins inviting one email at once: the database's unique email decides.
    let user = store::users::insert_staff(
        &txn,
        store::users::NewStaff {
            organisation_id: admin.organisation_id,
            role: new.role,
            email: email.as_str(),
            password_hash: None,
            display_name: display_name.as_str(),
        },
    )
    .await
    .map_err(|e| {
        if store::is_unique_violation(&e) {
            TAKEN
        } else {
            e.into()
        }
    })?;
    if let Some(provider) = new.provider_id {
        // A provider of this council: one that runs at least one of its services.
        if store::provider_accounts::services_of(&txn, admin.organisation_id, provider)
            .await?
            .is_empty()
        {
            return Err(not_for_provider());
        }
        store::provider_accounts::insert(&txn, admin.organisation_id, user.id, provider).await?;
    }
    let inviter = store::users::find(&txn, admin.id)
        .await?
        .map(|a| a.display_name);
    passwords::send_link(&txn, base, &user, Purpose::Invite, inviter.as_deref()).await?;
    super::audit::record(
        &txn,
        admin.organisation_id,
        admin.id,
        "staff_invited",
        format!("user:{}", user.id),
        json!({ "role": new.role.as_str(), "provider_id": new.provider_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(StaffMember {
        provider_id: new.provider_id,
        ..member(user)
    })
}

/// Switches a staff account off: it cannot sign in, its refresh tokens are gone and its access
/// tokens stop working at once (here now, on other instances within a moment). An admin cannot
/// switch off their own account, so an organisation is never left without one by accident.
pub async fn deactivate(
    db: &DatabaseConnection,
    revocations: &Revocations,
    admin: AuthUser,
    id: Uuid,
) -> Result<(), FlowError> {
    if id == admin.id {
        return Err(FlowError::Conflict(
            shared::Reason::OwnAccount,
            "You cannot switch off your own account: another admin must.",
        ));
    }
    let txn = db.begin().await?;
    if !store::users::set_deactivated(&txn, admin.organisation_id, id, Some(Utc::now()), false)
        .await?
    {
        return Err(NOT_FOUND);
    }
    let generation = store::token_revocations::revoke(&txn, admin.organisation_id, id).await?;
    let subject = format!("user:{id}");
    super::audit::record(
        &txn,
        admin.organisation_id,
        admin.id,
        "staff_deactivated",
        subject,
        json!({}),
    )
    .await?;
    txn.commit().await?;
    if let Some(generation) = generation {
        revocations.note(id, generation);
    }
    Ok(())
}

/// Switches a staff account on again: they sign in afresh.
pub async fn reactivate(
    db: &DatabaseConnection,
    admin: AuthUser,
    id: Uuid,
) -> Result<(), FlowError> {
    let txn = db.begin().await?;
    if !store::users::set_deactivated(&txn, admin.organisation_id, id, None, false).await? {
        return Err(NOT_FOUND);
    }
    let subject = format!("user:{id}");
    super::audit::record(
        &txn,
        admin.organisation_id,
        admin.id,
        "staff_reactivated",
        subject,
        json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
