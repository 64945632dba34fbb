//! Signs a checkpoint of each organisation's audit chain head every `checkpoint_seconds`, when it
//! has moved. Safe with several instances: a checkpoint is keyed by (organisation, seq), so
//! whichever instance comes first writes it and the others' inserts do nothing.

use crate::store;
use sea_orm::DatabaseConnection;
use std::time::Duration;

/// Runs until the process ends; the first checkpoint comes one period after start-up.
pub fn spawn(db: DatabaseConnection, checkpoint_seconds: u64) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let period = Duration::from_secs(checkpoint_seconds.max(1));
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = store::audit::checkpoint_all(&db).await {
                tracing::error!(error = %e, "checkpointing the audit log failed");
            }
        }
    })
}
