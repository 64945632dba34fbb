use crate::components::read_aloud::ReadAloud;
use crate::i18n::t;
use crate::state::feedback_form::face_symbol;
use leptos::prelude::*;
use shared::Dimension;

/// One question on the five-face scale, as a radio group with words beside every face, plus Skip.
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
                    <span class="face-symbol" aria-hidden="true">{face_symbol(v)}</span>
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
