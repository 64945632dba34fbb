//! Typed ids, so that keeping councils apart is checked by the compiler rather than kept by
//! convention. An `OrganisationId` comes from a verified sign-in (`AuthUser::organisation_id`),
//! from a row already read for that organisation, or from an operator's command; every store
//! function that reads or writes an organisation's rows asks for one, and a bare `Uuid` will not
//! do. The database column stays a plain UUID (`DeriveValueType`).

use sea_orm::DeriveValueType;
use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// One council (or other organisation) using Chorus: the tenant every row belongs to.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    DeriveValueType,
)]
#[serde(transparent)]
pub struct OrganisationId(Uuid);

impl OrganisationId {
    pub const fn uuid(self) -> Uuid {
        self.0
    }

    /// A new organisation's id (`backend create-admin`, demo and test data).
    pub fn new_v4() -> Self {
        Self(Uuid::new_v4())
    }
}

impl fmt::Display for OrganisationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Ids are made by Chorus, never by the database's sequence.
impl sea_orm::TryFromU64 for OrganisationId {
    fn try_from_u64(_: u64) -> Result<Self, sea_orm::DbErr> {
        Err(sea_orm::DbErr::ConvertFromU64("OrganisationId"))
    }
}
