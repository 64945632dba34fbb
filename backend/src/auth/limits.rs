//! Rate limits (GCRA from the `governor` crate): sign-in attempts per client address, and
//! submissions per young person. Lock-out per account is separate (see `routes::auth`).
//! A limit of 0 turns that limiter off (benchmarks).

use crate::config::RateLimitSettings;
use crate::flows::FlowError;
use actix_web::HttpRequest;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use uuid::Uuid;

pub struct Limits {
    sign_in: Option<DefaultKeyedRateLimiter<IpAddr>>,
    submit: Option<DefaultKeyedRateLimiter<Uuid>>,
    trusted_proxies: Vec<IpAddr>,
}

fn per_minute<K: std::hash::Hash + Eq + Clone>(n: u32) -> Option<DefaultKeyedRateLimiter<K>> {
    NonZeroU32::new(n).map(|n| RateLimiter::keyed(Quota::per_minute(n)))
}

impl Limits {
    pub fn new(settings: &RateLimitSettings) -> Limits {
        Limits {
            sign_in: per_minute(settings.sign_in_per_minute),
            submit: per_minute(settings.submissions_per_minute),
            trusted_proxies: settings.trusted_proxies.clone(),
        }
    }

    /// The address a request's attempts count against: the TCP peer, or, when the peer is a
    /// trusted proxy, the nearest address in `X-Forwarded-For` that is not one (proxies append,
    /// so entries to its left may be whatever the client wrote).
    pub fn client_address(&self, req: &HttpRequest) -> Option<IpAddr> {
        let peer = req.peer_addr().map(|a| a.ip())?;
        if !self.trusted_proxies.contains(&peer) {
            return Some(peer);
        }
        let forwarded = req
            .headers()
            .get_all("X-Forwarded-For")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        forwarded
            .iter()
            .rev()
            .map(|a| a.parse::<IpAddr>().ok())
            .find(|a| a.is_none_or(|ip| !self.trusted_proxies.contains(&ip)))
            .map_or(Some(peer), |a| a.or(Some(peer)))
    }

    /// One sign-in or invite attempt from the client that sent `req`.
    pub fn sign_in_from(&self, req: &HttpRequest) -> Result<(), FlowError> {
        self.sign_in(self.client_address(req))
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
            trusted_proxies: vec![],
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

    fn request(peer: &str, forwarded: Option<&str>) -> HttpRequest {
        let mut req = actix_web::test::TestRequest::default().peer_addr(
            format!("{peer}:40000")
                .parse()
                .unwrap_or_else(|e| panic!("{e}")),
        );
        if let Some(f) = forwarded {
            req = req.insert_header(("X-Forwarded-For", f));
        }
        req.to_http_request()
    }

    #[test]
    fn forwarded_addresses_are_believed_from_trusted_proxies_only() {
        let limits = Limits::new(&RateLimitSettings {
            sign_in_per_minute: 3,
            submissions_per_minute: 0,
            trusted_proxies: vec!["10.0.0.9".parse().unwrap_or_else(|e| panic!("{e}"))],
        });
        let ip = |s: &str| s.parse::<IpAddr>().ok();
        // Straight from a client: its own address, whatever it says it forwards.
        assert_eq!(
            limits.client_address(&request("203.0.113.5", Some("1.2.3.4"))),
            ip("203.0.113.5")
        );
        // Through the proxy: the address the proxy appended, not what the client wrote before it.
        assert_eq!(
            limits.client_address(&request("10.0.0.9", Some("1.2.3.4, 198.51.100.7"))),
            ip("198.51.100.7")
        );
        assert_eq!(
            limits.client_address(&request("10.0.0.9", Some("198.51.100.7, 10.0.0.9"))),
            ip("198.51.100.7")
        );
        // A proxy that sent no header, or one we cannot read: the proxy's own address.
        assert_eq!(
            limits.client_address(&request("10.0.0.9", None)),
            ip("10.0.0.9")
        );
        assert_eq!(
            limits.client_address(&request("10.0.0.9", Some("not-an-address"))),
            ip("10.0.0.9")
        );
        // Two clients behind one proxy have a limit each.
        let first = request("10.0.0.9", Some("198.51.100.7"));
        let second = request("10.0.0.9", Some("198.51.100.8"));
        assert!((0..3).all(|_| limits.sign_in_from(&first).is_ok()));
        assert!(matches!(
            limits.sign_in_from(&first),
            Err(FlowError::RateLimited)
        ));
        assert!(limits.sign_in_from(&second).is_ok());
    }
}
