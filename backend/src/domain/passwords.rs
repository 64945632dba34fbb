//! What a new staff password must be, after the NCSC's password guidance: long enough (12 to 128
//! characters, from `shared::validate::Password`), not one that is common, breached or easily
//! guessed, and no composition rules (no "one capital, one symbol"), so three random words pass.
//!
//! "Common or easily guessed" is zxcvbn's estimate (the crate ships the lists: passwords from public
//! breaches, English words, names and surnames, with keyboard patterns, dates, repeats and
//! l33t spellings): a password it expects to fall within 10^10 guesses is refused. The person's
//! own email, name and the organisation's name count as known words, as does "chorus", and a
//! password holding one of them (four letters or more) is refused whatever its spelling.

use shared::validate::{Invalid, Password};
use shared::Reason;
use zxcvbn::Score;

/// Checks a password someone is choosing. `known` holds words an attacker would try first (their
/// email, name, the organisation's name).
pub fn check_new(raw: &str, known: &[&str]) -> Result<Password, Invalid> {
    let password = Password::parse(raw)?;
    // The known words and their parts: "alex.morgan@council" gives "alex", "morgan", "council".
    let mut words: Vec<String> = vec!["chorus".to_owned()];
    for phrase in known {
        words.push(phrase.to_lowercase());
        words.extend(
            phrase
                .split(|c: char| !c.is_alphanumeric())
                .filter(|p| p.chars().count() >= 4)
                .map(str::to_lowercase),
        );
    }
    let inputs: Vec<&str> = words.iter().map(String::as_str).collect();
    // zxcvbn sees "Sam Patel 2026!" as three guesses apart; the person's own name in any spelling
    // is refused outright.
    let squashed: String = raw
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let personal = words
        .iter()
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphanumeric))
        .any(|w| squashed.contains(w.as_str()));
    if personal || zxcvbn::zxcvbn(raw, &inputs).score() < Score::Four {
        return Err(Invalid::new(
            "password",
            Reason::PasswordTooCommon,
            "That password is too easy to guess: it is a common password, or close to one, or to \
             your name or email. Try three random words.",
        ));
    }
    Ok(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_breached_passwords_are_refused_whatever_their_length() {
        for weak in [
            "password1234",
            "Password1234!",
            "qwertyuiop123",
            "123456789012",
            "iloveyou12345",
            "letmein123456",
            "manchester united1",
            "iloveyoumum123",
            "aaaaaaaaaaaaaaaa",
            "abcdefghijklmnop",
        ] {
            let refused = check_new(weak, &[]).unwrap_err();
            assert_eq!(refused.reason, Reason::PasswordTooCommon, "{weak}");
        }
    }

    #[test]
    fn the_persons_own_details_do_not_make_a_password() {
        let known = ["alex.morgan@stoke.example", "Alex Morgan", "Stoke-on-Trent"];
        for weak in [
            "alexmorgan2026",
            "Alex Morgan 2026!",
            "stoke-on-trent1",
            "chorus-chorus-2026",
        ] {
            assert!(check_new(weak, &known).is_err(), "{weak}");
        }
    }

    #[test]
    fn long_unusual_passwords_pass_without_composition_rules() {
        for strong in [
            "kettle orbit lantern",
            "purple-walrus-tuesday",
            "marmalade anchor violin",
            "quiet hedgehog saxophone",
        ] {
            assert!(check_new(strong, &[]).is_ok(), "{strong}");
        }
    }

    #[test]
    fn length_is_checked_first_with_its_own_reason() {
        assert_eq!(
            check_new("x7#Kq!", &[]).unwrap_err().reason,
            Reason::PasswordTooShort
        );
        assert_eq!(
            check_new(&"kettle ".repeat(20), &[]).unwrap_err().reason,
            Reason::PasswordTooLong
        );
    }
}
