//! Regions and their member councils. A council is in at most one region.

use super::entities::{organisation, region, region_member};
use crate::domain::ids::OrganisationId;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use std::collections::HashMap;
use uuid::Uuid;

/// Every region by name, each with how many councils are in it.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<(region::Model, usize)>, DbErr> {
    let regions = region::Entity::find()
        .order_by_asc(region::Column::Name)
        .all(db)
        .await?;
    let mut councils: HashMap<Uuid, usize> = HashMap::new();
    for m in region_member::Entity::find().all(db).await? {
        *councils.entry(m.region_id).or_default() += 1;
    }
    Ok(regions
        .into_iter()
        .map(|r| {
            let n = councils.get(&r.id).copied().unwrap_or_default();
            (r, n)
        })
        .collect())
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<region::Model>, DbErr> {
    region::Entity::find_by_id(id).one(db).await
}

/// The council's region's id, as a subquery.
fn region_id_of(organisation_id: OrganisationId) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(region_member::Column::RegionId)
        .from(region_member::Entity)
        .and_where(Expr::col(region_member::Column::OrganisationId).eq(organisation_id))
        .to_owned()
}

/// The council's region, if it is in one, in one query.
pub async fn of(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Option<region::Model>, DbErr> {
    let region = region_id_of(organisation_id);
    region::Entity::find()
        .filter(region::Column::Id.in_subquery(region))
        .one(db)
        .await
}

pub async fn find_by_name(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<Option<region::Model>, DbErr> {
    region::Entity::find()
        .filter(region::Column::Name.eq(name))
        .one(db)
        .await
}

pub async fn insert(
    db: &impl ConnectionTrait,
    name: &str,
    at: DateTime<Utc>,
) -> Result<region::Model, DbErr> {
    region::ActiveModel {
        id: Set(Uuid::new_v4()),
        name: Set(name.to_owned()),
        created_at: Set(at),
    }
    .insert(db)
    .await
}

/// The council's membership, if it is in a region.
pub async fn membership(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Option<region_member::Model>, DbErr> {
    region_member::Entity::find_by_id(organisation_id)
        .one(db)
        .await
}

pub async fn join(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    region_id: Uuid,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    region_member::ActiveModel {
        organisation_id: Set(organisation_id),
        region_id: Set(region_id),
        joined_at: Set(at),
    }
    .insert(db)
    .await
    .map(|_| ())
}

pub async fn leave(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<(), DbErr> {
    region_member::Entity::delete_by_id(organisation_id)
        .exec(db)
        .await
        .map(|_| ())
}

/// The region's councils with their rules and scores versions, by id.
pub async fn members(
    db: &impl ConnectionTrait,
    region_id: Uuid,
) -> Result<Vec<organisation::Model>, DbErr> {
    let ids: Vec<OrganisationId> = region_member::Entity::find()
        .filter(region_member::Column::RegionId.eq(region_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect();
    organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await
}

/// The councils of the council's region (itself among them), by id, in one query; none when it
/// is in no region.
pub async fn members_with(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Vec<organisation::Model>, DbErr> {
    let region = region_id_of(organisation_id);
    let members = Query::select()
        .column(region_member::Column::OrganisationId)
        .from(region_member::Entity)
        .and_where(Expr::col(region_member::Column::RegionId).in_subquery(region))
        .to_owned();
    organisation::Entity::find()
        .filter(organisation::Column::Id.in_subquery(members))
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await
}
