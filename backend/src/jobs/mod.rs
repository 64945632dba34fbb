//! Background work: delivering the email outbox and escalating unacknowledged safeguarding
//! alerts. Safe with several instances: outbox rows are leased (`FOR UPDATE SKIP LOCKED` on
//! PostgreSQL) and escalation is a conditional update, so each happens once.

pub mod audit_checkpoints;

use crate::config::JobSettings;
use crate::mail::Mailer;
use crate::push::Pusher;
use crate::store;
use chrono::{Duration, Utc};
use sea_orm::{DatabaseConnection, DbErr};

/// Delay before the next try after `attempts` failures: doubling from `base`, capped at `max`.
pub fn backoff(attempts: i32, base_seconds: i64, max_seconds: i64) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    Duration::seconds(
        base_seconds
            .saturating_mul(1_i64 << exponent)
            .min(max_seconds),
    )
}

/// Runs the workers until the process ends.
pub fn spawn(
    db: DatabaseConnection,
    mailer: Mailer,
    pusher: Pusher,
    settings: JobSettings,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_millis(
            settings.poll_interval_ms.max(50),
        ));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last_retention: Option<std::time::Instant> = None;
        loop {
            tick.tick().await;
            // Free text past the organisation's retention period, once an hour.
            if last_retention.is_none_or(|at| at.elapsed() >= std::time::Duration::from_secs(3600))
            {
                last_retention = Some(std::time::Instant::now());
                if let Err(e) = crate::flows::data_rights::run_retention(&db).await {
                    tracing::error!(error = %e, "anonymising old free text failed");
                }
            }
            if let Err(e) = crate::flows::safeguarding::escalate_due_alerts(&db, Utc::now()).await {
                tracing::error!(error = %e, "escalating safeguarding alerts failed");
            }
            if let Err(e) = deliver_outbox(&db, &mailer, &pusher, &settings).await {
                tracing::error!(error = %e, "delivering the outbox failed");
            }
        }
    })
}

/// Sends what is due (emails and pushes); a failure is retried later with backoff, never dropped.
pub async fn deliver_outbox(
    db: &DatabaseConnection,
    mailer: &Mailer,
    pusher: &Pusher,
    settings: &JobSettings,
) -> Result<usize, DbErr> {
    let now = Utc::now();
    let batch = store::outbox::claim_due(db, now, now + Duration::seconds(60), 20).await?;
    let mut sent = 0;
    for message in batch {
        let delivered = if message.kind == store::outbox::PUSH {
            crate::flows::push::deliver(db, pusher, &message.recipient).await
        } else {
            mailer
                .send(
                    message.id,
                    &message.recipient,
                    &message.subject,
                    &message.body,
                )
                .await
        };
        match delivered {
            Ok(()) => {
                store::outbox::mark_sent(db, message.id).await?;
                sent += 1;
            }
            Err(e) => {
                let delay = backoff(
                    message.attempts,
                    settings.retry_base_seconds,
                    settings.retry_max_seconds,
                );
                tracing::warn!(outbox_id = %message.id, kind = %message.kind, attempts = message.attempts, error = %e, "not sent; will retry");
                store::outbox::mark_failed(db, message.id, &e.to_string(), Utc::now() + delay)
                    .await?;
            }
        }
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let secs = |n| backoff(n, 5, 600).num_seconds();
        assert_eq!([secs(1), secs(2), secs(3), secs(4)], [5, 10, 20, 40]);
        assert_eq!(secs(30), 600);
        assert_eq!(secs(0), 5);
    }
}
