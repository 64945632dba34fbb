use crate::api;
use crate::components::replies::{Replies, ReplyForm};
use crate::components::staff_bar::StaffBar;
use crate::i18n::{t, t_with};
use crate::state::chart::{segments, x, y, HEIGHT, WIDTH};
use crate::state::dashboard::one_decimal;
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::Role;
use uuid::Uuid;

/// One service: the quarterly trend (chart and the same numbers as a table), approved quotes,
/// "we did" responses and how many safeguarding alerts are open (never their content).
#[component]
pub fn ServiceDetailPage() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let params = use_params_map();
    // A provider reads its own services through its own route, and downloads nothing.
    let provider = state.me().is_some_and(|m| m.role == Role::Provider);
    // Read here, not in the future, so a new id fetches again.
    let detail = LocalResource::new(move || {
        let id = params
            .with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()))
            .unwrap_or_default();
        async move {
            if provider {
                api::provider_service(state, id).await
            } else {
                api::service_detail(state, id).await
            }
        }
    });
    let back = if provider {
        "/staff/provider"
    } else {
        "/staff/dashboard"
    };
    view! {
        <StaffBar />
        <main class="page staff wide">
            <A href=back attr:class="button">{t("common.back")}</A>
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || detail.get().map(|result| match result {
                    Err(_) => view! { <p class="error" role="alert">{t("error.not_found")}</p> }.into_any(),
                    Ok(d) => {
                        let replies = RwSignal::new(d.replies.clone());
                        let values: Vec<Option<f64>> = d.trend.iter().map(|q| q.overall).collect();
                        let n = values.len();
                        let lines = segments(&values);
                        let dots: Vec<(f64, f64)> = values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (x(i, n), y(v)))).collect();
                        view! {
                            <h1>{d.service_name.clone()}</h1>
                            <p class="small">{d.provider_name.clone()}</p>
                            {d.open_safeguarding_alerts.map(|n| view! { <p>{t_with("detail.alerts", &[("n", &n.to_string())])}</p> })}
                            <h2 id="trend-heading">{t("detail.trend")}</h2>
                            <svg class="chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby="trend-heading">
                                {[1.0, 3.0, 5.0].into_iter().map(|g| view! {
                                    <line x1="24" x2=WIDTH - 24.0 y1=y(g) y2=y(g) class="grid" />
                                    <text x="4" y=y(g) + 4.0 class="axis">{g.to_string()}</text>
                                }).collect_view()}
                                {lines.into_iter().map(|points| view! { <polyline points=points class="line" /> }).collect_view()}
                                {dots.into_iter().map(|(cx, cy)| view! { <circle cx=cx cy=cy r="4" class="dot" /> }).collect_view()}
                            </svg>
                            {(!provider).then(|| view! { <Export id=d.service_id table="trend" label="detail.export" /> })}
                            <table>
                                <caption>{t("detail.table")}</caption>
                                <thead><tr><th scope="col">{t("detail.quarter")}</th><th scope="col">{t("dashboard.overall")}</th></tr></thead>
                                <tbody>
                                    {d.trend.iter().map(|q| view! {
                                        <tr><th scope="row">{q.quarter.clone()}</th>
                                            <td>{q.overall.map(one_decimal).unwrap_or_else(|| t("dashboard.suppressed"))}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <h2>{t("detail.quotes")}</h2>
                            <ul>{d.quotes.iter().map(|q| view! { <li class="quote">{q.text.clone()}" ("{q.quarter.clone()}")"</li> }).collect_view()}</ul>
                            {(!provider).then(|| view! { <Export id=d.service_id table="quotes" label="detail.export_quotes" /> })}
                            <h2>{t("detail.responses")}</h2>
                            <ul>{d.responses.iter().map(|r| view! { <li>{r.body.clone()}</li> }).collect_view()}</ul>
                            {(!provider).then(|| view! { <Export id=d.service_id table="responses" label="detail.export_responses" /> })}
                            <Replies replies=replies />
                            {provider.then(|| view! { <ReplyForm service_id=d.service_id responses=d.responses.clone() replies=replies /> })}
                        }.into_any()
                    }
                })}
            </Suspense>
        </main>
    }
}

/// Downloads one of the page's tables as CSV (`trend`, `quotes` or `responses`).
#[component]
fn Export(id: Uuid, table: &'static str, label: &'static str) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let download = move |_| {
        leptos::task::spawn_local(async move {
            if let Ok(csv) = api::service_csv(state, id, table).await {
                crate::download::csv_file(&format!("chorus-service-{table}.csv"), &csv);
            }
        })
    };
    view! { <button type="button" class="button" on:click=download>{t(label)}</button> }
}
