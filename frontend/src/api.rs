//! The only place that speaks HTTP: a typed client for `/api/v1` on the same origin. Every call
//! goes through a route of `shared::routes`, so its method, path, body and answer are the ones the
//! server registers. A 401 is answered by one refresh (the HttpOnly cookie) and one retry.

use crate::state::session::SessionState;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::api::{
    AgeBandChange, Alert, ApproveFeedback, AuditVerification, CaseYoungPerson, CloseCase,
    CreatedResponse, DutyRota, FeedbackReceipt, InviteCheck, InviteInfo, Kpis, LinkService,
    MailStatus, ModerationItem, MyFeedback, MyService, NewFeedback, NewInviteBatch, NewResponse,
    PrintableInvite, RecordCaseAction, RedeemInvite, RejectFeedback, Retention, SafeguardingCase,
    SafeguardingPhrases, ScoresReport, ServiceDetail, ServiceLink, ServiceSummary, Session,
    StaffMember, StaffSignIn, YoungPersonSignIn, YoungPersonSummary,
};
use shared::routes::{self, Json, Method, NoContent, Route, Text, BASE};
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

/// A signed-in request to `template` filled with `ids`: on 401, refresh the session once and
/// send it again.
async fn send(
    state: SessionState,
    method: Method,
    template: &str,
    ids: &[Uuid],
    body: Option<&str>,
) -> Result<Response, Failure> {
    let path = routes::fill(template, ids);
    let path = path.as_str();
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

/// The body as JSON text, kept so that it can be sent again after a refresh.
fn json<B: Serialize>(body: &B) -> Result<String, Failure> {
    serde_json::to_string(body).map_err(|_| Failure::Network)
}

// One helper per shape of route. Each takes the route itself, so its method and path are the
// server's and its body and answer types must be the route's: a call that does not match the
// table does not compile.

async fn get<T: DeserializeOwned>(
    state: SessionState,
    route: &Route<(), Json<T>>,
    ids: &[Uuid],
) -> Result<T, Failure> {
    read(send(state, route.method, route.path, ids, None).await?).await
}

async fn send_json<B: Serialize, T: DeserializeOwned>(
    state: SessionState,
    route: &Route<B, Json<T>>,
    ids: &[Uuid],
    body: &B,
) -> Result<T, Failure> {
    read(send(state, route.method, route.path, ids, Some(&json(body)?)).await?).await
}

/// A route that takes no body but is not a GET: sends `{}`.
async fn act<T: DeserializeOwned>(
    state: SessionState,
    route: &Route<(), Json<T>>,
    ids: &[Uuid],
) -> Result<T, Failure> {
    read(send(state, route.method, route.path, ids, Some("{}")).await?).await
}

/// A success without a body (204).
async fn nothing_of(response: Response) -> Result<(), Failure> {
    if response.ok() {
        Ok(())
    } else {
        Err(refused(response).await)
    }
}

/// A route whose success has no body (204).
async fn no_content<B: Serialize>(
    state: SessionState,
    route: &Route<B, NoContent>,
    ids: &[Uuid],
    body: &B,
) -> Result<(), Failure> {
    nothing_of(send(state, route.method, route.path, ids, Some(&json(body)?)).await?).await
}

/// A route that takes no body and answers with none: sends `{}`.
async fn done(
    state: SessionState,
    route: &Route<(), NoContent>,
    ids: &[Uuid],
) -> Result<(), Failure> {
    nothing_of(send(state, route.method, route.path, ids, Some("{}")).await?).await
}

/// A success whose body is text (CSV or a plain-text export).
async fn text_of(response: Response) -> Result<String, Failure> {
    if !response.ok() {
        return Err(refused(response).await);
    }
    response.text().await.map_err(|_| Failure::Network)
}

async fn text(
    state: SessionState,
    route: &Route<(), Text>,
    ids: &[Uuid],
) -> Result<String, Failure> {
    text_of(send(state, route.method, route.path, ids, None).await?).await
}

/// A call made before anyone is signed in.
async fn anonymous<B: Serialize, T: DeserializeOwned>(
    route: &Route<B, Json<T>>,
    body: &B,
) -> Result<T, Failure> {
    read(once(route.method, route.path, Some(&json(body)?), None).await?).await
}

/// Restores a session from the refresh cookie (204: there is none, so nobody is signed in).
pub async fn refresh() -> Result<Session, Failure> {
    let route = routes::REFRESH_SESSION;
    let response = once(route.method, route.path, None, None).await?;
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
    let _ = once(routes::SIGN_OUT.method, routes::SIGN_OUT.path, None, None).await;
}

pub async fn sign_out_everywhere() {
    let route = routes::SIGN_OUT_EVERYWHERE;
    let _ = once(route.method, route.path, None, None).await;
}

pub fn sign_out_on_leaving() {
    if let Some(window) = web_sys::window() {
        let _ = window
            .navigator()
            .send_beacon(&format!("{BASE}{}", routes::SIGN_OUT.path));
    }
}

pub async fn sign_in_staff(body: &StaffSignIn) -> Result<Session, Failure> {
    anonymous(&routes::SIGN_IN_STAFF, body).await
}

pub async fn sign_in_young_person(body: &YoungPersonSignIn) -> Result<Session, Failure> {
    anonymous(&routes::SIGN_IN_YOUNG_PERSON, body).await
}

pub async fn check_invite(code: &str) -> Result<InviteInfo, Failure> {
    let body = InviteCheck {
        code: code.to_owned(),
    };
    anonymous(&routes::CHECK_INVITE, &body).await
}

pub async fn redeem_invite(body: &RedeemInvite) -> Result<Session, Failure> {
    anonymous(&routes::REDEEM_INVITE, body).await
}

pub async fn my_services(state: SessionState) -> Result<Vec<MyService>, Failure> {
    get(state, &routes::LIST_MY_SERVICES, &[]).await
}

pub async fn my_feedback(state: SessionState) -> Result<Vec<MyFeedback>, Failure> {
    get(state, &routes::LIST_MY_FEEDBACK, &[]).await
}

pub async fn submit_feedback(
    state: SessionState,
    body: NewFeedback,
) -> Result<FeedbackReceipt, Failure> {
    send_json(state, &routes::SUBMIT_FEEDBACK, &[], &body).await
}

pub async fn moderation_queue(state: SessionState) -> Result<Vec<ModerationItem>, Failure> {
    get(state, &routes::LIST_PENDING_FEEDBACK, &[]).await
}

pub async fn approve(state: SessionState, id: Uuid, body: ApproveFeedback) -> Result<(), Failure> {
    no_content(state, &routes::APPROVE_FEEDBACK, &[id], &body).await
}

pub async fn reject(state: SessionState, id: Uuid, body: RejectFeedback) -> Result<(), Failure> {
    no_content(state, &routes::REJECT_FEEDBACK, &[id], &body).await
}

pub async fn escalate(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::ESCALATE_FEEDBACK, &[id]).await
}

pub async fn alerts(state: SessionState) -> Result<Vec<Alert>, Failure> {
    get(state, &routes::LIST_ALERTS, &[]).await
}

/// Safeguarding email the mail server has not taken for ten minutes or more.
pub async fn mail_status(state: SessionState) -> Result<MailStatus, Failure> {
    get(state, &routes::GET_MAIL_STATUS, &[]).await
}

pub async fn acknowledge(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::ACKNOWLEDGE_ALERT, &[id]).await
}

pub async fn case(state: SessionState, id: Uuid) -> Result<SafeguardingCase, Failure> {
    get(state, &routes::GET_CASE, &[id]).await
}

pub async fn record_case_action(
    state: SessionState,
    id: Uuid,
    body: RecordCaseAction,
) -> Result<SafeguardingCase, Failure> {
    send_json(state, &routes::RECORD_CASE_ACTION, &[id], &body).await
}

pub async fn close_case(
    state: SessionState,
    id: Uuid,
    body: CloseCase,
) -> Result<SafeguardingCase, Failure> {
    send_json(state, &routes::CLOSE_CASE, &[id], &body).await
}

pub async fn young_person_services(
    state: SessionState,
    id: Uuid,
) -> Result<Vec<ServiceLink>, Failure> {
    get(state, &routes::YOUNG_PERSON_SERVICES, &[id]).await
}

pub async fn deactivate_young_person(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::DEACTIVATE_YOUNG_PERSON, &[id]).await
}

pub async fn reactivate_young_person(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::REACTIVATE_YOUNG_PERSON, &[id]).await
}

pub async fn set_age_band(
    state: SessionState,
    id: Uuid,
    body: AgeBandChange,
) -> Result<(), Failure> {
    no_content(state, &routes::SET_AGE_BAND, &[id], &body).await
}

pub async fn link_service(state: SessionState, id: Uuid, body: LinkService) -> Result<(), Failure> {
    no_content(state, &routes::LINK_SERVICE, &[id], &body).await
}

pub async fn unlink_service(state: SessionState, id: Uuid, service: Uuid) -> Result<(), Failure> {
    done(state, &routes::UNLINK_SERVICE, &[id, service]).await
}

/// Invites to print: each with its code, services and a QR code.
pub async fn invite_batch(
    state: SessionState,
    body: NewInviteBatch,
) -> Result<Vec<PrintableInvite>, Failure> {
    send_json(state, &routes::CREATE_INVITE_BATCH, &[], &body).await
}

pub async fn staff(state: SessionState) -> Result<Vec<StaffMember>, Failure> {
    get(state, &routes::LIST_STAFF, &[]).await
}

pub async fn deactivate_staff(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::DEACTIVATE_STAFF, &[id]).await
}

pub async fn reactivate_staff(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::REACTIVATE_STAFF, &[id]).await
}

pub async fn duty_rota(state: SessionState) -> Result<DutyRota, Failure> {
    get(state, &routes::GET_DUTY_ROTA, &[]).await
}

pub async fn save_duty_rota(state: SessionState, body: DutyRota) -> Result<DutyRota, Failure> {
    send_json(state, &routes::PUT_DUTY_ROTA, &[], &body).await
}

/// Who wrote the feedback behind a case (the look is audited on the server).
pub async fn case_young_person(state: SessionState, id: Uuid) -> Result<CaseYoungPerson, Failure> {
    get(state, &routes::CASE_YOUNG_PERSON, &[id]).await
}

pub async fn respond(state: SessionState, body: NewResponse) -> Result<CreatedResponse, Failure> {
    send_json(state, &routes::CREATE_RESPONSE, &[], &body).await
}

pub async fn scores(state: SessionState, window: String) -> Result<ScoresReport, Failure> {
    let route = routes::GET_SCORES;
    let path = format!("{}?window={window}", route.path);
    read(send(state, route.method, &path, &[], None).await?).await
}

pub async fn scores_csv(state: SessionState, window: String) -> Result<String, Failure> {
    let route = routes::GET_SCORES;
    let path = format!("{}?window={window}&format=csv", route.path);
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

pub async fn kpis(state: SessionState) -> Result<Kpis, Failure> {
    get(state, &routes::GET_KPIS, &[]).await
}

/// The tenders list as CSV.
pub async fn tenders_csv(state: SessionState) -> Result<String, Failure> {
    let route = routes::LIST_TENDERS;
    let path = format!("{}?format=csv", route.path);
    text_of(send(state, route.method, &path, &[], None).await?).await
}

pub async fn kpis_csv(state: SessionState) -> Result<String, Failure> {
    let route = routes::GET_KPIS;
    let path = format!("{}?format=csv", route.path);
    text_of(send(state, route.method, &path, &[], None).await?).await
}

pub async fn services(state: SessionState) -> Result<Vec<ServiceSummary>, Failure> {
    get(state, &routes::LIST_SERVICES, &[]).await
}

pub async fn phrases(state: SessionState) -> Result<SafeguardingPhrases, Failure> {
    get(state, &routes::GET_PHRASES, &[]).await
}

pub async fn save_phrases(
    state: SessionState,
    body: SafeguardingPhrases,
) -> Result<SafeguardingPhrases, Failure> {
    send_json(state, &routes::PUT_PHRASES, &[], &body).await
}

pub async fn verify_audit(state: SessionState) -> Result<AuditVerification, Failure> {
    get(state, &routes::VERIFY_AUDIT_LOG, &[]).await
}

pub async fn audit_csv(state: SessionState) -> Result<String, Failure> {
    text(state, &routes::EXPORT_AUDIT_LOG, &[]).await
}

// ----- Tender panels -----

pub async fn panels(state: SessionState) -> Result<Vec<Panel>, Failure> {
    get(state, &routes::LIST_PANELS, &[]).await
}

pub async fn panel(state: SessionState, id: Uuid) -> Result<Panel, Failure> {
    get(state, &routes::GET_PANEL, &[id]).await
}

pub async fn express_interest(state: SessionState, id: Uuid) -> Result<Panel, Failure> {
    act(state, &routes::EXPRESS_INTEREST, &[id]).await
}

pub async fn training(state: SessionState) -> Result<TrainingStatus, Failure> {
    get(state, &routes::GET_TRAINING, &[]).await
}

pub async fn take_quiz(state: SessionState, answers: Vec<u8>) -> Result<QuizResult, Failure> {
    send_json(state, &routes::TAKE_QUIZ, &[], &QuizAnswers { answers }).await
}

pub async fn conflicts(state: SessionState, id: Uuid) -> Result<ConflictList, Failure> {
    get(state, &routes::GET_CONFLICTS, &[id]).await
}

pub async fn declare_conflicts(
    state: SessionState,
    id: Uuid,
    conflicted: Vec<Uuid>,
) -> Result<ConflictList, Failure> {
    let body = ConflictDeclaration { conflicted };
    send_json(state, &routes::DECLARE_CONFLICTS, &[id], &body).await
}

pub async fn panel_bids(state: SessionState, id: Uuid) -> Result<Vec<PanelBid>, Failure> {
    get(state, &routes::LIST_PANEL_BIDS, &[id]).await
}

pub async fn panel_bid(state: SessionState, id: Uuid, bid: Uuid) -> Result<PanelBid, Failure> {
    get(state, &routes::GET_PANEL_BID, &[id, bid]).await
}

pub async fn save_score(
    state: SessionState,
    tender: Uuid,
    bid: Uuid,
    question: Uuid,
    draft: &ScoreDraft,
) -> Result<MyScore, Failure> {
    send_json(state, &routes::SAVE_SCORE, &[tender, bid, question], draft).await
}

pub async fn submit_scores(state: SessionState, tender: Uuid) -> Result<Vec<MyScore>, Failure> {
    act(state, &routes::SUBMIT_SCORES, &[tender]).await
}

pub async fn outcome(state: SessionState, id: Uuid) -> Result<PanelOutcome, Failure> {
    get(state, &routes::GET_OUTCOME, &[id]).await
}

pub async fn participation(state: SessionState) -> Result<ParticipationRecord, Failure> {
    get(state, &routes::GET_PARTICIPATION, &[]).await
}

pub async fn tenders(state: SessionState) -> Result<Vec<TenderSummary>, Failure> {
    get(state, &routes::LIST_TENDERS, &[]).await
}

pub async fn tender(state: SessionState, id: Uuid) -> Result<TenderDetail, Failure> {
    get(state, &routes::GET_TENDER, &[id]).await
}

pub async fn create_tender(state: SessionState, body: &NewTender) -> Result<TenderDetail, Failure> {
    send_json(state, &routes::CREATE_TENDER, &[], body).await
}

pub async fn add_bid(state: SessionState, id: Uuid, body: &NewBid) -> Result<StaffBid, Failure> {
    send_json(state, &routes::ADD_BID, &[id], body).await
}

pub async fn providers(state: SessionState) -> Result<Vec<ProviderSummary>, Failure> {
    get(state, &routes::LIST_PROVIDERS, &[]).await
}

/// Moves a tender on: `open`, `end-scoring` or `close`.
pub async fn tender_step(state: SessionState, id: Uuid, step: &str) -> Result<(), Failure> {
    let ids = [id];
    match step {
        "open" => act(state, &routes::OPEN_PANEL, &ids).await.map(drop),
        "end-scoring" => act(state, &routes::END_SCORING, &ids).await.map(drop),
        _ => act(state, &routes::CLOSE_PANEL, &ids).await.map(drop),
    }
}

pub async fn members(state: SessionState, id: Uuid) -> Result<Vec<Member>, Failure> {
    get(state, &routes::LIST_MEMBERS, &[id]).await
}

/// Approves (`approve`) or declines (`decline`) a young person's place on the panel.
pub async fn decide_member(
    state: SessionState,
    id: Uuid,
    user: Uuid,
    decision: &str,
) -> Result<(), Failure> {
    let route = match decision {
        "approve" => &routes::APPROVE_MEMBER,
        _ => &routes::DECLINE_MEMBER,
    };
    done(state, route, &[id, user]).await
}

pub async fn exclude(state: SessionState, id: Uuid, body: &NewExclusion) -> Result<(), Failure> {
    no_content(state, &routes::EXCLUDE_MEMBER, &[id], body).await
}

pub async fn evaluation(state: SessionState, id: Uuid) -> Result<Evaluation, Failure> {
    get(state, &routes::GET_EVALUATION, &[id]).await
}

pub async fn record_consensus(
    state: SessionState,
    id: Uuid,
    body: &NewConsensus,
) -> Result<(), Failure> {
    no_content(state, &routes::RECORD_CONSENSUS, &[id], body).await
}

pub async fn evaluation_csv(state: SessionState, id: Uuid) -> Result<String, Failure> {
    text(state, &routes::EXPORT_EVALUATION, &[id]).await
}

pub async fn my_data(state: SessionState) -> Result<String, Failure> {
    text(state, &routes::EXPORT_MY_DATA, &[]).await
}

pub async fn young_people(state: SessionState) -> Result<Vec<YoungPersonSummary>, Failure> {
    get(state, &routes::LIST_YOUNG_PEOPLE, &[]).await
}

pub async fn young_person_data(state: SessionState, id: Uuid) -> Result<String, Failure> {
    text(state, &routes::EXPORT_YOUNG_PERSON, &[id]).await
}

pub async fn erase_young_person(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::ERASE_YOUNG_PERSON, &[id]).await
}

pub async fn retention(state: SessionState) -> Result<Retention, Failure> {
    get(state, &routes::GET_RETENTION, &[]).await
}

pub async fn set_retention(state: SessionState, months: u32) -> Result<Retention, Failure> {
    send_json(state, &routes::PUT_RETENTION, &[], &Retention { months }).await
}

pub async fn unlock_young_person(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::UNLOCK_YOUNG_PERSON, &[id]).await
}
