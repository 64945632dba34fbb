//! Rate limits (GCRA from the `governor` crate): sign-in attempts per client address, and
//! submissions per young person. Lock-out per account is separate (see `routes::auth`).
//! A limit of 0 turns that limiter off (benchmarks).

use crate::config::RateLimitSettings;
use crate::flows::FlowError;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use uuid::Uuid;

pub struct Limits {
    sign_in: Option<DefaultKeyedRateLimiter<IpAddr>>,
    submit: Option<DefaultKeyedRateLimiter<Uuid>>,
}

fn per_minute<K: std::hash::Hash + Eq + Clone>(n: u32) -> Option<DefaultKeyedRateLimiter<K>> {
    NonZeroU32::new(n).map(|n| RateLimiter::keyed(Quota::per_minute(n)))
}

impl Limits {
    pub fn new(settings: &RateLimitSettings) -> Limits {
        Limits {
            sign_in: per_minute(settings.sign_in_per_minute),
            submit: per_minute(settings.submissions_per_minute),
        }
    }

    /// One sign-in or invite attempt from `address`.
    pub fn sign_in(&self, address: Option<IpAddr>) -> Result<(), FlowError> {
        match (&self.sign_in, address) {
            (Some(limiter), Some(ip)) => limiter.check_key(&ip).map_err(|_| FlowError::RateLimited),
            _ => Ok(()),
        }
    }

    /// One feedback submission by `young_person`.
    pub fn submit(&self, young_person: Uuid) -> Result<(), FlowError> {
        match &self.submit {
            Some(limiter) => limiter
                .check_key(&young_person)
                .map_err(|_| FlowError::RateLimited),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_burst_is_the_per_minute_limit_and_then_it_refuses() {
        let limits = Limits::new(&RateLimitSettings {
            sign_in_per_minute: 3,
            submissions_per_minute: 0,
        });
        let ip: Option<IpAddr> = "10.0.0.1".parse().ok();
        assert!((0..3).all(|_| limits.sign_in(ip).is_ok()));
        assert!(matches!(limits.sign_in(ip), Err(FlowError::RateLimited)));
        assert!(
            limits.sign_in("10.0.0.2".parse().ok()).is_ok(),
            "other addresses are not affected"
        );
        assert!(
            (0..1000).all(|_| limits.submit(Uuid::nil()).is_ok()),
            "0 turns the limiter off"
        );
    }
}
