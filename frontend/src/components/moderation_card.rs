use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::i18n::{t, t_with};
use crate::state::redaction_preview::{mark_all, preview};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{
    ApproveFeedback, ModerationItem, NewResponse, Redactions, RejectFeedback, RejectionReason,
    TextSpan,
};
use uuid::Uuid;

fn answers_in_words(item: &ModerationItem) -> String {
    item.answers
        .answered()
        .map(|(d, f)| {
            format!(
                "{}: {}",
                t(&format!("feedback.q.{}", d.as_str())),
                t(&format!("feedback.face.{}", f.value()))
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// One pending item: what was said, with identifying details highlighted, and the decisions.
#[component]
pub fn ModerationCard(
    /// The item to moderate.
    item: ModerationItem,
    /// Called after a decision, to reload the queue.
    on_done: Callback<()>,
) -> impl IntoView {
    let failure = RwSignal::new(None::<Failure>);
    let marked = RwSignal::new(String::new());
    let id = item.id;
    let detected = item.highlights.clone();
    let (tell, better) = (
        item.tell_us_more.clone().unwrap_or_default(),
        item.make_better.clone().unwrap_or_default(),
    );
    // Detected details plus every place of the words the officer typed (e.g. a person's name).
    let spans = Memo::new(move |_| {
        let mut r = detected.clone();
        for words in marked.get().split(',') {
            r.tell_us_more.extend(mark_all(&tell, words));
            r.make_better.extend(mark_all(&better, words));
        }
        r
    });
    let answers = answers_in_words(&item);
    let text_block =
        move |label: &'static str, text: Option<String>, pick: fn(&Redactions) -> Vec<TextSpan>| {
            text.map(|text| {
                let original = text.clone();
                let published = move || preview(&original, &pick(&spans.get()));
                view! {
                    <p class="quote"><strong>{t(label)}": "</strong>{text}</p>
                    <p class="small"><strong>{t("officer.will_publish")}": "</strong>{published}</p>
                }
            })
        };
    view! {
        <li class="card" class:alert=item.safeguarding>
            <h2 class="card-title">{format!("{} — {}", item.service_name, item.provider_name)}</h2>
            <p class="small">{item.received_at.to_rfc3339().chars().take(16).collect::<String>().replace('T', " ")}
                " · "{item.author_display_name.clone().unwrap_or_else(|| t("officer.anonymous"))}
                {item.assisted_by.clone().map(|name| format!(" · {}", t_with("officer.assisted", &[("name", &name)])))}</p>
            {item.safeguarding.then(|| view! { <p class="flag">{t("officer.safeguarding")}</p> })}
            {item.wants_talk.then(|| view! { <p class="flag">{t("officer.wants_talk")}</p> })}
            <p>{answers}</p>
            {text_block("officer.tell_us_more", item.tell_us_more.clone(), |r| r.tell_us_more.clone())}
            {text_block("officer.make_better", item.make_better.clone(), |r| r.make_better.clone())}
            <label for=dom("mark", id)>{t("officer.mark")}</label>
            <input id=dom("mark", id) on:input=move |ev| marked.set(event_target_value(&ev)) />
            <ErrorMessage failure=failure />
            <Decisions id=id spans=spans failure=failure on_done=on_done />
        </li>
    }
}

/// An element id unique to this item's card.
fn dom(name: &str, id: Uuid) -> String {
    format!("{name}-{id}")
}

/// Publish (with the highlighted details taken out), reject with a reason, escalate, or answer.
#[component]
fn Decisions(
    id: Uuid,
    spans: Memo<Redactions>,
    failure: RwSignal<Option<Failure>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let reason = RwSignal::new(RejectionReason::Identifying);
    let note = RwSignal::new(String::new());
    let run = move |action: &'static str| {
        let highlights = spans.get_untracked();
        spawn_local(async move {
            let result = match action {
                "approve" => {
                    let body = ApproveFeedback {
                        redactions: highlights,
                    };
                    api::approve(state, id, body).await
                }
                "reject" => {
                    let text = note.get_untracked();
                    let body = RejectFeedback {
                        reason: reason.get_untracked(),
                        note: (!text.trim().is_empty()).then_some(text),
                    };
                    api::reject(state, id, body).await
                }
                _ => api::escalate(state, id).await,
            };
            match result {
                Ok(()) => on_done.run(()),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <div class="actions">
            <button type="button" class="button primary" on:click=move |_| run("approve")>{t("officer.approve")}</button>
            <label for=dom("reason", id)>{t("officer.reason")}</label>
            <select id=dom("reason", id) on:change=move |ev| {
                if let Some(r) = RejectionReason::parse(&event_target_value(&ev)) { reason.set(r) }
            }>
                {RejectionReason::ALL.into_iter().map(|r| view! {
                    <option value=r.as_str()>{t(&format!("officer.reason.{}", r.as_str()))}</option>
                }).collect_view()}
            </select>
            <label for=dom("note", id)>{t("officer.note")}</label>
            <textarea id=dom("note", id) rows="2" on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            <button type="button" class="button" on:click=move |_| run("reject")>{t("officer.reject")}</button>
            <button type="button" class="button danger" on:click=move |_| run("escalate")>{t("officer.escalate")}</button>
            <Reply id=id failure=failure />
        </div>
    }
}

/// "You said, we did" straight back to the young person who wrote this.
#[component]
fn Reply(id: Uuid, failure: RwSignal<Option<Failure>>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let reply = RwSignal::new(String::new());
    let replied = RwSignal::new(false);
    let send_reply = move |_| {
        let body = NewResponse {
            feedback_id: Some(id),
            service_id: None,
            dimension: None,
            quarter: None,
            body: reply.get_untracked(),
        };
        spawn_local(async move {
            match api::respond(state, body).await {
                Ok(_) => replied.set(true),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <label for=dom("reply", id)>{t("officer.we_did")}</label>
        <textarea id=dom("reply", id) rows="2" on:input=move |ev| reply.set(event_target_value(&ev))></textarea>
        <button type="button" class="button" on:click=send_reply>
            {move || if replied.get() { t("officer.we_did_sent") } else { t("officer.we_did_send") }}
        </button>
    }
}
