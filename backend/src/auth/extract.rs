//! The signed-in user as an extractor, so a handler cannot forget to authenticate, and
//! `RequireRole<R>` so it cannot forget to authorise by role. Ownership checks are the flows'.

use super::jwt::TokenKeys;
use super::revocations::Revocations;
use crate::domain::ids::OrganisationId;
use crate::flows::FlowError;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use shared::routes::roles;
use shared::Role;
use std::future::{ready, Ready};
use std::marker::PhantomData;
use uuid::Uuid;

/// Whoever holds a valid access token of their own (an assisted session's is refused: it is
/// let in only where a route says `Access::Child`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthUser {
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub role: Role,
    /// In an assisted session, the officer beside the young person `id`.
    pub assisted_by: Option<Uuid>,
}

impl FromRequest for AuthUser {
    type Error = FlowError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req).and_then(|user| match user.assisted_by {
            Some(_) => Err(FlowError::Forbidden),
            None => Ok(user),
        }))
    }
}

fn authenticate(req: &HttpRequest) -> Result<AuthUser, FlowError> {
    let keys = req
        .app_data::<web::Data<TokenKeys>>()
        .ok_or_else(|| FlowError::Internal(anyhow::anyhow!("token keys missing from app data")))?;
    let token = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(FlowError::Unauthenticated)?;
    let claims = keys
        .verify(token.trim())
        .ok_or(FlowError::Unauthenticated)?;
    let revocations = req
        .app_data::<web::Data<Revocations>>()
        .ok_or_else(|| FlowError::Internal(anyhow::anyhow!("revocations missing from app data")))?;
    if !revocations.allows(claims.sub, claims.r#gen) {
        return Err(FlowError::Unauthenticated);
    }
    if let Some((officer, generation)) = claims.asst {
        if !revocations.allows(officer, generation) {
            return Err(FlowError::Unauthenticated);
        }
    }
    Ok(AuthUser {
        id: claims.sub,
        organisation_id: claims.org,
        role: claims.role,
        assisted_by: claims.asst.map(|(officer, _)| officer),
    })
}

/// A set of roles allowed through `RequireRole`.
pub trait RoleSet {
    const ROLES: &'static [Role];
    /// Whether an assisted session's token is let in too (`Access::Child`).
    const ASSISTED: bool = false;
}

pub struct YoungPerson;
impl RoleSet for YoungPerson {
    const ROLES: &'static [Role] = roles::YOUNG_PERSON;
}

/// A young person, or an officer's assisted session for one (`Access::Child`).
pub struct Child;
impl RoleSet for Child {
    const ROLES: &'static [Role] = roles::YOUNG_PERSON;
    const ASSISTED: bool = true;
}

pub struct Officer;
impl RoleSet for Officer {
    const ROLES: &'static [Role] = roles::OFFICER;
}

pub struct Commissioner;
impl RoleSet for Commissioner {
    const ROLES: &'static [Role] = roles::COMMISSIONER;
}

pub struct Provider;
impl RoleSet for Provider {
    const ROLES: &'static [Role] = roles::PROVIDER;
}

pub struct Admin;
impl RoleSet for Admin {
    const ROLES: &'static [Role] = roles::ADMIN;
}

/// Those who keep the safeguarding phrase list: participation officers and the admin.
pub struct ParticipationTeam;
impl RoleSet for ParticipationTeam {
    const ROLES: &'static [Role] = roles::PARTICIPATION_TEAM;
}

/// Those who answer young people back ("you said, we did").
pub struct Responder;
impl RoleSet for Responder {
    const ROLES: &'static [Role] = roles::RESPONDER;
}

/// Those who score tender bids: young commissioners and professionals (commissioners).
pub struct Evaluator;
impl RoleSet for Evaluator {
    const ROLES: &'static [Role] = roles::EVALUATOR;
}

/// Those who run tenders: commissioners set them up, participation officers run the panels.
pub struct TenderStaff;
impl RoleSet for TenderStaff {
    const ROLES: &'static [Role] = roles::TENDER_STAFF;
}

/// Any member of staff.
pub struct Staff;
impl RoleSet for Staff {
    const ROLES: &'static [Role] = roles::STAFF;
}

/// An authenticated user whose role is in `R`; 401 without a valid token, 403 with the wrong role.
#[derive(Debug, Clone, Copy)]
pub struct RequireRole<R: RoleSet> {
    pub user: AuthUser,
    _roles: PhantomData<R>,
}

impl<R: RoleSet> std::ops::Deref for RequireRole<R> {
    type Target = AuthUser;
    fn deref(&self) -> &AuthUser {
        &self.user
    }
}

impl<R: RoleSet> FromRequest for RequireRole<R> {
    type Error = FlowError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req).and_then(|user| {
            if R::ROLES.contains(&user.role) && (R::ASSISTED || user.assisted_by.is_none()) {
                Ok(RequireRole {
                    user,
                    _roles: PhantomData,
                })
            } else {
                Err(FlowError::Forbidden)
            }
        }))
    }
}

/// The sign-in a handler's extractors demand, read off its first argument, so that registering
/// a route can check it against the route table (`routes::at`).
pub trait Caller {
    const ROLES: &'static [Role];
    const ASSISTED: bool = false;
}

impl Caller for AuthUser {
    const ROLES: &'static [Role] = roles::SIGNED_IN;
}

impl<R: RoleSet> Caller for RequireRole<R> {
    const ROLES: &'static [Role] = R::ROLES;
    const ASSISTED: bool = R::ASSISTED;
}

/// A handler's arguments whose first is a `Caller`.
pub trait SignedInArgs {
    const ROLES: &'static [Role];
    const ASSISTED: bool;
}

macro_rules! signed_in_args {
    ($($rest:ident),*) => {
        impl<C: Caller, $($rest),*> SignedInArgs for (C, $($rest,)*) {
            const ROLES: &'static [Role] = C::ROLES;
            const ASSISTED: bool = C::ASSISTED;
        }
    };
}

signed_in_args!();
signed_in_args!(A);
signed_in_args!(A, B);
signed_in_args!(A, B, D);
signed_in_args!(A, B, D, E);
signed_in_args!(A, B, D, E, F);
