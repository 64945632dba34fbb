//! Harness for the black-box tests: the real Chorus server on a free port, against a fresh
//! SQLite file or a fresh PostgreSQL database, spoken to over HTTP; and a real SMTP server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod mail;
pub mod push;
mod route_roles;
pub use route_roles::{ASSISTED_ROUTES, ROUTE_ROLES};

use backend::config::Settings;
use backend::startup::Application;
use reqwest::{Response, StatusCode};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use secrecy::SecretString;
use serde_json::Value;
use shared::api::{SecondFactorSignedIn, Session, StaffSignInStep};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs a test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! both_databases {
    ($(async fn $name:ident($app:ident: TestApp) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;
                async fn run($app: $crate::TestApp) $body

                #[tokio::test]
                async fn sqlite() {
                    run($crate::TestApp::spawn($crate::Backend::Sqlite).await).await
                }

                #[tokio::test]
                async fn postgres() {
                    run($crate::TestApp::spawn($crate::Backend::Postgres).await).await
                }
            }
        )*
    };
}

pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    pub client: reqwest::Client,
    pub backend: Backend,
    /// The settings it was built with, so a second instance can share its database.
    settings: Settings,
    _dir: Option<std::sync::Arc<tempfile::TempDir>>,
    /// The authenticator code steps used so far, by email (shared with instances beside it).
    codes: Codes,
}

/// The staff's authenticator apps as the tests hold them, by email: the key of each (the demo's
/// unless one was set up in a test) and the newest time step it was used for (the server takes
/// each code once, so the next sign-in needs a newer one).
#[derive(Default)]
pub struct Authenticators {
    keys: std::collections::HashMap<String, String>,
    last_step: std::collections::HashMap<String, u64>,
}
pub type Codes = std::sync::Arc<std::sync::Mutex<Authenticators>>;

pub const JWT_SECRET: &str = "test-secret-for-chorus-black-box-tests";
pub const AUDIT_CHAIN_KEY: &str = "test audit chain key for chorus black-box tests";
pub const AUDIT_CHECKPOINT_KEY: &str = "test audit checkpoint key for chorus black-box tests";

fn pg_admin_url() -> String {
    std::env::var("CHORUS_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

async fn fresh_postgres() -> String {
    let admin_url = pg_admin_url();
    let admin = sea_orm::Database::connect(&admin_url)
        .await
        .unwrap_or_else(|e| {
            panic!(
                "PostgreSQL is not reachable at {admin_url} ({e}). Start it with: \
             pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
            )
        });
    let name = format!("chorus_test_{}", Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create the test database");
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b.to_owned())
        .unwrap_or(admin_url);
    format!("{base}/{name}")
}

/// A code from `email`'s key for a time step newer than the last one they used (`next_code`).
pub async fn code_not_used_by(codes: &Codes, email: &str) -> String {
    use backend::domain::second_factor::{code_at, STEP_SECONDS};
    loop {
        let unix = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("after 1970")
            .as_secs_f64();
        let now = unix as u64 / STEP_SECONDS;
        let into_step = unix - (now * STEP_SECONDS) as f64;
        let chosen = {
            let mut held = codes.lock().expect("codes");
            let key = held
                .keys
                .get(email)
                .cloned()
                .unwrap_or_else(|| demo::STAFF_AUTHENTICATOR_KEY.to_owned());
            let last = held.last_step.get(email).copied();
            let earlier_ok = into_step < (STEP_SECONDS - 5) as f64;
            let candidates = [
                earlier_ok.then(|| now.saturating_sub(1)),
                Some(now),
                Some(now + 1),
            ];
            let step = candidates
                .into_iter()
                .flatten()
                .find(|step| last.is_none_or(|last| *step > last));
            if let Some(step) = step {
                held.last_step.insert(email.to_owned(), step);
            }
            step.map(|step| (step, key))
        };
        if let Some((step, key)) = chosen {
            return code_at(&key, step * STEP_SECONDS).expect("a code");
        }
        let wait = STEP_SECONDS as f64 - into_step + 0.2;
        tokio::time::sleep(std::time::Duration::from_secs_f64(wait)).await;
    }
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Spawns with settings adjusted by `tweak` (e.g. the SMTP port).
    pub async fn spawn_with(backend: Backend, tweak: impl FnOnce(&mut Settings)) -> TestApp {
        let mut settings = Settings::default_settings().expect("default settings");
        settings.application.port = 0;
        settings.application.host = "127.0.0.1".into();
        settings.auth.jwt_secret = Some(SecretString::from(JWT_SECRET.to_owned()));
        settings.audit.chain_key = Some(SecretString::from(AUDIT_CHAIN_KEY.to_owned()));
        settings.audit.checkpoint_key = Some(SecretString::from(AUDIT_CHECKPOINT_KEY.to_owned()));
        settings.jobs.poll_interval_ms = 100;
        settings.jobs.retry_base_seconds = 1;
        settings.jobs.retry_max_seconds = 2;
        // Nothing listens here unless a test starts a mail sink and says so.
        settings.mail.smtp_port = 1;
        let dir = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                settings.database.url =
                    format!("sqlite://{}/chorus.db?mode=rwc", dir.path().display());
                Some(dir)
            }
            Backend::Postgres => {
                settings.database.url = fresh_postgres().await;
                settings.database.max_connections = 5;
                None
            }
        };
        tweak(&mut settings);
        Self::start(
            backend,
            settings,
            dir.map(std::sync::Arc::new),
            Codes::default(),
        )
        .await
    }

    /// The settings this instance was built with (a copy, to start another with changes).
    pub fn settings(&self) -> Settings {
        self.settings.clone()
    }

    /// Another instance of the application on the same database, as behind a load balancer.
    pub async fn spawn_beside(&self) -> TestApp {
        Self::start(
            self.backend,
            self.settings.clone(),
            self._dir.clone(),
            self.codes.clone(),
        )
        .await
    }

    async fn start(
        backend: Backend,
        settings: Settings,
        dir: Option<std::sync::Arc<tempfile::TempDir>>,
        codes: Codes,
    ) -> TestApp {
        let app = Application::build(settings.clone())
            .await
            .expect("application builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        let db = app.db().clone();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            db,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            backend,
            settings,
            _dir: dir,
            codes,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.address)
    }

    /// An address on the server outside the API (`/metrics`, the web apps).
    pub fn url_outside_api(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn post(&self, path: &str, body: &Value, token: Option<&str>) -> Response {
        let mut request = self.client.post(self.url(path)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request sent")
    }

    pub async fn put(&self, path: &str, body: &Value, token: Option<&str>) -> Response {
        let mut request = self.client.put(self.url(path)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request sent")
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        let mut request = self.client.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request sent")
    }

    /// Loads the Stoke-on-Trent demo organisation.
    pub async fn load_demo(&self) {
        demo::load(&self.db).await.expect("demo data loads");
    }

    /// Signs a member of staff in with the demo password and, for those who need one, a code
    /// from the demo authenticator key; the access token.
    pub async fn sign_in_staff(&self, email: &str) -> String {
        let response = self
            .post(
                "/auth/staff/sign-in",
                &serde_json::json!({ "email": email, "password": demo::STAFF_PASSWORD }),
                None,
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "staff sign-in for {email}"
        );
        match response.json::<StaffSignInStep>().await.expect("a step") {
            StaffSignInStep::SignedIn { session } => session.access_token,
            StaffSignInStep::Code { challenge } => {
                let code = self.next_code(email).await;
                self.second_step(&challenge, &code)
                    .await
                    .session
                    .access_token
            }
            StaffSignInStep::SetUp { challenge, set_up } => {
                self.codes
                    .lock()
                    .expect("codes")
                    .keys
                    .insert(email.to_owned(), set_up.secret);
                let code = self.next_code(email).await;
                self.second_step(&challenge, &code)
                    .await
                    .session
                    .access_token
            }
        }
    }

    /// The second step of a staff sign-in, which must succeed.
    pub async fn second_step(&self, challenge: &str, code: &str) -> SecondFactorSignedIn {
        let response = self
            .post(
                "/auth/staff/second-factor",
                &serde_json::json!({ "challenge": challenge, "code": code }),
                None,
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "second step");
        response.json().await.expect("signed in with a code")
    }

    /// A code from `email`'s authenticator app (the demo key unless they set one up here) that
    /// they have not used yet: for the step before while it is not about to end, the current
    /// one or the next (the server takes one step either side); waits for a new step when
    /// those are used.
    pub async fn next_code(&self, email: &str) -> String {
        code_not_used_by(&self.codes, email).await
    }

    pub async fn sign_in_young_person(&self, name: &str, pin: &str) -> String {
        let response = self
            .post(
                "/auth/young-person/sign-in",
                &serde_json::json!({ "sign_in_name": name, "pin": pin }),
                None,
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "young person sign-in for {name}"
        );
        response
            .json::<Session>()
            .await
            .expect("session")
            .access_token
    }

    pub async fn officer(&self) -> String {
        self.sign_in_staff(demo::OFFICER_EMAIL).await
    }

    pub async fn commissioner(&self) -> String {
        self.sign_in_staff(demo::COMMISSIONER_EMAIL).await
    }

    pub async fn admin(&self) -> String {
        self.sign_in_staff(demo::ADMIN_EMAIL).await
    }

    /// The demo provider's manager (Foxglove Care Group).
    pub async fn provider(&self) -> String {
        self.sign_in_staff(demo::PROVIDER_EMAIL).await
    }

    pub async fn young_person(&self) -> String {
        self.sign_in_young_person(demo::YOUNG_PERSON_SIGN_IN, demo::YOUNG_PERSON_PIN)
            .await
    }

    /// The demo young person's id, as their officer (whose token this is) sees it.
    pub async fn demo_young_person_id(&self, officer: &str) -> Uuid {
        let people: Vec<shared::api::YoungPersonSummary> = self
            .get("/young-people", Some(officer))
            .await
            .json()
            .await
            .expect("the young people");
        people
            .iter()
            .find(|p| p.sign_in_name.as_deref() == Some(demo::YOUNG_PERSON_SIGN_IN))
            .expect("the demo young person")
            .id
    }

    /// The first service linked to the young person whose token this is.
    pub async fn first_service(&self, token: &str) -> Uuid {
        let services: Vec<shared::api::MyService> = self
            .get("/me/services", Some(token))
            .await
            .json()
            .await
            .expect("services");
        services[0].id
    }

    /// Redeems a demo invite as a new young person and returns their access token.
    pub async fn redeem(&self, code: &str, sign_in_name: &str, pin: &str) -> String {
        let response = self
            .post(
                "/invites/redeem",
                &serde_json::json!({ "code": code, "sign_in_name": sign_in_name, "display_name": "Sam", "pin": pin }),
                None,
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED, "redeem {code}");
        response
            .json::<Session>()
            .await
            .expect("session")
            .access_token
    }

    /// A second organisation with one person in each role, signed in: young person, officer,
    /// commissioner, admin, provider (the order of `ROUTE_ROLES`' columns). It lists no service
    /// yet, so its provider's account ("Lyme Care B") reads nothing.
    pub async fn second_organisation(&self) -> [String; 5] {
        use shared::Role;
        let org = backend::store::organisations::ensure(
            &self.db,
            "newcastle-under-lyme",
            "Newcastle-under-Lyme Children's Services",
            None,
        )
        .await
        .expect("a second organisation");
        for (role, email) in [
            (Role::ParticipationOfficer, "officer@b.example"),
            (Role::Commissioner, "commissioner@b.example"),
            (Role::Admin, "admin@b.example"),
        ] {
            backend::seed::staff(&self.db, org.id, role, email, demo::STAFF_PASSWORD, "B")
                .await
                .expect("staff of the second organisation");
        }
        let provider = backend::store::services::ensure_provider(&self.db, "Lyme Care B")
            .await
            .expect("a provider of the second organisation");
        backend::seed::provider_account(
            &self.db,
            org.id,
            provider.id,
            "provider@b.example",
            demo::STAFF_PASSWORD,
            "B",
        )
        .await
        .expect("a provider's account of the second organisation");
        backend::seed::young_person(
            &self.db,
            org.id,
            "other-town-1",
            "592817",
            "B",
            shared::AgeBand::Age12To15,
            &[],
        )
        .await
        .expect("a young person of the second organisation");
        [
            self.sign_in_young_person("other-town-1", "592817").await,
            self.sign_in_staff("officer@b.example").await,
            self.sign_in_staff("commissioner@b.example").await,
            self.sign_in_staff("admin@b.example").await,
            self.sign_in_staff("provider@b.example").await,
        ]
    }

    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .db
            .query_one(sea_orm::Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("count query")
            .expect("a row");
        row.try_get::<i64>("", "n").expect("count")
    }
}

/// Reads an error body and checks its shape: `{error, message}` with a non-empty message.
pub async fn error_body(response: Response) -> shared::ApiError {
    let body: shared::ApiError = response
        .json()
        .await
        .expect("error body is {error, message}");
    assert!(
        !body.message.trim().is_empty(),
        "error message must be words"
    );
    body
}
