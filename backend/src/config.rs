//! Typed, layered configuration: defaults → `chorus.toml` (or the file `CHORUS_CONFIG` names) →
//! `CHORUS_SECTION__KEY` environment variables → `DATABASE_URL`. Passed by value; never read globally.

use secrecy::SecretString;
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub application: ApplicationSettings,
    pub database: DatabaseSettings,
    pub auth: AuthSettings,
    pub mail: MailSettings,
    pub jobs: JobSettings,
    pub rate_limits: RateLimitSettings,
    pub audit: AuditSettings,
    pub push: PushSettings,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuditSettings {
    /// Key of the audit chain's HMAC (at least 32 characters). Required unless the server only
    /// listens on loopback without TLS (development and tests), where a fixed development key is
    /// used. Never change it: entries written under the old key would no longer verify.
    pub chain_key: Option<SecretString>,
    /// Secret from which the Ed25519 key that signs checkpoints of the chain's head is derived (at
    /// least 32 characters, not the chain key). Required like `chain_key`.
    pub checkpoint_key: Option<SecretString>,
    /// How often each organisation's head is checkpointed, when it has moved.
    pub checkpoint_seconds: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RateLimitSettings {
    /// Sign-in and invite attempts per client address per minute (0: no limit).
    pub sign_in_per_minute: u32,
    /// Feedback submissions per young person per minute (0: no limit).
    pub submissions_per_minute: u32,
    /// Reverse proxies whose `X-Forwarded-For` is believed (e.g. `["127.0.0.1"]` behind a proxy
    /// on the same machine). From any other peer the header is ignored, so a client cannot
    /// choose the address its attempts are counted against.
    #[serde(default)]
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct JobSettings {
    /// Run the outbox and escalation workers in this process.
    pub enabled: bool,
    pub poll_interval_ms: u64,
    /// First retry of a failed email after this long, doubling up to `retry_max_seconds`.
    pub retry_base_seconds: i64,
    pub retry_max_seconds: i64,
    /// Safeguarding email unsent for longer than this makes `/health` say "degraded" and puts a
    /// warning on the officers' page.
    pub safeguarding_mail_stuck_minutes: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ApplicationSettings {
    pub host: String,
    /// 0 picks a free port (tests).
    pub port: u16,
    /// The built web app (Trunk's `dist/`), served at `/` with a fallback to `index.html`.
    pub static_dir: Option<PathBuf>,
    /// The address people open Chorus at (e.g. behind a proxy): emailed links and printed invite
    /// cards start with it. Set it in production.
    pub public_url: Option<String>,
    /// Served to browsers over HTTPS (through a TLS proxy): send Strict-Transport-Security.
    pub behind_tls: bool,
    /// Worker threads for HTTP; 0 means one per core.
    pub workers: usize,
    /// Bearer token a Prometheus scraper sends for `/metrics`; without one, `/metrics` answers
    /// only requests from this machine.
    pub metrics_token: Option<SecretString>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    /// `sqlite://path?mode=rwc` or `postgres://...`.
    pub url: String,
    pub max_connections: u32,
    /// Group-commit writer tasks for feedback submissions; 0 picks one for SQLite (a single
    /// writer anyway) and half the pool for PostgreSQL.
    pub writers: usize,
}

impl DatabaseSettings {
    pub fn is_sqlite(&self) -> bool {
        self.url.starts_with("sqlite:")
    }

    /// How many submission writers to run (see `writers`).
    pub fn submission_writers(&self) -> usize {
        match (self.writers, self.is_sqlite()) {
            (0, true) => 1,
            (0, false) => usize::try_from(self.max_connections / 2)
                .unwrap_or(1)
                .max(1),
            (n, _) => n,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    /// HS256 key for access tokens. Required on PostgreSQL, where several instances must share it.
    /// When absent on SQLite (one instance), a random key is made at start-up: people stay signed
    /// in through their refresh cookie.
    pub jwt_secret: Option<SecretString>,
    pub access_token_minutes: i64,
    pub refresh_token_days: i64,
    /// How wrong PINs and passwords slow down further tries (`domain::slowdown`); nobody is
    /// ever locked out.
    pub wrong_tries: WrongTrySettings,
    /// How often each instance reads the token revocations made by the others.
    pub revocation_poll_ms: u64,
    pub invite_days: i64,
    /// `Secure` on the refresh cookie. Browsers accept it on http://localhost and 127.0.0.1 too.
    pub secure_cookies: bool,
}

/// Free wrong tries per scope, and the waits after them.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct WrongTrySettings {
    /// One sign-in name from one address: the child mistyping, or someone guessing at them.
    pub per_name_and_address: i32,
    /// One sign-in name from every address together: guessing spread over many addresses.
    pub per_name: i32,
    /// One address for every name: one PIN tried against many names. A children's home or a
    /// school shares one address, so this is the most generous.
    pub per_address: i32,
    pub first_wait_seconds: i64,
    pub longest_wait_minutes: i64,
}

impl WrongTrySettings {
    /// The policies of the three scopes, in the order above.
    pub fn policies(self) -> [crate::domain::slowdown::Policy; 3] {
        [self.per_name_and_address, self.per_name, self.per_address].map(|free| {
            crate::domain::slowdown::Policy {
                free,
                first_wait: chrono::Duration::seconds(self.first_wait_seconds),
                longest_wait: chrono::Duration::minutes(self.longest_wait_minutes),
            }
        })
    }
}

/// Web Push: off until a VAPID key is set.
#[derive(Debug, Clone, Deserialize)]
pub struct PushSettings {
    /// The VAPID private key: a P-256 scalar, 32 bytes in unpadded base64url (`backend
    /// vapid-key` makes one). The same on every instance; changing it ends every subscription.
    pub vapid_private_key: Option<SecretString>,
    /// Who push services may contact about Chorus's pushes (`mailto:` or `https:`).
    pub subject: String,
    /// The push services a subscription may name, by host (a subdomain counts), separated by
    /// commas: a young person's phone gives the address, and Chorus must not be made to post
    /// anywhere else.
    pub endpoint_hosts: String,
    /// Plain `http://` endpoints (the tests' push receiver on loopback); never in production.
    pub allow_http: bool,
}

impl PushSettings {
    pub fn hosts(&self) -> Vec<String> {
        self.endpoint_hosts
            .split(',')
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct MailSettings {
    pub smtp_host: String,
    pub smtp_port: u16,
    /// Plain SMTP on loopback for development and tests; STARTTLS otherwise.
    pub smtp_tls: bool,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<SecretString>,
    pub from: String,
}

impl Settings {
    /// Loads settings from defaults, the optional file and the environment.
    pub fn load() -> anyhow::Result<Settings> {
        let file = std::env::var("CHORUS_CONFIG").unwrap_or_else(|_| "chorus.toml".to_owned());
        let mut builder = Self::defaults()?
            .add_source(config::File::with_name(&file).required(false))
            .add_source(
                config::Environment::with_prefix("CHORUS")
                    .prefix_separator("_")
                    .separator("__"),
            );
        if let Ok(url) = std::env::var("DATABASE_URL") {
            builder = builder.set_override("database.url", url)?;
        }
        Ok(builder.build()?.try_deserialize()?)
    }

    /// Settings from the defaults alone, for tests and tools that set fields themselves.
    pub fn default_settings() -> anyhow::Result<Settings> {
        Ok(Self::defaults()?.build()?.try_deserialize()?)
    }

    fn defaults() -> anyhow::Result<config::ConfigBuilder<config::builder::DefaultState>> {
        Ok(config::Config::builder()
            .set_default("application.host", "127.0.0.1")?
            .set_default("application.port", 8080)?
            .set_default("application.workers", 0)?
            .set_default("application.behind_tls", false)?
            .set_default("database.url", "sqlite://data/chorus.db?mode=rwc")?
            .set_default("database.max_connections", 10)?
            .set_default("database.writers", 0)?
            .set_default("auth.access_token_minutes", 15)?
            .set_default("auth.refresh_token_days", 30)?
            .set_default("auth.revocation_poll_ms", 250)?
            .set_default("auth.wrong_tries.per_name_and_address", 5)?
            .set_default("auth.wrong_tries.per_name", 20)?
            .set_default("auth.wrong_tries.per_address", 50)?
            .set_default("auth.wrong_tries.first_wait_seconds", 30)?
            .set_default("auth.wrong_tries.longest_wait_minutes", 15)?
            .set_default("auth.invite_days", 28)?
            .set_default("auth.secure_cookies", true)?
            .set_default("mail.smtp_host", "127.0.0.1")?
            .set_default("mail.smtp_port", 2525)?
            .set_default("mail.smtp_tls", false)?
            .set_default("mail.from", "Chorus <chorus@localhost>")?
            .set_default("rate_limits.sign_in_per_minute", 30)?
            .set_default("rate_limits.submissions_per_minute", 30)?
            .set_default("audit.checkpoint_seconds", 300)?
            .set_default("jobs.enabled", true)?
            .set_default("jobs.poll_interval_ms", 1000)?
            .set_default("jobs.retry_base_seconds", 5)?
            .set_default("jobs.safeguarding_mail_stuck_minutes", 10)?
            .set_default("jobs.retry_max_seconds", 600)?
            .set_default("push.subject", "mailto:chorus@localhost")?
            .set_default(
                "push.endpoint_hosts",
                "fcm.googleapis.com,push.services.mozilla.com,notify.windows.com,push.apple.com",
            )?
            .set_default("push.allow_http", false)?)
    }
}
