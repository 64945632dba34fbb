//! Regions: a council's admin creates one, joins one or leaves it, each audited in the council's
//! own chain. Joining starts pooling at once (the regional view reads the members when it is
//! asked); leaving stops it at once, and nothing of the council stays in the region's figures.

use crate::auth::AuthUser;
use crate::domain::directory;
use crate::flows::FlowError;
use crate::store;
use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};
use serde_json::json;
use shared::api::{NewRegion, Region, Regions};
use shared::validate::Invalid;
use shared::Reason;
use uuid::Uuid;

/// A region's name at most (the column's width).
const MAX_NAME: usize = 120;

const NOT_FOUND: FlowError =
    FlowError::NotFound(Reason::RegionNotFound, "We could not find that region.");
const ALREADY_IN: FlowError = FlowError::Conflict(
    Reason::AlreadyInRegion,
    "Your council is in a region already. Leave it first, then join another.",
);

/// Every region, and the one the admin's council is in.
pub async fn list(db: &impl ConnectionTrait, admin: &AuthUser) -> Result<Regions, DbErr> {
    let membership = store::regions::membership(db, admin.organisation_id).await?;
    let mine = membership.as_ref().map(|m| m.region_id);
    Ok(Regions {
        regions: store::regions::all(db)
            .await?
            .into_iter()
            .map(|(r, councils)| Region {
                member: Some(r.id) == mine,
                id: r.id,
                name: r.name,
                councils,
            })
            .collect(),
        joined_at: membership.map(|m| m.joined_at),
    })
}

async fn join_in(
    txn: &impl ConnectionTrait,
    admin: &AuthUser,
    region: Uuid,
) -> Result<(), FlowError> {
    if store::regions::membership(txn, admin.organisation_id)
        .await?
        .is_some()
    {
        return Err(ALREADY_IN);
    }
    store::regions::join(txn, admin.organisation_id, region, Utc::now()).await?;
    super::audit::record(
        txn,
        admin.organisation_id,
        admin.id,
        "region_joined",
        format!("region:{region}"),
        json!({}),
    )
    .await?;
    Ok(())
}

/// A new region, which the admin's council joins at once.
pub async fn create(
    db: &DatabaseConnection,
    admin: &AuthUser,
    new: NewRegion,
) -> Result<Regions, FlowError> {
    let refused = |words: String| -> FlowError {
        Invalid::new(
            "name",
            Reason::RegionName,
            format!("Check the region's name: {words}."),
        )
        .into()
    };
    let name = directory::name(&new.name, "name")
        .map_err(refused)?
        .ok_or_else(|| refused("give it a name, such as \"West Midlands\"".to_owned()))?;
    if name.chars().count() > MAX_NAME {
        return Err(refused(format!("keep it to {MAX_NAME} characters")));
    }
    let txn = db.begin().await?;
    if store::regions::find_by_name(&txn, &name).await?.is_some() {
        return Err(FlowError::Conflict(
            Reason::RegionNameTaken,
            "There is a region of that name already: join it instead.",
        ));
    }
    if store::regions::membership(&txn, admin.organisation_id)
        .await?
        .is_some()
    {
        return Err(ALREADY_IN);
    }
    let region = store::regions::insert(&txn, &name, Utc::now()).await?;
    super::audit::record(
        &txn,
        admin.organisation_id,
        admin.id,
        "region_created",
        format!("region:{}", region.id),
        json!({ "name": region.name }),
    )
    .await?;
    join_in(&txn, admin, region.id).await?;
    let regions = list(&txn, admin).await?;
    txn.commit().await?;
    Ok(regions)
}

/// The admin's council joins a region (after leaving any other).
pub async fn join(
    db: &DatabaseConnection,
    admin: &AuthUser,
    region: Uuid,
) -> Result<Regions, FlowError> {
    let txn = db.begin().await?;
    if store::regions::find(&txn, region).await?.is_none() {
        return Err(NOT_FOUND);
    }
    join_in(&txn, admin, region).await?;
    let regions = list(&txn, admin).await?;
    txn.commit().await?;
    Ok(regions)
}

/// The admin's council leaves its region: its figures leave the region's at once.
pub async fn leave(db: &DatabaseConnection, admin: &AuthUser) -> Result<Regions, FlowError> {
    let txn = db.begin().await?;
    let Some(membership) = store::regions::membership(&txn, admin.organisation_id).await? else {
        return Err(FlowError::Conflict(
            Reason::NotInRegion,
            "Your council is not in a region.",
        ));
    };
    store::regions::leave(&txn, admin.organisation_id).await?;
    super::audit::record(
        &txn,
        admin.organisation_id,
        admin.id,
        "region_left",
        format!("region:{}", membership.region_id),
        json!({}),
    )
    .await?;
    let regions = list(&txn, admin).await?;
    txn.commit().await?;
    Ok(regions)
}
