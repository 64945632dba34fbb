//! A young person's settings: language, easy read, what Chorus keeps and a copy of it, and
//! signing out on every device.

use crate::api::{self, Failure};
use crate::apps::AppLink;
use crate::components::error_message::ErrorMessage;
use crate::components::language_picker::LanguagePicker;
use crate::components::young_person_bar::{SignOutButton, YoungPersonBar};
use crate::i18n::t;
use crate::prefs::{self, Prefs};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

#[component]
pub fn Settings() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let easy = Prefs::load().easy_read;
    let failure = RwSignal::new(None::<Failure>);
    let download = move |_| {
        spawn_local(async move {
            match api::my_data(state).await {
                Ok(text) => crate::download::text_file("my-chorus-data.txt", &text),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let notifications =
        crate::notifications::supported().then(|| view! { <Notifications failure=failure /> });
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <h1>{t("settings.title")}</h1>
            <h2>{t("settings.language")}</h2>
            <LanguagePicker />
            <h2>{t("settings.easy_read")}</h2>
            <label class="check" for="easy-read">
                <input type="checkbox" id="easy-read" prop:checked=easy
                    on:change=move |ev| { let on = event_target_checked(&ev); prefs::change(|p| p.easy_read = on) } />
                {t("settings.easy_read_label")}
            </label>
            {notifications}
            <h2>{t("settings.your_data")}</h2>
            <p>{t("settings.your_data_intro")}</p>
            <AppLink href="/privacy" class="button">{t("settings.privacy")}</AppLink>
            <button type="button" class="button" on:click=download>{t("settings.download")}</button>
            <ErrorMessage failure=failure />
            <h2>{t("settings.devices")}</h2>
            <p>{t("settings.devices_intro")}</p>
            <SignOutButton everywhere=true />
            <A href="/home" attr:class="button">{t("common.back")}</A>
        </main>
    }
}

/// "Tell me on this phone when I have news": off until the young person turns it on; the phone
/// then gets a push saying only that there is news. Not offered where this Chorus sends none.
#[component]
fn Notifications(failure: RwSignal<Option<Failure>>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let on = RwSignal::new(false);
    let refused = RwSignal::new(false);
    let offered = RwSignal::new(false);
    spawn_local(async move {
        offered.set(api::push_key(state).await.is_ok());
        on.set(crate::notifications::current().await.is_some());
    });
    let change = move |ev: leptos::ev::Event| {
        let wanted = event_target_checked(&ev);
        refused.set(false);
        spawn_local(async move {
            let done = if wanted {
                crate::notifications::turn_on(state).await
            } else {
                crate::notifications::turn_off(state).await.map(|()| false)
            };
            match done {
                Ok(now_on) => {
                    on.set(now_on);
                    refused.set(wanted && !now_on);
                }
                Err(f) => {
                    on.set(!wanted);
                    failure.set(Some(f));
                }
            }
        });
    };
    view! { <Show when=move || offered.get()>
        <h2>{t("settings.notifications")}</h2>
        <label class="check" for="notifications">
            <input type="checkbox" id="notifications" prop:checked=on on:change=change />
            {t("settings.notifications_label")}
        </label>
        <p class="hint">{t("settings.notifications_hint")}</p>
        <Show when=move || refused.get()>
            <p role="status">{t("settings.notifications_refused")}</p>
        </Show>
    </Show> }
}
