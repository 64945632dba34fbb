//! When a submission must reach a person at once: the young person asked to talk, answered "Safe"
//! at the bottom of the scale, or wrote one of the organisation's safeguarding phrases.

use serde::{Deserialize, Serialize};
use shared::{Answers, Dimension};

/// Why an alert was raised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "phrase", rename_all = "snake_case")]
pub enum Reason {
    AskedToTalk,
    FeelsUnsafe,
    /// The phrase from the organisation's list that matched (never the young person's words).
    Phrase(String),
    /// A participation officer escalated it from the moderation queue.
    EscalatedByOfficer,
}

/// A sensible starting list; each organisation's admin edits its own.
pub const DEFAULT_PHRASES: &[&str] = &[
    "hurt me",
    "hurts me",
    "hurting me",
    "hit me",
    "hits me",
    "kicked me",
    "touched me",
    "touches me",
    "scared to go home",
    "scared of him",
    "scared of her",
    "not safe",
    "don't feel safe",
    "dont feel safe",
    "kill myself",
    "want to die",
    "end it all",
    "self harm",
    "self-harm",
    "cut myself",
    "cutting myself",
    "abuse",
    "abused",
    "run away",
    "ran away",
    "going missing",
    "threatened me",
    "locked me in",
    "no food",
    "sent me pictures",
    "asked me for pictures",
    "older boyfriend",
    "older girlfriend",
];

/// Lower-cases, turns curly apostrophes straight and collapses everything that is not a letter,
/// digit or apostrophe into single spaces, with a space at each end so phrases match whole words.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let mut last_space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if c == '\u{2019}' { '\'' } else { c };
        if c.is_alphanumeric() || c == '\'' {
            out.push(c);
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    if !last_space {
        out.push(' ');
    }
    out
}

/// Every reason this submission needs a person now, in a stable order; empty if none.
pub fn check<'a>(
    answers: &Answers,
    wants_talk: bool,
    texts: impl IntoIterator<Item = &'a str>,
    phrases: &[String],
) -> Vec<Reason> {
    let mut reasons = Vec::new();
    if wants_talk {
        reasons.push(Reason::AskedToTalk);
    }
    if answers.get(Dimension::Safe).is_some_and(|f| f.value() == 1) {
        reasons.push(Reason::FeelsUnsafe);
    }
    let haystack: String = texts.into_iter().map(normalise).collect();
    for phrase in phrases {
        let needle = normalise(phrase);
        if needle.trim().is_empty() {
            continue;
        }
        if haystack.contains(&needle) && !reasons.contains(&Reason::Phrase(phrase.clone())) {
            reasons.push(Reason::Phrase(phrase.clone()));
        }
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::Face;

    fn defaults() -> Vec<String> {
        DEFAULT_PHRASES.iter().map(|p| (*p).to_owned()).collect()
    }

    #[test]
    fn each_trigger_raises_its_own_reason() {
        let unsafe_answers = Answers {
            safe: Face::new(1).ok(),
            ..Answers::default()
        };
        let happy = Answers {
            safe: Face::new(5).ok(),
            ..Answers::default()
        };
        assert_eq!(
            check(&happy, true, [], &defaults()),
            vec![Reason::AskedToTalk]
        );
        assert_eq!(
            check(&unsafe_answers, false, [], &defaults()),
            vec![Reason::FeelsUnsafe]
        );
        assert_eq!(
            check(&happy, false, ["He HIT me, yesterday."], &defaults()),
            vec![Reason::Phrase("hit me".into())]
        );
        assert!(check(&happy, false, ["Staff are lovely"], &defaults()).is_empty());
    }

    #[test]
    fn phrases_match_whole_words_only() {
        let none = Answers::default();
        assert!(check(&none, false, ["the white mesh"], &["hit me".to_owned()]).is_empty());
        assert_eq!(
            check(&none, false, ["I don’t feel safe"], &defaults()),
            vec![Reason::Phrase("don't feel safe".into())]
        );
    }

    #[test]
    fn safe_at_two_is_not_an_alert_by_itself() {
        let answers = Answers {
            safe: Face::new(2).ok(),
            ..Answers::default()
        };
        assert!(check(&answers, false, [], &defaults()).is_empty());
    }
}
