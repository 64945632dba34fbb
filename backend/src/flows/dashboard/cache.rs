//! Reports and disclosure plans already built, per organisation, each with the scores version
//! and rules it was built from. One is served again only while the organisation's scores version
//! (bumped in every transaction that changes the scores, on whichever instance) and rules are the
//! ones read in the same request, so nothing cached is older than the database.

use super::region::Fingerprint;
use super::Rules;
use crate::domain::disclosure::Plan;
use crate::domain::ids::OrganisationId;
use crate::domain::quarter::Quarter;
use crate::domain::windows::Window;
use crate::encoded::Encoded;
use shared::api::{RegionReport, ScoresReport};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct ScoresCache {
    entries: Mutex<HashMap<(OrganisationId, Window), Cached>>,
    plans: Mutex<HashMap<OrganisationId, CachedPlan>>,
    regions: Mutex<HashMap<(OrganisationId, Quarter), CachedRegion>>,
}

/// A regional view with what it was built from.
type CachedRegion = (Fingerprint, Arc<Encoded<RegionReport>>);

/// A plan with the scores version and cohort it was made for.
type CachedPlan = (i64, i64, Arc<Plan>);

struct Cached {
    version: i64,
    rules: Rules,
    report: Arc<Encoded<ScoresReport>>,
}

/// Reports kept at most (a 200-service report is about 0.3 MB, with its JSON and gzip about
/// 0.5 MB), so memory stays bounded.
const CACHE_CAPACITY: usize = 32;

impl ScoresCache {
    pub(super) fn get(
        &self,
        key: (OrganisationId, Window),
        version: i64,
        rules: Rules,
    ) -> Option<Arc<Encoded<ScoresReport>>> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(&key)
            .filter(|c| c.version == version && c.rules == rules)
            .map(|c| c.report.clone())
    }

    pub(super) fn put(
        &self,
        key: (OrganisationId, Window),
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

    /// The organisation's latest disclosure plan for this cohort, with the scores version it
    /// was made at.
    pub(super) fn plan(
        &self,
        organisation: OrganisationId,
        cohort: i64,
    ) -> Option<(i64, Arc<Plan>)> {
        let plans = self.plans.lock().ok()?;
        plans
            .get(&organisation)
            .filter(|(_, k, _)| *k == cohort)
            .map(|(v, _, plan)| (*v, plan.clone()))
    }

    pub(super) fn put_plan(
        &self,
        organisation: OrganisationId,
        version: i64,
        cohort: i64,
        plan: Arc<Plan>,
    ) {
        if let Ok(mut plans) = self.plans.lock() {
            if plans.len() >= CACHE_CAPACITY && !plans.contains_key(&organisation) {
                plans.clear();
            }
            if plans
                .get(&organisation)
                .is_none_or(|(v, _, _)| *v <= version)
            {
                plans.insert(organisation, (version, cohort, plan));
            }
        }
    }

    /// The council's regional view for the financial year to `end`, if built from exactly this.
    pub(super) fn region(
        &self,
        key: (OrganisationId, Quarter),
        fingerprint: &Fingerprint,
    ) -> Option<Arc<Encoded<RegionReport>>> {
        let regions = self.regions.lock().ok()?;
        regions
            .get(&key)
            .filter(|(f, _)| f == fingerprint)
            .map(|(_, report)| report.clone())
    }

    pub(super) fn put_region(
        &self,
        key: (OrganisationId, Quarter),
        fingerprint: Fingerprint,
        report: Arc<Encoded<RegionReport>>,
    ) {
        if let Ok(mut regions) = self.regions.lock() {
            if regions.len() >= CACHE_CAPACITY && !regions.contains_key(&key) {
                regions.clear();
            }
            regions.insert(key, (fingerprint, report));
        }
    }
}
