//! The participation KPIs for a quarter: feedback received, time to moderate, share answered
//! with a "we did", young people taking part, panels run; rates only from a cohort.

use super::rules_of;
use crate::domain::disclosure;
use crate::domain::ids::OrganisationId;
use crate::domain::quarter::Quarter;
use crate::store;
use sea_orm::{ConnectionTrait, DbErr};
use uuid::Uuid;

/// Participation KPIs for one quarter.
pub async fn kpis(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    quarter: Quarter,
) -> Result<shared::api::Kpis, DbErr> {
    let from = quarter.start();
    let to = quarter.next().start();
    let items = store::feedback::received_between(db, organisation_id, from, to).await?;
    let mut hours: Vec<f64> = items
        .iter()
        .filter_map(|f| {
            f.moderated_at
                .map(|m| (m - f.received_at).num_minutes() as f64 / 60.0)
        })
        .collect();
    hours.sort_by(f64::total_cmp);
    let median = (!hours.is_empty()).then(|| {
        let mid = hours.len() / 2;
        if hours.len().is_multiple_of(2) {
            (hours[mid - 1] + hours[mid]) / 2.0
        } else {
            hours[mid]
        }
    });
    let mut service_ids: Vec<Uuid> = items.iter().map(|f| f.service_id).collect();
    service_ids.sort();
    service_ids.dedup();
    let responses = store::responses::for_services(db, &service_ids).await?;
    let reached = items
        .iter()
        .filter(|f| {
            responses
                .iter()
                .any(|r| crate::flows::responses::reaches(r, f))
        })
        .count();
    let mut authors: Vec<Uuid> = items.iter().map(|f| f.author_id).collect();
    authors.sort();
    authors.dedup();
    let (panels_run, young_commissioners_active) =
        store::tenders::panels_between(db, organisation_id, from, to).await?;
    // Rates about a handful of young people are theirs: shown only from a cohort.
    let rates = disclosure::rates_allowed(
        authors.len() as u64,
        rules_of(db, organisation_id).await?.min_cohort,
    );
    Ok(shared::api::Kpis {
        quarter: quarter.to_string(),
        feedback_received: items.len() as u64,
        median_hours_to_moderate: median.filter(|_| rates),
        share_with_we_did: (!items.is_empty() && rates)
            .then(|| reached as f64 / items.len() as f64),
        young_people_active: authors.len() as u64,
        panels_run,
        young_commissioners_active,
    })
}
