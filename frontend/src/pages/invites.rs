use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::components::staff_bar::StaffBar;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{NewInviteBatch, PrintableInvite};
use shared::AgeBand;
use std::collections::BTreeSet;
use uuid::Uuid;

/// The officer makes invites for young people joining (one or a batch), each linked to the
/// services in their life, and prints them as cards: the code, the services, the date it runs
/// out and a QR code of the joining page (drawn by the server).
#[component]
pub fn InvitesPage() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let failure = RwSignal::new(None::<Failure>);
    let cards = RwSignal::new(Vec::<PrintableInvite>::new());
    let age_band = RwSignal::new(AgeBand::Age12To15);
    let count = RwSignal::new("1".to_owned());
    let chosen = RwSignal::new(BTreeSet::<Uuid>::new());
    let services = LocalResource::new(move || api::services(state));
    let make = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(count) = count.get_untracked().trim().parse::<u32>() else {
            let invalid = shared::validate::Invalid::new(
                "count",
                shared::Reason::Number,
                t("invites.number"),
            );
            return failure.set(Some(invalid.into()));
        };
        let body = NewInviteBatch {
            age_band: age_band.get_untracked(),
            service_ids: chosen.get_untracked().into_iter().collect(),
            count,
        };
        spawn_local(async move {
            match api::invite_batch(state, body).await {
                Ok(made) => {
                    failure.set(None);
                    cards.set(made);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let print = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <StaffBar />
        <main class="page staff">
            <h1 class="no-print">{t("invites.title")}</h1>
            <form class="no-print" on:submit=make>
                <label for="invite-age">{t("invites.age_band")}</label>
                <select id="invite-age" on:change=move |ev| {
                    if let Some(band) = AgeBand::ALL.into_iter().find(|b| b.as_str() == event_target_value(&ev)) { age_band.set(band) }
                }>
                    {AgeBand::ALL.into_iter().map(|b| view! {
                        <option value=b.as_str() selected=b == AgeBand::Age12To15>{b.as_str()}</option>
                    }).collect_view()}
                </select>
                <fieldset class="choice">
                    <legend>{t("invites.services")}</legend>
                    <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                        {move || services.get().map(|list| list.unwrap_or_default().into_iter().map(|s| {
                            let id = s.id;
                            let (dom, label_for) = (format!("service-{id}"), format!("service-{id}"));
                            view! {
                                <label for=label_for class="check"><input type="checkbox" id=dom
                                    on:change=move |ev| chosen.update(|c| { if event_target_checked(&ev) { c.insert(id); } else { c.remove(&id); } }) />
                                    {format!("{} — {}", s.name, s.provider_name)}</label>
                            }
                        }).collect_view())}
                    </Suspense>
                </fieldset>
                <label for="invite-count">{t("invites.count")}</label>
                <input id="invite-count" inputmode="numeric" prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev)) />
                <ErrorMessage failure=failure />
                <button type="submit" class="button primary">{t("invites.make")}</button>
            </form>
            {move || (!cards.get().is_empty()).then(|| view! {
                <button type="button" class="button no-print" on:click=print>{t("invites.print")}</button>
            })}
            <ul class="queue">
                {move || cards.get().into_iter().map(|card| view! { <InviteCard card=card /> }).collect_view()}
            </ul>
        </main>
    }
}

#[component]
fn InviteCard(card: PrintableInvite) -> impl IntoView {
    let until = card.expires_at.format("%d %b %Y").to_string();
    view! {
        <li class="card invite-card">
            <p>{t("invites.card_title")}</p>
            <p class="lead"><strong>{card.code.clone()}</strong></p>
            <div class="qr" role="img" aria-label=t_with("invites.qr", &[("code", &card.code)]) inner_html=card.qr_svg></div>
            <p class="small">{t_with("invites.card_how", &[("address", &card.join_url)])}</p>
            <p class="small">{t_with("invites.card_services", &[("services", &card.services.join(", "))])}</p>
            <p class="small">{t_with("invites.card_until", &[("date", &until)])}</p>
        </li>
    }
}
