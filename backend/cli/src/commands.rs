//! The commands of `backend` and what each does. Each is a few calls into the server's library
//! (`backend`) or the demo and benchmark data (`demo`).

use anyhow::Context;
use backend::config::Settings;
use backend::startup::Application;
use backend::{seed, store};
use clap::{Parser, Subcommand};
use shared::Role;

#[derive(Parser)]
#[command(
    name = "backend",
    version,
    about = "Chorus: the young people's voice platform"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
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
    /// Providers that are one provider under two spellings ("Hillside Care Ltd", "Hillside care
    /// limited") become one across every council; says what it did. Without --apply, only says.
    MergeProviders {
        /// Merge; without it, nothing is changed.
        #[arg(long)]
        apply: bool,
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
    /// Generate a simulated region in a fresh database: councils in one region sharing providers
    /// (default: 12 councils, 400 providers, 2,000 services, 10,000,000 feedback rows, 5 years).
    GenerateRegion {
        #[arg(long, default_value_t = 12)]
        councils: usize,
        #[arg(long, default_value_t = 400)]
        providers: usize,
        #[arg(long, default_value_t = 2_000)]
        services: usize,
        #[arg(long, default_value_t = 10_000_000)]
        feedback: u64,
        /// Young people per council.
        #[arg(long, default_value_t = 20_000)]
        young_people: usize,
        #[arg(long, default_value_t = 5)]
        years: i64,
    },
    /// Time the regional view, cached and first after a change, and the region's recompute.
    BenchRegion {
        #[arg(long, default_value_t = 200)]
        iterations: usize,
    },
    /// Time the dashboard's scores read from the aggregates against computing them from raw rows.
    BenchDashboard {
        #[arg(long, default_value_t = 200)]
        iterations: usize,
        #[arg(long, default_value_t = 3)]
        raw_iterations: usize,
    },
    /// Run the safeguarding corpus through the phrase matcher: recall, false alarms, time per
    /// submission.
    BenchDetection {
        #[arg(long, default_value_t = 200)]
        rounds: usize,
    },
    /// What the revocation check adds to each authenticated request: verifying a token alone
    /// against verifying it and checking the in-memory revocations.
    BenchTokenCheck {
        #[arg(long, default_value_t = 2_000)]
        rounds: usize,
        /// Other users' recent raises held in memory.
        #[arg(long, default_value_t = 10_000)]
        raised: usize,
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
    /// Print a new VAPID private key for Web Push (set it as push.vapid_private_key, the same
    /// on every instance).
    VapidKey,
    /// The audit log: verify each organisation's chain against its signed checkpoints.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Recompute every organisation's keyed chain and check it against its signed checkpoints;
    /// exit with an error if any log was edited, cut short, emptied or rewritten.
    Verify {
        /// Only this organisation (its short name).
        #[arg(long)]
        organisation: Option<String>,
    },
}

impl Command {
    pub async fn run(self, settings: Settings) -> anyhow::Result<()> {
        // Whatever writes or checks the audit log needs its keys (see docs/audit.md).
        if !matches!(
            self,
            Command::Migrate | Command::Backup { .. } | Command::VapidKey
        ) {
            store::audit::install_keys(store::audit::AuditKeys::from_settings(&settings)?)?;
        }
        match self {
            Command::Serve => serve(settings).await,
            Command::VapidKey => {
                println!("{}", backend::push::new_private_key());
                Ok(())
            }
            Command::Migrate => {
                store::connect_and_migrate(&settings.database).await?;
                println!("Database is up to date.");
                Ok(())
            }
            Command::DemoData => demo_data(&settings).await,
            Command::Recompute { check } => recompute(&settings, check).await,
            Command::MergeProviders { apply } => {
                let db = store::connect_and_migrate(&settings.database).await?;
                let report = backend::flows::directory::merge_providers(&db, apply).await?;
                for line in &report.lines {
                    println!("{line}");
                }
                println!(
                    "{} groups {}, {} left alone.",
                    report.merged,
                    if apply {
                        "merged"
                    } else {
                        "to merge (run again with --apply)"
                    },
                    report.left_alone
                );
                Ok(())
            }
            Command::Generate {
                feedback,
                services,
                young_people,
                years,
            } => {
                let options = demo::bench::Options {
                    feedback,
                    services,
                    young_people,
                    years,
                };
                generate(&settings, &options).await
            }
            Command::BenchDashboard {
                iterations,
                raw_iterations,
            } => {
                let db = store::connect_and_migrate(&settings.database).await?;
                let report =
                    demo::bench::bench_dashboard(&db, &settings, iterations, raw_iterations)
                        .await?;
                println!("{report}");
                Ok(())
            }
            Command::GenerateRegion {
                councils,
                providers,
                services,
                feedback,
                young_people,
                years,
            } => {
                let db = store::connect_and_migrate(&settings.database).await?;
                let options = demo::bench_region::Options {
                    councils,
                    providers,
                    services,
                    feedback,
                    young_people,
                    years,
                };
                let started = std::time::Instant::now();
                let (rows, recompute) = demo::bench_region::generate_region(&db, &options).await?;
                println!(
                    "Generated {rows} feedback rows over {services} services in {councils} councils in {:.0} s (the region's recompute: {recompute:.1} s).",
                    started.elapsed().as_secs_f64()
                );
                Ok(())
            }
            Command::BenchRegion { iterations } => {
                let db = store::connect_and_migrate(&settings.database).await?;
                println!(
                    "{}",
                    demo::bench_region::bench_region(&db, &settings, iterations).await?
                );
                Ok(())
            }
            Command::BenchSubmit { count, concurrency } => {
                bench_submit(&settings, count, concurrency).await
            }
            Command::BenchTokenCheck { rounds, raised } => {
                print!("{}", demo::token_check::run(rounds, raised)?);
                Ok(())
            }
            Command::BenchDetection { rounds } => {
                print!("{}", demo::detection::run(rounds));
                Ok(())
            }
            Command::Backup { to } => {
                let db = store::connect(&settings.database).await?;
                let seconds = store::backup::sqlite_snapshot(&db, &to).await?;
                println!("Backed up to {} in {seconds:.2} s.", to.display());
                Ok(())
            }
            Command::CreateAdmin {
                email,
                name,
                organisation,
                organisation_name,
            } => create_admin(&settings, &email, &name, &organisation, &organisation_name).await,
            Command::Audit {
                command: AuditCommand::Verify { organisation },
            } => audit_verify(&settings, organisation.as_deref()).await,
        }
    }
}

fn public_url(settings: &Settings, port: u16) -> String {
    settings
        .application
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}:{port}/", settings.application.host))
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let app = Application::build(settings.clone()).await?;
    let url = public_url(&settings, app.port());
    tracing::info!(%url, "Chorus is running");
    app.run_until_stopped().await?;
    Ok(())
}

async fn demo_data(settings: &Settings) -> anyhow::Result<()> {
    let db = store::connect_and_migrate(&settings.database).await?;
    let summary = demo::load(&db).await?;
    let url = public_url(settings, settings.application.port);
    println!(
        "Demo data ready: {} ({} providers, {} services, {} feedback items).\n{}",
        demo::ORGANISATION_NAME,
        summary.providers,
        summary.services,
        summary.pending_feedback,
        demo::sign_in_help(&url)
    );
    Ok(())
}

async fn recompute(settings: &Settings, check: bool) -> anyhow::Result<()> {
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
    Ok(())
}

async fn generate(settings: &Settings, options: &demo::bench::Options) -> anyhow::Result<()> {
    let db = store::connect_and_migrate(&settings.database).await?;
    let outcome = demo::bench::generate(&db, options).await?;
    println!(
        "Generated {} feedback rows over {} services for organisation {} in {:.1} s.",
        outcome.rows, options.services, outcome.organisation_id, outcome.seconds
    );
    Ok(())
}

async fn bench_submit(settings: &Settings, count: usize, concurrency: usize) -> anyhow::Result<()> {
    let db = store::connect_and_migrate(&settings.database).await?;
    // As the server runs: checkpoints off the writer's path (both sides benefit).
    store::spawn_wal_checkpointer(&settings.database).await?;
    let report = demo::bench::bench_submit(
        &db,
        count,
        concurrency,
        settings.database.submission_writers(),
    )
    .await?;
    println!("{report}");
    Ok(())
}

/// The password comes from CHORUS_ADMIN_PASSWORD, or else from standard input.
fn admin_password() -> anyhow::Result<String> {
    if let Ok(password) = std::env::var("CHORUS_ADMIN_PASSWORD") {
        return Ok(password);
    }
    eprintln!("Password (at least 12 characters), then Enter:");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("cannot read the password")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

async fn create_admin(
    settings: &Settings,
    email: &str,
    name: &str,
    organisation: &str,
    organisation_name: &str,
) -> anyhow::Result<()> {
    let password = admin_password()?;
    let db = store::connect_and_migrate(&settings.database).await?;
    let org = store::organisations::ensure(&db, organisation, organisation_name, None).await?;
    let admin = seed::staff(&db, org.id, Role::Admin, email, &password, name).await?;
    anyhow::ensure!(
        admin.role == Role::Admin,
        "{email} already has a {} account",
        admin.role
    );
    println!("Admin {email} is ready for {}.", org.name);
    Ok(())
}

async fn audit_verify(settings: &Settings, organisation: Option<&str>) -> anyhow::Result<()> {
    let db = store::connect_and_migrate(&settings.database).await?;
    let organisations = match organisation {
        Some(slug) => vec![store::organisations::find_by_slug(&db, slug)
            .await?
            .with_context(|| format!("there is no organisation called {slug}"))?],
        None => store::organisations::all(&db).await?,
    };
    let mut broken = 0;
    for org in &organisations {
        let verification = store::audit::verify_organisation(&db, org.id).await?;
        let counts = format!(
            "{} entries, {} signed checkpoints",
            verification.entries, verification.checkpoints
        );
        match verification.outcome {
            Ok(()) => println!("{} ({}): intact, {counts}.", org.name, org.slug),
            Err(problem) => {
                broken += 1;
                println!(
                    "{} ({}): NOT INTACT, {counts}: {problem}.",
                    org.name, org.slug
                );
            }
        }
    }
    anyhow::ensure!(
        broken == 0,
        "{broken} of {} audit logs failed verification",
        organisations.len()
    );
    Ok(())
}
