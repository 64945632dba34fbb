//! Accounts and young people, for officers and the admin: invites to print, a young person's
//! services, age band and account, data requests, and staff accounts.

use super::{act, done, get, no_content, send_json, text, Failure};
use crate::state::session::SessionState;
use shared::api::{
    AgeBandChange, LinkService, NewInviteBatch, PrintableInvite, ServiceLink, StaffMember,
    YoungPersonSummary,
};
use shared::routes;
use uuid::Uuid;

pub async fn young_person_services(
    state: SessionState,
    id: Uuid,
) -> Result<Vec<ServiceLink>, Failure> {
    get(state, &routes::YOUNG_PERSON_SERVICES, &[id]).await
}

pub async fn deactivate_young_person(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::DEACTIVATE_YOUNG_PERSON, &[id]).await
}

pub async fn reactivate_young_person(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::REACTIVATE_YOUNG_PERSON, &[id]).await
}

pub async fn set_age_band(
    state: SessionState,
    id: Uuid,
    body: AgeBandChange,
) -> Result<(), Failure> {
    no_content(state, &routes::SET_AGE_BAND, &[id], &body).await
}

pub async fn link_service(state: SessionState, id: Uuid, body: LinkService) -> Result<(), Failure> {
    no_content(state, &routes::LINK_SERVICE, &[id], &body).await
}

pub async fn unlink_service(state: SessionState, id: Uuid, service: Uuid) -> Result<(), Failure> {
    done(state, &routes::UNLINK_SERVICE, &[id, service]).await
}

/// Invites to print: each with its code, services and a QR code.
pub async fn invite_batch(
    state: SessionState,
    body: NewInviteBatch,
) -> Result<Vec<PrintableInvite>, Failure> {
    send_json(state, &routes::CREATE_INVITE_BATCH, &[], &body).await
}

pub async fn staff(state: SessionState) -> Result<Vec<StaffMember>, Failure> {
    get(state, &routes::LIST_STAFF, &[]).await
}

/// Invites someone to the staff: they get an email with a link to choose their password.
pub async fn invite_staff(
    state: SessionState,
    body: &shared::api::NewStaffMember,
) -> Result<StaffMember, Failure> {
    send_json(state, &routes::INVITE_STAFF, &[], body).await
}

/// A one-time code for a young person who has forgotten their PIN (shown once).
pub async fn issue_pin_reset(
    state: SessionState,
    id: Uuid,
) -> Result<shared::api::PinResetCode, Failure> {
    act(state, &routes::ISSUE_PIN_RESET, &[id]).await
}

/// The organisation's name, smallest group shown and prior weight (admin).
pub async fn organisation(
    state: SessionState,
) -> Result<shared::api::OrganisationSettings, Failure> {
    get(state, &routes::GET_ORGANISATION, &[]).await
}

/// Ends the walk through the settings a new council's admin is given at first sign-in.
pub async fn finish_set_up(
    state: SessionState,
) -> Result<shared::api::OrganisationSettings, Failure> {
    act(state, &routes::FINISH_SET_UP, &[]).await
}

pub async fn set_organisation(
    state: SessionState,
    body: &shared::api::OrganisationSettings,
) -> Result<shared::api::OrganisationSettings, Failure> {
    send_json(state, &routes::PUT_ORGANISATION, &[], body).await
}

pub async fn deactivate_staff(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::DEACTIVATE_STAFF, &[id]).await
}

pub async fn reactivate_staff(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::REACTIVATE_STAFF, &[id]).await
}

/// Resets someone's two-step sign-in (a lost phone): they set up an app again at next sign-in.
pub async fn reset_second_factor(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::RESET_SECOND_FACTOR, &[id]).await
}

pub async fn young_people(state: SessionState) -> Result<Vec<YoungPersonSummary>, Failure> {
    get(state, &routes::LIST_YOUNG_PEOPLE, &[]).await
}

/// Opens an assisted session for a young person: their token, for the voice app on this device.
pub async fn open_assisted_session(
    state: SessionState,
    id: Uuid,
) -> Result<shared::api::AssistedSession, Failure> {
    act(state, &routes::OPEN_ASSISTED_SESSION, &[id]).await
}

pub async fn young_person_data(state: SessionState, id: Uuid) -> Result<String, Failure> {
    text(state, &routes::EXPORT_YOUNG_PERSON, &[id]).await
}

pub async fn erase_young_person(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::ERASE_YOUNG_PERSON, &[id]).await
}

pub async fn unlock_young_person(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::UNLOCK_YOUNG_PERSON, &[id]).await
}
