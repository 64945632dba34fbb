//! Prometheus metrics, served at `/metrics` in the text format: requests by route pattern, method
//! and status with latency histograms (the `actix-web-prom` middleware; a path with an id in it is
//! counted under its pattern, and one no route matches as "unmatched"), the group-commit writer's
//! batch sizes, the outbox's backlog and its oldest email's age, open safeguarding cases, and the
//! database pool. Nothing here names an organisation or a person. Each application has its own
//! registry, so several in one process (the tests) do not mix.

use crate::store;
use actix_web_prom::{PrometheusMetrics, PrometheusMetricsBuilder};
use chrono::Utc;
use prometheus::{Encoder, Histogram, HistogramOpts, IntGauge, Registry, TextEncoder};
use sea_orm::{DatabaseConnection, DbErr};
use secrecy::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;

const NAMESPACE: &str = "chorus";

pub struct Metrics {
    registry: Registry,
    /// What a scraper must send as its bearer token; without one, only this machine may read.
    token: Option<SecretString>,
    /// The middleware that counts and times every request.
    pub http: PrometheusMetrics,
    /// Submissions per group commit.
    pub writer_batch: Histogram,
    outbox_unsent: IntGauge,
    outbox_oldest_seconds: IntGauge,
    open_cases: IntGauge,
    pool_connections: IntGauge,
    pool_idle: IntGauge,
}

fn gauge(registry: &Registry, name: &str, help: &str) -> anyhow::Result<IntGauge> {
    let gauge = IntGauge::with_opts(prometheus::Opts::new(name, help).namespace(NAMESPACE))?;
    registry.register(Box::new(gauge.clone()))?;
    Ok(gauge)
}

impl Metrics {
    pub fn new(token: Option<SecretString>) -> anyhow::Result<Metrics> {
        let registry = Registry::new();
        let http = PrometheusMetricsBuilder::new(NAMESPACE)
            .registry(registry.clone())
            .mask_unmatched_patterns("unmatched")
            .build()
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let writer_batch = Histogram::with_opts(
            HistogramOpts::new(
                "writer_batch_size",
                "Feedback submissions stored by one group commit.",
            )
            .namespace(NAMESPACE)
            .buckets(vec![1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0]),
        )?;
        registry.register(Box::new(writer_batch.clone()))?;
        Ok(Metrics {
            writer_batch,
            outbox_unsent: gauge(
                &registry,
                "outbox_unsent",
                "Emails and pushes waiting to be sent.",
            )?,
            outbox_oldest_seconds: gauge(
                &registry,
                "outbox_oldest_unsent_seconds",
                "How long the oldest unsent email has waited (0 when none).",
            )?,
            open_cases: gauge(
                &registry,
                "safeguarding_open_cases",
                "Safeguarding cases not yet closed, all organisations.",
            )?,
            pool_connections: gauge(
                &registry,
                "db_pool_connections",
                "Database connections open in this instance's pool.",
            )?,
            pool_idle: gauge(
                &registry,
                "db_pool_idle_connections",
                "Of those, connections not in use.",
            )?,
            registry,
            token,
            http,
        })
    }

    /// Whether a scrape may read the metrics: with the configured bearer token, or, when none is
    /// configured, from this machine only (a proxy on the same machine must then not forward it:
    /// deploy/haproxy.cfg refuses it).
    pub fn may_read(&self, bearer: Option<&str>, peer_is_loopback: bool) -> bool {
        match &self.token {
            Some(token) => bearer.is_some_and(|given| {
                given
                    .as_bytes()
                    .ct_eq(token.expose_secret().as_bytes())
                    .into()
            }),
            None => peer_is_loopback,
        }
    }

    /// Brings the gauges up to date from the database, then writes every metric out.
    pub async fn render(&self, db: &DatabaseConnection) -> Result<String, DbErr> {
        let (unsent, oldest) = store::outbox::backlog(db).await?;
        self.outbox_unsent
            .set(i64::try_from(unsent).unwrap_or(i64::MAX));
        self.outbox_oldest_seconds
            .set(oldest.map_or(0, |at| (Utc::now() - at).num_seconds().max(0)));
        let open = store::safeguarding::open_cases(db).await?;
        self.open_cases.set(i64::try_from(open).unwrap_or(i64::MAX));
        let (size, idle) = pool_use(db);
        self.pool_connections.set(size);
        self.pool_idle.set(idle);
        let mut text = Vec::new();
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut text)
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        Ok(String::from_utf8_lossy(&text).into_owned())
    }
}

/// (open, idle) connections of the pool.
fn pool_use(db: &DatabaseConnection) -> (i64, i64) {
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    match db {
        DatabaseConnection::SqlxPostgresPoolConnection(_) => {
            let pool = db.get_postgres_connection_pool();
            (i64::from(pool.size()), count(pool.num_idle()))
        }
        DatabaseConnection::SqlxSqlitePoolConnection(_) => {
            let pool = db.get_sqlite_connection_pool();
            (i64::from(pool.size()), count(pool.num_idle()))
        }
        _ => (0, 0),
    }
}
