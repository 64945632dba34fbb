//! The built web apps as the server sends them: each path gets the page of the app that draws it,
//! built files go out as their precompressed `.gz` to browsers that take gzip (and as they are to
//! others), and only files named by their content are cached for good. Not storage: SQLite only.
use chorus_tests::{Backend, TestApp};
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use reqwest::StatusCode;
use std::path::Path;

const WASM: &str = "frontend-aface0520e3df5c_bg.wasm";

/// A folder laid out as `scripts/build-web.sh` leaves it (contents made up, the `.gz` recognisably
/// different from the plain file).
fn built_apps(dir: &Path) {
    for (folder, page) in [
        ("", "welcome"),
        ("door", "door"),
        ("voice", "voice"),
        ("panels", "panels"),
        ("staff-door", "staff door"),
        ("staff", "staff"),
    ] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        std::fs::write(
            dir.join(folder).join("index.html"),
            format!("<title>{page}</title>"),
        )
        .unwrap();
    }
    std::fs::write(dir.join(WASM), b"\0asm plain").unwrap();
    std::fs::write(dir.join(format!("{WASM}.gz")), b"gzipped bytes").unwrap();
    std::fs::write(dir.join("sw.js"), b"// worker").unwrap();
}

async fn spawn_serving(dir: &Path) -> TestApp {
    let dir = dir.to_path_buf();
    TestApp::spawn_with(Backend::Sqlite, move |s| {
        s.application.static_dir = Some(dir)
    })
    .await
}

#[tokio::test]
async fn each_path_gets_the_page_of_the_app_that_draws_it() {
    let dir = tempfile::tempdir().unwrap();
    built_apps(dir.path());
    let app = spawn_serving(dir.path()).await;
    for (path, page) in [
        ("/", "welcome"),
        ("/sign-in", "welcome"),
        ("/join", "door"),
        ("/reset-pin", "door"),
        ("/privacy", "door"),
        ("/home", "voice"),
        ("/settings", "voice"),
        ("/feedback/123", "voice"),
        ("/panels", "panels"),
        ("/panels/1/bids/2", "panels"),
        ("/staff", "staff door"),
        ("/staff/forgot-password", "staff door"),
        ("/staff/set-password", "staff door"),
        ("/staff/officer", "staff"),
        ("/staff/dashboard/service/1", "staff"),
    ] {
        let response = app
            .client
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            response.text().await.unwrap(),
            format!("<title>{page}</title>"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn built_files_go_out_precompressed_and_cached_for_good_when_named_by_their_content() {
    let dir = tempfile::tempdir().unwrap();
    built_apps(dir.path());
    let app = spawn_serving(dir.path()).await;
    let url = format!("{}/{WASM}", app.address);

    let gzipped = app
        .client
        .get(&url)
        .header(ACCEPT_ENCODING, "gzip, deflate")
        .send()
        .await
        .unwrap();
    assert_eq!(gzipped.status(), StatusCode::OK);
    assert_eq!(gzipped.headers()[CONTENT_ENCODING], "gzip");
    assert_eq!(gzipped.headers()[CONTENT_TYPE], "application/wasm");
    assert_eq!(gzipped.headers()[VARY], "accept-encoding");
    assert_eq!(
        gzipped.headers()[CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(gzipped.bytes().await.unwrap().as_ref(), b"gzipped bytes");

    let plain = app
        .client
        .get(&url)
        .header(ACCEPT_ENCODING, "identity")
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), StatusCode::OK);
    assert!(plain.headers().get(CONTENT_ENCODING).is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), b"\0asm plain");

    let worker = app
        .client
        .get(format!("{}/sw.js", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(worker.status(), StatusCode::OK);
    assert_eq!(
        worker.headers()[CACHE_CONTROL],
        "no-cache",
        "the service worker is always checked"
    );

    for missing in [
        "/nothing-0123456789abcdef.js",
        "/%2e%2e/%2e%2e/etc/passwd.js",
    ] {
        let response = app
            .client
            .get(format!("{}{missing}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{missing}");
    }
}

/// The headers every response carries, whatever it is: a page, a built file, an API answer, a
/// refusal, a route that does not exist.
const SECURITY_HEADERS: [(&str, &str); 5] = [
    ("content-security-policy", "frame-ancestors 'none'"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
];

#[tokio::test]
async fn every_response_carries_the_security_headers_and_hsts_only_behind_tls() {
    let dir = tempfile::tempdir().unwrap();
    built_apps(dir.path());
    for behind_tls in [false, true] {
        let static_dir = dir.path().to_path_buf();
        let app = TestApp::spawn_with(Backend::Sqlite, move |s| {
            s.application.static_dir = Some(static_dir);
            s.application.behind_tls = behind_tls;
        })
        .await;
        for (method, path) in [
            ("GET", "/"),
            ("GET", "/staff/dashboard"),
            ("GET", &format!("/{WASM}") as &str),
            ("GET", "/api/v1/health"),
            ("GET", "/api/v1/me"),
            ("GET", "/api/v1/no-such-route"),
            ("POST", "/api/v1/auth/staff/sign-in"),
        ] {
            let request = if method == "GET" {
                app.client.get(format!("{}{path}", app.address))
            } else {
                app.client
                    .post(format!("{}{path}", app.address))
                    .body("{not json")
            };
            let response = request.send().await.unwrap();
            for (name, part) in SECURITY_HEADERS {
                let value = response
                    .headers()
                    .get(name)
                    .map(|v| v.to_str().unwrap().to_owned());
                assert!(
                    value.as_deref().is_some_and(|v| v.contains(part)),
                    "{method} {path} ({}): {name} = {value:?}",
                    response.status()
                );
            }
            let csp = response.headers()["content-security-policy"]
                .to_str()
                .unwrap();
            assert!(
                !csp.contains("'unsafe-inline'") && !csp.contains("'unsafe-eval'"),
                "{csp}"
            );
            let hsts = response.headers().get("strict-transport-security");
            assert_eq!(
                hsts.is_some(),
                behind_tls,
                "{method} {path}: HSTS only behind TLS"
            );
        }
    }
}
