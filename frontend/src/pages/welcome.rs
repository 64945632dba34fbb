use crate::components::language_picker::LanguagePicker;
use crate::components::young_person_bar::YoungPersonBar;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::A;

/// The first screen: join with an invite, or sign in.
#[component]
pub fn Welcome() -> impl IntoView {
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <LanguagePicker />
            <h1>{t("welcome.title")}</h1>
            <p class="lead">{t("welcome.intro")}</p>
            <A href="/join" attr:class="button primary">{t("welcome.have_code")}</A>
            <A href="/sign-in" attr:class="button">{t("welcome.sign_in")}</A>
            <p class="small"><A href="/privacy">{t("settings.privacy")}</A></p>
            <p class="small"><a href="/staff" rel="external">{t("welcome.staff")}</a></p>
        </main>
    }
}
