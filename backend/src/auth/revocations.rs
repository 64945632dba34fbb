//! Which access tokens have been revoked before they expire, known to every instance without a
//! database read per request. Each user's tokens carry the token generation they were issued
//! under; when it is raised (erased, signed out everywhere), this instance notes the new
//! generation at once, and every instance reads the raises of the last access-token lifetime from
//! `token_revocations` every `poll` (a raise older than that only revokes tokens that have
//! expired anyway).

use crate::store;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{DatabaseConnection, DbErr};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use uuid::Uuid;

pub struct Revocations {
    /// The lowest generation still valid, and when it was raised, for users whose generation
    /// was raised recently.
    valid_from: RwLock<HashMap<Uuid, (i32, DateTime<Utc>)>>,
    /// How far back raises matter: an access token's life and a margin for clock skew.
    horizon: Duration,
}

impl Revocations {
    pub fn new(access_token_minutes: i64) -> Revocations {
        Revocations {
            valid_from: RwLock::default(),
            horizon: Duration::minutes(access_token_minutes + 1),
        }
    }

    /// May a token of `generation` still be used by `user`?
    pub fn allows(&self, user: Uuid, generation: i32) -> bool {
        self.valid_from
            .read()
            .map(|known| known.get(&user).is_none_or(|&(from, _)| generation >= from))
            // A poisoned lock means a panic while writing: refuse rather than guess.
            .unwrap_or(false)
    }

    /// Tokens of `user` below `generation` stop working here now.
    pub fn note(&self, user: Uuid, generation: i32) {
        if let Ok(mut known) = self.valid_from.write() {
            raise(&mut known, user, generation, Utc::now());
        }
    }

    /// Reads the recent raises from the database (made on any instance) and forgets the ones
    /// older than an access token's life.
    pub async fn catch_up(&self, db: &DatabaseConnection) -> Result<(), DbErr> {
        let since = Utc::now() - self.horizon;
        let raises = store::token_revocations::since(db, since).await?;
        if let Ok(mut known) = self.valid_from.write() {
            // Merged, never replaced: a raise noted while this read was under way must stay.
            known.retain(|_, (_, at)| *at >= since);
            for (user, generation, at) in raises {
                raise(&mut known, user, generation, at);
            }
        }
        Ok(())
    }
}

fn raise(
    known: &mut HashMap<Uuid, (i32, DateTime<Utc>)>,
    user: Uuid,
    generation: i32,
    at: DateTime<Utc>,
) {
    let entry = known.entry(user).or_insert((generation, at));
    *entry = (entry.0.max(generation), entry.1.max(at));
}

/// Catches up every `poll` until the server (the last holder of `revocations`) is gone.
pub fn spawn_catch_up(
    db: DatabaseConnection,
    revocations: &Arc<Revocations>,
    poll: std::time::Duration,
) {
    let revocations = Arc::downgrade(revocations);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(poll);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let Some(revocations) = revocations.upgrade() else {
                return;
            };
            if let Err(e) = revocations.catch_up(&db).await {
                tracing::error!(error = %e, "reading token revocations failed");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raised_generation_refuses_older_tokens_only() {
        let revocations = Revocations::new(15);
        let (user, other) = (Uuid::new_v4(), Uuid::new_v4());
        assert!(revocations.allows(user, 0));
        revocations.note(user, 2);
        assert!(!revocations.allows(user, 0) && !revocations.allows(user, 1));
        assert!(revocations.allows(user, 2) && revocations.allows(user, 3));
        assert!(revocations.allows(other, 0), "other users are untouched");
        revocations.note(user, 1);
        assert!(
            !revocations.allows(user, 1),
            "a late, older raise lowers nothing"
        );
    }
}
