//! The duty rota: the admin sets who is told of a safeguarding alert, in what order and in which
//! hours; raising and escalating an alert follow it. Without a rota, the chain is the
//! safeguarding address (or every participation officer), then every officer and the address.

use crate::auth::AuthUser;
use crate::domain::safeguarding::rota::{self, OfficeHours};
use crate::flows::FlowError;
use crate::store::{self, entities::organisation};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};
use serde_json::json;
use shared::api::{DutyRota, RotaHours, RotaStep};
use shared::validate::{Email, Invalid};
use shared::{Reason, Role};

/// The most steps a chain may have.
pub const MAX_STEPS: usize = 12;

/// Who is told at each step, for the rules (`steps`) and for the emails.
pub struct Chain {
    pub steps: Vec<rota::Step>,
    pub hours: OfficeHours,
    pub recipients: Vec<Vec<String>>,
    pub labels: Vec<String>,
}

fn office_hours(organisation: &organisation::Model) -> OfficeHours {
    let minute = |m: i32| u32::try_from(m).unwrap_or(0);
    OfficeHours {
        opens: minute(organisation.office_opens),
        closes: minute(organisation.office_closes),
    }
}

/// The organisation's chain: its rota, or the default two steps when it has set none.
pub async fn chain(
    db: &impl ConnectionTrait,
    organisation: &organisation::Model,
) -> Result<Chain, DbErr> {
    let hours = office_hours(organisation);
    let set = store::duty_rota::steps(db, organisation.id).await?;
    if !set.is_empty() {
        return Ok(Chain {
            steps: set
                .iter()
                .map(|s| rota::Step {
                    hours: s.hours,
                    minutes: u32::try_from(s.minutes).unwrap_or(0),
                })
                .collect(),
            hours,
            recipients: set.iter().map(|s| vec![s.email.clone()]).collect(),
            labels: set.into_iter().map(|s| s.label).collect(),
        });
    }
    let officers =
        store::users::emails_with_role(db, organisation.id, Role::ParticipationOfficer).await?;
    let first = match &organisation.safeguarding_email {
        Some(address) => vec![address.clone()],
        None => officers.clone(),
    };
    let mut everyone = officers;
    everyone.extend(organisation.safeguarding_email.clone());
    everyone.sort();
    everyone.dedup();
    let after = u32::try_from(organisation.escalate_after_minutes).unwrap_or(60);
    let step = rota::Step {
        hours: RotaHours::Any,
        minutes: after,
    };
    Ok(Chain {
        steps: vec![step.clone(), step],
        hours,
        recipients: vec![first, everyone],
        labels: vec![
            "The safeguarding contact".into(),
            "Every participation officer".into(),
        ],
    })
}

fn clock(minutes: i32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// "09:30" as minutes after midnight.
fn minutes_of(field: &'static str, time: &str) -> Result<i32, Invalid> {
    let parsed = time
        .trim()
        .split_once(':')
        .and_then(|(h, m)| Some((h.parse::<i32>().ok()?, m.parse::<i32>().ok()?)))
        .filter(|(h, m)| (0..24).contains(h) && (0..60).contains(m) && time.trim().len() == 5);
    parsed.map(|(h, m)| h * 60 + m).ok_or_else(|| {
        Invalid::new(
            field,
            Reason::DutyRota,
            format!("Write the time as hours and minutes on the 24-hour clock, like 09:00 (not {time:?})."),
        )
    })
}

/// The organisation's rota as the admin set it (no steps when none is set).
pub async fn get(db: &DatabaseConnection, admin: AuthUser) -> Result<DutyRota, FlowError> {
    let organisation = store::organisations::find(db, admin.organisation_id)
        .await?
        .ok_or(FlowError::NotFound(
            Reason::OrganisationNotFound,
            "We could not find your organisation.",
        ))?;
    let steps = store::duty_rota::steps(db, admin.organisation_id).await?;
    Ok(DutyRota {
        office_opens: clock(organisation.office_opens),
        office_closes: clock(organisation.office_closes),
        steps: steps
            .into_iter()
            .map(|s| RotaStep {
                label: s.label,
                email: s.email,
                hours: s.hours,
                minutes: u32::try_from(s.minutes).unwrap_or(0),
            })
            .collect(),
    })
}

fn invalid(field: &'static str, message: impl Into<String>) -> FlowError {
    Invalid::new(field, Reason::DutyRota, message).into()
}

/// Replaces the rota and office hours, after checking every step; audited.
pub async fn replace(
    db: &DatabaseConnection,
    admin: AuthUser,
    given: DutyRota,
) -> Result<DutyRota, FlowError> {
    let opens = minutes_of("office_opens", &given.office_opens)?;
    let closes = minutes_of("office_closes", &given.office_closes)?;
    if opens >= closes {
        return Err(invalid(
            "office_closes",
            "The office must close after it opens.",
        ));
    }
    if given.steps.len() > MAX_STEPS {
        return Err(invalid(
            "steps",
            format!("A rota has at most {MAX_STEPS} steps."),
        ));
    }
    let mut steps = Vec::with_capacity(given.steps.len());
    for (n, step) in (1..).zip(&given.steps) {
        let label = step.label.trim();
        if label.is_empty() || label.chars().count() > 80 || label.chars().any(char::is_control) {
            return Err(invalid(
                "steps",
                format!("Step {n}: give it a name of up to 80 characters, like \"Duty officer\"."),
            ));
        }
        let email = Email::parse(&step.email).map_err(|_| {
            invalid(
                "steps",
                format!("Step {n}: {:?} is not an email address.", step.email),
            )
        })?;
        if !(5..=1440).contains(&step.minutes) {
            return Err(invalid(
                "steps",
                format!("Step {n}: the time to acknowledge is between 5 and 1440 minutes."),
            ));
        }
        steps.push((
            label.to_owned(),
            email.as_str().to_owned(),
            step.hours,
            step.minutes,
        ));
    }
    let written: Vec<store::duty_rota::NewStep> = steps
        .iter()
        .map(|(label, email, hours, minutes)| store::duty_rota::NewStep {
            label,
            email,
            hours: *hours,
            minutes: i32::try_from(*minutes).unwrap_or(1440),
        })
        .collect();
    let txn = db.begin().await?;
    store::duty_rota::replace(&txn, admin.organisation_id, (opens, closes), &written).await?;
    let details = json!({ "steps": written.len(), "office_opens": clock(opens), "office_closes": clock(closes) });
    let subject = "organisation:duty_rota".to_owned();
    crate::flows::audit::record(
        &txn,
        admin.organisation_id,
        admin.id,
        "duty_rota_changed",
        subject,
        details,
    )
    .await?;
    txn.commit().await?;
    get(db, admin).await
}
