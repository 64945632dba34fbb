//! After the scoring window: the evaluation sheet, the moderation meeting's agreed scores, and
//! closing the panel on its decision.

use super::{invalid, load, view::questions, window, Change};
use crate::auth::AuthUser;
use crate::domain::tender::evaluation::{evaluate, GivenScore, Sheet, SheetBid};
use crate::flows::FlowError;
use crate::store::{self, tenders::TenderData};
use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::json;
use shared::api::NewsKind;
use shared::tender::{Consensus, Evaluation, MemberStatus, NewConsensus, TenderStatus};
use shared::Reason;
use shared::Role;
use std::collections::HashMap;
use uuid::Uuid;

/// The loaded tender as the evaluation rules read it.
pub fn sheet(data: &TenderData) -> Sheet {
    Sheet {
        tender_id: data.tender.id,
        title: data.tender.title.clone(),
        status: data.status(),
        quality_weight: data.tender.quality_weight as u32,
        price_weight: data.tender.price_weight as u32,
        questions: questions(data),
        bids: data
            .bids
            .iter()
            .map(|b| SheetBid {
                id: b.id,
                label: TenderData::label(b),
                provider_name: data.provider_name(b),
                price_pence: b.price_pence,
            })
            .collect(),
        answered: data
            .answers
            .iter()
            .map(|a| (a.bid_id, a.question_id))
            .collect(),
        members: data.members.iter().map(|m| m.user_id).collect(),
        excluded: data
            .exclusions
            .iter()
            .map(|e| (e.user_id, e.bid_id))
            .collect(),
        scores: data
            .scores
            .iter()
            .map(|s| GivenScore {
                bid_id: s.bid_id,
                question_id: s.question_id,
                evaluator_id: s.evaluator_id,
                young_person: s.young_person,
                score: s.score as u8,
                reason: s.reason.clone(),
                submitted: s.submitted_at.is_some(),
            })
            .collect(),
        consensus: data
            .consensus
            .iter()
            .map(|c| {
                let agreed = Consensus {
                    score: c.score as u8,
                    rationale: c.rationale.clone(),
                    recorded_at: c.recorded_at,
                };
                ((c.bid_id, c.question_id), agreed)
            })
            .collect(),
    }
}

/// Everything the moderation meeting and the decision need. Only once the window has closed, so
/// that everyone scored on their own. Officers see young people's names; commissioners do not.
pub async fn evaluation(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<Evaluation, FlowError> {
    let data = load(db, user, tender_id).await?;
    evaluated(db, &data, user).await
}

/// The evaluation of a loaded tender, as this person may read it.
pub(super) async fn evaluated(
    db: &impl ConnectionTrait,
    data: &TenderData,
    user: AuthUser,
) -> Result<Evaluation, FlowError> {
    if !window(&data.tender).closed(Utc::now()) {
        return Err(FlowError::Conflict(Reason::ScoresHidden, "Scores can be seen once the scoring window has closed, so that everyone scores on their own."));
    }
    let mut evaluators: Vec<Uuid> = data.scores.iter().map(|s| s.evaluator_id).collect();
    evaluators.sort();
    evaluators.dedup();
    let names = store::users::display_names(db, &evaluators).await?;
    Ok(evaluate(
        &sheet(data),
        &names,
        user.role == Role::ParticipationOfficer,
    ))
}

pub async fn record_consensus(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
    new: &NewConsensus,
) -> Result<(), FlowError> {
    let new = new.validated()?;
    let change = Change::begin(db, user, tender_id).await?;
    let data = &change.data;
    if data.status() != TenderStatus::Open {
        return Err(FlowError::Conflict(
            Reason::PanelNotOpen,
            "Agreed scores are recorded while the panel is open.",
        ));
    }
    if !window(&data.tender).closed(Utc::now()) {
        return Err(FlowError::Conflict(
            Reason::ScoringNotEnded,
            "The moderation meeting starts once the scoring window has closed.",
        ));
    }
    if !data.bids.iter().any(|b| b.id == new.bid_id)
        || !data.questions.iter().any(|q| q.id == new.question_id)
    {
        return Err(FlowError::NotFound(
            Reason::BidQuestionNotFound,
            "We could not find that bid and question.",
        ));
    }
    let existing = data
        .consensus
        .iter()
        .find(|c| c.bid_id == new.bid_id && c.question_id == new.question_id);
    store::tenders::record_consensus(change.txn(), &data.tender, existing, &new, user.id).await?;
    let details = json!({ "bid_id": new.bid_id, "question_id": new.question_id,
        "score": new.score, "rationale": new.rationale, "previous": existing.map(|c| c.score) });
    change.commit("consensus_recorded", details).await?;
    Ok(())
}

/// How many answered bid and question pairs have no agreed score yet.
fn unagreed(data: &TenderData) -> usize {
    data.bids
        .iter()
        .flat_map(|b| data.questions.iter().map(move |q| (b.id, q.id)))
        .filter(|&(b, q)| {
            data.answer(b, q).is_some()
                && !data
                    .consensus
                    .iter()
                    .any(|c| c.bid_id == b && c.question_id == q)
        })
        .count()
}

/// Closes the panel: the decision stands and young people see the outcome.
pub async fn close(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<Evaluation, FlowError> {
    let mut change = Change::begin(db, user, tender_id).await?;
    if change.data.status() != TenderStatus::Open {
        return Err(FlowError::Conflict(
            Reason::PanelNotOpen,
            "Only an open panel can be closed.",
        ));
    }
    if !window(&change.data.tender).closed(Utc::now()) {
        return Err(FlowError::Conflict(
            Reason::ScoringNotEnded,
            "End the scoring first.",
        ));
    }
    let missing = unagreed(&change.data);
    if missing > 0 {
        return Err(invalid(
            "consensus",
            Reason::ConsensusMissing,
            format!("Record an agreed score for every bid and question first: {missing} to go."),
        ));
    }
    let closed = store::tenders::set_status(
        change.txn(),
        tender_id,
        TenderStatus::Open,
        TenderStatus::Closed,
    )
    .await?;
    if !closed {
        return Err(FlowError::Conflict(
            Reason::PanelNotOpen,
            "Only an open panel can be closed.",
        ));
    }
    change.reload().await?;
    let members: Vec<Uuid> = change
        .data
        .members
        .iter()
        .filter(|m| m.status == MemberStatus::Approved)
        .map(|m| m.user_id)
        .collect();
    crate::flows::news::tell(
        change.txn(),
        user.organisation_id,
        &members,
        NewsKind::PanelOutcome,
        tender_id,
    )
    .await?;
    let result = evaluate(&sheet(&change.data), &HashMap::new(), false);
    let details = json!({
        "ranking": result.bids.iter().map(|b| json!({ "label": b.label, "bid_id": b.bid_id, "total": b.total, "rank": b.rank })).collect::<Vec<_>>(),
        "winner_changes_in_sensitivity_check": result.sensitivity.winner_changes,
    });
    change.commit("tender_closed", details).await?;
    Ok(result)
}
