//! The slow-down rule for wrong sign-in secrets, which replaces locking accounts: a lock-out lets
//! anyone who knows a child's sign-in name lock them out, and answering "locked" only for names
//! that exist tells a stranger which names do.
//!
//! Wrong tries are counted per scope (the sign-in name from one address, the name from anywhere,
//! the address for any name), for names that exist and names that do not alike. Each scope has a
//! number of free tries; after that, each wrong try makes the next one wait, twice as long each
//! time, up to a longest wait. Tries are forgotten a day after the last one.

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use std::net::{IpAddr, Ipv6Addr};

/// Who a wrong try was for: a young person's sign-in name or a member of staff's email, as typed
/// (made-up names count like real ones). Kept only as a digest.
pub enum Claimed<'a> {
    YoungPerson(&'a str),
    Staff(&'a str),
}

impl Claimed<'_> {
    /// The stored key of this name: the same for every way of typing one name.
    pub fn key(&self) -> String {
        let (kind, name) = match self {
            Claimed::YoungPerson(name) => ("young-person", name),
            Claimed::Staff(email) => ("staff", email),
        };
        let name = name.trim().to_lowercase();
        hex::encode(Sha256::digest(format!("{kind}:{name}")))
    }
}

/// Where a try comes from, as one person's connection: an IPv4 address, or an IPv6 /64 (one
/// household or phone is given a whole /64 and can pick any address in it at will).
fn address_key(address: IpAddr) -> String {
    match address {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => format!("{}/64", Ipv6Addr::from(u128::from(v6) & (u128::MAX << 64))),
        },
        IpAddr::V4(v4) => v4.to_string(),
    }
}

/// The three scopes a wrong try counts in, as (name key, address key) with "" for "any", in the
/// order of `WrongTrySettings::policies`. An address we could not read counts as one address.
pub fn scopes(name_key: &str, address: Option<IpAddr>) -> [(String, String); 3] {
    let address = address.map_or_else(|| "unknown".to_owned(), address_key);
    [
        (name_key.to_owned(), address.clone()),
        (name_key.to_owned(), String::new()),
        (String::new(), address),
    ]
}

/// The waits of one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Wrong tries before any wait.
    pub free: i32,
    /// The wait after the first wrong try past the free ones.
    pub first_wait: Duration,
    /// No wait is longer than this.
    pub longest_wait: Duration,
}

/// How long after the last wrong try the count starts again.
pub fn forget_after() -> Duration {
    Duration::hours(24)
}

impl Policy {
    /// The wait that `failures` wrong tries in a row impose after the last of them.
    pub fn wait_after(self, failures: i32) -> Duration {
        let past_free = failures.saturating_sub(self.free);
        if past_free <= 0 {
            return Duration::zero();
        }
        // 2^(past_free - 1) times the first wait; past 2^20 it is far over any longest wait.
        let doublings = u32::try_from(past_free - 1).unwrap_or(u32::MAX).min(20);
        self.first_wait
            .checked_mul(1 << doublings)
            .map_or(self.longest_wait, |wait| wait.min(self.longest_wait))
    }

    /// How long someone must still wait at `now`, after `failures` wrong tries of which the last
    /// was at `last`; `None` when they may try now.
    pub fn remaining(
        self,
        failures: i32,
        last: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Option<Duration> {
        if now - last >= forget_after() {
            return None;
        }
        let until = last + self.wait_after(failures);
        (until > now).then(|| until - now)
    }

    /// Does the wrong try that brought the count to `failures` start this scope's waits? The
    /// participation team hears of it once per run of wrong tries.
    pub fn starts_waiting(self, failures: i32) -> bool {
        failures == self.free + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn addresses_in_one_ipv6_64_count_as_one() {
        let at = |a: &str| {
            scopes("k", Some(a.parse().expect("an address")))[2]
                .1
                .clone()
        };
        assert_eq!(at("2001:db8:1:2::1"), at("2001:db8:1:2:ffff:1:2:3"));
        assert_eq!(at("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_ne!(at("2001:db8:1:2::1"), at("2001:db8:1:3::1"));
        assert_eq!(at("::ffff:192.0.2.7"), at("192.0.2.7"));
        assert_eq!(scopes("k", None)[2].1, "unknown");
    }

    fn policy() -> Policy {
        Policy {
            free: 5,
            first_wait: Duration::seconds(30),
            longest_wait: Duration::minutes(15),
        }
    }

    #[test]
    fn a_name_has_one_key_however_it_is_typed_and_kinds_do_not_mix() {
        let key = Claimed::YoungPerson("brave-otter-42").key();
        assert_eq!(Claimed::YoungPerson(" Brave-Otter-42 ").key(), key);
        assert_ne!(Claimed::YoungPerson("brave-otter-43").key(), key);
        assert_ne!(Claimed::Staff("brave-otter-42").key(), key);
        assert_eq!(key.len(), 64);
    }

    #[test]
    fn the_free_tries_impose_no_wait() {
        for failures in 0..=5 {
            assert_eq!(policy().wait_after(failures), Duration::zero());
        }
    }

    #[test]
    fn each_try_past_the_free_ones_doubles_the_wait_up_to_the_longest() {
        let waits: Vec<i64> = (6..=13)
            .map(|f| policy().wait_after(f).num_seconds())
            .collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 900, 900, 900]);
        assert_eq!(policy().wait_after(i32::MAX), Duration::minutes(15));
    }

    #[test]
    fn the_wait_runs_from_the_last_wrong_try_and_tries_are_forgotten_after_a_day() {
        let now = Utc::now();
        let last = now - Duration::seconds(10);
        assert_eq!(policy().remaining(5, last, now), None);
        assert_eq!(
            policy().remaining(6, last, now),
            Some(Duration::seconds(20))
        );
        assert_eq!(
            policy().remaining(6, now - Duration::seconds(30), now),
            None
        );
        let long_ago = now - Duration::hours(24);
        assert_eq!(policy().remaining(1_000, long_ago, now), None);
    }

    #[test]
    fn the_team_hears_once_when_the_waits_start() {
        let alerts: Vec<i32> = (0..30).filter(|&f| policy().starts_waiting(f)).collect();
        assert_eq!(alerts, [6]);
    }

    proptest! {
        #[test]
        fn waits_never_shrink_and_never_pass_the_longest(failures in any::<i32>()) {
            let p = policy();
            let wait = p.wait_after(failures);
            prop_assert!(wait >= Duration::zero() && wait <= p.longest_wait);
            prop_assert!(p.wait_after(failures.saturating_add(1)) >= wait);
        }
    }
}
