//! The young commissioner's app at `/panels/`: panels, training, scoring bids, the record.

use super::{loading, not_found, start_keeping_feedback, Guard, PendingBanner};
use crate::apps::WebApp;
use crate::pages::{
    panels::{PanelPage, Panels},
    record::Record,
    score_bid::ScoreBid,
    training::Training,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn PanelsApp() -> impl IntoView {
    crate::i18n::use_panel_words();
    let state = start_keeping_feedback(WebApp::Panels);
    view! {
        <Router>
            <Guard public=&[] signed_out="/" />
            <PendingBanner />
            <Show when=move || state.ready.get() fallback=loading>
                <Routes fallback=not_found>
                    <Route path=path!("/panels") view=Panels />
                    <Route path=path!("/panels/training") view=Training />
                    <Route path=path!("/panels/record") view=Record />
                    <Route path=path!("/panels/:id") view=PanelPage />
                    <Route path=path!("/panels/:id/bids/:bid_id") view=ScoreBid />
                </Routes>
            </Show>
        </Router>
    }
}
