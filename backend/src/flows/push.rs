//! A young person turns notifications on or off for a phone; news then reaches each phone they
//! turned them on for as a push through the outbox (`tell`), saying only that there is news.

use crate::auth::AuthUser;
use crate::config::PushSettings;
use crate::domain::ids::OrganisationId;
use crate::domain::push::{self, Refusal};
use crate::flows::FlowError;
use crate::push::{Delivery, Pusher};
use crate::store;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use shared::api::{PushEndpoint, PushKey, PushSubscription};
use shared::validate::Invalid;
use shared::Reason;
use uuid::Uuid;

const OFF: FlowError = FlowError::NotFound(
    Reason::NotificationsOff,
    "Notifications are not switched on for this Chorus.",
);

/// The key a phone subscribes with.
pub fn key(pusher: &Pusher) -> Result<PushKey, FlowError> {
    pusher
        .public_key()
        .map(|k| PushKey {
            application_server_key: k.to_owned(),
        })
        .ok_or(OFF)
}

pub async fn subscribe(
    db: &DatabaseConnection,
    pusher: &Pusher,
    settings: &PushSettings,
    young_person: AuthUser,
    subscription: &PushSubscription,
) -> Result<(), FlowError> {
    pusher.public_key().ok_or(OFF)?;
    let checked = push::check(
        &subscription.endpoint,
        &subscription.keys.p256dh,
        &subscription.keys.auth,
        &settings.hosts(),
        settings.allow_http,
    )
    .map_err(|refusal| {
        let (field, message) = match refusal {
            Refusal::Endpoint => (
                "endpoint",
                "This phone's notification service is not one Chorus can use.",
            ),
            Refusal::Keys => ("keys", "This phone's notification keys could not be read."),
        };
        FlowError::Invalid(Invalid {
            field,
            reason: Reason::PushSubscription,
            message: message.to_owned(),
        })
    })?;
    store::push_subscriptions::keep(db, young_person.organisation_id, young_person.id, checked)
        .await?;
    Ok(())
}

pub async fn unsubscribe(
    db: &DatabaseConnection,
    young_person: AuthUser,
    endpoint: &PushEndpoint,
) -> Result<(), FlowError> {
    store::push_subscriptions::forget(db, young_person.id, &endpoint.endpoint).await?;
    Ok(())
}

/// A push to every phone of these young people, in the caller's transaction.
pub async fn tell(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    young_people: &[Uuid],
) -> Result<(), FlowError> {
    if young_people.is_empty() {
        return Ok(());
    }
    let phones: Vec<Uuid> = store::push_subscriptions::of_users(db, young_people)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    store::outbox::enqueue_pushes(db, organisation_id, &phones).await?;
    Ok(())
}

/// Sends one outbox push. A subscription that has gone (dropped since, or the push service
/// says 404/410) is forgotten and the push counts as done; an error is for the outbox to retry.
pub async fn deliver(
    db: &DatabaseConnection,
    pusher: &Pusher,
    recipient: &str,
) -> anyhow::Result<()> {
    let Ok(id) = recipient.parse::<Uuid>() else {
        anyhow::bail!("a push row whose recipient is not a subscription id");
    };
    let Some(phone) = store::push_subscriptions::find(db, id).await? else {
        return Ok(());
    };
    if pusher.public_key().is_none() {
        // The VAPID key was taken out of the settings: no push can be signed, now or on a later
        // try, so the row is done rather than retried for ever.
        tracing::warn!(subscription = %id, "push is off (no push.vapid_private_key): not sent");
        return Ok(());
    }
    match pusher
        .send(&phone.endpoint, &phone.p256dh, &phone.auth)
        .await?
    {
        Delivery::Accepted => {}
        Delivery::Gone => store::push_subscriptions::delete(db, id).await?,
        Delivery::Refused(status) => {
            tracing::warn!(subscription = %id, status, "the push service refused a push for good");
        }
    }
    Ok(())
}
