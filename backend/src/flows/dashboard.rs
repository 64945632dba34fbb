//! The commissioner's dashboard, built from the stored aggregates only (O(services), never
//! O(feedback)). Suppressed scores carry no numbers at all.

use crate::domain::quarter::Quarter;
use crate::domain::scoring::{self, Attention, Comparator, Score, Tally};
use crate::domain::windows::{Window, WindowKind};
use crate::encoded::Encoded;
use crate::store::aggregates::{Key, Outcomes};
use crate::store::{self, entities::organisation, services::ServiceRow};
use sea_orm::{ConnectionTrait, DbErr};
use shared::api::{DimensionScore, ScoresReport, ServiceScores, ServiceType};
use shared::Dimension;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
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

async fn rules_of(db: &impl ConnectionTrait, organisation_id: Uuid) -> Result<Rules, DbErr> {
    Ok(rules_from(
        store::organisations::find(db, organisation_id)
            .await?
            .as_ref(),
    ))
}

/// Pooled tallies per service type and outcome: what a service is compared with.
fn comparators<'a>(
    services: &'a [ServiceRow],
    tallies: &ByService,
) -> HashMap<&'a str, [Comparator; 6]> {
    let mut pools: HashMap<&str, Outcomes> = HashMap::new();
    for service in services {
        if let Some(outcomes) = tallies.get(&service.id) {
            let pool = pools.entry(service.service_type.as_str()).or_default();
            for (pooled, tally) in pool.iter_mut().zip(outcomes) {
                *pooled = pooled.merge(*tally);
            }
        }
    }
    pools
        .into_iter()
        .map(|(kind, pool)| (kind, pool.map(Comparator::from_pool)))
        .collect()
}

/// A service's shown or suppressed score for each outcome someone has answered.
fn scores_of(
    service: &ServiceRow,
    tallies: &ByService,
    comparators: &HashMap<&str, [Comparator; 6]>,
    rules: Rules,
) -> Vec<(Dimension, Score, Comparator)> {
    let Some(outcomes) = tallies.get(&service.id) else {
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
            (
                d,
                scoring::score(*tally, comparator, rules.prior_weight, rules.min_cohort),
                comparator,
            )
        })
        .collect()
}

/// Scores go out to three decimal places: more than any page or export shows (they show one or
/// two), and a third of the bytes of a full-precision float.
fn wire(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
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
        },
    }
}

/// Pure: the report from the four windows it needs (`windows_for`).
fn build(
    services: &[ServiceRow],
    window: Window,
    [current, previous_window, latest_quarter, previous_quarter]: [&ByService; 4],
    rules: Rules,
) -> ScoresReport {
    let (c_now, c_prev) = (
        comparators(services, current),
        comparators(services, previous_window),
    );
    let (c_q, c_pq) = (
        comparators(services, latest_quarter),
        comparators(services, previous_quarter),
    );
    let rows = services
        .iter()
        .filter_map(|service| {
            let service_type = ServiceType::parse(&service.service_type)?;
            let now = scores_of(service, current, &c_now, rules);
            let before = scores_of(service, previous_window, &c_prev, rules);
            let latest: HashMap<Dimension, Score> = scores_of(service, latest_quarter, &c_q, rules)
                .into_iter()
                .map(|(d, s, _)| (d, s))
                .collect();
            let earlier: HashMap<Dimension, Score> =
                scores_of(service, previous_quarter, &c_pq, rules)
                    .into_iter()
                    .map(|(d, s, _)| (d, s))
                    .collect();
            let overall =
                scoring::overall(&now.iter().map(|(_, s, _)| s.clone()).collect::<Vec<_>>());
            let overall_before =
                scoring::overall(&before.iter().map(|(_, s, _)| s.clone()).collect::<Vec<_>>());
            let trend = match (overall, overall_before) {
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
            Some(ServiceScores {
                service_id: service.id,
                service_name: service.name.clone(),
                provider_name: service.provider_name.clone(),
                service_type,
                overall: overall.map(wire),
                trend,
                needs_attention: attention
                    .into_iter()
                    .map(|a| match a {
                        Attention::BelowComparator => "below_comparator".to_owned(),
                        Attention::Falling => "falling".to_owned(),
                    })
                    .collect(),
                dimensions: now.iter().map(|(d, s, c)| to_wire(*d, s, c)).collect(),
            })
        })
        .collect();
    ScoresReport {
        window: window.kind.as_str().to_owned(),
        window_end: window.end.to_string(),
        min_cohort: rules.min_cohort,
        prior_weight: rules.prior_weight as i64,
        services: rows,
    }
}

/// Reports already built, per organisation and window, each with the scores version and rules
/// it was built from. A report is served again only while the organisation's scores version
/// (bumped in every transaction that changes the scores, on whichever instance) and rules are
/// the ones read in the same request, so a cached report is never older than the database.
#[derive(Default)]
pub struct ScoresCache {
    entries: Mutex<HashMap<(Uuid, Window), Cached>>,
}

struct Cached {
    version: i64,
    rules: Rules,
    report: Arc<Encoded<ScoresReport>>,
}

/// Reports kept at most (a 200-service report is about 0.3 MB, with its JSON and gzip about
/// 0.5 MB), so memory stays bounded.
const CACHE_CAPACITY: usize = 32;

impl ScoresCache {
    fn get(
        &self,
        key: (Uuid, Window),
        version: i64,
        rules: Rules,
    ) -> Option<Arc<Encoded<ScoresReport>>> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(&key)
            .filter(|c| c.version == version && c.rules == rules)
            .map(|c| c.report.clone())
    }

    fn put(
        &self,
        key: (Uuid, Window),
        version: i64,
        rules: Rules,
        report: Arc<Encoded<ScoresReport>>,
    ) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= CACHE_CAPACITY && !entries.contains_key(&key) {
                entries.clear();
            }
            // A slower request that read an older version must not replace a newer report.
            if entries.get(&key).is_none_or(|c| c.version <= version) {
                entries.insert(
                    key,
                    Cached {
                        version,
                        rules,
                        report,
                    },
                );
            }
        }
    }
}

/// The report for a window: from the cache while the organisation's scores version is
/// unchanged, else built from the four windows' aggregates (one query) and kept, with its JSON
/// and gzip once made.
pub async fn scores(
    db: &impl ConnectionTrait,
    cache: &ScoresCache,
    organisation_id: Uuid,
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
    let report = Arc::new(Encoded::new(
        build_from_store(db, organisation_id, window, rules).await?,
    ));
    if let Some(v) = version {
        cache.put((organisation_id, window), v, rules, report.clone());
    }
    Ok(report)
}

async fn build_from_store(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    window: Window,
    rules: Rules,
) -> Result<ScoresReport, DbErr> {
    let services = store::services::list_for_organisation(db, organisation_id).await?;
    let windows = windows_for(window);
    let rows = store::aggregates::for_windows(db, organisation_id, &windows).await?;
    Ok(report_of(
        &services,
        window,
        by_service(&windows, rows),
        rules,
    ))
}

/// The four windows a report reads: the window, the one before, the latest quarter and the one
/// before it.
fn windows_for(window: Window) -> [Window; 4] {
    let end = window.end;
    [
        window,
        Window {
            kind: window.kind,
            end: end.previous(),
        },
        Window::quarter(end),
        Window::quarter(end.previous()),
    ]
}

/// Pure: the report for `window` from tallies that hold (at least) its four windows.
pub fn report(
    services: &[ServiceRow],
    window: Window,
    tallies: &Tallies,
    rules: Rules,
) -> ScoresReport {
    report_of(
        services,
        window,
        by_service_from(&windows_for(window), tallies),
        rules,
    )
}

fn report_of(
    services: &[ServiceRow],
    window: Window,
    split: Vec<ByService>,
    rules: Rules,
) -> ScoresReport {
    let empty = ByService::new();
    let at = |slot: usize| split.get(slot).unwrap_or(&empty);
    build(services, window, [at(0), at(1), at(2), at(3)], rules)
}

/// A service's quarterly trend (`quarters` ending with `end`), quotes, responses and open alerts.
pub async fn service_detail(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    service_id: Uuid,
    end: Quarter,
    quarters: usize,
) -> Result<Option<shared::api::ServiceDetail>, DbErr> {
    let services = store::services::list_for_organisation(db, organisation_id).await?;
    let Some(service) = services.iter().find(|s| s.id == service_id) else {
        return Ok(None);
    };
    let Some(service_type) = ServiceType::parse(&service.service_type) else {
        return Ok(None);
    };
    let rules = rules_of(db, organisation_id).await?;
    let mut trend = Vec::with_capacity(quarters);
    let windows: Vec<Window> = std::iter::successors(Some(end), |q| Some(q.previous()))
        .take(quarters)
        .map(Window::quarter)
        .collect();
    let rows = store::aggregates::for_windows(db, organisation_id, &windows).await?;
    let mut q = end;
    for tallies in by_service(&windows, rows) {
        let comparators = comparators(&services, &tallies);
        let scores = scores_of(service, &tallies, &comparators, rules);
        trend.push(shared::api::QuarterScores {
            quarter: q.to_string(),
            overall: scoring::overall(
                &scores.iter().map(|(_, s, _)| s.clone()).collect::<Vec<_>>(),
            )
            .map(wire),
            dimensions: scores.iter().map(|(d, s, c)| to_wire(*d, s, c)).collect(),
        });
        q = q.previous();
    }
    trend.reverse();
    let quotes = store::feedback::quotes(db, service_id, 20)
        .await?
        .into_iter()
        .map(|(at, text)| shared::api::Quote {
            text,
            quarter: Quarter::of(at).to_string(),
        })
        .collect();
    let responses = store::responses::for_services(db, &[service_id])
        .await?
        .into_iter()
        .map(|r| shared::api::WeDid {
            id: r.id,
            body: r.body,
            created_at: r.created_at,
        })
        .collect();
    Ok(Some(shared::api::ServiceDetail {
        service_id,
        service_name: service.name.clone(),
        provider_name: service.provider_name.clone(),
        service_type,
        trend,
        quotes,
        responses,
        open_safeguarding_alerts: store::safeguarding::open_count_for_service(
            db,
            organisation_id,
            service_id,
        )
        .await?,
    }))
}

/// Participation KPIs for one quarter.
pub async fn kpis(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
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
    Ok(shared::api::Kpis {
        quarter: quarter.to_string(),
        feedback_received: items.len() as u64,
        median_hours_to_moderate: median,
        share_with_we_did: (!items.is_empty()).then(|| reached as f64 / items.len() as f64),
        young_people_active: authors.len() as u64,
        panels_run,
        young_commissioners_active,
    })
}
