//! Two-factor sign-in for staff: what the sign-in answers when a code from an authenticator app
//! is needed, setting the app up, recovery codes.

use super::Session;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// What comes after the right email and password: the session, or a code first. In JSON, an
/// object with one key naming the step (`signed_in`, `code` or `set_up`). Not internally tagged:
/// reading that form costs the staff app about 20 KB of wasm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffSignInStep {
    /// Signed in (staff whose role does not need a second factor and who have not set one up).
    SignedIn { session: Session },
    /// Type the code the authenticator app shows, or a recovery code, with this challenge.
    Code { challenge: String },
    /// Set up an authenticator app first (admins and participation officers must): add this
    /// secret to it, then type its code with this challenge.
    SetUp {
        challenge: String,
        set_up: AuthenticatorSetUp,
    },
}

/// What an authenticator app needs: the secret, as the address a QR code carries and as text to
/// type in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AuthenticatorSetUp {
    /// Base32, for typing into the app by hand.
    pub secret: String,
    /// The `otpauth://` address.
    pub uri: String,
    /// A QR code of `uri`, as SVG drawn by the server.
    pub qr_svg: String,
}

/// The second step of a staff sign-in: the challenge from the first and a code (six digits from
/// the app, or a recovery code).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SecondFactorCode {
    pub challenge: String,
    pub code: String,
}

/// Signed in with a code. On setting the app up, `recovery_codes` holds new recovery codes,
/// shown this once; otherwise it is empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SecondFactorSignedIn {
    pub session: Session,
    pub recovery_codes: Vec<String>,
}

/// A member of staff's own second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SecondFactorStatus {
    /// An authenticator app is set up.
    pub set_up: bool,
    /// Their role must sign in with one.
    pub required: bool,
    /// Recovery codes not yet used.
    pub recovery_codes_left: u64,
}

/// A code from the authenticator app, to confirm it is really them (new recovery codes).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CurrentCode {
    pub code: String,
}

/// New recovery codes, shown this once; the old ones stop working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}
