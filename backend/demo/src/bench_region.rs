//! `generate-region` and `bench-region`: a simulated region (by default 12 councils, 400
//! providers, 2,000 services, 10,000,000 feedback rows over 5 years) and the regional view read
//! through the whole application in-process, cached and first after a change anywhere in the
//! region, with the region's recompute from raw rows timed (docs/regions.md, BENCHMARKS.md).

use crate::bench::{get_gzipped, moderated, progress, summary, timed, Population};
use backend::domain::ids::OrganisationId;
use backend::store;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{DatabaseConnection, TransactionTrait};
use shared::api::ServiceType;
use shared::AgeBand;
use std::time::Instant;
use uuid::Uuid;

pub const REGION: &str = "Benchmark Region";

pub struct Options {
    pub councils: usize,
    pub providers: usize,
    pub services: usize,
    pub feedback: u64,
    pub young_people: usize,
    pub years: i64,
}

fn slug(council: usize) -> String {
    format!("region-bench-{council:02}")
}

/// The councils, their services (service `i` belongs to council `i % councils` and provider
/// `i % providers`, each provider of one kind, so a provider's homes are spread over a few
/// councils), their young people and feedback, then every council's tallies from raw rows and
/// the region. Returns the rows written and the seconds the region's recompute took.
pub async fn generate_region(db: &DatabaseConnection, o: &Options) -> anyhow::Result<(u64, f64)> {
    let mut rng = StdRng::seed_from_u64(12_400);
    let mut councils = Vec::new();
    for c in 0..o.councils {
        let org =
            store::organisations::ensure(db, &slug(c), &format!("Benchmark council {c}"), None)
                .await?;
        anyhow::ensure!(
            store::feedback::count_for_organisation(db, org.id).await? == 0,
            "the benchmark region already has data; use a fresh database"
        );
        councils.push(org.id);
    }
    let mut providers = Vec::new();
    for p in 0..o.providers {
        providers.push(
            store::services::ensure_provider(db, &format!("Regional provider {p:03}"))
                .await?
                .id,
        );
    }
    let mut services: Vec<Vec<(Uuid, f64)>> = vec![Vec::new(); o.councils];
    for i in 0..o.services {
        let (c, p) = (i % o.councils, i % o.providers);
        let kind = ServiceType::ALL[p % ServiceType::ALL.len()];
        let service = store::services::ensure_service(
            db,
            councils[c],
            providers[p],
            &format!("Service {i:04}"),
            kind,
        )
        .await?;
        services[c].push((service.id, rng.gen_range(3.0..4.4)));
    }
    let bar = progress(o.feedback)?;
    let mut written = 0;
    for (c, org) in councils.iter().enumerate() {
        let people: Vec<Uuid> = (0..o.young_people)
            .map(|_| Uuid::from_u128(rng.gen()))
            .collect();
        store::users::insert_voices(db, *org, &people, AgeBand::Age16To17).await?;
        let population = Population::new(*org, std::mem::take(&mut services[c]), people, o.years);
        let share =
            o.feedback / o.councils as u64 + u64::from((c as u64) < o.feedback % o.councils as u64);
        let mut done = 0;
        while done < share {
            let batch = (share - done).min(20_000);
            let rows = (0..batch).map(|_| population.row(&mut rng)).collect();
            let txn = db.begin().await?;
            store::feedback::insert_historical(&txn, rows).await?;
            txn.commit().await?;
            done += batch;
            written += batch;
            bar.set_position(written);
        }
    }
    bar.finish_and_clear();
    let seconds = recompute_region(db, &councils).await?;
    let region = match store::regions::find_by_name(db, REGION).await? {
        Some(r) => r,
        None => store::regions::insert(db, REGION, chrono::Utc::now()).await?,
    };
    for org in &councils {
        if store::regions::membership(db, *org).await?.is_none() {
            store::regions::join(db, *org, region.id, chrono::Utc::now()).await?;
        }
    }
    Ok((written, seconds))
}

/// Every member's tallies (service and provider groups) made again from raw rows, each council
/// in a transaction of its own, two councils at a time (the machine's two cores), in seconds.
async fn recompute_region(
    db: &DatabaseConnection,
    councils: &[OrganisationId],
) -> anyhow::Result<f64> {
    const AT_ONCE: usize = 2;
    let started = Instant::now();
    let tasks: Vec<_> = (0..AT_ONCE)
        .map(|k| {
            let db = db.clone();
            let mine: Vec<OrganisationId> =
                councils.iter().skip(k).step_by(AT_ONCE).copied().collect();
            tokio::spawn(async move {
                for org in mine {
                    let txn = db.begin().await?;
                    store::aggregates::begin_change(&txn, org).await?;
                    let fresh = store::aggregates::compute_from_raw(&txn, org, |_| {}).await?;
                    store::aggregates::replace_all(&txn, org, &fresh).await?;
                    txn.commit().await?;
                }
                anyhow::Ok(())
            })
        })
        .collect();
    for task in tasks {
        task.await??;
    }
    Ok(started.elapsed().as_secs_f64())
}

/// In one run: `GET /api/v1/dashboard/region` as the first council's commissioner through the
/// whole application in-process (token check, handler, cache, queries, JSON, gzip), cached and
/// first after a change (before each, one service of another council changed, as a moderation
/// there does); then the region's recompute from raw rows.
pub async fn bench_region(
    db: &DatabaseConnection,
    settings: &backend::config::Settings,
    iterations: usize,
) -> anyhow::Result<String> {
    use actix_web::test;
    let reader = store::organisations::find_by_slug(db, &slug(0))
        .await?
        .ok_or_else(|| {
            anyhow::anyhow!("no benchmark region: run `backend generate-region` first")
        })?;
    let membership = store::regions::membership(db, reader.id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the benchmark council is in no region"))?;
    let members = store::regions::members(db, membership.region_id).await?;
    let others: Vec<(OrganisationId, Uuid)> = {
        let mut list = Vec::new();
        for m in members.iter().filter(|m| m.id != reader.id) {
            for s in store::services::list_for_organisation(db, m.id).await? {
                list.push((m.id, s.id));
            }
        }
        list
    };
    let state = backend::startup::AppState::new(db.clone(), settings)?;
    let token = state
        .keys
        .issue(Uuid::new_v4(), reader.id, shared::Role::Commissioner, 0)?;
    let app = test::init_service(backend::startup::app(&state)).await;
    // Before each request: nothing; a change to another council's open year (its scores version
    // moves, as with nearly every moderation); or to its closed year (its pooled version too, as
    // with a late answer, a kind change or a merge).
    let measure = |change: Option<bool>| {
        let (app, token, others) = (&app, &token, &others);
        async move {
            let (mut ms, mut bytes) = (Vec::with_capacity(iterations), 0);
            for i in 0..iterations {
                if let Some(closed_year) = change {
                    let (org, service) = others[(i * 7919) % others.len().max(1)];
                    moderated(db, org, Some(service)).await?;
                    if closed_year {
                        store::aggregates::providers::mark_pooled_changed(db, org).await?;
                    }
                }
                let request = get_gzipped("/api/v1/dashboard/region", token).to_request();
                let (took, body) = timed(app, request).await?;
                ms.push(took);
                bytes = body;
            }
            anyhow::Ok((ms, bytes))
        }
    };
    let (warm, bytes) = measure(None).await?;
    let (open, _) = measure(Some(false)).await?;
    let (cold, _) = measure(Some(true)).await?;
    let councils: Vec<OrganisationId> = members.iter().map(|m| m.id).collect();
    let recompute = recompute_region(db, &councils).await?;
    let rows = {
        let mut n = 0;
        for org in &councils {
            n += store::feedback::count_for_organisation(db, *org).await?;
        }
        n
    };
    let ((warm, _), (open, _), (cold, _)) = (summary(warm), summary(open), summary(cold));
    Ok(format!(
        "GET /api/v1/dashboard/region in-process, {} councils, {rows} feedback rows, {iterations} requests each, {bytes} bytes gzipped:\n\
         cache warm: {warm}\n\
         after a change to another council's open year before each: {open}\n\
         first after a change to another council's closed year before each: {cold}\n\
         recompute of the region from raw rows: {recompute:.1} s",
        councils.len()
    ))
}
