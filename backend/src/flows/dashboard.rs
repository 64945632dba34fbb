//! The commissioner's dashboard, built from the stored aggregates only (O(services × windows),
//! never O(feedback)). What is shown is decided by the disclosure plan (`domain::disclosure`):
//! suppressed scores carry no numbers at all, and comparators pool shown cells only.

mod assisted;
mod cache;
pub mod csv;
mod kpis;
mod region;
pub mod report;

use crate::domain::disclosure::{self, Plan};
use crate::domain::ids::OrganisationId;
use crate::domain::quarter::Quarter;
use crate::domain::scoring::{self, Attention, Change, Comparator, Score, Tally};
use crate::domain::windows::{Window, WindowKind};
use crate::encoded::Encoded;
use crate::store::aggregates::{Key, Outcomes};
use crate::store::{self, entities::organisation, services::ServiceRow};
pub use assisted::assisted_scores;
pub use cache::ScoresCache;
pub use kpis::kpis;
pub use region::region_scores;
use sea_orm::{ConnectionTrait, DbErr};
use shared::api::{Before, DimensionScore, ScoresReport, ServiceScores};
use shared::{Dimension, Role};
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

/// The organisation's rules for showing scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    pub min_cohort: i64,
    pub prior_weight: f64,
}

/// Tallies keyed by service, outcome and window (as a full recompute makes them).
pub type Tallies = HashMap<Key, Tally>;

/// One window's tallies: each service's six outcomes, in `Dimension::ALL` order (n = 0 where
/// nobody has answered).
type ByService = HashMap<Uuid, Outcomes>;

/// Each of `windows`' tallies by service, from the store's rows.
fn by_service(
    windows: &[Window],
    rows: impl IntoIterator<Item = (Uuid, Window, Outcomes)>,
) -> Vec<ByService> {
    let mut split = vec![ByService::new(); windows.len()];
    for (service, window, outcomes) in rows {
        if let Some(slot) = windows.iter().position(|w| *w == window) {
            split[slot].insert(service, outcomes);
        }
    }
    split
}

/// The same from tallies keyed by service, outcome and window.
fn by_service_from(windows: &[Window], tallies: &Tallies) -> Vec<ByService> {
    let mut split = vec![ByService::new(); windows.len()];
    for ((service, dimension, window), tally) in tallies {
        let slot = windows.iter().position(|w| w == window);
        let outcome = Dimension::ALL.iter().position(|d| d == dimension);
        if let (Some(slot), Some(outcome)) = (slot, outcome) {
            split[slot].entry(*service).or_default()[outcome] = *tally;
        }
    }
    split
}

/// The organisation's cohort and prior weight (defaults 5 and 5).
fn rules_from(organisation: Option<&organisation::Model>) -> Rules {
    Rules {
        min_cohort: organisation.map_or(5, |o| i64::from(o.min_cohort)),
        prior_weight: organisation.map_or(5.0, |o| f64::from(o.prior_weight)),
    }
}

async fn rules_of(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Rules, DbErr> {
    Ok(rules_from(
        store::organisations::find(db, organisation_id)
            .await?
            .as_ref(),
    ))
}

/// One window's tallies by service.
#[derive(Clone, Copy)]
struct Slice<'a> {
    window: Window,
    tallies: &'a ByService,
}

/// Per service type and outcome, what a service is compared with: the pool of the cells of that
/// type that are shown (never a suppressed one, so a comparator reveals nothing hidden).
fn comparators<'a>(
    services: &'a [ServiceRow],
    slice: Slice,
    plan: &Plan,
) -> HashMap<&'a str, [Comparator; 6]> {
    let mut pools: HashMap<&str, [Vec<Tally>; 6]> = HashMap::new();
    for service in services {
        if let Some(outcomes) = slice.tallies.get(&service.id) {
            let pool = pools.entry(service.service_type.as_str()).or_default();
            for (slot, tally) in outcomes.iter().enumerate() {
                if plan.shows(service.id, slot, slice.window, tally.n) {
                    pool[slot].push(*tally);
                }
            }
        }
    }
    pools
        .into_iter()
        .map(|(kind, pool)| (kind, pool.map(disclosure::comparator_of_shown)))
        .collect()
}

/// A service's shown or suppressed score for each outcome someone has answered.
fn scores_of(
    service: &ServiceRow,
    slice: Slice,
    comparators: &HashMap<&str, [Comparator; 6]>,
    plan: &Plan,
    rules: Rules,
) -> Vec<(Dimension, Score, Comparator)> {
    let Some(outcomes) = slice.tallies.get(&service.id) else {
        return Vec::new();
    };
    let pooled = comparators.get(service.service_type.as_str());
    Dimension::ALL
        .into_iter()
        .zip(outcomes)
        .enumerate()
        .filter(|(_, (_, tally))| tally.n > 0)
        .map(|(i, (d, tally))| {
            let comparator = pooled.map_or(Comparator::from_pool(Tally::default()), |c| c[i]);
            let score = if plan.shows(service.id, i, slice.window, tally.n) {
                scoring::score(*tally, comparator, rules.prior_weight, rules.min_cohort)
            } else {
                Score::Suppressed
            };
            (d, score, comparator)
        })
        .collect()
}

/// A service's scores in one slice, keyed by outcome.
fn scores_by_dimension(
    service: &ServiceRow,
    slice: Slice,
    comparators: &HashMap<&str, [Comparator; 6]>,
    plan: &Plan,
    rules: Rules,
) -> HashMap<Dimension, Score> {
    scores_of(service, slice, comparators, plan, rules)
        .into_iter()
        .map(|(d, s, _)| (d, s))
        .collect()
}

/// Scores go out to three decimal places: more than any page or export shows (they show one or
/// two), and a third of the bytes of a full-precision float.
fn wire(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// What a shown score was in the period before, when it was shown there too.
fn before_of(now: &Score, before: Option<&Score>) -> Option<Before> {
    let (Score::Shown(now), Some(Score::Shown(then))) = (now, before) else {
        return None;
    };
    Some(Before {
        n: then.n,
        value: wire(then.value),
        low: wire(then.interval.low),
        high: wire(then.interval.high),
        change: Change::between(&now.interval, &then.interval)
            .as_str()
            .to_owned(),
    })
}

fn to_wire(dimension: Dimension, score: &Score, comparator: &Comparator) -> DimensionScore {
    match score {
        Score::Suppressed => DimensionScore {
            dimension,
            state: "suppressed".into(),
            n: None,
            value: None,
            low: None,
            high: None,
            positive: None,
            positive_low: None,
            positive_high: None,
            comparator: None,
            before: None,
        },
        Score::Shown(s) => DimensionScore {
            dimension,
            state: "shown".into(),
            n: Some(s.n),
            value: Some(wire(s.value)),
            low: Some(wire(s.interval.low)),
            high: Some(wire(s.interval.high)),
            positive: Some(wire(s.positive)),
            positive_low: Some(wire(s.positive_interval.low)),
            positive_high: Some(wire(s.positive_interval.high)),
            comparator: Some(wire(comparator.mean)),
            before: None,
        },
    }
}

/// Pure: the report from the four windows it needs (`windows_for`).
fn build(
    services: &[ServiceRow],
    [current, previous_window, latest_quarter, previous_quarter]: [Slice; 4],
    plan: &Plan,
    rules: Rules,
) -> ScoresReport {
    let (c_now, c_prev) = (
        comparators(services, current, plan),
        comparators(services, previous_window, plan),
    );
    let (c_q, c_pq) = (
        comparators(services, latest_quarter, plan),
        comparators(services, previous_quarter, plan),
    );
    let rows = services
        .iter()
        .map(|service| {
            let now = scores_of(service, current, &c_now, plan, rules);
            let before = scores_of(service, previous_window, &c_prev, plan, rules);
            let earlier_period: HashMap<Dimension, &Score> =
                before.iter().map(|(d, s, _)| (*d, s)).collect();
            let latest = scores_by_dimension(service, latest_quarter, &c_q, plan, rules);
            let earlier = scores_by_dimension(service, previous_quarter, &c_pq, plan, rules);
            let overall = overall_of(&now);
            let trend = match (overall, overall_of(&before)) {
                (Some(a), Some(b)) if a - b > 0.1 => Some("up".to_owned()),
                (Some(a), Some(b)) if b - a > 0.1 => Some("down".to_owned()),
                (Some(_), Some(_)) => Some("flat".to_owned()),
                _ => None,
            };
            let mut attention: Vec<Attention> = Vec::new();
            for (d, score, comparator) in &now {
                let none = Score::Suppressed;
                for reason in scoring::needs_attention(
                    score,
                    comparator.mean,
                    latest.get(d).unwrap_or(&none),
                    earlier.get(d).unwrap_or(&none),
                ) {
                    if !attention.contains(&reason) {
                        attention.push(reason);
                    }
                }
            }
            ServiceScores {
                service_id: service.id,
                service_name: service.name.clone(),
                provider_name: service.provider_name.clone(),
                service_type: service.service_type,
                overall: overall.map(wire),
                trend,
                needs_attention: attention
                    .into_iter()
                    .map(|a| match a {
                        Attention::BelowComparator => "below_comparator".to_owned(),
                        Attention::Falling => "falling".to_owned(),
                    })
                    .collect(),
                dimensions: now
                    .iter()
                    .map(|(d, s, c)| DimensionScore {
                        before: before_of(s, earlier_period.get(d).copied()),
                        ..to_wire(*d, s, c)
                    })
                    .collect(),
            }
        })
        .collect();
    ScoresReport {
        window: current.window.kind.as_str().to_owned(),
        window_end: current.window.end.to_string(),
        min_cohort: rules.min_cohort,
        prior_weight: rules.prior_weight as i64,
        services: rows,
    }
}

fn overall_of(scores: &[(Dimension, Score, Comparator)]) -> Option<f64> {
    scoring::overall(&scores.iter().map(|(_, s, _)| s.clone()).collect::<Vec<_>>())
}

/// The report for a window: from the cache while the organisation's scores version is
/// unchanged, else built from the four windows' aggregates (one query) and the disclosure plan
/// (`plan_of`), and kept, with its JSON and gzip once made.
pub async fn scores(
    db: &impl ConnectionTrait,
    cache: &ScoresCache,
    organisation_id: OrganisationId,
    kind: WindowKind,
    end: Quarter,
) -> Result<Arc<Encoded<ScoresReport>>, DbErr> {
    let organisation = store::organisations::find(db, organisation_id).await?;
    let rules = rules_from(organisation.as_ref());
    let window = Window { kind, end };
    let version = organisation.map(|o| o.scores_version);
    if let Some(hit) = version.and_then(|v| cache.get((organisation_id, window), v, rules)) {
        return Ok(hit);
    }
    // Read after the version: whatever commits in between makes the report newer than its
    // version, never older.
    let windows = windows_for(window);
    let (services, rows) = tokio::try_join!(
        store::services::list_for_organisation(db, organisation_id),
        store::aggregates::for_windows(db, organisation_id, &windows),
    )?;
    let plan = plan_of(db, cache, organisation_id, version, rules, &services).await?;
    let report = Arc::new(Encoded::new(report_of(
        &services,
        &windows,
        by_service(&windows, rows),
        &plan,
        rules,
    )));
    if let Some(v) = version {
        cache.put((organisation_id, window), v, rules, report.clone());
    }
    Ok(report)
}

/// The organisation's disclosure plan at `version`: cached; or the plan cached at an older
/// version with the services changed since (`services`, read after `version`) decided again from
/// their windows' counts; or built from every window's counts.
async fn plan_of(
    db: &impl ConnectionTrait,
    cache: &ScoresCache,
    organisation_id: OrganisationId,
    version: Option<i64>,
    rules: Rules,
    services: &[ServiceRow],
) -> Result<Arc<Plan>, DbErr> {
    let k = rules.min_cohort;
    let plan = match (cache.plan(organisation_id, k), version) {
        (Some((at, plan)), Some(v)) if at == v => return Ok(plan),
        (Some((at, plan)), Some(v)) if at < v => {
            let changed: Vec<Uuid> = services
                .iter()
                .filter(|s| s.scores_version > at)
                .map(|s| s.id)
                .collect();
            if changed.is_empty() {
                plan
            } else {
                let counts = store::aggregates::counts_of(db, organisation_id, &changed).await?;
                Arc::new(plan.updated(&changed, counts))
            }
        }
        _ => {
            let counts = store::aggregates::counts_to_audit(db, organisation_id, k).await?;
            Arc::new(Plan::new(counts, k))
        }
    };
    if let Some(v) = version {
        cache.put_plan(organisation_id, v, k, plan.clone());
    }
    Ok(plan)
}

/// The four windows a report reads: the window, the period before it (the quarter before a
/// quarter, the 12 months before 12 months), the latest quarter and the one before it.
fn windows_for(window: Window) -> [Window; 4] {
    let end = window.end;
    let before = match window.kind {
        WindowKind::Quarter => end.previous(),
        WindowKind::Year => Quarter::from_index(end.index() - 4),
    };
    [
        window,
        Window {
            kind: window.kind,
            end: before,
        },
        Window::quarter(end),
        Window::quarter(end.previous()),
    ]
}

/// Pure: the report for `window` from tallies that hold every window (the plan needs them all).
pub fn report(
    services: &[ServiceRow],
    window: Window,
    tallies: &Tallies,
    rules: Rules,
) -> ScoresReport {
    let windows = windows_for(window);
    report_of(
        services,
        &windows,
        by_service_from(&windows, tallies),
        &plan_from(tallies, rules.min_cohort),
        rules,
    )
}

/// The disclosure plan from tallies keyed by service, outcome and window.
pub fn plan_from(tallies: &Tallies, min_cohort: i64) -> Plan {
    let mut counts: HashMap<(Uuid, Window), [i64; 6]> = HashMap::new();
    for ((service, dimension, window), tally) in tallies {
        if let Some(slot) = Dimension::ALL.iter().position(|d| d == dimension) {
            counts.entry((*service, *window)).or_default()[slot] = tally.n;
        }
    }
    Plan::new(
        counts.into_iter().map(|((s, w), ns)| (s, w, ns)),
        min_cohort,
    )
}

fn report_of(
    services: &[ServiceRow],
    windows: &[Window; 4],
    split: Vec<ByService>,
    plan: &Plan,
    rules: Rules,
) -> ScoresReport {
    let empty = ByService::new();
    let at = |slot: usize| Slice {
        window: windows[slot],
        tallies: split.get(slot).unwrap_or(&empty),
    };
    build(services, [at(0), at(1), at(2), at(3)], plan, rules)
}

/// A service's quarterly trend (`quarters` ending with `end`), quotes, responses, and, for a
/// participation officer only, its open alerts.
pub async fn service_detail(
    db: &impl ConnectionTrait,
    cache: &ScoresCache,
    (organisation_id, role): (OrganisationId, Role),
    service_id: Uuid,
    end: Quarter,
    quarters: usize,
) -> Result<Option<shared::api::ServiceDetail>, DbErr> {
    // The version first: the services' versions, read after, say what changed since a plan.
    let organisation = store::organisations::find(db, organisation_id).await?;
    let rules = rules_from(organisation.as_ref());
    let version = organisation.map(|o| o.scores_version);
    let services = store::services::list_for_organisation(db, organisation_id).await?;
    let Some(service) = services.iter().find(|s| s.id == service_id) else {
        return Ok(None);
    };
    let service_type = service.service_type;
    let plan = plan_of(db, cache, organisation_id, version, rules, &services).await?;
    let windows: Vec<Window> = std::iter::successors(Some(end), |q| Some(q.previous()))
        .take(quarters)
        .map(Window::quarter)
        .collect();
    let rows = store::aggregates::for_windows(db, organisation_id, &windows).await?;
    let mut trend: Vec<shared::api::QuarterScores> = windows
        .iter()
        .zip(by_service(&windows, rows))
        .map(|(window, tallies)| {
            let slice = Slice {
                window: *window,
                tallies: &tallies,
            };
            let comparators = comparators(&services, slice, &plan);
            let scores = scores_of(service, slice, &comparators, &plan, rules);
            shared::api::QuarterScores {
                quarter: window.end.to_string(),
                overall: overall_of(&scores).map(wire),
                dimensions: scores.iter().map(|(d, s, c)| to_wire(*d, s, c)).collect(),
            }
        })
        .collect();
    trend.reverse();
    let open_safeguarding_alerts = if role == Role::ParticipationOfficer {
        Some(store::safeguarding::open_count_for_service(db, organisation_id, service_id).await?)
    } else {
        None
    };
    Ok(Some(shared::api::ServiceDetail {
        service_id,
        service_name: service.name.clone(),
        provider_name: service.provider_name.clone(),
        service_type,
        trend,
        quotes: quotes(db, organisation_id, service_id, rules.min_cohort).await?,
        responses: store::responses::for_services(db, &[service_id])
            .await?
            .into_iter()
            .map(|r| shared::api::WeDid {
                id: r.id,
                body: r.body,
                created_at: r.created_at,
            })
            .collect(),
        open_safeguarding_alerts,
        replies: super::replies::for_service(
            db,
            (service_id, &service.name, &service.provider_name),
        )
        .await?,
    }))
}

/// Quotes kept on a service page at most.
const QUOTES: usize = 20;

/// The newest approved, redacted quotes from quarters in which the service has a shown score
/// (a cohort of voices), so a quote never stands for one of a handful of young people.
async fn quotes(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    service_id: Uuid,
    min_cohort: i64,
) -> Result<Vec<shared::api::Quote>, DbErr> {
    let candidates = store::feedback::quotes(db, service_id, 5 * QUOTES as u64).await?;
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let mut windows: Vec<Window> = candidates
        .iter()
        .map(|(at, _)| Window::quarter(Quarter::of(*at)))
        .collect();
    windows.sort();
    windows.dedup();
    let rows = store::aggregates::for_windows(db, organisation_id, &windows).await?;
    let counts: HashMap<Quarter, Vec<i64>> = rows
        .into_iter()
        .filter(|(service, _, _)| *service == service_id)
        .map(|(_, window, outcomes)| (window.end, outcomes.iter().map(|t| t.n).collect()))
        .collect();
    Ok(candidates
        .into_iter()
        .filter_map(|(at, text)| {
            let quarter = Quarter::of(at);
            let ns = counts.get(&quarter)?;
            disclosure::quote_allowed(ns, min_cohort).then(|| shared::api::Quote {
                text,
                quarter: quarter.to_string(),
            })
        })
        .take(QUOTES)
        .collect())
}
