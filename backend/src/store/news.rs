//! Young people's news rows: told once per event, read newest first, marked seen, deleted with
//! the young person's data.

use super::entities::news_item;
use crate::domain::ids::OrganisationId;
use chrono::{SubsecRound, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared::api::NewsKind;
use uuid::Uuid;

/// Tells each of `young_people` that `kind` happened to `subject_id`; one who was told already
/// is not told again. Returns how many were told now.
pub async fn tell(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    young_people: &[Uuid],
    kind: NewsKind,
    subject_id: Uuid,
) -> Result<u64, DbErr> {
    if young_people.is_empty() {
        return Ok(0);
    }
    let now = Utc::now().trunc_subsecs(6);
    let rows = young_people.iter().map(|user_id| news_item::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(organisation_id),
        user_id: Set(*user_id),
        kind: Set(kind),
        subject_id: Set(subject_id),
        created_at: Set(now),
        read_at: Set(None),
    });
    news_item::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                news_item::Column::UserId,
                news_item::Column::Kind,
                news_item::Column::SubjectId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await
}

/// The young person's newest `limit` pieces of news, newest first.
pub async fn newest(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    limit: u64,
) -> Result<Vec<news_item::Model>, DbErr> {
    news_item::Entity::find()
        .filter(news_item::Column::UserId.eq(user_id))
        .order_by_desc(news_item::Column::CreatedAt)
        .order_by_desc(news_item::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// How many pieces of news the young person has not seen.
pub async fn unread(db: &impl ConnectionTrait, user_id: Uuid) -> Result<u64, DbErr> {
    news_item::Entity::find()
        .filter(news_item::Column::UserId.eq(user_id))
        .filter(news_item::Column::ReadAt.is_null())
        .count(db)
        .await
}

/// Marks those of `ids` that are the young person's as seen now (others' ids change nothing).
pub async fn mark_seen(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    ids: &[Uuid],
) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    news_item::Entity::update_many()
        .col_expr(
            news_item::Column::ReadAt,
            Expr::value(Utc::now().trunc_subsecs(6)),
        )
        .filter(news_item::Column::UserId.eq(user_id))
        .filter(news_item::Column::Id.is_in(ids.iter().copied()))
        .filter(news_item::Column::ReadAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn delete_for(db: &impl ConnectionTrait, user_id: Uuid) -> Result<(), DbErr> {
    news_item::Entity::delete_many()
        .filter(news_item::Column::UserId.eq(user_id))
        .exec(db)
        .await
        .map(|_| ())
}
