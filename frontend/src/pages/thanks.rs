use crate::components::young_person_bar::YoungPersonBar;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::A;

/// Shown after feedback is stored.
#[component]
pub fn Thanks() -> impl IntoView {
    let pending = expect_context::<crate::offline::Pending>();
    let state = expect_context::<crate::state::session::SessionState>();
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <h1>{t("thanks.title")}</h1>
            <p class="lead" role="status">{move || {
                let words = match pending.refused.get() {
                    Some(why) => format!("{} {why}", t("offline.refused")),
                    None if pending.waiting.get() > 0 => t("offline.waiting_long"),
                    None => t("thanks.sent"),
                };
                // Asked to talk: who will, never what was said.
                if pending.asked_to_talk.get() { format!("{words} {}", t("thanks.talk")) } else { words }
            }}</p>
            <p>{t("thanks.body")}</p>
            <A href="/home" attr:class="button primary">{t("thanks.home")}</A>
            {(!state.is_assisted()).then(|| view! { <A href="/my-feedback" attr:class="button">{t("home.my_feedback")}</A> })}
        </main>
    }
}
