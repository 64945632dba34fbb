//! Which answers are a young person's current voice in each reporting window. Windows are whole
//! calendar quarters, or a "year": the four quarters ending with a given one. Within a window,
//! each young person counts once per service and outcome: their latest approved answer.

use super::quarter::Quarter;
use super::scoring::Tally;
use chrono::{DateTime, Utc};
use shared::{Answers, Dimension, Face};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WindowKind {
    Quarter,
    Year,
}

impl WindowKind {
    pub fn as_str(self) -> &'static str {
        match self {
            WindowKind::Quarter => "quarter",
            WindowKind::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Option<WindowKind> {
        match s {
            "quarter" => Some(WindowKind::Quarter),
            "year" => Some(WindowKind::Year),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Window {
    pub kind: WindowKind,
    pub end: Quarter,
}

impl Window {
    pub fn quarter(end: Quarter) -> Window {
        Window {
            kind: WindowKind::Quarter,
            end,
        }
    }

    pub fn year(end: Quarter) -> Window {
        Window {
            kind: WindowKind::Year,
            end,
        }
    }
}

/// The windows an answer given in quarter `q` counts in: that quarter, and the four "years"
/// ending with it and the next three quarters.
pub fn windows_of(q: Quarter) -> [Window; 5] {
    let next = Quarter::next;
    let (q1, q2) = (next(q), next(next(q)));
    [
        Window::quarter(q),
        Window::year(q),
        Window::year(q1),
        Window::year(q2),
        Window::year(next(q2)),
    ]
}

/// One approved submission of one young person about one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub answers: Answers,
}

pub type Voices = BTreeMap<(Dimension, Window), u8>;

/// A tally's key within one service, its old voice and its new one.
pub type Change = ((Dimension, Window), Option<u8>, Option<u8>);

/// Latest-wins ordering of answers: when given, then id.
type Stamp = (DateTime<Utc>, Uuid);

/// A young person's voice per outcome and window, from all their approved submissions about one
/// service: the latest answer wins (ties broken by id, so the result never depends on order).
pub fn voices(items: &[Answered]) -> Voices {
    let mut best: BTreeMap<(Dimension, Window), (Stamp, u8)> = BTreeMap::new();
    for item in items {
        let key = (item.at, item.id);
        for window in windows_of(Quarter::of(item.at)) {
            for (dimension, face) in item.answers.answered() {
                let slot = best
                    .entry((dimension, window))
                    .or_insert((key, face.value()));
                if key > slot.0 {
                    *slot = (key, face.value());
                }
            }
        }
    }
    best.into_iter().map(|(k, (_, v))| (k, v)).collect()
}

/// What changes in the tallies when a young person's voices go from `before` to `after`.
pub fn changes(before: &Voices, after: &Voices) -> Vec<Change> {
    let mut keys: Vec<&(Dimension, Window)> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let (old, new) = (before.get(k).copied(), after.get(k).copied());
            (old != new).then_some((*k, old, new))
        })
        .collect()
}

pub fn apply(tally: Tally, old: Option<u8>, new: Option<u8>) -> Tally {
    let t = old.map_or(tally, |x| tally.without(x));
    new.map_or(t, |x| t.with(x))
}

/// Tallies from scratch for many young people: `(service, author) → their approved submissions`.
pub fn recompute<S: Copy + Eq + std::hash::Hash + Ord>(
    groups: impl IntoIterator<Item = (S, Vec<Answered>)>,
) -> HashMap<(S, Dimension, Window), Tally> {
    let mut tallies: HashMap<(S, Dimension, Window), Tally> = HashMap::new();
    for (service, items) in groups {
        for ((dimension, window), x) in voices(&items) {
            let t = tallies.entry((service, dimension, window)).or_default();
            *t = t.with(x);
        }
    }
    tallies
}

/// One young person's latest approved answer per outcome within one quarter, about one service:
/// what the recompute's query returns, one row per service, young person and quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuarterVoice {
    pub quarter: Quarter,
    pub answers: Answers,
}

/// Each quarter's latest answer per outcome (ties broken by id, as in `voices`), oldest quarter
/// first: the reference for what the recompute's query computes.
pub fn quarter_voices(items: &[Answered]) -> Vec<QuarterVoice> {
    let mut best: BTreeMap<(Quarter, Dimension), (Stamp, Face)> = BTreeMap::new();
    for item in items {
        let key = (item.at, item.id);
        for (dimension, face) in item.answers.answered() {
            let slot = best
                .entry((Quarter::of(item.at), dimension))
                .or_insert((key, face));
            if key > slot.0 {
                *slot = (key, face);
            }
        }
    }
    let mut out: Vec<QuarterVoice> = Vec::new();
    for ((quarter, dimension), (_, face)) in best {
        if out.last().map(|v| v.quarter) != Some(quarter) {
            out.push(QuarterVoice {
                quarter,
                answers: Answers::default(),
            });
        }
        if let Some(last) = out.last_mut() {
            last.answers.set(dimension, Some(face));
        }
    }
    out
}

/// Adds one young person's voices about `service` to `tallies`, from their quarterly voices
/// (oldest quarter first, each quarter once). A year's voice is the latest answer in its four
/// quarters, which is the answer of the latest of those quarters that has one; so each
/// quarter's answer counts in its quarter and in the years ending there until the next
/// quarter with an answer takes over. Equal to `voices` over the submissions behind them.
pub fn add_quarter_voices<S: Copy + Eq + std::hash::Hash>(
    tallies: &mut HashMap<(S, Dimension, Window), Tally>,
    service: S,
    quarters: &[QuarterVoice],
) {
    debug_assert!(quarters.windows(2).all(|w| w[0].quarter < w[1].quarter));
    let mut add = |dimension, window, x: u8| {
        let t = tallies.entry((service, dimension, window)).or_default();
        *t = t.with(x);
    };
    for dimension in Dimension::ALL {
        let mut answered = quarters
            .iter()
            .filter_map(|v| v.answers.get(dimension).map(|f| (v.quarter, f.value())))
            .peekable();
        while let Some((quarter, x)) = answered.next() {
            let until = answered.peek().map(|(next, _)| next.index());
            add(dimension, Window::quarter(quarter), x);
            let ends = quarter.index()..quarter.index() + 4;
            for end in ends.take_while(|e| until.is_none_or(|next| *e < next)) {
                add(dimension, Window::year(Quarter::from_index(end)), x);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(month: u32, day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, month, day, 9, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn safe(id: u128, when: DateTime<Utc>, x: u8) -> Answered {
        Answered {
            id: Uuid::from_u128(id),
            at: when,
            answers: Answers {
                safe: Face::new(x).ok(),
                ..Answers::default()
            },
        }
    }

    #[test]
    fn an_answer_counts_in_its_quarter_and_four_years() {
        let w = windows_of(Quarter {
            year: 2026,
            number: 3,
        });
        let names: Vec<String> = w
            .iter()
            .map(|w| format!("{}:{}", w.kind.as_str(), w.end))
            .collect();
        assert_eq!(
            names,
            [
                "quarter:2026-Q3",
                "year:2026-Q3",
                "year:2026-Q4",
                "year:2027-Q1",
                "year:2027-Q2"
            ]
        );
    }

    #[test]
    fn the_latest_answer_in_each_window_is_the_voice() {
        let v = voices(&[
            safe(1, at(1, 10), 2),
            safe(2, at(2, 10), 5),
            safe(3, at(4, 10), 1),
        ]);
        let q1 = Quarter {
            year: 2026,
            number: 1,
        };
        let q2 = Quarter {
            year: 2026,
            number: 2,
        };
        assert_eq!(v.get(&(Dimension::Safe, Window::quarter(q1))), Some(&5));
        assert_eq!(v.get(&(Dimension::Safe, Window::quarter(q2))), Some(&1));
        assert_eq!(v.get(&(Dimension::Safe, Window::year(q1))), Some(&5));
        assert_eq!(v.get(&(Dimension::Safe, Window::year(q2))), Some(&1));
    }

    fn item() -> impl Strategy<Value = Answered> {
        (
            0u128..1000,
            1u32..=12,
            1u32..=28,
            proptest::option::of(1u8..=5),
            proptest::option::of(1u8..=5),
        )
            .prop_map(|(id, m, d, s, n)| Answered {
                id: Uuid::from_u128(id),
                at: at(m, d),
                answers: Answers {
                    safe: s.and_then(|x| Face::new(x).ok()),
                    nurtured: n.and_then(|x| Face::new(x).ok()),
                    ..Answers::default()
                },
            })
    }

    proptest! {
        #[test]
        fn applying_changes_one_at_a_time_equals_recomputing(
            steps in proptest::collection::vec((0usize..3, item(), any::<bool>()), 1..40)
        ) {
            // Three young people; each step approves (true) or withdraws (false) a submission.
            let mut approved: Vec<Vec<Answered>> = vec![Vec::new(); 3];
            let mut tallies: HashMap<(usize, Dimension, Window), Tally> = HashMap::new();
            for (who, it, approve) in steps {
                let before = voices(&approved[who]);
                approved[who].retain(|x| x.id != it.id);
                if approve {
                    approved[who].push(it);
                }
                let after = voices(&approved[who]);
                for ((d, w), old, new) in changes(&before, &after) {
                    let t = tallies.entry((0, d, w)).or_default();
                    *t = apply(*t, old, new);
                }
            }
            tallies.retain(|_, t| t.n != 0);
            let fresh: HashMap<(usize, Dimension, Window), Tally> = recompute(approved.into_iter().map(|items| (0usize, items)));
            prop_assert_eq!(tallies, fresh);
        }

        #[test]
        fn folding_quarterly_voices_equals_recomputing_from_submissions(
            people in proptest::collection::vec(proptest::collection::vec(spread_item(), 0..12), 1..5)
        ) {
            let mut folded: HashMap<(usize, Dimension, Window), Tally> = HashMap::new();
            for items in &people {
                add_quarter_voices(&mut folded, 0usize, &quarter_voices(items));
            }
            let fresh = recompute(people.into_iter().map(|items| (0usize, items)));
            prop_assert_eq!(folded, fresh);
        }
    }

    /// Submissions over three years, often in the same quarter and sometimes at the same moment
    /// (so the id breaks the tie), with any outcome skipped.
    fn spread_item() -> impl Strategy<Value = Answered> {
        (
            0u128..50,
            2025i32..=2027,
            1u32..=12,
            prop_oneof![Just(1u32), Just(28u32), 1u32..=28],
            proptest::collection::vec(proptest::option::of(1u8..=5), 6),
        )
            .prop_map(|(id, year, month, day, faces)| {
                let mut answers = Answers::default();
                for (d, x) in Dimension::ALL.into_iter().zip(faces) {
                    answers.set(d, x.and_then(|x| Face::new(x).ok()));
                }
                Answered {
                    id: Uuid::from_u128(id),
                    at: Utc
                        .with_ymd_and_hms(year, month, day, 0, 0, 0)
                        .single()
                        .unwrap_or_default(),
                    answers,
                }
            })
    }

    #[test]
    fn a_quarter_answer_stands_in_the_years_until_a_later_quarter_answers() {
        let q = |year, number| Quarter { year, number };
        let voice = |quarter, x| QuarterVoice {
            quarter,
            answers: Answers {
                safe: Face::new(x).ok(),
                ..Answers::default()
            },
        };
        let mut tallies: HashMap<(u8, Dimension, Window), Tally> = HashMap::new();
        add_quarter_voices(
            &mut tallies,
            0,
            &[voice(q(2026, 1), 2), voice(q(2026, 3), 5)],
        );
        let safe = |w| tallies.get(&(0, Dimension::Safe, w)).map(|t| t.sum);
        assert_eq!(safe(Window::year(q(2026, 1))), Some(2));
        assert_eq!(safe(Window::year(q(2026, 2))), Some(2));
        assert_eq!(safe(Window::year(q(2026, 3))), Some(5));
        assert_eq!(safe(Window::year(q(2027, 2))), Some(5));
        assert_eq!(safe(Window::year(q(2027, 3))), None);
        assert_eq!(safe(Window::quarter(q(2026, 2))), None);
    }
}
