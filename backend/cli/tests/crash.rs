//! Nothing lost (DESIGN.md §5): a load generator submits feedback, retrying each submission with
//! its own id until the server acknowledges it, while the real server process is killed with
//! SIGKILL several times and restarted. Afterwards every acknowledged submission is stored exactly
//! once. On SQLite, a backup taken with `backend backup` while the server runs holds every
//! submission acknowledged before it began. Bounded to well under a minute per database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use backend::store::entities::feedback;
use sea_orm::{ColumnTrait, ConnectionTrait, Database, EntityTrait, PaginatorTrait, QueryFilter};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use uuid::Uuid;

const BIN: &str = env!("CARGO_BIN_EXE_backend");
const KILLS: usize = 4;
const WRITERS: usize = 6;

struct Server {
    env: Vec<(String, String)>,
    port: u16,
    child: Option<Child>,
}

impl Server {
    fn new(database_url: &str) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let env = [
            ("DATABASE_URL", database_url.to_owned()),
            ("CHORUS_APPLICATION__HOST", "127.0.0.1".to_owned()),
            ("CHORUS_APPLICATION__PORT", port.to_string()),
            (
                "CHORUS_AUTH__JWT_SECRET",
                "crash-test-secret-that-survives-restarts".to_owned(),
            ),
            ("CHORUS_RATE_LIMITS__SUBMISSIONS_PER_MINUTE", "0".to_owned()),
            ("CHORUS_RATE_LIMITS__SIGN_IN_PER_MINUTE", "0".to_owned()),
            ("CHORUS_JOBS__ENABLED", "false".to_owned()),
            ("RUST_LOG", "error".to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        Server {
            env,
            port,
            child: None,
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .envs(self.env.iter().cloned())
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        command
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/api/v1{path}", self.port)
    }

    async fn start(&mut self) {
        self.child = Some(self.command(&["serve"]).spawn().expect("the server starts"));
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if client
                .get(self.url("/health"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not come up");
    }

    /// SIGKILL: no chance to finish anything.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

struct Load {
    stop: AtomicBool,
    acknowledged: Mutex<Vec<Uuid>>,
    attempted: Mutex<Vec<Uuid>>,
}

/// Submits feedback until told to stop; each submission is retried with the same id until the
/// server acknowledges it.
async fn writer(server_url: String, token: String, service: Uuid, load: Arc<Load>) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    while !load.stop.load(Ordering::Relaxed) {
        let id = Uuid::new_v4();
        load.attempted.lock().unwrap().push(id);
        let body = serde_json::json!({ "id": id, "service_id": service, "tell_us_more": format!("crash test {id}") });
        loop {
            let sent = client
                .post(format!("{server_url}/feedback"))
                .bearer_auth(&token)
                .json(&body)
                .send()
                .await;
            match sent {
                Ok(r) if r.status().is_success() => {
                    load.acknowledged.lock().unwrap().push(id);
                    break;
                }
                Ok(r) if r.status().is_client_error() => {
                    panic!("the server refused a good submission: {}", r.status())
                }
                _ => tokio::time::sleep(Duration::from_millis(30)).await,
            }
        }
    }
}

/// (how many of `ids` are stored, how many crash-test rows there are in all)
async fn count_stored(url: &str, ids: &[Uuid]) -> (u64, u64) {
    let db = Database::connect(url).await.unwrap();
    let mut stored = 0;
    for chunk in ids.chunks(500) {
        stored += feedback::Entity::find()
            .filter(feedback::Column::Id.is_in(chunk.iter().copied()))
            .count(&db)
            .await
            .unwrap();
    }
    let all = feedback::Entity::find()
        .filter(feedback::Column::TellUsMore.starts_with("crash test "))
        .count(&db)
        .await
        .unwrap();
    (stored, all)
}

async fn kill_and_restart_under_load(database_url: &str, backup_to: Option<&Path>) {
    let mut server = Server::new(database_url);
    assert!(
        server.command(&["demo-data"]).status().unwrap().success(),
        "demo data loads"
    );
    server.start().await;
    let client = reqwest::Client::new();
    let session: serde_json::Value = client
        .post(server.url("/auth/young-person/sign-in"))
        .json(&serde_json::json!({ "sign_in_name": demo::YOUNG_PERSON_SIGN_IN, "pin": demo::YOUNG_PERSON_PIN }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = session["access_token"].as_str().unwrap().to_owned();
    let services: serde_json::Value = client
        .get(server.url("/me/services"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let service: Uuid = services[0]["id"].as_str().unwrap().parse().unwrap();

    let load = Arc::new(Load {
        stop: AtomicBool::new(false),
        acknowledged: Mutex::new(Vec::new()),
        attempted: Mutex::new(Vec::new()),
    });
    let writers: Vec<_> = (0..WRITERS)
        .map(|_| tokio::spawn(writer(server.url(""), token.clone(), service, load.clone())))
        .collect();
    for _ in 0..KILLS {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        server.kill();
        tokio::time::sleep(Duration::from_millis(200)).await;
        server.start().await;
    }
    tokio::time::sleep(Duration::from_millis(1000)).await;

    let backed_up = match backup_to {
        Some(path) => {
            let before: Vec<Uuid> = load.acknowledged.lock().unwrap().clone();
            let status = server
                .command(&["backup", path.to_str().unwrap()])
                .status()
                .unwrap();
            assert!(status.success(), "backup while the server runs");
            Some((path.to_owned(), before))
        }
        None => None,
    };

    load.stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    let acknowledged = load.acknowledged.lock().unwrap().clone();
    let attempted = load.attempted.lock().unwrap().len() as u64;
    assert!(
        acknowledged.len() > 50,
        "the load generator got through ({} acknowledged)",
        acknowledged.len()
    );
    server.kill();
    eprintln!(
        "{database_url}: {} acknowledged of {attempted} attempted across {KILLS} kills",
        acknowledged.len()
    );

    let (stored, all_rows) = count_stored(database_url, &acknowledged).await;
    assert_eq!(
        stored,
        acknowledged.len() as u64,
        "every acknowledged submission is stored"
    );
    assert!(
        all_rows >= stored && all_rows <= attempted,
        "no submission is stored twice ({all_rows} rows for {attempted} attempts)"
    );
    if let Some((path, before)) = backed_up {
        let (in_backup, _) =
            count_stored(&format!("sqlite://{}?mode=ro", path.display()), &before).await;
        assert_eq!(
            in_backup,
            before.len() as u64,
            "the backup holds every submission acknowledged before it began"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_loses_nothing_when_killed_and_backs_up_while_running() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("chorus.db").display()
    );
    kill_and_restart_under_load(&url, Some(&dir.path().join("backups/chorus-backup.db"))).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_loses_nothing_when_killed() {
    let admin_url = std::env::var("CHORUS_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let admin = Database::connect(&admin_url)
        .await
        .expect("PostgreSQL is running (scripts/ensure-postgres.sh)");
    let name = format!("chorus_crash_{}", Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b.to_owned())
        .unwrap();
    kill_and_restart_under_load(&format!("{base}/{name}"), None).await;
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await
        .unwrap();
}
