use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::components::face_scale::FaceScale;
use crate::components::young_person_bar::YoungPersonBar;
use crate::i18n::{t, t_with};
use crate::offline;
use crate::state::feedback_form::FeedbackForm;
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::ApiError;
use uuid::Uuid;

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

#[component]
fn FeedbackForm(service: shared::api::MyService) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let pending = expect_context::<offline::Pending>();
    let navigate = use_navigate();
    // The id is made once, so pressing Send again after a network error sends the same feedback.
    let form = RwSignal::new(FeedbackForm::new(Uuid::new_v4(), service.id));
    let failure = RwSignal::new(None::<Failure>);
    // Easy read: one question a screen, then the words and Send.
    let easy = crate::prefs::Prefs::load().easy_read;
    let total = service.questions.len();
    let step = RwSignal::new(0usize);
    let shown = move |i: usize| {
        if !easy || step.get() == i {
            "block"
        } else {
            "none"
        }
    };
    let questions = service
        .questions
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let on_change = Callback::new(move |v: Option<u8>| form.update(|f| f.answer(d, v)));
            view! { <div style:display=move || shown(i)><FaceScale dimension=d on_change=on_change /></div> }
        })
        .collect_view();
    let stepper = easy.then(|| {
        view! {
            <div class="stepper" style:display=move || if step.get() < total { "block" } else { "none" }>
                <p class="status">{move || t_with("common.question_of", &[("n", &(step.get() + 1).to_string()), ("total", &total.to_string())])}</p>
                <button type="button" class="button primary" on:click=move |_| step.update(|s| *s += 1)>{t("common.next_question")}</button>
                <button type="button" class="button" disabled=move || step.get() == 0 on:click=move |_| step.update(|s| *s = s.saturating_sub(1))>{t("common.previous_question")}</button>
            </div>
        }
    });
    let rest_shown = move || {
        if !easy || step.get() >= total {
            "block"
        } else {
            "none"
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
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
        offline::enqueue(user, request);
        pending.refused.set(None);
        pending.waiting.set(offline::count_all());
        navigate("/thanks", Default::default());
        spawn_local(offline::flush(state, pending));
    };
    view! {
        <h1>{t_with("feedback.title", &[("service", &service.name)])}</h1>
        <form on:submit=on_submit>
            {questions}
            {stepper}
            <div style:display=rest_shown>
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
            <ErrorMessage failure=failure />
            <button type="submit" class="button primary">
                {t("feedback.send")}
            </button>
            </div>
        </form>
    }
}
