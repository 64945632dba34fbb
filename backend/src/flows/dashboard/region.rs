//! The regional view (docs/regions.md): for each provider and service type the council
//! commissions, its own scores for a closed financial year beside the region's pooled ones.
//! Pooled cells are the sums of the member councils' `provider_tallies` rows for that year; one
//! is shown only where the other councils' parts pass `domain::regions::others_enough`. The
//! council's own figure is the sum of its services' cells in that group, shown only where its
//! dashboard shows every one of them.

use super::{plan_of, rules_from, rules_of, to_wire, Rules, ScoresCache};
use crate::domain::disclosure;
use crate::domain::ids::OrganisationId;
use crate::domain::quarter::Quarter;
use crate::domain::regions::{others_enough, pooled_year, Group};
use crate::domain::scoring::{self, Comparator, Score, Tally};
use crate::domain::windows::Window;
use crate::encoded::Encoded;
use crate::store::{self, aggregates::providers, entities::organisation};
use sea_orm::{ConnectionTrait, DbErr};
use shared::api::{DimensionScore, Region, RegionGroup, RegionReport, ServiceType};
use shared::Dimension;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use uuid::Uuid;

/// What a cached view was built from: each member's id, version and cohort, and the reader's
/// rules. The version is the reader's scores version (its own figures and disclosure plan) and
/// each other council's pooled version, which only changes that touch a closed or closing
/// financial year bump: a moderation in another council's open year keeps the view; one in a
/// closed year, a kind change, a merge, a council joining or leaving make a new one.
pub(super) type Fingerprint = (Members, Rules);

/// One group as the council commissions it.
struct Commissioned {
    name: String,
    urn: Option<String>,
    services: Vec<Uuid>,
}

/// The view for the last closed financial year ending at or before `asked`
/// ([`pooled_year`]).
pub async fn region_scores(
    db: &impl ConnectionTrait,
    cache: &ScoresCache,
    organisation_id: OrganisationId,
    asked: Quarter,
) -> Result<Arc<Encoded<RegionReport>>, DbErr> {
    let end = pooled_year(asked, Quarter::of(chrono::Utc::now()));
    // One query while nothing has changed: the region's councils, the reader among them.
    let members = store::regions::members_with(db, organisation_id).await?;
    let in_none = || async {
        let rules = rules_of(db, organisation_id).await?;
        Ok(Arc::new(Encoded::new(RegionReport {
            region: None,
            window_end: end.to_string(),
            min_cohort: rules.min_cohort,
            prior_weight: rules.prior_weight as i64,
            groups: Vec::new(),
        })))
    };
    let Some(reader) = members.iter().find(|m| m.id == organisation_id).cloned() else {
        return in_none().await;
    };
    let rules = rules_from(Some(&reader));
    let version = Some(reader.scores_version);
    let fingerprint: Fingerprint = (
        members
            .iter()
            .map(|m| {
                let version = match m.id == organisation_id {
                    true => m.scores_version,
                    false => m.pooled_version,
                };
                (m.id, version, m.min_cohort)
            })
            .collect(),
        rules,
    );
    if let Some(hit) = cache.region((organisation_id, end), &fingerprint) {
        return Ok(hit);
    }
    // The council left its region since the first read: answer as for a council in none.
    let Some(region) = store::regions::of(db, organisation_id).await? else {
        return in_none().await;
    };
    let info = Region {
        id: region.id,
        name: region.name,
        councils: members.len(),
        member: true,
    };
    let cohort = members
        .iter()
        .map(|m| i64::from(m.min_cohort))
        .max()
        .unwrap_or(rules.min_cohort)
        .max(rules.min_cohort);
    let commissioned = commissioned(db, organisation_id).await?;
    let providers: Vec<Uuid> = commissioned.keys().map(|(p, _)| *p).collect();
    let councils: Vec<OrganisationId> =
        members.iter().map(|m: &organisation::Model| m.id).collect();
    let window = Window::year(end);
    let rows = providers::of_councils(db, &councils, &providers, Some(window)).await?;
    let plan = match cache.plan(organisation_id, rules.min_cohort) {
        // The council's own plan, unchanged since it was made: no need to list its services.
        Some((at, plan)) if Some(at) == version => plan,
        _ => {
            let services = store::services::list_for_organisation(db, organisation_id).await?;
            plan_of(db, cache, organisation_id, version, rules, &services).await?
        }
    };
    let own_cells = store::aggregates::for_windows(db, organisation_id, &[window]).await?;
    let own_cells: HashMap<Uuid, [Tally; 6]> =
        own_cells.into_iter().map(|(s, _, t)| (s, t)).collect();

    // Per group and outcome: the pooled cell, and the other councils' parts of it.
    let mut pooled: HashMap<Group, [Tally; 6]> = HashMap::new();
    let mut others: HashMap<(Group, usize), Vec<i64>> = HashMap::new();
    for (council, provider, kind, _, outcomes) in &rows {
        let group = (*provider, *kind);
        if commissioned.contains_key(&group) {
            let cell = pooled.entry(group).or_default();
            for (slot, (c, t)) in cell.iter_mut().zip(outcomes).enumerate() {
                *c = c.merge(*t);
                if *council != organisation_id {
                    others.entry((group, slot)).or_default().push(t.n);
                }
            }
        }
    }
    let shows = |group: Group, slot: usize| {
        others
            .get(&(group, slot))
            .is_some_and(|parts| others_enough(parts, cohort))
    };
    // Per service type and outcome: the pool of the pooled cells shown, as on the dashboard.
    let mut pools: HashMap<(ServiceType, usize), Vec<Tally>> = HashMap::new();
    for (group, cells) in &pooled {
        for (slot, t) in cells.iter().enumerate() {
            if shows(*group, slot) {
                pools.entry((group.1, slot)).or_default().push(*t);
            }
        }
    }
    let comparator = |kind: ServiceType, slot: usize| {
        disclosure::comparator_of_shown(pools.get(&(kind, slot)).cloned().unwrap_or_default())
    };
    let mut groups = commissioned
        .into_iter()
        .map(|((provider, kind), c)| {
            let mut own = Vec::new();
            let mut pooled_scores = Vec::new();
            let cells = pooled.get(&(provider, kind)).copied().unwrap_or_default();
            for (slot, dimension) in Dimension::ALL.into_iter().enumerate() {
                let m = comparator(kind, slot);
                // The council's own: every one of its services' cells shown, or none counted.
                let parts: Vec<(Uuid, Tally)> = c
                    .services
                    .iter()
                    .filter_map(|s| Some((*s, own_cells.get(s)?[slot])))
                    .filter(|(_, t)| t.n > 0)
                    .collect();
                let sum = parts.iter().fold(Tally::default(), |a, (_, t)| a.merge(*t));
                if sum.n > 0 {
                    let all_shown = parts.iter().all(|(s, t)| plan.shows(*s, slot, window, t.n));
                    own.push(wire(dimension, all_shown, sum, m, rules, rules.min_cohort));
                }
                let p = cells[slot];
                if p.n > 0 {
                    let shown = shows((provider, kind), slot);
                    pooled_scores.push(wire(dimension, shown, p, m, rules, cohort));
                }
            }
            RegionGroup {
                provider_id: provider,
                provider_name: c.name,
                provider_urn: c.urn,
                service_type: kind,
                own_services: c.services.len(),
                own,
                pooled: pooled_scores,
            }
        })
        .collect::<Vec<_>>();
    groups.sort_by(|a, b| {
        (a.provider_name.as_str(), a.service_type.as_str())
            .cmp(&(b.provider_name.as_str(), b.service_type.as_str()))
    });
    let report = Arc::new(Encoded::new(RegionReport {
        region: Some(info),
        window_end: end.to_string(),
        min_cohort: cohort,
        prior_weight: rules.prior_weight as i64,
        groups,
    }));
    cache.put_region((organisation_id, end), fingerprint, report.clone());
    Ok(report)
}

/// Each member's id, version (see `Fingerprint`) and cohort.
pub(super) type Members = Vec<(OrganisationId, i64, i32)>;

/// A cell as it goes out: scored where `shown`, else suppressed without a number.
fn wire(
    dimension: Dimension,
    shown: bool,
    tally: Tally,
    comparator: Comparator,
    rules: Rules,
    cohort: i64,
) -> DimensionScore {
    let score = if shown {
        scoring::score(tally, comparator, rules.prior_weight, cohort)
    } else {
        Score::Suppressed
    };
    to_wire(dimension, &score, &comparator)
}

/// The council's services grouped by provider and service type, with the provider's name and
/// number.
async fn commissioned(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<BTreeMap<Group, Commissioned>, DbErr> {
    let mut groups: BTreeMap<Group, Commissioned> = BTreeMap::new();
    for (service, provider) in store::directory::listing(db, organisation_id).await? {
        groups
            .entry((provider.id, service.service_type))
            .or_insert_with(|| Commissioned {
                name: provider.name.clone(),
                urn: provider.urn.clone(),
                services: Vec::new(),
            })
            .services
            .push(service.id);
    }
    Ok(groups)
}
