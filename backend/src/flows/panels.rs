//! Tender panels from a young commissioner's side: join, train, declare conflicts, read
//! anonymised bids, see the outcome and keep a record. Nothing here carries a bidder's name
//! next to a bid, nor any price: the types in `shared::tender` for young people have no such field.

use super::tenders::{load, my_scores, ready_to_score, sheet, window, Change, NOT_FOUND};
use crate::auth::AuthUser;
use crate::domain::tender::evaluation::evaluate;
use crate::domain::tender::window::{next_step, Seat};
use crate::domain::training;
use crate::flows::FlowError;
use crate::store::{self, entities::tender, tenders::TenderData};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use serde_json::json;
use shared::tender::{
    Bidder, ConflictDeclaration, ConflictList, MemberStatus, MyScoreOutcome, Panel, PanelBid,
    PanelOutcome, PanelQuestion, PanelServed, PanelStep, ParticipationRecord, QuizAnswers,
    QuizResult, RankedBid, TenderStatus, TrainingStatus,
};
use shared::validate::Invalid;
use shared::Reason;
use std::collections::HashMap;
use uuid::Uuid;

/// Training counts for an hour on the record.
const TRAINING_HOURS: u32 = 1;

fn panel(t: &tender::Model, step: PanelStep) -> Panel {
    Panel {
        id: t.id,
        title: t.title.clone(),
        summary: t.summary.clone(),
        service_type: t.service_type,
        hours: t.hours as u32,
        scoring_opens_at: t.scoring_opens_at,
        scoring_closes_at: t.scoring_closes_at,
        step,
    }
}

/// What this young person does next on this panel.
fn step(
    t: &tender::Model,
    member: Option<&store::entities::panel_member::Model>,
    trained: bool,
    submitted: bool,
    now: DateTime<Utc>,
) -> PanelStep {
    let seat = Seat {
        member: member.map(|m| m.status),
        trained,
        conflicts_declared: member.is_some_and(|m| m.conflicts_declared_at.is_some()),
        submitted,
    };
    next_step(&window(t), seat, now)
}

/// Open panels, and closed ones the young person sat on.
pub async fn list(db: &DatabaseConnection, user: AuthUser) -> Result<Vec<Panel>, FlowError> {
    let tenders = store::tenders::list(db, user.organisation_id, true).await?;
    let memberships = store::tenders::memberships_of(db, user.id).await?;
    let trained = !store::tenders::trained(db, &[user.id]).await?.is_empty();
    let submitted = store::tenders::submitted_by(db, user.id).await?;
    let now = Utc::now();
    Ok(tenders
        .iter()
        .map(|t| (t, memberships.get(&t.id)))
        .filter(|(t, m)| {
            window(t).recruiting(now) || m.is_some_and(|m| m.status == MemberStatus::Approved)
        })
        .map(|(t, m)| panel(t, step(t, m, trained, submitted.contains(&t.id), now)))
        .collect())
}

/// Young people never see a draft.
fn visible(data: &TenderData) -> Result<(), FlowError> {
    if data.status() == TenderStatus::Draft {
        return Err(NOT_FOUND);
    }
    Ok(())
}

pub async fn get(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<Panel, FlowError> {
    let data = load(db, user, tender_id).await?;
    visible(&data)?;
    let trained = !store::tenders::trained(db, &[user.id]).await?.is_empty();
    Ok(panel(
        &data.tender,
        step(
            &data.tender,
            data.member(user.id),
            trained,
            data.has_submitted(user.id),
            Utc::now(),
        ),
    ))
}

pub async fn express_interest(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<Panel, FlowError> {
    let change = Change::begin(db, user, tender_id).await?;
    visible(&change.data)?;
    if change.data.member(user.id).is_some() {
        // Asked before: nothing to write. The change's transaction holds SQLite's one
        // connection, so it ends before the panel is read again.
        drop(change);
        return get(db, user, tender_id).await;
    }
    if !window(&change.data.tender).recruiting(Utc::now()) {
        return Err(FlowError::Conflict(
            Reason::PanelNotTakingMembers,
            "This panel is not taking new members.",
        ));
    }
    store::tenders::insert_member(change.txn(), &change.data.tender, user.id).await?;
    change
        .commit("panel_interest", json!({ "user_id": user.id }))
        .await?;
    get(db, user, tender_id).await
}

pub async fn training_status(
    db: &DatabaseConnection,
    user: AuthUser,
) -> Result<TrainingStatus, FlowError> {
    let attempts = store::tenders::training_attempts(db, user.id).await?;
    Ok(TrainingStatus {
        passed: attempts.iter().any(|a| a.passed),
        attempts: attempts.len() as u32,
        quiz: training::QUIZ.iter().map(|&(options, _)| options).collect(),
    })
}

pub async fn take_quiz(
    db: &DatabaseConnection,
    user: AuthUser,
    answers: &QuizAnswers,
) -> Result<QuizResult, FlowError> {
    let marked = training::mark(&answers.answers).ok_or_else(|| {
        FlowError::Invalid(Invalid::new(
            "answers",
            Reason::QuizAnswers,
            "Please choose one answer for every question.",
        ))
    })?;
    store::tenders::insert_training_attempt(
        db,
        user.organisation_id,
        user.id,
        marked.correct,
        training::QUIZ.len() as u32,
        marked.passed,
    )
    .await?;
    Ok(QuizResult {
        passed: marked.passed,
        correct: marked.correct,
        total: training::QUIZ.len() as u32,
        wrong: marked.wrong,
    })
}

/// Conflicts are declared by approved, trained members.
async fn member_for_conflicts(
    db: &impl sea_orm::ConnectionTrait,
    data: &TenderData,
    user: AuthUser,
) -> Result<(), FlowError> {
    visible(data)?;
    if !data.is_approved(user.id) {
        return Err(NOT_FOUND);
    }
    if store::tenders::trained(db, &[user.id]).await?.is_empty() {
        return Err(FlowError::Conflict(
            Reason::TrainingNeeded,
            "Please do the training first.",
        ));
    }
    Ok(())
}

/// The bidders' names, in alphabetical order and apart from their letters.
pub async fn conflicts(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<ConflictList, FlowError> {
    let data = load(db, user, tender_id).await?;
    member_for_conflicts(db, &data, user).await?;
    let mut bidders: Vec<Bidder> = data
        .bids
        .iter()
        .map(|b| Bidder {
            id: b.provider_id,
            name: data.provider_name(b),
        })
        .collect();
    bidders.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(ConflictList {
        bidders,
        declared: data
            .member(user.id)
            .is_some_and(|m| m.conflicts_declared_at.is_some()),
    })
}

pub async fn declare_conflicts(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
    declaration: &ConflictDeclaration,
) -> Result<ConflictList, FlowError> {
    let change = Change::begin(db, user, tender_id).await?;
    let data = &change.data;
    member_for_conflicts(change.txn(), data, user).await?;
    if data.status() != TenderStatus::Open {
        return Err(FlowError::Conflict(
            Reason::PanelClosed,
            "This panel is closed.",
        ));
    }
    let mut bids = Vec::new();
    for provider_id in &declaration.conflicted {
        let bid = data
            .bids
            .iter()
            .find(|b| b.provider_id == *provider_id)
            .ok_or_else(|| {
                FlowError::Invalid(Invalid::new(
                    "conflicted",
                    Reason::UnknownBidder,
                    "That is not one of the names on the list.",
                ))
            })?;
        if !data.is_excluded(user.id, bid.id) && !bids.contains(&bid.id) {
            bids.push(bid.id);
        }
    }
    for &bid_id in &bids {
        store::tenders::insert_exclusion(
            change.txn(),
            store::tenders::NewExclusion {
                tender: &data.tender,
                bid_id,
                user_id: user.id,
                by: "declared",
                note: None,
                created_by: user.id,
            },
        )
        .await?;
    }
    let member = data.member(user.id).ok_or(NOT_FOUND)?;
    store::tenders::mark_conflicts_declared(change.txn(), member.id).await?;
    let details = json!({ "user_id": user.id, "excluded_bids": bids });
    change.commit("conflicts_declared", details).await?;
    conflicts(db, user, tender_id).await
}

fn panel_bid(data: &TenderData, user: AuthUser, bid: &store::entities::bid::Model) -> PanelBid {
    PanelBid {
        id: bid.id,
        label: TenderData::label(bid),
        questions: data
            .questions
            .iter()
            .filter(|q| TenderData::scored_by(q).by_young_people())
            .map(|q| PanelQuestion {
                id: q.id,
                plain_text: q.plain_text.clone(),
                rubric: TenderData::rubric(q),
                easy_read: data
                    .answer(bid.id, q.id)
                    .map(|a| a.easy_read.clone().unwrap_or_default()),
            })
            .collect(),
        my_scores: my_scores(data, user.id)
            .into_iter()
            .filter(|s| s.bid_id == bid.id)
            .collect(),
    }
}

/// The bids this young person may read: after training and conflicts, never one they are kept from.
pub async fn bids(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<Vec<PanelBid>, FlowError> {
    let data = load(db, user, tender_id).await?;
    visible(&data)?;
    ready_to_score(db, &data, user).await?;
    Ok(data
        .bids
        .iter()
        .filter(|b| b.label.is_some() && !data.is_excluded(user.id, b.id))
        .map(|b| panel_bid(&data, user, b))
        .collect())
}

pub async fn bid(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
    bid_id: Uuid,
) -> Result<PanelBid, FlowError> {
    let data = load(db, user, tender_id).await?;
    visible(&data)?;
    ready_to_score(db, &data, user).await?;
    data.bids
        .iter()
        .find(|b| b.id == bid_id && b.label.is_some() && !data.is_excluded(user.id, b.id))
        .map(|b| panel_bid(&data, user, b))
        .ok_or(FlowError::NotFound(
            Reason::BidNotFound,
            "We could not find that bid.",
        ))
}

/// After the panel closes: the bids in rank order, what young people's scores weighed, and one's
/// own scores beside the agreed ones.
pub async fn outcome(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<PanelOutcome, FlowError> {
    let data = load(db, user, tender_id).await?;
    visible(&data)?;
    if !data.is_approved(user.id) {
        return Err(NOT_FOUND);
    }
    if data.status() != TenderStatus::Closed {
        return Err(FlowError::Conflict(
            Reason::PanelUndecided,
            "The panel has not decided yet.",
        ));
    }
    let result = evaluate(&sheet(&data), &HashMap::new(), false);
    let plain: HashMap<Uuid, &str> = data
        .questions
        .iter()
        .map(|q| (q.id, q.plain_text.as_str()))
        .collect();
    let mine = result
        .bids
        .iter()
        .flat_map(|b| b.cells.iter().map(move |c| (b, c)))
        .filter_map(|(b, c)| {
            let own = data.scores.iter().find(|s| {
                s.bid_id == b.bid_id
                    && s.question_id == c.question_id
                    && s.evaluator_id == user.id
                    && s.submitted_at.is_some()
            })?;
            Some(MyScoreOutcome {
                bid_label: b.label.clone(),
                question: plain
                    .get(&c.question_id)
                    .copied()
                    .unwrap_or_default()
                    .to_owned(),
                mine: own.score as u8,
                agreed: c.used,
            })
        })
        .collect();
    Ok(PanelOutcome {
        title: result.title.clone(),
        ranking: result
            .bids
            .iter()
            .map(|b| RankedBid {
                label: b.label.clone(),
                rank: b.rank,
            })
            .collect(),
        young_peoples_share: result.young_peoples_share,
        winner_changes_if_halved: result.sensitivity.halved_winners != result.sensitivity.winners,
        winner_changes_if_doubled: result.sensitivity.doubled_winners != result.sensitivity.winners,
        mine,
    })
}

/// Panels served, training and hours: something to put on a CV.
pub async fn participation(
    db: &DatabaseConnection,
    user: AuthUser,
) -> Result<ParticipationRecord, FlowError> {
    let me = store::users::find(db, user.id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    let organisation = store::organisations::find(db, user.organisation_id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    let training_passed_at = store::tenders::trained(db, &[user.id])
        .await?
        .get(&user.id)
        .copied();
    let mut panels = Vec::new();
    for tender_id in store::tenders::submitted_by(db, user.id).await? {
        let Some(data) = store::tenders::load(db, user.organisation_id, tender_id).await? else {
            continue;
        };
        let scored_at = data
            .scores
            .iter()
            .filter(|s| s.evaluator_id == user.id)
            .filter_map(|s| s.submitted_at)
            .max();
        if let Some(scored_at) = scored_at {
            panels.push(PanelServed {
                title: data.tender.title.clone(),
                scored_at,
                hours: data.tender.hours as u32,
            });
        }
    }
    panels.sort_by_key(|p| p.scored_at);
    let total_hours = panels.iter().map(|p| p.hours).sum::<u32>()
        + if training_passed_at.is_some() {
            TRAINING_HOURS
        } else {
            0
        };
    Ok(ParticipationRecord {
        display_name: me.display_name,
        organisation_name: organisation.name,
        training_passed_at,
        panels,
        total_hours,
    })
}
