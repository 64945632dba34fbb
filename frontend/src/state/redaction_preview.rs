//! What an officer's approval will publish: the same `apply` the server runs, plus marking every
//! place of words the officer types.

use shared::api::TextSpan;

pub fn preview(text: &str, spans: &[TextSpan]) -> String {
    // A span that no longer fits the text (it cannot, here) would be refused by the server too.
    shared::redaction::apply(text, spans).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::SpanKind;

    #[test]
    fn spans_are_replaced_by_characters_not_bytes() {
        let span = TextSpan {
            start: 5,
            end: 17,
            kind: SpanKind::Phone,
        };
        assert_eq!(preview("عمر: 07700 900123!", &[span]), "عمر: [removed]!");
        assert_eq!(preview("nothing here", &[]), "nothing here");
    }
}

/// Every place `words` occurs in `text` (ignoring case), as spans an officer marked.
pub fn mark_all(text: &str, words: &str) -> Vec<TextSpan> {
    let needle: Vec<char> = words.trim().to_lowercase().chars().collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let hay: Vec<char> = text.to_lowercase().chars().collect();
    // Lower-casing can change the length of some characters; then mark nothing rather than wrongly.
    if hay.len() != text.chars().count() {
        return Vec::new();
    }
    (0..hay.len().saturating_sub(needle.len() - 1))
        .filter(|&i| hay[i..i + needle.len()] == needle[..])
        .map(|i| TextSpan {
            start: i,
            end: i + needle.len(),
            kind: shared::api::SpanKind::Marked,
        })
        .collect()
}

#[cfg(test)]
mod mark_tests {
    use super::*;

    #[test]
    fn every_occurrence_of_a_name_is_marked() {
        let spans = mark_all("Mr Smith said smith was busy", "smith");
        assert_eq!(
            spans.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>(),
            vec![(3, 8), (14, 19)]
        );
        assert_eq!(
            preview("Mr Smith said smith was busy", &spans),
            "Mr [removed] said [removed] was busy"
        );
        assert!(mark_all("abc", "  ").is_empty());
    }
}
