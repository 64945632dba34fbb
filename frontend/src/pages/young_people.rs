//! Data requests, for participation officers: download a young person's data on their behalf,
//! or erase them (identity and words go; anonymous answers stay in the scores).

use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::components::staff_bar::StaffBar;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

#[component]
pub fn YoungPeople() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let version = RwSignal::new(0u32);
    let people = LocalResource::new(move || {
        version.track();
        api::young_people(state)
    });
    let failure = RwSignal::new(None::<Failure>);
    let confirm = RwSignal::new(None::<Uuid>);
    let download = move |id: Uuid| {
        spawn_local(async move {
            match api::young_person_data(state, id).await {
                Ok(text) => crate::download::text_file("chorus-data.txt", &text),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let unlocked = RwSignal::new(None::<Uuid>);
    let unlock = move |id: Uuid| {
        spawn_local(async move {
            match api::unlock_young_person(state, id).await {
                Ok(()) => unlocked.set(Some(id)),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let erase = move |id: Uuid| {
        spawn_local(async move {
            match api::erase_young_person(state, id).await {
                Ok(()) => {
                    confirm.set(None);
                    version.update(|v| *v += 1);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <StaffBar />
        <main class="page staff">
            <h1>{t("people.title")}</h1>
            <p>{t("people.intro")}</p>
            <ErrorMessage failure=failure />
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || people.get().map(|result| match result {
                    Ok(list) => view! {
                        <table>
                            <thead><tr><th scope="col">{t("people.name")}</th><th scope="col">{t("people.sign_in_name")}</th><th scope="col">{t("tender.action")}</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|p| {
                                    let id = p.id;
                                    let name = p.display_name.clone();
                                    view! {
                                        <tr>
                                            <td>{p.display_name.clone()}</td>
                                            <td>{p.sign_in_name.clone().unwrap_or_else(|| "–".into())}</td>
                                            <td>
                                                <button type="button" class="button" on:click=move |_| download(id)>{t_with("people.download", &[("name", &name)])}</button>
                                                {(!p.erased).then(|| {
                                                    let name = p.display_name.clone();
                                                    view! {
                                                        <button type="button" class="button" on:click=move |_| unlock(id)>{t_with("people.unlock", &[("name", &name)])}</button>
                                                        {move || (unlocked.get() == Some(id)).then(|| view! { <p role="status">{t("people.unlocked")}</p> })}
                                                    }
                                                })}
                                                {(!p.erased).then(|| {
                                                    let name = p.display_name.clone();
                                                    view! {
                                                        {move || if confirm.get() == Some(id) {
                                                            view! {
                                                                <p class="warning">{t_with("people.erase_confirm", &[("name", &name)])}</p>
                                                                <button type="button" class="button danger" on:click=move |_| erase(id)>{t("people.erase_yes")}</button>
                                                                <button type="button" class="button" on:click=move |_| confirm.set(None)>{t("people.erase_no")}</button>
                                                            }.into_any()
                                                        } else {
                                                            let name = name.clone();
                                                            view! { <button type="button" class="button danger" on:click=move |_| confirm.set(Some(id))>{t_with("people.erase", &[("name", &name)])}</button> }.into_any()
                                                        }}
                                                    }
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}
