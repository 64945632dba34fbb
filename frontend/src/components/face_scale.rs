use crate::components::icons::{FaceIcon, TickIcon};
use crate::components::read_aloud::ReadAloud;
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
) -> impl IntoView {
    let name = format!("q-{}", dimension.as_str());
    let question = t(&format!("feedback.q.{}", dimension.as_str()));
    let faces = (1u8..=5)
        .map(|v| {
            view! {
                <label class="face">
                    <input type="radio" name=name.clone() value=v.to_string()
                        on:change=move |_| on_change.run(Some(v)) />
                    <FaceIcon value=v />
                    <TickIcon />
                    <span class="face-words">{t(&format!("feedback.face.{v}"))}</span>
                </label>
            }
        })
        .collect_view();
    let spoken = std::iter::once(question.clone())
        .chain((1u8..=5).map(|v| t(&format!("feedback.face.{v}"))))
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
