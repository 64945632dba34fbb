//! CSV downloads over HTTP: the text comes from `domain::csv`; this says it is a file to save,
//! and reads which format was asked for.

use crate::flows::FlowError;
use actix_web::HttpResponse;
use shared::validate::Invalid;
use shared::Reason;

pub fn csv_response(filename: &str, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{filename}\""),
        ))
        .body(body)
}

/// Whether the answer is CSV (`format=csv`) or JSON (`json`, the default), read before any
/// work is done, so a format Chorus does not write costs no query.
pub fn wants_csv(format: Option<&str>) -> Result<bool, FlowError> {
    match format {
        None | Some("json") => Ok(false),
        Some("csv") => Ok(true),
        Some(_) => Err(Invalid {
            field: "format",
            reason: Reason::Format,
            message: "The format is json or csv.".into(),
        }
        .into()),
    }
}
