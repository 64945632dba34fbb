//! The panel's members, as the participation officer runs them: approve or decline, and keep a
//! member away from a bid they have a conflict with.

use super::{load, Change};
use crate::auth::AuthUser;
use crate::flows::FlowError;
use crate::store::{self, tenders::TenderData};
use sea_orm::DatabaseConnection;
use serde_json::json;
use shared::api::NewsKind;
use shared::tender::{Exclusion, Member, MemberStatus, NewExclusion, TenderStatus};
use shared::Reason;
use uuid::Uuid;

fn exclusions(data: &TenderData, user_id: Uuid) -> Vec<Exclusion> {
    data.exclusions
        .iter()
        .filter(|e| e.user_id == user_id)
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
        .collect()
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
            status: m.status,
            training_passed: trained.contains_key(&m.user_id),
            conflicts_declared: m.conflicts_declared_at.is_some(),
            exclusions: exclusions(&data, m.user_id),
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
    let change = Change::begin(db, user, tender_id).await?;
    if change.data.status() == TenderStatus::Closed {
        return Err(FlowError::Conflict(
            Reason::PanelClosed,
            "This panel is closed.",
        ));
    }
    let member = change.data.member(member_id).ok_or(FlowError::NotFound(
        Reason::JoinRequestNotFound,
        "That young person has not asked to join this panel.",
    ))?;
    store::tenders::decide_member(change.txn(), member, status.as_str(), user.id).await?;
    if status == MemberStatus::Approved {
        crate::flows::news::tell(
            change.txn(),
            user.organisation_id,
            &[member_id],
            NewsKind::PanelApproved,
            tender_id,
        )
        .await?;
    }
    let action = if status == MemberStatus::Approved {
        "panel_member_approved"
    } else {
        "panel_member_declined"
    };
    let details = json!({ "user_id": member_id, "was": member.status });
    change.commit(action, details).await?;
    Ok(())
}

pub async fn exclude(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
    new: &NewExclusion,
) -> Result<(), FlowError> {
    let new = new.validated()?;
    let change = Change::begin(db, user, tender_id).await?;
    let data = &change.data;
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
        change.txn(),
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
    let details = json!({ "user_id": new.user_id, "bid_id": new.bid_id, "by": "officer" });
    change.commit("panel_member_excluded", details).await?;
    Ok(())
}
