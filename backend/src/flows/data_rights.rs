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
use shared::api::MyFeedbackStatus;
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

async fn young_person(
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
    let line = |out: &mut String, text: String| {
        let _ = writeln!(out, "{text}");
    };
    line(&mut out, "EVERYTHING CHORUS KEEPS ABOUT YOU".into());
    line(
        &mut out,
        format!("Made on {}", Utc::now().format("%-d %B %Y at %H:%M (UTC)")),
    );
    line(&mut out, String::new());
    line(&mut out, "ABOUT YOU".into());
    line(&mut out, format!("  Name we call you: {}", me.display_name));
    line(
        &mut out,
        format!(
            "  Sign-in name: {}",
            me.sign_in_name.clone().unwrap_or_else(|| "(none)".into())
        ),
    );
    line(
        &mut out,
        format!(
            "  Age group: {}",
            me.age_band.map_or("(not given)", AgeBand::as_str)
        ),
    );
    line(&mut out, format!("  Organisation: {organisation}"));
    line(
        &mut out,
        format!("  Joined Chorus: {}", me.created_at.format("%-d %B %Y")),
    );
    line(
        &mut out,
        "  Your PIN is kept only as a scrambled code that nobody can read back.".into(),
    );
    line(&mut out, String::new());
    line(&mut out, "SERVICES LINKED TO YOU".into());
    for s in store::services::list_for_young_person(db, id).await? {
        line(&mut out, format!("  - {} ({})", s.name, s.provider_name));
    }
    line(&mut out, String::new());
    let feedback = super::responses::my_feedback(db, id).await?;
    let originals = store::feedback::by_author(db, id, 10_000).await?;
    line(
        &mut out,
        format!("YOUR FEEDBACK ({} items)", feedback.len()),
    );
    for item in &feedback {
        let original = originals.iter().find(|f| f.id == item.id);
        line(
            &mut out,
            format!(
                "  {} about {}",
                item.received_at.format("%-d %B %Y"),
                item.service_name
            ),
        );
        let answers: Vec<String> = item
            .answers
            .answered()
            .map(|(d, f)| format!("{} = {}", d.as_str(), f.value()))
            .collect();
        if !answers.is_empty() {
            line(
                &mut out,
                format!(
                    "    Your answers (1 = really bad ... 5 = really good): {}",
                    answers.join(", ")
                ),
            );
        }
        if let Some(text) = &item.tell_us_more {
            line(&mut out, format!("    Tell us more: \"{text}\""));
        }
        if let Some(text) = &item.make_better {
            line(
                &mut out,
                format!("    What would make it better: \"{text}\""),
            );
        }
        if let Some(f) = original {
            line(
                &mut out,
                format!(
                    "    Named or anonymous: {}",
                    if f.named { "named" } else { "anonymous" }
                ),
            );
            line(
                &mut out,
                format!(
                    "    You asked to talk: {}",
                    if f.wants_talk { "yes" } else { "no" }
                ),
            );
            if f.anonymised_at.is_some() {
                line(
                    &mut out,
                    "    Your words were removed after the time Chorus keeps them.".into(),
                );
            }
        }
        line(
            &mut out,
            format!("    Status: {}", status_words(item.status)),
        );
        if let Some(np) = &item.not_published {
            line(&mut out, format!("    Not published: {}", np.explanation));
        }
        for r in &item.responses {
            line(&mut out, format!("    You said, we did: {}", r.body));
        }
    }
    line(&mut out, String::new());
    line(&mut out, "YOUNG COMMISSIONER".into());
    let attempts = store::tenders::training_attempts(db, id).await?;
    line(
        &mut out,
        format!(
            "  Training quiz tries: {} ({} passed)",
            attempts.len(),
            attempts.iter().filter(|a| a.passed).count()
        ),
    );
    for (tender_id, _) in store::tenders::memberships_of(db, id).await? {
        let Some(data) = store::tenders::load(db, organisation_id, tender_id).await? else {
            continue;
        };
        let member = data.member(id).map_or("", |m| m.status.as_str());
        line(
            &mut out,
            format!("  Panel: {} (you are: {member})", data.tender.title),
        );
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
                .map(|q| q.plain_text.clone())
                .unwrap_or_default();
            line(
                &mut out,
                format!(
                    "    Bid {bid}, \"{question}\": {} because \"{}\"{}",
                    s.score,
                    s.reason,
                    if s.submitted_at.is_some() {
                        ""
                    } else {
                        " (draft)"
                    }
                ),
            );
        }
    }
    line(&mut out, String::new());
    line(&mut out, "WHO SEES WHAT".into());
    line(&mut out, "  Commissioners and the organisations that run services never see your name or your own words; they see scores from 5 or more young people together, and words with personal details taken out.".into());
    line(&mut out, "  The participation team sees your words. They see your name if you chose to give it, or if you might not be safe.".into());
    Ok(out)
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
