//! The regional view: for each provider and service type the council commissions, its own
//! scores for a closed financial year beside the region's pooled ones; and, on the admin page,
//! the council's region (join, create, leave).

use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::components::staff_bar::StaffBar;
use crate::components::year_picker::FinancialYearPicker;
use crate::i18n::{t, t_with};
use crate::state::dashboard::one_decimal;
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{DimensionScore, RegionGroup, Regions};
use shared::Dimension;

/// One score as the table shows it: value, interval and how many, or why not.
fn cell(scores: &[DimensionScore], dimension: Dimension) -> String {
    match scores.iter().find(|d| d.dimension == dimension) {
        Some(d) if d.state == "shown" => format!(
            "{} ({}–{}), n={}",
            d.value.map(one_decimal).unwrap_or_default(),
            d.low.map(one_decimal).unwrap_or_default(),
            d.high.map(one_decimal).unwrap_or_default(),
            d.n.unwrap_or_default()
        ),
        Some(_) => t("dashboard.suppressed"),
        None => "—".to_owned(),
    }
}

#[component]
pub fn RegionPage() -> impl IntoView {
    let state = expect_context::<SessionState>();
    // A financial year, as the server names it: its last quarter ("2026-Q1").
    let year = RwSignal::new(String::new());
    let picker = view! { <FinancialYearPicker year=year /> };
    let report = LocalResource::new(move || api::region_scores(state, year.get()));
    view! {
        <StaffBar />
        <main class="page staff wide">
            <h1>{t("region.title")}</h1>
            <p class="small">{t("region.explain")}</p>
            {picker}
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || report.get().map(|result| match result {
                    Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                    Ok(r) => match r.region {
                        None => view! { <p>{t("region.none")}</p> }.into_any(),
                        Some(region) => view! {
                            <p>{t_with("region.in", &[("name", &region.name), ("n", &region.councils.to_string())])}</p>
                            <p class="small">{t_with("region.rule", &[("n", &r.min_cohort.to_string())])}</p>
                            {r.groups.is_empty().then(|| view! { <p>{t("region.nothing")}</p> })}
                            {r.groups.into_iter().map(|g| view! { <Group group=g /> }).collect_view()}
                        }.into_any(),
                    },
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Group(group: RegionGroup) -> impl IntoView {
    let heading = format!(
        "{}{} · {}",
        group.provider_name,
        group
            .provider_urn
            .as_deref()
            .map(|u| format!(" ({u})"))
            .unwrap_or_default(),
        t(&format!("type.{}", group.service_type.as_str()))
    );
    let own_label = t_with("region.own", &[("n", &group.own_services.to_string())]);
    view! {
        <section class="card">
            <h2>{heading}</h2>
            <table class="scores">
                <thead><tr>
                    <th scope="col">{t("region.outcome")}</th>
                    <th scope="col">{own_label}</th>
                    <th scope="col">{t("region.pooled")}</th>
                </tr></thead>
                <tbody>
                    {Dimension::ALL.into_iter()
                        .filter(|d| group.pooled.iter().chain(&group.own).any(|s| s.dimension == *d))
                        .map(|d| view! { <tr>
                            <th scope="row">{t(&format!("dimension.{}", d.as_str()))}</th>
                            <td>{cell(&group.own, d)}</td>
                            <td>{cell(&group.pooled, d)}</td>
                        </tr> }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// The council's region on the admin page: where it is, or the regions it may join or create.
#[component]
pub fn RegionMembership() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let failure = RwSignal::new(None::<Failure>);
    let regions = RwSignal::new(None::<Regions>);
    let name = RwSignal::new(String::new());
    let settle = move |result: Result<Regions, Failure>| match result {
        Ok(r) => {
            failure.set(None);
            regions.set(Some(r));
        }
        Err(f) => failure.set(Some(f)),
    };
    spawn_local(async move { settle(api::regions(state).await) });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked();
        spawn_local(async move { settle(api::create_region(state, n).await) });
    };
    let leave = move |_| spawn_local(async move { settle(api::leave_region(state).await) });
    view! {
        <section aria-labelledby="region-heading">
            <h2 id="region-heading">{t("region.admin")}</h2>
            <p class="small">{t("region.admin.explain")}</p>
            <ErrorMessage failure=failure />
            {move || regions.get().map(|r| match r.regions.iter().find(|x| x.member).cloned() {
                Some(mine) => view! {
                    <p role="status">{t_with("region.in", &[("name", &mine.name), ("n", &mine.councils.to_string())])}</p>
                    <button type="button" class="button" on:click=leave>{t("region.leave")}</button>
                }.into_any(),
                None => view! {
                    <ul>
                        {r.regions.into_iter().map(|x| {
                            let id = x.id;
                            let join = move |_| spawn_local(async move { settle(api::join_region(state, id).await) });
                            view! { <li>
                                {t_with("region.choice", &[("name", &x.name), ("n", &x.councils.to_string())])}" "
                                <button type="button" class="button" on:click=join>{t_with("region.join", &[("name", &x.name)])}</button>
                            </li> }
                        }).collect_view()}
                    </ul>
                    <form on:submit=create>
                        <label for="region-name">{t("region.name")}</label>
                        <input id="region-name" type="text" maxlength="120"
                            prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                        <button type="submit" class="button">{t("region.create")}</button>
                    </form>
                }.into_any(),
            })}
        </section>
    }
}
