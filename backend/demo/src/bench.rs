//! `generate`: a realistic load for the dashboard and recompute benchmarks — by default 1,000,000
//! approved feedback rows over 200 services and 5 years. Popular services get far more feedback
//! than quiet ones (Zipf-like), young people give feedback several times, some questions are
//! skipped, and a few services are poor. Runs in its own organisation, so demo data is untouched.

use backend::flows::feedback::writer::SubmissionWriter;
use backend::flows::feedback::Submitted;
use backend::store::{
    self,
    feedback::{Historical, NewFeedback, Stored},
};
use chrono::{Duration, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, TransactionTrait};
use shared::api::ServiceType;
use shared::{AgeBand, Answers, Dimension, Face};
use std::time::Instant;
use uuid::Uuid;

pub const ORGANISATION_SLUG: &str = "benchmark";

pub struct Options {
    pub feedback: u64,
    pub services: usize,
    pub young_people: usize,
    pub years: i64,
}

pub struct Outcome {
    pub organisation_id: backend::domain::ids::OrganisationId,
    pub rows: u64,
    pub seconds: f64,
}

pub async fn generate(db: &DatabaseConnection, options: &Options) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(1_000_000);
    let org = store::organisations::ensure(db, ORGANISATION_SLUG, "Benchmark County Council", None)
        .await?;
    anyhow::ensure!(
        store::feedback::count_for_organisation(db, org.id).await? == 0,
        "the benchmark organisation already has data; use a fresh database"
    );
    let services = bench_services(db, org.id, options.services, &mut rng).await?;
    let people: Vec<Uuid> = (0..options.young_people)
        .map(|_| Uuid::from_u128(rng.gen()))
        .collect();
    store::users::insert_voices(db, org.id, &people, AgeBand::Age16To17).await?;
    let population = Population::new(org.id, services, people, options.years);
    let bar = progress(options.feedback)?;
    let mut written = 0;
    while written < options.feedback {
        let batch = (options.feedback - written).min(20_000);
        let rows: Vec<Historical> = (0..batch).map(|_| population.row(&mut rng)).collect();
        let txn = db.begin().await?;
        store::feedback::insert_historical(&txn, rows).await?;
        txn.commit().await?;
        written += batch;
        bar.set_position(written);
    }
    bar.finish_and_clear();
    let txn = db.begin().await?;
    store::aggregates::begin_change(&txn, org.id).await?;
    let fresh = store::aggregates::compute_from_raw(&txn, org.id, |_| {}).await?;
    store::aggregates::replace_all(&txn, org.id, &fresh).await?;
    txn.commit().await?;
    Ok(Outcome {
        organisation_id: org.id,
        rows: written,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// `n` services, three to a provider, each with its quality level: most good, some middling, a
/// few poor.
async fn bench_services(
    db: &DatabaseConnection,
    organisation_id: backend::domain::ids::OrganisationId,
    n: usize,
    rng: &mut StdRng,
) -> anyhow::Result<Vec<(Uuid, f64)>> {
    let mut services = Vec::with_capacity(n);
    for i in 0..n {
        let provider =
            store::services::ensure_provider(db, &format!("Benchmark Provider {:03}", i / 3))
                .await?;
        let kind = ServiceType::ALL[i % ServiceType::ALL.len()];
        let name = format!("Service {i:03}");
        let service =
            store::services::ensure_service(db, organisation_id, provider.id, &name, kind).await?;
        let level: f64 = match i % 20 {
            0 => 2.2,
            1..=4 => 3.3,
            _ => rng.gen_range(3.8..4.4),
        };
        services.push((service.id, level));
    }
    Ok(services)
}

/// Zipf-like weights, service k getting 1/(k+1)^0.8, as a cumulative distribution.
fn zipf_cumulative(n: usize) -> Vec<f64> {
    let weights: Vec<f64> = (0..n).map(|k| 1.0 / ((k + 1) as f64).powf(0.8)).collect();
    let total: f64 = weights.iter().sum();
    weights
        .iter()
        .scan(0.0, |acc, w| {
            *acc += w / total;
            Some(*acc)
        })
        .collect()
}

pub(crate) fn progress(rows: u64) -> anyhow::Result<ProgressBar> {
    let bar = if console_is_terminal() {
        ProgressBar::new(rows)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(ProgressStyle::with_template(
        "{bar:40} {pos}/{len} feedback rows ({per_sec}, {eta} left)",
    )?);
    Ok(bar)
}

/// Who gives feedback on what, for drawing rows.
pub(crate) struct Population {
    organisation_id: backend::domain::ids::OrganisationId,
    services: Vec<(Uuid, f64)>,
    cumulative: Vec<f64>,
    people: Vec<Uuid>,
    authors_per_service: usize,
    now: chrono::DateTime<Utc>,
    span_hours: i64,
}

impl Population {
    /// Services (id, quality level) of one organisation, young people giving feedback on them
    /// over `years` to now, popular services more than quiet ones.
    pub(crate) fn new(
        organisation_id: backend::domain::ids::OrganisationId,
        services: Vec<(Uuid, f64)>,
        people: Vec<Uuid>,
        years: i64,
    ) -> Population {
        Population {
            organisation_id,
            cumulative: zipf_cumulative(services.len()),
            authors_per_service: people.len().min(400),
            services,
            people,
            now: Utc::now(),
            span_hours: years * 365 * 24,
        }
    }

    pub(crate) fn row(&self, rng: &mut StdRng) -> Historical {
        let u: f64 = rng.gen();
        let s = self
            .cumulative
            .partition_point(|c| *c < u)
            .min(self.services.len() - 1);
        let (service_id, level) = self.services[s];
        // Young people stay with a few services: pick from a slice of the population per service.
        let pick = rng.gen_range(0..self.authors_per_service);
        let author = self.people[(s * 97 + pick) % self.people.len()];
        let mut answers = Answers::default();
        for d in Dimension::ALL {
            if rng.gen_ratio(6, 7) {
                let noise: f64 = (0..3).map(|_| rng.gen_range(-0.9..0.9)).sum();
                answers.set(
                    d,
                    Face::new((level + noise).round().clamp(1.0, 5.0) as u8).ok(),
                );
            }
        }
        let received_at = self.now - Duration::hours(rng.gen_range(0..self.span_hours));
        Historical {
            feedback: NewFeedback {
                id: Uuid::from_u128(rng.gen()),
                organisation_id: self.organisation_id,
                service_id,
                author_id: author,
                answers,
                tell_us_more: None,
                make_better: None,
                named: false,
                wants_talk: false,
                assisted_by: None,
            },
            received_at,
            approved: Some(crate::approved_two_days_later(received_at)),
        }
    }
}

fn console_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
}

fn percentile(sorted_ms: &[f64], p: f64) -> f64 {
    if sorted_ms.is_empty() {
        return 0.0;
    }
    let i = ((sorted_ms.len() - 1) as f64 * p).round() as usize;
    sorted_ms[i]
}

/// Latencies in milliseconds as "p50 …, p95 …, p99 … ms", and the p50.
pub(crate) fn summary(mut ms: Vec<f64>) -> (String, f64) {
    ms.sort_by(f64::total_cmp);
    let p50 = percentile(&ms, 0.5);
    let text = format!(
        "p50 {p50:.2} ms, p95 {:.2} ms, p99 {:.2} ms",
        percentile(&ms, 0.95),
        percentile(&ms, 0.99)
    );
    (text, p50)
}

/// What a moderation does to the scores: a new version, one service changed (`None`: all).
pub(crate) async fn moderated(
    db: &DatabaseConnection,
    organisation_id: backend::domain::ids::OrganisationId,
    service: Option<Uuid>,
) -> anyhow::Result<()> {
    let txn = db.begin().await?;
    store::aggregates::begin_change(&txn, organisation_id).await?;
    store::aggregates::mark_changed(&txn, organisation_id, service).await?;
    txn.commit().await?;
    Ok(())
}

/// A GET with the bearer token, asking for gzip as a browser does.
pub(crate) fn get_gzipped(uri: &str, token: &str) -> actix_web::test::TestRequest {
    use actix_web::http::header;
    actix_web::test::TestRequest::get()
        .uri(uri)
        .insert_header((header::AUTHORIZATION, format!("Bearer {token}")))
        .insert_header((header::ACCEPT_ENCODING, "gzip"))
}

/// One request through the application: milliseconds taken and the body's bytes.
pub(crate) async fn timed<S, R, B, E>(app: &S, request: R) -> anyhow::Result<(f64, usize)>
where
    S: actix_web::dev::Service<R, Response = actix_web::dev::ServiceResponse<B>, Error = E>,
    B: actix_web::body::MessageBody,
    E: std::fmt::Debug,
{
    let t = Instant::now();
    let response = actix_web::test::call_service(app, request).await;
    anyhow::ensure!(response.status().is_success(), "{}", response.status());
    let body = actix_web::test::read_body(response).await;
    Ok((t.elapsed().as_secs_f64() * 1000.0, body.len()))
}

/// In one run: `GET /api/v1/dashboard/scores` through the whole application in-process (token
/// check, handler, cache, queries, JSON, gzip as a browser asks for it; no socket), with the
/// cache warm (every request after a change) and cold (the first request after each change:
/// before each one the version is bumped and one service marked changed), against the same scores computed from raw rows.
pub async fn bench_dashboard(
    db: &DatabaseConnection,
    settings: &backend::config::Settings,
    iterations: usize,
    raw_iterations: usize,
) -> anyhow::Result<String> {
    use actix_web::test;
    use backend::domain::quarter::Quarter;
    use backend::domain::windows::Window;
    let org = store::organisations::find_by_slug(db, ORGANISATION_SLUG)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no benchmark data: run `backend generate` first"))?;
    let state = backend::startup::AppState::new(db.clone(), settings)?;
    let token = state
        .keys
        .issue(Uuid::new_v4(), org.id, shared::Role::Commissioner, 0)?;
    let app = test::init_service(backend::startup::app(&state)).await;
    let services = store::services::list_for_organisation(db, org.id).await?;
    let measure = |cold: bool| {
        let app = &app;
        let token = &token;
        let services = &services;
        async move {
            let mut ms = Vec::with_capacity(iterations);
            let mut bytes = 0;
            for i in 0..iterations {
                if cold {
                    // What a moderation does to the scores: a new version, one service changed.
                    let changed = services.get(i % services.len().max(1)).map(|s| s.id);
                    moderated(db, org.id, changed).await?;
                }
                let request = get_gzipped("/api/v1/dashboard/scores", token).to_request();
                let (took, body) = timed(app, request).await?;
                ms.push(took);
                bytes = body;
            }
            anyhow::Ok((ms, bytes))
        }
    };
    let (warm, body_bytes) = measure(false).await?;
    let (cold, _) = measure(true).await?;
    let window = Window::year(Quarter::of(Utc::now()));
    let rules = backend::flows::dashboard::Rules {
        min_cohort: i64::from(org.min_cohort),
        prior_weight: f64::from(org.prior_weight),
    };
    let mut slow = Vec::with_capacity(raw_iterations);
    for _ in 0..raw_iterations {
        let t = Instant::now();
        let all = store::aggregates::compute_from_raw(db, org.id, |_| {}).await?;
        let report = backend::flows::dashboard::report(&services, window, &all, rules);
        slow.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(report);
    }
    let ((warm, _), (cold, cold_p50), (_, raw_p50)) = (summary(warm), summary(cold), summary(slow));
    Ok(format!(
        "GET /api/v1/dashboard/scores in-process, {iterations} requests each, {body_bytes} bytes gzipped:\n\
         cache warm: {warm}\n\
         cache cold (before each request a new version, one service changed, as a moderation does): {cold}\n\
         from raw rows: p50 {raw_p50:.0} ms ({raw_iterations} runs); ratio raw / cold {:.0}x",
        raw_p50 / cold_p50.max(1e-9)
    ))
}

/// In one run, on the demo organisation: submissions as the `POST /feedback` handler stores them
/// (validation, then the group-commit writer: service links, safeguarding phrases, insert once,
/// in one transaction per batch) against a bare insert of the same row with the same durability
/// (one transaction per row), each from `concurrency` tasks. HTTP and the JWT check are left out
/// of both sides.
pub async fn bench_submit(
    db: &DatabaseConnection,
    count: usize,
    concurrency: usize,
    writers: usize,
) -> anyhow::Result<String> {
    let me = store::users::find_by_sign_in_name(db, crate::YOUNG_PERSON_SIGN_IN)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo data: run `backend demo-data` first"))?;
    let service = store::services::list_for_young_person(db, me.id)
        .await?
        .first()
        .map(|s| s.id)
        .ok_or_else(|| anyhow::anyhow!("the demo young person has no services"))?;
    let row = move || NewFeedback {
        id: Uuid::new_v4(),
        organisation_id: me.organisation_id,
        service_id: service,
        author_id: me.id,
        answers: Answers::default(),
        tell_us_more: Some("The staff are kind and we go bowling on Fridays".to_owned()),
        make_better: None,
        named: false,
        wants_talk: false,
        assisted_by: None,
    };
    let per_task = count.div_ceil(concurrency.max(1));
    let writer = SubmissionWriter::start(db.clone(), writers);
    let run = |full: bool| {
        let db = db.clone();
        let writer = writer.clone();
        async move {
            let started = Instant::now();
            let tasks: Vec<_> = (0..concurrency.max(1))
                .map(|_| {
                    let db = db.clone();
                    let writer = writer.clone();
                    tokio::spawn(async move {
                        for _ in 0..per_task {
                            one_submission(&db, &writer, row(), full).await?;
                        }
                        anyhow::Ok(())
                    })
                })
                .collect();
            for task in tasks {
                task.await??;
            }
            anyhow::Ok((per_task * concurrency.max(1)) as f64 / started.elapsed().as_secs_f64())
        }
    };
    // Warm both paths, then measure bare, full, bare, full and keep the better of each.
    run(false).await?;
    let (b1, f1, b2, f2) = (
        run(false).await?,
        run(true).await?,
        run(false).await?,
        run(true).await?,
    );
    let (bare, full) = (b1.max(b2), f1.max(f2));
    Ok(format!(
        "{} rows × {} tasks per run on {:?}\nbare insert (one transaction each): {bare:8.0} rows/s\nfull submission (handler's work, group commit, {writers} writer(s)): {full:8.0} rows/s\nratio full / bare: {:.2}",
        per_task * concurrency.max(1),
        concurrency.max(1),
        db.get_database_backend(),
        full / bare
    ))
}

/// One submission: the handler's whole work through the group-commit writer (`full`), or a bare
/// insert of the same row in a transaction of its own.
async fn one_submission(
    db: &DatabaseConnection,
    writer: &SubmissionWriter,
    new: NewFeedback,
    full: bool,
) -> anyhow::Result<()> {
    if full {
        let (words, _) = shared::validate::feedback_words(
            &new.answers,
            new.tell_us_more.as_deref(),
            None,
            false,
        )?;
        std::hint::black_box(words);
        anyhow::ensure!(
            matches!(
                writer.submit(new).await?,
                Submitted::Stored(Stored::Created(_))
            ),
            "not stored"
        );
    } else {
        let txn = db.begin().await?;
        store::entities::feedback::Entity::insert(store::feedback::new_row(new, Utc::now(), None))
            .exec_without_returning(&txn)
            .await?;
        txn.commit().await?;
    }
    Ok(())
}
