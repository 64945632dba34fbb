//! What staff read about a tender, built from the loaded tender.

use super::window;
use crate::auth::AuthUser;
use crate::store::tenders::TenderData;
use chrono::Utc;
use shared::tender::{
    BidAnswer, MemberStatus, MyScore, Question, StaffBid, TenderDetail, TenderSummary,
};
use uuid::Uuid;

pub fn summary(data: &TenderData) -> TenderSummary {
    let t = &data.tender;
    TenderSummary {
        id: t.id,
        title: t.title.clone(),
        summary: t.summary.clone(),
        service_type: t.service_type,
        status: data.status(),
        scoring_opens_at: t.scoring_opens_at,
        scoring_closes_at: t.scoring_closes_at,
        bids: data.bids.len() as u32,
        members: data
            .members
            .iter()
            .filter(|m| m.status == MemberStatus::Approved)
            .count() as u32,
    }
}

pub fn questions(data: &TenderData) -> Vec<Question> {
    data.questions
        .iter()
        .map(|q| Question {
            id: q.id,
            position: q.position as u32,
            text: q.text.clone(),
            plain_text: q.plain_text.clone(),
            weight: q.weight as u32,
            rubric: TenderData::rubric(q),
            scored_by: TenderData::scored_by(q),
        })
        .collect()
}

pub fn my_scores(data: &TenderData, user_id: Uuid) -> Vec<MyScore> {
    data.scores
        .iter()
        .filter(|s| s.evaluator_id == user_id)
        .map(|s| MyScore {
            bid_id: s.bid_id,
            question_id: s.question_id,
            score: s.score as u8,
            reason: s.reason.clone(),
            submitted: s.submitted_at.is_some(),
        })
        .collect()
}

fn staff_bids(data: &TenderData) -> Vec<StaffBid> {
    data.bids
        .iter()
        .map(|b| StaffBid {
            id: b.id,
            label: b.label.clone(),
            provider_id: b.provider_id,
            provider_name: data.provider_name(b),
            price_pence: b.price_pence,
            answers: data
                .answers
                .iter()
                .filter(|a| a.bid_id == b.id)
                .map(|a| BidAnswer {
                    question_id: a.question_id,
                    answer: a.answer.clone(),
                    easy_read: a.easy_read.clone(),
                })
                .collect(),
        })
        .collect()
}

pub fn detail(data: &TenderData, user: AuthUser) -> TenderDetail {
    let mut evaluators: Vec<Uuid> = data
        .scores
        .iter()
        .filter(|s| s.submitted_at.is_some())
        .map(|s| s.evaluator_id)
        .collect();
    evaluators.sort();
    evaluators.dedup();
    TenderDetail {
        tender: summary(data),
        quality_weight: data.tender.quality_weight as u32,
        price_weight: data.tender.price_weight as u32,
        hours: data.tender.hours as u32,
        questions: questions(data),
        bids: staff_bids(data),
        window_closed: window(&data.tender).closed(Utc::now()),
        my_scores: my_scores(data, user.id),
        evaluators_submitted: evaluators.len() as u32,
    }
}
