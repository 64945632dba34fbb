//! Authentication: argon2id for PINs and passwords, short-lived JWT access tokens, rotating
//! refresh tokens in an HttpOnly cookie, and the extractors that make handlers authenticate.

pub mod extract;
pub mod jwt;
pub mod limits;
pub mod password;
pub mod refresh;
pub mod revocations;

pub use extract::{
    Admin, AuthUser, Child, Commissioner, Evaluator, Officer, ParticipationTeam, Provider,
    RequireRole, Responder, Staff, TenderStaff, YoungPerson,
};
pub use jwt::TokenKeys;
pub use revocations::Revocations;
