use crate::api;
use crate::components::read_aloud::ReadPageAloud;
use crate::i18n::t;
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::Role;

/// Leaves at once: end the sign-in (a beacon the browser sends even as the page goes), forget
/// the session and replace this page with a blank one, so nothing sensitive stays on screen, in
/// the back history, or signed in.
pub fn quick_exit(state: SessionState) {
    api::sign_out_on_leaving();
    state.clear();
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace("about:blank");
    }
}

/// Signs out on the server, forgets the session and goes to the welcome page.
#[component]
pub fn SignOutButton() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let navigate = use_navigate();
    let sign_out = move |_| {
        state.clear();
        let navigate = navigate.clone();
        spawn_local(async move {
            api::sign_out().await;
            navigate("/", Default::default());
        });
    };
    view! { <button type="button" class="link-button" on:click=sign_out>{t("common.sign_out")}</button> }
}

/// The bar on every young person's page: quick exit (always visible), read aloud, settings
/// (language, easy read, privacy, my data) and sign out.
#[component]
pub fn YoungPersonBar() -> impl IntoView {
    let state = expect_context::<SessionState>();
    view! {
        <header class="yp-bar">
            <span class="brand">{t("app.name")}</span>
            <button type="button" class="quick-exit" on:click=move |_| quick_exit(state)>{t("common.quick_exit")}</button>
            <nav class="yp-tools" aria-label=t("common.tools")>
                <ReadPageAloud />
                <A href="/settings">{t("settings.link")}</A>
                <SignOutButton />
            </nav>
        </header>
    }
}

/// The bar on staff pages: who is signed in, and sign out (a shared laptop must be left signed out).
#[component]
pub fn StaffBar() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let name = move || state.me().map(|m| m.display_name).unwrap_or_default();
    let links = move || {
        let links: &[(&str, &str)] = match state.me().map(|m| m.role) {
            Some(Role::ParticipationOfficer) => {
                &[("/officer", "nav.moderation"), ("/tenders", "nav.tenders")]
            }
            Some(Role::Commissioner) => {
                &[("/dashboard", "nav.scores"), ("/tenders", "nav.tenders")]
            }
            _ => &[],
        };
        links
            .iter()
            .map(|(href, key)| view! { <A href=*href>{t(key)}</A> })
            .collect_view()
    };
    view! {
        <header class="yp-bar">
            <span class="brand">{t("app.name")}</span>
            <nav class="staff-nav" aria-label=t("nav.label")>{links}</nav>
            <span>{name}</span>
            <SignOutButton />
        </header>
    }
}
