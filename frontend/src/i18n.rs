//! The one translation layer: every user-facing string is `t("key")`, read from
//! `locales/<lang>.json` (flat key → text), falling back to English, then to the key itself.

use shared::{ApiError, ErrorCode};
use std::collections::HashMap;
use std::sync::OnceLock;

const EN: &str = include_str!("../locales/en.json");

fn english() -> &'static HashMap<String, String> {
    static MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| serde_json::from_str(EN).unwrap_or_default())
}

/// The text for `key`.
pub fn t(key: &str) -> String {
    english()
        .get(key)
        .cloned()
        .unwrap_or_else(|| key.to_owned())
}

/// The text for `key` with `{name}` placeholders filled in.
pub fn t_with(key: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(t(key), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// Words for a refused request: the validation reason when there is one, else the error code,
/// else the server's own message.
pub fn error_text(error: &ApiError) -> String {
    if error.error == ErrorCode::InvalidInput {
        // The server's message for a refused field is written for people already.
        return error.message.clone();
    }
    let key = format!("error.{}", error.error.as_str());
    english()
        .get(&key)
        .cloned()
        .unwrap_or_else(|| error.message.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_CODES: [ErrorCode; 14] = [
        ErrorCode::MalformedRequest,
        ErrorCode::InvalidInput,
        ErrorCode::Unauthenticated,
        ErrorCode::WrongCredentials,
        ErrorCode::AccountLocked,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::InviteNotFound,
        ErrorCode::InviteUsed,
        ErrorCode::SignInNameTaken,
        ErrorCode::Conflict,
        ErrorCode::PayloadTooLarge,
        ErrorCode::RateLimited,
        ErrorCode::Internal,
    ];

    #[test]
    fn every_error_code_has_words() {
        for code in ALL_CODES {
            assert!(
                english().contains_key(&format!("error.{}", code.as_str())),
                "{code:?}"
            );
        }
    }

    #[test]
    fn every_key_used_in_the_code_exists() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        let mut stack = vec![dir];
        while let Some(path) = stack.pop() {
            for entry in std::fs::read_dir(&path).into_iter().flatten().flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "rs") && !p.ends_with("i18n.rs") {
                    let source = std::fs::read_to_string(&p).unwrap_or_default();
                    for call in ["t(\"", "t_with(\""] {
                        for (at, _) in source.match_indices(call) {
                            // Only calls of `t`/`t_with` themselves, not `post("`, `get("`...
                            let before = source[..at].chars().next_back().unwrap_or(' ');
                            if before.is_alphanumeric() || before == '_' {
                                continue;
                            }
                            let key = source[at + call.len()..]
                                .split('"')
                                .next()
                                .unwrap_or_default();
                            if !key.is_empty() && !english().contains_key(key) {
                                missing.push(format!("{}: {key}", p.display()));
                            }
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "keys missing from en.json: {missing:?}");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(t_with("home.title", &[("name", "Jay")]), "Hi Jay!");
        assert_eq!(t("no.such.key"), "no.such.key");
    }
}
