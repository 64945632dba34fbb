//! The built web apps and the plain welcome page (see `shared::web_app`): each path gets the page of
//! the app that draws it, each app's loader is allowed by the CSP, and the built files go out gzipped at the
//! level the budget is measured at (`scripts/build-web.sh` writes a `.gz` beside each), cached for
//! good when their names carry a content hash.

use crate::encoded::takes_gzip;
use crate::flows::FlowError;
use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, HttpServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, ContentEncoding, HeaderValue};
use actix_web::{guard, web, HttpRequest, HttpResponse};
use base64::Engine;
use sha2::{Digest, Sha256};
use shared::web_app::WebApp;
use std::path::{Path, PathBuf};

/// An app's page: the `index.html` in its folder.
fn page_of(dir: &Path, app: WebApp) -> PathBuf {
    dir.join(app.folder()).join("index.html")
}

/// The `index.html` that draws `path`.
fn index_for(dir: &Path, path: &str) -> PathBuf {
    page_of(dir, WebApp::of(path))
}

/// CSP with no inline script: each web app's small inline loader (Trunk's) is allowed by its
/// hash, computed here from the built `index.html` files, so a rebuilt app never needs a code
/// change.
pub fn content_security_policy(static_dir: Option<&Path>) -> String {
    let pages = static_dir
        .into_iter()
        .flat_map(|dir| WebApp::ALL.map(|app| page_of(dir, app)));
    let hashes: Vec<String> = pages
        .filter_map(|page| std::fs::read_to_string(page).ok())
        .flat_map(|html| {
            inline_scripts(&html)
                .iter()
                .map(|s| script_hash(s))
                .collect::<Vec<_>>()
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        hashes.iter().map(|h| format!(" '{h}'")).collect::<String>()
    )
}

fn script_hash(content: &str) -> String {
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(content.as_bytes()))
    )
}

/// The bodies of `<script>` elements that have no `src`.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            scripts.push(&body[..close]);
        }
        rest = &body[close..];
    }
    scripts
}

/// The web apps' files: built JS, wasm and CSS (precompressed when the browser takes gzip), the
/// other files as they are, and the page of the app that draws any other path.
pub fn static_files(dir: PathBuf) -> impl HttpServiceFactory {
    let built = dir.clone();
    web::scope("")
        .service(
            web::resource(r"/{file:.+\.(?:wasm|js|css)}")
                .guard(guard::Any(guard::Get()).or(guard::Head()))
                .to(move |req: HttpRequest| built_file(built.clone(), req)),
        )
        .service(app_pages(dir))
}

/// Anything else under the folder; a path that is not a file gets the `index.html` of the app that
/// draws it, so that app's router can show the page (or say it is not there). `/staff` is the
/// staff door's page, though `staff/` is the staff app's folder, so it is answered first.
fn app_pages(dir: PathBuf) -> impl HttpServiceFactory {
    let door = page_of(&dir, WebApp::StaffDoor);
    let staff_door = web::resource(["/staff", "/staff/"])
        .guard(guard::Any(guard::Get()).or(guard::Head()))
        .to(move |req: HttpRequest| {
            let door = door.clone();
            async move {
                NamedFile::open_async(door)
                    .await
                    .map(|f| f.into_response(&req))
            }
        });
    let files = Files::new("/", dir.clone())
        .index_file("index.html")
        .default_handler(fn_service(move |req: ServiceRequest| {
            let index = index_for(&dir, req.path());
            async move {
                let (req, _) = req.into_parts();
                let file = NamedFile::open_async(&index).await?;
                let res = file.into_response(&req);
                Ok(ServiceResponse::new(req, res))
            }
        }));
    (staff_door, files)
}

/// A built JS, wasm or CSS file: its `.gz` when there is one and the browser takes gzip.
async fn built_file(dir: PathBuf, req: HttpRequest) -> Result<HttpResponse, FlowError> {
    const GONE: FlowError = FlowError::NotFound(
        shared::Reason::AddressNotFound,
        "There is nothing at that address.",
    );
    let name = req.match_info().query("file");
    let path = inside(&dir, name).ok_or(GONE)?;
    let gzipped = PathBuf::from(format!("{}.gz", path.display()));
    let file = if takes_gzip(&req) && gzipped.is_file() {
        let mime = actix_files::file_extension_to_mime(
            path.extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default(),
        );
        NamedFile::open_async(&gzipped)
            .await
            .map_err(|_| GONE)?
            .set_content_type(mime)
            .set_content_encoding(ContentEncoding::Gzip)
    } else {
        NamedFile::open_async(&path).await.map_err(|_| GONE)?
    };
    let mut response = file.into_response(&req);
    let cache = if has_content_hash(name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Ok(response)
}

/// `name` under `dir`, or `None` when it could reach outside it.
fn inside(dir: &Path, name: &str) -> Option<PathBuf> {
    let safe = name.split('/').all(|part| {
        !part.is_empty() && part != "." && part != ".." && !part.contains(['\\', '\0'])
    });
    safe.then(|| dir.join(name))
}

/// Trunk names what it builds `name-<hash>[_bg].ext`, the hash a 64-bit number in hex (without
/// leading zeros), so a changed file has a new name.
fn has_content_hash(name: &str) -> bool {
    let stem = name.rsplit('/').next().unwrap_or_default();
    let stem = stem.rsplit_once('.').map_or(stem, |(stem, _)| stem);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (10..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_inside_the_folder_are_served() {
        let dir = Path::new("/dist");
        assert_eq!(
            inside(dir, "staff/a.js"),
            Some(PathBuf::from("/dist/staff/a.js"))
        );
        for name in [
            "../etc/passwd.js",
            "a/../../b.js",
            "/etc/x.js",
            "a//b.js",
            "a\\..\\b.js",
            "./a.js",
        ] {
            assert_eq!(inside(dir, name), None, "{name}");
        }
    }

    #[test]
    fn only_files_named_with_a_content_hash_are_cached_for_good() {
        assert!(has_content_hash("frontend-aface0520e3df5c_bg.wasm"));
        assert!(has_content_hash("staff/staff-61720c9db77a5b3f.js"));
        assert!(has_content_hash("style-51099d5a04a42aed.css"));
        assert!(!has_content_hash("sw.js"));
        assert!(has_content_hash("frontend-b906d695768356.js"));
        assert!(!has_content_hash("my-script.js"));
        assert!(!has_content_hash("my-cafe.js"));
        assert!(!has_content_hash("x-51099d5a04a42aeg.css"));
    }

    #[test]
    fn only_inline_scripts_are_hashed() {
        let html =
            r#"<script src="/app.js"></script><script type="module">init('/a.wasm');</script>"#;
        assert_eq!(inline_scripts(html), vec!["init('/a.wasm');"]);
        let csp = content_security_policy(None);
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
    }

    #[test]
    fn each_path_gets_the_page_of_the_app_that_draws_it() {
        let dir = Path::new("/dist");
        for (path, page) in [
            ("/", "/dist/index.html"),
            ("/sign-in", "/dist/index.html"),
            ("/join", "/dist/door/index.html"),
            ("/privacy", "/dist/door/index.html"),
            ("/feedback/1", "/dist/voice/index.html"),
            ("/panelsx", "/dist/voice/index.html"),
            ("/panels", "/dist/panels/index.html"),
            ("/panels/1/bids/2", "/dist/panels/index.html"),
            ("/staff", "/dist/staff-door/index.html"),
            ("/staff/set-password", "/dist/staff-door/index.html"),
            ("/staff/officer", "/dist/staff/index.html"),
            ("/staff/dashboard/service/1", "/dist/staff/index.html"),
        ] {
            assert_eq!(index_for(dir, path), Path::new(page), "{path}");
        }
    }

    #[test]
    fn every_apps_loader_is_allowed_by_its_hash() {
        let dir = std::env::temp_dir().join(format!("chorus-csp-{}", std::process::id()));
        for (folder, script) in [
            ("door", "init('/door/a.wasm');"),
            ("voice", "init('/voice/d.wasm');"),
            ("panels", "init('/panels/b.wasm');"),
            ("staff-door", "init('/staff-door/e.wasm');"),
            ("staff", "init('/staff/c.wasm');"),
        ] {
            std::fs::create_dir_all(dir.join(folder)).expect("a temporary folder");
            std::fs::write(
                dir.join(folder).join("index.html"),
                format!("<script type=module>{script}</script>"),
            )
            .expect("a temporary file");
        }
        let csp = content_security_policy(Some(&dir));
        std::fs::remove_dir_all(&dir).expect("the temporary folder is removed");
        for script in [
            "init('/door/a.wasm');",
            "init('/voice/d.wasm');",
            "init('/panels/b.wasm');",
            "init('/staff-door/e.wasm');",
            "init('/staff/c.wasm');",
        ] {
            assert!(csp.contains(&script_hash(script)), "{script}");
        }
    }
}
