//! Calendar quarters, the windows Chorus reports in ("2026-Q4").

use chrono::{DateTime, Datelike, Utc};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub number: u8,
}

impl Quarter {
    pub fn of(at: DateTime<Utc>) -> Quarter {
        Quarter {
            year: at.year(),
            number: u8::try_from((at.month0() / 3) + 1).unwrap_or(1),
        }
    }

    pub fn parse(s: &str) -> Option<Quarter> {
        let (year, q) = s.trim().split_once("-Q")?;
        let year: i32 = year.parse().ok()?;
        let number: u8 = q.parse().ok()?;
        ((1..=4).contains(&number) && (2000..=2100).contains(&year))
            .then_some(Quarter { year, number })
    }

    pub fn next(self) -> Quarter {
        if self.number == 4 {
            Quarter {
                year: self.year + 1,
                number: 1,
            }
        } else {
            Quarter {
                year: self.year,
                number: self.number + 1,
            }
        }
    }

    /// Midnight UTC on the quarter's first day.
    pub fn start(self) -> DateTime<Utc> {
        use chrono::TimeZone;
        Utc.with_ymd_and_hms(self.year, u32::from(self.number - 1) * 3 + 1, 1, 0, 0, 0)
            .single()
            .unwrap_or_default()
    }

    /// Quarters counted from year 0 (`year × 4 + number − 1`): consecutive quarters are
    /// consecutive integers, which is how the feedback table stores a submission's quarter.
    pub fn index(self) -> i32 {
        self.year * 4 + i32::from(self.number) - 1
    }

    pub fn from_index(index: i32) -> Quarter {
        Quarter {
            year: index.div_euclid(4),
            number: u8::try_from(index.rem_euclid(4) + 1).unwrap_or(1),
        }
    }

    /// The last financial year (April to March, named by its last quarter, January to March)
    /// ending at or before `asked` that had ended before the quarter `now`: whole years that
    /// never overlap and no longer move, for figures that must not be subtracted from one another
    /// (regions' pooled scores, assisted answers told apart).
    pub fn closed_financial_year(asked: Quarter, now: Quarter) -> Quarter {
        let ending_by = |q: Quarter| Quarter {
            year: q.year,
            number: 1,
        };
        let closed = if now.number > 1 {
            ending_by(now)
        } else {
            Quarter::from_index(now.index() - 4)
        };
        ending_by(asked).min(closed)
    }

    pub fn previous(self) -> Quarter {
        if self.number == 1 {
            Quarter {
                year: self.year - 1,
                number: 4,
            }
        } else {
            Quarter {
                year: self.year,
                number: self.number - 1,
            }
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn quarters_are_whole_calendar_quarters() {
        let at = |m, d| {
            Utc.with_ymd_and_hms(2026, m, d, 12, 0, 0)
                .single()
                .unwrap_or_default()
        };
        assert_eq!(Quarter::of(at(1, 1)).to_string(), "2026-Q1");
        assert_eq!(Quarter::of(at(3, 31)).to_string(), "2026-Q1");
        assert_eq!(Quarter::of(at(4, 1)).to_string(), "2026-Q2");
        assert_eq!(Quarter::of(at(12, 31)).to_string(), "2026-Q4");
    }

    #[test]
    fn quarters_parse_and_step_back() {
        assert_eq!(
            Quarter::parse("2026-Q1").map(Quarter::previous),
            Some(Quarter {
                year: 2025,
                number: 4
            })
        );
        assert_eq!(Quarter::parse("2026-Q5"), None);
        assert_eq!(Quarter::parse("Q1-2026"), None);
    }

    #[test]
    fn a_quarter_index_counts_quarters_and_round_trips() {
        let q = Quarter {
            year: 2026,
            number: 1,
        };
        assert_eq!(q.index(), 2026 * 4);
        assert_eq!(q.next().index(), q.index() + 1);
        assert_eq!(q.previous().index(), q.index() - 1);
        for i in 7990..8110 {
            assert_eq!(Quarter::from_index(i).index(), i);
        }
    }
}
