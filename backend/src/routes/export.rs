//! CSV downloads over HTTP: the text comes from `domain::csv`; this says it is a file to save.

use actix_web::HttpResponse;

pub fn csv_response(filename: &str, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{filename}\""),
        ))
        .body(body)
}
