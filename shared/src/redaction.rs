//! Removing stretches of a young person's words before anyone but the participation team sees
//! them. Used by the server when an officer approves, and by the web app for its preview, so the
//! preview is exactly what gets published. Spans count characters, not bytes.

use crate::api::TextSpan as Span;

/// What a removed stretch is replaced with.
pub const REMOVED: &str = "[removed]";

/// Sorted spans with overlapping ones joined.
pub fn merge(sorted: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(sorted.len());
    for span in sorted {
        match out.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => out.push(span),
        }
    }
    out
}

/// Why a set of spans cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a removal must lie within the text, and start before it ends")]
pub struct BadSpan;

/// Replaces each span (merged if they overlap) with `[removed]`.
pub fn apply(text: &str, spans: &[Span]) -> Result<String, BadSpan> {
    let len = text.chars().count();
    if spans.iter().any(|s| s.start >= s.end || s.end > len) {
        return Err(BadSpan);
    }
    let mut sorted = spans.to_vec();
    sorted.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let merged = merge(sorted);
    let mut out = String::with_capacity(text.len());
    let mut spans = merged.iter().peekable();
    let mut skip_until = None;
    for (i, c) in text.chars().enumerate() {
        if let Some(end) = skip_until {
            if i < end {
                continue;
            }
            skip_until = None;
        }
        if let Some(span) = spans.peek().filter(|s| s.start == i) {
            out.push_str(REMOVED);
            skip_until = Some(span.end);
            spans.next();
            continue;
        }
        out.push(c);
    }
    Ok(out)
}
