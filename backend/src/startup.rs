//! Builds the application from settings: database, keys, routes, static files, headers.
//! Tests build it on port 0 against a fresh database.

use crate::auth::{Revocations, TokenKeys};
use crate::config::Settings;
use crate::error::{json_config, path_error, query_error};
use crate::flows::feedback::writer::SubmissionWriter;
use crate::flows::FlowError;
use crate::{mail::Mailer, routes, store, web_apps};
use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{middleware, web, App, HttpServer};
use rand::RngCore;
use sea_orm::DatabaseConnection;
use secrecy::SecretString;
use std::net::TcpListener;
use std::path::PathBuf;

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
        store::spawn_wal_checkpointer(&settings.database).await?;
        let state = AppState::new(db.clone(), &settings)?;
        // Serve nothing before knowing which tokens were revoked on other instances.
        state.revocations.catch_up(&db).await?;
        if settings.jobs.enabled {
            crate::jobs::spawn(
                db.clone(),
                state.mailer.get_ref().clone(),
                state.pusher.get_ref().clone(),
                settings.jobs.clone(),
            );
            crate::jobs::audit_checkpoints::spawn(db.clone(), settings.audit.checkpoint_seconds);
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

/// Everything the routes share: built once, cloned into each worker's `App`.
#[derive(Clone)]
pub struct AppState {
    pub db: web::Data<DatabaseConnection>,
    pub keys: web::Data<TokenKeys>,
    pub revocations: web::Data<Revocations>,
    auth_settings: web::Data<crate::config::AuthSettings>,
    mail_watch: web::Data<crate::flows::health::MailWatch>,
    mailer: web::Data<Mailer>,
    pusher: web::Data<crate::push::Pusher>,
    push_settings: web::Data<crate::config::PushSettings>,
    limits: web::Data<crate::auth::limits::Limits>,
    scores: web::Data<crate::flows::dashboard::ScoresCache>,
    writer: web::Data<SubmissionWriter>,
    metrics: web::Data<crate::metrics::Metrics>,
    links: web::Data<crate::flows::passwords::LinkBase>,
    csp: String,
    hsts: &'static str,
    static_dir: Option<PathBuf>,
}

impl AppState {
    /// From the settings: token keys (on SQLite a random key when none is set; on PostgreSQL one
    /// must be set), mailer, CSP; starts the submission writers on the current runtime.
    pub fn new(db: DatabaseConnection, settings: &Settings) -> anyhow::Result<AppState> {
        let secret = match settings.auth.jwt_secret.clone() {
            Some(secret) => secret,
            // Several instances share a PostgreSQL database: a key made up by each process would
            // sign tokens the others refuse, and people would be signed out at random.
            None if sea_orm::ConnectionTrait::get_database_backend(&db)
                == sea_orm::DatabaseBackend::Postgres =>
            {
                anyhow::bail!(
                    "On PostgreSQL Chorus may run as several instances, which must all sign \
                     sign-ins with one key: set auth.jwt_secret (CHORUS_AUTH__JWT_SECRET) to a \
                     long random secret, the same on every instance."
                )
            }
            None => {
                tracing::warn!("no auth.jwt_secret set: using a random key for this process");
                random_secret()
            }
        };
        store::audit::install_keys(store::audit::AuditKeys::from_settings(settings)?)?;
        let metrics = crate::metrics::Metrics::new(settings.application.metrics_token.clone())?;
        let writer = SubmissionWriter::start_measured(
            db.clone(),
            settings.database.submission_writers(),
            metrics.writer_batch.clone(),
        );
        let revocations = web::Data::new(Revocations::new(settings.auth.access_token_minutes));
        crate::auth::revocations::spawn_catch_up(
            db.clone(),
            &revocations.clone().into_inner(),
            std::time::Duration::from_millis(settings.auth.revocation_poll_ms.max(10)),
        );
        Ok(AppState {
            db: web::Data::new(db),
            keys: web::Data::new(TokenKeys::new(&secret, settings.auth.access_token_minutes)),
            revocations,
            auth_settings: web::Data::new(settings.auth.clone()),
            mail_watch: web::Data::new(crate::flows::health::MailWatch {
                stuck_after: chrono::Duration::minutes(
                    settings.jobs.safeguarding_mail_stuck_minutes.max(1),
                ),
            }),
            mailer: web::Data::new(Mailer::new(&settings.mail)?),
            pusher: web::Data::new(crate::push::Pusher::new(&settings.push)?),
            push_settings: web::Data::new(settings.push.clone()),
            limits: web::Data::new(crate::auth::limits::Limits::new(&settings.rate_limits)),
            scores: web::Data::new(crate::flows::dashboard::ScoresCache::default()),
            writer: web::Data::new(writer),
            metrics: web::Data::new(metrics),
            links: web::Data::new(crate::flows::passwords::LinkBase::new(
                &settings.application,
            )),
            csp: web_apps::content_security_policy(settings.application.static_dir.as_deref()),
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
        .wrap(state.metrics.http.clone())
        .wrap(tracing_actix_web::TracingLogger::default())
        .app_data(state.db.clone())
        .app_data(state.keys.clone())
        .app_data(state.revocations.clone())
        .app_data(state.auth_settings.clone())
        .app_data(state.mail_watch.clone())
        .app_data(state.mailer.clone())
        .app_data(state.pusher.clone())
        .app_data(state.push_settings.clone())
        .app_data(state.limits.clone())
        .app_data(state.scores.clone())
        .app_data(state.writer.clone())
        .app_data(state.metrics.clone())
        .app_data(state.links.clone())
        .app_data(json_config(JSON_LIMIT))
        .app_data(web::PathConfig::default().error_handler(|err, _| path_error(err).into()))
        .app_data(web::QueryConfig::default().error_handler(|err, _| query_error(err).into()))
        .route("/metrics", web::get().to(routes::metrics::get_metrics))
        .service(
            web::scope("/api/v1")
                // Answers hold personal data: never kept by a browser or a proxy, unless a route
                // says otherwise.
                .wrap(middleware::DefaultHeaders::new().add(("Cache-Control", "no-store")))
                .configure(routes::config)
                .default_service(web::to(|| async {
                    Err::<actix_web::HttpResponse, _>(FlowError::NotFound(
                        shared::Reason::AddressNotFound,
                        "There is nothing at that address.",
                    ))
                })),
        );
    if let Some(dir) = &state.static_dir {
        app = app.service(web_apps::static_files(dir.clone()));
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
