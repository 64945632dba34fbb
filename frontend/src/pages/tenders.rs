//! Tenders for staff: the list, and (commissioners) a new tender with its questions.

use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::components::staff_bar::StaffBar;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use crate::state::tender_form::{QuestionForm, TenderForm};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::api::ServiceType;
use shared::tender::{ScoredBy, TenderStatus};
use shared::Role;

pub fn status_key(status: TenderStatus) -> &'static str {
    match status {
        TenderStatus::Draft => "tenders.status.draft",
        TenderStatus::Open => "tenders.status.open",
        TenderStatus::Closed => "tenders.status.closed",
    }
}

#[component]
pub fn Tenders() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let list = LocalResource::new(move || api::tenders(state));
    let commissioner = move || state.me().is_some_and(|m| m.role == Role::Commissioner);
    view! {
        <StaffBar />
        <main class="page staff">
            <h1>{t("tenders.title")}</h1>
            <button type="button" class="button" on:click=move |_| {
                leptos::task::spawn_local(async move {
                    if let Ok(csv) = api::tenders_csv(state).await {
                        crate::download::csv_file("chorus-tenders.csv", &csv);
                    }
                })
            }>{t("tenders.export")}</button>
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || list.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p>{t("tenders.none")}</p> }.into_any(),
                    Ok(list) => view! {
                        <table>
                            <thead><tr>
                                <th scope="col">{t("tenders.tender")}</th><th scope="col">{t("tenders.state")}</th>
                                <th scope="col">{t("tenders.bids")}</th><th scope="col">{t("tenders.members")}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|s| view! {
                                    <tr>
                                        <td><A href=format!("/staff/tenders/{}", s.id)>{s.title}</A></td>
                                        <td>{t(status_key(s.status))}</td>
                                        <td>{s.bids}</td>
                                        <td>{s.members}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                })}
            </Suspense>
            <Show when=commissioner>
                <NewTender />
            </Show>
        </main>
    }
}

fn service_type_key(s: ServiceType) -> String {
    format!("type.{}", s.as_str())
}

fn scored_by_key(s: ScoredBy) -> String {
    format!("tenders.scored_by.{}", s.as_str())
}

#[component]
fn NewTender() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let navigate = use_navigate();
    let form = RwSignal::new(TenderForm::default());
    let failure = RwSignal::new(None::<Failure>);
    let field = move |label: &'static str,
                      id: &'static str,
                      get: fn(&TenderForm) -> String,
                      put: fn(&mut TenderForm, String)| {
        view! {
            <label for=id>{t(label)}</label>
            <input id=id prop:value=move || form.with(get) on:input=move |ev| form.update(|f| put(f, event_target_value(&ev))) />
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let request = match form.get_untracked().to_request() {
            Ok(r) => r,
            Err(invalid) => return failure.set(Some(invalid.into())),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::create_tender(state, &request).await {
                Ok(created) => navigate(
                    &format!("/staff/tenders/{}", created.tender.id),
                    Default::default(),
                ),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let questions = move || {
        (0..form.with(|f| f.questions.len()))
            .map(|i| view! { <QuestionFields form=form index=i /> })
            .collect_view()
    };
    view! {
        <h2>{t("tenders.new")}</h2>
        <form on:submit=submit class="tender-form">
            {field("tenders.field.title", "tender-title", |f| f.title.clone(), |f, v| f.title = v)}
            <label for="tender-summary">{t("tenders.field.summary")}</label>
            <textarea id="tender-summary" rows="3" prop:value=move || form.with(|f| f.summary.clone())
                on:input=move |ev| form.update(|f| f.summary = event_target_value(&ev))></textarea>
            <label for="tender-type">{t("tenders.field.service_type")}</label>
            <select id="tender-type" on:change=move |ev| {
                if let Some(s) = ServiceType::parse(&event_target_value(&ev)) { form.update(|f| f.service_type = s) }
            }>
                {ServiceType::ALL.into_iter().map(|s| view! {
                    <option value=s.as_str() selected=move || form.with(|f| f.service_type == s)>{t(&service_type_key(s))}</option>
                }).collect_view()}
            </select>
            {field("tenders.field.quality", "tender-quality", |f| f.quality_weight.clone(), |f, v| f.quality_weight = v)}
            <p>{move || t_with("tenders.price_share", &[("price", &form.with(|f| f.price_weight()).map(|p| p.to_string()).unwrap_or_else(|| "?".into()))])}</p>
            {field("tenders.field.hours", "tender-hours", |f| f.hours.clone(), |f, v| f.hours = v)}
            <label for="tender-opens">{t("tenders.field.opens")}</label>
            <input id="tender-opens" type="date" on:input=move |ev| form.update(|f| f.opens = event_target_value(&ev)) />
            <label for="tender-closes">{t("tenders.field.closes")}</label>
            <input id="tender-closes" type="date" on:input=move |ev| form.update(|f| f.closes = event_target_value(&ev)) />
            <h3>{t("tenders.questions")}</h3>
            {questions}
            <button type="button" class="button" on:click=move |_| form.update(|f| f.questions.push(QuestionForm::default()))>
                {t("tenders.add_question")}
            </button>
            <ErrorMessage failure=failure />
            <button type="submit" class="button primary">{t("tenders.create")}</button>
        </form>
    }
}

#[component]
fn QuestionFields(form: RwSignal<TenderForm>, index: usize) -> impl IntoView {
    let n = (index + 1).to_string();
    let id = move |name: &str| format!("q{index}-{name}");
    let get = move |read: fn(&QuestionForm) -> String| {
        move || form.with(|f| f.questions.get(index).map(read).unwrap_or_default())
    };
    let put = move |write: fn(&mut QuestionForm, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            form.update(|f| {
                if let Some(q) = f.questions.get_mut(index) {
                    write(q, value)
                }
            });
        }
    };
    view! {
        <fieldset class="question-fields">
            <legend>{t_with("tenders.question_n", &[("n", &n)])}</legend>
            <label for=id("text")>{t("tenders.field.question")}</label>
            <textarea id=id("text") rows="2" prop:value=get(|q| q.text.clone()) on:input=put(|q, v| q.text = v)></textarea>
            <label for=id("plain")>{t("tenders.field.plain")}</label>
            <input id=id("plain") prop:value=get(|q| q.plain_text.clone()) on:input=put(|q, v| q.plain_text = v) />
            <label for=id("weight")>{t("tenders.field.weight")}</label>
            <input id=id("weight") inputmode="numeric" prop:value=get(|q| q.weight.clone()) on:input=put(|q, v| q.weight = v) />
            <label for=id("by")>{t("tenders.field.scored_by")}</label>
            <select id=id("by") on:change=move |ev| {
                if let Some(s) = ScoredBy::parse(&event_target_value(&ev)) {
                    form.update(|f| if let Some(q) = f.questions.get_mut(index) { q.scored_by = s });
                }
            }>
                {ScoredBy::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{t(&scored_by_key(s))}</option> }).collect_view()}
            </select>
            <details>
                <summary>{t("tenders.rubric")}</summary>
                {(0..shared::tender::RUBRIC_LEN).map(|score| {
                    let input_id = format!("q{index}-rubric-{score}");
                    view! {
                        <label for=input_id.clone()>{t_with("tenders.rubric_n", &[("n", &score.to_string())])}</label>
                        <input id=input_id.clone()
                            prop:value=move || form.with(|f| f.questions.get(index).and_then(|q| q.rubric.get(score).cloned()).unwrap_or_default())
                            on:input=move |ev| {
                                let value = event_target_value(&ev);
                                form.update(|f| if let Some(d) = f.questions.get_mut(index).and_then(|q| q.rubric.get_mut(score)) { *d = value });
                            } />
                    }
                }).collect_view()}
            </details>
        </fieldset>
    }
}
