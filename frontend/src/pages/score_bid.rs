//! Scoring one anonymised bid: each question in plain words, the bid's easy-read answer, a picture
//! scale from 0 to 5 with what each score means, and a reason. Drafts are kept on the phone and
//! sent as they go, so going offline loses nothing.

use crate::api::{self, Failure};
use crate::components::read_aloud::ReadAloud;
use crate::components::young_person_bar::YoungPersonBar;
use crate::i18n::{t, t_with};
use crate::sealed;
use crate::state::score_drafts::{self, Drafts};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::tender::{PanelBid, PanelQuestion, ScoreDraft};
use uuid::Uuid;

/// The picture for a score: an empty circle for 0, then one to five stars.
pub fn score_symbol(score: u8) -> String {
    if score == 0 {
        "○".to_owned()
    } else {
        "★".repeat(usize::from(score))
    }
}

#[component]
pub fn ScoreBid() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let params = use_params_map();
    let ids = move || {
        params.with(|p| {
            Some((
                Uuid::parse_str(&p.get("id")?).ok()?,
                Uuid::parse_str(&p.get("bid_id")?).ok()?,
            ))
        })
    };
    let bid = LocalResource::new(move || {
        let ids = ids();
        async move {
            match ids {
                Some((tender, bid)) => api::panel_bid(state, tender, bid).await,
                None => Err(Failure::Network),
            }
        }
    });
    let back = move || {
        ids()
            .map(|(t, _)| format!("/panels/{t}"))
            .unwrap_or_else(|| "/panels".into())
    };
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || bid.get().map(|result| match (result, ids()) {
                    (Ok(b), Some((tender, _))) => view! { <BidForm tender=tender bid=b /> }.into_any(),
                    (Err(Failure::Network), _) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                    _ => view! { <p class="error" role="alert">{t("error.not_found")}</p> }.into_any(),
                })}
            </Suspense>
            <A href=back attr:class="button">{t("scoring.back")}</A>
        </main>
    }
}

#[component]
fn BidForm(tender: Uuid, bid: PanelBid) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let user = state.me().map(|m| m.id).unwrap_or_default();
    let drafts = RwSignal::new(Drafts::merged(&bid.my_scores, &Drafts::default()));
    let submitted = bid.my_scores.iter().any(|s| s.submitted);
    let offline_now = RwSignal::new(false);
    // Keeps the drafts on the phone (sealed), then sends what the server does not have yet.
    let sync = move || {
        let key = score_drafts::key(user, tender);
        sealed::keep(state, key.clone(), Some(drafts.get_untracked().to_json()));
        spawn_local(async move {
            for (bid_id, question, score, reason) in drafts.get_untracked().unsent() {
                match api::save_score(
                    state,
                    tender,
                    bid_id,
                    question,
                    &ScoreDraft {
                        score,
                        reason: reason.clone(),
                    },
                )
                .await
                {
                    Ok(_) => {
                        drafts.update(|d| d.mark_saved(bid_id, question, score, &reason));
                        offline_now.set(false);
                    }
                    Err(Failure::Network) => {
                        offline_now.set(true);
                        break;
                    }
                    Err(_) => break,
                }
            }
            let left = drafts.get_untracked();
            let kept = (!left.unsent().is_empty()).then(|| left.to_json());
            sealed::keep(state, key, kept);
        });
    };
    // Anything left from last time (opened with this sign-in's key) goes now.
    let from_server = bid.my_scores.clone();
    spawn_local(async move {
        let kept = sealed::read(state, score_drafts::key(user, tender)).await;
        drafts.set(Drafts::merged(
            &from_server,
            &Drafts::parse(kept.as_deref()),
        ));
        sync();
    });
    let questions = bid
        .questions
        .iter()
        .cloned()
        .map(|q| view! { <QuestionScore bid=bid.id question=q drafts=drafts locked=submitted on_change=Callback::new(move |_| sync()) /> })
        .collect_view();
    view! {
        <h1>{t_with("scoring.bid", &[("label", &bid.label)])}</h1>
        <p class="lead">{t("scoring.bid_intro")}</p>
        {questions}
        <p class="status" role="status">
            {move || if offline_now.get() { t("scoring.kept_on_phone") } else { String::new() }}
        </p>
    }
}

/// What the speaker reads: the question, the bidder's easy-read answer, and each score's words.
fn read_aloud(question: &PanelQuestion, answer: &str) -> String {
    let rubric = question.rubric.iter().enumerate();
    std::iter::once(question.plain_text.clone())
        .chain(std::iter::once(answer.to_owned()))
        .chain(rubric.map(|(i, words)| format!("{i}: {words}")))
        .collect::<Vec<_>>()
        .join(". ")
}

#[component]
fn QuestionScore(
    bid: Uuid,
    question: PanelQuestion,
    drafts: RwSignal<Drafts>,
    locked: bool,
    on_change: Callback<()>,
) -> impl IntoView {
    let qid = question.id;
    let Some(answer) = question.easy_read.clone() else {
        return view! {
            <section class="card">
                <h2>{question.plain_text.clone()}</h2>
                <p>{t("scoring.no_answer")}</p>
            </section>
        }
        .into_any();
    };
    let current = move || drafts.with(|d| d.get(bid, qid).cloned());
    let name = format!("score-{qid}");
    let reason_id = format!("reason-{qid}");
    let set = move |score: Option<u8>, reason: Option<String>| {
        let before = current();
        let score = score.or(before.as_ref().and_then(|d| d.score));
        let reason = reason.or(before.map(|d| d.reason)).unwrap_or_default();
        drafts.update(|d| d.set(bid, qid, score, reason));
        on_change.run(());
    };
    let options = question
        .rubric
        .iter()
        .enumerate()
        .map(|(i, words)| {
            let score = i as u8;
            let input_id = format!("score-{qid}-{i}");
            view! {
                <label class="face">
                    <input type="radio" id=input_id name=name.clone() value=score.to_string() disabled=locked
                        prop:checked=move || current().and_then(|d| d.score) == Some(score)
                        on:change=move |_| set(Some(score), None) />
                    <span class="face-symbol" aria-hidden="true">{score_symbol(score)}</span>
                    <span class="face-words">{format!("{score}: {words}")}</span>
                </label>
            }
        })
        .collect_view();
    let spoken = read_aloud(&question, &answer);
    let state_words = move || match current() {
        None => String::new(),
        Some(d) if d.saved => t("scoring.saved"),
        Some(d) if d.reason.trim().is_empty() => t("scoring.needs_reason"),
        Some(_) => t("scoring.saving"),
    };
    view! {
        <section class="card">
            <h2>{question.plain_text.clone()}</h2>
            <h3>{t("scoring.they_said")}</h3>
            <p class="quote">{answer}</p>
            <fieldset class="question">
                <legend>{t("scoring.your_score")}</legend>
                <ReadAloud text=spoken label=t("common.read_question") />
                <div class="scores">{options}</div>
            </fieldset>
            <label for=reason_id.clone()>{t("scoring.reason")}</label>
            <textarea id=reason_id rows="3" maxlength="1000" disabled=locked
                prop:value=move || current().map(|d| d.reason).unwrap_or_default()
                on:change=move |ev| set(None, Some(event_target_value(&ev)))></textarea>
            <p class="status">{state_words}</p>
        </section>
    }
    .into_any()
}
