//! The app's few pictures, drawn as inline SVG: they look the same on every phone and need no
//! font or emoji glyph. A handful of paths written once, as markup (one DOM write each, and
//! little code in the wasm): the face is a circle, two eyes and a mouth (plus brows and a tear
//! when very sad), coloured from red to green.

use leptos::prelude::*;

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
const VERY_SAD: &str = r##"<path d="M15 21L26 17M49 21L38 17" stroke="#1b1b1f" stroke-width="3" stroke-linecap="round"/><path d="M44 31Q40 38 44 40Q48 38 44 31Z" fill="#3d8fd6"/>"##;
const TICK: &str = r##"<circle cx="12" cy="12" r="11" fill="#1b1b1f" stroke="#fff" stroke-width="2"/><path d="M6.5 12.5L10 16L17.5 8" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>"##;
const SPEAKER: &str = r##"<path d="M3 9V15H7L12 19V5L7 9Z" fill="currentColor"/><path d="M15.5 8.5A5 5 0 0 1 15.5 15.5M18 6A8.5 8.5 0 0 1 18 18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>"##;

/// The markup inside one face of the five-face scale (`value` 1–5).
pub fn face_markup(value: u8) -> String {
    let i = usize::from(value.clamp(1, 5) - 1);
    format!(
        r##"<circle cx="32" cy="32" r="29" fill="{}" stroke="#1b1b1f" stroke-width="2.5"/><circle cx="23" cy="26" r="3.5" fill="#1b1b1f"/><circle cx="41" cy="26" r="3.5" fill="#1b1b1f"/>{}<path d="{}" fill="{}" stroke="#1b1b1f" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>"##,
        FACE_COLOURS[i],
        if i == 0 { VERY_SAD } else { "" },
        MOUTHS[i],
        if i == 4 { "#1b1b1f" } else { "none" },
    )
}

/// A decorative picture (hidden from screen readers: the words beside it name it).
#[component]
fn Icon(class: &'static str, view_box: &'static str, markup: String) -> impl IntoView {
    view! { <svg class=class viewBox=view_box aria-hidden="true" focusable="false" inner_html=markup></svg> }
}

/// One face of the five-face scale (`value` 1–5).
#[component]
pub fn FaceIcon(value: u8) -> impl IntoView {
    view! { <Icon class="face-icon" view_box="0 0 64 64" markup=face_markup(value) /> }
}

/// The tick on the chosen face: the choice shows by shape, not by colour alone.
#[component]
pub fn TickIcon() -> impl IntoView {
    view! { <Icon class="face-tick" view_box="0 0 24 24" markup=TICK.to_owned() /> }
}

/// The read-aloud speaker, in the text's own colour.
#[component]
pub fn SpeakerIcon() -> impl IntoView {
    view! { <Icon class="icon" view_box="0 0 24 24" markup=SPEAKER.to_owned() /> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_face_has_its_own_colour_and_mouth_and_only_the_saddest_a_tear() {
        let faces: Vec<String> = (1..=5).map(face_markup).collect();
        for (i, face) in faces.iter().enumerate() {
            assert!(face.contains(FACE_COLOURS[i]) && face.contains(MOUTHS[i]));
            assert_eq!(face.contains("#3d8fd6"), i == 0);
        }
        assert_eq!(face_markup(0), faces[0]);
        assert_eq!(face_markup(9), faces[4]);
    }
}
