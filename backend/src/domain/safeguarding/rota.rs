//! The duty rota: who is told of a safeguarding alert, in what order, and how long each has to
//! acknowledge it before the next is told. A step may be for office hours, out of hours, or any
//! time; office hours are the organisation's opening and closing times on weekdays, in UK time
//! (bank holidays are not known here: a council lists its out-of-hours team as "any time" to be
//! sure). Pure: the time is always given, so it can be tested with any clock.

use chrono::{DateTime, Datelike, Duration, Timelike, Utc, Weekday};
use chrono_tz::Europe::London;
use shared::api::RotaHours;

/// One step of the chain, as the rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub hours: RotaHours,
    /// Time to acknowledge before the next step is told.
    pub minutes: u32,
}

/// Weekday opening hours, in minutes after midnight UK time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeHours {
    pub opens: u32,
    pub closes: u32,
}

impl OfficeHours {
    /// Whether `at` falls in office hours: Monday to Friday, from opening to closing, UK time.
    pub fn contains(self, at: DateTime<Utc>) -> bool {
        let local = at.with_timezone(&London);
        let minute = local.hour() * 60 + local.minute();
        !matches!(local.weekday(), Weekday::Sat | Weekday::Sun)
            && minute >= self.opens
            && minute < self.closes
    }
}

fn applies(step: &Step, office: bool) -> bool {
    match step.hours {
        RotaHours::Any => true,
        RotaHours::Office => office,
        RotaHours::OutOfHours => !office,
    }
}

/// The step told when an alert is raised at `at`: the first that applies then, or the first of
/// all if none does (someone is always told).
pub fn first(steps: &[Step], hours: OfficeHours, at: DateTime<Utc>) -> Option<usize> {
    let office = hours.contains(at);
    steps
        .iter()
        .position(|s| applies(s, office))
        .or((!steps.is_empty()).then_some(0))
}

/// The step to tell now about an alert still not acknowledged, whose step `current` was told at
/// `told_at`: none before that step's time is up. Then the next step that applies now (or simply
/// the next, if none later applies); after the last, the last again, until someone acknowledges.
pub fn next(
    steps: &[Step],
    hours: OfficeHours,
    current: usize,
    told_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<usize> {
    let step = steps.get(current)?;
    if now < told_at + Duration::minutes(i64::from(step.minutes)) {
        return None;
    }
    let office = hours.contains(now);
    let later = current + 1..steps.len();
    later
        .clone()
        .find(|&i| applies(&steps[i], office))
        .or(later.min())
        .or(Some(current))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const HOURS: OfficeHours = OfficeHours {
        opens: 9 * 60,
        closes: 17 * 60,
    };

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        London
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    fn step(hours: RotaHours, minutes: u32) -> Step {
        Step { hours, minutes }
    }

    #[test]
    fn office_hours_are_weekdays_in_uk_time_through_the_clock_change() {
        // Tuesday 2 December 2026 (GMT) and Tuesday 7 July 2026 (BST, UTC+1).
        assert!(HOURS.contains(at(2026, 12, 1, 9, 0)));
        assert!(!HOURS.contains(at(2026, 12, 1, 8, 59)));
        assert!(!HOURS.contains(at(2026, 12, 1, 17, 0)));
        assert!(HOURS.contains(at(2026, 7, 7, 9, 30)));
        // 08:30 UTC in July is 09:30 in London: office hours; 16:30 UTC is 17:30: not.
        assert!(HOURS.contains(Utc.with_ymd_and_hms(2026, 7, 7, 8, 30, 0).unwrap()));
        assert!(!HOURS.contains(Utc.with_ymd_and_hms(2026, 7, 7, 16, 30, 0).unwrap()));
        // Saturday.
        assert!(!HOURS.contains(at(2026, 12, 5, 11, 0)));
    }

    #[test]
    fn the_chain_goes_step_by_step_by_the_hours_and_repeats_the_last() {
        let steps = [
            step(RotaHours::Office, 30),     // duty officer
            step(RotaHours::Office, 60),     // team manager
            step(RotaHours::OutOfHours, 20), // emergency duty team
            step(RotaHours::Any, 45),        // head of service
        ];
        let tuesday = at(2026, 12, 1, 10, 0);
        let saturday = at(2026, 12, 5, 10, 0);
        assert_eq!(first(&steps, HOURS, tuesday), Some(0));
        assert_eq!(first(&steps, HOURS, saturday), Some(2));

        // Not before the step's time is up; exactly when it is.
        assert_eq!(
            next(&steps, HOURS, 0, tuesday, tuesday + Duration::minutes(29)),
            None
        );
        assert_eq!(
            next(&steps, HOURS, 0, tuesday, tuesday + Duration::minutes(30)),
            Some(1)
        );
        // In office hours the out-of-hours team is passed over.
        assert_eq!(
            next(&steps, HOURS, 1, tuesday, tuesday + Duration::minutes(60)),
            Some(3)
        );
        // Out of hours, from the emergency duty team to the head of service, who is told again.
        assert_eq!(
            next(&steps, HOURS, 2, saturday, saturday + Duration::minutes(20)),
            Some(3)
        );
        assert_eq!(
            next(&steps, HOURS, 3, saturday, saturday + Duration::minutes(44)),
            None
        );
        assert_eq!(
            next(&steps, HOURS, 3, saturday, saturday + Duration::minutes(45)),
            Some(3)
        );
        // An office step left at closing time goes on to the next that applies out of hours.
        let late = at(2026, 12, 1, 16, 50);
        assert_eq!(
            next(&steps, HOURS, 0, late, late + Duration::minutes(30)),
            Some(2)
        );
    }

    #[test]
    fn someone_is_always_told() {
        let office_only = [step(RotaHours::Office, 30), step(RotaHours::Office, 30)];
        let saturday = at(2026, 12, 5, 10, 0);
        assert_eq!(first(&office_only, HOURS, saturday), Some(0));
        assert_eq!(
            next(
                &office_only,
                HOURS,
                0,
                saturday,
                saturday + Duration::minutes(30)
            ),
            Some(1)
        );
        assert_eq!(first(&[], HOURS, saturday), None);
    }
}
