//! The organisation's own settings, as its admin keeps them: name, the smallest group shown
//! (never below 5), the prior weight and the languages offered; and the end of the walk through
//! them a new council's admin is given at first sign-in. A change shows at once in every commissioner's scores
//! (it starts a scores change, so no cached report outlives it) and is audited with what it was.

use crate::auth::AuthUser;
use crate::flows::FlowError;
use crate::store;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::OrganisationSettings;

const NOT_FOUND: FlowError = FlowError::NotFound(
    shared::Reason::OrganisationNotFound,
    "We could not find your organisation.",
);

async fn current(
    db: &impl ConnectionTrait,
    admin: &AuthUser,
) -> Result<OrganisationSettings, FlowError> {
    let organisation = store::organisations::find(db, admin.organisation_id)
        .await?
        .ok_or(NOT_FOUND)?;
    Ok(OrganisationSettings {
        languages: store::organisations::languages(&organisation),
        name: organisation.name,
        min_cohort: u32::try_from(organisation.min_cohort)
            .unwrap_or(OrganisationSettings::MIN_COHORT),
        prior_weight: u32::try_from(organisation.prior_weight).unwrap_or_default(),
        set_up: organisation.set_up_at.is_some(),
    })
}

pub async fn settings(
    db: &DatabaseConnection,
    admin: AuthUser,
) -> Result<OrganisationSettings, FlowError> {
    current(db, &admin).await
}

pub async fn set_settings(
    db: &DatabaseConnection,
    admin: AuthUser,
    new: OrganisationSettings,
) -> Result<OrganisationSettings, FlowError> {
    let new = new.validated()?;
    let txn = db.begin().await?;
    // The cohort and prior weight change what every score shows: a scores change, first.
    store::aggregates::begin_change(&txn, admin.organisation_id).await?;
    store::aggregates::mark_changed(&txn, admin.organisation_id, None).await?;
    let before = current(&txn, &admin).await?;
    let as_i32 = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    store::organisations::set_settings(
        &txn,
        admin.organisation_id,
        &new.name,
        as_i32(new.min_cohort),
        as_i32(new.prior_weight),
        &new.languages,
    )
    .await?;
    super::audit::record(
        &txn,
        admin.organisation_id,
        admin.id,
        "organisation_settings_changed",
        format!("organisation:{}", admin.organisation_id),
        json!({ "now": &new, "was": &before }),
    )
    .await?;
    txn.commit().await?;
    Ok(OrganisationSettings {
        set_up: before.set_up,
        ..new
    })
}

/// The admin has been through the settings: the walk is not shown again. Audited once.
pub async fn finish_set_up(
    db: &DatabaseConnection,
    admin: AuthUser,
) -> Result<OrganisationSettings, FlowError> {
    let txn = db.begin().await?;
    if store::organisations::mark_set_up(&txn, admin.organisation_id).await? {
        super::audit::record(
            &txn,
            admin.organisation_id,
            admin.id,
            "organisation_set_up",
            format!("organisation:{}", admin.organisation_id),
            json!({}),
        )
        .await?;
    }
    let settings = current(&txn, &admin).await?;
    txn.commit().await?;
    Ok(settings)
}
