//! Builds the application from settings: database, keys, routes, static files, headers.
//! Tests build it on port 0 against a fresh database.

use crate::auth::TokenKeys;
use crate::config::Settings;
use crate::error::{json_error, path_error, query_error, AppError};
use crate::jobs::group_commit::SubmissionWriter;
use crate::{mail::Mailer, routes, store};
use actix_files::{Files, NamedFile};
use actix_web::body::MessageBody;
use actix_web::dev::{fn_service, Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{middleware, web, App, HttpServer};
use base64::Engine;
use rand::RngCore;
use sea_orm::DatabaseConnection;
use secrecy::SecretString;
use sha2::{Digest, Sha256};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

pub struct Application {
    port: u16,
    server: Server,
    db: DatabaseConnection,
}

/// Largest JSON body accepted (free text is capped at 2,000 characters per field).
const JSON_LIMIT: usize = 64 * 1024;

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let db = store::connect_and_migrate(&settings.database).await?;
        let listener = TcpListener::bind((
            settings.application.host.as_str(),
            settings.application.port,
        ))?;
        let port = listener.local_addr()?.port();
        let state = AppState::new(db.clone(), &settings)?;
        if settings.jobs.enabled {
            crate::jobs::spawn(
                db.clone(),
                state.mailer.get_ref().clone(),
                settings.jobs.clone(),
            );
        }
        let server = run(listener, state, settings.application.workers)?;
        Ok(Application { port, server, db })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn random_secret() -> SecretString {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    SecretString::from(hex::encode(bytes))
}

/// The web apps under the static folder: the folder each one's `index.html` is in, by the first
/// segment of the paths it draws (the voice app draws every other path).
const WEB_APPS: [&str; 2] = ["panels", "staff"];

/// The `index.html` that draws `path`: the panels or staff app's, or the voice app's.
fn index_for(dir: &Path, path: &str) -> PathBuf {
    let first = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    match WEB_APPS.iter().find(|app| **app == first) {
        Some(app) => dir.join(app).join("index.html"),
        None => dir.join("index.html"),
    }
}

/// CSP with no inline script: each web app's small inline loader (Trunk's) is allowed by its
/// hash, computed here from the built `index.html` files, so a rebuilt app never needs a code
/// change.
pub fn content_security_policy(static_dir: Option<&Path>) -> String {
    let pages = static_dir.into_iter().flat_map(|dir| {
        std::iter::once(dir.join("index.html"))
            .chain(WEB_APPS.iter().map(|app| dir.join(app).join("index.html")))
    });
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

/// Everything the routes share: built once, cloned into each worker's `App`.
#[derive(Clone)]
pub struct AppState {
    pub db: web::Data<DatabaseConnection>,
    pub keys: web::Data<TokenKeys>,
    auth_settings: web::Data<crate::config::AuthSettings>,
    mailer: web::Data<Mailer>,
    limits: web::Data<crate::auth::limits::Limits>,
    scores: web::Data<crate::flows::dashboard::ScoresCache>,
    writer: web::Data<SubmissionWriter>,
    csp: String,
    hsts: &'static str,
    static_dir: Option<PathBuf>,
}

impl AppState {
    /// From the settings: token keys (a random key when none is set), mailer, CSP; starts the
    /// submission writers on the current runtime.
    pub fn new(db: DatabaseConnection, settings: &Settings) -> anyhow::Result<AppState> {
        let secret = settings.auth.jwt_secret.clone().unwrap_or_else(|| {
            tracing::warn!("no auth.jwt_secret set: using a random key for this process");
            random_secret()
        });
        let writer = SubmissionWriter::start(db.clone(), settings.database.submission_writers());
        Ok(AppState {
            db: web::Data::new(db),
            keys: web::Data::new(TokenKeys::new(&secret, settings.auth.access_token_minutes)),
            auth_settings: web::Data::new(settings.auth.clone()),
            mailer: web::Data::new(Mailer::new(&settings.mail)?),
            limits: web::Data::new(crate::auth::limits::Limits::new(&settings.rate_limits)),
            scores: web::Data::new(crate::flows::dashboard::ScoresCache::default()),
            writer: web::Data::new(writer),
            csp: content_security_policy(settings.application.static_dir.as_deref()),
            hsts: if settings.application.behind_tls {
                "max-age=63072000; includeSubDomains"
            } else {
                ""
            },
            static_dir: settings.application.static_dir.clone(),
        })
    }
}

/// The whole application as one service: what each HTTP worker runs, and what the benchmarks
/// call in-process.
pub fn app(
    state: &AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let mut headers = middleware::DefaultHeaders::new();
    if !state.hsts.is_empty() {
        headers = headers.add(("Strict-Transport-Security", state.hsts));
    }
    let mut app = App::new()
        .wrap(
            headers
                .add(("Content-Security-Policy", state.csp.as_str()))
                .add(("X-Content-Type-Options", "nosniff"))
                .add(("X-Frame-Options", "DENY"))
                .add(("Referrer-Policy", "no-referrer"))
                .add((
                    "Permissions-Policy",
                    "geolocation=(), camera=(), microphone=(), interest-cohort=()",
                ))
                .add(("Cross-Origin-Opener-Policy", "same-origin"))
                .add(("Cross-Origin-Resource-Policy", "same-origin")),
        )
        .wrap(middleware::Compress::default())
        .wrap(tracing_actix_web::TracingLogger::default())
        .app_data(state.db.clone())
        .app_data(state.keys.clone())
        .app_data(state.auth_settings.clone())
        .app_data(state.mailer.clone())
        .app_data(state.limits.clone())
        .app_data(state.scores.clone())
        .app_data(state.writer.clone())
        .app_data(
            web::JsonConfig::default()
                .limit(JSON_LIMIT)
                .error_handler(|err, _| json_error(err).into()),
        )
        .app_data(web::PathConfig::default().error_handler(|err, _| path_error(err).into()))
        .app_data(web::QueryConfig::default().error_handler(|err, _| query_error(err).into()))
        .service(
            web::scope("/api/v1")
                .configure(routes::config)
                .default_service(web::to(|| async {
                    Err::<actix_web::HttpResponse, _>(AppError::NotFound(
                        "There is nothing at that address.",
                    ))
                })),
        );
    if let Some(dir) = &state.static_dir {
        app = app.service(spa_files(dir.clone()));
    }
    app
}

fn run(listener: TcpListener, state: AppState, workers: usize) -> anyhow::Result<Server> {
    let mut server = HttpServer::new(move || app(&state)).listen(listener)?;
    if workers > 0 {
        server = server.workers(workers);
    }
    Ok(server.run())
}

/// The built web apps; a path that is not a file gets the `index.html` of the app that draws it,
/// so that app's router can show the page (or say it is not there).
fn spa_files(dir: PathBuf) -> Files {
    Files::new("/", dir.clone())
        .index_file("index.html")
        .default_handler(fn_service(move |req: ServiceRequest| {
            let index = index_for(&dir, req.path());
            async move {
                let (req, _) = req.into_parts();
                let file = NamedFile::open_async(&index).await?;
                let res = file.into_response(&req);
                Ok(ServiceResponse::new(req, res))
            }
        }))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            ("/feedback/1", "/dist/index.html"),
            ("/panelsx", "/dist/index.html"),
            ("/panels", "/dist/panels/index.html"),
            ("/panels/1/bids/2", "/dist/panels/index.html"),
            ("/staff", "/dist/staff/index.html"),
            ("/staff/dashboard/service/1", "/dist/staff/index.html"),
        ] {
            assert_eq!(index_for(dir, path), Path::new(page), "{path}");
        }
    }

    #[test]
    fn every_apps_loader_is_allowed_by_its_hash() {
        let dir = std::env::temp_dir().join(format!("chorus-csp-{}", std::process::id()));
        for (folder, script) in [
            ("", "init('/a.wasm');"),
            ("panels", "init('/panels/b.wasm');"),
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
            "init('/a.wasm');",
            "init('/panels/b.wasm');",
            "init('/staff/c.wasm');",
        ] {
            assert!(csp.contains(&script_hash(script)), "{script}");
        }
    }
}
