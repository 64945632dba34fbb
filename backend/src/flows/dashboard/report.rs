//! The quarterly report for the Corporate Parenting Panel: what the dashboard shows for a past or
//! present quarter, on one page, under the same disclosure rules.

use super::{kpis, rules_of, scores, ScoresCache};
use crate::domain::disclosure;
use crate::domain::ids::OrganisationId;
use crate::domain::quarter::Quarter;
use crate::domain::windows::{Window, WindowKind};
use crate::store;
use sea_orm::{ConnectionTrait, DbErr};
use shared::api::{QuarterlyReport, ReportQuote, ReportWeDid};
use std::collections::HashMap;
use uuid::Uuid;

/// Quotes a report carries per service, and in all.
const QUOTES_PER_SERVICE: usize = 3;
const QUOTES: usize = 30;

/// The report for `quarter`: the 12 months' scores to its end (each against the 12 months
/// before), and the quarter's quotes, "we did" answers and participation.
pub async fn quarterly(
    db: &impl ConnectionTrait,
    cache: &ScoresCache,
    organisation_id: OrganisationId,
    quarter: Quarter,
) -> Result<QuarterlyReport, DbErr> {
    let organisation = store::organisations::find(db, organisation_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let scores = scores(db, cache, organisation_id, WindowKind::Year, quarter).await?;
    let services = store::services::list_for_organisation(db, organisation_id).await?;
    let names: HashMap<Uuid, (&str, &str)> = services
        .iter()
        .map(|s| (s.id, (s.name.as_str(), s.provider_name.as_str())))
        .collect();
    let named = |id: &Uuid| names.get(id).map(|(s, p)| (s.to_string(), p.to_string()));
    let (from, to) = (quarter.start(), quarter.next().start());
    let responses = store::responses::written_between(db, organisation_id, from, to)
        .await?
        .into_iter()
        .filter_map(|r| {
            let (service_name, provider_name) = named(&r.service_id)?;
            Some(ReportWeDid {
                service_name,
                provider_name,
                body: r.body,
                created_at: r.created_at,
            })
        })
        .collect();
    let quotes = quotes_in(db, organisation_id, quarter)
        .await?
        .into_iter()
        .filter_map(|(service, text)| {
            let (service_name, provider_name) = named(&service)?;
            Some(ReportQuote {
                service_name,
                provider_name,
                text,
            })
        })
        .collect();
    Ok(QuarterlyReport {
        organisation,
        quarter: quarter.to_string(),
        scores: scores.value.clone(),
        quotes,
        responses,
        participation: kpis(db, organisation_id, quarter).await?,
    })
}

/// The quarter's newest quotes, a few per service, from services with a cohort of voices in the
/// quarter (the service page's rule, `disclosure::quote_allowed`).
async fn quotes_in(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    quarter: Quarter,
) -> Result<Vec<(Uuid, String)>, DbErr> {
    let min_cohort = rules_of(db, organisation_id).await?.min_cohort;
    let window = Window::quarter(quarter);
    let counts: HashMap<Uuid, Vec<i64>> =
        store::aggregates::for_windows(db, organisation_id, &[window])
            .await?
            .into_iter()
            .map(|(service, _, outcomes)| (service, outcomes.iter().map(|t| t.n).collect()))
            .collect();
    let candidates = store::feedback::quotes_between(
        db,
        organisation_id,
        quarter.start(),
        quarter.next().start(),
    )
    .await?;
    let mut per_service: HashMap<Uuid, usize> = HashMap::new();
    Ok(candidates
        .into_iter()
        .filter(|(service, _)| {
            counts
                .get(service)
                .is_some_and(|ns| disclosure::quote_allowed(ns, min_cohort))
        })
        .filter(|(service, _)| {
            let taken = per_service.entry(*service).or_default();
            *taken += 1;
            *taken <= QUOTES_PER_SERVICE
        })
        .take(QUOTES)
        .collect())
}
