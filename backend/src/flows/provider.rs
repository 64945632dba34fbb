//! What a provider's own staff see: their services' scores, trends, quotes and "we did" answers,
//! exactly as the council's commissioners see those services (the same report, cut down to the
//! provider's rows), and nothing of any other provider, child or alert.

use super::dashboard::{self, ScoresCache};
use super::FlowError;
use crate::auth::AuthUser;
use crate::domain::quarter::Quarter;
use crate::domain::windows::WindowKind;
use crate::store;
use sea_orm::ConnectionTrait;
use shared::api::{ScoresReport, ServiceDetail};
use shared::Reason;
use uuid::Uuid;

const NOT_FOUND: FlowError =
    FlowError::NotFound(Reason::ServiceNotFound, "We could not find that service.");

/// The services of the organisation that the account's provider runs.
async fn own_services(db: &impl ConnectionTrait, user: &AuthUser) -> Result<Vec<Uuid>, FlowError> {
    let provider = store::provider_accounts::provider_of(db, user.organisation_id, user.id)
        .await?
        // Invited with its provider in one transaction: an account without one is not a provider's.
        .ok_or(FlowError::Forbidden)?;
    Ok(store::provider_accounts::services_of(db, user.organisation_id, provider).await?)
}

/// The commissioners' scores for a window, only the provider's services' rows. Comparators are
/// the council's (pooled from shown scores only), as the commissioners read them.
pub async fn scores(
    db: &impl ConnectionTrait,
    cache: &ScoresCache,
    user: &AuthUser,
    kind: WindowKind,
    end: Quarter,
) -> Result<ScoresReport, FlowError> {
    let own = own_services(db, user).await?;
    let report = dashboard::scores(db, cache, user.organisation_id, kind, end).await?;
    let mut report = report.value.clone();
    report.services.retain(|s| own.contains(&s.service_id));
    Ok(report)
}

/// One of the provider's services as the commissioners' service page shows it; any other
/// service is not found.
pub async fn service(
    db: &impl ConnectionTrait,
    cache: &ScoresCache,
    user: &AuthUser,
    service_id: Uuid,
    end: Quarter,
    quarters: usize,
) -> Result<ServiceDetail, FlowError> {
    if !own_services(db, user).await?.contains(&service_id) {
        return Err(NOT_FOUND);
    }
    dashboard::service_detail(
        db,
        cache,
        (user.organisation_id, user.role),
        service_id,
        end,
        quarters,
    )
    .await?
    .ok_or(NOT_FOUND)
}
