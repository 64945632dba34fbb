//! The whole evaluation and its audit trail as CSV, for the procurement file.
//!
//! The participation officer's copy is the full record (names, who declared what about which
//! bidder), and taking it is audited. A commissioner's copy names no young person: they are
//! "Young commissioner 1..n" as in the evaluation, an audit entry by or about one of them keeps
//! its action and time but not its details, and conflicts are counts.

use super::evaluation::{evaluated, sheet};
use super::{load, subject, Change};
use crate::auth::AuthUser;
use crate::domain::csv;
use crate::domain::tender::evaluation::Conflicts;
use crate::flows::FlowError;
use crate::store::{self, entities::audit_entry, tenders::TenderData};
use chrono::Utc;
use sea_orm::DatabaseConnection;
use serde_json::json;
use shared::tender::{BidResult, Cell, Evaluation, Question};
use shared::Role;
use std::collections::HashMap;
use uuid::Uuid;

const HEADER: [&str; 12] = [
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
];

fn two(x: f64) -> String {
    format!("{x:.2}")
}

/// A row with the given columns filled and the rest empty.
fn row(filled: &[(usize, String)]) -> Vec<String> {
    let mut row = vec![String::new(); HEADER.len()];
    for (column, value) in filled {
        row[*column] = value.clone();
    }
    row
}

fn result_row(bid: &BidResult) -> Vec<String> {
    row(&[
        (0, "result".into()),
        (1, bid.label.clone()),
        (2, bid.provider_name.clone()),
        (3, format!("{:.2}", bid.price_pence as f64 / 100.0)),
        (7, two(bid.quality)),
        (8, two(bid.price)),
        (9, two(bid.total)),
        (10, bid.rank.to_string()),
    ])
}

/// Each individual score on one bid and question, then the agreed (or provisional) one.
fn cell_rows(bid: &BidResult, cell: &Cell, question: &str) -> Vec<Vec<String>> {
    let bid_columns = [
        (1, bid.label.clone()),
        (2, bid.provider_name.clone()),
        (4, question.to_owned()),
    ];
    let mut rows: Vec<Vec<String>> = cell
        .scores
        .iter()
        .map(|s| {
            let mut r = row(&bid_columns);
            r[0] = "score".into();
            r[5] = s.evaluator.clone();
            r[6] = s.score.to_string();
            r[11] = s.reason.clone();
            r
        })
        .collect();
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
    let mut agreed = row(&bid_columns);
    agreed[0] = kind.into();
    agreed[6] = score;
    agreed[11] = note;
    rows.push(agreed);
    rows
}

fn audit_row(entry: &audit_entry::Model) -> Vec<String> {
    row(&[
        (0, "audit".into()),
        (5, entry.actor_id.clone()),
        (10, entry.seq.to_string()),
        (
            11,
            format!("{} {} {}", entry.at, entry.action, entry.details),
        ),
    ])
}

/// An audit row for a commissioner: a young person acting is their pseudonym, and an entry by
/// or about one of them (joining, conflicts, exclusions, their scores) keeps no details.
fn pseudonymous_audit_row(
    entry: &audit_entry::Model,
    pseudonyms: &HashMap<Uuid, String>,
) -> Vec<String> {
    let young_actor = Uuid::parse_str(&entry.actor_id)
        .ok()
        .and_then(|id| pseudonyms.get(&id));
    let about_young_person = young_actor.is_some()
        || pseudonyms
            .keys()
            .any(|id| entry.details.contains(&id.to_string()));
    let detail = if about_young_person {
        format!(
            "{} {} (details kept by the participation officer)",
            entry.at, entry.action
        )
    } else {
        format!("{} {} {}", entry.at, entry.action, entry.details)
    };
    row(&[
        (0, "audit".into()),
        (5, young_actor.unwrap_or(&entry.actor_id).clone()),
        (10, entry.seq.to_string()),
        (11, detail),
    ])
}

fn comments(result: &Evaluation, conflicts: Conflicts) -> Vec<String> {
    vec![
        format!("Tender: {}", result.title),
        format!("Quality {} / price {}; young people's questions carry {:.0}% of the quality points", result.quality_weight, result.price_weight, result.young_peoples_share),
        "quality = sum of (agreed score / 5 x question weight); price = lowest price / bid price x price weight; total = quality + price".to_owned(),
        if result.provisional { "PROVISIONAL: some agreed scores are not recorded yet; medians are used".to_owned() } else { "All agreed scores recorded".to_owned() },
        format!("Sensitivity: winner {:?}; young people's weighting halved {:?}, doubled {:?}", result.sensitivity.winners, result.sensitivity.halved_winners, result.sensitivity.doubled_winners),
        format!("Conflicts: {} member and bid pairs kept apart; {} young people's scores left out", conflicts.pairs, conflicts.excluded_scores),
        format!("Exported {}", Utc::now().to_rfc3339()),
    ]
}

/// The tender for the export: the officer's taking of the full record is audited first.
async fn exported(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<(TenderData, Evaluation), FlowError> {
    if user.role != Role::ParticipationOfficer {
        let data = load(db, user, tender_id).await?;
        let result = evaluated(db, &data, user).await?;
        return Ok((data, result));
    }
    let change = Change::begin(db, user, tender_id).await?;
    let result = evaluated(change.txn(), &change.data, user).await?;
    let data = change
        .commit("tender_record_exported", json!({ "full_record": true }))
        .await?;
    Ok((data, result))
}

/// The whole evaluation and its audit trail, for the procurement file.
pub async fn export(
    db: &DatabaseConnection,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<String, FlowError> {
    let (data, result) = exported(db, user, tender_id).await?;
    let sheet = sheet(&data);
    let trail = store::audit::for_subject(db, user.organisation_id, &subject(tender_id)).await?;
    let questions: HashMap<Uuid, &Question> = result.questions.iter().map(|q| (q.id, q)).collect();
    let mut rows: Vec<Vec<String>> = result.bids.iter().map(result_row).collect();
    for bid in &result.bids {
        for cell in &bid.cells {
            let question = questions
                .get(&cell.question_id)
                .map(|q| format!("Q{} {}", q.position, q.text))
                .unwrap_or_default();
            rows.extend(cell_rows(bid, cell, &question));
        }
    }
    if user.role == Role::ParticipationOfficer {
        rows.extend(trail.iter().map(audit_row));
    } else {
        let pseudonyms = sheet.pseudonyms();
        rows.extend(
            trail
                .iter()
                .map(|entry| pseudonymous_audit_row(entry, &pseudonyms)),
        );
    }
    Ok(csv::write(
        &comments(&result, sheet.conflicts()),
        &HEADER,
        rows,
    ))
}

/// The tenders list as the page shows it: title, kind of service, status, scoring dates, bids and
/// panel members. Titles are words people typed, so they are neutralised like every cell.
pub fn list_csv(tenders: &[shared::tender::TenderSummary]) -> String {
    let comments = ["Chorus tenders and young commissioner panels".to_owned()];
    let header = [
        "title",
        "service_type",
        "status",
        "scoring_opens",
        "scoring_closes",
        "bids",
        "panel_members",
    ];
    let rows = tenders.iter().map(|t| {
        vec![
            t.title.clone(),
            t.service_type.as_str().to_owned(),
            t.status.as_str().to_owned(),
            t.scoring_opens_at.format("%Y-%m-%d %H:%M").to_string(),
            t.scoring_closes_at.format("%Y-%m-%d %H:%M").to_string(),
            t.bids.to_string(),
            t.members.to_string(),
        ]
    });
    csv::write(&comments, &header, rows)
}
