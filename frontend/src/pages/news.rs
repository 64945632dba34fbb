use crate::api;
use crate::components::young_person_bar::YoungPersonBar;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::api::{NewsItem, NewsKind};

/// The sentence that says what happened.
fn headline(item: &NewsItem) -> String {
    let key = match item.kind {
        NewsKind::FeedbackPublished => "news.published",
        NewsKind::FeedbackNotPublished => "news.not_published",
        NewsKind::WeDid => "news.we_did",
        NewsKind::PanelApproved => "news.panel_approved",
        NewsKind::PanelOutcome => "news.panel_outcome",
        NewsKind::ProviderReply => "news.provider_reply",
    };
    t_with(key, &[("about", &item.about)])
}

fn one(item: NewsItem) -> impl IntoView {
    let title = headline(&item);
    let why = item
        .not_published
        .map(|np| (t(&format!("not_published.{}", np.reason.as_str())), np.note));
    let outcome = (item.kind == NewsKind::PanelOutcome)
        .then_some(item.panel_id)
        .flatten()
        .map(|id| format!("/panels/{id}"));
    view! {
        <li class="card news" class:unread=!item.read>
            {(!item.read).then(|| view! { <span class="badge">{t("news.new")}</span> })}
            <h2 class="card-title">{title}</h2>
            {why.map(|(words, note)| view! {
                <p>{words}</p>
                {note.map(|n| view! { <p class="quote">{n}</p> })}
            })}
            {item.we_did.map(|body| view! { <p class="quote">{body}</p> })}
            {outcome.map(|href| view! { <a href=href rel="external">{t("news.see_outcome")}</a> })}
        </li>
    }
}

/// What happened to what the young person said and to their panels, newest first. Opening the
/// page marks what it shows as seen; this visit still shows which were new.
#[component]
pub fn NewsPage() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let news = LocalResource::new(move || async move {
        let news = api::my_news(state).await?;
        let unseen: Vec<_> = news
            .items
            .iter()
            .filter(|n| !n.read)
            .map(|n| n.id)
            .collect();
        if !unseen.is_empty() {
            // Seen or not, the page is shown; a failure leaves them new for next time.
            spawn_local(async move {
                let _ = api::seen_news(state, unseen).await;
            });
        }
        Ok::<_, api::Failure>(news)
    });
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <h1>{t("news.title")}</h1>
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || news.get().map(|result| match result {
                    Ok(news) if news.items.is_empty() => view! { <p>{t("news.none")}</p> }.into_any(),
                    Ok(news) => view! {
                        <ul class="cards">{news.items.into_iter().map(one).collect_view()}</ul>
                    }.into_any(),
                    Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                })}
            </Suspense>
            <A href="/home" attr:class="button">{t("common.back")}</A>
        </main>
    }
}
