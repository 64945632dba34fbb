//! Structured logs through `tracing`. Secrets and young people's words are never logged.
//! `CHORUS_LOG_FORMAT=json` writes one JSON object a line (for a log collector); otherwise
//! lines for people. `RUST_LOG` sets the level.

use tracing_subscriber::{fmt, EnvFilter};

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn"));
    let builder = fmt().with_env_filter(filter).with_target(false);
    let _ = if std::env::var("CHORUS_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json")) {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
