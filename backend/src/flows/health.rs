//! Is the server up, can it reach its database, and is safeguarding email getting out?

use crate::flows::FlowError;
use crate::store;
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use shared::api::Health;

/// How long safeguarding email may wait unsent before it counts as stuck.
#[derive(Debug, Clone, Copy)]
pub struct MailWatch {
    pub stuck_after: Duration,
}

/// Pings the database (an unreachable one is an internal error) and says "degraded" while any
/// safeguarding email has waited longer than `watch` allows: the server still serves, but
/// someone must look at the mail server. Nothing here names an organisation.
pub async fn check(db: &DatabaseConnection, watch: MailWatch) -> Result<Health, FlowError> {
    db.ping().await?;
    let stuck =
        store::outbox::any_safeguarding_unsent_before(db, Utc::now() - watch.stuck_after).await?;
    Ok(Health {
        status: if stuck { "degraded" } else { "ok" }.into(),
        database: store::dialect::name(db.get_database_backend()).into(),
        safeguarding_mail: if stuck { "stuck" } else { "ok" }.into(),
    })
}
