//! Scores: evaluators' drafts and submissions, and the moderation meeting's agreed scores.

use crate::store::entities::{bid_score, consensus_score, tender};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use uuid::Uuid;

pub struct ScoreKey {
    pub tender: tender::Model,
    pub bid_id: Uuid,
    pub question_id: Uuid,
    pub evaluator_id: Uuid,
    pub young_person: bool,
}

/// Saves a draft score; returns the score it replaced. Never touches a submitted score.
pub async fn save_draft(
    db: &impl ConnectionTrait,
    key: &ScoreKey,
    existing: Option<&bid_score::Model>,
    score: u8,
    reason: &str,
) -> Result<(), DbErr> {
    let now = Utc::now();
    match existing {
        Some(row) => {
            bid_score::Entity::update_many()
                .col_expr(bid_score::Column::Score, i16::from(score).into())
                .col_expr(bid_score::Column::Reason, reason.into())
                .col_expr(bid_score::Column::UpdatedAt, now.into())
                .filter(bid_score::Column::Id.eq(row.id))
                .filter(bid_score::Column::SubmittedAt.is_null())
                .exec(db)
                .await?;
        }
        None => {
            bid_score::ActiveModel {
                id: Set(Uuid::new_v4()),
                organisation_id: Set(key.tender.organisation_id),
                tender_id: Set(key.tender.id),
                bid_id: Set(key.bid_id),
                question_id: Set(key.question_id),
                evaluator_id: Set(key.evaluator_id),
                young_person: Set(key.young_person),
                score: Set(i16::from(score)),
                reason: Set(reason.to_owned()),
                updated_at: Set(now),
                submitted_at: Set(None),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

pub async fn submit_scores(
    db: &impl ConnectionTrait,
    tender_id: Uuid,
    evaluator_id: Uuid,
) -> Result<u64, DbErr> {
    Ok(bid_score::Entity::update_many()
        .col_expr(bid_score::Column::SubmittedAt, Utc::now().into())
        .filter(bid_score::Column::TenderId.eq(tender_id))
        .filter(bid_score::Column::EvaluatorId.eq(evaluator_id))
        .filter(bid_score::Column::SubmittedAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

/// Records (or re-records) the agreed score; the individual scores stay as they were.
pub async fn record_consensus(
    db: &impl ConnectionTrait,
    tender: &tender::Model,
    existing: Option<&consensus_score::Model>,
    new: &shared::tender::NewConsensus,
    recorded_by: Uuid,
) -> Result<(), DbErr> {
    let now = Utc::now();
    match existing {
        Some(row) => {
            consensus_score::Entity::update_many()
                .col_expr(consensus_score::Column::Score, i16::from(new.score).into())
                .col_expr(
                    consensus_score::Column::Rationale,
                    new.rationale.clone().into(),
                )
                .col_expr(consensus_score::Column::RecordedBy, recorded_by.into())
                .col_expr(consensus_score::Column::RecordedAt, now.into())
                .filter(consensus_score::Column::Id.eq(row.id))
                .exec(db)
                .await?;
        }
        None => {
            consensus_score::ActiveModel {
                id: Set(Uuid::new_v4()),
                organisation_id: Set(tender.organisation_id),
                tender_id: Set(tender.id),
                bid_id: Set(new.bid_id),
                question_id: Set(new.question_id),
                score: Set(i16::from(new.score)),
                rationale: Set(new.rationale.clone()),
                recorded_by: Set(recorded_by),
                recorded_at: Set(now),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}
