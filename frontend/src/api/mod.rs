//! The only place that speaks HTTP: a typed client for `/api/v1` on the same origin. Every call
//! goes through a route of `shared::routes`, so its method, path, body and answer are the ones the
//! server registers. A 401 is answered by one refresh (the HttpOnly cookie) and one retry, except
//! in an assisted session, which ends.

use crate::state::session::SessionState;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::api::{
    ApproveFeedback, AuditVerification, CreatedResponse, FeedbackReceipt, InviteCheck, InviteInfo,
    ModerationItem, MyFeedback, MyService, NewFeedback, NewResponse, News, NewsSeen, PushEndpoint,
    PushKey, RedeemInvite, RejectFeedback, Retention, ServiceSummary, Session, StaffSignIn,
    YoungPersonSignIn,
};
use shared::routes::{self, Json, Method, NoContent, Route, Text, BASE};
use shared::validate::Invalid;
use shared::{ApiError, ErrorCode};
use uuid::Uuid;

mod dashboard;
mod directory;
mod people;
mod regions;
mod safeguarding;
mod tenders;

pub use dashboard::*;
pub use directory::*;
pub use people::*;
pub use regions::*;
pub use safeguarding::*;
pub use tenders::*;

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
    // An assisted session has no refresh: the cookie is the officer's, not the child's.
    if state.is_assisted() {
        state.clear();
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
fn signed_out() -> Failure {
    Failure::Api(ApiError {
        error: ErrorCode::Unauthenticated,
        reason: shared::Reason::Unauthenticated,
        message: String::new(),
        field: None,
    })
}

/// Set (no words in it) when a sign-out could not reach the server, or may not have (quick exit):
/// the refresh cookie may still be good, so nothing signs back in with it until the server has
/// been told.
const SIGN_OUT_OWED: &str = "chorus.sign_out_owed";

/// A new session from the refresh cookie. A sign-out still owed is paid first, and then nobody
/// is signed in: the young person who left must sign in again.
pub async fn refresh() -> Result<Session, Failure> {
    if crate::offline::read_item(SIGN_OUT_OWED).is_some() {
        sign_out().await;
        return Err(if crate::offline::read_item(SIGN_OUT_OWED).is_some() {
            Failure::Network
        } else {
            signed_out()
        });
    }
    let route = routes::REFRESH_SESSION;
    let response = once(route.method, route.path, None, None).await?;
    if response.status() == 204 {
        return Err(signed_out());
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

/// Signs out on the server (ends the refresh cookie); owed until the server is reached.
pub async fn sign_out() {
    let reached = once(routes::SIGN_OUT.method, routes::SIGN_OUT.path, None, None).await;
    crate::offline::write_item(SIGN_OUT_OWED, reached.is_err().then_some("1"));
}

/// Every sign-in of this person ends; offline, this phone's is owed like `sign_out`'s.
pub async fn sign_out_everywhere() {
    let route = routes::SIGN_OUT_EVERYWHERE;
    let reached = once(route.method, route.path, None, None).await;
    crate::offline::write_item(SIGN_OUT_OWED, reached.is_err().then_some("1"));
}

/// Quick exit: the page is gone this instant, so whether the sign-out got through is never
/// known; it is owed until the next start settles it.
pub fn sign_out_on_leaving() {
    crate::offline::write_item(SIGN_OUT_OWED, Some("1"));
    if let Some(window) = web_sys::window() {
        let _ = window
            .navigator()
            .send_beacon(&format!("{BASE}{}", routes::SIGN_OUT.path));
    }
}

/// The password step of a staff sign-in: signed in, or a code is asked for next.
pub async fn sign_in_staff(body: &StaffSignIn) -> Result<shared::api::StaffSignInStep, Failure> {
    anonymous(&routes::SIGN_IN_STAFF, body).await
}

/// The code step of a staff sign-in.
pub async fn sign_in_staff_code(
    body: &shared::api::SecondFactorCode,
) -> Result<shared::api::SecondFactorSignedIn, Failure> {
    anonymous(&routes::SIGN_IN_STAFF_CODE, body).await
}

pub async fn sign_in_young_person(body: &YoungPersonSignIn) -> Result<Session, Failure> {
    anonymous(&routes::SIGN_IN_YOUNG_PERSON, body).await
}

/// "I have forgotten my password": a link goes to the email if it is a staff account's.
pub async fn request_password_reset(email: &str) -> Result<(), Failure> {
    let route = routes::REQUEST_PASSWORD_RESET;
    let body = json(&shared::api::PasswordResetRequest {
        email: email.to_owned(),
    })?;
    nothing_of(once(route.method, route.path, Some(&body), None).await?).await
}

/// Chooses a password through an emailed link's secret.
pub async fn set_password(token: &str, password: &str) -> Result<(), Failure> {
    let route = routes::SET_PASSWORD;
    let body = json(&shared::api::SetPassword {
        token: token.to_owned(),
        password: password.to_owned(),
    })?;
    nothing_of(once(route.method, route.path, Some(&body), None).await?).await
}

/// A new PIN with the reset code an officer gave: signed in again, the same account.
pub async fn reset_pin(body: &shared::api::ResetPin) -> Result<Session, Failure> {
    anonymous(&routes::RESET_PIN, body).await
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

pub async fn my_news(state: SessionState) -> Result<News, Failure> {
    get(state, &routes::GET_MY_NEWS, &[]).await
}

pub async fn seen_news(state: SessionState, ids: Vec<Uuid>) -> Result<(), Failure> {
    no_content(state, &routes::SEEN_MY_NEWS, &[], &NewsSeen { ids }).await
}

pub async fn push_key(state: SessionState) -> Result<PushKey, Failure> {
    get(state, &routes::GET_PUSH_KEY, &[]).await
}

/// `subscription` is the browser's own JSON of it (`PushSubscription.toJSON()`), sent as it is:
/// the server reads and checks it, so the app carries no code to read it again.
pub async fn turn_push_on(state: SessionState, subscription: &str) -> Result<(), Failure> {
    let route = &routes::TURN_PUSH_ON;
    nothing_of(send(state, route.method, route.path, &[], Some(subscription)).await?).await
}

pub async fn turn_push_off(state: SessionState, endpoint: &PushEndpoint) -> Result<(), Failure> {
    no_content(state, &routes::TURN_PUSH_OFF, &[], endpoint).await
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

pub async fn respond(state: SessionState, body: NewResponse) -> Result<CreatedResponse, Failure> {
    send_json(state, &routes::CREATE_RESPONSE, &[], &body).await
}

pub async fn services(state: SessionState) -> Result<Vec<ServiceSummary>, Failure> {
    get(state, &routes::LIST_SERVICES, &[]).await
}

pub async fn verify_audit(state: SessionState) -> Result<AuditVerification, Failure> {
    get(state, &routes::VERIFY_AUDIT_LOG, &[]).await
}

pub async fn audit_csv(state: SessionState) -> Result<String, Failure> {
    text(state, &routes::EXPORT_AUDIT_LOG, &[]).await
}

pub async fn my_data(state: SessionState) -> Result<String, Failure> {
    text(state, &routes::EXPORT_MY_DATA, &[]).await
}

pub async fn retention(state: SessionState) -> Result<Retention, Failure> {
    get(state, &routes::GET_RETENTION, &[]).await
}

pub async fn set_retention(state: SessionState, months: u32) -> Result<Retention, Failure> {
    send_json(state, &routes::PUT_RETENTION, &[], &Retention { months }).await
}
