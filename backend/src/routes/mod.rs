//! `/api/v1`: each module owns its routes and exposes `config`.

pub mod accounts;
pub mod assisted;
pub mod audit;
pub mod auth;
pub mod dashboard;
pub mod data_rights;
pub mod directory;
pub mod export;
pub mod feedback;
pub mod health;
pub mod invites;
pub mod me;
pub mod metrics;
pub mod moderation;
pub mod openapi;
pub mod panels;
pub mod provider;
pub mod refusals;
pub mod regions;
pub mod replies;
pub mod responses;
pub mod safeguarding;
pub mod second_factor;
pub mod services;
pub mod tenders;

use crate::auth::extract::SignedInArgs;
use actix_web::dev::HttpServiceFactory;
use actix_web::http::header::{CacheControl, CacheDirective};
use actix_web::{guard, http, web, FromRequest, Handler, Responder};
use shared::routes::{Access, Method, Route};

/// `Cache-Control` for a response holding personal data: kept by no cache.
pub fn not_cached() -> CacheControl {
    CacheControl(vec![CacheDirective::NoStore])
}

/// Registers a signed-in route from the table, after checking that the handler's sign-in
/// extractor lets in exactly the roles the table gives it: a mismatch stops the server starting.
pub fn at<Req, Res, F, Args>(cfg: &mut web::ServiceConfig, route: Route<Req, Res>, handler: F)
where
    F: Handler<Args>,
    Args: FromRequest + SignedInArgs + 'static,
    F::Output: Responder + 'static,
{
    signed_in(cfg, route, handler, None);
}

/// `at` for a route whose body may be bigger than the usual limit (a whole tender or bid).
pub fn at_with_body_limit<Req, Res, F, Args>(
    cfg: &mut web::ServiceConfig,
    route: Route<Req, Res>,
    handler: F,
    max_bytes: usize,
) where
    F: Handler<Args>,
    Args: FromRequest + SignedInArgs + 'static,
    F::Output: Responder + 'static,
{
    signed_in(cfg, route, handler, Some(max_bytes));
}

fn signed_in<Req, Res, F, Args>(
    cfg: &mut web::ServiceConfig,
    route: Route<Req, Res>,
    handler: F,
    max_body_bytes: Option<usize>,
) where
    F: Handler<Args>,
    Args: FromRequest + SignedInArgs + 'static,
    F::Output: Responder + 'static,
{
    check_roles::<Req, Res, Args>(route);
    cfg.service(resource(route.method, route.path, handler, max_body_bytes));
}

/// Registers a route anyone may call (the table must say so).
pub fn open<Req, Res, F, Args>(cfg: &mut web::ServiceConfig, route: Route<Req, Res>, handler: F)
where
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    assert!(
        route.access == Access::Anyone,
        "{} {} needs a sign-in in the route table but its handler has none",
        route.method.as_str(),
        route.path
    );
    cfg.service(resource(route.method, route.path, handler, None));
}

fn check_roles<Req, Res, Args: SignedInArgs>(route: Route<Req, Res>) {
    let declared = route.access.roles();
    let same = declared.len() == Args::ROLES.len()
        && declared.iter().all(|r| Args::ROLES.contains(r))
        && (route.access == Access::Child) == Args::ASSISTED;
    assert!(
        same,
        "{} {}: the route table lets in {:?}, the handler {:?} (assisted sessions: {})",
        route.method.as_str(),
        route.path,
        route.access,
        Args::ROLES,
        Args::ASSISTED
    );
}

/// A resource guarded by method (as actix's `#[get]` makes), so another method on the same path
/// falls through to its own resource.
fn resource<F, Args>(
    method: Method,
    path: &str,
    handler: F,
    max_body_bytes: Option<usize>,
) -> impl HttpServiceFactory
where
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    let method = match method {
        Method::Get => http::Method::GET,
        Method::Post => http::Method::POST,
        Method::Put => http::Method::PUT,
    };
    let resource = web::resource(path).guard(guard::Method(method));
    match max_body_bytes {
        Some(max) => resource.app_data(crate::error::json_config(max)),
        None => resource,
    }
    .to(handler)
}

pub fn config(cfg: &mut web::ServiceConfig) {
    health::config(cfg);
    auth::config(cfg);
    invites::config(cfg);
    me::config(cfg);
    feedback::config(cfg);
    moderation::config(cfg);
    services::config(cfg);
    safeguarding::config(cfg);
    responses::config(cfg);
    audit::config(cfg);
    accounts::config(cfg);
    assisted::config(cfg);
    directory::config(cfg);
    second_factor::config(cfg);
    dashboard::config(cfg);
    tenders::config(cfg);
    panels::config(cfg);
    provider::config(cfg);
    regions::config(cfg);
    replies::config(cfg);
    data_rights::config(cfg);
    openapi::config(cfg);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{Admin, RequireRole, Staff};
    use actix_web::{App, HttpResponse};
    use shared::routes::{LIST_SERVICES, SIGN_OUT};

    async fn admin_only(_: RequireRole<Admin>) -> HttpResponse {
        HttpResponse::Ok().finish()
    }

    async fn any_staff(_: RequireRole<Staff>) -> HttpResponse {
        HttpResponse::Ok().finish()
    }

    #[test]
    fn a_handler_letting_in_the_table_s_roles_is_registered() {
        let _ = App::new().configure(|cfg| at(cfg, LIST_SERVICES, any_staff));
    }

    #[test]
    #[should_panic(expected = "the route table lets in")]
    fn a_handler_letting_in_other_roles_than_the_table_stops_the_server() {
        let _ = App::new().configure(|cfg| at(cfg, LIST_SERVICES, admin_only));
    }

    #[test]
    #[should_panic(expected = "needs a sign-in in the route table")]
    fn a_signed_in_route_cannot_be_registered_as_open() {
        let _ = App::new().configure(|cfg| open(cfg, LIST_SERVICES, any_staff));
    }

    #[test]
    #[should_panic(expected = "the route table lets in")]
    fn an_open_route_cannot_take_a_sign_in() {
        let _ = App::new().configure(|cfg| at(cfg, SIGN_OUT, any_staff));
    }
}
