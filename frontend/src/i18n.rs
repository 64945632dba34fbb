//! The one translation layer: every user-facing string is `t("key")`, read from
//! `locales/<lang>.json` (flat key → text), falling back to English, then to the key itself.

use shared::{AgeBand, ApiError, ErrorCode, Reason};
use std::cell::{Cell, RefCell};
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

/// English is built in: every page falls back to it, and it is there before anything loads. The
/// other languages are JSON files served beside the app (`locales/<code>.json`, which a translator
/// edits without touching Rust), fetched once when chosen, so a phone downloads only its own.
/// `locales/en.json` holds the young people's pages (the ones translated); the staff pages'
/// English is in `locales/staff/en.json`, built into the staff app only (`use_staff_words`), and
/// the panels app's own English (panels, training, outcomes, the record) in
/// `locales/panels/en.json`, built into the panels app only (`use_panel_words`; translated in
/// `locales/<code>.json` like every young person's page), so the voice app's first load carries
/// neither.
const ENGLISH: &str = include_str!("../locales/en.json");

type Strings = HashMap<String, String>;

fn english() -> &'static Strings {
    static MAP: OnceLock<Strings> = OnceLock::new();
    MAP.get_or_init(|| serde_json::from_str(ENGLISH).unwrap_or_default())
}

static STAFF: OnceLock<Strings> = OnceLock::new();

/// Adds the staff pages' words (English only). Only the staff app calls this, so only its wasm
/// carries them.
pub fn use_staff_words() {
    STAFF.get_or_init(|| {
        serde_json::from_str(include_str!("../locales/staff/en.json")).unwrap_or_default()
    });
}

fn staff() -> Option<&'static Strings> {
    STAFF.get()
}

static PANELS: OnceLock<Strings> = OnceLock::new();

/// Adds the panel training's English. Only the panels app calls this, so only its wasm carries it.
pub fn use_panel_words() {
    PANELS.get_or_init(|| {
        serde_json::from_str(include_str!("../locales/panels/en.json")).unwrap_or_default()
    });
}

/// Every English word of the young people's pages: `en.json`, and the panel training's once
/// added.
fn young_english(key: &str) -> Option<&'static String> {
    english()
        .get(key)
        .or_else(|| PANELS.get().and_then(|words| words.get(key)))
}

thread_local! {
    static CURRENT: Cell<Language> = const { Cell::new(LANGUAGES[0]) };
    /// The chosen language's words, once loaded (empty for English).
    static CHOSEN: RefCell<Strings> = RefCell::new(Strings::new());
    /// The simpler wordings in force, most specific first (see `set_wording`).
    static WORDING: Cell<&'static [&'static str]> = const { Cell::new(&[]) };
}

/// The language chosen (English until one is).
pub fn language() -> Language {
    CURRENT.with(Cell::get)
}

fn find(code: &str) -> Option<Language> {
    LANGUAGES.iter().copied().find(|l| l.code == code)
}

/// Uses `code`'s words from now on, given its table; unknown codes keep English.
fn use_language(code: &str, words: Strings) {
    let chosen = find(code).unwrap_or(LANGUAGES[0]);
    CURRENT.with(|c| c.set(chosen));
    CHOSEN.with(|c| *c.borrow_mut() = words);
}

/// Loads and switches to the language `code` (English when `None`, unknown, or when its words
/// cannot be fetched: a page half in one language is worse than a page in English).
pub async fn load(code: Option<&str>) {
    match code.and_then(find) {
        Some(language) if language.code != "en" => {
            if let Ok(words) = crate::api::locale(language.code).await {
                use_language(language.code, words);
            }
        }
        _ => use_language("en", Strings::new()),
    }
}

/// Simpler wording by age band. Each language's file holds it beside the words it replaces, as
/// `younger:<key>` (8 to 11) and `youngest:<key>` (4 to 7, where it differs from the younger);
/// the youngest get their wording, else the younger, else everyone's.
pub fn set_wording(band: Option<AgeBand>) {
    let wording: &'static [&'static str] = match band {
        Some(AgeBand::Age4To7) => &["youngest:", "younger:"],
        Some(AgeBand::Age8To11) => &["younger:"],
        _ => &[],
    };
    WORDING.with(|c| c.set(wording));
}

fn lookup(key: &str) -> Option<String> {
    CHOSEN
        .with(|chosen| chosen.borrow().get(key).cloned())
        .or_else(|| young_english(key).cloned())
        .or_else(|| staff().and_then(|words| words.get(key)).cloned())
}

/// The text for `key`: in the reader's wording and the chosen language, else English, else the
/// key itself.
pub fn t(key: &str) -> String {
    WORDING
        .with(Cell::get)
        .iter()
        .find_map(|wording| lookup(&format!("{wording}{key}")))
        .or_else(|| lookup(key))
        .unwrap_or_else(|| key.to_owned())
}

/// The text for `key` with `{name}` placeholders filled in.
pub fn t_with(key: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(t(key), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// Where a reason's words are kept: `reason.<code>`; a reason that is also an error code (such
/// as `rate_limited`) may use that code's words, `error.<code>`, instead.
fn reason_keys(reason: Reason) -> [String; 2] {
    [
        format!("reason.{}", reason.as_str()),
        format!("error.{}", reason.as_str()),
    ]
}

/// Words for a refused request: the reason's words in the reader's language when there are
/// some, else the server's own message for a refused field, else the error code's words, else
/// the server's message.
pub fn error_text(error: &ApiError) -> String {
    if let Some(text) = reason_keys(error.reason)
        .into_iter()
        .map(|key| (t(&key), key))
        .find_map(|(text, key)| (text != key).then_some(text))
    {
        return text;
    }
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

    const ALL_CODES: [ErrorCode; 13] = [
        ErrorCode::MalformedRequest,
        ErrorCode::InvalidInput,
        ErrorCode::Unauthenticated,
        ErrorCode::WrongCredentials,
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

    /// Every language's file, read from disk as the server would serve it.
    fn table(code: &str) -> Strings {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(format!("{code}.json"));
        let json = std::fs::read_to_string(&path).expect("the language file exists");
        serde_json::from_str(&json).expect("the language file is a flat JSON object of strings")
    }

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
                            use_staff_words();
                            use_panel_words();
                            let known = young_english(key).is_some()
                                || staff().is_some_and(|words| words.contains_key(key));
                            if !key.is_empty() && !known {
                                missing.push(format!("{}: {key}", p.display()));
                            }
                        }
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from en.json, panels/en.json and staff/en.json: {missing:?}"
        );
    }

    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found
    }

    /// The young person's pages (every key of `en.json`) must be complete in every language; a gap
    /// is listed by key.
    #[test]
    fn every_language_covers_the_young_persons_pages_with_the_same_placeholders() {
        let mut gaps = Vec::new();
        use_panel_words();
        let panels = PANELS.get().expect("the panel words were added");
        for key in panels.keys().filter(|key| english().contains_key(*key)) {
            gaps.push(format!("{key} is in both en.json and panels/en.json"));
        }
        for language in LANGUAGES.iter().skip(1) {
            let table = &table(language.code);
            for (key, english_text) in english().iter().chain(panels) {
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
                if young_english(key).is_none() {
                    gaps.push(format!("{}: {key} is not an English key", language.code));
                }
            }
        }
        // A simpler wording replaces words that exist.
        for key in english().keys() {
            if let Some((_, base)) = key.split_once(':') {
                if young_english(base).is_none() {
                    gaps.push(format!("{key} replaces no English key"));
                }
            }
        }
        use_staff_words();
        for key in staff().map(|words| words.keys()).into_iter().flatten() {
            if english().contains_key(key) {
                gaps.push(format!("{key} is in both en.json and staff/en.json"));
            }
        }
        gaps.sort();
        assert!(gaps.is_empty(), "translation gaps:\n{}", gaps.join("\n"));
    }

    #[test]
    fn a_chosen_language_falls_back_to_english_and_each_age_gets_its_wording() {
        use_language("pl", table("pl"));
        assert_eq!(language().code, "pl");
        assert_eq!(t("no.such.key"), "no.such.key");
        assert_ne!(
            t("welcome.title"),
            english()["welcome.title"],
            "Polish is used"
        );
        use_language("xx", Strings::new());
        assert_eq!(language().code, "en");
        set_wording(Some(AgeBand::Age8To11));
        assert_eq!(
            t("feedback.q.involved"),
            english()["younger:feedback.q.involved"]
        );
        assert_eq!(
            t("feedback.q.safe"),
            english()["feedback.q.safe"],
            "no younger wording"
        );
        set_wording(Some(AgeBand::Age4To7));
        assert_eq!(
            t("feedback.q.involved"),
            english()["youngest:feedback.q.involved"]
        );
        assert_eq!(
            t("feedback.privacy_legend"),
            english()["younger:feedback.privacy_legend"],
            "the youngest fall back to the younger wording"
        );
        use_language("ur", table("ur"));
        assert_eq!(
            t("feedback.face.5"),
            table("ur")["youngest:feedback.face.5"]
        );
        set_wording(None);
        assert_eq!(t("feedback.face.5"), table("ur")["feedback.face.5"]);
        use_language("en", Strings::new());
        assert_eq!(t("feedback.q.involved"), english()["feedback.q.involved"]);
    }

    /// Reasons only staff can meet: their words are English, in `staff/en.json` (the staff app
    /// is English only). Every other reason reaches young people, in all four languages.
    const STAFF_ONLY: &[Reason] = &[
        Reason::EmailFormat,
        Reason::ProviderForAccount,
        Reason::ReplyNotFound,
        Reason::RegionName,
        Reason::RegionNameTaken,
        Reason::AlreadyInRegion,
        Reason::NotInRegion,
        Reason::RegionNotFound,
        Reason::WrongCode,
        Reason::CodeFormat,
        Reason::SecondFactorNotSetUp,
        Reason::DirectoryRows,
        Reason::NotAnUrn,
        Reason::LanguagesOffered,
        Reason::OutcomesRequired,
        Reason::DirectoryName,
        Reason::ProviderNotFound,
        Reason::ServiceExists,
        Reason::ProviderShared,
        Reason::UrnTaken,
        Reason::ProviderNameTaken,
        Reason::PasswordTooShort,
        Reason::PasswordTooLong,
        Reason::PasswordTooCommon,
        Reason::CohortRange,
        Reason::PriorWeightRange,
        Reason::StaffRole,
        Reason::EmailTaken,
        Reason::LinkNotUsable,
        Reason::TooManyServices,
        Reason::BodyEmpty,
        Reason::ResponseTarget,
        Reason::BadRedaction,
        Reason::NoteNeeded,
        Reason::PhrasesInvalid,
        Reason::RetentionRange,
        Reason::QuarterFormat,
        Reason::QuartersRange,
        Reason::WindowKind,
        Reason::Format,
        Reason::WeightsTotal,
        Reason::HoursRange,
        Reason::WindowOrder,
        Reason::QuestionCount,
        Reason::NoYoungPeoplesQuestion,
        Reason::WeightZero,
        Reason::RubricLength,
        Reason::EasyReadMissing,
        Reason::TooManyBids,
        Reason::PriceRange,
        Reason::PriceFormat,
        Reason::UnknownProvider,
        Reason::UnknownQuestion,
        Reason::DuplicateAnswer,
        Reason::ConsensusMissing,
        Reason::Number,
        Reason::Date,
        Reason::BidQuestionNotFound,
        Reason::JoinRequestNotFound,
        Reason::MemberNotFound,
        Reason::FeedbackNotFound,
        Reason::YoungPersonNotFound,
        Reason::OrganisationNotFound,
        Reason::AlertNotFound,
        Reason::ServiceNotFound,
        Reason::AlertAcknowledged,
        Reason::CaseDetail,
        Reason::BatchSize,
        Reason::DutyRota,
        Reason::CaseNotReady,
        Reason::CaseClosed,
        Reason::OwnAccount,
        Reason::StaffNotFound,
        Reason::YoungPersonErased,
        Reason::AlreadyErased,
        Reason::PanelAlreadyOpen,
        Reason::PanelNotOpen,
        Reason::BidsClosed,
        Reason::BidExists,
        Reason::NoBids,
        Reason::ScoringNotOpen,
        Reason::ScoresHidden,
        Reason::ScoringNotEnded,
        Reason::AlreadyExcluded,
    ];

    #[test]
    fn every_reason_has_words_in_each_language_its_readers_use() {
        use_staff_words();
        let staff_words = staff().cloned().unwrap_or_default();
        let mut gaps = Vec::new();
        for &reason in Reason::ALL {
            let tables: Vec<(&str, Strings)> = if STAFF_ONLY.contains(&reason) {
                let mut english_words = english().clone();
                english_words.extend(staff_words.clone());
                vec![("staff English", english_words)]
            } else {
                LANGUAGES.iter().map(|l| (l.code, table(l.code))).collect()
            };
            for (name, words) in tables {
                if !reason_keys(reason)
                    .iter()
                    .any(|key| words.contains_key(key))
                {
                    gaps.push(format!("{name}: reason.{reason}"));
                }
            }
        }
        assert!(
            gaps.is_empty(),
            "reasons without words:\n{}",
            gaps.join("\n")
        );
    }

    #[test]
    fn a_refusal_shows_its_reasons_words_in_the_readers_language() {
        let refusal = |error, reason| ApiError {
            error,
            reason,
            message: "English words from the server".into(),
            field: None,
        };
        let polish = table("pl");
        use_language("pl", polish.clone());
        let too_easy = refusal(ErrorCode::InvalidInput, Reason::PinTooEasy);
        assert_eq!(error_text(&too_easy), polish["reason.pin_too_easy"]);
        let limited = refusal(ErrorCode::RateLimited, Reason::RateLimited);
        assert_eq!(error_text(&limited), polish["error.rate_limited"]);
        use_staff_words();
        let staff_only = refusal(ErrorCode::Conflict, Reason::BidExists);
        assert_eq!(error_text(&staff_only), t("reason.bid_exists"));
        assert_ne!(error_text(&staff_only), "reason.bid_exists");
        use_language("en", Strings::new());
        assert_eq!(error_text(&too_easy), english()["reason.pin_too_easy"]);
    }

    /// The welcome page (`frontend/index.html`, plain HTML) carries en.json's English, so it reads
    /// right before any words are fetched, and its script puts in the chosen language by the same
    /// keys: every `data-t` (its text) and `data-t-label` (the `aria-label` before it) must match.
    #[test]
    fn the_welcome_pages_english_is_en_json() {
        let page = include_str!("../index.html");
        let mut checked = 0;
        // `data-t="key">words<`
        for piece in page.split("data-t=\"").skip(1) {
            let (key, rest) = piece
                .split_once("\">")
                .unwrap_or_else(|| panic!("{piece}: the words come right after the key"));
            let words = rest.split('<').next().unwrap_or_default();
            assert_eq!(Some(words), english().get(key).map(String::as_str), "{key}");
            checked += 1;
        }
        // `aria-label="words" data-t-label="key"`: every label on the page is translated.
        for piece in page.split("aria-label=\"").skip(1) {
            let (words, rest) = piece.split_once('"').unwrap_or_default();
            let key = rest
                .strip_prefix(" data-t-label=\"")
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_else(|| panic!("{words}: a label with no data-t-label"));
            assert_eq!(Some(words), english().get(key).map(String::as_str), "{key}");
            checked += 1;
        }
        assert!(
            checked >= 15,
            "only {checked} words found on the welcome page"
        );
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(t_with("home.title", &[("name", "Jay")]), "Hi Jay!");
        assert_eq!(t("no.such.key"), "no.such.key");
    }
}
