//! Assisted answers told apart (docs/assisted.md): for each service, one closed financial year's
//! scores from answers given with an adult beside the child and from the rest. A filter would be
//! a second figure over the same voices ("all" minus "without" is the assisted alone), so the
//! parts are published only under their own rule (`disclosure::parts_shown`): for whole closed
//! years, which never overlap and no longer move; where the dashboard shows the year's score;
//! and where each part holds a cohort. The parts are shrunk towards the year score's comparator.

use super::{by_service, comparators, plan_of, rules_from, wire, ScoresCache, Slice};
use crate::domain::disclosure;
use crate::domain::ids::OrganisationId;
use crate::domain::quarter::Quarter;
use crate::domain::scoring::{self, Comparator, Score, Tally};
use crate::domain::windows::Window;
use crate::store::{self, aggregates::assisted::Split};
use sea_orm::{ConnectionTrait, DbErr};
use shared::api::{AssistedReport, AssistedScores, AssistedSplit, PartScore};
use shared::Dimension;

/// The report for the last closed financial year ending at or before `asked`.
pub async fn assisted_scores(
    db: &impl ConnectionTrait,
    cache: &ScoresCache,
    organisation_id: OrganisationId,
    asked: Quarter,
) -> Result<AssistedReport, DbErr> {
    let end = Quarter::closed_financial_year(asked, Quarter::of(chrono::Utc::now()));
    let window = Window::year(end);
    let windows = [window];
    let organisation = store::organisations::find(db, organisation_id).await?;
    let rules = rules_from(organisation.as_ref());
    let version = organisation.map(|o| o.scores_version);
    let (services, rows, split) = tokio::try_join!(
        store::services::list_for_organisation(db, organisation_id),
        store::aggregates::for_windows(db, organisation_id, &windows),
        store::aggregates::assisted::split(db, organisation_id, window),
    )?;
    let plan = plan_of(db, cache, organisation_id, version, rules, &services).await?;
    let tallies = by_service(&windows, rows).remove(0);
    let slice = Slice {
        window,
        tallies: &tallies,
    };
    let pooled = comparators(&services, slice, &plan);
    let part = |tally: Tally, prior: Comparator| match scoring::score(
        tally,
        prior,
        rules.prior_weight,
        rules.min_cohort,
    ) {
        Score::Shown(s) => Some(PartScore {
            n: s.n,
            value: wire(s.value),
            low: wire(s.interval.low),
            high: wire(s.interval.high),
        }),
        Score::Suppressed => None,
    };
    let services = services
        .iter()
        .filter_map(|service| {
            let outcomes = tallies.get(&service.id)?;
            let dimensions = Dimension::ALL
                .into_iter()
                .zip(outcomes)
                .enumerate()
                .filter(|(_, (_, whole))| whole.n > 0)
                .map(|(slot, (dimension, whole))| {
                    let parts = parts_of(&split, service.id, dimension);
                    let shown = plan.shows(service.id, slot, window, whole.n)
                        && disclosure::parts_shown(*whole, parts, rules.min_cohort);
                    let prior = pooled
                        .get(service.service_type.as_str())
                        .map(|c| c[slot])
                        .filter(|_| shown);
                    AssistedSplit {
                        dimension,
                        state: if prior.is_some() {
                            "shown"
                        } else {
                            "suppressed"
                        }
                        .to_owned(),
                        assisted: prior.and_then(|p| part(parts[1], p)),
                        unassisted: prior.and_then(|p| part(parts[0], p)),
                        comparator: prior.map(|p| wire(p.mean)),
                    }
                })
                .collect();
            Some(AssistedScores {
                service_id: service.id,
                service_name: service.name.clone(),
                provider_name: service.provider_name.clone(),
                dimensions,
            })
        })
        .collect();
    Ok(AssistedReport {
        window_end: end.to_string(),
        min_cohort: rules.min_cohort,
        prior_weight: rules.prior_weight as i64,
        services,
    })
}

fn parts_of(split: &Split, service: uuid::Uuid, dimension: Dimension) -> [Tally; 2] {
    split
        .get(&(service, dimension))
        .copied()
        .unwrap_or_default()
}
