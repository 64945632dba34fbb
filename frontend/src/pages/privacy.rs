//! How Chorus looks after what young people tell it, written for each age band: what is kept,
//! who sees it, what happens when something worrying is said, and their rights. Reachable
//! before signing in and from every young person's page.

use crate::apps::AppLink;
use crate::components::young_person_bar::YoungPersonBar;
use crate::i18n::t;
use crate::state::session::SessionState;
use leptos::prelude::*;
use shared::AgeBand;

const PARTS: [&str; 4] = ["kept", "who", "worry", "rights"];

fn band_key(band: AgeBand) -> &'static str {
    match band {
        AgeBand::Age4To7 => "4_7",
        AgeBand::Age8To11 => "8_11",
        AgeBand::Age12To15 => "12_15",
        AgeBand::Age16To17 => "16_17",
        AgeBand::Age18To25 => "18_25",
    }
}

#[component]
pub fn Privacy() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let signed_in = state.me().is_some();
    let chosen = RwSignal::new(
        state
            .me()
            .and_then(|m| m.age_band)
            .unwrap_or(AgeBand::Age12To15),
    );
    let back = if signed_in { "/settings" } else { "/" };
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <h1>{t("privacy.title")}</h1>
            <nav class="languages" aria-label=t("privacy.age")>
                {AgeBand::ALL.into_iter().map(|band| view! {
                    <button type="button" class="language" aria-pressed=move || if chosen.get() == band { "true" } else { "false" }
                        on:click=move |_| chosen.set(band)>
                        {t(&format!("privacy.band.{}", band_key(band)))}
                    </button>
                }).collect_view()}
            </nav>
            {move || {
                let band = band_key(chosen.get());
                PARTS.iter().map(|part| view! {
                    <section class="card lesson">
                        <h2>{t(&format!("privacy.{part}.title"))}</h2>
                        <p>{t(&format!("privacy.{band}.{part}"))}</p>
                    </section>
                }).collect_view()
            }}
            <AppLink href=back class="button">{t("common.back")}</AppLink>
        </main>
    }
}
