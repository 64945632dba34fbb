use crate::api;
use crate::components::young_person_bar::YoungPersonBar;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos_router::components::A;

/// A young person's home: the services in their life, as big cards.
#[component]
pub fn Home() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let services = LocalResource::new(move || api::my_services(state));
    let name = move || state.me().map(|m| m.display_name).unwrap_or_default();
    // An adult beside the child sees the child's services and nothing else of theirs.
    let assisted = state.is_assisted();
    let title = if assisted {
        "assisted.title"
    } else {
        "home.title"
    };
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <h1>{move || t_with(title, &[("name", &name())])}</h1>
            <p class="lead">{t("home.intro")}</p>
            <Suspense fallback=ServicesLoading>
                {move || services.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p>{t("home.none")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="cards">
                            {list.into_iter().map(|s| view! {
                                <li>
                                    <A href=format!("/feedback/{}", s.id) attr:class="card">
                                        <span class="card-title">{s.name}</span>
                                        <span class="card-sub">{s.provider_name}</span>
                                    </A>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                })}
            </Suspense>
            {(!assisted).then(YoungPersonLinks)}
        </main>
    }
}

/// News, what became of their feedback, and their panels.
#[component]
fn YoungPersonLinks() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let news = LocalResource::new(move || api::my_news(state));
    let unread = move || news.get().and_then(Result::ok).map_or(0, |n| n.unread);
    view! {
        <A href="/news" attr:class=move || news_class(unread())>
            {move || match unread() {
                0 => t("home.news"),
                n => t_with("home.news_unread", &[("count", &n.to_string())]),
            }}
        </A>
        <A href="/my-feedback" attr:class="button">{t("home.my_feedback")}</A>
        <a href="/panels" class="button" rel="external">{t("home.panels")}</a>
    }
}

fn news_class(unread: u32) -> &'static str {
    if unread > 0 {
        "button primary"
    } else {
        "button"
    }
}

/// While the services load: cards of the same size in their place (most young people have about
/// three), so the buttons below do not jump when the real ones arrive.
#[component]
fn ServicesLoading() -> impl IntoView {
    view! {
        <p class="visually-hidden" role="status">{t("common.loading")}</p>
        <ul class="cards" aria-hidden="true">
            {(0..3).map(|_| view! {
                <li class="card skeleton"><span class="card-title">"\u{a0}"</span><span class="card-sub">"\u{a0}"</span></li>
            }).collect_view()}
        </ul>
    }
}
