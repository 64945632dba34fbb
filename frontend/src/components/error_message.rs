use crate::api::Failure;
use crate::i18n::{error_text, t};
use leptos::prelude::*;

/// Words for a failed call, announced to screen readers.
#[component]
pub fn ErrorMessage(
    /// The failure to show, if any.
    failure: RwSignal<Option<Failure>>,
) -> impl IntoView {
    move || {
        failure.get().map(|f| {
            let text = match f {
                Failure::Api(e) => error_text(&e),
                Failure::Network => t("common.offline"),
            };
            view! { <p class="error" role="alert">{text}</p> }
        })
    }
}
