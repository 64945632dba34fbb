//! Tender panels from the staff side (commissioners set up and score, officers run the panel),
//! and scoring, which young people and commissioners share. Each change is one transaction with
//! its audit entry, under the subject `tender:{id}`.

use crate::auth::AuthUser;
use crate::domain::tender as maths;
use crate::flows::FlowError;
use crate::store::{self, tenders::TenderData};
use chrono::Utc;
use rand::seq::SliceRandom;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::tender::{
    BidAnswer, BidResult, Cell, Consensus, Evaluation, Exclusion, IndividualScore, Member,
    MemberStatus, MyScore, NewBid, NewConsensus, NewExclusion, NewTender, Question, ScoreDraft,
    SensitivityCheck, StaffBid, TenderDetail, TenderStatus, TenderSummary,
};
use shared::validate::Invalid;
use shared::Reason;
use shared::{api::ServiceType, Role};
use std::collections::HashMap;
use uuid::Uuid;

pub const NOT_FOUND: FlowError =
    FlowError::NotFound(Reason::TenderNotFound, "We could not find that tender.");
const MAX_BIDS: usize = 26;

fn invalid(field: &'static str, reason: Reason, message: impl Into<String>) -> FlowError {
    FlowError::Invalid(Invalid::new(field, reason, message))
}

pub async fn load(
    db: &impl ConnectionTrait,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<TenderData, FlowError> {
    store::tenders::load(db, user.organisation_id, tender_id)
        .await?
        .ok_or(NOT_FOUND)
}

pub async fn audit(
    db: &impl ConnectionTrait,
    data: &TenderData,
    actor: Uuid,
    action: &'static str,
    details: serde_json::Value,
) -> Result<(), FlowError> {
    store::audit::append(
        db,
        store::audit::Event {
            organisation_id: data.tender.organisation_id,
            actor_id: Some(actor),
            action,
            subject: subject(data.tender.id),
            details,
        },
    )
    .await?;
    Ok(())
}

pub fn subject(tender_id: Uuid) -> String {
    format!("tender:{tender_id}")
}

pub fn summary(data: &TenderData) -> TenderSummary {
    let t = &data.tender;
    TenderSummary {
        id: t.id,
        title: t.title.clone(),
        summary: t.summary.clone(),
        service_type: ServiceType::parse(&t.service_type).unwrap_or(ServiceType::ChildrensHome),
        status: data.status(),
        scoring_opens_at: t.scoring_opens_at,
        scoring_closes_at: t.scoring_closes_at,
        bids: data.bids.len() as u32,
        members: data
            .members
            .iter()
            .filter(|m| m.status == MemberStatus::Approved.as_str())
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
        bids: data
            .bids
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
            .collect(),
        window_closed: data.window_closed(Utc::now()),
        my_scores: my_scores(data, user.id),
        evaluators_submitted: evaluators.len() as u32,
    }
}

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
                service_type: ServiceType::parse(&t.service_type)
                    .unwrap_or(ServiceType::ChildrensHome),
                status: TenderStatus::parse(&t.status).unwrap_or(TenderStatus::Draft),
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

pub async fn create(
    db: &DatabaseConnection,
    user: AuthUser,
    new: &NewTender,
) -> Result<TenderDetail, FlowError> {
    let new = new.validated()?;
    let txn = db.begin().await?;
    let tender = store::tenders::insert_tender(&txn, user.organisation_id, user.id, &new).await?;
    let data = load(&txn, user, tender.id).await?;
    audit(
        &txn,
        &data,
        user.id,
        "tender_created",
        json!({ "title": new.title, "questions": new.questions.len(),
        "quality_weight": new.quality_weight, "price_weight": new.price_weight }),
    )
    .await?;
    txn.commit().await?;
    Ok(detail(&data, user))
}

pub async fn add_bid(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
    new: &NewBid,
) -> Result<StaffBid, FlowError> {
    let txn = db.begin().await?;
    let data = load(&txn, user, tender_id).await?;
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
    if !store::tenders::provider_exists(&txn, new.provider_id).await? {
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
    let mut answers = Vec::with_capacity(new.answers.len());
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
        if answers
            .iter()
            .any(|a: &shared::tender::NewBidAnswer| a.question_id == answer.question_id)
        {
            return Err(invalid(
                "question_id",
                Reason::DuplicateAnswer,
                "Each question takes one answer.",
            ));
        }
        answers.push(answer.validated(TenderData::scored_by(question).by_young_people())?);
    }
    let bid = store::tenders::insert_bid(
        &txn,
        &data.tender,
        &NewBid {
            answers,
            ..new.clone()
        },
    )
    .await?;
    audit(
        &txn,
        &data,
        user.id,
        "tender_bid_added",
        json!({ "bid_id": bid.id, "provider_id": bid.provider_id, "price_pence": bid.price_pence }),
    )
    .await?;
    let data = load(&txn, user, tender_id).await?;
    txn.commit().await?;
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
    let txn = db.begin().await?;
    let data = load(&txn, user, tender_id).await?;
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
        store::tenders::set_label(&txn, *bid_id, &letter.to_string()).await?;
        labels.insert(letter.to_string(), json!(bid_id));
    }
    if !store::tenders::set_status(&txn, tender_id, TenderStatus::Draft, TenderStatus::Open).await?
    {
        return Err(FlowError::Conflict(
            Reason::PanelAlreadyOpen,
            "This panel is already open.",
        ));
    }
    audit(
        &txn,
        &data,
        user.id,
        "tender_opened",
        json!({ "labels": labels }),
    )
    .await?;
    let data = load(&txn, user, tender_id).await?;
    txn.commit().await?;
    Ok(detail(&data, user))
}

/// Ends the scoring window now (everyone has scored, or the meeting is today).
pub async fn end_scoring(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<TenderDetail, FlowError> {
    let txn = db.begin().await?;
    let data = load(&txn, user, tender_id).await?;
    let now = Utc::now();
    if data.status() != TenderStatus::Open || data.window_closed(now) {
        return Err(FlowError::Conflict(
            Reason::ScoringNotOpen,
            "Scoring is not open on this panel.",
        ));
    }
    store::tenders::end_scoring(&txn, tender_id, now).await?;
    audit(
        &txn,
        &data,
        user.id,
        "tender_scoring_ended",
        json!({ "planned_close": data.tender.scoring_closes_at }),
    )
    .await?;
    let data = load(&txn, user, tender_id).await?;
    txn.commit().await?;
    Ok(detail(&data, user))
}

pub async fn members(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<Vec<Member>, FlowError> {
    let data = load(db, user, tender_id).await?;
    let ids: Vec<Uuid> = data.members.iter().map(|m| m.user_id).collect();
    let names = store::users::display_names(db, &ids).await?;
    let trained = store::tenders::trained(db, &ids).await?;
    Ok(data
        .members
        .iter()
        .map(|m| Member {
            user_id: m.user_id,
            display_name: names.get(&m.user_id).cloned().unwrap_or_default(),
            status: MemberStatus::parse(&m.status).unwrap_or(MemberStatus::Interested),
            training_passed: trained.contains_key(&m.user_id),
            conflicts_declared: m.conflicts_declared_at.is_some(),
            exclusions: data
                .exclusions
                .iter()
                .filter(|e| e.user_id == m.user_id)
                .filter_map(|e| {
                    let bid = data.bids.iter().find(|b| b.id == e.bid_id)?;
                    Some(Exclusion {
                        bid_id: bid.id,
                        bid_label: bid.label.clone(),
                        provider_name: data.provider_name(bid),
                        by: e.by.clone(),
                        note: e.note.clone(),
                    })
                })
                .collect(),
            submitted: data.has_submitted(m.user_id),
        })
        .collect())
}

pub async fn decide_member(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
    member_id: Uuid,
    status: MemberStatus,
) -> Result<(), FlowError> {
    let txn = db.begin().await?;
    let data = load(&txn, user, tender_id).await?;
    if data.status() == TenderStatus::Closed {
        return Err(FlowError::Conflict(
            Reason::PanelClosed,
            "This panel is closed.",
        ));
    }
    let member = data.member(member_id).ok_or(FlowError::NotFound(
        Reason::JoinRequestNotFound,
        "That young person has not asked to join this panel.",
    ))?;
    store::tenders::decide_member(&txn, member, status.as_str(), user.id).await?;
    let action = if status == MemberStatus::Approved {
        "panel_member_approved"
    } else {
        "panel_member_declined"
    };
    audit(
        &txn,
        &data,
        user.id,
        action,
        json!({ "user_id": member_id, "was": member.status }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn exclude(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
    new: &NewExclusion,
) -> Result<(), FlowError> {
    let new = new.validated()?;
    let txn = db.begin().await?;
    let data = load(&txn, user, tender_id).await?;
    if data.member(new.user_id).is_none() {
        return Err(FlowError::NotFound(
            Reason::MemberNotFound,
            "That young person is not on this panel.",
        ));
    }
    if !data.bids.iter().any(|b| b.id == new.bid_id) {
        return Err(FlowError::NotFound(
            Reason::BidNotFound,
            "We could not find that bid.",
        ));
    }
    if data.is_excluded(new.user_id, new.bid_id) {
        return Err(FlowError::Conflict(
            Reason::AlreadyExcluded,
            "That member is already kept away from that bid.",
        ));
    }
    store::tenders::insert_exclusion(
        &txn,
        store::tenders::NewExclusion {
            tender: &data.tender,
            bid_id: new.bid_id,
            user_id: new.user_id,
            by: "officer",
            note: Some(new.note.clone()),
            created_by: user.id,
        },
    )
    .await?;
    audit(
        &txn,
        &data,
        user.id,
        "panel_member_excluded",
        json!({ "user_id": new.user_id, "bid_id": new.bid_id, "by": "officer" }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The questions this evaluator scores, and the bids they may see.
fn may_score(
    data: &TenderData,
    user: AuthUser,
    question: &store::entities::tender_question::Model,
) -> bool {
    let scored_by = TenderData::scored_by(question);
    let role_scores_it = match user.role {
        Role::YoungPerson => scored_by.by_young_people(),
        Role::Commissioner => scored_by.by_professionals(),
        _ => false,
    };
    role_scores_it && data.tender.organisation_id == user.organisation_id
}

fn visible_bids(
    data: &TenderData,
    user: AuthUser,
) -> impl Iterator<Item = &store::entities::bid::Model> {
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

async fn scoring_context(
    txn: &impl ConnectionTrait,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<TenderData, FlowError> {
    let data = load(txn, user, tender_id).await?;
    if data.status() == TenderStatus::Draft && user.role == Role::YoungPerson {
        return Err(NOT_FOUND);
    }
    ready_to_score(txn, &data, user).await?;
    if !data.scoring_open(Utc::now()) {
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
    Ok(data)
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
    let txn = db.begin().await?;
    let data = scoring_context(&txn, user, tender_id).await?;
    if !visible_bids(&data, user).any(|b| b.id == bid_id) {
        return Err(FlowError::NotFound(
            Reason::BidNotFound,
            "We could not find that bid.",
        ));
    }
    let question = data
        .questions
        .iter()
        .find(|q| q.id == question_id && may_score(&data, user, q))
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
    store::tenders::save_draft(&txn, &key, existing, draft.score, &draft.reason).await?;
    audit(
        &txn,
        &data,
        user.id,
        "tender_score_saved",
        json!({ "bid_id": bid_id, "question_id": question_id,
        "score": draft.score, "previous": existing.map(|s| s.score) }),
    )
    .await?;
    txn.commit().await?;
    Ok(MyScore {
        bid_id,
        question_id,
        score: draft.score,
        reason: draft.reason,
        submitted: false,
    })
}

/// Sends all of one's scores: every answered question on every bid one may see must be scored.
pub async fn submit(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<Vec<MyScore>, FlowError> {
    let txn = db.begin().await?;
    let data = scoring_context(&txn, user, tender_id).await?;
    let missing = visible_bids(&data, user)
        .flat_map(|b| {
            data.questions
                .iter()
                .filter(|q| may_score(&data, user, q))
                .map(move |q| (b.id, q.id))
        })
        .filter(|&(b, q)| data.answer(b, q).is_some())
        .filter(|&(b, q)| {
            !data
                .scores
                .iter()
                .any(|s| s.bid_id == b && s.question_id == q && s.evaluator_id == user.id)
        })
        .count();
    if missing > 0 {
        return Err(invalid(
            "scores",
            Reason::ScoresMissing,
            format!("Please score every question on every bid first: {missing} to go."),
        ));
    }
    let count = store::tenders::submit_scores(&txn, tender_id, user.id).await?;
    audit(
        &txn,
        &data,
        user.id,
        "tender_scores_submitted",
        json!({ "scores": count }),
    )
    .await?;
    let data = load(&txn, user, tender_id).await?;
    txn.commit().await?;
    Ok(my_scores(&data, user.id))
}

/// Everything the moderation meeting and the decision need. Only once the window has closed, so
/// that everyone scored on their own. Officers see young people's names; commissioners do not.
pub async fn evaluation(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<Evaluation, FlowError> {
    let data = load(db, user, tender_id).await?;
    if !data.window_closed(Utc::now()) {
        return Err(FlowError::Conflict(Reason::ScoresHidden, "Scores can be seen once the scoring window has closed, so that everyone scores on their own."));
    }
    let mut evaluators: Vec<Uuid> = data.scores.iter().map(|s| s.evaluator_id).collect();
    evaluators.sort();
    evaluators.dedup();
    let names = store::users::display_names(db, &evaluators).await?;
    Ok(evaluate(
        &data,
        &names,
        user.role == Role::ParticipationOfficer,
    ))
}

pub fn evaluate(
    data: &TenderData,
    names: &HashMap<Uuid, String>,
    name_young_people: bool,
) -> Evaluation {
    let mut young: Vec<Uuid> = Vec::new();
    for m in &data.members {
        if data.scores.iter().any(|s| s.evaluator_id == m.user_id) {
            young.push(m.user_id);
        }
    }
    let label_of = |id: Uuid, young_person: bool| -> String {
        match young.iter().position(|&y| y == id) {
            Some(k) if young_person && !name_young_people => {
                format!("Young commissioner {}", k + 1)
            }
            _ => names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| "Evaluator".to_owned()),
        }
    };
    let mut cells_by_bid: Vec<Vec<Cell>> = Vec::new();
    for bid in &data.bids {
        let cells = data
            .questions
            .iter()
            .map(|q| {
                let given: Vec<&store::entities::bid_score::Model> = data
                    .scores
                    .iter()
                    .filter(|s| {
                        s.bid_id == bid.id && s.question_id == q.id && s.submitted_at.is_some()
                    })
                    .filter(|s| !data.is_excluded(s.evaluator_id, bid.id))
                    .collect();
                let values: Vec<u8> = given.iter().map(|s| s.score as u8).collect();
                let consensus = data
                    .consensus
                    .iter()
                    .find(|c| c.bid_id == bid.id && c.question_id == q.id)
                    .map(|c| Consensus {
                        score: c.score as u8,
                        rationale: c.rationale.clone(),
                        recorded_at: c.recorded_at,
                    });
                let answered = data.answer(bid.id, q.id).is_some();
                let median = maths::median(&values);
                let used = match (&consensus, answered) {
                    (_, false) => 0.0,
                    (Some(c), true) => f64::from(c.score),
                    (None, true) => median.unwrap_or(0.0),
                };
                Cell {
                    question_id: q.id,
                    answered,
                    scores: given
                        .iter()
                        .map(|s| IndividualScore {
                            evaluator: label_of(s.evaluator_id, s.young_person),
                            young_person: s.young_person,
                            score: s.score as u8,
                            reason: s.reason.clone(),
                        })
                        .collect(),
                    spread: maths::spread(&values),
                    median,
                    disagreement: maths::needs_discussion(&values),
                    consensus,
                    used,
                }
            })
            .collect();
        cells_by_bid.push(cells);
    }
    let maths_questions: Vec<maths::Question> = data
        .questions
        .iter()
        .map(|q| maths::Question {
            id: q.id,
            weight: f64::from(q.weight),
            young_people: TenderData::scored_by(q).by_young_people(),
        })
        .collect();
    let maths_bids: Vec<maths::Bid> = data
        .bids
        .iter()
        .zip(&cells_by_bid)
        .map(|(b, cells)| maths::Bid {
            id: b.id,
            price_pence: b.price_pence,
            agreed: cells.iter().map(|c| (c.question_id, c.used)).collect(),
        })
        .collect();
    let price_weight = f64::from(data.tender.price_weight);
    let outcomes = maths::evaluate(&maths_questions, &maths_bids, price_weight);
    let sensitivity = maths::sensitivity(&maths_questions, &maths_bids, price_weight);
    let labels: HashMap<Uuid, String> = data
        .bids
        .iter()
        .map(|b| (b.id, TenderData::label(b)))
        .collect();
    let to_labels = |ids: &[Uuid]| -> Vec<String> {
        ids.iter()
            .filter_map(|id| labels.get(id).cloned())
            .collect()
    };
    let provisional = cells_by_bid
        .iter()
        .flatten()
        .any(|c| c.answered && c.consensus.is_none());
    let mut bids: Vec<BidResult> = data
        .bids
        .iter()
        .zip(cells_by_bid)
        .zip(&outcomes)
        .map(|((b, cells), o)| BidResult {
            bid_id: b.id,
            label: TenderData::label(b),
            provider_name: data.provider_name(b),
            price_pence: b.price_pence,
            quality: o.quality,
            price: o.price,
            total: o.total,
            rank: o.rank,
            cells,
        })
        .collect();
    bids.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.label.cmp(&b.label)));
    Evaluation {
        tender_id: data.tender.id,
        title: data.tender.title.clone(),
        status: data.status(),
        quality_weight: data.tender.quality_weight as u32,
        price_weight: data.tender.price_weight as u32,
        young_peoples_share: maths::young_peoples_share(&maths_questions),
        provisional,
        questions: questions(data),
        bids,
        sensitivity: SensitivityCheck {
            winners: to_labels(&sensitivity.winners),
            halved_winners: to_labels(&sensitivity.halved),
            doubled_winners: to_labels(&sensitivity.doubled),
            winner_changes: sensitivity.winner_changes(),
        },
    }
}

pub async fn record_consensus(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
    new: &NewConsensus,
) -> Result<(), FlowError> {
    let new = new.validated()?;
    let txn = db.begin().await?;
    let data = load(&txn, user, tender_id).await?;
    if data.status() != TenderStatus::Open {
        return Err(FlowError::Conflict(
            Reason::PanelNotOpen,
            "Agreed scores are recorded while the panel is open.",
        ));
    }
    if !data.window_closed(Utc::now()) {
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
    store::tenders::record_consensus(&txn, &data.tender, existing, &new, user.id).await?;
    audit(
        &txn,
        &data,
        user.id,
        "consensus_recorded",
        json!({ "bid_id": new.bid_id, "question_id": new.question_id,
        "score": new.score, "rationale": new.rationale, "previous": existing.map(|c| c.score) }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Closes the panel: the decision stands and young people see the outcome.
pub async fn close(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<Evaluation, FlowError> {
    let txn = db.begin().await?;
    let data = load(&txn, user, tender_id).await?;
    if data.status() != TenderStatus::Open {
        return Err(FlowError::Conflict(
            Reason::PanelNotOpen,
            "Only an open panel can be closed.",
        ));
    }
    if !data.window_closed(Utc::now()) {
        return Err(FlowError::Conflict(
            Reason::ScoringNotEnded,
            "End the scoring first.",
        ));
    }
    let missing = data
        .bids
        .iter()
        .flat_map(|b| data.questions.iter().map(move |q| (b.id, q.id)))
        .filter(|&(b, q)| {
            data.answer(b, q).is_some()
                && !data
                    .consensus
                    .iter()
                    .any(|c| c.bid_id == b && c.question_id == q)
        })
        .count();
    if missing > 0 {
        return Err(invalid(
            "consensus",
            Reason::ConsensusMissing,
            format!("Record an agreed score for every bid and question first: {missing} to go."),
        ));
    }
    if !store::tenders::set_status(&txn, tender_id, TenderStatus::Open, TenderStatus::Closed)
        .await?
    {
        return Err(FlowError::Conflict(
            Reason::PanelNotOpen,
            "Only an open panel can be closed.",
        ));
    }
    let data = load(&txn, user, tender_id).await?;
    let result = evaluate(&data, &HashMap::new(), false);
    audit(&txn, &data, user.id, "tender_closed", json!({
        "ranking": result.bids.iter().map(|b| json!({ "label": b.label, "bid_id": b.bid_id, "total": b.total, "rank": b.rank })).collect::<Vec<_>>(),
        "winner_changes_in_sensitivity_check": result.sensitivity.winner_changes,
    }))
    .await?;
    txn.commit().await?;
    Ok(result)
}

fn two(x: f64) -> String {
    format!("{x:.2}")
}

/// The whole evaluation and its audit trail, for the procurement file.
pub async fn export(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<String, FlowError> {
    let result = evaluation(db, user, tender_id).await?;
    let trail = store::audit::for_subject(db, user.organisation_id, &subject(tender_id)).await?;
    let questions: HashMap<Uuid, &Question> = result.questions.iter().map(|q| (q.id, q)).collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for bid in &result.bids {
        rows.push(vec![
            "result".into(),
            bid.label.clone(),
            bid.provider_name.clone(),
            format!("{:.2}", bid.price_pence as f64 / 100.0),
            String::new(),
            String::new(),
            String::new(),
            two(bid.quality),
            two(bid.price),
            two(bid.total),
            bid.rank.to_string(),
            String::new(),
        ]);
    }
    for bid in &result.bids {
        for cell in &bid.cells {
            let q = questions
                .get(&cell.question_id)
                .map(|q| format!("Q{} {}", q.position, q.text))
                .unwrap_or_default();
            for s in &cell.scores {
                rows.push(vec![
                    "score".into(),
                    bid.label.clone(),
                    bid.provider_name.clone(),
                    String::new(),
                    q.clone(),
                    s.evaluator.clone(),
                    s.score.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    s.reason.clone(),
                ]);
            }
            let (kind, score, note) = match &cell.consensus {
                Some(c) => ("consensus", c.score.to_string(), c.rationale.clone()),
                None if !cell.answered => (
                    "no answer",
                    "0".to_owned(),
                    "The bid did not answer this question.".to_owned(),
                ),
                None => (
                    "provisional median",
                    cell.median.map(two).unwrap_or_default(),
                    String::new(),
                ),
            };
            rows.push(vec![
                kind.into(),
                bid.label.clone(),
                bid.provider_name.clone(),
                String::new(),
                q.clone(),
                String::new(),
                score,
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                note,
            ]);
        }
    }
    for entry in &trail {
        rows.push(vec![
            "audit".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            entry.actor_id.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            entry.seq.to_string(),
            format!("{} {} {}", entry.at, entry.action, entry.details),
        ]);
    }
    let comments = vec![
        format!("Tender: {}", result.title),
        format!("Quality {} / price {}; young people's questions carry {:.0}% of the quality points", result.quality_weight, result.price_weight, result.young_peoples_share),
        "quality = sum of (agreed score / 5 x question weight); price = lowest price / bid price x price weight; total = quality + price".to_owned(),
        if result.provisional { "PROVISIONAL: some agreed scores are not recorded yet; medians are used".to_owned() } else { "All agreed scores recorded".to_owned() },
        format!("Sensitivity: winner {:?}; young people's weighting halved {:?}, doubled {:?}", result.sensitivity.winners, result.sensitivity.halved_winners, result.sensitivity.doubled_winners),
        format!("Exported {}", Utc::now().to_rfc3339()),
    ];
    Ok(crate::routes::export::csv(
        &comments,
        &[
            "row",
            "bid",
            "bidder",
            "price_gbp",
            "question",
            "evaluator",
            "score",
            "quality",
            "price_score",
            "total",
            "rank_or_seq",
            "reason_or_detail",
        ],
        rows,
    ))
}
