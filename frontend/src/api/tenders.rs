//! Tenders and young commissioner panels: the young commissioner's calls (panels, training,
//! conflicts, scoring) and the staff's (tenders, bids, members, evaluation).

use super::{act, done, get, no_content, send, send_json, text, text_of, Failure};
use crate::state::session::SessionState;
use shared::routes;
use shared::tender::{
    ConflictDeclaration, ConflictList, Evaluation, Member, MyScore, NewBid, NewConsensus,
    NewExclusion, NewTender, Panel, PanelBid, PanelOutcome, ParticipationRecord, ProviderSummary,
    QuizAnswers, QuizResult, ScoreDraft, StaffBid, TenderDetail, TenderSummary, TrainingStatus,
};
use uuid::Uuid;

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

/// The tenders list as CSV.
pub async fn tenders_csv(state: SessionState) -> Result<String, Failure> {
    let route = routes::LIST_TENDERS;
    let path = format!("{}?format=csv", route.path);
    text_of(send(state, route.method, &path, &[], None).await?).await
}
