//! The only place that speaks HTTP: a typed client for `/api/v1` on the same origin. A 401 is
//! answered by one refresh (the HttpOnly cookie) and one retry.

use crate::state::session::SessionState;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::api::{
    Alert, ApproveFeedback, AuditVerification, CreatedResponse, FeedbackReceipt, InviteCheck,
    InviteInfo, Kpis, ModerationItem, MyFeedback, MyService, NewFeedback, NewResponse,
    RedeemInvite, RejectFeedback, SafeguardingPhrases, ScoresReport, ServiceDetail, ServiceSummary,
    Session, StaffSignIn, YoungPersonSignIn,
};
use shared::tender::{
    ConflictDeclaration, ConflictList, Evaluation, Member, MyScore, NewBid, NewConsensus,
    NewExclusion, NewTender, Panel, PanelBid, PanelOutcome, ParticipationRecord, ProviderSummary,
    QuizAnswers, QuizResult, ScoreDraft, StaffBid, TenderDetail, TenderSummary, TrainingStatus,
};
use shared::validate::Invalid;
use shared::{ApiError, ErrorCode};
use uuid::Uuid;

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The server refused, with its reason.
    Api(ApiError),
    /// No answer (offline, or the server is down).
    Network,
}

impl Failure {
    /// Whether signing in again could make the same call succeed.
    pub fn is_signed_out(&self) -> bool {
        matches!(self, Failure::Api(e) if e.error == ErrorCode::Unauthenticated)
    }
}

/// A form refusing input before sending shows it like the server's refusal (same words).
impl From<Invalid> for Failure {
    fn from(invalid: Invalid) -> Failure {
        Failure::Api(ApiError {
            error: ErrorCode::InvalidInput,
            reason: invalid.reason,
            message: invalid.message,
            field: Some(invalid.field.into()),
        })
    }
}

const BASE: &str = "/api/v1";

#[derive(Clone, Copy)]
enum Method {
    Get,
    Post,
    Put,
}

async fn refused(response: Response) -> Failure {
    match response.json::<ApiError>().await {
        Ok(error) => Failure::Api(error),
        Err(_) => Failure::Network,
    }
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, Failure> {
    if response.ok() {
        response.json::<T>().await.map_err(|_| Failure::Network)
    } else {
        Err(refused(response).await)
    }
}

/// One request, with a JSON body when there is one.
async fn once(
    method: Method,
    path: &str,
    body: Option<&str>,
    token: Option<&str>,
) -> Result<Response, Failure> {
    let url = format!("{BASE}{path}");
    let mut builder: RequestBuilder = match method {
        Method::Get => Request::get(&url),
        Method::Post => Request::post(&url),
        Method::Put => Request::put(&url),
    };
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body)
            .map_err(|_| Failure::Network)?,
        None => builder.build().map_err(|_| Failure::Network)?,
    };
    request.send().await.map_err(|_| Failure::Network)
}

/// A signed-in request: on 401, refresh the session once and send it again.
async fn send(
    state: SessionState,
    method: Method,
    path: &str,
    body: Option<&str>,
) -> Result<Response, Failure> {
    let response = once(method, path, body, state.token().as_deref()).await?;
    if response.status() != 401 {
        return Ok(response);
    }
    match refresh().await {
        Ok(session) => {
            let token = session.access_token.clone();
            state.signed_in(session);
            once(method, path, body, Some(&token)).await
        }
        Err(_) => {
            state.clear();
            Ok(response)
        }
    }
}

/// The body of a call that needs none: `{}`.
#[derive(Serialize)]
struct Empty {}

/// The body as JSON text, kept so that it can be sent again after a refresh.
fn json<B: Serialize>(body: &B) -> Result<String, Failure> {
    serde_json::to_string(body).map_err(|_| Failure::Network)
}

async fn get<T: DeserializeOwned>(state: SessionState, path: &str) -> Result<T, Failure> {
    read(send(state, Method::Get, path, None).await?).await
}

async fn post<B: Serialize, T: DeserializeOwned>(
    state: SessionState,
    path: &str,
    body: &B,
) -> Result<T, Failure> {
    read(send(state, Method::Post, path, Some(&json(body)?)).await?).await
}

async fn put<B: Serialize, T: DeserializeOwned>(
    state: SessionState,
    path: &str,
    body: &B,
) -> Result<T, Failure> {
    read(send(state, Method::Put, path, Some(&json(body)?)).await?).await
}

/// A call whose success has no body (204).
async fn post_empty<B: Serialize>(
    state: SessionState,
    path: &str,
    body: &B,
) -> Result<(), Failure> {
    let response = send(state, Method::Post, path, Some(&json(body)?)).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(refused(response).await)
    }
}

/// A GET whose body is text (CSV).
async fn get_text(state: SessionState, path: &str) -> Result<String, Failure> {
    let response = send(state, Method::Get, path, None).await?;
    if !response.ok() {
        return Err(refused(response).await);
    }
    response.text().await.map_err(|_| Failure::Network)
}

/// A call made before anyone is signed in.
async fn post_anonymous<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, Failure> {
    read(once(Method::Post, path, Some(&json(body)?), None).await?).await
}

/// Restores a session from the refresh cookie (204: there is none, so nobody is signed in).
pub async fn refresh() -> Result<Session, Failure> {
    let response = once(Method::Post, "/auth/refresh", None, None).await?;
    if response.status() == 204 {
        return Err(Failure::Api(ApiError {
            error: ErrorCode::Unauthenticated,
            reason: shared::Reason::Unauthenticated,
            message: String::new(),
            field: None,
        }));
    }
    read(response).await
}

/// A language's words (`/locales/<code>.json`, served beside the app); kept by the service
/// worker once fetched, so the chosen language works offline too.
pub async fn locale(code: &str) -> Result<std::collections::HashMap<String, String>, Failure> {
    let response = Request::get(&format!("/locales/{code}.json"))
        .send()
        .await
        .map_err(|_| Failure::Network)?;
    read(response).await
}

pub async fn sign_out() {
    let _ = once(Method::Post, "/auth/sign-out", None, None).await;
}

/// Ends every sign-in of this person, on every device.
pub async fn sign_out_everywhere() {
    let _ = once(Method::Post, "/auth/sign-out-everywhere", None, None).await;
}

/// Ends the sign-in even while the page is being left (quick exit): the browser sends a beacon
/// after the page has gone, with the refresh cookie.
pub fn sign_out_on_leaving() {
    if let Some(window) = web_sys::window() {
        let _ = window
            .navigator()
            .send_beacon(&format!("{BASE}/auth/sign-out"));
    }
}

pub async fn sign_in_staff(body: &StaffSignIn) -> Result<Session, Failure> {
    post_anonymous("/auth/staff/sign-in", body).await
}

pub async fn sign_in_young_person(body: &YoungPersonSignIn) -> Result<Session, Failure> {
    post_anonymous("/auth/young-person/sign-in", body).await
}

pub async fn check_invite(code: &str) -> Result<InviteInfo, Failure> {
    post_anonymous(
        "/invites/check",
        &InviteCheck {
            code: code.to_owned(),
        },
    )
    .await
}

pub async fn redeem_invite(body: &RedeemInvite) -> Result<Session, Failure> {
    post_anonymous("/invites/redeem", body).await
}

pub async fn my_services(state: SessionState) -> Result<Vec<MyService>, Failure> {
    get(state, "/me/services").await
}

pub async fn my_feedback(state: SessionState) -> Result<Vec<MyFeedback>, Failure> {
    get(state, "/me/feedback").await
}

pub async fn submit_feedback(
    state: SessionState,
    body: NewFeedback,
) -> Result<FeedbackReceipt, Failure> {
    post(state, "/feedback", &body).await
}

pub async fn moderation_queue(state: SessionState) -> Result<Vec<ModerationItem>, Failure> {
    get(state, "/moderation/queue").await
}

pub async fn approve(state: SessionState, id: Uuid, body: ApproveFeedback) -> Result<(), Failure> {
    post_empty(state, &format!("/moderation/feedback/{id}/approve"), &body).await
}

pub async fn reject(state: SessionState, id: Uuid, body: RejectFeedback) -> Result<(), Failure> {
    post_empty(state, &format!("/moderation/feedback/{id}/reject"), &body).await
}

pub async fn escalate(state: SessionState, id: Uuid) -> Result<(), Failure> {
    post_empty(
        state,
        &format!("/moderation/feedback/{id}/escalate"),
        &Empty {},
    )
    .await
}

pub async fn alerts(state: SessionState) -> Result<Vec<Alert>, Failure> {
    get(state, "/safeguarding/alerts").await
}

pub async fn acknowledge(state: SessionState, id: Uuid) -> Result<(), Failure> {
    post_empty(
        state,
        &format!("/safeguarding/alerts/{id}/acknowledge"),
        &Empty {},
    )
    .await
}

pub async fn respond(state: SessionState, body: NewResponse) -> Result<CreatedResponse, Failure> {
    post(state, "/responses", &body).await
}

pub async fn scores(state: SessionState, window: String) -> Result<ScoresReport, Failure> {
    get(state, &format!("/dashboard/scores?window={window}")).await
}

/// The scores table as CSV text (the download is made from it in the page).
pub async fn scores_csv(state: SessionState, window: String) -> Result<String, Failure> {
    get_text(
        state,
        &format!("/dashboard/scores?window={window}&format=csv"),
    )
    .await
}

pub async fn service_detail(state: SessionState, id: Uuid) -> Result<ServiceDetail, Failure> {
    get(state, &format!("/dashboard/services/{id}?quarters=8")).await
}

/// One service's quarterly trend as CSV text.
pub async fn service_csv(state: SessionState, id: Uuid) -> Result<String, Failure> {
    get_text(
        state,
        &format!("/dashboard/services/{id}?quarters=8&format=csv"),
    )
    .await
}

pub async fn kpis(state: SessionState) -> Result<Kpis, Failure> {
    get(state, "/dashboard/kpis").await
}

pub async fn services(state: SessionState) -> Result<Vec<ServiceSummary>, Failure> {
    get(state, "/services").await
}

pub async fn phrases(state: SessionState) -> Result<SafeguardingPhrases, Failure> {
    get(state, "/admin/safeguarding-phrases").await
}

pub async fn save_phrases(
    state: SessionState,
    body: SafeguardingPhrases,
) -> Result<SafeguardingPhrases, Failure> {
    read(
        send(
            state,
            Method::Put,
            "/admin/safeguarding-phrases",
            Some(&json(&body)?),
        )
        .await?,
    )
    .await
}

pub async fn verify_audit(state: SessionState) -> Result<AuditVerification, Failure> {
    get(state, "/admin/audit/verify").await
}

/// The audit log as CSV text.
pub async fn audit_csv(state: SessionState) -> Result<String, Failure> {
    get_text(state, "/admin/audit/export").await
}

// ----- Tender panels -----

pub async fn panels(state: SessionState) -> Result<Vec<Panel>, Failure> {
    get(state, "/panels").await
}

pub async fn panel(state: SessionState, id: Uuid) -> Result<Panel, Failure> {
    get(state, &format!("/panels/{id}")).await
}

pub async fn express_interest(state: SessionState, id: Uuid) -> Result<Panel, Failure> {
    post(state, &format!("/panels/{id}/interest"), &Empty {}).await
}

pub async fn training(state: SessionState) -> Result<TrainingStatus, Failure> {
    get(state, "/training").await
}

pub async fn take_quiz(state: SessionState, answers: Vec<u8>) -> Result<QuizResult, Failure> {
    post(state, "/training", &QuizAnswers { answers }).await
}

pub async fn conflicts(state: SessionState, id: Uuid) -> Result<ConflictList, Failure> {
    get(state, &format!("/panels/{id}/conflicts")).await
}

pub async fn declare_conflicts(
    state: SessionState,
    id: Uuid,
    conflicted: Vec<Uuid>,
) -> Result<ConflictList, Failure> {
    post(
        state,
        &format!("/panels/{id}/conflicts"),
        &ConflictDeclaration { conflicted },
    )
    .await
}

pub async fn panel_bids(state: SessionState, id: Uuid) -> Result<Vec<PanelBid>, Failure> {
    get(state, &format!("/panels/{id}/bids")).await
}

pub async fn panel_bid(state: SessionState, id: Uuid, bid: Uuid) -> Result<PanelBid, Failure> {
    get(state, &format!("/panels/{id}/bids/{bid}")).await
}

pub async fn save_score(
    state: SessionState,
    tender: Uuid,
    bid: Uuid,
    question: Uuid,
    draft: &ScoreDraft,
) -> Result<MyScore, Failure> {
    put(
        state,
        &format!("/tenders/{tender}/bids/{bid}/scores/{question}"),
        draft,
    )
    .await
}

pub async fn submit_scores(state: SessionState, tender: Uuid) -> Result<Vec<MyScore>, Failure> {
    post(state, &format!("/tenders/{tender}/submit"), &Empty {}).await
}

pub async fn outcome(state: SessionState, id: Uuid) -> Result<PanelOutcome, Failure> {
    get(state, &format!("/panels/{id}/outcome")).await
}

pub async fn participation(state: SessionState) -> Result<ParticipationRecord, Failure> {
    get(state, "/me/participation").await
}

pub async fn tenders(state: SessionState) -> Result<Vec<TenderSummary>, Failure> {
    get(state, "/tenders").await
}

pub async fn tender(state: SessionState, id: Uuid) -> Result<TenderDetail, Failure> {
    get(state, &format!("/tenders/{id}")).await
}

pub async fn create_tender(state: SessionState, body: &NewTender) -> Result<TenderDetail, Failure> {
    post(state, "/tenders", body).await
}

pub async fn add_bid(state: SessionState, id: Uuid, body: &NewBid) -> Result<StaffBid, Failure> {
    post(state, &format!("/tenders/{id}/bids"), body).await
}

pub async fn providers(state: SessionState) -> Result<Vec<ProviderSummary>, Failure> {
    get(state, "/providers").await
}

/// Open, end-scoring or close.
pub async fn tender_step(state: SessionState, id: Uuid, step: &str) -> Result<(), Failure> {
    let response = send(
        state,
        Method::Post,
        &format!("/tenders/{id}/{step}"),
        Some("{}"),
    )
    .await?;
    if response.ok() {
        Ok(())
    } else {
        Err(refused(response).await)
    }
}

pub async fn members(state: SessionState, id: Uuid) -> Result<Vec<Member>, Failure> {
    get(state, &format!("/tenders/{id}/members")).await
}

pub async fn decide_member(
    state: SessionState,
    id: Uuid,
    user: Uuid,
    decision: &str,
) -> Result<(), Failure> {
    post_empty(
        state,
        &format!("/tenders/{id}/members/{user}/{decision}"),
        &Empty {},
    )
    .await
}

pub async fn exclude(state: SessionState, id: Uuid, body: &NewExclusion) -> Result<(), Failure> {
    post_empty(state, &format!("/tenders/{id}/exclusions"), body).await
}

pub async fn evaluation(state: SessionState, id: Uuid) -> Result<Evaluation, Failure> {
    get(state, &format!("/tenders/{id}/evaluation")).await
}

pub async fn record_consensus(
    state: SessionState,
    id: Uuid,
    body: &NewConsensus,
) -> Result<(), Failure> {
    post_empty(state, &format!("/tenders/{id}/consensus"), body).await
}

pub async fn evaluation_csv(state: SessionState, id: Uuid) -> Result<String, Failure> {
    get_text(state, &format!("/tenders/{id}/export")).await
}

/// Everything Chorus keeps about the signed-in young person, as readable text.
pub async fn my_data(state: SessionState) -> Result<String, Failure> {
    get_text(state, "/me/export").await
}

pub async fn young_people(
    state: SessionState,
) -> Result<Vec<shared::api::YoungPersonSummary>, Failure> {
    get(state, "/young-people").await
}

pub async fn young_person_data(state: SessionState, id: Uuid) -> Result<String, Failure> {
    get_text(state, &format!("/young-people/{id}/export")).await
}

pub async fn erase_young_person(state: SessionState, id: Uuid) -> Result<(), Failure> {
    post_empty(state, &format!("/young-people/{id}/erase"), &Empty {}).await
}

pub async fn retention(state: SessionState) -> Result<shared::api::Retention, Failure> {
    get(state, "/admin/retention").await
}

pub async fn set_retention(
    state: SessionState,
    months: u32,
) -> Result<shared::api::Retention, Failure> {
    put(
        state,
        "/admin/retention",
        &shared::api::Retention { months },
    )
    .await
}

pub async fn unlock_young_person(state: SessionState, id: Uuid) -> Result<(), Failure> {
    post_empty(state, &format!("/young-people/{id}/unlock"), &Empty {}).await
}
