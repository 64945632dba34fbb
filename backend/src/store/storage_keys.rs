//! Young people's keys for what their phones keep while waiting to send: made at their first
//! sign-in, the same on every later one (so a phone's sealed items open after any sign-in), and
//! deleted with their data (what a phone still holds can then never be read).

use super::entities::storage_key;
use crate::domain::ids::OrganisationId;
use base64::Engine;
use chrono::Utc;
use rand::RngCore;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// The young person's key, made if they have none yet (two sign-ins at once keep the same one).
pub async fn get_or_make(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: Uuid,
) -> Result<String, DbErr> {
    if let Some(kept) = storage_key::Entity::find_by_id(user_id).one(db).await? {
        return Ok(kept.key);
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let made = storage_key::ActiveModel {
        user_id: Set(user_id),
        organisation_id: Set(organisation_id),
        key: Set(base64::engine::general_purpose::STANDARD.encode(bytes)),
        created_at: Set(Utc::now()),
    };
    storage_key::Entity::insert(made)
        .on_conflict(
            OnConflict::column(storage_key::Column::UserId)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    storage_key::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .map(|kept| kept.key)
        .ok_or_else(|| DbErr::RecordNotFound("storage key".into()))
}

pub async fn delete(db: &impl ConnectionTrait, user_id: Uuid) -> Result<(), DbErr> {
    storage_key::Entity::delete_many()
        .filter(storage_key::Column::UserId.eq(user_id))
        .exec(db)
        .await
        .map(|_| ())
}
