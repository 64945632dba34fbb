//! The one translation layer: every user-facing string is `t("key")`, read from
//! `locales/<lang>.json` (flat key → text), falling back to English, then to the key itself.

use shared::{ApiError, ErrorCode};
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A language the young person's pages are translated into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 code, also the name of its file in `locales/`.
    pub code: &'static str,
    /// The language's name in itself, as people look for it.
    pub name: &'static str,
    pub right_to_left: bool,
}

/// English first; then the city's community and asylum-seeker languages.
pub const LANGUAGES: [Language; 4] = [
    Language {
        code: "en",
        name: "English",
        right_to_left: false,
    },
    Language {
        code: "pl",
        name: "Polski",
        right_to_left: false,
    },
    Language {
        code: "ur",
        name: "اردو",
        right_to_left: true,
    },
    Language {
        code: "ar",
        name: "العربية",
        right_to_left: true,
    },
];

/// Translations live in JSON files a translator edits without touching Rust.
const SOURCES: [(&str, &str); 4] = [
    ("en", include_str!("../locales/en.json")),
    ("pl", include_str!("../locales/pl.json")),
    ("ur", include_str!("../locales/ur.json")),
    ("ar", include_str!("../locales/ar.json")),
];

/// Simpler wording for 8 to 11 year olds, over the English (other languages keep their own).
const YOUNGER_EN: &str = include_str!("../locales/younger/en.json");

type Strings = HashMap<String, String>;

fn tables() -> &'static HashMap<&'static str, Strings> {
    static TABLES: OnceLock<HashMap<&'static str, Strings>> = OnceLock::new();
    TABLES.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(code, json)| (*code, serde_json::from_str(json).unwrap_or_default()))
            .collect()
    })
}

fn english() -> &'static Strings {
    static EMPTY: OnceLock<Strings> = OnceLock::new();
    tables()
        .get("en")
        .unwrap_or_else(|| EMPTY.get_or_init(Strings::new))
}

fn younger() -> &'static Strings {
    static MAP: OnceLock<Strings> = OnceLock::new();
    MAP.get_or_init(|| serde_json::from_str(YOUNGER_EN).unwrap_or_default())
}

thread_local! {
    static CURRENT: Cell<Language> = const { Cell::new(LANGUAGES[0]) };
    static YOUNGER: Cell<bool> = const { Cell::new(false) };
}

/// The language chosen (English until one is).
pub fn language() -> Language {
    CURRENT.with(Cell::get)
}

/// Switches the language for everything rendered from now on; unknown codes keep English.
pub fn set_language(code: &str) {
    let chosen = LANGUAGES
        .iter()
        .copied()
        .find(|l| l.code == code)
        .unwrap_or(LANGUAGES[0]);
    CURRENT.with(|c| c.set(chosen));
}

/// The younger wording (ages 8 to 11) on or off.
pub fn set_younger(on: bool) {
    YOUNGER.with(|c| c.set(on));
}

/// The text for `key`: in the chosen language, else English, else the key itself.
pub fn t(key: &str) -> String {
    let language = language();
    if language.code == "en" && YOUNGER.with(Cell::get) {
        if let Some(text) = younger().get(key) {
            return text.clone();
        }
    }
    tables()
        .get(language.code)
        .and_then(|table| table.get(key))
        .or_else(|| english().get(key))
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
    match t(&key) {
        text if text == key => error.message.clone(),
        text => text,
    }
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

    /// The young person's pages must be complete in every language; a gap is listed by key.
    const YOUNG_PERSON_PREFIXES: [&str; 19] = [
        "app.",
        "common.",
        "welcome.",
        "join.",
        "sign_in.",
        "home.",
        "feedback.",
        "thanks.",
        "mine.",
        "offline.",
        "error.",
        "panels.",
        "training.",
        "conflicts.",
        "scoring.",
        "outcome.",
        "record.",
        "settings.",
        "privacy.",
    ];

    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn every_language_covers_the_young_persons_pages_with_the_same_placeholders() {
        let mut gaps = Vec::new();
        for language in LANGUAGES.iter().skip(1) {
            let table = &tables()[language.code];
            for (key, english_text) in english() {
                if !YOUNG_PERSON_PREFIXES.iter().any(|p| key.starts_with(p)) {
                    continue;
                }
                match table.get(key) {
                    None => gaps.push(format!("{}: {key} is missing", language.code)),
                    Some(text) if placeholders(text) != placeholders(english_text) => {
                        gaps.push(format!(
                            "{}: {key} has placeholders {:?}, English has {:?}",
                            language.code,
                            placeholders(text),
                            placeholders(english_text)
                        ))
                    }
                    Some(_) => {}
                }
            }
            for key in table.keys() {
                if !english().contains_key(key) {
                    gaps.push(format!("{}: {key} is not an English key", language.code));
                }
            }
        }
        for key in younger().keys() {
            if !english().contains_key(key) {
                gaps.push(format!("younger: {key} is not an English key"));
            }
        }
        gaps.sort();
        assert!(gaps.is_empty(), "translation gaps:\n{}", gaps.join("\n"));
    }

    #[test]
    fn a_chosen_language_falls_back_to_english_and_younger_wording_overlays_english() {
        set_language("pl");
        assert_eq!(language().code, "pl");
        assert_eq!(t("no.such.key"), "no.such.key");
        assert_ne!(
            t("welcome.title"),
            english()["welcome.title"],
            "Polish is used"
        );
        set_language("xx");
        assert_eq!(language().code, "en");
        set_younger(true);
        let key = younger().keys().next().expect("some younger wording");
        assert_eq!(&t(key), &younger()[key]);
        set_younger(false);
        assert_eq!(&t(key), &english()[key]);
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(t_with("home.title", &[("name", "Jay")]), "Hi Jay!");
        assert_eq!(t("no.such.key"), "no.such.key");
    }
}
