//! Finding and removing identifying details in young people's free text before anyone but the
//! participation team sees it. Spans are in characters (Unicode scalar values), not bytes, so the
//! web app and the server agree on them whatever the language.

use regex::Regex;
use std::sync::OnceLock;

pub use shared::api::{SpanKind, TextSpan as Span};
// Applying spans is shared with the web app, so its preview is exactly what gets published.
pub use shared::redaction::{apply, merge, BadSpan, REMOVED};

struct Patterns {
    list: Vec<(SpanKind, Regex)>,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let build = |kind, re: &str| Regex::new(re).ok().map(|r| (kind, r));
        Patterns {
            list: [
                build(SpanKind::Email, r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"),
                // UK numbers: 07700 900123, +44 7700 900123, (01782) 234567, 0117-496-0123
                build(
                    SpanKind::Phone,
                    r"(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s\-]?\d{3,4}[\s\-]?\d{3,4}\b",
                ),
                build(SpanKind::Postcode, r"(?i)\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b"),
                build(
                    SpanKind::Address,
                    r"(?i)\b\d{1,4}[a-z]?,?\s+(?:[a-z'\-]+\s+){1,3}(?:street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|grove|place|crescent|terrace|court|gardens|walk|hill|row|square|mews)\b",
                ),
            ]
            .into_iter()
            .flatten()
            .collect(),
        }
    })
}

fn byte_to_char_index(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Spans that look like phone numbers, emails, postcodes or street addresses, in text order,
/// overlapping ones merged.
pub fn detect(text: &str) -> Vec<Span> {
    let mut spans: Vec<Span> = patterns()
        .list
        .iter()
        .flat_map(|(kind, re)| {
            re.find_iter(text).map(move |m| Span {
                start: byte_to_char_index(text, m.start()),
                end: byte_to_char_index(text, m.end()),
                kind: *kind,
            })
        })
        .collect();
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    merge(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kinds(text: &str) -> Vec<(SpanKind, String)> {
        detect(text)
            .into_iter()
            .map(|s| {
                (
                    s.kind,
                    text.chars().skip(s.start).take(s.end - s.start).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn identifying_details_are_found() {
        let cases = [
            (
                "Ring me on 07700 900123 please",
                SpanKind::Phone,
                "07700 900123",
            ),
            (
                "my number is +44 7700 900123",
                SpanKind::Phone,
                "+44 7700 900123",
            ),
            ("office (01782) 234567", SpanKind::Phone, "(01782) 234567"),
            (
                "email jay.smith@example.com ok",
                SpanKind::Email,
                "jay.smith@example.com",
            ),
            ("I live near ST4 1AB now", SpanKind::Postcode, "ST4 1AB"),
            ("postcode st41ab", SpanKind::Postcode, "st41ab"),
            (
                "at 14 Willow Street in Hanley",
                SpanKind::Address,
                "14 Willow Street",
            ),
            ("22b Old Hall Road", SpanKind::Address, "22b Old Hall Road"),
        ];
        for (text, kind, found) in cases {
            assert_eq!(kinds(text), vec![(kind, found.to_owned())], "{text:?}");
        }
    }

    #[test]
    fn ordinary_words_and_numbers_are_left_alone() {
        for text in [
            "I am 14 and I like it here",
            "We had 3 trips in 2025",
            "Staff are kind",
            "مجھے یہاں اچھا لگتا ہے",
        ] {
            assert!(detect(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn spans_count_characters_not_bytes() {
        let text = "عمر: 07700 900123";
        let spans = detect(text);
        assert_eq!(spans.len(), 1);
        assert_eq!(apply(text, &spans).as_deref(), Ok("عمر: [removed]"));
    }

    #[test]
    fn applying_removes_exactly_the_spans() {
        let text = "Ring 07700 900123 or email a@b.com";
        assert_eq!(
            apply(text, &detect(text)).as_deref(),
            Ok("Ring [removed] or email [removed]")
        );
        let marked = [Span {
            start: 0,
            end: 4,
            kind: SpanKind::Marked,
        }];
        assert_eq!(
            apply(text, &marked).as_deref(),
            Ok("[removed] 07700 900123 or email a@b.com")
        );
        assert_eq!(
            apply(
                "abc",
                &[Span {
                    start: 2,
                    end: 9,
                    kind: SpanKind::Marked
                }]
            ),
            Err(BadSpan)
        );
    }

    proptest! {
        #[test]
        fn after_redaction_nothing_detectable_is_left(text in "[a-zA-Z0-9 @.+()\\-]{0,80}") {
            let redacted = apply(&text, &detect(&text)).unwrap_or_default();
            let leftover: Vec<Span> = detect(&redacted);
            prop_assert!(leftover.is_empty(), "left {:?} in {:?}", leftover, redacted);
        }
    }
}
