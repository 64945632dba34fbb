//! When a tender panel takes members and scores, and what a young person does next on it.

use chrono::{DateTime, Utc};
use shared::tender::{MemberStatus, PanelStep, TenderStatus};

/// A tender's status and scoring dates: everything the timing rules need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub status: TenderStatus,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

impl Window {
    /// The scoring window has closed, or the panel has.
    pub fn closed(&self, now: DateTime<Utc>) -> bool {
        self.status == TenderStatus::Closed || now >= self.closes_at
    }

    /// Scores may be saved and sent now.
    pub fn scoring_open(&self, now: DateTime<Utc>) -> bool {
        self.status == TenderStatus::Open && now >= self.opens_at && now < self.closes_at
    }

    /// The panel takes new members: open, and its scoring window not yet closed.
    pub fn recruiting(&self, now: DateTime<Utc>) -> bool {
        self.status == TenderStatus::Open && !self.closed(now)
    }
}

/// Where one young person stands with one panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Seat {
    /// None: not joined (or a status this version does not know).
    pub member: Option<MemberStatus>,
    pub trained: bool,
    pub conflicts_declared: bool,
    pub submitted: bool,
}

/// What this young person does next on this panel.
pub fn next_step(window: &Window, seat: Seat, now: DateTime<Utc>) -> PanelStep {
    match seat.member {
        None => PanelStep::Join,
        Some(MemberStatus::Interested) => PanelStep::WaitingForApproval,
        Some(MemberStatus::Declined) => PanelStep::NotThisTime,
        Some(MemberStatus::Approved) => {
            if window.status == TenderStatus::Closed {
                PanelStep::Outcome
            } else if seat.submitted || window.closed(now) {
                PanelStep::Submitted
            } else if !seat.trained {
                PanelStep::Training
            } else if !seat.conflicts_declared {
                PanelStep::Conflicts
            } else if now < window.opens_at {
                PanelStep::WaitingToScore
            } else {
                PanelStep::Scoring
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, day, 12, 0, 0).unwrap()
    }

    /// Scoring runs from the 10th to the 20th.
    fn window(status: TenderStatus) -> Window {
        Window {
            status,
            opens_at: at(10),
            closes_at: at(20),
        }
    }

    #[test]
    fn scoring_is_open_only_on_an_open_panel_inside_its_dates() {
        let open = window(TenderStatus::Open);
        assert!(!open.scoring_open(at(9)));
        assert!(open.scoring_open(at(10)));
        assert!(open.scoring_open(at(20) - Duration::seconds(1)));
        assert!(!open.scoring_open(at(20)));
        assert!(!window(TenderStatus::Draft).scoring_open(at(15)));
        assert!(!window(TenderStatus::Closed).scoring_open(at(15)));
    }

    #[test]
    fn the_window_closes_at_its_end_or_when_the_panel_closes() {
        let open = window(TenderStatus::Open);
        assert!(!open.closed(at(15)));
        assert!(open.closed(at(20)));
        assert!(window(TenderStatus::Closed).closed(at(1)));
        assert!(!window(TenderStatus::Draft).closed(at(15)));
    }

    #[test]
    fn an_open_panel_recruits_until_its_window_closes() {
        let open = window(TenderStatus::Open);
        assert!(open.recruiting(at(1)));
        assert!(open.recruiting(at(15)));
        assert!(!open.recruiting(at(20)));
        assert!(!window(TenderStatus::Draft).recruiting(at(1)));
        assert!(!window(TenderStatus::Closed).recruiting(at(1)));
    }

    #[test]
    fn a_young_person_moves_through_the_steps_in_order() {
        let open = window(TenderStatus::Open);
        let approved = Seat {
            member: Some(MemberStatus::Approved),
            ..Seat::default()
        };
        let trained = Seat {
            trained: true,
            ..approved
        };
        let declared = Seat {
            conflicts_declared: true,
            ..trained
        };
        let cases = [
            (open, Seat::default(), at(15), PanelStep::Join),
            (
                open,
                Seat {
                    member: Some(MemberStatus::Interested),
                    ..Seat::default()
                },
                at(15),
                PanelStep::WaitingForApproval,
            ),
            (
                open,
                Seat {
                    member: Some(MemberStatus::Declined),
                    ..Seat::default()
                },
                at(15),
                PanelStep::NotThisTime,
            ),
            (open, approved, at(15), PanelStep::Training),
            (open, trained, at(15), PanelStep::Conflicts),
            (open, declared, at(5), PanelStep::WaitingToScore),
            (open, declared, at(15), PanelStep::Scoring),
            (
                open,
                Seat {
                    submitted: true,
                    ..declared
                },
                at(15),
                PanelStep::Submitted,
            ),
            (open, approved, at(21), PanelStep::Submitted),
            (
                window(TenderStatus::Closed),
                approved,
                at(15),
                PanelStep::Outcome,
            ),
        ];
        for (window, seat, now, expected) in cases {
            assert_eq!(next_step(&window, seat, now), expected, "{seat:?} at {now}");
        }
    }
}
