//! `/metrics` for Prometheus (outside `/api/v1`: it is for the people running Chorus, not an API
//! of the product). `crate::metrics` says what is measured and who may read it.

use crate::flows::FlowError;
use crate::metrics::Metrics;
use actix_web::{http::header, web, HttpRequest, HttpResponse};
use sea_orm::DatabaseConnection;

/// The metrics in Prometheus' text format; 404 to anyone who may not read them, as if there
/// were nothing here.
pub async fn get_metrics(
    request: HttpRequest,
    metrics: web::Data<Metrics>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let loopback = request.peer_addr().is_some_and(|a| a.ip().is_loopback());
    if !metrics.may_read(bearer, loopback) {
        return Err(FlowError::NotFound(
            shared::Reason::AddressNotFound,
            "There is nothing at that address.",
        ));
    }
    let text = metrics.render(&db).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header(super::not_cached())
        .body(text))
}
