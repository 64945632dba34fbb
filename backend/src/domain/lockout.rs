//! The lock-out rule for sign-in secrets: the wrong PIN or password that brings the count of
//! failures to the limit locks the account for a while; a lock counts until its time has passed.

use chrono::{DateTime, Duration, Utc};

/// How many wrong tries lock an account, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub max_failed_attempts: i32,
    pub lockout: Duration,
}

/// Is an account locked until `locked_until` still locked at `now`?
pub fn is_locked(locked_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    locked_until.is_some_and(|until| until > now)
}

/// After a wrong try that brought the failures to `failed_attempts`: until when the account is
/// locked, or `None` when it stays open. Failures counted concurrently can pass the limit, and
/// still lock.
pub fn after_failure(
    policy: Policy,
    failed_attempts: i32,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    (failed_attempts >= policy.max_failed_attempts).then(|| now + policy.lockout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy {
            max_failed_attempts: 5,
            lockout: Duration::minutes(15),
        }
    }

    #[test]
    fn four_wrong_tries_leave_the_account_open() {
        let now = Utc::now();
        for attempts in 1..=4 {
            assert_eq!(after_failure(policy(), attempts, now), None);
        }
    }

    #[test]
    fn the_fifth_wrong_try_locks_for_the_lockout_time() {
        let now = Utc::now();
        assert_eq!(
            after_failure(policy(), 5, now),
            Some(now + Duration::minutes(15))
        );
    }

    #[test]
    fn tries_counted_past_the_limit_still_lock() {
        let now = Utc::now();
        assert!(after_failure(policy(), 7, now).is_some());
    }

    #[test]
    fn a_lock_holds_until_its_time_has_passed() {
        let now = Utc::now();
        assert!(is_locked(Some(now + Duration::seconds(1)), now));
        assert!(!is_locked(Some(now), now));
        assert!(!is_locked(Some(now - Duration::seconds(1)), now));
        assert!(!is_locked(None, now));
    }
}
