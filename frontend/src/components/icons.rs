//! The app's few pictures, drawn as inline SVG: they look the same on every phone and need no
//! font or emoji glyph. A handful of paths written once: the face is one circle, two eyes and a
//! mouth (plus brows and a tear when very sad), coloured from red to green.

use leptos::prelude::*;

const INK: &str = "#1b1b1f";
/// Red (really bad) to green (really good); the words beside each face carry the meaning too.
const FACE_COLOURS: [&str; 5] = ["#ef6a56", "#f6a04d", "#f7d154", "#a6d463", "#52bb6c"];
/// A frown, a small frown, a straight line, a smile, and a big open smile (filled).
const MOUTHS: [&str; 5] = [
    "M20 47Q32 35 44 47",
    "M21 45Q32 39 43 45",
    "M21 43H43",
    "M20 40Q32 50 44 40",
    "M18 37Q32 57 46 37Z",
];

/// One face of the five-face scale (`value` 1–5); decorative, the words name it.
#[component]
pub fn FaceIcon(value: u8) -> impl IntoView {
    let i = usize::from(value.clamp(1, 5) - 1);
    let very_sad = i == 0;
    view! {
        <svg class="face-icon" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
            <circle cx="32" cy="32" r="29" fill=FACE_COLOURS[i] stroke=INK stroke-width="2.5" />
            <circle cx="23" cy="26" r="3.5" fill=INK />
            <circle cx="41" cy="26" r="3.5" fill=INK />
            {very_sad.then(|| view! {
                <path d="M15 21L26 17M49 21L38 17" stroke=INK stroke-width="3" stroke-linecap="round" />
                <path d="M44 31Q40 38 44 40Q48 38 44 31Z" fill="#3d8fd6" />
            })}
            <path d=MOUTHS[i] fill=if i == 4 { INK } else { "none" } stroke=INK stroke-width="3.5"
                stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}

/// The tick on the chosen face: the choice shows by shape, not by colour alone.
#[component]
pub fn TickIcon() -> impl IntoView {
    view! {
        <svg class="face-tick" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="11" fill=INK stroke="#fff" stroke-width="2" />
            <path d="M6.5 12.5L10 16L17.5 8" fill="none" stroke="#fff" stroke-width="3"
                stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}

/// The read-aloud speaker, in the text's own colour.
#[component]
pub fn SpeakerIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M3 9V15H7L12 19V5L7 9Z" fill="currentColor" />
            <path d="M15.5 8.5A5 5 0 0 1 15.5 15.5M18 6A8.5 8.5 0 0 1 18 18" fill="none"
                stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
    }
}
