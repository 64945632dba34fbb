//! The young commissioner training: what commissioning is, how to score, what a conflict is, and
//! a short quiz (the server marks it; as many goes as needed).

use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::components::read_aloud::ReadAloud;
use crate::components::young_person_bar::YoungPersonBar;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::tender::QuizResult;

const SECTIONS: [&str; 3] = ["what", "scoring", "conflicts"];

#[component]
pub fn Training() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let query = use_query_map();
    let back = move || {
        query
            .with(|q| q.get("panel"))
            .filter(|p| uuid::Uuid::parse_str(p).is_ok())
            .map(|p| format!("/panels/{p}"))
            .unwrap_or_else(|| "/panels".to_owned())
    };
    let status = LocalResource::new(move || api::training(state));
    let answers = RwSignal::new(Vec::<Option<u8>>::new());
    let result = RwSignal::new(None::<QuizResult>);
    let failure = RwSignal::new(None::<Failure>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let chosen: Option<Vec<u8>> = answers.get_untracked().into_iter().collect();
        let Some(chosen) = chosen else {
            failure.set(Some(
                shared::validate::Invalid::new(
                    "answers",
                    shared::Reason::QuizAnswers,
                    t("reason.quiz_answers"),
                )
                .into(),
            ));
            return;
        };
        spawn_local(async move {
            match api::take_quiz(state, chosen).await {
                Ok(r) => result.set(Some(r)),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <h1>{t("training.title")}</h1>
            {SECTIONS.iter().map(|s| view! {
                <section class="card lesson">
                    <h2>{t(&format!("training.{s}.title"))}</h2>
                    <p>{t(&format!("training.{s}.body"))}</p>
                </section>
            }).collect_view()}
            <h2>{t("training.quiz.title")}</h2>
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || status.get().map(|s| match s {
                    Ok(s) => view! {
                        {s.passed.then(|| view! { <p class="status">{t("training.already_passed")}</p> })}
                        <form on:submit=send>
                            {quiz(s.quiz, answers)}
                            <button type="submit" class="button primary">{t("training.check")}</button>
                        </form>
                    }.into_any(),
                    Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                })}
            </Suspense>
            <ErrorMessage failure=failure />
            {move || result.get().map(|r| outcome(r, back()))}
        </main>
    }
}

/// The quiz's questions, each a fieldset of radios with its question read aloud; resets the
/// answers to none chosen.
fn quiz(options: Vec<u8>, answers: RwSignal<Vec<Option<u8>>>) -> impl IntoView {
    answers.set(vec![None; options.len()]);
    options
        .into_iter()
        .enumerate()
        .map(|(q, count)| {
            let name = format!("quiz-{q}");
            let spoken = std::iter::once(t(&format!("training.quiz.{q}.question")))
                .chain((0..count).map(|o| t(&format!("training.quiz.{q}.{o}"))))
                .collect::<Vec<_>>()
                .join(". ");
            view! {
                <fieldset class="question">
                    <legend>{t(&format!("training.quiz.{q}.question"))}</legend>
                    <ReadAloud text=spoken label=t("common.read_question") />
                    {(0..count).map(|o| {
                        let input_id = format!("quiz-{q}-{o}");
                        view! {
                            <label class="check">
                                <input type="radio" id=input_id name=name.clone()
                                    on:change=move |_| answers.update(|a| if let Some(slot) = a.get_mut(q) { *slot = Some(o) }) />
                                {t(&format!("training.quiz.{q}.{o}"))}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            }
        })
        .collect_view()
}

/// How the quiz went: on to the panel when passed, else which questions to look at again.
fn outcome(r: QuizResult, back: String) -> AnyView {
    let words = t_with(
        "training.result",
        &[
            ("correct", &r.correct.to_string()),
            ("total", &r.total.to_string()),
        ],
    );
    if r.passed {
        view! {
            <div role="status" class="card">
                <p class="lead">{words}</p>
                <p>{t("training.passed")}</p>
                <A href=back attr:class="button primary">{t("training.continue")}</A>
            </div>
        }
        .into_any()
    } else {
        let again = r
            .wrong
            .iter()
            .map(|q| (q + 1).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <div role="status" class="card">
                <p class="lead">{words}</p>
                <p>{t_with("training.try_again", &[("questions", &again)])}</p>
            </div>
        }
        .into_any()
    }
}
