//! Validated newtypes: parse once, at the edge, with reasons a person understands.
//! The web form and the API handler call the same `parse`, so they refuse the same input.

use crate::Reason;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a value was refused: the field, a stable key the web app can translate, and English words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    pub field: &'static str,
    pub reason: Reason,
    pub message: String,
}

impl Invalid {
    pub fn new(field: &'static str, reason: Reason, message: impl Into<String>) -> Invalid {
        Invalid {
            field,
            reason,
            message: message.into(),
        }
    }
}

fn has_control_chars(s: &str, allow_newlines: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && !(allow_newlines && (c == '\n' || c == '\t' || c == '\r')))
}

/// Bidirectional overrides can disguise text (e.g. make a phone number read backwards).
fn has_bidi_overrides(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

macro_rules! string_newtype {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
            pub fn into_inner(self) -> String {
                self.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

/// A young person's PIN: 6 to 12 digits, not one that anyone would guess first.
#[derive(Clone, PartialEq, Eq)]
pub struct PinCode(String);

impl fmt::Debug for PinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PinCode(***)")
    }
}

impl PinCode {
    pub const MIN_LEN: usize = 6;
    pub const MAX_LEN: usize = 12;

    pub fn parse(raw: &str) -> Result<PinCode, Invalid> {
        let pin = raw.trim();
        if !pin.chars().all(|c| c.is_ascii_digit()) {
            return Err(Invalid::new(
                "pin",
                Reason::PinDigitsOnly,
                "Your PIN can only have numbers in it.",
            ));
        }
        if pin.len() < Self::MIN_LEN {
            return Err(Invalid::new(
                "pin",
                Reason::PinTooShort,
                "Your PIN needs at least 6 numbers.",
            ));
        }
        if pin.len() > Self::MAX_LEN {
            return Err(Invalid::new(
                "pin",
                Reason::PinTooLong,
                "Your PIN can have at most 12 numbers.",
            ));
        }
        if is_guessable(pin.as_bytes()) {
            return Err(Invalid::new(
                "pin",
                Reason::PinTooEasy,
                "That PIN is too easy to guess. Try numbers that are not all the same or in a row.",
            ));
        }
        Ok(PinCode(pin.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// All one digit (111111), or counting up or down by one (123456, 987654).
fn is_guessable(digits: &[u8]) -> bool {
    let steps: Vec<i16> = digits
        .windows(2)
        .map(|w| i16::from(w[1]) - i16::from(w[0]))
        .collect();
    [0, 1, -1].iter().any(|s| steps.iter().all(|x| x == s))
}

/// The name other people in Chorus see, chosen by the young person (or a member of staff's name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisplayName(String);
string_newtype!(DisplayName);

impl DisplayName {
    pub const MAX_CHARS: usize = 40;

    pub fn parse(raw: &str) -> Result<DisplayName, Invalid> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(Invalid::new(
                "display_name",
                Reason::DisplayNameEmpty,
                "Please choose a name to be called.",
            ));
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err(Invalid::new(
                "display_name",
                Reason::DisplayNameTooLong,
                "That name is too long. Please use 40 letters or fewer.",
            ));
        }
        if has_control_chars(name, false) || has_bidi_overrides(name) {
            return Err(Invalid::new(
                "display_name",
                Reason::DisplayNameCharacters,
                "That name has characters Chorus cannot show. Please use letters, numbers or spaces.",
            ));
        }
        Ok(DisplayName(name.to_owned()))
    }
}

/// An easy-to-remember, unique sign-in name such as `brave-otter-42`: lower-case words joined by
/// hyphens, optionally ending in a number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct SignInName(String);
string_newtype!(SignInName);

impl SignInName {
    pub fn parse(raw: &str) -> Result<SignInName, Invalid> {
        let name = raw.trim().to_lowercase();
        let ok_chars = name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        let shape_ok = !name.starts_with('-') && !name.ends_with('-') && !name.contains("--");
        if !(3..=40).contains(&name.len()) || !ok_chars || !shape_ok {
            return Err(Invalid::new(
                "sign_in_name",
                Reason::SignInNameFormat,
                "A sign-in name is 3 to 40 letters or numbers joined by dashes, like brave-otter-42.",
            ));
        }
        Ok(SignInName(name))
    }
}

/// A one-time invite code handed over by a participation officer, e.g. `K7PM-Q2XD`.
/// Case, spaces and dashes are ignored when typed.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct InviteCode(String);
string_newtype!(InviteCode);

impl fmt::Debug for InviteCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("InviteCode(***)")
    }
}

impl InviteCode {
    /// No 0/O, 1/I/L: codes are read aloud and copied from paper.
    pub const ALPHABET: &'static [u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    pub const LEN: usize = 8;

    pub fn parse(raw: &str) -> Result<InviteCode, Invalid> {
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let valid =
            compact.len() == Self::LEN && compact.bytes().all(|b| Self::ALPHABET.contains(&b));
        if !valid {
            return Err(Invalid::new(
                "code",
                Reason::InviteCodeFormat,
                "An invite code has 8 letters and numbers, like K7PM-Q2XD. Please check it and try again.",
            ));
        }
        Ok(InviteCode(format!("{}-{}", &compact[..4], &compact[4..])))
    }
}

/// A member of staff's email address (only the shape is checked; delivery proves the rest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Email(String);
string_newtype!(Email);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, Invalid> {
        let email = raw.trim().to_lowercase();
        let valid = email.len() <= 254
            && !has_control_chars(&email, false)
            && !email.contains(char::is_whitespace)
            && match email.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !domain.contains('@')
                }
                None => false,
            };
        if !valid {
            return Err(Invalid::new(
                "email",
                Reason::EmailFormat,
                "Please enter an email address like name@example.org.",
            ));
        }
        Ok(Email(email))
    }
}

/// A member of staff's password: long rather than clever (NCSC guidance), at most 128 characters.
#[derive(Clone)]
pub struct Password(String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    pub const MIN_CHARS: usize = 12;

    pub fn parse(raw: &str) -> Result<Password, Invalid> {
        let n = raw.chars().count();
        if n < Self::MIN_CHARS {
            return Err(Invalid::new(
                "password",
                Reason::PasswordTooShort,
                "A password needs at least 12 characters.",
            ));
        }
        if n > 128 {
            return Err(Invalid::new(
                "password",
                Reason::PasswordTooLong,
                "A password can have at most 128 characters.",
            ));
        }
        Ok(Password(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Optional free text from a young person ("Tell us more"). Empty means none; any language is fine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeText(String);
string_newtype!(FreeText);

impl FreeText {
    pub const MAX_CHARS: usize = 2000;

    pub fn parse(field: &'static str, raw: Option<&str>) -> Result<Option<FreeText>, Invalid> {
        let Some(text) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        if text.chars().count() > Self::MAX_CHARS {
            return Err(Invalid::new(
                field,
                Reason::TextTooLong,
                "That is a lot to read! Please keep it under 2,000 characters.",
            ));
        }
        if has_control_chars(text, true) || has_bidi_overrides(text) {
            return Err(Invalid::new(
                field,
                Reason::TextCharacters,
                "Your words have characters Chorus cannot keep. Please type them again.",
            ));
        }
        Ok(Some(FreeText(text.to_owned())))
    }
}

/// The words of a submission, checked, and the rule that a submission says something: an answer,
/// some words, or a request to talk. Used by the web form and the server alike.
pub fn feedback_words(
    answers: &crate::Answers,
    tell_us_more: Option<&str>,
    make_better: Option<&str>,
    wants_talk: bool,
) -> Result<(Option<FreeText>, Option<FreeText>), Invalid> {
    let tell_us_more = FreeText::parse("tell_us_more", tell_us_more)?;
    let make_better = FreeText::parse("make_better", make_better)?;
    if answers.answered().next().is_none()
        && tell_us_more.is_none()
        && make_better.is_none()
        && !wants_talk
    {
        return Err(Invalid::new(
            "answers",
            Reason::FeedbackEmpty,
            "Please answer at least one question or write something before sending.",
        ));
    }
    Ok((tell_us_more, make_better))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pins_are_refused_with_the_reason() {
        let cases = [
            ("12345", Some("pin_too_short")),
            ("12a456", Some("pin_digits_only")),
            ("111111", Some("pin_too_easy")),
            ("123456", Some("pin_too_easy")),
            ("654321", Some("pin_too_easy")),
            ("1234567890123", Some("pin_too_long")),
            ("481516", None),
            (" 270394 ", None),
        ];
        for (pin, expected) in cases {
            assert_eq!(
                PinCode::parse(pin).err().map(|e| e.reason.as_str()),
                expected,
                "pin {pin:?}"
            );
        }
    }

    #[test]
    fn pin_debug_never_shows_the_digits() {
        let pin = PinCode::parse("481516")
            .map(|p| format!("{p:?}"))
            .unwrap_or_default();
        assert!(!pin.contains("481516"));
    }

    #[test]
    fn invite_codes_ignore_case_spaces_and_dashes() {
        let code = InviteCode::parse(" k7pm q2xd ").map(|c| c.into_inner());
        assert_eq!(code.as_deref(), Ok("K7PM-Q2XD"));
        assert!(
            InviteCode::parse("K7PM-Q2X0").is_err(),
            "0 is not in the alphabet"
        );
        assert!(InviteCode::parse("K7PM").is_err());
    }

    #[test]
    fn sign_in_names_are_words_and_numbers_joined_by_dashes() {
        assert_eq!(
            SignInName::parse("Brave-Otter-42")
                .map(|n| n.into_inner())
                .as_deref(),
            Ok("brave-otter-42")
        );
        for bad in ["-otter", "otter-", "a--b", "ab", "otter 42", "ötter-1"] {
            assert!(SignInName::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn display_names_refuse_hidden_direction_changes() {
        assert!(DisplayName::parse("Sam\u{202E}").is_err());
        assert!(DisplayName::parse("   ").is_err());
        assert_eq!(
            DisplayName::parse(" علي ")
                .map(|n| n.into_inner())
                .as_deref(),
            Ok("علي")
        );
    }

    #[test]
    fn free_text_keeps_any_language_and_drops_empty() {
        assert_eq!(FreeText::parse("t", Some("  ")), Ok(None));
        let urdu = "مجھے یہاں محفوظ محسوس ہوتا ہے";
        assert_eq!(
            FreeText::parse("t", Some(urdu))
                .ok()
                .flatten()
                .map(|t| t.into_inner())
                .as_deref(),
            Some(urdu)
        );
        assert!(FreeText::parse("t", Some(&"x".repeat(2001))).is_err());
        assert!(FreeText::parse("t", Some("a\u{0}b")).is_err());
    }

    #[test]
    fn emails_are_lower_cased_and_shaped() {
        assert_eq!(
            Email::parse(" Officer@Stoke.GOV.uk ")
                .map(|e| e.into_inner())
                .as_deref(),
            Ok("officer@stoke.gov.uk")
        );
        for bad in ["officer", "@stoke.gov.uk", "a@b", "a b@c.uk", "a@.uk"] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn any_accepted_pin_is_six_to_twelve_digits(raw in "\\PC{0,16}") {
            if let Ok(pin) = PinCode::parse(&raw) {
                prop_assert!((6..=12).contains(&pin.expose().len()));
                prop_assert!(pin.expose().bytes().all(|b| b.is_ascii_digit()));
            }
        }

        #[test]
        fn any_accepted_invite_code_parses_to_itself(raw in "[A-Za-z0-9 -]{0,12}") {
            if let Ok(code) = InviteCode::parse(&raw) {
                prop_assert_eq!(InviteCode::parse(code.as_str()), Ok(code.clone()));
            }
        }
    }
}
