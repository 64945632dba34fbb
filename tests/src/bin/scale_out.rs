//! The scale-out test's two halves (`scripts/scale-out.sh` runs them):
//!
//! - `scale_out load BASE_URL ACKED_FILE`: signs the demo young person in through the proxy and
//!   sends `SCALE_SUBMISSIONS` submissions (default 400; one in ten a disclosure) from 16 tasks,
//!   retrying each, with the id it made, until the server acknowledges it. Writes every
//!   acknowledged id (and whether it was a disclosure) to ACKED_FILE.
//! - `scale_out drain BASE_URL ACKED_FILE`: sends submissions straight to one instance (no proxy, a
//!   new connection each) from 16 tasks, each until its first failed connection, while the script
//!   stops that instance with SIGTERM: every request that gets an answer must be acknowledged (no
//!   5xx while the instance drains). Writes the acknowledged ids, for `check`.
//! - `scale_out check DATABASE_URL ACKED_FILE MAILDIR`: waits for the outbox to empty, then
//!   checks that every acknowledged submission is stored once, each disclosure raised one alert,
//!   and every email in the outbox (the safeguarding alerts among them) reached the mail server,
//!   each under its own Message-ID, none twice but the one a killed instance may have had in
//!   flight (at-least-once: see docs/operations.md).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use anyhow::{bail, Context, Result};
use backend::store::entities::{feedback, outbox, safeguarding_alert};
use sea_orm::{ColumnTrait, Database, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

const TASKS: usize = 16;
const TRIES: usize = 60;

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["load", base, acked] => load(base, acked).await,
        ["drain", base, acked] => drain(base, acked).await,
        ["check", database, acked, maildir] => check(database, acked, maildir).await,
        _ => bail!(
            "usage: scale_out load|drain BASE_URL ACKED_FILE | check DATABASE_URL ACKED_FILE MAILDIR"
        ),
    }
}

/// Sends until acknowledged: a connection cut by a killed instance, or a proxy's 502/503, is
/// tried again with the same id (the server stores an id once). Any other refusal is a failure.
async fn send(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    body: &Value,
    retries: &AtomicUsize,
) -> Result<()> {
    for _ in 0..TRIES {
        match client.post(url).bearer_auth(token).json(body).send().await {
            Ok(r) if r.status().is_success() => return Ok(()),
            Ok(r) if r.status().is_server_error() => {}
            Ok(r) => bail!(
                "refused: {} {}",
                r.status(),
                r.text().await.unwrap_or_default()
            ),
            Err(_) => {}
        }
        retries.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("not acknowledged after {TRIES} tries")
}

async fn sign_in(client: &reqwest::Client, api: &str) -> Result<String> {
    for _ in 0..TRIES {
        let response = client
            .post(format!("{api}/auth/young-person/sign-in"))
            .json(
                &json!({"sign_in_name": demo::YOUNG_PERSON_SIGN_IN, "pin": demo::YOUNG_PERSON_PIN}),
            )
            .send()
            .await;
        if let Ok(r) = response {
            if r.status().is_success() {
                let session: Value = r.json().await?;
                return session["access_token"]
                    .as_str()
                    .map(str::to_owned)
                    .context("a token");
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    bail!("could not sign in through the proxy")
}

/// The demo young person's access token and their services' ids (at least one).
async fn signed_in_with_services(
    client: &reqwest::Client,
    api: &str,
) -> Result<(String, Vec<String>)> {
    let token = sign_in(client, api).await?;
    let services: Vec<Value> = client
        .get(format!("{api}/me/services"))
        .bearer_auth(&token)
        .send()
        .await?
        .json()
        .await?;
    let services: Vec<String> = services
        .iter()
        .filter_map(|s| s["id"].as_str().map(str::to_owned))
        .collect();
    if services.is_empty() {
        bail!("the demo young person has no services");
    }
    Ok((token, services))
}

async fn load(base: &str, acked_file: &str) -> Result<()> {
    let count: usize = std::env::var("SCALE_SUBMISSIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400);
    let api = format!("{base}/api/v1");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()?;
    let (token, services) = signed_in_with_services(&client, &api).await?;
    let retries = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let tasks: Vec<_> = (0..TASKS)
        .map(|task| {
            let (client, token, services, retries, api) = (client.clone(), token.clone(), services.clone(), retries.clone(), api.clone());
            tokio::spawn(async move {
                let mut acked = Vec::new();
                for i in (task..count).step_by(TASKS) {
                    let id = Uuid::new_v4();
                    let disclosure = i % 10 == 0;
                    let body = json!({"id": id, "service_id": services[i % services.len()],
                        "answers": {"safe": if disclosure { 1 } else { 4 }, "nurtured": 1 + i % 5}});
                    send(&client, &format!("{api}/feedback"), &token, &body, &retries).await?;
                    acked.push(format!("{id},{disclosure}"));
                }
                anyhow::Ok(acked)
            })
        })
        .collect();
    let mut lines = Vec::new();
    for task in tasks {
        lines.extend(task.await??);
    }
    std::fs::write(acked_file, lines.join("\n") + "\n")?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "acknowledged {} of {count} submissions in {seconds:.1} s ({:.0}/s), {} retries",
        lines.len(),
        lines.len() as f64 / seconds,
        retries.load(Ordering::Relaxed)
    );
    Ok(())
}

/// Submits to one instance until it stops taking connections (it is being stopped with SIGTERM).
/// Each request has its own connection, so none is sent on a kept-alive connection the server has
/// just closed. An answer other than 2xx fails; a failed connection ends that task.
async fn drain(base: &str, acked_file: &str) -> Result<()> {
    let api = format!("{base}/api/v1");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(0)
        .build()?;
    let (token, services) = signed_in_with_services(&client, &api).await?;
    let service = services[0].clone();
    let started = Instant::now();
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| {
            let (client, token, service, api) =
                (client.clone(), token.clone(), service.clone(), api.clone());
            tokio::spawn(async move {
                let mut acked = Vec::new();
                loop {
                    let id = Uuid::new_v4();
                    let body = json!({"id": id, "service_id": service, "answers": {"safe": 4}});
                    match client
                        .post(format!("{api}/feedback"))
                        .bearer_auth(&token)
                        .json(&body)
                        .send()
                        .await
                    {
                        Ok(r) if r.status().is_success() => acked.push(format!("{id},false")),
                        Ok(r) => bail!(
                            "answered {} while draining: {}",
                            r.status(),
                            r.text().await.unwrap_or_default()
                        ),
                        Err(_) => return anyhow::Ok(acked),
                    }
                    if started.elapsed() > Duration::from_secs(60) {
                        bail!("the instance was still taking requests after a minute");
                    }
                }
            })
        })
        .collect();
    let mut lines = Vec::new();
    for task in tasks {
        lines.extend(task.await??);
    }
    if lines.is_empty() {
        bail!("nothing was acknowledged before the instance stopped");
    }
    std::fs::write(acked_file, lines.join("\n") + "\n")?;
    println!(
        "{} submissions acknowledged while the instance was stopping, none refused",
        lines.len()
    );
    Ok(())
}

/// The Message-ID (the outbox row's id) of every email in the maildir, in order.
fn delivered(maildir: &str) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for folder in ["new", "cur"] {
        let Ok(entries) = std::fs::read_dir(format!("{maildir}/{folder}")) else {
            continue;
        };
        for entry in entries {
            let text = std::fs::read_to_string(entry?.path())?;
            let id = text
                .lines()
                .find_map(|l| {
                    l.strip_prefix("Message-ID: <")
                        .or_else(|| l.strip_prefix("Message-Id: <"))
                })
                .and_then(|l| l.split_once('@'))
                .map(|(id, _)| id.to_owned())
                .context("a Message-ID on every email")?;
            found.push(id);
        }
    }
    found.sort();
    Ok(found)
}

async fn check(database: &str, acked_file: &str, maildir: &str) -> Result<()> {
    let db = Database::connect(database).await?;
    let acked: Vec<(Uuid, bool)> = std::fs::read_to_string(acked_file)?
        .lines()
        .filter_map(|l| l.split_once(','))
        .map(|(id, d)| Ok((id.parse()?, d == "true")))
        .collect::<Result<_>>()?;
    let ids: Vec<Uuid> = acked.iter().map(|(id, _)| *id).collect();
    let stored = feedback::Entity::find()
        .filter(feedback::Column::Id.is_in(ids.clone()))
        .all(&db)
        .await?;
    if stored.len() != acked.len() {
        bail!("{} acknowledged, {} stored", acked.len(), stored.len());
    }
    let disclosures = acked.iter().filter(|(_, d)| *d).count();
    let alerts = safeguarding_alert::Entity::find()
        .filter(safeguarding_alert::Column::FeedbackId.is_in(ids))
        .all(&db)
        .await?;
    if alerts.len() != disclosures {
        bail!("{disclosures} disclosures, {} alerts", alerts.len());
    }
    // Every instance delivers the outbox; a killed one's leased rows come free after the lease.
    let deadline = Instant::now() + Duration::from_secs(150);
    loop {
        let unsent = outbox::Entity::find()
            .filter(outbox::Column::SentAt.is_null())
            .all(&db)
            .await?;
        if unsent.is_empty() {
            break;
        }
        if Instant::now() > deadline {
            bail!("{} emails still unsent", unsent.len());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    // Every email the outbox holds (alerts, and any other) reached the mail server once.
    let mut expected: Vec<String> = outbox::Entity::find()
        .all(&db)
        .await?
        .into_iter()
        .map(|m| m.id.to_string())
        .collect();
    expected.sort();
    let alert_emails = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("safeguarding_alert"))
        .all(&db)
        .await?
        .len();
    if alert_emails < alerts.len() {
        bail!(
            "{} alerts, only {alert_emails} alert emails queued",
            alerts.len()
        );
    }
    let got = delivered(maildir)?;
    let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
    for one in &got {
        *counts.entry(one).or_default() += 1;
    }
    let distinct: Vec<String> = counts.keys().map(|id| (*id).clone()).collect();
    if distinct != expected {
        bail!(
            "{} emails queued, {} distinct delivered",
            expected.len(),
            distinct.len()
        );
    }
    // An instance killed after the mail server took an email and before it marked it sent
    // leaves it to be sent again, under the same Message-ID. Email is at-least-once (nothing can
    // make the mail server's "accepted" and our "sent" one step); each instance sends one email
    // at a time, so one kill may repeat at most one.
    let resent: Vec<(&&String, &usize)> = counts.iter().filter(|(_, n)| **n > 1).collect();
    let allowed: usize = std::env::var("SCALE_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    if resent.len() > allowed || resent.iter().any(|(_, n)| **n > 2) {
        bail!("sent more than once: {resent:?} (at most {allowed} may be, once each)");
    }
    println!(
        "{} submissions stored once each; {} alerts; {} emails ({alert_emails} safeguarding alerts) all \
         delivered, {} sent again after the kill under the same Message-ID",
        acked.len(),
        alerts.len(),
        distinct.len(),
        resent.len()
    );
    Ok(())
}
