//! Staff accounts as the organisation's admin manages them: the list, and switching an account
//! off (every sign-in it has ends at once, on every instance) and on again. Audited.

use crate::auth::{AuthUser, Revocations};
use crate::flows::FlowError;
use crate::store;
use chrono::Utc;
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::StaffMember;
use uuid::Uuid;

const NOT_FOUND: FlowError = FlowError::NotFound(
    shared::Reason::StaffNotFound,
    "We could not find that member of staff.",
);

/// The organisation's staff, by role then name.
pub async fn staff(
    db: &DatabaseConnection,
    admin: AuthUser,
) -> Result<Vec<StaffMember>, FlowError> {
    Ok(store::users::staff(db, admin.organisation_id)
        .await?
        .into_iter()
        .map(|u| StaffMember {
            id: u.id,
            display_name: u.display_name,
            email: u.email,
            role: u.role,
            active: u.deactivated_at.is_none(),
        })
        .collect())
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
