//! One tender for staff. Commissioners add bids while it is a draft, score the professionals'
//! questions while scoring is open, and read the results. Participation officers open the panel,
//! approve members, keep conflicted members away from bids, end scoring, run the moderation
//! meeting (every score side by side, wide disagreements marked, agreed scores recorded) and
//! close the panel.

use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::components::staff_bar::StaffBar;
use crate::i18n::{t, t_with};
use crate::pages::tenders::status_key;
use crate::state::session::SessionState;
use crate::state::tender_form::{pence, pounds};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::tender::{
    BidResult, Cell, Evaluation, Member, MemberStatus, NewBid, NewBidAnswer, NewConsensus,
    NewExclusion, Question, ScoreDraft, StaffBid, TenderDetail, TenderStatus,
};
use shared::Role;
use uuid::Uuid;

#[component]
pub fn TenderPage() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()));
    let version = RwSignal::new(0u32);
    let detail = LocalResource::new(move || {
        version.track();
        let id = id();
        async move {
            match id {
                Some(id) => api::tender(state, id).await,
                None => Err(Failure::Network),
            }
        }
    });
    let reload = Callback::new(move |_: ()| version.update(|v| *v += 1));
    view! {
        <StaffBar />
        <main class="page staff">
            // A transition: after each step the tender is read again with what it showed kept on
            // screen (heading and all), not a "Loading…" flash that loses the reader's place.
            <Transition fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || detail.get().map(|result| match result {
                    Ok(d) => view! { <Tender detail=d reload=reload /> }.into_any(),
                    Err(_) => view! { <p class="error" role="alert">{t("error.not_found")}</p> }.into_any(),
                })}
            </Transition>
            <A href="/staff/tenders" attr:class="button">{t("tenders.back")}</A>
        </main>
    }
}

#[component]
fn Tender(detail: TenderDetail, reload: Callback<()>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let role = state.me().map(|m| m.role);
    let officer = role == Some(Role::ParticipationOfficer);
    let commissioner = role == Some(Role::Commissioner);
    let id = detail.tender.id;
    let status = detail.tender.status;
    let now = chrono::Utc::now();
    let scoring_open = status == TenderStatus::Open
        && now >= detail.tender.scoring_opens_at
        && !detail.window_closed;
    let failure = RwSignal::new(None::<Failure>);
    let step = move |name: &'static str| {
        move |_| {
            failure.set(None);
            spawn_local(async move {
                match api::tender_step(state, id, name).await {
                    Ok(()) => reload.run(()),
                    Err(f) => failure.set(Some(f)),
                }
            });
        }
    };
    let actions = officer.then(|| {
        view! {
            <div class="actions">
                {(status == TenderStatus::Draft).then(|| view! { <button type="button" class="button primary" on:click=step("open")>{t("tender.open")}</button> })}
                {scoring_open.then(|| view! { <button type="button" class="button" on:click=step("end-scoring")>{t("tender.end_scoring")}</button> })}
                {(status == TenderStatus::Open && detail.window_closed).then(|| view! { <button type="button" class="button primary" on:click=step("close")>{t("tender.close")}</button> })}
            </div>
        }
    });
    let questions = detail.questions.clone();
    view! {
        <h1>{detail.tender.title.clone()}</h1>
        <p class="lead">{detail.tender.summary.clone()}</p>
        <p>{t(status_key(status))}" · "{t_with("tender.weights", &[("quality", &detail.quality_weight.to_string()), ("price", &detail.price_weight.to_string())])}
            " · "{t_with("tender.window", &[("from", &detail.tender.scoring_opens_at.format("%-d %b %Y").to_string()), ("to", &detail.tender.scoring_closes_at.format("%-d %b %Y %H:%M").to_string())])}</p>
        {actions}
        <ErrorMessage failure=failure />
        <h2>{t("tender.questions")}</h2>
        <ol>
            {questions.iter().map(|q| view! {
                <li>{q.text.clone()}" ("{t_with("tender.weight", &[("weight", &q.weight.to_string())])}", "{t(&format!("tenders.scored_by.{}", q.scored_by.as_str()))}")"</li>
            }).collect_view()}
        </ol>
        <h2>{t("tender.bids")}</h2>
        <table>
            <thead><tr><th scope="col">{t("tender.bid")}</th><th scope="col">{t("tender.bidder")}</th><th scope="col">{t("tender.price")}</th></tr></thead>
            <tbody>
                {detail.bids.iter().map(|b| view! {
                    <tr><td>{b.label.clone().unwrap_or_else(|| "–".into())}</td><td>{b.provider_name.clone()}</td><td>{pounds(b.price_pence)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        {(commissioner && status == TenderStatus::Draft).then(|| view! { <AddBid id=id questions=questions.clone() reload=reload /> })}
        {officer.then(|| view! { <Members detail=detail.clone() reload=reload /> })}
        {(commissioner && scoring_open).then(|| view! { <ProfessionalScoring detail=detail.clone() reload=reload /> })}
        {detail.window_closed.then(|| view! { <Results id=id officer=officer open=status == TenderStatus::Open /> })}
    }
}

#[component]
fn AddBid(id: Uuid, questions: Vec<Question>, reload: Callback<()>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let providers = LocalResource::new(move || api::providers(state));
    let provider = RwSignal::new(None::<Uuid>);
    let price = RwSignal::new(String::new());
    let answers = RwSignal::new(vec![(String::new(), String::new()); questions.len()]);
    let failure = RwSignal::new(None::<Failure>);
    let ids: Vec<Uuid> = questions.iter().map(|q| q.id).collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let bid = bid_of(
            provider.get_untracked(),
            &price.get_untracked(),
            &ids,
            answers.get_untracked(),
        );
        match bid {
            Err(invalid) => failure.set(Some(invalid.into())),
            Ok(bid) => spawn_local(async move {
                match api::add_bid(state, id, &bid).await {
                    Ok(_) => reload.run(()),
                    Err(f) => failure.set(Some(f)),
                }
            }),
        }
    };
    view! {
        <h2>{t("tender.add_bid")}</h2>
        <form on:submit=submit>
            <label for="bid-provider">{t("tender.bidder")}</label>
            <select id="bid-provider" on:change=move |ev| provider.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                <option value="">{t("tender.choose_provider")}</option>
                {move || providers.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| view! {
                    <option value=p.id.to_string()>{p.name}</option>
                }).collect_view()}
            </select>
            <label for="bid-price">{t("tender.price")}</label>
            <input id="bid-price" inputmode="decimal" on:input=move |ev| price.set(event_target_value(&ev)) />
            {answer_fields(questions, answers)}
            <ErrorMessage failure=failure />
            <button type="submit" class="button primary">{t("tender.add_bid")}</button>
        </form>
    }
}

/// The bid as typed, or why it cannot be sent: no bidder chosen, or a price that is not money.
/// Answers left empty are left out.
fn bid_of(
    provider: Option<Uuid>,
    price: &str,
    questions: &[Uuid],
    answers: Vec<(String, String)>,
) -> Result<NewBid, shared::validate::Invalid> {
    use shared::validate::Invalid;
    let provider_id = provider.ok_or_else(|| {
        Invalid::new(
            "provider_id",
            shared::Reason::UnknownProvider,
            t("tender.choose_provider"),
        )
    })?;
    let price_pence = pence(price).ok_or_else(|| {
        Invalid::new(
            "price_pence",
            shared::Reason::PriceFormat,
            t("reason.price_format"),
        )
    })?;
    let answers = questions
        .iter()
        .zip(answers)
        .filter(|(_, (answer, _))| !answer.trim().is_empty())
        .map(|(q, (answer, easy_read))| NewBidAnswer {
            question_id: *q,
            answer,
            easy_read: Some(easy_read).filter(|e| !e.trim().is_empty()),
        })
        .collect();
    Ok(NewBid {
        provider_id,
        price_pence,
        answers,
    })
}

/// An answer box per question, and an easy-read one where young people score it.
fn answer_fields(
    questions: Vec<Question>,
    answers: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    questions.into_iter().enumerate().map(|(i, q)| {
        let easy = q.scored_by.by_young_people();
        view! {
            <fieldset>
                <legend>{q.text.clone()}</legend>
                <label for=format!("bid-answer-{i}")>{t("tender.answer")}</label>
                <textarea id=format!("bid-answer-{i}") rows="3"
                    on:input=move |ev| { let v = event_target_value(&ev); answers.update(|a| a[i].0 = v) }></textarea>
                {easy.then(|| view! {
                    <label for=format!("bid-easy-{i}")>{t("tender.easy_read")}</label>
                    <textarea id=format!("bid-easy-{i}") rows="2"
                        on:input=move |ev| { let v = event_target_value(&ev); answers.update(|a| a[i].1 = v) }></textarea>
                })}
            </fieldset>
        }
    }).collect_view()
}

#[component]
fn Members(detail: TenderDetail, reload: Callback<()>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let id = detail.tender.id;
    let members = LocalResource::new(move || api::members(state, id));
    let failure = RwSignal::new(None::<Failure>);
    let bids = detail.bids.clone();
    view! {
        <h2>{t("tender.members")}</h2>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || members.get().map(|result| match result {
                Ok(list) if list.is_empty() => view! { <p>{t("tender.no_members")}</p> }.into_any(),
                Ok(list) => {
                    let options = list.iter().filter(|m| m.status == MemberStatus::Approved).map(|m| (m.user_id, m.display_name.clone())).collect::<Vec<_>>();
                    view! {
                        <table>
                            <thead><tr><th scope="col">{t("tender.member")}</th><th scope="col">{t("tender.member_status")}</th>
                                <th scope="col">{t("tender.trained")}</th><th scope="col">{t("tender.conflicts")}</th><th scope="col">{t("tender.scores_sent")}</th><th scope="col">{t("tender.action")}</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|m| view! { <MemberRow member=m tender=id failure=failure reload=reload /> }).collect_view()}
                            </tbody>
                        </table>
                        <ExcludeForm tender=id members=options bids=bids.clone() failure=failure reload=reload />
                    }.into_any()
                }
                Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
            })}
        </Suspense>
        <ErrorMessage failure=failure />
    }
}

/// One young person on the panel: where they are, and approve or decline while interested.
#[component]
fn MemberRow(
    member: Member,
    tender: Uuid,
    failure: RwSignal<Option<Failure>>,
    reload: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let m = member;
    let decide = move |user: Uuid, decision: &'static str| {
        move |_| {
            spawn_local(async move {
                match api::decide_member(state, tender, user, decision).await {
                    Ok(()) => reload.run(()),
                    Err(f) => failure.set(Some(f)),
                }
            });
        }
    };
    let kept: Vec<String> = m
        .exclusions
        .iter()
        .map(|e| {
            format!(
                "{} ({})",
                e.provider_name,
                t(&format!("tender.excluded_by.{}", e.by))
            )
        })
        .collect();
    view! {
        <tr>
            <td>{m.display_name.clone()}</td>
            <td>{t(&format!("tender.member.{}", m.status.as_str()))}</td>
            <td>{if m.training_passed { t("common.yes") } else { t("common.no") }}</td>
            <td>{if !m.conflicts_declared { t("tender.not_declared") } else if kept.is_empty() { t("tender.none_declared") } else { kept.join(", ") }}</td>
            <td>{if m.submitted { t("common.yes") } else { t("common.no") }}</td>
            <td>{(m.status == MemberStatus::Interested).then(|| view! {
                <button type="button" class="button" on:click=decide(m.user_id, "approve")>{t_with("tender.approve", &[("name", &m.display_name)])}</button>
                <button type="button" class="button" on:click=decide(m.user_id, "decline")>{t_with("tender.decline", &[("name", &m.display_name)])}</button>
            })}</td>
        </tr>
    }
}

/// Keeps an approved member from scoring one bid (a conflict the officer knows of).
#[component]
fn ExcludeForm(
    tender: Uuid,
    members: Vec<(Uuid, String)>,
    bids: Vec<StaffBid>,
    failure: RwSignal<Option<Failure>>,
    reload: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let exclude_member = RwSignal::new(None::<Uuid>);
    let exclude_bid = RwSignal::new(None::<Uuid>);
    let note = RwSignal::new(String::new());
    let exclude = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(user_id), Some(bid_id)) =
            (exclude_member.get_untracked(), exclude_bid.get_untracked())
        else {
            return;
        };
        let body = NewExclusion {
            user_id,
            bid_id,
            note: note.get_untracked(),
        };
        spawn_local(async move {
            match api::exclude(state, tender, &body).await {
                Ok(()) => reload.run(()),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <form on:submit=exclude class="inline-form">
            <h3>{t("tender.exclude")}</h3>
            <label for="exclude-member">{t("tender.member")}</label>
            <select id="exclude-member" on:change=move |ev| exclude_member.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                <option value="">"–"</option>
                {members.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
            </select>
            <label for="exclude-bid">{t("tender.bid")}</label>
            <select id="exclude-bid" on:change=move |ev| exclude_bid.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                <option value="">"–"</option>
                {bids.iter().map(|b| view! { <option value=b.id.to_string()>{format!("{} {}", b.label.clone().unwrap_or_default(), b.provider_name)}</option> }).collect_view()}
            </select>
            <label for="exclude-note">{t("tender.exclude_note")}</label>
            <input id="exclude-note" on:input=move |ev| note.set(event_target_value(&ev)) />
            <button type="submit" class="button">{t("tender.exclude_button")}</button>
        </form>
    }
}

#[component]
fn ProfessionalScoring(detail: TenderDetail, reload: Callback<()>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let id = detail.tender.id;
    let submitted = detail.my_scores.iter().any(|s| s.submitted);
    let failure = RwSignal::new(None::<Failure>);
    let cells: Vec<_> = detail
        .bids
        .iter()
        .flat_map(|b| {
            detail
                .questions
                .iter()
                .filter(|q| q.scored_by.by_professionals())
                .map(move |q| (b.clone(), q.clone()))
        })
        .filter(|(b, q)| b.answers.iter().any(|a| a.question_id == q.id))
        .collect();
    let send = move |_| {
        spawn_local(async move {
            match api::submit_scores(state, id).await {
                Ok(_) => reload.run(()),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <h2>{t("tender.your_scores")}</h2>
        {cells.into_iter().map(|(bid, q)| {
            let mine = detail.my_scores.iter().find(|s| s.bid_id == bid.id && s.question_id == q.id).cloned();
            let score = RwSignal::new(mine.as_ref().map(|s| s.score));
            let reason = RwSignal::new(mine.as_ref().map(|s| s.reason.clone()).unwrap_or_default());
            let saved = RwSignal::new(mine.is_some());
            let cell_failure = RwSignal::new(None::<Failure>);
            let answer = bid.answers.iter().find(|a| a.question_id == q.id).map(|a| a.answer.clone()).unwrap_or_default();
            let key = format!("{}-{}", bid.id, q.id);
            let save = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let Some(value) = score.get_untracked() else { return };
                let draft = ScoreDraft { score: value, reason: reason.get_untracked() };
                spawn_local(async move {
                    match api::save_score(state, id, bid.id, q.id, &draft).await {
                        Ok(_) => { saved.set(true); cell_failure.set(None) }
                        Err(f) => cell_failure.set(Some(f)),
                    }
                });
            };
            view! {
                <form class="card" on:submit=save>
                    <h3>{format!("{} · {}", bid.label.clone().unwrap_or_default(), q.text)}</h3>
                    <p class="quote">{answer}</p>
                    <label for=format!("pro-score-{key}")>{t("tender.score")}</label>
                    <select id=format!("pro-score-{key}") disabled=submitted on:change=move |ev| { score.set(event_target_value(&ev).parse().ok()); saved.set(false) }>
                        <option value="">"–"</option>
                        {q.rubric.iter().enumerate().map(|(i, words)| view! {
                            <option value=i.to_string() selected=mine.as_ref().is_some_and(|s| usize::from(s.score) == i)>{format!("{i}: {words}")}</option>
                        }).collect_view()}
                    </select>
                    <label for=format!("pro-reason-{key}")>{t("tender.reason")}</label>
                    <textarea id=format!("pro-reason-{key}") rows="2" disabled=submitted prop:value=move || reason.get()
                        on:input=move |ev| { reason.set(event_target_value(&ev)); saved.set(false) }></textarea>
                    {(!submitted).then(|| view! { <button type="submit" class="button">{t("tender.save_score")}</button> })}
                    <p class="status">{move || if saved.get() { t("scoring.saved") } else { String::new() }}</p>
                    <ErrorMessage failure=cell_failure />
                </form>
            }
        }).collect_view()}
        {if submitted {
            view! { <p class="status">{t("tender.scores_locked")}</p> }.into_any()
        } else {
            view! { <button type="button" class="button primary" on:click=send>{t("tender.send_scores")}</button> }.into_any()
        }}
        <ErrorMessage failure=failure />
    }
}

fn two(x: f64) -> String {
    format!("{x:.2}")
}

#[component]
fn Results(id: Uuid, officer: bool, open: bool) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let version = RwSignal::new(0u32);
    let evaluation = LocalResource::new(move || {
        version.track();
        api::evaluation(state, id)
    });
    let failure = RwSignal::new(None::<Failure>);
    let export = move |_| {
        spawn_local(async move {
            match api::evaluation_csv(state, id).await {
                Ok(csv) => crate::download::csv_file("tender-evaluation.csv", &csv),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let changed = Callback::new(move |_: ()| version.update(|v| *v += 1));
    view! {
        <h2>{if officer && open { t("tender.meeting") } else { t("tender.results") }}</h2>
        <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
            {move || evaluation.get().map(|result| match result {
                Ok(e) => view! { <EvaluationView evaluation=e meeting=officer && open changed=changed /> }.into_any(),
                Err(f) => { failure.set(Some(f)); view! { <span></span> }.into_any() }
            })}
        </Suspense>
        <button type="button" class="button" on:click=export>{t("tender.export")}</button>
        <ErrorMessage failure=failure />
    }
}

#[component]
fn EvaluationView(evaluation: Evaluation, meeting: bool, changed: Callback<()>) -> impl IntoView {
    let e = evaluation;
    let sensitivity = if e.sensitivity.winner_changes {
        "tender.sensitivity.changes"
    } else {
        "tender.sensitivity.holds"
    };
    let questions = e.questions.clone();
    view! {
        {e.provisional.then(|| view! { <p class="status">{t("tender.provisional")}</p> })}
        <table>
            <thead><tr>
                <th scope="col">{t("tender.rank")}</th><th scope="col">{t("tender.bid")}</th><th scope="col">{t("tender.bidder")}</th>
                <th scope="col">{t("tender.quality")}</th><th scope="col">{t("tender.price_score")}</th><th scope="col">{t("tender.total")}</th>
            </tr></thead>
            <tbody>
                {e.bids.iter().map(|b| view! {
                    <tr><td>{b.rank}</td><td>{b.label.clone()}</td><td>{b.provider_name.clone()}</td>
                        <td>{two(b.quality)}</td><td>{two(b.price)}</td><td><strong>{two(b.total)}</strong></td></tr>
                }).collect_view()}
            </tbody>
        </table>
        <p>{t_with("tender.share", &[("share", &format!("{:.0}", e.young_peoples_share))])}" "
            {t_with(sensitivity, &[("winner", &e.sensitivity.winners.join(", ")), ("halved", &e.sensitivity.halved_winners.join(", ")), ("doubled", &e.sensitivity.doubled_winners.join(", "))])}</p>
        {e.bids.into_iter().map(|b| view! { <BidCells tender=e.tender_id bid=b questions=questions.clone() meeting=meeting changed=changed /> }).collect_view()}
    }
}

#[component]
fn BidCells(
    tender: Uuid,
    bid: BidResult,
    questions: Vec<Question>,
    meeting: bool,
    changed: Callback<()>,
) -> impl IntoView {
    view! {
        <section class="card">
            <h3>{t_with("scoring.bid", &[("label", &bid.label)])}" · "{bid.provider_name.clone()}</h3>
            {bid.cells.into_iter().map(|cell| {
                let question = questions.iter().find(|q| q.id == cell.question_id).map(|q| format!("Q{} {}", q.position, q.text)).unwrap_or_default();
                view! { <CellView tender=tender bid=bid.bid_id question=question cell=cell meeting=meeting changed=changed /> }
            }).collect_view()}
        </section>
    }
}

#[component]
fn CellView(
    tender: Uuid,
    bid: Uuid,
    question: String,
    cell: Cell,
    meeting: bool,
    changed: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let class = if cell.disagreement {
        "cell disagreement"
    } else {
        "cell"
    };
    let failure = RwSignal::new(None::<Failure>);
    let agreed = RwSignal::new(
        cell.consensus
            .as_ref()
            .map(|c| c.score)
            .or(cell.median.map(|m| m.round() as u8)),
    );
    let rationale = RwSignal::new(
        cell.consensus
            .as_ref()
            .map(|c| c.rationale.clone())
            .unwrap_or_default(),
    );
    let question_id = cell.question_id;
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(score) = agreed.get_untracked() else {
            return;
        };
        let body = NewConsensus {
            bid_id: bid,
            question_id,
            score,
            rationale: rationale.get_untracked(),
        };
        spawn_local(async move {
            match api::record_consensus(state, tender, &body).await {
                Ok(()) => changed.run(()),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let key = format!("{bid}-{question_id}");
    view! {
        <div class=class>
            <h4>{question}</h4>
            {if !cell.answered {
                view! { <p>{t("tender.no_answer")}</p> }.into_any()
            } else {
                view! {
                    <ul class="scores-side-by-side">
                        {cell.scores.iter().map(|s| view! { <li><strong>{s.score}</strong>" "{s.evaluator.clone()}": "{s.reason.clone()}</li> }).collect_view()}
                    </ul>
                    {cell.disagreement.then(|| view! { <p class="warning">{t_with("tender.disagreement", &[("spread", &cell.spread.unwrap_or_default().to_string())])}</p> })}
                    <p>{match (&cell.consensus, cell.median) {
                        (Some(c), _) => t_with("tender.agreed", &[("score", &c.score.to_string()), ("rationale", &c.rationale)]),
                        (None, Some(m)) => t_with("tender.median", &[("median", &format!("{m:.1}"))]),
                        (None, None) => t("tender.no_scores"),
                    }}</p>
                    {meeting.then(|| view! {
                        <form on:submit=record class="inline-form">
                            <label for=format!("agree-{key}")>{t("tender.agreed_score")}</label>
                            <select id=format!("agree-{key}") on:change=move |ev| agreed.set(event_target_value(&ev).parse().ok())>
                                {(0u8..=5).map(|s| view! { <option value=s.to_string() selected=move || agreed.get() == Some(s)>{s}</option> }).collect_view()}
                            </select>
                            <label for=format!("rationale-{key}")>{t("tender.rationale")}</label>
                            <input id=format!("rationale-{key}") prop:value=move || rationale.get() on:input=move |ev| rationale.set(event_target_value(&ev)) />
                            <button type="submit" class="button">{t("tender.record")}</button>
                        </form>
                        <ErrorMessage failure=failure />
                    })}
                }.into_any()
            }}
        </div>
    }
}
