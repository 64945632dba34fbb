//! `backend bench-token-check`: what checking an access token against revocations adds to every
//! authenticated request, in one run: verifying the JWT alone against verifying it and asking
//! the in-memory revocations (`auth::revocations`), with as many recent raises held as a busy
//! instance could ever hold.

use backend::auth::{Revocations, TokenKeys};
use secrecy::SecretString;
use std::hint::black_box;
use std::time::Instant;
use uuid::Uuid;

/// Median nanoseconds per call of `f` over `rounds` batches of 1,000 calls.
fn median_ns(rounds: usize, mut f: impl FnMut()) -> f64 {
    let mut per_call: Vec<f64> = (0..rounds.max(1))
        .map(|_| {
            let t = Instant::now();
            for _ in 0..1_000 {
                f();
            }
            t.elapsed().as_nanos() as f64 / 1_000.0
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    per_call[per_call.len() / 2]
}

pub fn run(rounds: usize, raised: usize) -> anyhow::Result<String> {
    let keys = TokenKeys::new(
        &SecretString::from("a benchmark key, not a real one".to_owned()),
        15,
    );
    let user = Uuid::new_v4();
    let token = keys.issue(
        user,
        backend::domain::ids::OrganisationId::new_v4(),
        shared::Role::YoungPerson,
        3,
    )?;
    let revocations = Revocations::new(15);
    for _ in 0..raised {
        revocations.note(Uuid::new_v4(), 1);
    }
    revocations.note(user, 3);
    let verify = median_ns(rounds, || {
        black_box(keys.verify(black_box(&token)));
    });
    let both = median_ns(rounds, || {
        let claims = keys.verify(black_box(&token));
        black_box(claims.map(|c| revocations.allows(c.sub, c.r#gen)));
    });
    let allows = median_ns(rounds, || {
        black_box(revocations.allows(black_box(user), black_box(3)));
    });
    anyhow::ensure!(
        revocations.allows(user, 3) && !revocations.allows(user, 2),
        "the revocations answer wrongly"
    );
    Ok(format!(
        "median per request, {rounds} × 1,000 calls, {raised} other users' recent raises held:\n\
         verify the JWT: {verify:.0} ns\n\
         verify and check revocations: {both:.0} ns ({:+.1} %)\n\
         the revocation check alone: {allows:.0} ns\n",
        (both / verify - 1.0) * 100.0
    ))
}
