use crate::components::young_person_bar::SignOutButton;
use crate::i18n::t;
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::Role;

/// The bar on staff pages: who is signed in, and sign out (a shared laptop must be left signed out).
#[component]
pub fn StaffBar() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let name = move || state.me().map(|m| m.display_name).unwrap_or_default();
    let links = move || {
        let links: &[(&str, &str)] = match state.me().map(|m| m.role) {
            Some(Role::ParticipationOfficer) => &[
                ("/staff/officer", "nav.moderation"),
                ("/staff/invites", "nav.invites"),
                ("/staff/young-people", "nav.people"),
                ("/staff/phrases", "nav.phrases"),
                ("/staff/tenders", "nav.tenders"),
            ],
            Some(Role::Commissioner) => &[
                ("/staff/dashboard", "nav.scores"),
                ("/staff/region", "nav.region"),
                ("/staff/assisted", "nav.assisted"),
                ("/staff/tenders", "nav.tenders"),
            ],
            Some(Role::Provider) => &[("/staff/provider", "nav.scores")],
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
