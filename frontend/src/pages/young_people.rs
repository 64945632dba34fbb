//! Young people, for participation officers: helping one answer with the officer beside them
//! (an assisted session, on this device), their services as placements change, and data
//! requests: download a young person's data on their behalf, or erase them (identity and words
//! go; anonymous answers stay in the scores).

use crate::api::{self, Failure};
use crate::assisted::{self, Choices, HandOver};
use crate::components::error_message::ErrorMessage;
use crate::components::placements::Placements;
use crate::components::staff_bar::StaffBar;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{PinResetCode, YoungPersonSummary};
use uuid::Uuid;

#[component]
pub fn YoungPeople() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let version = RwSignal::new(0u32);
    let people = LocalResource::new(move || {
        version.track();
        api::young_people(state)
    });
    let page = Page {
        failure: RwSignal::new(None),
        confirm: RwSignal::new(None),
        unlocked: RwSignal::new(None),
        reset: RwSignal::new(None),
        version,
    };
    view! {
        <StaffBar />
        <main class="page staff">
            <h1>{t("people.title")}</h1>
            <p>{t("people.intro")}</p>
            <ErrorMessage failure=page.failure />
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || people.get().map(|result| match result {
                    Ok(list) => view! {
                        <div class="table-wrap"><table>
                            <thead><tr><th scope="col">{t("people.name")}</th><th scope="col">{t("people.sign_in_name")}</th><th scope="col">{t("tender.action")}</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|p| view! { <Person person=p page=page /> }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any(),
                    Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

/// The page's state every row shares: one refusal, one erasure being confirmed, one unlock
/// just done, and the list's version (bumped to reload it).
#[derive(Clone, Copy)]
struct Page {
    failure: RwSignal<Option<Failure>>,
    confirm: RwSignal<Option<Uuid>>,
    unlocked: RwSignal<Option<Uuid>>,
    /// The PIN reset code just made, for whom: shown once.
    reset: RwSignal<Option<(Uuid, PinResetCode)>>,
    version: RwSignal<u32>,
}

/// One young person: download their data, unlock their sign-in, or erase them (asked twice).
#[component]
fn Person(person: YoungPersonSummary, page: Page) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let Page {
        failure,
        confirm,
        unlocked,
        reset,
        version,
    } = page;
    let id = person.id;
    let name = person.display_name.clone();
    let download = move |_| {
        spawn_local(async move {
            match api::young_person_data(state, id).await {
                Ok(text) => crate::download::text_file("chorus-data.txt", &text),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let unlock = move |_| {
        spawn_local(async move {
            match api::unlock_young_person(state, id).await {
                Ok(()) => unlocked.set(Some(id)),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let reset_pin = move |_| {
        spawn_local(async move {
            match api::issue_pin_reset(state, id).await {
                Ok(code) => reset.set(Some((id, code))),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let erase = move |_| {
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
    let choices = RwSignal::new(Choices::Five);
    let assist = move |_| {
        spawn_local(async move {
            match api::open_assisted_session(state, id).await {
                Ok(session) => {
                    let hand = HandOver {
                        child: id,
                        session,
                        choices: choices.get_untracked(),
                        left_at: js_sys::Date::now(),
                    };
                    if !assisted::hand_over(&hand) {
                        failure.set(Some(Failure::Network));
                    }
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let active = person.active;
    let switch = move |_| {
        spawn_local(async move {
            let done = if active {
                api::deactivate_young_person(state, id).await
            } else {
                api::reactivate_young_person(state, id).await
            };
            match done {
                Ok(()) => version.update(|v| *v += 1),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let erase_buttons = move || {
        let name = name.clone();
        if confirm.get() == Some(id) {
            view! {
                <p class="warning">{t_with("people.erase_confirm", &[("name", &name)])}</p>
                <button type="button" class="button danger" on:click=erase>{t("people.erase_yes")}</button>
                <button type="button" class="button" on:click=move |_| confirm.set(None)>{t("people.erase_no")}</button>
            }.into_any()
        } else {
            view! { <button type="button" class="button danger" on:click=move |_| confirm.set(Some(id))>{t_with("people.erase", &[("name", &name)])}</button> }.into_any()
        }
    };
    let name = person.display_name.clone();
    view! {
        <tr>
            <td>{person.display_name.clone()}</td>
            <td>{person.sign_in_name.clone().unwrap_or_else(|| "–".into())}</td>
            <td>
                {(!person.erased && active).then(|| view! {
                    <div class="assist">
                        <label>{t("people.assist_faces")}
                            <select on:change=move |ev| choices.set(if event_target_value(&ev) == "3" { Choices::Three } else { Choices::Five })>
                                <option value="5" selected>{t("people.assist_five")}</option>
                                <option value="3">{t("people.assist_three")}</option>
                            </select>
                        </label>
                        <button type="button" class="button primary" on:click=assist>{t_with("people.assist", &[("name", &name)])}</button>
                    </div>
                })}
                <button type="button" class="button" on:click=download>{t_with("people.download", &[("name", &name)])}</button>
                {(!person.erased).then(|| view! {
                    <button type="button" class="button" on:click=unlock>{t_with("people.unlock", &[("name", &name)])}</button>
                    {move || (unlocked.get() == Some(id)).then(|| view! { <p role="status">{t("people.unlocked")}</p> })}
                    <button type="button" class="button" on:click=reset_pin>{t_with("people.reset_pin", &[("name", &name)])}</button>
                    {move || reset.get().filter(|(who, _)| *who == id).map(|(_, code)| view! {
                        <div class="card" role="status">
                            <p>{t("people.reset_code")}</p>
                            <p class="big-name">{code.code.clone()}</p>
                            <p>{t_with("people.reset_code_details", &[
                                ("sign_in_name", &code.sign_in_name),
                                ("until", &code.expires_at.format("%-d %B %Y, %H:%M UTC").to_string()),
                            ])}</p>
                        </div>
                    })}
                })}
                {(!person.erased).then_some(erase_buttons)}
                {(!person.erased).then(|| view! {
                    <button type="button" class="button" on:click=switch>
                        {t_with(if active { "people.switch_off" } else { "people.switch_on" }, &[("name", &name)])}
                    </button>
                    <Placements id=id name=name.clone() age_band=person.age_band />
                })}
            </td>
        </tr>
    }
}
