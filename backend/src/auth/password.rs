//! argon2id with the crate's recommended parameters. Hashing takes ~11 ms of CPU, so it runs on
//! the blocking pool, never on the async workers.

use anyhow::Context;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::OnceLock;

fn hash_blocking(secret: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("argon2 hash failed: {e}"))
}

fn verify_blocking(hash: &str, secret: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(secret.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Hashes a PIN or password off the async workers.
pub async fn hash(secret: &str) -> anyhow::Result<String> {
    let secret = secret.to_owned();
    tokio::task::spawn_blocking(move || hash_blocking(&secret))
        .await
        .context("password hashing task failed")?
}

/// Verifies against a stored hash; with no hash (unknown account) it still spends the same time,
/// so response times do not reveal which sign-in names exist.
pub async fn verify(hash: Option<String>, secret: &str) -> anyhow::Result<bool> {
    let secret = secret.to_owned();
    tokio::task::spawn_blocking(move || match hash {
        Some(hash) => verify_blocking(&hash, &secret),
        None => {
            let _ = verify_blocking(dummy_hash(), &secret);
            false
        }
    })
    .await
    .context("password verification task failed")
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("not-a-real-secret").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_only_its_own_secret() {
        let hash = hash_blocking("481516").unwrap_or_default();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_blocking(&hash, "481516"));
        assert!(!verify_blocking(&hash, "481517"));
        assert!(!verify_blocking("not a hash", "481516"));
    }
}
