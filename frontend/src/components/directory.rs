//! The admin's directory a service at a time: each provider with its services; a service added,
//! changed (name, kind, the outcomes young people are asked about), retired or brought back; a
//! provider's name and URN corrected while no other council lists it.

use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{
    DirectoryProvider, DirectoryService, NewService, ProviderChoice, ProviderEdit, ServiceEdit,
    ServiceType,
};
use shared::Dimension;
use uuid::Uuid;

fn kind_words(kind: ServiceType) -> String {
    t(&format!("type.{}", kind.as_str()))
}

fn outcome_words(outcomes: &[Dimension]) -> String {
    outcomes
        .iter()
        .map(|d| t(&format!("dimension.{}", d.as_str())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A service's name, kind and outcomes, as typed; `prefix` keeps the fields' ids apart.
#[derive(Clone, Copy)]
struct Fields {
    name: RwSignal<String>,
    kind: RwSignal<ServiceType>,
    outcomes: RwSignal<Vec<Dimension>>,
}

impl Fields {
    fn new(name: String, kind: ServiceType, outcomes: Vec<Dimension>) -> Fields {
        Fields {
            name: RwSignal::new(name),
            kind: RwSignal::new(kind),
            outcomes: RwSignal::new(outcomes),
        }
    }

    fn edit(self) -> ServiceEdit {
        ServiceEdit {
            name: self.name.get_untracked(),
            service_type: self.kind.get_untracked(),
            outcomes: self.outcomes.get_untracked(),
        }
    }
}

#[component]
fn ServiceFields(prefix: String, fields: Fields) -> impl IntoView {
    let Fields {
        name,
        kind,
        outcomes,
    } = fields;
    let (name_id, kind_id) = (format!("{prefix}-name"), format!("{prefix}-kind"));
    view! {
        <label for=name_id.clone()>{t("directory.service_name")}</label>
        <input id=name_id autocomplete="off" prop:value=move || name.get()
            on:input=move |ev| name.set(event_target_value(&ev)) />
        <label for=kind_id.clone()>{t("directory.kind")}</label>
        <select id=kind_id on:change=move |ev| {
            if let Some(s) = ServiceType::parse(&event_target_value(&ev)) { kind.set(s) }
        }>
            {ServiceType::ALL.into_iter().map(|s| view! {
                <option value=s.as_str() selected=move || kind.get() == s>{kind_words(s)}</option>
            }).collect_view()}
        </select>
        <fieldset class="choice">
            <legend>{t("directory.outcomes")}</legend>
            {Dimension::ALL.into_iter().map(|d| {
                let id = format!("{prefix}-{}", d.as_str());
                let label_for = id.clone();
                view! {
                    <label for=label_for class="check"><input type="checkbox" id=id
                        prop:checked=move || outcomes.with(|o| o.contains(&d))
                        on:change=move |ev| outcomes.update(|o| {
                            o.retain(|x| *x != d);
                            if event_target_checked(&ev) { o.push(d) }
                        }) />
                        {t(&format!("dimension.{}", d.as_str()))}</label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// Adding a service, to a provider already listed or to a new one (name, and URN if it has one).
#[component]
fn AddService(
    providers: Vec<(Uuid, String)>,
    changed: RwSignal<u32>,
    added: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let provider = RwSignal::new(String::new());
    let (provider_name, urn) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let fields = Fields::new(
        String::new(),
        ServiceType::ChildrensHome,
        Dimension::ALL.to_vec(),
    );
    let failure = RwSignal::new(None::<Failure>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let choice = match provider.get_untracked().parse::<Uuid>() {
            Ok(id) => ProviderChoice::Listed(id),
            Err(_) => ProviderChoice::Named {
                name: provider_name.get_untracked(),
                urn: Some(urn.get_untracked()).filter(|u| !u.trim().is_empty()),
            },
        };
        let edit = fields.edit();
        let body = NewService {
            provider: choice,
            name: edit.name,
            service_type: edit.service_type,
            outcomes: edit.outcomes,
        };
        spawn_local(async move {
            match api::add_service(state, &body).await {
                Ok(service) => {
                    added.set(Some(service.name));
                    changed.update(|v| *v += 1);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let new_provider = move || provider.with(|p| p.parse::<Uuid>().is_err());
    view! {
        <form class="card" on:submit=on_submit novalidate aria-labelledby="add-service-heading">
            <h3 id="add-service-heading">{t("directory.add_title")}</h3>
            <label for="add-provider">{t("directory.provider")}</label>
            <select id="add-provider" on:change=move |ev| provider.set(event_target_value(&ev))>
                <option value="">{t("directory.new_provider")}</option>
                {providers.into_iter().map(|(id, name)| view! {
                    <option value=id.to_string()>{name}</option>
                }).collect_view()}
            </select>
            <Show when=new_provider>
                <label for="add-provider-name">{t("directory.provider_name")}</label>
                <input id="add-provider-name" autocomplete="off" prop:value=move || provider_name.get()
                    on:input=move |ev| provider_name.set(event_target_value(&ev)) />
                <label for="add-provider-urn">{t("directory.urn")}</label>
                <p class="hint" id="add-provider-urn-hint">{t("directory.urn_hint")}</p>
                <input id="add-provider-urn" autocomplete="off" aria-describedby="add-provider-urn-hint"
                    prop:value=move || urn.get() on:input=move |ev| urn.set(event_target_value(&ev)) />
            </Show>
            <ServiceFields prefix="add-service".to_owned() fields=fields />
            <ErrorMessage failure=failure />
            <button type="submit" class="button primary">{t("directory.add")}</button>
        </form>
    }
}

/// One service: what it asks about, changed in place; retired or brought back.
#[component]
fn ServiceItem(service: DirectoryService, changed: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let id = service.id;
    let editing = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);
    let fields = Fields::new(
        service.name.clone(),
        service.service_type,
        service.outcomes.clone(),
    );
    let finish = move |result: Result<(), Failure>| match result {
        Ok(()) => changed.update(|v| *v += 1),
        Err(f) => failure.set(Some(f)),
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = fields.edit();
        spawn_local(async move { finish(api::edit_service(state, id, &body).await.map(|_| ())) });
    };
    let retired = service.retired;
    let toggle = move |_| {
        spawn_local(async move {
            finish(if retired {
                api::restore_service(state, id).await
            } else {
                api::retire_service(state, id).await
            })
        })
    };
    let name = service.name.clone();
    let details = format!(
        "{} · {}{}",
        kind_words(service.service_type),
        outcome_words(&service.outcomes),
        if retired {
            format!(" · {}", t("directory.retired"))
        } else {
            String::new()
        }
    );
    let (change, retire) = (
        t("directory.change"),
        t(if retired {
            "directory.restore"
        } else {
            "directory.retire"
        }),
    );
    view! {
        <li class="card">
            <p><strong>{name.clone()}</strong></p>
            <p class="small">{details}</p>
            <Show when=move || editing.get() fallback={
                let (change, name) = (change.clone(), name.clone());
                move || view! {
                    <button type="button" class="button" aria-label=format!("{change}: {name}")
                        on:click=move |_| editing.set(true)>{change.clone()}</button>
                }
            }>
                <form on:submit=save novalidate>
                    <ServiceFields prefix=format!("service-{id}") fields=fields />
                    <button type="submit" class="button primary">{t("directory.save")}</button>
                </form>
            </Show>
            <button type="button" class="button" aria-label=format!("{retire}: {name}")
                on:click=toggle>{retire.clone()}</button>
            <ErrorMessage failure=failure />
        </li>
    }
}

/// A provider, its name and URN corrected in place while only this council lists it.
#[component]
fn ProviderCard(provider: DirectoryProvider, changed: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let id = provider.id;
    let correcting = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);
    let name = RwSignal::new(provider.name.clone());
    let urn = RwSignal::new(provider.urn.clone().unwrap_or_default());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = ProviderEdit {
            name: name.get_untracked(),
            urn: Some(urn.get_untracked()).filter(|u| !u.trim().is_empty()),
        };
        spawn_local(async move {
            match api::edit_provider(state, id, &body).await {
                Ok(()) => changed.update(|v| *v += 1),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let heading = match &provider.urn {
        Some(urn) => format!("{} ({urn})", provider.name),
        None => provider.name.clone(),
    };
    let correct = t_with("directory.correct", &[("name", &provider.name)]);
    let (name_id, urn_id) = (format!("provider-{id}-name"), format!("provider-{id}-urn"));
    view! {
        <li>
            <h3>{heading}</h3>
            {provider.editable.then(|| view! {
                <Show when=move || correcting.get() fallback={
                    let correct = correct.clone();
                    move || view! {
                        <button type="button" class="button" on:click=move |_| correcting.set(true)>{correct.clone()}</button>
                    }
                }>
                    <form class="card" on:submit=save novalidate>
                        <label for=name_id.clone()>{t("directory.provider_name")}</label>
                        <input id=name_id.clone() autocomplete="off" prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev)) />
                        <label for=urn_id.clone()>{t("directory.urn")}</label>
                        <input id=urn_id.clone() autocomplete="off" prop:value=move || urn.get()
                            on:input=move |ev| urn.set(event_target_value(&ev)) />
                        <button type="submit" class="button primary">{t("directory.save")}</button>
                    </form>
                </Show>
            })}
            <ErrorMessage failure=failure />
            <ul class="queue">
                {provider.services.into_iter().map(|service| view! {
                    <ServiceItem service=service changed=changed />
                }).collect_view()}
            </ul>
        </li>
    }
}

/// The organisation's providers and services, kept one at a time.
#[component]
pub fn DirectoryList() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let changed = RwSignal::new(0u32);
    let added = RwSignal::new(None::<String>);
    let directory = LocalResource::new(move || {
        changed.track();
        api::directory(state)
    });
    view! {
        <section aria-labelledby="services-heading">
            <h2 id="services-heading">{t("directory.list_title")}</h2>
            {move || added.get().map(|name| view! {
                <p role="status">{t_with("directory.added", &[("name", &name)])}</p>
            })}
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || directory.get().map(|found| {
                    let providers = found.map(|d| d.providers).unwrap_or_default();
                    let choices = providers.iter().map(|p| (p.id, p.name.clone())).collect();
                    view! {
                        <AddService providers=choices changed=changed added=added />
                        <ul class="queue">
                            {providers.into_iter().map(|provider| view! {
                                <ProviderCard provider=provider changed=changed />
                            }).collect_view()}
                        </ul>
                    }
                })}
            </Suspense>
        </section>
    }
}
