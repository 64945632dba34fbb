//! Eighteen months of believable, already-moderated feedback for the demo organisation, so the
//! dashboard has something true to show: most services pass the cohort rule, a few do not, and
//! three need attention (two score below similar services, one is falling this quarter).

use backend::domain::ids::OrganisationId;
use backend::domain::quarter::Quarter;
use backend::store::{
    self,
    feedback::{Approval, Historical, NewFeedback},
};
use chrono::{DateTime, Duration, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{DatabaseConnection, TransactionTrait};
use shared::{AgeBand, Answers, Dimension, Face};
use uuid::Uuid;

/// Services whose young people are unhappy (below similar services).
pub const POOR: [&str; 2] = ["Foxglove View", "Fresh Start Centre"];
/// A service that was good last quarter and is poor this quarter.
pub const FALLING: &str = "Next Chapter Longton";
/// Services for disabled children, where many answer with an adult beside them (an assisted
/// session): every other young person there was helped.
pub const HELPED: [&str; 4] = [
    "Short Breaks Service",
    "Weekend Short Breaks",
    "Overnight Short Breaks",
    "Inclusive Youth Club",
];
/// Services with too few voices to show a score.
pub const QUIET: [&str; 4] = [
    "Stoke Lantern Solo",
    "Holiday Club",
    "Kinship fostering",
    "Apprenticeship Support",
];

const GOOD_WORDS: &[&str] = &[
    "Staff listen to me and help me sort things out.",
    "I like that we get to choose activities at the weekend.",
    "My worker always rings back when she says she will.",
    "I feel like people here actually care how I am doing.",
    "They helped me get to college on time every day.",
];
const POOR_WORDS: &[&str] = &[
    "Nobody tells us when staff are changing.",
    "I don't get a say in anything that happens here.",
    "Repairs take ages and nobody follows them up.",
    "It feels like they don't have time for us.",
];

fn quarter_start(q: Quarter) -> DateTime<Utc> {
    let month = u32::from(q.number - 1) * 3 + 1;
    Utc.with_ymd_and_hms(q.year, month, 1, 9, 0, 0)
        .single()
        .unwrap_or_else(Utc::now)
}

/// A moment in quarter `q`, never in the future. It takes one draw from `rng` whatever the
/// date (`gen_range` takes more for some spans than others), so the demo is the same on every
/// day of a quarter, not only its dates.
pub(crate) fn moment_in(rng: &mut StdRng, q: Quarter, now: DateTime<Utc>) -> DateTime<Utc> {
    let start = quarter_start(q);
    let span = (now - start).num_hours().clamp(1, 24 * 88);
    let fraction: f64 = rng.gen();
    start + Duration::hours((span as f64 * fraction) as i64)
}

/// The demo's moderation timing: read when it came in, approved two days later (the figure the
/// dashboard's "hours to moderate" shows for demo data).
pub fn approved_two_days_later(received_at: DateTime<Utc>) -> Approval {
    Approval {
        read_at: received_at,
        approved_at: received_at + Duration::days(2),
    }
}

/// Answers follow a fixed, realistic spread around each service's level, so services of the same
/// level look alike and only the ones meant to stand out do.
pub(crate) const GOOD: [u8; 8] = [5, 4, 4, 5, 3, 4, 5, 4];
const POOR_SPREAD: [u8; 8] = [2, 1, 2, 3, 2, 2, 1, 3];

/// Young person `offset` answers outcome `i` with `spread[(offset + i) % 8]` and skips it when
/// that lands on the last slot, so every service with a multiple of eight voices has the same
/// spread on every outcome, and only the services meant to stand out do.
pub(crate) fn answers(spread: &[u8; 8], offset: usize, band: AgeBand) -> Answers {
    let mut a = Answers::default();
    for (i, &d) in band.dimensions().iter().enumerate() {
        // Nobody answers Safe at 1 here (no alerts in the history).
        if (offset + i) % spread.len() != spread.len() - 1 {
            let x = spread[(offset + i) % spread.len()];
            let x = if d == Dimension::Safe { x.max(2) } else { x };
            a.set(d, Face::new(x).ok());
        }
    }
    a
}

pub async fn load(
    db: &DatabaseConnection,
    organisation_id: OrganisationId,
    services: &[(&str, &str, Uuid)],
    officer: Uuid,
) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(15);
    let now = Utc::now();
    let span = Span {
        now,
        quarters: std::iter::successors(Some(Quarter::of(now)), |q| Some(q.previous()))
            .take(6)
            .collect(),
    };
    let txn = db.begin().await?;
    let mut rows = Vec::new();
    for (index, (_, name, service_id)) in services.iter().enumerate() {
        let voices = if QUIET.contains(name) {
            rng.gen_range(1..4)
        } else {
            rng.gen_range(8..15)
        };
        let band = if index % 3 == 0 {
            AgeBand::Age16To17
        } else {
            AgeBand::Age12To15
        };
        for v in 0..voices {
            let sign_in_name = format!("voice-{index}-{v}");
            let author = store::users::ensure_voice(&txn, organisation_id, &sign_in_name, band)
                .await?
                .id;
            let voice = Voice {
                organisation_id,
                index,
                v,
                name,
                service_id: *service_id,
                author,
                band,
                helped_by: (HELPED.contains(name) && v % 2 == 0).then_some(officer),
            };
            rows.extend(rows_of(&mut rng, &span, &voice));
        }
    }
    store::feedback::insert_historical(&txn, rows).await?;
    store::aggregates::begin_change(&txn, organisation_id).await?;
    let fresh = store::aggregates::compute_from_raw(&txn, organisation_id, |_| {}).await?;
    store::aggregates::replace_all(&txn, organisation_id, &fresh).await?;
    txn.commit().await?;
    Ok(())
}

/// The quarters the history spans (latest first) and the moment it is made.
struct Span {
    now: DateTime<Utc>,
    quarters: Vec<Quarter>,
}

/// Young person `v` of service number `index`.
struct Voice<'a> {
    organisation_id: OrganisationId,
    index: usize,
    v: usize,
    name: &'a str,
    service_id: Uuid,
    author: Uuid,
    band: AgeBand,
    /// The officer who sat beside them, if they were helped.
    helped_by: Option<Uuid>,
}

/// What one voice said over the span: two to four times, in drawn quarters.
fn rows_of(rng: &mut StdRng, span: &Span, voice: &Voice) -> Vec<Historical> {
    // A poor service's young people speak every quarter of the year, so no quarter of it is
    // hidden and its 12-month score can be shown (and flagged) without letting a hidden quarter
    // be worked out from it. Rows past the drawn count come from a stream of their own, so
    // every other service's history stays as it was.
    let poor = POOR.contains(&voice.name);
    let drawn = rng.gen_range(2..=4);
    let times = if poor { 4 } else { drawn };
    let mut extra = StdRng::seed_from_u64(0x9000 + voice.index as u64);
    (0..times)
        .map(|k| {
            let rng = if k < drawn { &mut *rng } else { &mut extra };
            row(rng, span, voice, k, poor)
        })
        .collect()
}

/// The voice's `k`th piece of feedback.
fn row(rng: &mut StdRng, span: &Span, voice: &Voice, k: usize, poor: bool) -> Historical {
    let quarters = &span.quarters;
    let current = quarters[0];
    let drawn_quarter = if voice.name == FALLING {
        quarters[k % 2]
    } else if k == 0 {
        // The latest is always in the last four quarters, so every voice counts this year.
        quarters[rng.gen_range(0..4)]
    } else {
        quarters[rng.gen_range(0..quarters.len())]
    };
    let q = if poor { quarters[k] } else { drawn_quarter };
    let spread: &[u8; 8] = if voice.name == FALLING {
        if q == current {
            &POOR_SPREAD
        } else {
            &GOOD
        }
    } else if poor {
        &POOR_SPREAD
    } else {
        &GOOD
    };
    let words = if rng.gen_ratio(1, 4) {
        let list = if spread == &POOR_SPREAD {
            POOR_WORDS
        } else {
            GOOD_WORDS
        };
        Some(list[rng.gen_range(0..list.len())].to_owned())
    } else {
        None
    };
    let id = Uuid::from_u128(
        (0xde30_u128 << 96) | ((voice.index as u128) << 32) | ((voice.v as u128) << 8) | k as u128,
    );
    let received_at = moment_in(rng, q, span.now);
    Historical {
        feedback: NewFeedback {
            id,
            organisation_id: voice.organisation_id,
            service_id: voice.service_id,
            author_id: voice.author,
            answers: answers(spread, voice.v, voice.band),
            tell_us_more: words,
            make_better: None,
            named: false,
            wants_talk: false,
            assisted_by: voice.helped_by,
        },
        received_at,
        approved: Some(approved_two_days_later(received_at)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo history is drawn from one seeded stream, so a moment must take the same draws
    /// on every day of the quarter, or the whole history (and which cells are hidden) would
    /// change from one day to the next.
    #[test]
    fn a_moment_takes_the_same_draws_on_any_day() {
        let q = Quarter::of(Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap());
        let nexts: Vec<u64> = (1..=90)
            .map(|day| {
                let now = quarter_start(q) + Duration::days(day) + Duration::hours(7);
                let mut rng = StdRng::seed_from_u64(15);
                for _ in 0..50 {
                    let at = moment_in(&mut rng, q, now);
                    assert!(
                        at >= quarter_start(q)
                            && at <= now.max(quarter_start(q) + Duration::hours(1))
                    );
                }
                rng.gen()
            })
            .collect();
        assert!(nexts.iter().all(|n| *n == nexts[0]), "{nexts:?}");
    }
}
