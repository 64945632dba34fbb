//! When a submission must reach a person at once: the young person asked to talk, answered "Safe"
//! at the bottom of the scale, or wrote one of the organisation's safeguarding phrases, however
//! it was spelled (`normalise`), in any of the languages of `phrases`.

pub mod case;
mod normalise;
mod phrases;
pub mod rota;

pub use normalise::{joined, words};
pub use phrases::DEFAULT_PHRASES;

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};
use shared::{Answers, Dimension};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

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

/// Every reason this submission needs a person now, in a stable order (the phrases in the order
/// of the organisation's list); empty if none.
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
    let texts: Vec<&str> = texts.into_iter().collect();
    if texts.iter().all(|t| t.trim().is_empty()) {
        return reasons;
    }
    let matched = matcher_for(phrases).matches(&texts);
    reasons.extend(
        matched
            .into_iter()
            .map(|i| Reason::Phrase(phrases[i].clone())),
    );
    reasons
}

/// An organisation's phrases, normalised once, in one automaton that reads a text in one pass.
struct Matcher {
    automaton: Option<AhoCorasick>,
    /// For each pattern, the phrase it came from.
    phrase_of: Vec<usize>,
    phrases: usize,
}

impl Matcher {
    fn new(phrases: &[String]) -> Matcher {
        let mut patterns = Vec::new();
        let mut phrase_of = Vec::new();
        for (i, phrase) in phrases.iter().enumerate() {
            let needle = words(phrase);
            if needle.trim().is_empty() {
                continue;
            }
            // Arabic script joins "and", "with" and pronouns to the word ("ويضربني"), so its
            // phrases match inside words; the others match whole words only.
            let pattern = if is_arabic_script(phrase) {
                needle.trim().to_owned()
            } else {
                needle
            };
            patterns.push(pattern);
            phrase_of.push(i);
        }
        Matcher {
            automaton: AhoCorasick::new(&patterns).ok(),
            phrase_of,
            phrases: phrases.len(),
        }
    }

    /// The indices of the phrases found in any of `texts`, ascending.
    fn matches(&self, texts: &[&str]) -> Vec<usize> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut found = vec![false; self.phrases];
        for text in texts {
            for haystack in [words(text), joined(text)] {
                for hit in automaton.find_overlapping_iter(&haystack) {
                    found[self.phrase_of[hit.pattern().as_usize()]] = true;
                }
            }
        }
        found
            .iter()
            .enumerate()
            .filter_map(|(i, &f)| f.then_some(i))
            .collect()
    }
}

fn is_arabic_script(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}'))
}

/// Matchers are kept per phrase list: building one normalises every phrase, which a submission
/// should not pay for. Few organisations, lists rarely change: a small map, emptied when full.
fn matcher_for(phrases: &[String]) -> Arc<Matcher> {
    static MATCHERS: OnceLock<Mutex<HashMap<Vec<String>, Arc<Matcher>>>> = OnceLock::new();
    let cache = MATCHERS.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok().and_then(|m| m.get(phrases).cloned()) {
        return found;
    }
    let built = Arc::new(Matcher::new(phrases));
    if let Ok(mut map) = cache.lock() {
        if map.len() >= 256 {
            map.clear();
        }
        map.insert(phrases.to_vec(), built.clone());
    }
    built
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
