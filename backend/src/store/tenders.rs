//! Tenders, bids, panel members and scores. A tender is small (a handful of bids and questions,
//! a dozen evaluators), so readers load the whole of one with [`load`] and work in memory.

use super::entities::{
    bid, bid_answer, bid_exclusion, bid_score, consensus_score, panel_member, provider, tender,
    tender_question, training_attempt,
};
use crate::domain::ids::OrganisationId;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use shared::tender::{MemberStatus, NewBid, NewTender, ScoredBy, TenderStatus};
use std::collections::HashMap;
use uuid::Uuid;

mod scores;
pub use scores::{record_consensus, save_draft, submit_scores, ScoreKey};

/// Everything about one tender.
#[derive(Debug, Clone)]
pub struct TenderData {
    pub tender: tender::Model,
    pub questions: Vec<tender_question::Model>,
    /// By label once labelled, else in the order added.
    pub bids: Vec<bid::Model>,
    pub answers: Vec<bid_answer::Model>,
    pub members: Vec<panel_member::Model>,
    pub exclusions: Vec<bid_exclusion::Model>,
    pub scores: Vec<bid_score::Model>,
    pub consensus: Vec<consensus_score::Model>,
    pub provider_names: HashMap<Uuid, String>,
}

impl TenderData {
    pub fn status(&self) -> TenderStatus {
        self.tender.status
    }

    pub fn scored_by(question: &tender_question::Model) -> ScoredBy {
        question.scored_by
    }

    pub fn rubric(question: &tender_question::Model) -> Vec<String> {
        serde_json::from_str(&question.rubric).unwrap_or_default()
    }

    pub fn member(&self, user_id: Uuid) -> Option<&panel_member::Model> {
        self.members.iter().find(|m| m.user_id == user_id)
    }

    pub fn is_approved(&self, user_id: Uuid) -> bool {
        self.member(user_id)
            .is_some_and(|m| m.status == MemberStatus::Approved)
    }

    pub fn is_excluded(&self, user_id: Uuid, bid_id: Uuid) -> bool {
        self.exclusions
            .iter()
            .any(|e| e.user_id == user_id && e.bid_id == bid_id)
    }

    pub fn answer(&self, bid_id: Uuid, question_id: Uuid) -> Option<&bid_answer::Model> {
        self.answers
            .iter()
            .find(|a| a.bid_id == bid_id && a.question_id == question_id)
    }

    pub fn has_submitted(&self, user_id: Uuid) -> bool {
        self.scores
            .iter()
            .any(|s| s.evaluator_id == user_id && s.submitted_at.is_some())
    }

    pub fn provider_name(&self, bid: &bid::Model) -> String {
        self.provider_names
            .get(&bid.provider_id)
            .cloned()
            .unwrap_or_default()
    }

    pub fn label(bid: &bid::Model) -> String {
        bid.label.clone().unwrap_or_else(|| "?".to_owned())
    }
}

pub async fn load(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    tender_id: Uuid,
) -> Result<Option<TenderData>, DbErr> {
    let Some(tender) = tender::Entity::find_by_id(tender_id)
        .filter(tender::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let questions = tender_question::Entity::find()
        .filter(tender_question::Column::TenderId.eq(tender_id))
        .order_by_asc(tender_question::Column::Position)
        .all(db)
        .await?;
    let mut bids = bid::Entity::find()
        .filter(bid::Column::TenderId.eq(tender_id))
        .order_by_asc(bid::Column::CreatedAt)
        .order_by_asc(bid::Column::Id)
        .all(db)
        .await?;
    bids.sort_by(|a, b| a.label.cmp(&b.label));
    let bid_ids: Vec<Uuid> = bids.iter().map(|b| b.id).collect();
    let answers = bid_answer::Entity::find()
        .filter(bid_answer::Column::BidId.is_in(bid_ids.clone()))
        .all(db)
        .await?;
    let members = panel_member::Entity::find()
        .filter(panel_member::Column::TenderId.eq(tender_id))
        .order_by_asc(panel_member::Column::InterestedAt)
        .all(db)
        .await?;
    let exclusions = bid_exclusion::Entity::find()
        .filter(bid_exclusion::Column::TenderId.eq(tender_id))
        .all(db)
        .await?;
    let scores = bid_score::Entity::find()
        .filter(bid_score::Column::TenderId.eq(tender_id))
        .order_by_asc(bid_score::Column::UpdatedAt)
        .all(db)
        .await?;
    let consensus = consensus_score::Entity::find()
        .filter(consensus_score::Column::TenderId.eq(tender_id))
        .all(db)
        .await?;
    let provider_names = provider::Entity::find()
        .filter(provider::Column::Id.is_in(bids.iter().map(|b| b.provider_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(Some(TenderData {
        tender,
        questions,
        bids,
        answers,
        members,
        exclusions,
        scores,
        consensus,
        provider_names,
    }))
}

/// The organisation's tenders, newest first; `visible_to_young_people` leaves out drafts.
pub async fn list(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    visible_to_young_people: bool,
) -> Result<Vec<tender::Model>, DbErr> {
    let mut query =
        tender::Entity::find().filter(tender::Column::OrganisationId.eq(organisation_id));
    if visible_to_young_people {
        query = query.filter(tender::Column::Status.ne(TenderStatus::Draft));
    }
    query.order_by_desc(tender::Column::CreatedAt).all(db).await
}

/// (bids, approved members) per tender.
pub async fn counts(
    db: &impl ConnectionTrait,
    tender_ids: &[Uuid],
) -> Result<HashMap<Uuid, (u32, u32)>, DbErr> {
    let mut counts: HashMap<Uuid, (u32, u32)> = HashMap::new();
    for b in bid::Entity::find()
        .filter(bid::Column::TenderId.is_in(tender_ids.iter().copied()))
        .all(db)
        .await?
    {
        counts.entry(b.tender_id).or_default().0 += 1;
    }
    for m in panel_member::Entity::find()
        .filter(panel_member::Column::TenderId.is_in(tender_ids.iter().copied()))
        .filter(panel_member::Column::Status.eq(MemberStatus::Approved))
        .all(db)
        .await?
    {
        counts.entry(m.tender_id).or_default().1 += 1;
    }
    Ok(counts)
}

/// The memberships of one young person, by tender.
pub async fn memberships_of(
    db: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<HashMap<Uuid, panel_member::Model>, DbErr> {
    Ok(panel_member::Entity::find()
        .filter(panel_member::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.tender_id, m))
        .collect())
}

/// Tenders in which this person has submitted scores.
pub async fn submitted_by(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Vec<Uuid>, DbErr> {
    let mut ids: Vec<Uuid> = bid_score::Entity::find()
        .filter(bid_score::Column::EvaluatorId.eq(user_id))
        .filter(bid_score::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.tender_id)
        .collect();
    ids.sort();
    ids.dedup();
    Ok(ids)
}

pub async fn insert_tender(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    created_by: Uuid,
    new: &NewTender,
) -> Result<tender::Model, DbErr> {
    let tender = tender::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(organisation_id),
        title: Set(new.title.clone()),
        summary: Set(new.summary.clone()),
        service_type: Set(new.service_type),
        quality_weight: Set(new.quality_weight as i32),
        price_weight: Set(new.price_weight as i32),
        hours: Set(new.hours as i32),
        scoring_opens_at: Set(new.scoring_opens_at),
        scoring_closes_at: Set(new.scoring_closes_at),
        status: Set(TenderStatus::Draft),
        created_by: Set(created_by),
        created_at: Set(Utc::now()),
        opened_at: Set(None),
        closed_at: Set(None),
    }
    .insert(db)
    .await?;
    for (position, q) in new.questions.iter().enumerate() {
        tender_question::ActiveModel {
            id: Set(Uuid::new_v4()),
            organisation_id: Set(organisation_id),
            tender_id: Set(tender.id),
            position: Set(position as i32 + 1),
            text: Set(q.text.clone()),
            plain_text: Set(q.plain_text.clone()),
            weight: Set(q.weight as i32),
            rubric: Set(serde_json::to_string(&q.rubric).unwrap_or_else(|_| "[]".into())),
            scored_by: Set(q.scored_by),
        }
        .insert(db)
        .await?;
    }
    Ok(tender)
}

pub async fn insert_bid(
    db: &impl ConnectionTrait,
    tender: &tender::Model,
    new: &NewBid,
) -> Result<bid::Model, DbErr> {
    let bid = bid::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(tender.organisation_id),
        tender_id: Set(tender.id),
        provider_id: Set(new.provider_id),
        label: Set(None),
        price_pence: Set(new.price_pence),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    for answer in &new.answers {
        bid_answer::ActiveModel {
            id: Set(Uuid::new_v4()),
            organisation_id: Set(tender.organisation_id),
            bid_id: Set(bid.id),
            question_id: Set(answer.question_id),
            answer: Set(answer.answer.clone()),
            easy_read: Set(answer.easy_read.clone()),
        }
        .insert(db)
        .await?;
    }
    Ok(bid)
}

pub async fn provider_exists(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    Ok(provider::Entity::find_by_id(id).one(db).await?.is_some())
}

pub async fn providers(db: &impl ConnectionTrait) -> Result<Vec<provider::Model>, DbErr> {
    provider::Entity::find()
        .order_by_asc(provider::Column::Name)
        .all(db)
        .await
}

/// Moves a tender on (open, close), only from the status given: false if it was not there.
pub async fn set_status(
    db: &impl ConnectionTrait,
    tender_id: Uuid,
    from: TenderStatus,
    to: TenderStatus,
) -> Result<bool, DbErr> {
    let now = Utc::now();
    let mut update = tender::Entity::update_many()
        .col_expr(tender::Column::Status, to.into())
        .filter(tender::Column::Id.eq(tender_id))
        .filter(tender::Column::Status.eq(from));
    update = match to {
        TenderStatus::Open => update.col_expr(tender::Column::OpenedAt, now.into()),
        TenderStatus::Closed => update.col_expr(tender::Column::ClosedAt, now.into()),
        TenderStatus::Draft => update,
    };
    Ok(update.exec(db).await?.rows_affected == 1)
}

pub async fn set_label(db: &impl ConnectionTrait, bid_id: Uuid, label: &str) -> Result<(), DbErr> {
    bid::Entity::update_many()
        .col_expr(bid::Column::Label, label.into())
        .filter(bid::Column::Id.eq(bid_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn end_scoring(
    db: &impl ConnectionTrait,
    tender_id: Uuid,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    tender::Entity::update_many()
        .col_expr(tender::Column::ScoringClosesAt, at.into())
        .filter(tender::Column::Id.eq(tender_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn insert_member(
    db: &impl ConnectionTrait,
    tender: &tender::Model,
    user_id: Uuid,
) -> Result<panel_member::Model, DbErr> {
    panel_member::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(tender.organisation_id),
        tender_id: Set(tender.id),
        user_id: Set(user_id),
        status: Set(MemberStatus::Interested),
        interested_at: Set(Utc::now()),
        decided_at: Set(None),
        decided_by: Set(None),
        conflicts_declared_at: Set(None),
    }
    .insert(db)
    .await
}

pub async fn decide_member(
    db: &impl ConnectionTrait,
    member: &panel_member::Model,
    status: &str,
    decided_by: Uuid,
) -> Result<(), DbErr> {
    panel_member::Entity::update_many()
        .col_expr(panel_member::Column::Status, status.into())
        .col_expr(panel_member::Column::DecidedAt, Utc::now().into())
        .col_expr(panel_member::Column::DecidedBy, decided_by.into())
        .filter(panel_member::Column::Id.eq(member.id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn mark_conflicts_declared(
    db: &impl ConnectionTrait,
    member_id: Uuid,
) -> Result<(), DbErr> {
    panel_member::Entity::update_many()
        .col_expr(panel_member::Column::ConflictsDeclaredAt, Utc::now().into())
        .filter(panel_member::Column::Id.eq(member_id))
        .filter(panel_member::Column::ConflictsDeclaredAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

pub struct NewExclusion<'a> {
    pub tender: &'a tender::Model,
    pub bid_id: Uuid,
    pub user_id: Uuid,
    pub by: &'a str,
    pub note: Option<String>,
    pub created_by: Uuid,
}

pub async fn insert_exclusion(
    db: &impl ConnectionTrait,
    new: NewExclusion<'_>,
) -> Result<(), DbErr> {
    bid_exclusion::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(new.tender.organisation_id),
        tender_id: Set(new.tender.id),
        bid_id: Set(new.bid_id),
        user_id: Set(new.user_id),
        by: Set(new.by.to_owned()),
        note: Set(new.note),
        created_by: Set(new.created_by),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn training_attempts(
    db: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<Vec<training_attempt::Model>, DbErr> {
    training_attempt::Entity::find()
        .filter(training_attempt::Column::UserId.eq(user_id))
        .order_by_asc(training_attempt::Column::CreatedAt)
        .all(db)
        .await
}

/// When each of these people first passed the training.
pub async fn trained(
    db: &impl ConnectionTrait,
    user_ids: &[Uuid],
) -> Result<HashMap<Uuid, DateTime<Utc>>, DbErr> {
    let mut passed: HashMap<Uuid, DateTime<Utc>> = HashMap::new();
    for attempt in training_attempt::Entity::find()
        .filter(training_attempt::Column::UserId.is_in(user_ids.iter().copied()))
        .filter(training_attempt::Column::Passed.eq(true))
        .all(db)
        .await?
    {
        let at = passed.entry(attempt.user_id).or_insert(attempt.created_at);
        *at = (*at).min(attempt.created_at);
    }
    Ok(passed)
}

pub async fn insert_training_attempt(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: Uuid,
    correct: u32,
    total: u32,
    passed: bool,
) -> Result<(), DbErr> {
    training_attempt::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(organisation_id),
        user_id: Set(user_id),
        correct: Set(correct as i32),
        total: Set(total as i32),
        passed: Set(passed),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// (panels open at some point in [from, to), approved young people on them)
pub async fn panels_between(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<(u64, u64), DbErr> {
    let tenders: Vec<Uuid> = tender::Entity::find()
        .filter(tender::Column::OrganisationId.eq(organisation_id))
        .filter(tender::Column::OpenedAt.lt(to))
        .filter(
            tender::Column::ClosedAt
                .is_null()
                .or(tender::Column::ClosedAt.gte(from)),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    let mut members: Vec<Uuid> = panel_member::Entity::find()
        .filter(panel_member::Column::TenderId.is_in(tenders.iter().copied()))
        .filter(panel_member::Column::Status.eq(MemberStatus::Approved))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    members.sort();
    members.dedup();
    Ok((tenders.len() as u64, members.len() as u64))
}

/// The titles of those of `ids` that are tenders.
pub async fn titles(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, String>, DbErr> {
    Ok(tender::Entity::find()
        .filter(tender::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.title))
        .collect())
}
