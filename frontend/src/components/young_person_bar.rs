use crate::api;
use crate::apps::{navigator, WebApp};
use crate::components::read_aloud::ReadPageAloud;
use crate::i18n::t;
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// Leaves at once: end the sign-in (a beacon the browser sends even as the page goes), forget
/// the session and replace this page with a blank one, so nothing sensitive stays on screen, in
/// the back history, or signed in.
pub fn quick_exit(state: SessionState) {
    if state.me().is_some() {
        api::sign_out_on_leaving();
    }
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace("about:blank");
    }
    // Quietly: a guard that saw "signed out" would send the page to the front door instead.
    state.forget_quietly();
}

/// Signs out on the server, forgets the session and goes to the front door: the welcome page,
/// or the staff sign-in for staff. `everywhere`: every sign-in of this person, on every device.
#[component]
pub fn SignOutButton(#[prop(optional)] everywhere: bool) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let go = navigator();
    let door = if expect_context::<WebApp>().for_staff() {
        "/staff"
    } else {
        "/"
    };
    // Signed out on the server first: the front door is another page, and leaving for it at once
    // could cut the request off and leave the refresh cookie signed in.
    let sign_out = move |_| {
        let go = go.clone();
        spawn_local(async move {
            if everywhere {
                api::sign_out_everywhere().await;
            } else {
                api::sign_out().await;
            }
            state.clear();
            go(door);
        });
    };
    let (class, label) = if everywhere {
        ("button", "common.sign_out_everywhere")
    } else {
        ("link-button", "common.sign_out")
    };
    view! { <button type="button" class=class on:click=sign_out>{t(label)}</button> }
}

/// Ends an assisted session: the child's session is forgotten (the officer's own sign-in was
/// never touched) and the officer is back on the young people's page.
#[component]
fn DoneButton() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let done = move |_| {
        state.forget_quietly();
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign(crate::assisted::BACK_TO);
        }
    };
    view! { <button type="button" class="button" on:click=done>{t("assisted.done")}</button> }
}

/// The bar on every page a young person can reach, signed in or not: quick exit (always
/// visible) and read aloud; once signed in, settings (language, easy read, privacy, my data)
/// and sign out too, or in an assisted session "We're done".
#[component]
pub fn YoungPersonBar() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let voice = expect_context::<WebApp>() == WebApp::Voice;
    // Settings is in the voice app: from the panels app it is a page load.
    let signed_in_tools = move || {
        if state.assisted.get().is_some() {
            return Some(view! { <DoneButton /> }.into_any());
        }
        state.me().is_some().then(|| {
            let settings = if voice {
                view! { <A href="/settings">{t("settings.link")}</A> }.into_any()
            } else {
                view! { <a href="/settings" rel="external">{t("settings.link")}</a> }.into_any()
            };
            view! { {settings} <SignOutButton /> }.into_any()
        })
    };
    view! {
        <header class="yp-bar">
            <span class="brand">{t("app.name")}</span>
            <button type="button" class="quick-exit" on:click=move |_| quick_exit(state)>{t("common.quick_exit")}</button>
            <nav class="yp-tools" aria-label=t("common.tools")>
                <ReadPageAloud />
                {signed_in_tools}
            </nav>
        </header>
    }
}
