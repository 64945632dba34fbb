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
}
