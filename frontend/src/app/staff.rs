//! The staff app at `/staff/`: moderation, scores, tenders, young people, administration. Signing
//! in and passwords are the staff door's (`staff_door`), a page load away.

use super::{loading, not_found, start, Guard};
use crate::apps::WebApp;
use crate::pages::{
    admin::Admin,
    assisted_scores::AssistedScoresPage,
    case::CasePage,
    dashboard::Dashboard,
    invites::InvitesPage,
    officer::{Officer, PhrasesPage},
    provider::ProviderHome,
    region::RegionPage,
    report::ReportPage,
    service_detail::ServiceDetailPage,
    tender::TenderPage,
    tenders::Tenders,
    young_people::YoungPeople,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn StaffApp() -> impl IntoView {
    crate::i18n::use_staff_words();
    let state = start(WebApp::Staff);
    view! {
        <Router>
            <Guard public=&[] signed_out="/staff" />
            <Show when=move || state.ready.get() fallback=loading>
                <Routes fallback=not_found>
                    <Route path=path!("/staff/officer") view=Officer />
                    <Route path=path!("/staff/cases/:id") view=CasePage />
                    <Route path=path!("/staff/phrases") view=PhrasesPage />
                    <Route path=path!("/staff/invites") view=InvitesPage />
                    <Route path=path!("/staff/dashboard") view=Dashboard />
                    <Route path=path!("/staff/dashboard/service/:id") view=ServiceDetailPage />
                    <Route path=path!("/staff/report/:quarter") view=ReportPage />
                    <Route path=path!("/staff/region") view=RegionPage />
                    <Route path=path!("/staff/assisted") view=AssistedScoresPage />
                    <Route path=path!("/staff/provider") view=ProviderHome />
                    <Route path=path!("/staff/provider/service/:id") view=ServiceDetailPage />
                    <Route path=path!("/staff/admin") view=Admin />
                    <Route path=path!("/staff/tenders") view=Tenders />
                    <Route path=path!("/staff/tenders/:id") view=TenderPage />
                    <Route path=path!("/staff/young-people") view=YoungPeople />
                </Routes>
            </Show>
        </Router>
    }
}
