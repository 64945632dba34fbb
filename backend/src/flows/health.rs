//! Is the server up, and can it reach its database?

use crate::flows::FlowError;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use shared::api::Health;

/// Pings the database; an unreachable one is an internal error.
pub async fn check(db: &DatabaseConnection) -> Result<Health, FlowError> {
    db.ping().await?;
    Ok(Health {
        status: "ok".into(),
        database: crate::store::dialect::name(db.get_database_backend()).into(),
    })
}
