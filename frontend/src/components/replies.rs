//! Providers' replies in the staff app: the list on a service's page (with where each stands),
//! the provider's form to write one, and the officers' queue to approve or reject them.

use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{ModerationStatus, NewProviderReply, ProviderReply, WeDid};
use shared::Dimension;
use uuid::Uuid;

/// What a reply answers, in words.
fn about(reply: &ProviderReply) -> String {
    let mut parts = Vec::new();
    if reply.response_id.is_some() {
        parts.push(t("replies.to_we_did"));
    }
    if let Some(d) = reply.dimension {
        parts.push(t(&format!("dimension.{}", d.as_str())));
    }
    if let Some(q) = &reply.quarter {
        parts.push(q.clone());
    }
    if parts.is_empty() {
        parts.push(t("replies.whole_service"));
    }
    parts.join(" · ")
}

fn status_words(status: ModerationStatus) -> String {
    t(&format!("replies.status.{}", status.as_str()))
}

/// The provider's replies about a service, newest first (a reply just sent at the top).
#[component]
pub fn Replies(replies: RwSignal<Vec<ProviderReply>>) -> impl IntoView {
    view! {
        <h2 id="replies-heading">{t("replies.title")}</h2>
        {move || replies.with(Vec::is_empty).then(|| view! { <p>{t("replies.none")}</p> })}
        <ul aria-labelledby="replies-heading">
            {move || replies.get().into_iter().map(|r| view! {
                <li class="card">
                    <p class="small">{format!("{} · {}", about(&r), status_words(r.status))}</p>
                    <p class="quote">{r.body}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// A provider answers a theme of one of its services, or one of its "we did" answers.
#[component]
pub fn ReplyForm(
    service_id: Uuid,
    responses: Vec<WeDid>,
    /// The page's list, which a sent reply joins.
    replies: RwSignal<Vec<ProviderReply>>,
) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let response = RwSignal::new(None::<Uuid>);
    let dimension = RwSignal::new(None::<Dimension>);
    let quarter = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = quarter.get_untracked();
        let request = NewProviderReply {
            service_id,
            response_id: response.get_untracked(),
            dimension: dimension.get_untracked(),
            quarter: (!q.trim().is_empty()).then(|| q.trim().to_owned()),
            body: body.get_untracked(),
        };
        spawn_local(async move {
            match api::reply(state, request).await {
                Ok(reply) => {
                    failure.set(None);
                    sent.set(true);
                    body.set(String::new());
                    replies.update(|list| list.insert(0, reply));
                }
                Err(f) => {
                    sent.set(false);
                    failure.set(Some(f));
                }
            }
        });
    };
    view! {
        <form class="card" on:submit=send aria-labelledby="reply-heading">
            <h2 id="reply-heading">{t("replies.write")}</h2>
            <p class="small">{t("replies.explain")}</p>
            <label for="reply-we-did">{t("replies.answer")}</label>
            <select id="reply-we-did" on:change=move |ev| response.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                <option value="">{t("replies.a_theme")}</option>
                {responses.into_iter().map(|r| view! { <option value=r.id.to_string()>{r.body}</option> }).collect_view()}
            </select>
            <Show when=move || response.get().is_none()>
                <label for="reply-outcome">{t("theme.outcome")}</label>
                <select id="reply-outcome" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    dimension.set(Dimension::ALL.into_iter().find(|d| d.as_str() == v));
                }>
                    <option value="">{t("theme.all_outcomes")}</option>
                    {Dimension::ALL.into_iter().map(|d| view! { <option value=d.as_str()>{t(&format!("dimension.{}", d.as_str()))}</option> }).collect_view()}
                </select>
                <label for="reply-quarter">{t("theme.quarter")}</label>
                <input id="reply-quarter" placeholder="2026-Q4" prop:value=move || quarter.get() on:input=move |ev| quarter.set(event_target_value(&ev)) />
            </Show>
            <label for="reply-body">{t("replies.body")}</label>
            <textarea id="reply-body" rows="3" required prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            <ErrorMessage failure=failure />
            {move || sent.get().then(|| view! { <p role="status">{t("replies.sent")}</p> })}
            <button type="submit" class="button primary">{t("replies.send")}</button>
        </form>
    }
}

/// Providers' replies waiting for an officer: approve (it goes to the young people who spoke)
/// or keep it from them.
#[component]
pub fn ReplyQueue() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let version = RwSignal::new(0u32);
    let waiting = LocalResource::new(move || {
        version.track();
        api::pending_replies(state)
    });
    let outcome = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<Failure>);
    let decide = move |id: Uuid, approve: bool| {
        spawn_local(async move {
            let done = if approve {
                api::approve_reply(state, id).await.map(|a| {
                    t_with(
                        "replies.approved",
                        &[("n", &a.reaches_young_people.to_string())],
                    )
                })
            } else {
                api::reject_reply(state, id)
                    .await
                    .map(|()| t("replies.rejected"))
            };
            match done {
                Ok(words) => {
                    failure.set(None);
                    outcome.set(Some(words));
                    version.update(|v| *v += 1);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <section aria-labelledby="reply-queue-heading">
            <h2 id="reply-queue-heading">{t("replies.queue")}</h2>
            <ErrorMessage failure=failure />
            {move || outcome.get().map(|words| view! { <p role="status">{words}</p> })}
            <Suspense fallback=|| ()>
                {move || waiting.get().map(|r| {
                    let replies = r.unwrap_or_default();
                    if replies.is_empty() {
                        return view! { <p>{t("replies.queue_empty")}</p> }.into_any();
                    }
                    view! {
                        <ul class="queue">
                            {replies.into_iter().map(|r| {
                                let (id, who) = (r.id, format!("{} ({})", r.service_name, r.provider_name));
                                view! {
                                    <li class="card">
                                        <h3 class="card-title">{who.clone()}</h3>
                                        <p class="small">{about(&r)}</p>
                                        <p class="quote">{r.body.clone()}</p>
                                        <button type="button" class="button primary" aria-label=t_with("replies.approve_for", &[("who", &who)]) on:click=move |_| decide(id, true)>{t("replies.approve")}</button>
                                        <button type="button" class="button" aria-label=t_with("replies.reject_for", &[("who", &who)]) on:click=move |_| decide(id, false)>{t("replies.reject")}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}
