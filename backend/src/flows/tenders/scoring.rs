//! Scoring, which young people and commissioners share: each scores the questions meant for
//! them on the bids they may see, saves drafts, then sends them all at once.

use super::{invalid, my_scores, window, Change, NOT_FOUND};
use crate::auth::AuthUser;
use crate::flows::FlowError;
use crate::store::{
    self,
    entities::{bid, tender_question},
    tenders::TenderData,
};
use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::json;
use shared::tender::{MyScore, ScoreDraft, TenderStatus};
use shared::Reason;
use shared::Role;
use uuid::Uuid;

/// The questions this evaluator scores, and the bids they may see.
fn may_score(data: &TenderData, user: AuthUser, question: &tender_question::Model) -> bool {
    let scored_by = TenderData::scored_by(question);
    let role_scores_it = match user.role {
        Role::YoungPerson => scored_by.by_young_people(),
        Role::Commissioner => scored_by.by_professionals(),
        _ => false,
    };
    role_scores_it && data.tender.organisation_id == user.organisation_id
}

fn visible_bids(data: &TenderData, user: AuthUser) -> impl Iterator<Item = &bid::Model> {
    data.bids
        .iter()
        .filter(move |b| b.label.is_some() && !data.is_excluded(user.id, b.id))
}

/// A young person may score once approved, trained and past the conflicts step.
pub async fn ready_to_score(
    db: &impl ConnectionTrait,
    data: &TenderData,
    user: AuthUser,
) -> Result<(), FlowError> {
    if user.role != Role::YoungPerson {
        return Ok(());
    }
    let approved = data.is_approved(user.id);
    if !approved {
        return Err(NOT_FOUND);
    }
    if store::tenders::trained(db, &[user.id]).await?.is_empty() {
        return Err(FlowError::Conflict(
            Reason::TrainingNeeded,
            "Please do the training first.",
        ));
    }
    if data
        .member(user.id)
        .is_some_and(|m| m.conflicts_declared_at.is_none())
    {
        return Err(FlowError::Conflict(
            Reason::ConflictsNotDeclared,
            "Please tell us about anyone you know first.",
        ));
    }
    Ok(())
}

/// A change to one's own scores: the panel is scoring, and one has not sent them yet.
async fn scoring(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<Change, FlowError> {
    let change = Change::begin(db, user, tender_id).await?;
    let data = &change.data;
    if data.status() == TenderStatus::Draft && user.role == Role::YoungPerson {
        return Err(NOT_FOUND);
    }
    ready_to_score(change.txn(), data, user).await?;
    if !window(&data.tender).scoring_open(Utc::now()) {
        return Err(FlowError::Conflict(
            Reason::OutsideScoringDates,
            "Scoring is not open: check the dates on the panel.",
        ));
    }
    if data.has_submitted(user.id) {
        return Err(FlowError::Conflict(
            Reason::ScoresLocked,
            "You have sent your scores, so they are locked.",
        ));
    }
    Ok(change)
}

pub async fn save_score(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
    bid_id: Uuid,
    question_id: Uuid,
    draft: &ScoreDraft,
) -> Result<MyScore, FlowError> {
    let draft = draft.validated()?;
    let change = scoring(db, user, tender_id).await?;
    let data = &change.data;
    if !visible_bids(data, user).any(|b| b.id == bid_id) {
        return Err(FlowError::NotFound(
            Reason::BidNotFound,
            "We could not find that bid.",
        ));
    }
    let question = data
        .questions
        .iter()
        .find(|q| q.id == question_id && may_score(data, user, q))
        .ok_or(FlowError::NotFound(
            Reason::QuestionNotYours,
            "That question is not one you score.",
        ))?;
    let existing = data
        .scores
        .iter()
        .find(|s| s.bid_id == bid_id && s.question_id == question.id && s.evaluator_id == user.id);
    let key = store::tenders::ScoreKey {
        tender: data.tender.clone(),
        bid_id,
        question_id,
        evaluator_id: user.id,
        young_person: user.role == Role::YoungPerson,
    };
    store::tenders::save_draft(change.txn(), &key, existing, draft.score, &draft.reason).await?;
    let details = json!({ "bid_id": bid_id, "question_id": question_id,
        "score": draft.score, "previous": existing.map(|s| s.score) });
    change.commit("tender_score_saved", details).await?;
    Ok(MyScore {
        bid_id,
        question_id,
        score: draft.score,
        reason: draft.reason,
        submitted: false,
    })
}

/// How many answered questions on the bids one may see one has not scored yet.
fn unscored(data: &TenderData, user: AuthUser) -> usize {
    visible_bids(data, user)
        .flat_map(|b| {
            data.questions
                .iter()
                .filter(|q| may_score(data, user, q))
                .map(move |q| (b.id, q.id))
        })
        .filter(|&(b, q)| data.answer(b, q).is_some())
        .filter(|&(b, q)| {
            !data
                .scores
                .iter()
                .any(|s| s.bid_id == b && s.question_id == q && s.evaluator_id == user.id)
        })
        .count()
}

/// Sends all of one's scores: every answered question on every bid one may see must be scored.
pub async fn submit(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<Vec<MyScore>, FlowError> {
    let change = scoring(db, user, tender_id).await?;
    let missing = unscored(&change.data, user);
    if missing > 0 {
        return Err(invalid(
            "scores",
            Reason::ScoresMissing,
            format!("Please score every question on every bid first: {missing} to go."),
        ));
    }
    let count = store::tenders::submit_scores(change.txn(), tender_id, user.id).await?;
    let data = change
        .commit_reloaded("tender_scores_submitted", json!({ "scores": count }))
        .await?;
    Ok(my_scores(&data, user.id))
}
