//! Typed ids, so that keeping councils apart is checked by the compiler rather than kept by
//! convention. An `OrganisationId` comes from a verified sign-in (`AuthUser::organisation()`),
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

macro_rules! uuid_id {
    ($($id:ident),*) => {$(
        impl $id {
            /// The id of a row already known to exist: read from the database, from a verified
            /// token, or given by an operator. Never from a request body.
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            pub const fn uuid(self) -> Uuid {
                self.0
            }

            pub fn new_v4() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl fmt::Display for $id {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        /// Ids are made by Chorus, never by the database's sequence.
        impl sea_orm::TryFromU64 for $id {
            fn try_from_u64(_: u64) -> Result<Self, sea_orm::DbErr> {
                Err(sea_orm::DbErr::ConvertFromU64(stringify!($id)))
            }
        }

        impl PartialEq<Uuid> for $id {
            fn eq(&self, other: &Uuid) -> bool {
                self.0 == *other
            }
        }
    )*};
}

uuid_id!(OrganisationId);
