use crate::components::icons::{FaceIcon, TickIcon};
use crate::components::read_aloud::{speak, ReadAloud};
use crate::i18n::t;
use leptos::prelude::*;
use shared::Dimension;

/// One question on the five-face scale. The faces are the tap targets: each is a native radio
/// (visually hidden, laid over its picture) whose label is the face drawn in colour and its
/// words, so the group keeps its name, states, position and arrow keys; Skip follows.
#[component]
pub fn FaceScale(
    /// The outcome this question is about.
    dimension: Dimension,
    /// Called with the chosen value (1–5) or `None` for Skip.
    on_change: Callback<Option<u8>>,
    /// The faces offered (values on the 1–5 scale): all five, or fewer for a child who chooses
    /// best from three.
    #[prop(default = &[1, 2, 3, 4, 5])]
    values: &'static [u8],
    /// Say each face's words as it is chosen (a child who does not read yet hears what they
    /// picked).
    #[prop(optional)]
    speak_choice: bool,
) -> impl IntoView {
    let name = format!("q-{}", dimension.as_str());
    let question = t(&format!("feedback.q.{}", dimension.as_str()));
    let faces = values
        .iter()
        .map(|&v| {
            let choose = move |_| {
                if speak_choice {
                    speak(&t(&format!("feedback.face.{v}")));
                }
                on_change.run(Some(v));
            };
            view! {
                <label class="face">
                    <input type="radio" name=name.clone() value=v.to_string() on:change=choose />
                    <FaceIcon value=v />
                    <TickIcon />
                    <span class="face-words">{t(&format!("feedback.face.{v}"))}</span>
                </label>
            }
        })
        .collect_view();
    let spoken = std::iter::once(question.clone())
        .chain(values.iter().map(|v| t(&format!("feedback.face.{v}"))))
        .chain(std::iter::once(t("feedback.skip")))
        .collect::<Vec<_>>()
        .join(". ");
    view! {
        <fieldset class="question">
            <legend>{question}</legend>
            <ReadAloud text=spoken label=t("common.read_question") />
            <div class="faces">{faces}</div>
            <label class="skip">
                <input type="radio" name=name.clone() value="skip" on:change=move |_| on_change.run(None) />
                {t("feedback.skip")}
            </label>
        </fieldset>
    }
}
