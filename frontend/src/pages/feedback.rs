use crate::api::{self, Failure};
use crate::assisted::Choices;
use crate::components::error_message::ErrorMessage;
use crate::components::face_scale::FaceScale;
use crate::components::young_person_bar::YoungPersonBar;
use crate::i18n::{t, t_with};
use crate::offline;
use crate::state::feedback_form::{FeedbackForm, Steps};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::ApiError;
use uuid::Uuid;
use wasm_bindgen::JsCast;

/// The questions about one service, free text, privacy choice and "talk to me".
#[component]
pub fn Feedback() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let params = use_params_map();
    let service_id =
        move || params.with(|p| p.get("service_id").and_then(|s| Uuid::parse_str(&s).ok()));
    let services = LocalResource::new(move || api::my_services(state));
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || services.get().map(|result| {
                    let found = result.ok().and_then(|list| list.into_iter().find(|s| Some(s.id) == service_id()));
                    match found {
                        Some(service) => view! { <FeedbackForm service=service /> }.into_any(),
                        None => view! { <p class="error" role="alert">{t("error.not_found")}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

/// Shows the top of the next screen and, when the button pressed has gone with its screen, puts
/// the keyboard on `then_focus`, so nobody is left on a vanished control.
fn after_step(then_focus: Option<&str>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    window.scroll_to_with_x_and_y(0.0, 0.0);
    let target = then_focus
        .and_then(|id| window.document()?.get_element_by_id(id))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = target {
        let _ = el.focus();
    }
}

/// One question a screen, with progress ("Question 2 of 5") and a way back, then the words,
/// privacy choice and Send.
#[component]
fn FeedbackForm(service: shared::api::MyService) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let pending = expect_context::<offline::Pending>();
    let navigate = use_navigate();
    // The id is made once, so pressing Send again after a network error sends the same feedback.
    let form = RwSignal::new(FeedbackForm::new(Uuid::new_v4(), service.id));
    let failure = RwSignal::new(None::<Failure>);
    let steps = RwSignal::new(Steps::new(service.questions.len()));
    // With an adult beside them, the child has the faces that suit them, each said as it is chosen.
    let assisted = state.assisted.get_untracked();
    let values = assisted.unwrap_or(Choices::Five).values();
    let questions = service
        .questions
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let on_change = Callback::new(move |v: Option<u8>| form.update(|f| f.answer(d, v)));
            view! {
                <div class="step" hidden=move || !steps.get().shows_question(i)>
                    <FaceScale dimension=d on_change=on_change values=values speak_choice=assisted.is_some() />
                </div>
            }
        })
        .collect_view();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Enter on a question goes on to the next screen; only the last one sends.
        if !steps.get_untracked().on_words() {
            steps.update(Steps::next);
            return;
        }
        failure.set(None);
        let request = match form.get_untracked().to_request() {
            Ok(r) => r,
            Err(invalid) => {
                failure.set(Some(invalid.into()));
                return;
            }
        };
        // Kept on the phone first, so nothing is lost if the connection drops; then sent.
        let Some(user) = state.me().map(|m| m.id) else {
            failure.set(Some(Failure::Api(ApiError {
                error: shared::ErrorCode::Unauthenticated,
                reason: shared::Reason::Unauthenticated,
                message: String::new(),
                field: None,
            })));
            return;
        };
        pending.asked_to_talk.set(request.wants_talk);
        pending.refused.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            if offline::enqueue(state, user, &request).await {
                pending.waiting.set(offline::count_all());
                navigate("/thanks", Default::default());
                offline::flush(state, pending).await;
                return;
            }
            // It cannot be kept unreadably on this phone: sent now, or not at all.
            match api::submit_feedback(state, request).await {
                Ok(_) => navigate("/thanks", Default::default()),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <h1>{t_with("feedback.title", &[("service", &service.name)])}</h1>
        <Progress steps=steps />
        <form on:submit=on_submit>
            {questions}
            <StepButtons steps=steps />
            <div class="step" hidden=move || !steps.get().on_words()>
                <Words form=form />
                <ErrorMessage failure=failure />
                <div class="step-buttons">
                    <BackButton steps=steps id="words-back" />
                    <button type="submit" class="button primary">{t("feedback.send")}</button>
                </div>
            </div>
        </form>
    }
}

/// "Question 2 of 5" in words, and as a row of dots for those who do not read yet.
#[component]
fn Progress(steps: RwSignal<Steps>) -> impl IntoView {
    let total = steps.get_untracked().total;
    let dots = (0..total)
        .map(|i| view! { <span class="dot" class:done=move || i < steps.get().at class:here=move || i == steps.get().at></span> })
        .collect_view();
    view! {
        <div class="progress">
            <p class="progress-words" hidden=move || steps.get().on_words()>
                {move || t_with("common.question_of", &[("n", &steps.get().number().to_string()), ("total", &total.to_string())])}
            </p>
            <div class="dots" aria-hidden="true">{dots}</div>
        </div>
    }
}

/// Back one screen; from the first question, back to the young person's services.
#[component]
fn BackButton(steps: RwSignal<Steps>, id: &'static str) -> impl IntoView {
    let navigate = use_navigate();
    let back = move |_| {
        let mut moved = false;
        steps.update(|s| moved = s.back());
        if moved {
            after_step(Some("next-question"));
        } else {
            navigate("/home", Default::default());
        }
    };
    view! { <button type="button" class="button back" id=id on:click=back>{t("common.previous_question")}</button> }
}

/// Next and Back under each question.
#[component]
fn StepButtons(steps: RwSignal<Steps>) -> impl IntoView {
    let next = move |_| {
        steps.update(Steps::next);
        after_step(steps.get_untracked().on_words().then_some("words-back"));
    };
    view! {
        <div class="step-buttons" hidden=move || steps.get().on_words()>
            <BackButton steps=steps id="question-back" />
            <button type="button" class="button primary next" id="next-question" on:click=next>{t("common.next_question")}</button>
        </div>
    }
}

/// The young person's own words, who may know it was them, and whether they want to talk.
#[component]
fn Words(form: RwSignal<FeedbackForm>) -> impl IntoView {
    view! {
        <label for="tell-us-more">{t("feedback.tell_us_more")}</label>
        <textarea id="tell-us-more" rows="4" maxlength="2000"
            on:input=move |ev| form.update(|f| f.tell_us_more = event_target_value(&ev))></textarea>
        <label for="make-better">{t("feedback.make_better")}</label>
        <textarea id="make-better" rows="3" maxlength="2000"
            on:input=move |ev| form.update(|f| f.make_better = event_target_value(&ev))></textarea>
        <fieldset class="choice">
            <legend>{t("feedback.privacy_legend")}</legend>
            <label for="anonymous"><input type="radio" id="anonymous" name="privacy" checked
                on:change=move |_| form.update(|f| f.named = false) />{t("feedback.anonymous")}</label>
            <label for="named"><input type="radio" id="named" name="privacy"
                on:change=move |_| form.update(|f| f.named = true) />{t("feedback.named")}</label>
        </fieldset>
        <label for="wants-talk" class="check"><input type="checkbox" id="wants-talk"
            on:change=move |ev| form.update(|f| f.wants_talk = event_target_checked(&ev)) />{t("feedback.wants_talk")}</label>
    }
}
