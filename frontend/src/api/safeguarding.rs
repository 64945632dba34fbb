//! The participation team's safeguarding calls: alerts and cases, who wrote one (audited on the
//! server), the duty rota, the phrase list, and whether the alert email is getting out.

use super::{done, get, send_json, Failure};
use crate::state::session::SessionState;
use shared::api::{
    Alert, CaseYoungPerson, CloseCase, DutyRota, MailStatus, RecordCaseAction, SafeguardingCase,
    SafeguardingPhrases,
};
use shared::routes;
use uuid::Uuid;

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

/// Who wrote the feedback behind a case (the look is audited on the server).
pub async fn case_young_person(state: SessionState, id: Uuid) -> Result<CaseYoungPerson, Failure> {
    get(state, &routes::CASE_YOUNG_PERSON, &[id]).await
}

pub async fn duty_rota(state: SessionState) -> Result<DutyRota, Failure> {
    get(state, &routes::GET_DUTY_ROTA, &[]).await
}

pub async fn save_duty_rota(state: SessionState, body: DutyRota) -> Result<DutyRota, Failure> {
    send_json(state, &routes::PUT_DUTY_ROTA, &[], &body).await
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
