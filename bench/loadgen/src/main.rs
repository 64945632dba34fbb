//! `loadgen`: feedback submissions at a fixed rate (open loop), each with a fresh client-made id,
//! so every request takes the full "store it now" path. Latency is counted from the moment a
//! request was due, not from when it was sent, so a server that falls behind cannot hide it
//! (no coordinated omission). wrk measures saturation; this measures latency at a given rate.
//!
//!   loadgen --base http://127.0.0.1:18080/api/v1 --token T --service S --rate 2000 --seconds 10

use clap::Parser;
use hdrhistogram::Histogram;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, Semaphore};

#[derive(Parser)]
#[command(about = "Fixed-rate feedback submissions against a Chorus server")]
struct Args {
    /// The API's base address.
    #[arg(long, default_value = "http://127.0.0.1:18080/api/v1")]
    base: String,
    /// A young person's access token.
    #[arg(long, env = "TOKEN")]
    token: String,
    /// One of that young person's services.
    #[arg(long, env = "SERVICE")]
    service: String,
    /// Requests per second.
    #[arg(long, default_value_t = 2000)]
    rate: u64,
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Most requests in flight (connections); a request due when all are busy waits, and its
    /// wait counts in its latency.
    #[arg(long, default_value_t = 64)]
    connections: usize,
    /// Seconds at the same rate before measuring.
    #[arg(long, default_value_t = 2)]
    warm_up: u64,
}

/// When the `i`-th request of a run at `rate` per second is due, from the run's start.
fn due(i: u64, rate: u64) -> Duration {
    Duration::from_nanos(i.saturating_mul(1_000_000_000) / rate.max(1))
}

struct Tally {
    /// Microseconds from due to answered.
    latency: Mutex<Histogram<u64>>,
    /// Microseconds from sent to answered (the server's time plus the loopback).
    service: Mutex<Histogram<u64>>,
    ok: AtomicU64,
    failed: AtomicU64,
}

fn body(service: &str) -> String {
    serde_json::json!({
        "id": uuid::Uuid::new_v4(),
        "service_id": service,
        "answers": { "safe": 4, "nurtured": 5, "involved": 3, "healthy": 4, "achieving": 4 },
        "tell_us_more": "Staff listen to me and we do movie night on Fridays. I like my room and the food is good most days.",
        "make_better": "More say in what we have for tea and more trips at the weekend.",
        "named": false,
        "wants_talk": false
    })
    .to_string()
}

async fn run(args: &Args, seconds: u64) -> anyhow::Result<Arc<Tally>> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(args.connections)
        .build()?;
    let url = format!("{}/feedback", args.base.trim_end_matches('/'));
    let tally = Arc::new(Tally {
        latency: Mutex::new(Histogram::new_with_bounds(1, 60_000_000, 3)?),
        service: Mutex::new(Histogram::new_with_bounds(1, 60_000_000, 3)?),
        ok: AtomicU64::new(0),
        failed: AtomicU64::new(0),
    });
    let slots = Arc::new(Semaphore::new(args.connections.max(1)));
    let total = args.rate.saturating_mul(seconds);
    let start = Instant::now();
    let mut requests = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    for i in 0..total {
        let due_at = start + due(i, args.rate);
        tokio::time::sleep_until(due_at.into()).await;
        let (client, url, tally, slots) =
            (client.clone(), url.clone(), tally.clone(), slots.clone());
        let (token, body) = (args.token.clone(), body(&args.service));
        requests.push(tokio::spawn(async move {
            let Ok(_slot) = slots.acquire_owned().await else {
                return;
            };
            let sent = Instant::now();
            let answer = client
                .post(&url)
                .bearer_auth(token)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await;
            let done = Instant::now();
            let micros = |d: Duration| u64::try_from(d.as_micros()).unwrap_or(u64::MAX).max(1);
            match answer {
                Ok(r) if r.status().as_u16() == 201 => {
                    tally.ok.fetch_add(1, Ordering::Relaxed);
                    let _ = tally.latency.lock().await.record(micros(done - due_at));
                    let _ = tally.service.lock().await.record(micros(done - sent));
                }
                _ => {
                    tally.failed.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for request in requests {
        request.await?;
    }
    Ok(tally)
}

fn line(name: &str, h: &Histogram<u64>) -> String {
    let ms = |q: f64| h.value_at_quantile(q) as f64 / 1000.0;
    format!(
        "{name:<26} p50 {:7.2} ms  p90 {:7.2} ms  p99 {:7.2} ms  p99.9 {:7.2} ms  max {:7.2} ms",
        ms(0.5),
        ms(0.9),
        ms(0.99),
        ms(0.999),
        h.max() as f64 / 1000.0
    )
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if args.warm_up > 0 {
        run(&args, args.warm_up).await?;
    }
    let started = Instant::now();
    let tally = run(&args, args.seconds).await?;
    let elapsed = started.elapsed().as_secs_f64();
    let (ok, failed) = (
        tally.ok.load(Ordering::Relaxed),
        tally.failed.load(Ordering::Relaxed),
    );
    println!(
        "target {} req/s for {} s: {ok} stored (201), {failed} failed, {:.0} req/s achieved",
        args.rate,
        args.seconds,
        (ok + failed) as f64 / elapsed
    );
    println!(
        "{}",
        line("latency (from due)", &*tally.latency.lock().await)
    );
    println!(
        "{}",
        line("service time (from sent)", &*tally.service.lock().await)
    );
    anyhow::ensure!(failed == 0, "{failed} requests failed");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_due_evenly_at_the_rate() {
        assert_eq!(due(0, 2000), Duration::ZERO);
        assert_eq!(due(1, 2000), Duration::from_micros(500));
        assert_eq!(due(2000, 2000), Duration::from_secs(1));
        assert_eq!(
            due(3, 0),
            Duration::from_secs(3),
            "a rate of 0 is treated as 1 per second"
        );
    }

    #[test]
    fn each_body_has_a_fresh_id() {
        let id = |b: String| {
            serde_json::from_str::<serde_json::Value>(&b)
                .map(|v| v["id"].clone())
                .ok()
        };
        let (a, b) = (id(body("s")), id(body("s")));
        assert!(a.is_some() && a != b);
    }
}
