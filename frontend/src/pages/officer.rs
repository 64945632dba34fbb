use crate::api;
use crate::components::moderation_card::ModerationCard;
use crate::components::phrases::Phrases;
use crate::components::replies::ReplyQueue;
use crate::components::staff_bar::StaffBar;
use crate::components::theme_response::ThemeResponse;
use crate::i18n::{t, t_with};
use crate::pages::case::{clock, reasons_in_words, status_in_words};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::api::{Alert, CaseStatus};

/// The participation officer's page: open safeguarding cases, then the moderation queue
/// (safeguarding first, then oldest first).
#[component]
pub fn Officer() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let version = RwSignal::new(0u32);
    let queue = LocalResource::new(move || {
        version.track();
        api::moderation_queue(state)
    });
    let alerts = LocalResource::new(move || {
        version.track();
        api::alerts(state)
    });
    let reload = Callback::new(move |_| version.update(|v| *v += 1));
    view! {
        <StaffBar />
        <main class="page staff">
            <h1>{t("officer.title")}</h1>
            <section aria-labelledby="alerts-heading">
                <h2 id="alerts-heading">{t("officer.alerts")}</h2>
                <StuckMail />
                <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                    {move || alerts.get().map(|result| {
                        let open: Vec<Alert> = result.unwrap_or_default().into_iter().filter(|a| a.status != CaseStatus::Closed).collect();
                        view! { <OpenCases open=open on_change=reload /> }
                    })}
                </Suspense>
            </section>
            <section aria-labelledby="queue-heading">
                <h2 id="queue-heading">{t("officer.queue")}</h2>
                <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                    {move || queue.get().map(|result| match result {
                        Ok(items) if items.is_empty() => view! { <p>{t("officer.none")}</p> }.into_any(),
                        Ok(items) => view! {
                            <ul class="queue">
                                {items.into_iter().map(|item| view! { <ModerationCard item=item on_done=reload /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                    })}
                </Suspense>
            </section>
            <ReplyQueue />
            <ThemeResponse />
        </main>
    }
}

/// Every case not yet closed, oldest waiting first as the server sends them, each with its clock.
#[component]
fn OpenCases(open: Vec<Alert>, on_change: Callback<()>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    if open.is_empty() {
        return view! { <p>{t("officer.no_alerts")}</p> }.into_any();
    }
    view! {
        <ul class="queue">
            {open.into_iter().map(|alert| {
                let id = alert.id;
                // Escalated along the duty rota: said on the card, as it was in the email.
                let escalated = alert.escalated_at.map(|at| {
                    let time = at.format("%H:%M UTC").to_string();
                    format!(" · {}", t_with("officer.escalated", &[("time", &time)]))
                });
                let status = format!(
                    "{} · {}{}",
                    status_in_words(alert.status),
                    clock(&alert),
                    escalated.unwrap_or_default()
                );
                view! {
                    <li class="card alert">
                        <p class="flag">{format!("{} — {}", alert.service_name, reasons_in_words(&alert))}</p>
                        <p class="small">{status}</p>
                        <A href=format!("/staff/cases/{id}") attr:class="button">{t("officer.open_case")}</A>
                        {(alert.status == CaseStatus::New).then(|| view! {
                            <button type="button" class="button" on:click=move |_| {
                                spawn_local(async move {
                                    let _ = api::acknowledge(state, id).await;
                                    on_change.run(());
                                });
                            }>{t("officer.acknowledge")}</button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Says so when safeguarding email has not gone out for ten minutes or more: alerts must then be
/// read here, and the mail server looked at.
#[component]
fn StuckMail() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let status = LocalResource::new(move || api::mail_status(state));
    move || {
        let stuck = status.get().and_then(Result::ok).filter(|s| s.stuck > 0)?;
        let words = t_with(
            "officer.mail_stuck",
            &[
                ("count", &stuck.stuck.to_string()),
                ("minutes", &stuck.oldest_minutes.to_string()),
            ],
        );
        Some(view! { <p class="warning" role="alert">{words}</p> })
    }
}

/// The participation team's safeguarding phrases, on their own page.
#[component]
pub fn PhrasesPage() -> impl IntoView {
    view! {
        <StaffBar />
        <main class="page staff">
            <h1>{t("nav.phrases")}</h1>
            <Phrases />
        </main>
    }
}
