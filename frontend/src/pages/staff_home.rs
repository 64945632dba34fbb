use crate::components::young_person_bar::StaffBar;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;

/// Commissioners and admins: who is signed in; their dashboards come next.
#[component]
pub fn StaffHome() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let me = move || state.me();
    view! {
        <StaffBar />
        <main class="page staff">
            <h1>{move || t_with("staff_home.title", &[("name", &me().map(|m| m.display_name).unwrap_or_default())])}</h1>
            <p>{move || t_with("staff_home.role", &[("role", &me().map(|m| t(&format!("role.{}", m.role.as_str()))).unwrap_or_default())])}</p>
            <p>{t("staff_home.soon")}</p>
        </main>
    }
}
