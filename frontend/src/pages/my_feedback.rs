use crate::api;
use crate::components::young_person_bar::YoungPersonBar;
use crate::i18n::t;
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::MyFeedbackStatus;

fn status_key(status: MyFeedbackStatus) -> &'static str {
    match status {
        MyFeedbackStatus::Sent => "mine.status.sent",
        MyFeedbackStatus::Read => "mine.status.read",
        MyFeedbackStatus::Changed => "mine.status.changed",
    }
}

/// The young person's own feedback: status, "we did", and why words were not shared.
#[component]
pub fn MyFeedbackPage() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let items = LocalResource::new(move || api::my_feedback(state));
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <h1>{t("mine.title")}</h1>
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || items.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p>{t("mine.none")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="cards">
                            {list.into_iter().map(|item| view! {
                                <li class="card mine">
                                    <h2 class="card-title">{item.service_name}</h2>
                                    <p class="status">{t(status_key(item.status))}</p>
                                    {item.tell_us_more.map(|text| view! { <p class="quote">{text}</p> })}
                                    {item.not_published.map(|np| view! {
                                        <div class="not-published">
                                            <h3>{t("mine.not_published")}</h3>
                                            <p>{t(&format!("not_published.{}", np.reason.as_str()))}</p>
                                            {np.note.map(|n| view! { <p>{n}</p> })}
                                        </div>
                                    })}
                                    {(!item.responses.is_empty()).then(|| view! {
                                        <div class="we-did">
                                            <h3>{t("mine.we_did")}</h3>
                                            {item.responses.into_iter().map(|r| view! { <p>{r.body}</p> }).collect_view()}
                                        </div>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                })}
            </Suspense>
            <A href="/home" attr:class="button">{t("common.back")}</A>
        </main>
    }
}
