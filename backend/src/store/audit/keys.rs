//! The audit log's keys: the chain's HMAC key and the checkpoint signing key, from configuration.
//!
//! They are installed once per process at start-up and read by `append`, rather than passed to
//! every flow that records an event: every write in the application would otherwise carry them.
//! A process refuses a second, different pair, so two configurations cannot mix in one chain.

use crate::config::{ApplicationSettings, Settings};
use crate::domain::audit::{ChainKey, CheckpointKey};
use sea_orm::DbErr;
use secrecy::{ExposeSecret, SecretString};
use std::sync::OnceLock;

/// Used only when the server listens on loopback without TLS (development and tests).
const DEVELOPMENT_CHAIN_KEY: &str = "chorus development audit chain key: never in production";
const DEVELOPMENT_CHECKPOINT_KEY: &str =
    "chorus development audit checkpoint key: never in production";
const MIN_KEY_CHARS: usize = 32;

#[derive(Clone, Debug)]
pub struct AuditKeys {
    pub chain: ChainKey,
    pub checkpoint: CheckpointKey,
}

static KEYS: OnceLock<AuditKeys> = OnceLock::new();

/// Development: reachable only from this machine, not behind TLS.
fn development(application: &ApplicationSettings) -> bool {
    !application.behind_tls
        && matches!(application.host.as_str(), "127.0.0.1" | "localhost" | "::1")
}

fn pick(
    configured: Option<&SecretString>,
    name: &str,
    development: bool,
    fallback: &'static str,
) -> anyhow::Result<SecretString> {
    match configured {
        Some(secret) => {
            anyhow::ensure!(
                secret.expose_secret().chars().count() >= MIN_KEY_CHARS,
                "audit.{name} is too short: use a random secret of at least {MIN_KEY_CHARS} characters"
            );
            Ok(secret.clone())
        }
        None if development => {
            tracing::warn!("no audit.{name} set: using the development key (loopback only)");
            Ok(SecretString::from(fallback))
        }
        None => anyhow::bail!(
            "audit.{name} is not set, and Chorus does not start without it outside development. \
             Set CHORUS_AUDIT__{} to a random secret of at least {MIN_KEY_CHARS} characters, keep \
             it safe and never change it (see docs/audit.md).",
            name.to_uppercase()
        ),
    }
}

impl AuditKeys {
    /// The keys the settings name; outside development both must be set, and differ.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<AuditKeys> {
        let development = development(&settings.application);
        let chain = pick(
            settings.audit.chain_key.as_ref(),
            "chain_key",
            development,
            DEVELOPMENT_CHAIN_KEY,
        )?;
        let checkpoint = pick(
            settings.audit.checkpoint_key.as_ref(),
            "checkpoint_key",
            development,
            DEVELOPMENT_CHECKPOINT_KEY,
        )?;
        anyhow::ensure!(
            chain.expose_secret() != checkpoint.expose_secret(),
            "audit.chain_key and audit.checkpoint_key must be different secrets"
        );
        Ok(AuditKeys {
            chain: ChainKey::new(chain.expose_secret().as_bytes())?,
            checkpoint: CheckpointKey::from_secret(checkpoint.expose_secret().as_bytes()),
        })
    }

    fn fingerprint(&self) -> String {
        format!(
            "{}:{}",
            self.chain.fingerprint(),
            self.checkpoint.public_hex()
        )
    }
}

/// Makes `keys` this process's audit keys. Installing the same keys again is fine (several
/// application instances in one process, as in tests); different ones are refused.
pub fn install_keys(keys: AuditKeys) -> anyhow::Result<()> {
    let installed = KEYS.get_or_init(|| keys.clone());
    anyhow::ensure!(
        installed.fingerprint() == keys.fingerprint(),
        "this process already keeps its audit log under other keys"
    );
    Ok(())
}

/// The installed keys; an error (not a panic) if start-up did not install them.
pub fn keys() -> Result<&'static AuditKeys, DbErr> {
    KEYS.get()
        .ok_or_else(|| DbErr::Custom("the audit log's keys were not set up at start-up".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(host: &str, behind_tls: bool) -> Settings {
        let mut settings = Settings::default_settings().unwrap();
        settings.application.host = host.to_owned();
        settings.application.behind_tls = behind_tls;
        settings
    }

    #[test]
    fn outside_development_the_keys_are_required_in_words() {
        for (host, tls) in [
            ("0.0.0.0", false),
            ("127.0.0.1", true),
            ("chorus.example", false),
        ] {
            let error = AuditKeys::from_settings(&settings(host, tls)).unwrap_err();
            assert!(
                error.to_string().contains("CHORUS_AUDIT__CHAIN_KEY"),
                "{error}"
            );
        }
        assert!(AuditKeys::from_settings(&settings("127.0.0.1", false)).is_ok());
    }

    #[test]
    fn short_or_identical_keys_are_refused() {
        let mut s = settings("0.0.0.0", false);
        s.audit.chain_key = Some(SecretString::from("short"));
        s.audit.checkpoint_key = Some(SecretString::from("x".repeat(40)));
        assert!(AuditKeys::from_settings(&s)
            .unwrap_err()
            .to_string()
            .contains("too short"));
        s.audit.chain_key = Some(SecretString::from("x".repeat(40)));
        assert!(AuditKeys::from_settings(&s)
            .unwrap_err()
            .to_string()
            .contains("different"));
        s.audit.chain_key = Some(SecretString::from("y".repeat(40)));
        assert!(AuditKeys::from_settings(&s).is_ok());
    }
}
