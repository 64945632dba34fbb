//! A JSON body made once and sent many times (a cached report): its bytes, and their gzip, are
//! made on first use and kept with it, so a request for it costs no serialising or compressing.

use actix_web::http::header::{self, AcceptEncoding, ContentEncoding, Encoding, Header};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use flate2::write::GzEncoder;
use flate2::Compression;
use serde::Serialize;
use std::io::Write;
use std::sync::OnceLock;

pub struct Encoded<T> {
    pub value: T,
    json: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
}

impl<T: Serialize> Encoded<T> {
    pub fn new(value: T) -> Encoded<T> {
        Encoded {
            value,
            json: OnceLock::new(),
            gzip: OnceLock::new(),
        }
    }

    /// The value as JSON. (Our wire types always serialise; were one not to, the body would be
    /// empty and the client would say the answer could not be read.)
    pub fn json(&self) -> Bytes {
        self.json
            .get_or_init(|| match serde_json::to_vec(&self.value) {
                Ok(bytes) => Bytes::from(bytes),
                Err(err) => {
                    tracing::error!(error = %err, "a cached body did not serialise");
                    Bytes::new()
                }
            })
            .clone()
    }

    /// The JSON, gzipped (at the level actix-web compresses responses: fast).
    pub fn gzip(&self) -> Bytes {
        self.gzip
            .get_or_init(|| {
                let json = self.json();
                let mut encoder =
                    GzEncoder::new(Vec::with_capacity(json.len() / 4), Compression::fast());
                // Writing to a Vec cannot fail.
                let _ = encoder.write_all(&json);
                Bytes::from(encoder.finish().unwrap_or_default())
            })
            .clone()
    }

    /// 200 with the JSON, gzipped when the request takes gzip.
    pub fn respond(&self, request: &HttpRequest) -> HttpResponse {
        let mut response = HttpResponse::Ok();
        response
            .content_type("application/json")
            .insert_header((header::VARY, "accept-encoding"));
        if takes_gzip(request) {
            response
                .insert_header(ContentEncoding::Gzip)
                .body(self.gzip())
        } else {
            response.body(self.json())
        }
    }
}

/// Whether the request's `Accept-Encoding` prefers gzip to no encoding.
pub fn takes_gzip(request: &HttpRequest) -> bool {
    AcceptEncoding::parse(request)
        .ok()
        .and_then(|accept| accept.negotiate([Encoding::gzip(), Encoding::identity()].iter()))
        .is_some_and(|chosen| chosen == Encoding::gzip())
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::MessageBody;
    use actix_web::test::TestRequest;
    use flate2::read::GzDecoder;
    use std::io::Read;

    #[test]
    fn the_same_json_goes_out_gzipped_or_plain_as_the_request_takes_it() {
        let body = Encoded::new(serde_json::json!({"scores": [1.5, 2.5], "name": "Foxglove View"}));
        let expected = serde_json::to_vec(&body.value).unwrap();

        let plain = body.respond(&TestRequest::default().to_http_request());
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(
            plain.into_body().try_into_bytes().unwrap().as_ref(),
            &expected[..]
        );

        let request = TestRequest::default()
            .insert_header((header::ACCEPT_ENCODING, "br;q=1, gzip;q=0.8"))
            .to_http_request();
        let gzipped = body.respond(&request);
        assert_eq!(
            gzipped.headers().get(header::CONTENT_ENCODING).unwrap(),
            "gzip"
        );
        assert_eq!(
            gzipped.headers().get(header::VARY).unwrap(),
            "accept-encoding"
        );
        let mut unzipped = Vec::new();
        GzDecoder::new(&gzipped.into_body().try_into_bytes().unwrap()[..])
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, expected);

        let refuses = TestRequest::default()
            .insert_header((header::ACCEPT_ENCODING, "gzip;q=0"))
            .to_http_request();
        assert!(!takes_gzip(&refuses));
    }
}
