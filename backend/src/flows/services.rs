//! The service directory: the organisation's services for staff, and a young person's own
//! services with the questions for their age band.

use crate::auth::AuthUser;
use crate::flows::FlowError;
use crate::store;
use sea_orm::DatabaseConnection;
use shared::api::{MyService, ServiceSummary};
use shared::AgeBand;

/// Every service of the member of staff's organisation still offered (not retired).
pub async fn for_staff(
    db: &DatabaseConnection,
    staff: AuthUser,
) -> Result<Vec<ServiceSummary>, FlowError> {
    let services = store::services::list_for_organisation(db, staff.organisation_id).await?;
    Ok(services
        .into_iter()
        .filter(|s| !s.retired)
        .map(|s| ServiceSummary {
            id: s.id,
            name: s.name,
            provider_name: s.provider_name,
            service_type: s.service_type,
        })
        .collect())
}

/// The services in this young person's life (not retired), with the questions for their age
/// band that the service asks.
pub async fn for_young_person(
    db: &DatabaseConnection,
    young_person: AuthUser,
) -> Result<Vec<MyService>, FlowError> {
    let model = store::users::find(db, young_person.id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    let band = model.age_band.unwrap_or(AgeBand::Age12To15);
    let services = store::services::list_for_young_person(db, young_person.id).await?;
    Ok(services
        .into_iter()
        .filter(|s| !s.retired)
        .map(|s| MyService {
            id: s.id,
            name: s.name,
            provider_name: s.provider_name,
            service_type: s.service_type,
            // Those of the service's outcomes asked at their age.
            questions: band
                .dimensions()
                .iter()
                .copied()
                .filter(|d| s.outcomes.contains(d))
                .collect(),
        })
        .collect())
}
