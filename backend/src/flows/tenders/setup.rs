//! Setting a tender up: commissioners create it and add bids; the officer opens the panel and may
//! end the scoring early.

use super::{detail, invalid, load, window, Change, NOT_FOUND};
use crate::auth::AuthUser;
use crate::flows::FlowError;
use crate::store::{self, tenders::TenderData};
use chrono::Utc;
use rand::seq::SliceRandom;
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::tender::{
    NewBid, NewBidAnswer, NewTender, ProviderSummary, StaffBid, TenderDetail, TenderStatus,
    TenderSummary,
};
use shared::Reason;
use uuid::Uuid;

const MAX_BIDS: usize = 26;

pub async fn list(
    db: &DatabaseConnection,
    user: AuthUser,
) -> Result<Vec<TenderSummary>, FlowError> {
    let tenders = store::tenders::list(db, user.organisation_id, false).await?;
    let ids: Vec<Uuid> = tenders.iter().map(|t| t.id).collect();
    let counts = store::tenders::counts(db, &ids).await?;
    Ok(tenders
        .into_iter()
        .map(|t| {
            let (bids, members) = counts.get(&t.id).copied().unwrap_or_default();
            TenderSummary {
                id: t.id,
                service_type: t.service_type,
                status: t.status,
                title: t.title,
                summary: t.summary,
                scoring_opens_at: t.scoring_opens_at,
                scoring_closes_at: t.scoring_closes_at,
                bids,
                members,
            }
        })
        .collect())
}

pub async fn get(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<TenderDetail, FlowError> {
    Ok(detail(&load(db, user, tender_id).await?, user))
}

/// The provider directory (shared between organisations).
pub async fn providers(db: &DatabaseConnection) -> Result<Vec<ProviderSummary>, FlowError> {
    Ok(store::tenders::providers(db)
        .await?
        .into_iter()
        .map(|p| ProviderSummary {
            id: p.id,
            name: p.name,
        })
        .collect())
}

pub async fn create(
    db: &DatabaseConnection,
    user: AuthUser,
    new: &NewTender,
) -> Result<TenderDetail, FlowError> {
    let new = new.validated()?;
    let txn = db.begin().await?;
    let tender = store::tenders::insert_tender(&txn, user.organisation_id, user.id, &new).await?;
    let change = Change::load(txn, user, tender.id).await?;
    let details = json!({ "title": new.title, "questions": new.questions.len(),
        "quality_weight": new.quality_weight, "price_weight": new.price_weight });
    let data = change.commit("tender_created", details).await?;
    Ok(detail(&data, user))
}

/// The bid's answers, checked against the tender's questions.
fn checked_answers(data: &TenderData, new: &NewBid) -> Result<Vec<NewBidAnswer>, FlowError> {
    let mut answers: Vec<NewBidAnswer> = Vec::with_capacity(new.answers.len());
    for answer in &new.answers {
        let question = data
            .questions
            .iter()
            .find(|q| q.id == answer.question_id)
            .ok_or_else(|| {
                invalid(
                    "question_id",
                    Reason::UnknownQuestion,
                    "That answer is for a question this tender does not have.",
                )
            })?;
        if answers.iter().any(|a| a.question_id == answer.question_id) {
            return Err(invalid(
                "question_id",
                Reason::DuplicateAnswer,
                "Each question takes one answer.",
            ));
        }
        answers.push(answer.validated(TenderData::scored_by(question).by_young_people())?);
    }
    Ok(answers)
}

pub async fn add_bid(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
    new: &NewBid,
) -> Result<StaffBid, FlowError> {
    let change = Change::begin(db, user, tender_id).await?;
    let data = &change.data;
    if data.status() != TenderStatus::Draft {
        return Err(FlowError::Conflict(
            Reason::BidsClosed,
            "Bids can be added only before the panel opens.",
        ));
    }
    if data.bids.len() >= MAX_BIDS {
        return Err(invalid(
            "provider_id",
            Reason::TooManyBids,
            "A tender can take up to 26 bids.",
        ));
    }
    if !(1..=1_000_000_000_000).contains(&new.price_pence) {
        return Err(invalid(
            "price_pence",
            Reason::PriceRange,
            "The price must be more than £0 and at most £10,000,000,000.",
        ));
    }
    if !store::tenders::provider_exists(change.txn(), new.provider_id).await? {
        return Err(invalid(
            "provider_id",
            Reason::UnknownProvider,
            "Choose a provider from the directory.",
        ));
    }
    if data.bids.iter().any(|b| b.provider_id == new.provider_id) {
        return Err(FlowError::Conflict(
            Reason::BidExists,
            "That provider already has a bid on this tender.",
        ));
    }
    let answers = checked_answers(data, new)?;
    let bid = NewBid {
        answers,
        ..new.clone()
    };
    let bid = store::tenders::insert_bid(change.txn(), &data.tender, &bid).await?;
    let details =
        json!({ "bid_id": bid.id, "provider_id": bid.provider_id, "price_pence": bid.price_pence });
    let data = change.commit_reloaded("tender_bid_added", details).await?;
    detail(&data, user)
        .bids
        .into_iter()
        .find(|b| b.id == bid.id)
        .ok_or(NOT_FOUND)
}

/// Opens the panel for interest: the bids are frozen and given letters at random.
pub async fn open(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<TenderDetail, FlowError> {
    let change = Change::begin(db, user, tender_id).await?;
    let data = &change.data;
    if data.status() != TenderStatus::Draft {
        return Err(FlowError::Conflict(
            Reason::PanelAlreadyOpen,
            "This panel is already open.",
        ));
    }
    if data.bids.is_empty() {
        return Err(FlowError::Conflict(
            Reason::NoBids,
            "Add at least one bid before opening the panel.",
        ));
    }
    let mut order: Vec<Uuid> = data.bids.iter().map(|b| b.id).collect();
    order.shuffle(&mut rand::thread_rng());
    let mut labels = serde_json::Map::new();
    for (bid_id, letter) in order.iter().zip('A'..='Z') {
        store::tenders::set_label(change.txn(), *bid_id, &letter.to_string()).await?;
        labels.insert(letter.to_string(), json!(bid_id));
    }
    let opened = store::tenders::set_status(
        change.txn(),
        tender_id,
        TenderStatus::Draft,
        TenderStatus::Open,
    )
    .await?;
    if !opened {
        return Err(FlowError::Conflict(
            Reason::PanelAlreadyOpen,
            "This panel is already open.",
        ));
    }
    let data = change
        .commit_reloaded("tender_opened", json!({ "labels": labels }))
        .await?;
    Ok(detail(&data, user))
}

/// Ends the scoring window now (everyone has scored, or the meeting is today).
pub async fn end_scoring(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<TenderDetail, FlowError> {
    let change = Change::begin(db, user, tender_id).await?;
    let now = Utc::now();
    if change.data.status() != TenderStatus::Open || window(&change.data.tender).closed(now) {
        return Err(FlowError::Conflict(
            Reason::ScoringNotOpen,
            "Scoring is not open on this panel.",
        ));
    }
    store::tenders::end_scoring(change.txn(), tender_id, now).await?;
    let details = json!({ "planned_close": change.data.tender.scoring_closes_at });
    let data = change
        .commit_reloaded("tender_scoring_ended", details)
        .await?;
    Ok(detail(&data, user))
}
