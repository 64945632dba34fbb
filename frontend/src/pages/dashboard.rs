use crate::api;
use crate::components::staff_bar::StaffBar;
use crate::components::theme_response::ThemeResponse;
use crate::i18n::t;
use crate::state::dashboard::{
    change_words, one_decimal, providers, recent_quarters, select, trend_symbol, Sort,
};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::api::{Kpis, ServiceScores, ServiceType};
use shared::Dimension;

fn cell(service: &ServiceScores, dimension: Dimension) -> String {
    match service.dimensions.iter().find(|d| d.dimension == dimension) {
        Some(d) if d.state == "shown" => {
            let now = format!(
                "{} ({}–{}), {:.0}% {}, n={}",
                d.value.map(one_decimal).unwrap_or_default(),
                d.low.map(one_decimal).unwrap_or_default(),
                d.high.map(one_decimal).unwrap_or_default(),
                d.positive.unwrap_or_default() * 100.0,
                t("dashboard.positive"),
                d.n.unwrap_or_default()
            );
            match &d.before {
                Some(b) => format!(
                    "{now}; {} {} ({}–{}): {}",
                    t("dashboard.before"),
                    one_decimal(b.value),
                    one_decimal(b.low),
                    one_decimal(b.high),
                    t(change_words(&b.change))
                ),
                None => now,
            }
        }
        Some(_) => t("dashboard.suppressed"),
        None => "—".to_owned(),
    }
}

/// The commissioner's dashboard: needs attention first, then every service's scores.
#[component]
pub fn Dashboard() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let quarters = recent_quarters();
    let quarter = RwSignal::new(quarters[0].clone());
    let window = RwSignal::new("year".to_owned());
    let kind = RwSignal::new(None::<ServiceType>);
    let provider = RwSignal::new(None::<String>);
    let sort = RwSignal::new(Sort::LowestFirst);
    let only = RwSignal::new(None::<Dimension>);
    let report = LocalResource::new(move || api::scores(state, window.get(), quarter.get()));
    let kpis = LocalResource::new(move || api::kpis(state, quarter.get()));
    let export = move |_| {
        spawn_local(async move {
            let (w, q) = (window.get_untracked(), quarter.get_untracked());
            if let Ok(csv) = api::scores_csv(state, w, q).await {
                crate::download::csv_file("chorus-scores.csv", &csv);
            }
        })
    };
    view! {
        <StaffBar />
        <main class="page staff wide">
            <h1>{t("dashboard.title")}</h1>
            <Suspense fallback=|| ()>
                {move || kpis.get().and_then(Result::ok).map(|k| view! { <KpiSummary kpis=k export=true /> })}
            </Suspense>
            <div class="filters">
                <label for="window">{t("dashboard.window")}</label>
                <select id="window" on:change=move |ev| window.set(event_target_value(&ev))>
                    <option value="year">{t("dashboard.window.year")}</option>
                    <option value="quarter">{t("dashboard.window.quarter")}</option>
                </select>
                <label for="quarter">{t("dashboard.quarter")}</label>
                <select id="quarter" on:change=move |ev| quarter.set(event_target_value(&ev))>
                    {quarters.into_iter().map(|q| view! { <option value=q.clone()>{q.clone()}</option> }).collect_view()}
                </select>
                <label for="kind">{t("dashboard.type")}</label>
                <select id="kind" on:change=move |ev| kind.set(ServiceType::parse(&event_target_value(&ev)))>
                    <option value="">{t("dashboard.type.all")}</option>
                    {ServiceType::ALL.into_iter().map(|k| view! { <option value=k.as_str()>{t(&format!("type.{}", k.as_str()))}</option> }).collect_view()}
                </select>
                <button type="button" class="button" on:click=export>{t("dashboard.export")}</button>
                {move || { let q = quarter.get(); view! {
                    <A href=format!("/staff/report/{q}") attr:class="button">{format!("{} {q}", t("report.open"))}</A>
                }}}
            </div>
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                // The filters are read here, in the tracked closure, so changing one redraws.
                {move || report.get().map(|result| match result {
                    Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                    Ok(report) => {
                        let all_providers = providers(&report.services);
                        let rows = select(&report.services, kind.get(), provider.get().as_deref(), sort.get());
                        view! {
                            <p class="small">{format!("{} {} · {}", t("dashboard.window_end"), report.window_end, t("dashboard.rule"))}</p>
                            <p class="small">{t("dashboard.rule.disclosure")}</p>
                            <Filters all_providers=all_providers provider=provider only=only sort=sort />
                            <Attention rows=rows.clone() />
                            <ScoresTable rows=rows only=only.get() />
                        }.into_any()
                    }
                })}
            </Suspense>
            <ThemeResponse />
        </main>
    }
}

/// A quarter's participation figures, and (`export`) their CSV.
#[component]
pub fn KpiSummary(kpis: Kpis, export: bool) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let k = kpis;
    let quarter = k.quarter.clone();
    let download = move |_| {
        let quarter = quarter.clone();
        spawn_local(async move {
            if let Ok(csv) = api::kpis_csv(state, quarter).await {
                crate::download::csv_file("chorus-participation.csv", &csv);
            }
        })
    };
    view! {
        <section aria-labelledby="kpi-heading" class="kpis">
            <h2 id="kpi-heading">{format!("{} {}", t("kpi.title"), k.quarter)}</h2>
            <dl>
                <dt>{t("kpi.received")}</dt><dd>{k.feedback_received.to_string()}</dd>
                <dt>{t("kpi.moderate")}</dt><dd>{k.median_hours_to_moderate.map(|h| format!("{h:.0} h")).unwrap_or_else(|| "—".into())}</dd>
                <dt>{t("kpi.we_did")}</dt><dd>{k.share_with_we_did.map(|s| format!("{:.0}%", s * 100.0)).unwrap_or_else(|| "—".into())}</dd>
                <dt>{t("kpi.active")}</dt><dd>{k.young_people_active.to_string()}</dd>
                <dt>{t("kpi.panels")}</dt><dd>{k.panels_run.to_string()}</dd>
                <dt>{t("kpi.commissioners")}</dt><dd>{k.young_commissioners_active.to_string()}</dd>
            </dl>
            {export.then(|| view! { <button type="button" class="button" on:click=download.clone()>{t("kpi.export")}</button> })}
        </section>
    }
}

/// Provider, outcome and order of the table.
#[component]
fn Filters(
    all_providers: Vec<String>,
    provider: RwSignal<Option<String>>,
    only: RwSignal<Option<Dimension>>,
    sort: RwSignal<Sort>,
) -> impl IntoView {
    view! {
        <div class="filters">
            <label for="provider">{t("dashboard.provider")}</label>
            <select id="provider" on:change=move |ev| { let v = event_target_value(&ev); provider.set((!v.is_empty()).then_some(v)) }>
                <option value="">{t("dashboard.provider.all")}</option>
                {all_providers.into_iter().map(|p| view! { <option value=p.clone() selected=provider.get_untracked().as_deref() == Some(p.as_str())>{p.clone()}</option> }).collect_view()}
            </select>
            <label for="outcome">{t("dashboard.outcome")}</label>
            <select id="outcome" on:change=move |ev| { let v = event_target_value(&ev); only.set(Dimension::ALL.into_iter().find(|d| d.as_str() == v)) }>
                <option value="">{t("dashboard.outcome.all")}</option>
                {Dimension::ALL.into_iter().map(|d| view! { <option value=d.as_str() selected=only.get_untracked() == Some(d)>{t(&format!("dimension.{}", d.as_str()))}</option> }).collect_view()}
            </select>
            <label for="sort">{t("dashboard.sort")}</label>
            <select id="sort" on:change=move |ev| sort.set(Sort::parse(&event_target_value(&ev)))>
                <option value="lowest" selected=sort.get_untracked() == Sort::LowestFirst>{t("dashboard.sort.lowest")}</option>
                <option value="highest" selected=sort.get_untracked() == Sort::HighestFirst>{t("dashboard.sort.highest")}</option>
                <option value="name" selected=sort.get_untracked() == Sort::Name>{t("dashboard.sort.name")}</option>
            </select>
        </div>
    }
}

/// The services flagged below their comparator or falling, with why.
#[component]
pub fn Attention(rows: Vec<ServiceScores>) -> impl IntoView {
    let attention = rows.into_iter().filter(|s| !s.needs_attention.is_empty());
    view! {
        <section aria-labelledby="attention-heading">
            <h2 id="attention-heading">{t("dashboard.attention")}</h2>
            <ul class="attention">
                {attention.map(|s| view! {
                    <li><strong>{s.service_name.clone()}</strong>" ("{s.provider_name.clone()}"): "
                        {s.needs_attention.iter().map(|r| t(&format!("dashboard.reason.{r}"))).collect::<Vec<_>>().join("; ")}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Every service's scores, one column per outcome (or only the one chosen).
#[component]
pub fn ScoresTable(
    rows: Vec<ServiceScores>,
    only: Option<Dimension>,
    /// Where a service's page is: the commissioners' by default.
    #[prop(default = "/staff/dashboard/service")]
    pages: &'static str,
) -> impl IntoView {
    let shown = move || {
        Dimension::ALL
            .into_iter()
            .filter(move |d| only.is_none_or(|o| o == *d))
    };
    view! {
        <div class="table-wrap" role="region" aria-labelledby="scores-heading" tabindex="0">
            <table>
                <caption id="scores-heading">{t("dashboard.table")}</caption>
                <thead><tr>
                    <th scope="col">{t("dashboard.service")}</th>
                    <th scope="col">{t("dashboard.overall")}</th>
                    {shown().map(|d| view! { <th scope="col">{t(&format!("dimension.{}", d.as_str()))}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|s| { let name = s.service_name.clone(); let href = format!("{pages}/{}", s.service_id); view! {
                        <tr>
                            <th scope="row"><A href=href>{name}</A><br/><span class="small">{s.provider_name.clone()}</span></th>
                            <td>{match s.overall { Some(v) => format!("{} {}", one_decimal(v), trend_symbol(s.trend.as_deref())), None => t("dashboard.suppressed") }}</td>
                            {shown().map(|d| view! { <td>{cell(&s, d)}</td> }).collect_view()}
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
