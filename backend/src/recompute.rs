//! `recompute`: rebuild every organisation's score aggregates from the raw approved feedback, or
//! with `--check`, compare them with the incrementally maintained ones (they must agree exactly),
//! and each council's provider groups (what regions pool) with the sums of its service tallies.

use crate::store;
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::{DatabaseConnection, TransactionTrait};
use std::time::Instant;

pub struct Outcome {
    pub organisations: usize,
    pub tallies: usize,
    pub differences: usize,
    pub seconds: f64,
}

pub async fn run(db: &DatabaseConnection, check_only: bool) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template(
        "{spinner} {msg}: {pos} young people's voices per service read ({per_sec})",
    )?);
    let mut outcome = Outcome {
        organisations: 0,
        tallies: 0,
        differences: 0,
        seconds: 0.0,
    };
    for organisation in store::organisations::all(db).await? {
        bar.set_message(organisation.name.clone());
        // One transaction per organisation, holding it against concurrent moderation, so the
        // comparison or the replacement sees exactly one state of its feedback.
        let txn = db.begin().await?;
        if check_only {
            store::aggregates::hold(&txn, organisation.id).await?;
        } else {
            store::aggregates::begin_change(&txn, organisation.id).await?;
        }
        let fresh =
            store::aggregates::compute_from_raw(&txn, organisation.id, |n| bar.set_position(n))
                .await?;
        outcome.organisations += 1;
        outcome.tallies += fresh.len();
        if check_only {
            let stored = store::aggregates::stored(&txn, organisation.id).await?;
            let keys: std::collections::HashSet<_> = fresh.keys().chain(stored.keys()).collect();
            outcome.differences += keys
                .into_iter()
                .filter(|k| {
                    fresh.get(*k).copied().unwrap_or_default()
                        != stored.get(*k).copied().unwrap_or_default()
                })
                .count();
            // Each council's provider groups are the sums of its service tallies.
            let grouped = store::aggregates::providers::stored(&txn, organisation.id).await?;
            let summed = store::aggregates::providers::summed(&txn, organisation.id).await?;
            let keys: std::collections::HashSet<_> = grouped.keys().chain(summed.keys()).collect();
            outcome.differences += keys
                .into_iter()
                .filter(|k| grouped.get(*k) != summed.get(*k))
                .count();
        } else {
            store::aggregates::replace_all(&txn, organisation.id, &fresh).await?;
        }
        txn.commit().await?;
    }
    bar.finish_and_clear();
    outcome.seconds = started.elapsed().as_secs_f64();
    Ok(outcome)
}
