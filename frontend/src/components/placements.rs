use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{AgeBandChange, LinkService, ServiceLink};
use shared::AgeBand;
use uuid::Uuid;

/// A young person's services as placements change: the current ones (since when) with a button
/// to end each, the ended ones (since and until), and a new one to link. Shown when asked for.
#[component]
pub fn Placements(id: Uuid, name: String, age_band: Option<AgeBand>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let open = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);
    let version = RwSignal::new(0u32);
    let links = LocalResource::new(move || {
        version.track();
        let wanted = open.get();
        async move {
            if wanted {
                api::young_person_services(state, id).await
            } else {
                Ok(Vec::new())
            }
        }
    });
    let services = LocalResource::new(move || api::services(state));
    let chosen = RwSignal::new(None::<Uuid>);
    let done = move |result: Result<(), Failure>| match result {
        Ok(()) => {
            failure.set(None);
            version.update(|v| *v += 1);
        }
        Err(f) => failure.set(Some(f)),
    };
    let link = move |_| {
        let Some(service_id) = chosen.get_untracked() else {
            return;
        };
        spawn_local(
            async move { done(api::link_service(state, id, LinkService { service_id }).await) },
        );
    };
    let label = t_with("placements.show", &[("name", &name)]);
    view! {
        <button type="button" class="button" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>{label}</button>
        {move || open.get().then(|| view! {
            <div class="card">
                <ErrorMessage failure=failure />
                <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                    {move || links.get().map(|list| view! {
                        <ul class="steps">
                            {list.unwrap_or_default().into_iter().map(|l| view! { <Link link=l person=id on_done=Callback::new(done) /> }).collect_view()}
                        </ul>
                    })}
                </Suspense>
                <label for=format!("link-{id}")>{t("placements.new")}</label>
                <select id=format!("link-{id}") on:change=move |ev| chosen.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                    <option value="">{t("placements.choose")}</option>
                    {move || services.get().map(|s| s.unwrap_or_default().into_iter().map(|s| view! {
                        <option value=s.id.to_string()>{format!("{} — {}", s.name, s.provider_name)}</option>
                    }).collect_view())}
                </select>
                <button type="button" class="button" on:click=link>{t("placements.link")}</button>
                <AgeBandPicker id=id current=age_band failure=failure />
            </div>
        })}
    }
}

#[component]
fn Link(link: ServiceLink, person: Uuid, on_done: Callback<Result<(), Failure>>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let day = |at: chrono::DateTime<chrono::Utc>| at.format("%d %b %Y").to_string();
    let when = match link.until {
        Some(until) => t_with(
            "placements.ended",
            &[("since", &day(link.since)), ("until", &day(until))],
        ),
        None => t_with("placements.since", &[("since", &day(link.since))]),
    };
    let service = link.service_id;
    let end = move |_| {
        spawn_local(async move { on_done.run(api::unlink_service(state, person, service).await) })
    };
    let name = link.service_name.clone();
    view! {
        <li>
            <strong>{format!("{} — {}", link.service_name, link.provider_name)}</strong>
            <span class="small">{format!(" · {when}")}</span>
            {link.until.is_none().then(|| view! {
                <button type="button" class="button" on:click=end>{t_with("placements.end", &[("service", &name)])}</button>
            })}
        </li>
    }
}

/// Moves the young person to another age band (their questions and wording follow).
#[component]
fn AgeBandPicker(
    id: Uuid,
    current: Option<AgeBand>,
    failure: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let band = RwSignal::new(current.unwrap_or(AgeBand::Age12To15));
    let moved = RwSignal::new(false);
    let save = move |_| {
        let body = AgeBandChange {
            age_band: band.get_untracked(),
        };
        spawn_local(async move {
            match api::set_age_band(state, id, body).await {
                Ok(()) => moved.set(true),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <label for=format!("band-{id}")>{t("placements.age_band")}</label>
        <select id=format!("band-{id}") on:change=move |ev| {
            if let Some(b) = AgeBand::ALL.into_iter().find(|b| b.as_str() == event_target_value(&ev)) { band.set(b) }
        }>
            {AgeBand::ALL.into_iter().map(|b| view! { <option value=b.as_str() selected=Some(b) == current>{b.as_str()}</option> }).collect_view()}
        </select>
        <button type="button" class="button" on:click=save>{t("placements.age_band_save")}</button>
        {move || moved.get().then(|| view! { <p role="status">{t("admin.saved")}</p> })}
    }
}
