//! Counts of wrong sign-in tries per scope (`domain::slowdown` decides what they mean). Each
//! wrong try is one atomic upsert per scope, so tries made at the same moment, on one instance or
//! several, are all counted.

use super::entities::sign_in_failure;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Statement,
};

/// One scope: (name key, address key), either of which may be "" for "any".
pub type Scope = (String, String);

/// The stored counts of these scopes (scopes with no wrong tries are absent).
pub async fn read(
    db: &impl ConnectionTrait,
    scopes: &[Scope],
) -> Result<Vec<sign_in_failure::Model>, DbErr> {
    let any = scopes
        .iter()
        .fold(Condition::any(), |any, (name, address)| {
            any.add(
                Condition::all()
                    .add(sign_in_failure::Column::NameKey.eq(name.as_str()))
                    .add(sign_in_failure::Column::AddressKey.eq(address.as_str())),
            )
        });
    sign_in_failure::Entity::find().filter(any).all(db).await
}

/// Counts one wrong try at `now` in `scope`, starting again from one when the last was before
/// `forgotten_before`; returns the count now stored.
pub async fn record(
    db: &impl ConnectionTrait,
    scope: &Scope,
    now: DateTime<Utc>,
    forgotten_before: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let backend = db.get_database_backend();
    let sql = "INSERT INTO sign_in_failures (name_key, address_key, failures, last_failure_at) \
               VALUES (?, ?, 1, ?) ON CONFLICT (name_key, address_key) DO UPDATE SET \
               failures = CASE WHEN sign_in_failures.last_failure_at < ? THEN 1 \
               ELSE sign_in_failures.failures + 1 END, \
               last_failure_at = excluded.last_failure_at \
               RETURNING failures";
    let statement = Statement::from_sql_and_values(
        backend,
        super::dialect::numbered(backend, sql),
        [
            scope.0.as_str().into(),
            scope.1.as_str().into(),
            now.into(),
            forgotten_before.into(),
        ],
    );
    let row = db
        .query_one(statement)
        .await?
        .ok_or_else(|| DbErr::RecordNotInserted)?;
    row.try_get::<i32>("", "failures")
}

/// Forgets every count of one name (its owner signed in, or an officer let them in again).
/// Returns whether there were any.
pub async fn clear_name(db: &impl ConnectionTrait, name_key: &str) -> Result<bool, DbErr> {
    let deleted = sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::NameKey.eq(name_key))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected > 0)
}

/// Forgets one scope's count.
pub async fn forget(db: &impl ConnectionTrait, scope: &Scope) -> Result<(), DbErr> {
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::NameKey.eq(scope.0.as_str()))
        .filter(sign_in_failure::Column::AddressKey.eq(scope.1.as_str()))
        .exec(db)
        .await
        .map(|_| ())
}

/// Drops counts whose last wrong try was before `forgotten_before`: they no longer count.
pub async fn purge(
    db: &impl ConnectionTrait,
    forgotten_before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let deleted = sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::LastFailureAt.lt(forgotten_before))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}
