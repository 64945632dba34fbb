//! The commissioner's dashboard, built from the stored aggregates only (O(services), never
//! O(feedback)). Suppressed scores carry no numbers at all.

use crate::domain::quarter::Quarter;
use crate::domain::scoring::{self, Attention, Comparator, Score, Tally};
use crate::domain::windows::{Window, WindowKind};
use crate::store::{self, aggregates::Key, entities::organisation, services::ServiceRow};
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

pub type Tallies = HashMap<Key, Tally>;

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
fn comparators(
    services: &[ServiceRow],
    tallies: &Tallies,
) -> HashMap<(String, Dimension), Comparator> {
    let type_of: HashMap<Uuid, &str> = services
        .iter()
        .map(|s| (s.id, s.service_type.as_str()))
        .collect();
    let mut pools: HashMap<(String, Dimension), Tally> = HashMap::new();
    for ((service, dimension, _), t) in tallies {
        if let Some(kind) = type_of.get(service) {
            let pool = pools.entry(((*kind).to_owned(), *dimension)).or_default();
            *pool = pool.merge(*t);
        }
    }
    pools
        .into_iter()
        .map(|(k, t)| (k, Comparator::from_pool(t)))
        .collect()
}

fn scores_of(
    service: &ServiceRow,
    window: Window,
    tallies: &Tallies,
    comparators: &HashMap<(String, Dimension), Comparator>,
    rules: Rules,
) -> Vec<(Dimension, Score, Comparator)> {
    Dimension::ALL
        .into_iter()
        .filter_map(|d| {
            let tally = tallies.get(&(service.id, d, window)).copied()?;
            let comparator = comparators
                .get(&(service.service_type.clone(), d))
                .copied()
                .unwrap_or(Comparator::from_pool(Tally::default()));
            Some((
                d,
                scoring::score(tally, comparator, rules.prior_weight, rules.min_cohort),
                comparator,
            ))
        })
        .collect()
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
            value: Some(s.value),
            low: Some(s.interval.low),
            high: Some(s.interval.high),
            positive: Some(s.positive),
            positive_low: Some(s.positive_interval.low),
            positive_high: Some(s.positive_interval.high),
            comparator: Some(comparator.mean),
        },
    }
}

/// Pure: the report from the four windows it needs.
pub fn build(
    services: &[ServiceRow],
    window: Window,
    current: &Tallies,
    previous_window: &Tallies,
    latest_quarter: &Tallies,
    previous_quarter: &Tallies,
    rules: Rules,
) -> ScoresReport {
    let prev = Window {
        kind: window.kind,
        end: window.end.previous(),
    };
    let q = Window::quarter(window.end);
    let pq = Window::quarter(window.end.previous());
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
            let now = scores_of(service, window, current, &c_now, rules);
            let before = scores_of(service, prev, previous_window, &c_prev, rules);
            let latest: HashMap<Dimension, Score> =
                scores_of(service, q, latest_quarter, &c_q, rules)
                    .into_iter()
                    .map(|(d, s, _)| (d, s))
                    .collect();
            let earlier: HashMap<Dimension, Score> =
                scores_of(service, pq, previous_quarter, &c_pq, rules)
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
                overall,
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
    report: Arc<ScoresReport>,
}

/// Reports kept at most (a 200-service report is about 0.3 MB), so memory stays bounded.
const CACHE_CAPACITY: usize = 32;

impl ScoresCache {
    fn get(&self, key: (Uuid, Window), version: i64, rules: Rules) -> Option<Arc<ScoresReport>> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(&key)
            .filter(|c| c.version == version && c.rules == rules)
            .map(|c| c.report.clone())
    }

    fn put(&self, key: (Uuid, Window), version: i64, rules: Rules, report: Arc<ScoresReport>) {
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
/// unchanged, else built from the four windows' aggregates (one query) and kept.
pub async fn scores(
    db: &impl ConnectionTrait,
    cache: &ScoresCache,
    organisation_id: Uuid,
    kind: WindowKind,
    end: Quarter,
) -> Result<Arc<ScoresReport>, DbErr> {
    let organisation = store::organisations::find(db, organisation_id).await?;
    let rules = rules_from(organisation.as_ref());
    let window = Window { kind, end };
    let version = organisation.map(|o| o.scores_version);
    if let Some(hit) = version.and_then(|v| cache.get((organisation_id, window), v, rules)) {
        return Ok(hit);
    }
    // Read after the version: whatever commits in between makes the report newer than its
    // version, never older.
    let report = Arc::new(build_from_store(db, organisation_id, window, rules).await?);
    if let Some(v) = version {
        cache.put((organisation_id, window), v, rules, report.clone());
    }
    Ok(report)
}

/// The tallies of one window.
fn of_window(all: &Tallies, window: Window) -> Tallies {
    all.iter()
        .filter(|((_, _, w), _)| *w == window)
        .map(|(k, t)| (*k, *t))
        .collect()
}

async fn build_from_store(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    window: Window,
    rules: Rules,
) -> Result<ScoresReport, DbErr> {
    let services = store::services::list_for_organisation(db, organisation_id).await?;
    let tallies = store::aggregates::for_windows(db, organisation_id, &windows_for(window)).await?;
    Ok(report(&services, window, &tallies, rules))
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
    let [current, previous, latest, earlier] = windows_for(window).map(|w| of_window(tallies, w));
    build(
        services, window, &current, &previous, &latest, &earlier, rules,
    )
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
    let all = store::aggregates::for_windows(db, organisation_id, &windows).await?;
    let mut q = end;
    for window in windows {
        let tallies = of_window(&all, window);
        let comparators = comparators(&services, &tallies);
        let scores = scores_of(service, window, &tallies, &comparators, rules);
        trend.push(shared::api::QuarterScores {
            quarter: q.to_string(),
            overall: scoring::overall(
                &scores.iter().map(|(_, s, _)| s.clone()).collect::<Vec<_>>(),
            ),
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
