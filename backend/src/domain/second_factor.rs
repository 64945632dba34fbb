//! Two-factor sign-in for staff: time-based codes (TOTP, RFC 6238: HMAC-SHA1, six digits, 30-second
//! steps, one step either side for a slow phone clock) and recovery codes. Pure rules; storage
//! keeps the newest step used so that a code works once.

use rand::Rng;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Secret, TOTP};

/// Seconds a code lasts.
pub const STEP_SECONDS: u64 = 30;
/// Recovery codes given at a time.
pub const RECOVERY_CODES: usize = 10;
/// What the authenticator app shows above the codes.
const ISSUER: &str = "Chorus";
/// Recovery code letters: no look-alikes (0/O, 1/I/L), no vowels (no words by chance).
const RECOVERY_ALPHABET: &[u8] = b"23456789BCDFGHJKMNPQRSTVWXYZ";
/// Letters in a recovery code (about 48 bits), shown as two groups of five.
const RECOVERY_LEN: usize = 10;

/// A new authenticator secret: 160 random bits (RFC 4226's advice), base32 as apps take it.
pub fn new_secret(rng: &mut impl Rng) -> String {
    let mut bytes = [0u8; 20];
    rng.fill(&mut bytes);
    base32_of(&bytes)
}

fn base32_of(bytes: &[u8]) -> String {
    match Secret::Raw(bytes.to_vec()).to_encoded() {
        Secret::Encoded(text) => text,
        Secret::Raw(_) => String::new(),
    }
}

fn totp(secret: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().ok()?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP_SECONDS,
        bytes,
        Some(ISSUER.to_owned()),
        account.replace(':', ""),
    )
    .ok()
}

/// The `otpauth://` address an authenticator app reads (from a QR code or typed in).
pub fn otpauth_uri(secret: &str, account: &str) -> Option<String> {
    totp(secret, account).map(|t| t.get_url())
}

/// The code for the step holding `unix_seconds` (what the authenticator app shows then).
pub fn code_at(secret: &str, unix_seconds: u64) -> Option<String> {
    totp(secret, "").map(|t| t.generate(unix_seconds))
}

/// The time step of `unix_seconds`.
pub fn step_of(unix_seconds: u64) -> u64 {
    unix_seconds / STEP_SECONDS
}

/// The step `code` is right for: the current one or one either side, newest first, and only a
/// step after `last_used` (a code works once). `None` if it is right for none of them.
pub fn matching_step(
    secret: &str,
    code: &str,
    unix_seconds: u64,
    last_used: Option<u64>,
) -> Option<u64> {
    let totp = totp(secret, "")?;
    let now = step_of(unix_seconds);
    [now + 1, now, now.saturating_sub(1)]
        .into_iter()
        .filter(|step| last_used.is_none_or(|last| *step > last))
        .find(|step| {
            let expected = totp.generate(step * STEP_SECONDS);
            subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), code.as_bytes()).into()
        })
}

/// What someone typed in the code box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// Six digits from the authenticator app.
    Code(String),
    /// A recovery code, in capitals without spaces or dashes.
    Recovery(String),
}

/// Reads the code box: spaces and dashes are ignored, and letters in either case. `None` for
/// anything that is neither six digits nor a recovery code's shape.
pub fn read(typed: &str) -> Option<Typed> {
    let kept: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if kept.len() == 6 && kept.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Typed::Code(kept));
    }
    (kept.len() == RECOVERY_LEN && kept.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)))
        .then_some(Typed::Recovery(kept))
}

/// New recovery codes, shown once as `XXXXX-XXXXX`.
pub fn new_recovery_codes(rng: &mut impl Rng) -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let letters: String = (0..RECOVERY_LEN)
                .map(|_| char::from(RECOVERY_ALPHABET[rng.gen_range(0..RECOVERY_ALPHABET.len())]))
                .collect();
            format!("{}-{}", &letters[..5], &letters[5..])
        })
        .collect()
}

/// How a recovery code is stored: the SHA-256 of its letters as `read` gives them (48 random
/// bits need no slow hash: nobody can try them all, and each try is a slowed sign-in).
pub fn recovery_hash(letters: &str) -> String {
    hex::encode(Sha256::digest(format!("recovery:{letters}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// RFC 6238 appendix B's SHA-1 key, "12345678901234567890".
    fn rfc_secret() -> String {
        base32_of(b"12345678901234567890")
    }

    #[test]
    fn codes_are_those_of_rfc_6238() {
        // Appendix B gives eight digits; six-digit codes are their last six.
        for (time, eight) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            assert_eq!(code_at(&rfc_secret(), time).as_deref(), Some(&eight[2..]));
        }
    }

    #[test]
    fn a_code_is_right_for_its_step_and_one_either_side_only() {
        let secret = rfc_secret();
        let now = 1_234_567_890;
        let code = code_at(&secret, now).unwrap_or_default();
        assert_eq!(matching_step(&secret, &code, now, None), Some(step_of(now)));
        assert_eq!(
            matching_step(&secret, &code, now + 30, None),
            Some(step_of(now))
        );
        assert_eq!(
            matching_step(&secret, &code, now - 30, None),
            Some(step_of(now))
        );
        assert_eq!(matching_step(&secret, &code, now + 60, None), None);
        assert_eq!(matching_step(&secret, &code, now - 60, None), None);
    }

    #[test]
    fn a_code_works_once() {
        let secret = rfc_secret();
        let now = 1_234_567_890;
        let code = code_at(&secret, now).unwrap_or_default();
        let step = matching_step(&secret, &code, now, None);
        assert_eq!(matching_step(&secret, &code, now, step), None);
        // Nor does an older one once a newer step has been used.
        let older = code_at(&secret, now - 30).unwrap_or_default();
        assert_eq!(matching_step(&secret, &older, now, step), None);
        let newer = code_at(&secret, now + 30).unwrap_or_default();
        assert_eq!(
            matching_step(&secret, &newer, now, step),
            Some(step_of(now) + 1)
        );
    }

    #[test]
    fn the_app_address_carries_the_secret_issuer_and_account() {
        let uri = otpauth_uri(&rfc_secret(), "officer@council.example").unwrap_or_default();
        assert!(
            uri.starts_with("otpauth://totp/Chorus:officer%40council.example?"),
            "{uri}"
        );
        assert!(uri.contains(&format!("secret={}", rfc_secret())), "{uri}");
        assert!(uri.contains("issuer=Chorus"), "{uri}");
    }

    #[test]
    fn the_code_box_takes_codes_and_recovery_codes_as_people_type_them() {
        assert_eq!(read(" 123 456 "), Some(Typed::Code("123456".into())));
        assert_eq!(
            read("bcdfg-hjkmn"),
            Some(Typed::Recovery("BCDFGHJKMN".into()))
        );
        assert_eq!(read("12345"), None);
        assert_eq!(read("1234567"), None);
        assert_eq!(
            read("ABCDE-FGHIJ"),
            None,
            "vowels are never in a recovery code"
        );
        assert_eq!(read(""), None);
    }

    #[test]
    fn recovery_codes_are_new_each_time_and_read_back() {
        let mut rng = rand::thread_rng();
        let codes = new_recovery_codes(&mut rng);
        assert_eq!(codes.len(), RECOVERY_CODES);
        let mut distinct = codes.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        for code in &codes {
            assert!(matches!(read(code), Some(Typed::Recovery(_))), "{code}");
        }
        assert_ne!(new_secret(&mut rng), new_secret(&mut rng));
        assert_eq!(new_secret(&mut rng).len(), 32, "160 bits in base32");
    }

    proptest! {
        #[test]
        fn a_wrong_code_is_refused(time in 60u64..4_000_000_000, offset in 1u32..999_999) {
            let secret = rfc_secret();
            let right: u32 = code_at(&secret, time).unwrap_or_default().parse().unwrap_or(0);
            let wrong = format!("{:06}", (right + offset) % 1_000_000);
            let neighbours: Vec<String> = [time - 30, time + 30]
                .iter()
                .filter_map(|t| code_at(&secret, *t))
                .collect();
            prop_assume!(!neighbours.contains(&wrong));
            prop_assert_eq!(matching_step(&secret, &wrong, time, None), None);
        }
    }
}
