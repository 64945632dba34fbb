//! `backend`: serve Chorus (the default), migrate, create an admin, back up, recompute, and load
//! demo or benchmark data. `commands` says what each does.

mod commands;

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    backend::telemetry::init();
    let cli = commands::Cli::parse();
    let settings = backend::config::Settings::load()?;
    cli.command
        .unwrap_or(commands::Command::Serve)
        .run(settings)
        .await
}
