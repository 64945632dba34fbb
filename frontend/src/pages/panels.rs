//! Young commissioner panels: the list, and one panel's page, which shows the next step (join,
//! wait, train, declare conflicts, score the bids, send, see the outcome).

use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::components::young_person_bar::YoungPersonBar;
use crate::i18n::{t, t_with};
use crate::state::score_drafts::{self, Drafts};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::tender::{ConflictList, Panel, PanelOutcome, PanelStep};
use uuid::Uuid;

pub fn step_key(step: PanelStep) -> &'static str {
    match step {
        PanelStep::Join => "panels.step.join",
        PanelStep::WaitingForApproval => "panels.step.waiting",
        PanelStep::NotThisTime => "panels.step.not_this_time",
        PanelStep::Training => "panels.step.training",
        PanelStep::Conflicts => "panels.step.conflicts",
        PanelStep::WaitingToScore => "panels.step.waiting_to_score",
        PanelStep::Scoring => "panels.step.scoring",
        PanelStep::Submitted => "panels.step.submitted",
        PanelStep::Outcome => "panels.step.outcome",
    }
}

fn date(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%-d %B %Y").to_string()
}

/// Open panels and the ones the young person sat on.
#[component]
pub fn Panels() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let panels = LocalResource::new(move || api::panels(state));
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <h1>{t("panels.title")}</h1>
            <p class="lead">{t("panels.intro")}</p>
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || panels.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p>{t("panels.none")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="cards">
                            {list.into_iter().map(|p| view! {
                                <li>
                                    <A href=format!("/panels/{}", p.id) attr:class="card">
                                        <span class="card-title">{p.title}</span>
                                        <span class="card-sub">{t(step_key(p.step))}</span>
                                    </A>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                })}
            </Suspense>
            <A href="/panels/record" attr:class="button">{t("record.link")}</A>
            <a href="/home" class="button" rel="external">{t("common.back")}</a>
        </main>
    }
}

/// One panel: what it is about in plain words, and the next thing to do.
#[component]
pub fn PanelPage() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()));
    let version = RwSignal::new(0u32);
    let panel = LocalResource::new(move || {
        version.track();
        let id = id();
        async move {
            match id {
                Some(id) => api::panel(state, id).await,
                None => Err(Failure::Network),
            }
        }
    });
    let reload = Callback::new(move |_: ()| version.update(|v| *v += 1));
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || panel.get().map(|result| match result {
                    Ok(p) => view! { <PanelSteps panel=p reload=reload /> }.into_any(),
                    Err(Failure::Api(_)) => view! { <p class="error" role="alert">{t("error.not_found")}</p> }.into_any(),
                    Err(Failure::Network) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                })}
            </Suspense>
            <A href="/panels" attr:class="button">{t("panels.back")}</A>
        </main>
    }
}

#[component]
fn PanelSteps(panel: Panel, reload: Callback<()>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let failure = RwSignal::new(None::<Failure>);
    let id = panel.id;
    let join = move |_| {
        spawn_local(async move {
            match api::express_interest(state, id).await {
                Ok(_) => reload.run(()),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let next = match panel.step {
        PanelStep::Join => view! {
            <p>{t_with("panels.hours", &[("hours", &panel.hours.to_string())])}</p>
            <button type="button" class="button primary" on:click=join>{t("panels.join")}</button>
        }
        .into_any(),
        PanelStep::Training => view! {
            <p>{t("panels.step.training")}</p>
            <A href=format!("/panels/training?panel={id}") attr:class="button primary">{t("panels.start_training")}</A>
        }
        .into_any(),
        PanelStep::Conflicts => view! { <Conflicts id=id reload=reload /> }.into_any(),
        PanelStep::Scoring => view! { <BidList id=id reload=reload /> }.into_any(),
        PanelStep::Outcome => view! { <Outcome id=id /> }.into_any(),
        step => view! { <p class="status">{t(step_key(step))}</p> }.into_any(),
    };
    view! {
        <h1>{panel.title.clone()}</h1>
        <p class="lead">{panel.summary.clone()}</p>
        <p>{t_with("panels.window", &[("from", &date(panel.scoring_opens_at)), ("to", &date(panel.scoring_closes_at))])}</p>
        {next}
        <ErrorMessage failure=failure />
    }
}

/// "Have you lived at, or do you know staff at, any of these?" before any bid is shown.
#[component]
fn Conflicts(id: Uuid, reload: Callback<()>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let list = LocalResource::new(move || api::conflicts(state, id));
    let chosen = RwSignal::new(Vec::<Uuid>::new());
    let failure = RwSignal::new(None::<Failure>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let conflicted = chosen.get_untracked();
        spawn_local(async move {
            match api::declare_conflicts(state, id, conflicted).await {
                Ok(_) => reload.run(()),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let boxes = move |list: ConflictList| {
        list.bidders
            .into_iter()
            .map(|b| {
                let input_id = format!("conflict-{}", b.id);
                view! {
                    <label class="check">
                        <input type="checkbox" id=input_id on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| { c.retain(|x| *x != b.id); if on { c.push(b.id); } });
                        } />
                        {b.name}
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <h2>{t("conflicts.title")}</h2>
        <p>{t("conflicts.intro")}</p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || list.get().map(|result| match result {
                Ok(list) => view! {
                    <form on:submit=send>
                        <fieldset class="choice">
                            <legend>{t("conflicts.question")}</legend>
                            {boxes(list)}
                        </fieldset>
                        <p>{t("conflicts.none_hint")}</p>
                        <button type="submit" class="button primary">{t("conflicts.send")}</button>
                    </form>
                }.into_any(),
                Err(f) => { failure.set(Some(f)); view! { <span></span> }.into_any() }
            })}
        </Suspense>
        <ErrorMessage failure=failure />
    }
}

/// The bids to score, how many are done, and Send when all are.
#[component]
fn BidList(id: Uuid, reload: Callback<()>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let bids = LocalResource::new(move || api::panel_bids(state, id));
    // Drafts kept on this phone, opened with this sign-in's key.
    let kept = LocalResource::new(move || {
        let user = state.me().map(|m| m.id).unwrap_or_default();
        crate::sealed::read(state, score_drafts::key(user, id))
    });
    let failure = RwSignal::new(None::<Failure>);
    let send = move |_| {
        spawn_local(async move {
            match api::submit_scores(state, id).await {
                Ok(_) => reload.run(()),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <h2>{t("scoring.title")}</h2>
        <p>{t("scoring.intro")}</p>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || bids.get().map(|result| match result {
                Ok(list) => {
                    let local = kept.get().flatten();
                    let mine: Vec<_> = list.iter().flat_map(|b| b.my_scores.clone()).collect();
                    let drafts = Drafts::merged(&mine, &Drafts::parse(local.as_deref()));
                    let left = drafts.to_do(&list);
                    view! {
                        <ul class="cards">
                            {list.into_iter().map(|b| {
                                let done = drafts.to_do(std::slice::from_ref(&b)) == 0;
                                view! {
                                    <li>
                                        <A href=format!("/panels/{id}/bids/{}", b.id) attr:class="card">
                                            <span class="card-title">{t_with("scoring.bid", &[("label", &b.label)])}</span>
                                            <span class="card-sub">{if done { t("scoring.done") } else { t("scoring.to_do") }}</span>
                                        </A>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {if left == 0 {
                            view! {
                                <p>{t("scoring.ready")}</p>
                                <button type="button" class="button primary" on:click=send>{t("scoring.send")}</button>
                            }.into_any()
                        } else {
                            view! { <p class="status">{t_with("scoring.left", &[("n", &left.to_string())])}</p> }.into_any()
                        }}
                    }.into_any()
                }
                Err(f) => { failure.set(Some(f)); view! { <span></span> }.into_any() }
            })}
        </Suspense>
        <ErrorMessage failure=failure />
    }
}

/// After the panel: the bids in order and what young people's scores did.
#[component]
fn Outcome(id: Uuid) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let outcome = LocalResource::new(move || api::outcome(state, id));
    let show = |o: PanelOutcome| {
        let winner = o
            .ranking
            .first()
            .map(|r| r.label.clone())
            .unwrap_or_default();
        let effect = if o.winner_changes_if_halved || o.winner_changes_if_doubled {
            "outcome.mattered"
        } else {
            "outcome.same"
        };
        view! {
            <h2>{t("outcome.title")}</h2>
            <p class="lead">{t_with("outcome.winner", &[("label", &winner)])}</p>
            <ol>
                {o.ranking.into_iter().map(|r| view! { <li>{t_with("scoring.bid", &[("label", &r.label)])}</li> }).collect_view()}
            </ol>
            <p>{t_with("outcome.share", &[("share", &format!("{:.0}", o.young_peoples_share))])}</p>
            <p>{t(effect)}</p>
            <h3>{t("outcome.mine")}</h3>
            <table>
                <thead><tr><th scope="col">{t("outcome.bid")}</th><th scope="col">{t("outcome.question")}</th>
                    <th scope="col">{t("outcome.your_score")}</th><th scope="col">{t("outcome.agreed")}</th></tr></thead>
                <tbody>
                    {o.mine.into_iter().map(|m| view! {
                        <tr><td>{m.bid_label}</td><td>{m.question}</td><td>{m.mine}</td><td>{format!("{:.1}", m.agreed)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <A href="/panels/record" attr:class="button">{t("record.link")}</A>
        }
    };
    view! {
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || outcome.get().map(|result| match result {
                Ok(o) => show(o).into_any(),
                Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
            })}
        </Suspense>
    }
}
