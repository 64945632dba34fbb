//! A young person's data rights (UK GDPR, the ICO Children's Code): everything Chorus holds about
//! them as a readable file; erasure by a participation officer; free text anonymised after the
//! organisation's retention period by a scheduled job. Each is in the audit log, without content.

use crate::auth::{AuthUser, Revocations};
use crate::domain::ids::OrganisationId;
use crate::domain::slowdown::{self, Claimed};
use crate::flows::FlowError;
use crate::store;
use chrono::{Months, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::{MyFeedback, MyFeedbackStatus};
use shared::api::{Retention, YoungPersonSummary};
use shared::AgeBand;
use shared::Role;
use std::fmt::Write as _;
use uuid::Uuid;

/// Anonymises free text older than each organisation's retention period; returns the items changed.
pub async fn run_retention(db: &DatabaseConnection) -> Result<u64, FlowError> {
    let mut total = 0;
    for organisation in store::organisations::all(db).await? {
        let months = u32::try_from(organisation.retention_months.max(1)).unwrap_or(24);
        let Some(cutoff) = Utc::now().checked_sub_months(Months::new(months)) else {
            continue;
        };
        let txn = db.begin().await?;
        let changed = store::data_rights::anonymise_before(&txn, organisation.id, cutoff).await?;
        if changed > 0 {
            store::audit::append(
                &txn,
                store::audit::Event {
                    organisation_id: organisation.id,
                    actor_id: None,
                    action: "free_text_anonymised",
                    subject: format!("organisation:{}", organisation.id),
                    details: json!({ "items": changed, "received_before": cutoff, "retention_months": months }),
                },
            )
            .await?;
        }
        txn.commit().await?;
        total += changed;
    }
    // Counts of wrong sign-in tries no longer count after a day; nor are they kept.
    store::sign_in_failures::purge(db, Utc::now() - slowdown::forget_after()).await?;
    // Token revocations older than a day revoke only tokens that have long expired.
    store::token_revocations::purge(db, Utc::now() - chrono::Duration::days(1)).await?;
    Ok(total)
}

pub(crate) async fn young_person(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    id: Uuid,
) -> Result<store::entities::user::Model, FlowError> {
    store::users::find(db, id)
        .await?
        .filter(|u| u.organisation_id == organisation_id && u.role == Role::YoungPerson)
        .ok_or(FlowError::NotFound(
            shared::Reason::YoungPersonNotFound,
            "We could not find that young person.",
        ))
}

/// The organisation's young person, refused (409) once erased: nothing more is recorded of them.
pub(crate) async fn not_erased(
    txn: &impl ConnectionTrait,
    officer: &AuthUser,
    id: Uuid,
) -> Result<store::entities::user::Model, FlowError> {
    let person = young_person(txn, officer.organisation_id, id).await?;
    if person.erased_at.is_some() {
        return Err(FlowError::Conflict(
            shared::Reason::YoungPersonErased,
            "This young person has been erased.",
        ));
    }
    Ok(person)
}

pub async fn young_people(
    db: &DatabaseConnection,
    officer: AuthUser,
) -> Result<Vec<YoungPersonSummary>, FlowError> {
    Ok(
        store::data_rights::young_people(db, officer.organisation_id)
            .await?
            .into_iter()
            .map(|u| YoungPersonSummary {
                id: u.id,
                display_name: u.display_name,
                sign_in_name: u.sign_in_name,
                erased: u.erased_at.is_some(),
                age_band: u.age_band,
                active: u.deactivated_at.is_none(),
            })
            .collect(),
    )
}

fn status_words(status: MyFeedbackStatus) -> &'static str {
    match status {
        MyFeedbackStatus::Sent => "sent",
        MyFeedbackStatus::Read => "read by the participation team",
        MyFeedbackStatus::Changed => "something changed because you spoke",
    }
}

/// Everything Chorus holds about one young person, as text anyone can read.
pub async fn export(
    db: &DatabaseConnection,
    organisation_id: OrganisationId,
    id: Uuid,
) -> Result<String, FlowError> {
    let me = young_person(db, organisation_id, id).await?;
    let organisation = store::organisations::find(db, organisation_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let mut out = String::new();
    about_you(&mut out, &me, &organisation);
    out.push_str("SERVICES LINKED TO YOU\n");
    for s in store::services::list_for_young_person(db, id).await? {
        let _ = writeln!(out, "  - {} ({})", s.name, s.provider_name);
    }
    out.push('\n');
    let feedback = super::responses::my_feedback(db, id).await?;
    let originals = store::feedback::by_author(db, id, 10_000).await?;
    let _ = writeln!(out, "YOUR FEEDBACK ({} items)", feedback.len());
    for item in &feedback {
        one_feedback(&mut out, item, originals.iter().find(|f| f.id == item.id));
    }
    out.push('\n');
    let news = super::news::list(db, organisation_id, id, 100_000).await?;
    let _ = writeln!(out, "YOUR NEWS ({} items)", news.items.len());
    for item in &news.items {
        let seen = if item.read { "seen" } else { "not seen yet" };
        let _ = writeln!(
            out,
            "  {}: {} ({seen})",
            item.at.format("%-d %B %Y"),
            super::news::in_words(item)
        );
    }
    out.push('\n');
    young_commissioner(&mut out, db, organisation_id, id).await?;
    out.push('\n');
    out.push_str("WHO SEES WHAT\n");
    out.push_str("  Commissioners and the organisations that run services never see your name or your own words; they see scores from 5 or more young people together, and words with personal details taken out.\n");
    out.push_str("  The participation team sees your words. They see your name if you chose to give it, or if you might not be safe.\n");
    Ok(out)
}

fn about_you(out: &mut String, me: &store::entities::user::Model, organisation: &str) {
    out.push_str("EVERYTHING CHORUS KEEPS ABOUT YOU\n");
    let _ = writeln!(
        out,
        "Made on {}",
        Utc::now().format("%-d %B %Y at %H:%M (UTC)")
    );
    out.push('\n');
    out.push_str("ABOUT YOU\n");
    let _ = writeln!(out, "  Name we call you: {}", me.display_name);
    let _ = writeln!(
        out,
        "  Sign-in name: {}",
        me.sign_in_name.as_deref().unwrap_or("(none)")
    );
    let _ = writeln!(
        out,
        "  Age group: {}",
        me.age_band.map_or("(not given)", AgeBand::as_str)
    );
    let _ = writeln!(out, "  Organisation: {organisation}");
    let _ = writeln!(
        out,
        "  Joined Chorus: {}",
        me.created_at.format("%-d %B %Y")
    );
    out.push_str("  Your PIN is kept only as a scrambled code that nobody can read back.\n");
    out.push('\n');
}

fn one_feedback(
    out: &mut String,
    item: &MyFeedback,
    original: Option<&store::entities::feedback::Model>,
) {
    let _ = writeln!(
        out,
        "  {} about {}",
        item.received_at.format("%-d %B %Y"),
        item.service_name
    );
    let answers: Vec<String> = item
        .answers
        .answered()
        .map(|(d, f)| format!("{} = {}", d.as_str(), f.value()))
        .collect();
    if !answers.is_empty() {
        let _ = writeln!(
            out,
            "    Your answers (1 = really bad ... 5 = really good): {}",
            answers.join(", ")
        );
    }
    if let Some(text) = &item.tell_us_more {
        let _ = writeln!(out, "    Tell us more: \"{text}\"");
    }
    if let Some(text) = &item.make_better {
        let _ = writeln!(out, "    What would make it better: \"{text}\"");
    }
    if let Some(f) = original {
        let named = if f.named { "named" } else { "anonymous" };
        let _ = writeln!(out, "    Named or anonymous: {named}");
        let talk = if f.wants_talk { "yes" } else { "no" };
        let _ = writeln!(out, "    You asked to talk: {talk}");
        if f.anonymised_at.is_some() {
            out.push_str("    Your words were removed after the time Chorus keeps them.\n");
        }
    }
    let _ = writeln!(out, "    Status: {}", status_words(item.status));
    if let Some(np) = &item.not_published {
        let _ = writeln!(out, "    Not published: {}", np.explanation);
    }
    for r in &item.responses {
        let _ = writeln!(out, "    You said, we did: {}", r.body);
    }
}

async fn young_commissioner(
    out: &mut String,
    db: &DatabaseConnection,
    organisation_id: OrganisationId,
    id: Uuid,
) -> Result<(), FlowError> {
    out.push_str("YOUNG COMMISSIONER\n");
    let attempts = store::tenders::training_attempts(db, id).await?;
    let _ = writeln!(
        out,
        "  Training quiz tries: {} ({} passed)",
        attempts.len(),
        attempts.iter().filter(|a| a.passed).count()
    );
    for (tender_id, _) in store::tenders::memberships_of(db, id).await? {
        let Some(data) = store::tenders::load(db, organisation_id, tender_id).await? else {
            continue;
        };
        let member = data.member(id).map_or("", |m| m.status.as_str());
        let _ = writeln!(out, "  Panel: {} (you are: {member})", data.tender.title);
        for s in data.scores.iter().filter(|s| s.evaluator_id == id) {
            let bid = data
                .bids
                .iter()
                .find(|b| b.id == s.bid_id)
                .map(store::tenders::TenderData::label)
                .unwrap_or_default();
            let question = data
                .questions
                .iter()
                .find(|q| q.id == s.question_id)
                .map_or("", |q| q.plain_text.as_str());
            let draft = if s.submitted_at.is_some() {
                ""
            } else {
                " (draft)"
            };
            let _ = writeln!(
                out,
                "    Bid {bid}, \"{question}\": {} because \"{}\"{draft}",
                s.score, s.reason
            );
        }
    }
    Ok(())
}

/// An officer downloads a young person's data on their behalf (audited).
pub async fn export_for(
    db: &DatabaseConnection,
    officer: AuthUser,
    id: Uuid,
) -> Result<String, FlowError> {
    let text = export(db, officer.organisation_id, id).await?;
    store::audit::append(
        db,
        store::audit::Event {
            organisation_id: officer.organisation_id,
            actor_id: Some(officer.id),
            action: "young_person_data_exported",
            subject: format!("user:{id}"),
            details: json!({}),
        },
    )
    .await?;
    Ok(text)
}

/// Erases a young person: their identity and words go, their sign-ins end at once on every
/// instance, and anonymous scores stay. The audit log records that it happened, never what was
/// erased.
pub async fn erase(
    db: &DatabaseConnection,
    revocations: &Revocations,
    officer: AuthUser,
    id: Uuid,
) -> Result<(), FlowError> {
    let txn = db.begin().await?;
    let person = young_person(&txn, officer.organisation_id, id).await?;
    if person.erased_at.is_some() {
        return Err(FlowError::Conflict(
            shared::Reason::AlreadyErased,
            "This young person has been erased already.",
        ));
    }
    if let Some(name) = person.sign_in_name.as_deref() {
        store::sign_in_failures::clear_name(&txn, &Claimed::YoungPerson(name).key()).await?;
    }
    let generation = store::token_revocations::revoke(&txn, officer.organisation_id, id).await?;
    let (feedback, reasons) = store::data_rights::erase(&txn, id).await?;
    store::audit::append(
        &txn,
        store::audit::Event {
            organisation_id: officer.organisation_id,
            actor_id: Some(officer.id),
            action: "young_person_erased",
            subject: format!("user:{id}"),
            details: json!({ "feedback_items_cleared": feedback, "score_reasons_cleared": reasons }),
        },
    )
    .await?;
    txn.commit().await?;
    if let Some(generation) = generation {
        revocations.note(id, generation);
    }
    Ok(())
}

pub async fn retention(db: &DatabaseConnection, admin: AuthUser) -> Result<Retention, FlowError> {
    let organisation = store::organisations::find(db, admin.organisation_id)
        .await?
        .ok_or(FlowError::NotFound(
            shared::Reason::OrganisationNotFound,
            "We could not find your organisation.",
        ))?;
    Ok(Retention {
        months: u32::try_from(organisation.retention_months).unwrap_or(24),
    })
}

pub async fn set_retention(
    db: &DatabaseConnection,
    admin: AuthUser,
    new: Retention,
) -> Result<Retention, FlowError> {
    let new = new.validated()?;
    let txn = db.begin().await?;
    let before =
        store::organisations::set_retention_months(&txn, admin.organisation_id, new.months as i32)
            .await?;
    store::audit::append(
        &txn,
        store::audit::Event {
            organisation_id: admin.organisation_id,
            actor_id: Some(admin.id),
            action: "retention_changed",
            subject: format!("organisation:{}", admin.organisation_id),
            details: json!({ "months": new.months, "was": before }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(new)
}

/// Lets a young person whose tries are being slowed by wrong PINs try again at once (they asked
/// their officer), audited.
pub async fn unlock(db: &DatabaseConnection, officer: AuthUser, id: Uuid) -> Result<(), FlowError> {
    let txn = db.begin().await?;
    let person = young_person(&txn, officer.organisation_id, id).await?;
    let Some(name) = person
        .sign_in_name
        .as_deref()
        .filter(|_| person.erased_at.is_none())
    else {
        return Err(FlowError::Conflict(
            shared::Reason::YoungPersonErased,
            "This young person has been erased.",
        ));
    };
    let was_slowed =
        store::sign_in_failures::clear_name(&txn, &Claimed::YoungPerson(name).key()).await?;
    store::audit::append(
        &txn,
        store::audit::Event {
            organisation_id: officer.organisation_id,
            actor_id: Some(officer.id),
            action: "young_person_unlocked",
            subject: format!("user:{id}"),
            details: json!({ "was_slowed": was_slowed }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
