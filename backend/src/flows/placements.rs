//! A young person's services as placements change, and their age band as they grow: the officer
//! links a new service and ends an old one (the history shows since and until), and moves them to
//! another band. Feedback and scores keep their history (nothing here
//! touches them), and a young person gives feedback only on services linked now. Audited.

use crate::auth::AuthUser;
use crate::flows::data_rights::{not_erased, young_person};
use crate::flows::FlowError;
use crate::store;
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::ServiceLink;
use uuid::Uuid;

/// Current links first (newest first), then ended ones (most recently ended first).
pub async fn links(
    db: &DatabaseConnection,
    officer: AuthUser,
    id: Uuid,
) -> Result<Vec<ServiceLink>, FlowError> {
    let person = young_person(db, officer.organisation_id, id).await?;
    let history = store::services::link_history(db, officer.organisation_id, person.id).await?;
    let mut rows = Vec::with_capacity(history.len());
    for (service_id, since, until) in history {
        let Some(row) = store::services::row(db, service_id).await? else {
            continue;
        };
        rows.push(ServiceLink {
            service_id,
            service_name: row.name,
            provider_name: row.provider_name,
            since,
            until,
        });
    }
    rows.sort_by(|a, b| match (a.until, b.until) {
        (None, None) => b.since.cmp(&a.since),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => y.cmp(&x),
    });
    Ok(rows)
}

/// Records what the officer did about this young person.
async fn audit(
    txn: &impl sea_orm::ConnectionTrait,
    officer: &AuthUser,
    action: &str,
    id: Uuid,
    details: serde_json::Value,
) -> Result<(), sea_orm::DbErr> {
    let subject = format!("user:{id}");
    super::audit::record(
        txn,
        officer.organisation_id,
        officer.id,
        action,
        subject,
        details,
    )
    .await
}

/// Moves a young person to another age band (they grow up): their questions and wording follow
/// from their next page. Their earlier answers keep the band they were given in.
pub async fn set_age_band(
    db: &DatabaseConnection,
    officer: AuthUser,
    id: Uuid,
    band: shared::AgeBand,
) -> Result<(), FlowError> {
    let txn = db.begin().await?;
    let person = not_erased(&txn, &officer, id).await?;
    store::users::set_age_band(&txn, person.id, band).await?;
    let details = json!({ "from": person.age_band.map(|b| b.as_str()), "to": band.as_str() });
    audit(&txn, &officer, "age_band_changed", id, details).await?;
    txn.commit().await?;
    Ok(())
}

/// Switches a young person's account off (they left care) or on again. Off: no sign-in, every
/// sign-in they had ends at once; their words, answers and history are kept (erasing is the
/// data request that removes them).
pub async fn set_active(
    db: &DatabaseConnection,
    revocations: &crate::auth::Revocations,
    officer: AuthUser,
    id: Uuid,
    active: bool,
) -> Result<(), FlowError> {
    let txn = db.begin().await?;
    let person = not_erased(&txn, &officer, id).await?;
    let when = (!active).then(chrono::Utc::now);
    store::users::set_deactivated(&txn, officer.organisation_id, person.id, when, true).await?;
    let generation = if active {
        None
    } else {
        store::token_revocations::revoke(&txn, officer.organisation_id, person.id).await?
    };
    let action = if active {
        "young_person_reactivated"
    } else {
        "young_person_deactivated"
    };
    audit(&txn, &officer, action, id, json!({})).await?;
    txn.commit().await?;
    if let Some(generation) = generation {
        revocations.note(person.id, generation);
    }
    Ok(())
}

/// Links a service of the organisation (already linked: nothing changes).
pub async fn link(
    db: &DatabaseConnection,
    officer: AuthUser,
    id: Uuid,
    service_id: Uuid,
) -> Result<(), FlowError> {
    let txn = db.begin().await?;
    let person = not_erased(&txn, &officer, id).await?;
    if store::services::offered_in_organisation(&txn, officer.organisation_id, &[service_id])
        .await?
        .is_empty()
    {
        return Err(FlowError::NotFound(
            shared::Reason::ServiceNotFound,
            "We could not find that service, or it has been retired.",
        ));
    }
    store::services::link(&txn, officer.organisation_id, person.id, service_id).await?;
    let details = json!({ "service_id": service_id });
    audit(&txn, &officer, "service_linked", id, details).await?;
    txn.commit().await?;
    Ok(())
}

/// Ends a current link; their feedback about the service stays, and scores with it.
pub async fn unlink(
    db: &DatabaseConnection,
    officer: AuthUser,
    id: Uuid,
    service_id: Uuid,
) -> Result<(), FlowError> {
    let txn = db.begin().await?;
    let person = young_person(&txn, officer.organisation_id, id).await?;
    if !store::services::unlink(&txn, officer.organisation_id, person.id, service_id).await? {
        return Err(FlowError::NotFound(
            shared::Reason::ServiceNotFound,
            "That service is not linked to this young person.",
        ));
    }
    let details = json!({ "service_id": service_id });
    audit(&txn, &officer, "service_unlinked", id, details).await?;
    txn.commit().await?;
    Ok(())
}
