//! The commissioners' dashboard: scores for a chosen period, a service's page, the
//! participation figures and the quarterly report, each also as CSV.

use super::{act, done, get, read, send, send_json, text_of, Failure};
use crate::state::session::SessionState;
use shared::api::{
    Kpis, NewProviderReply, ProviderReply, QuarterlyReport, ReplyApproved, ScoresReport,
    ServiceDetail,
};
use shared::routes;
use uuid::Uuid;

/// The scores for a window (`year` or `quarter`) ending with `quarter` ("2026-Q2").
pub async fn scores(
    state: SessionState,
    window: String,
    quarter: String,
) -> Result<ScoresReport, Failure> {
    let route = routes::GET_SCORES;
    let path = format!("{}?window={window}&quarter={quarter}", route.path);
    read(send(state, route.method, &path, &[], None).await?).await
}

pub async fn scores_csv(
    state: SessionState,
    window: String,
    quarter: String,
) -> Result<String, Failure> {
    let route = routes::GET_SCORES;
    let path = format!(
        "{}?window={window}&quarter={quarter}&format=csv",
        route.path
    );
    text_of(send(state, route.method, &path, &[], None).await?).await
}

pub async fn service_detail(state: SessionState, id: Uuid) -> Result<ServiceDetail, Failure> {
    let route = routes::GET_SERVICE_DETAIL;
    let path = format!("{}?quarters=8", route.at(&[id]));
    read(send(state, route.method, &path, &[], None).await?).await
}

/// One of a service page's tables as CSV: `trend`, `quotes` or `responses`.
pub async fn service_csv(state: SessionState, id: Uuid, table: &str) -> Result<String, Failure> {
    let route = routes::GET_SERVICE_DETAIL;
    let path = format!("{}?quarters=8&format=csv&table={table}", route.at(&[id]));
    text_of(send(state, route.method, &path, &[], None).await?).await
}

pub async fn kpis(state: SessionState, quarter: String) -> Result<Kpis, Failure> {
    let route = routes::GET_KPIS;
    let path = format!("{}?quarter={quarter}", route.path);
    read(send(state, route.method, &path, &[], None).await?).await
}

pub async fn kpis_csv(state: SessionState, quarter: String) -> Result<String, Failure> {
    let route = routes::GET_KPIS;
    let path = format!("{}?quarter={quarter}&format=csv", route.path);
    text_of(send(state, route.method, &path, &[], None).await?).await
}

pub async fn quarterly_report(
    state: SessionState,
    quarter: String,
) -> Result<QuarterlyReport, Failure> {
    let route = routes::GET_QUARTERLY_REPORT;
    let path = format!("{}?quarter={quarter}", route.path);
    read(send(state, route.method, &path, &[], None).await?).await
}

pub async fn quarterly_report_csv(state: SessionState, quarter: String) -> Result<String, Failure> {
    let route = routes::GET_QUARTERLY_REPORT;
    let path = format!("{}?quarter={quarter}&format=csv", route.path);
    text_of(send(state, route.method, &path, &[], None).await?).await
}

/// A provider's own services' scores (the commissioners' rows for them).
pub async fn provider_scores(state: SessionState, window: String) -> Result<ScoresReport, Failure> {
    let route = routes::GET_PROVIDER_SCORES;
    let path = format!("{}?window={window}", route.path);
    read(send(state, route.method, &path, &[], None).await?).await
}

/// One of a provider's own services, as its commissioners' page shows it.
pub async fn provider_service(state: SessionState, id: Uuid) -> Result<ServiceDetail, Failure> {
    let route = routes::GET_PROVIDER_SERVICE;
    let path = format!("{}?quarters=8", route.at(&[id]));
    read(send(state, route.method, &path, &[], None).await?).await
}

/// A provider replies to a theme or a "we did" of one of its services.
pub async fn reply(state: SessionState, body: NewProviderReply) -> Result<ProviderReply, Failure> {
    send_json(state, &routes::CREATE_PROVIDER_REPLY, &[], &body).await
}

pub async fn pending_replies(state: SessionState) -> Result<Vec<ProviderReply>, Failure> {
    get(state, &routes::LIST_PENDING_REPLIES, &[]).await
}

pub async fn approve_reply(state: SessionState, id: Uuid) -> Result<ReplyApproved, Failure> {
    act(state, &routes::APPROVE_REPLY, &[id]).await
}

pub async fn reject_reply(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::REJECT_REPLY, &[id]).await
}
