use super::entities::{provider, service, young_person_service};
use crate::domain::ids::OrganisationId;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter,
    QueryOrder, QuerySelect, RelationTrait, Set,
};
use shared::api::ServiceType;
use shared::Dimension;
use uuid::Uuid;

/// Outcomes as one column keeps them: `safe,nurtured`, in the outcomes' own order.
pub fn outcomes_text(outcomes: &[Dimension]) -> String {
    Dimension::ALL
        .into_iter()
        .filter(|d| outcomes.contains(d))
        .map(Dimension::as_str)
        .collect::<Vec<_>>()
        .join(",")
}

/// The outcomes a column holds (words it does not know are passed over).
pub fn outcomes(text: &str) -> Vec<Dimension> {
    let words: Vec<&str> = text.split(',').map(str::trim).collect();
    Dimension::ALL
        .into_iter()
        .filter(|d| words.contains(&d.as_str()))
        .collect()
}

/// A service with its provider's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceRow {
    pub id: Uuid,
    pub name: String,
    pub provider_name: String,
    pub service_type: ServiceType,
    /// The organisation's scores version when this service's score tallies last changed.
    pub scores_version: i64,
    /// The outcomes it asks about.
    pub outcomes: Vec<Dimension>,
    /// No longer offered for feedback or links; its history and scores are kept.
    pub retired: bool,
}

fn with_provider(rows: Vec<(service::Model, Option<provider::Model>)>) -> Vec<ServiceRow> {
    rows.into_iter()
        .map(|(s, p)| ServiceRow {
            id: s.id,
            name: s.name,
            provider_name: p.map(|p| p.name).unwrap_or_default(),
            service_type: s.service_type,
            scores_version: s.scores_version,
            outcomes: outcomes(&s.outcomes),
            retired: s.retired_at.is_some(),
        })
        .collect()
}

pub async fn list_for_organisation(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Vec<ServiceRow>, DbErr> {
    let rows = service::Entity::find()
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .find_also_related(provider::Entity)
        .order_by_asc(service::Column::Name)
        .all(db)
        .await?;
    Ok(with_provider(rows))
}

/// One service with its provider's name.
pub async fn row(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<ServiceRow>, DbErr> {
    let rows = service::Entity::find_by_id(id)
        .find_also_related(provider::Entity)
        .all(db)
        .await?;
    Ok(with_provider(rows).into_iter().next())
}

pub async fn list_for_young_person(
    db: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<Vec<ServiceRow>, DbErr> {
    let rows = service::Entity::find()
        .join(JoinType::InnerJoin, service::Relation::Provider.def())
        .join_rev(
            JoinType::InnerJoin,
            young_person_service::Relation::Service.def(),
        )
        .filter(young_person_service::Column::UserId.eq(user_id))
        .order_by_asc(service::Column::Name)
        .select_also(provider::Entity)
        .all(db)
        .await?;
    Ok(with_provider(rows))
}

pub async fn is_linked(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    service_id: Uuid,
) -> Result<bool, DbErr> {
    Ok(
        young_person_service::Entity::find_by_id((user_id, service_id))
            .one(db)
            .await?
            .is_some(),
    )
}

/// Of these (young person, service) pairs, those where the service is linked to the young
/// person, in one query.
pub async fn linked_pairs(
    db: &impl ConnectionTrait,
    pairs: &[(Uuid, Uuid)],
) -> Result<std::collections::HashSet<(Uuid, Uuid)>, DbErr> {
    use std::collections::HashSet;
    if pairs.is_empty() {
        return Ok(HashSet::new());
    }
    let users: HashSet<Uuid> = pairs.iter().map(|p| p.0).collect();
    let services: HashSet<Uuid> = pairs.iter().map(|p| p.1).collect();
    let found: Vec<(Uuid, Uuid)> = young_person_service::Entity::find()
        .select_only()
        .columns([
            young_person_service::Column::UserId,
            young_person_service::Column::ServiceId,
        ])
        .filter(young_person_service::Column::UserId.is_in(users))
        .filter(young_person_service::Column::ServiceId.is_in(services))
        .into_tuple()
        .all(db)
        .await?;
    Ok(found.into_iter().collect())
}

/// Of `ids`, those that are services of this organisation (retired ones too).
pub async fn existing_in_organisation(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    ids: &[Uuid],
) -> Result<Vec<Uuid>, DbErr> {
    of_organisation(db, organisation_id, ids, false).await
}

/// Of `ids`, those that are services of this organisation still offered (not retired): what
/// invites and placements may link.
pub async fn offered_in_organisation(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    ids: &[Uuid],
) -> Result<Vec<Uuid>, DbErr> {
    of_organisation(db, organisation_id, ids, true).await
}

async fn of_organisation(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    ids: &[Uuid],
    offered_only: bool,
) -> Result<Vec<Uuid>, DbErr> {
    let mut query = service::Entity::find()
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .filter(service::Column::Id.is_in(ids.iter().copied()));
    if offered_only {
        query = query.filter(service::Column::RetiredAt.is_null());
    }
    Ok(query.all(db).await?.into_iter().map(|s| s.id).collect())
}

pub async fn link(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: Uuid,
    service_id: Uuid,
) -> Result<(), DbErr> {
    if is_linked(db, user_id, service_id).await? {
        return Ok(());
    }
    young_person_service::ActiveModel {
        user_id: Set(user_id),
        service_id: Set(service_id),
        organisation_id: Set(organisation_id),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Creates the provider (shared between organisations) if it is new.
pub async fn ensure_provider(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<provider::Model, DbErr> {
    if let Some(p) = provider::Entity::find()
        .filter(provider::Column::Name.eq(name))
        .one(db)
        .await?
    {
        return Ok(p);
    }
    provider::ActiveModel {
        id: Set(Uuid::new_v4()),
        name: Set(name.to_owned()),
        urn: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
}

/// Creates the organisation's service of this provider if it is new.
pub async fn ensure_service(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    provider_id: Uuid,
    name: &str,
    service_type: ServiceType,
) -> Result<service::Model, DbErr> {
    if let Some(s) = service::Entity::find()
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .filter(service::Column::ProviderId.eq(provider_id))
        .filter(service::Column::Name.eq(name))
        .one(db)
        .await?
    {
        return Ok(s);
    }
    // A new service is a new row on the dashboard.
    super::aggregates::begin_change(db, organisation_id).await?;
    service::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(organisation_id),
        provider_id: Set(provider_id),
        name: Set(name.to_owned()),
        service_type: Set(service_type),
        created_at: Set(Utc::now()),
        scores_version: Set(0),
        outcomes: Set(outcomes_text(&Dimension::ALL)),
        retired_at: Set(None),
    }
    .insert(db)
    .await
}

pub async fn name(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<String>, DbErr> {
    Ok(service::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|s| s.name))
}

pub async fn names(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, String>, DbErr> {
    Ok(service::Entity::find()
        .filter(service::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect())
}

/// A young person's links, current and ended: (service, since, until).
pub async fn link_history(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: Uuid,
) -> Result<Vec<(Uuid, DateTime<Utc>, Option<DateTime<Utc>>)>, DbErr> {
    use super::entities::ended_service_link;
    let mut links: Vec<(Uuid, DateTime<Utc>, Option<DateTime<Utc>>)> =
        young_person_service::Entity::find()
            .filter(young_person_service::Column::UserId.eq(user_id))
            .filter(young_person_service::Column::OrganisationId.eq(organisation_id))
            .all(db)
            .await?
            .into_iter()
            .map(|l| (l.service_id, l.created_at, None))
            .collect();
    links.extend(
        ended_service_link::Entity::find()
            .filter(ended_service_link::Column::UserId.eq(user_id))
            .filter(ended_service_link::Column::OrganisationId.eq(organisation_id))
            .all(db)
            .await?
            .into_iter()
            .map(|l| (l.service_id, l.linked_at, Some(l.unlinked_at))),
    );
    Ok(links)
}

/// Ends a current link, keeping when it began and ended; false if there was none.
pub async fn unlink(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: Uuid,
    service_id: Uuid,
) -> Result<bool, DbErr> {
    use super::entities::ended_service_link;
    let Some(current) = young_person_service::Entity::find_by_id((user_id, service_id))
        .filter(young_person_service::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    young_person_service::Entity::delete_by_id((user_id, service_id))
        .exec(db)
        .await?;
    ended_service_link::ActiveModel {
        user_id: Set(user_id),
        service_id: Set(service_id),
        organisation_id: Set(organisation_id),
        linked_at: Set(current.created_at),
        unlinked_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(true)
}
