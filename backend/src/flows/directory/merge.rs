//! `backend merge-providers`: providers that are one provider under two spellings (matched by
//! name before they had a URN, `domain::provider_names`) become one, across every council. Safe
//! by rule: two different URNs are never merged; a group is left alone when merging would give
//! one council two services of the same name for the provider, or one tender two bids from it.
//! Without `apply` it only reports; with it, everything happens in one transaction, each council
//! whose services moved starts a scores change (provider names are on its dashboard), and its
//! audit log records the merge.

use crate::domain::provider_names::{self, Named, Plan};
use crate::store::{self, entities::provider};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};
use serde_json::json;
use std::collections::{BTreeSet, HashSet};
use uuid::Uuid;

/// What a run did, or (without `apply`) would do, line by line.
#[derive(Debug, Default)]
pub struct MergeReport {
    pub lines: Vec<String>,
    /// Groups merged (or to merge).
    pub merged: usize,
    /// Groups left alone, each with its reason among the lines.
    pub left_alone: usize,
}

fn names(members: &[&provider::Model]) -> String {
    members
        .iter()
        .map(|p| match &p.urn {
            Some(urn) => format!("\"{}\" ({urn})", p.name),
            None => format!("\"{}\"", p.name),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why merging these would break a rule, if it would: a council's two services of one name, or
/// a tender's two bids.
async fn clash(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Option<String>, DbErr> {
    let mut seen = HashSet::new();
    for service in store::directory::services_of_providers(db, ids).await? {
        if !seen.insert((service.organisation_id, service.name.clone())) {
            return Ok(Some(format!(
                "a council has a service named \"{}\" under two of them; merge those services by hand first",
                service.name
            )));
        }
    }
    let mut tenders = HashSet::new();
    for bid in store::directory::bids_of_providers(db, ids).await? {
        if !tenders.insert(bid.tender_id) {
            return Ok(Some(
                "one tender has a bid from two of them; they stay apart".to_owned(),
            ));
        }
    }
    Ok(None)
}

pub async fn merge_providers(db: &DatabaseConnection, apply: bool) -> anyhow::Result<MergeReport> {
    let txn = db.begin().await?;
    let providers = store::directory::providers_oldest_first(&txn).await?;
    let named: Vec<Named<Uuid>> = providers
        .iter()
        .map(|p| Named {
            id: p.id,
            name: p.name.clone(),
            urn: p.urn.clone(),
        })
        .collect();
    let by_id = |id: &Uuid| providers.iter().find(|p| p.id == *id);
    let mut report = MergeReport::default();
    for (members, plan) in provider_names::plan(&named) {
        let all: Vec<&provider::Model> = members.iter().filter_map(|m| by_id(&m.id)).collect();
        let (into, others) = match plan {
            Plan::DifferentUrns => {
                report.left_alone += 1;
                report.lines.push(format!(
                    "Left alone: {} have different URNs, so they are different providers.",
                    names(&all)
                ));
                continue;
            }
            Plan::Merge { into, others } => (into, others),
        };
        let ids: Vec<Uuid> = all.iter().map(|p| p.id).collect();
        if let Some(why) = clash(&txn, &ids).await? {
            report.left_alone += 1;
            report
                .lines
                .push(format!("Left alone: {}: {why}.", names(&all)));
            continue;
        }
        let moved = store::directory::services_of_providers(&txn, &others).await?;
        let bids = store::directory::bids_of_providers(&txn, &others).await?;
        let (keep, folded): (Vec<&provider::Model>, Vec<&provider::Model>) =
            all.iter().copied().partition(|p| p.id == into);
        report.merged += 1;
        report.lines.push(format!(
            "{} {} into {}: {} services and {} bids move to it.",
            if apply { "Merged" } else { "Would merge" },
            names(&folded),
            names(&keep),
            moved.len(),
            bids.len()
        ));
        if !apply {
            continue;
        }
        // Councils whose services or bids move: their pages name the provider.
        let councils: BTreeSet<_> = moved
            .iter()
            .map(|s| s.organisation_id)
            .chain(bids.iter().map(|b| b.organisation_id))
            .collect();
        for organisation in &councils {
            store::aggregates::begin_change(&txn, *organisation).await?;
        }
        store::directory::fold_providers(&txn, &others, into).await?;
        for organisation in councils {
            store::audit::append(
                &txn,
                store::audit::Event {
                    organisation_id: organisation,
                    actor_id: None,
                    action: "providers_merged",
                    subject: format!("provider:{into}"),
                    details: json!({
                        "into": keep.first().map(|p| &p.name),
                        "merged": folded.iter().map(|p| &p.name).collect::<Vec<_>>(),
                        "services": moved.iter().filter(|s| s.organisation_id == organisation).map(|s| &s.name).collect::<Vec<_>>(),
                    }),
                },
            )
            .await?;
        }
    }
    if report.merged + report.left_alone == 0 {
        report
            .lines
            .push("Nothing to merge: no two providers' names match.".to_owned());
    }
    if apply {
        txn.commit().await?;
    } else {
        txn.rollback().await?;
    }
    Ok(report)
}
