//! Staff accounts as the organisation's admin manages them.

use crate::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A member of staff: who, in which role, and whether they can sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StaffMember {
    pub id: Uuid,
    pub display_name: String,
    pub email: Option<String>,
    pub role: Role,
    /// False once the admin has switched the account off: it cannot sign in, and every sign-in it
    /// had ended at once.
    pub active: bool,
    /// Invited, and not yet through the emailed link to choose a password.
    pub invited: bool,
    /// Has set up an authenticator app for two-factor sign-in.
    #[serde(default)]
    pub second_factor: bool,
    /// A provider's account: the provider it speaks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<Uuid>,
}

/// The admin invites someone to the staff: they get an email with a one-time link to choose their
/// password. `role` is a staff role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewStaffMember {
    pub display_name: String,
    pub email: String,
    pub role: Role,
    /// For a provider's account (and only then): the provider it speaks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<Uuid>,
}

/// "I have forgotten my password": a link goes to that email if it is a staff account's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PasswordResetRequest {
    pub email: String,
}

/// Choosing a password through an emailed link: the link's secret and the new password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SetPassword {
    pub token: String,
    pub password: String,
}

/// A one-time code an officer gives a young person who has forgotten their PIN, with the sign-in
/// name they may have forgotten too. Shown once: only its hash is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PinResetCode {
    pub code: String,
    pub sign_in_name: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// A young person chooses a new PIN with the code their officer gave them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ResetPin {
    pub code: String,
    pub pin: String,
}
