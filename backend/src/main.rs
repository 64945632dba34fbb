//! `backend`: serve Chorus, migrate, load demo data, create an admin.

use anyhow::Context;
use backend::config::Settings;
use backend::startup::Application;
use backend::{demo, seed, store, telemetry};
use clap::{Parser, Subcommand};
use shared::Role;

#[derive(Parser)]
#[command(
    name = "backend",
    version,
    about = "Chorus: the young people's voice platform"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the API and the web app (the default).
    Serve,
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Load the Stoke-on-Trent demo organisation (safe to run again), then exit.
    DemoData,
    /// Rebuild the score aggregates from raw feedback (or, with --check, compare them).
    Recompute {
        /// Only compare; exit with an error if the maintained aggregates differ.
        #[arg(long)]
        check: bool,
    },
    /// Generate benchmark data in a fresh database (default: 1,000,000 feedback rows, 200 services).
    Generate {
        #[arg(long, default_value_t = 1_000_000)]
        feedback: u64,
        #[arg(long, default_value_t = 200)]
        services: usize,
        #[arg(long, default_value_t = 50_000)]
        young_people: usize,
        #[arg(long, default_value_t = 5)]
        years: i64,
    },
    /// Time the dashboard's scores read from the aggregates against computing them from raw rows.
    BenchDashboard {
        #[arg(long, default_value_t = 200)]
        iterations: usize,
        #[arg(long, default_value_t = 3)]
        raw_iterations: usize,
    },
    /// Copy the SQLite database to a file while Chorus runs (a consistent snapshot). For
    /// PostgreSQL use pg_dump.
    Backup {
        /// The file to write; it must not exist yet.
        to: std::path::PathBuf,
    },
    /// Time submissions (the handler's work) against a bare insert of the same row, in one run,
    /// on the demo data.
    BenchSubmit {
        #[arg(long, default_value_t = 4_000)]
        count: usize,
        #[arg(long, default_value_t = 64)]
        concurrency: usize,
    },
    /// Create an admin account. The password is read from CHORUS_ADMIN_PASSWORD or standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
        /// The organisation's short name; created if it does not exist.
        #[arg(long, default_value = demo::ORGANISATION_SLUG)]
        organisation: String,
        /// The organisation's full name, used only when creating it.
        #[arg(long, default_value = demo::ORGANISATION_NAME)]
        organisation_name: String,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init();
    let cli = Cli::parse();
    let settings = Settings::load()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(settings.clone()).await?;
            let url =
                settings.application.public_url.clone().unwrap_or_else(|| {
                    format!("http://{}:{}/", settings.application.host, app.port())
                });
            tracing::info!(%url, "Chorus is running");
            app.run_until_stopped().await?;
        }
        Command::Migrate => {
            store::connect_and_migrate(&settings.database).await?;
            println!("Database is up to date.");
        }
        Command::DemoData => {
            let db = store::connect_and_migrate(&settings.database).await?;
            let summary = demo::load(&db).await?;
            let url = settings.application.public_url.clone().unwrap_or_else(|| {
                format!(
                    "http://{}:{}/",
                    settings.application.host, settings.application.port
                )
            });
            println!(
                "Demo data ready: {} ({} providers, {} services, {} feedback items).\n{}",
                demo::ORGANISATION_NAME,
                summary.providers,
                summary.services,
                summary.pending_feedback,
                demo::sign_in_help(&url)
            );
        }
        Command::Recompute { check } => {
            let db = store::connect_and_migrate(&settings.database).await?;
            let outcome = backend::recompute::run(&db, check).await?;
            println!(
                "{} {} organisations, {} tallies in {:.2} s{}",
                if check { "Checked" } else { "Recomputed" },
                outcome.organisations,
                outcome.tallies,
                outcome.seconds,
                if check {
                    format!(", {} differences", outcome.differences)
                } else {
                    String::new()
                }
            );
            anyhow::ensure!(
                outcome.differences == 0,
                "the maintained aggregates differ from a full recompute"
            );
        }
        Command::Generate {
            feedback,
            services,
            young_people,
            years,
        } => {
            let db = store::connect_and_migrate(&settings.database).await?;
            let options = backend::benchdata::Options {
                feedback,
                services,
                young_people,
                years,
            };
            let outcome = backend::benchdata::generate(&db, &options).await?;
            println!(
                "Generated {} feedback rows over {services} services for organisation {} in {:.1} s.",
                outcome.rows, outcome.organisation_id, outcome.seconds
            );
        }
        Command::BenchDashboard {
            iterations,
            raw_iterations,
        } => {
            let db = store::connect_and_migrate(&settings.database).await?;
            let report =
                backend::benchdata::bench_dashboard(&db, &settings, iterations, raw_iterations)
                    .await?;
            println!("{report}");
        }
        Command::BenchSubmit { count, concurrency } => {
            let db = store::connect_and_migrate(&settings.database).await?;
            // As the server runs: checkpoints off the writer's path (both sides benefit).
            store::spawn_wal_checkpointer(&settings.database).await?;
            println!(
                "{}",
                backend::benchdata::bench_submit(
                    &db,
                    count,
                    concurrency,
                    settings.database.submission_writers()
                )
                .await?
            );
        }
        Command::Backup { to } => {
            let db = store::connect(&settings.database).await?;
            let seconds = store::backup::sqlite_snapshot(&db, &to).await?;
            println!("Backed up to {} in {seconds:.2} s.", to.display());
        }
        Command::CreateAdmin {
            email,
            name,
            organisation,
            organisation_name,
        } => {
            let password = match std::env::var("CHORUS_ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    eprintln!("Password (at least 12 characters), then Enter:");
                    let mut line = String::new();
                    std::io::stdin()
                        .read_line(&mut line)
                        .context("cannot read the password")?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let db = store::connect_and_migrate(&settings.database).await?;
            let org =
                store::organisations::ensure(&db, &organisation, &organisation_name, None).await?;
            let admin = seed::staff(&db, org.id, Role::Admin, &email, &password, &name).await?;
            anyhow::ensure!(
                admin.role == Role::Admin.as_str(),
                "{email} already has a {} account",
                admin.role
            );
            println!("Admin {email} is ready for {}.", org.name);
        }
    }
    Ok(())
}
