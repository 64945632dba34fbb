//! The attacker: from what a commissioner sees, the linear equations the published numbers imply,
//! solved exactly over the rationals. Used by `disclosure.rs`.
//!
//! Unknowns are the integer tallies (n, Σx) of each (service, outcome, quarter). A year is taken
//! to be the sum of its four quarters (exact when nobody answered twice; the worst case for us).
//! What the attacker knows: a shown cell's n and Σx (Σx = value·(C+n) − C·m, exact after rounding
//! since Σx is an integer), an empty cell's zeros, and the comparator m of each service type.

use shared::api::ServiceType;
use shared::Dimension;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// An exact fraction on i128 (the systems here are small, with entries 0 and ±1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Q {
    num: i128,
    den: i128,
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

impl Q {
    pub const ZERO: Q = Q { num: 0, den: 1 };

    pub fn int(x: i64) -> Q {
        Q {
            num: i128::from(x),
            den: 1,
        }
    }

    fn new(num: i128, den: i128) -> Q {
        let g = gcd(num, den).max(1) * den.signum();
        Q {
            num: num / g,
            den: den / g,
        }
    }

    fn sub(self, o: Q) -> Q {
        Q::new(
            self.num.checked_mul(o.den).unwrap() - o.num.checked_mul(self.den).unwrap(),
            self.den.checked_mul(o.den).unwrap(),
        )
    }

    fn mul(self, o: Q) -> Q {
        Q::new(
            self.num.checked_mul(o.num).unwrap(),
            self.den.checked_mul(o.den).unwrap(),
        )
    }

    fn div(self, o: Q) -> Q {
        Q::new(self.num * o.den, self.den * o.num)
    }

    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    /// The value as an integer, if it is one.
    pub fn integer(self) -> Option<i64> {
        (self.den == 1)
            .then(|| i64::try_from(self.num).ok())
            .flatten()
    }
}

/// An equation `Σ coefficient·unknown = (n, Σx)`.
#[derive(Debug, Clone)]
pub struct Row {
    pub terms: Vec<Q>,
    pub rhs: [Q; 2],
}

/// A system in reduced row echelon form: each row has a pivot column.
pub struct Solved {
    rows: Vec<(usize, Row)>,
}

/// Gauss–Jordan elimination; rows that turn out `0 = c` (the year was not the sum of its
/// quarters, someone answered twice) are dropped, as an attacker would.
pub fn solve(width: usize, equations: Vec<Row>) -> Solved {
    let mut rows: Vec<(usize, Row)> = Vec::new();
    for mut row in equations {
        reduce(&rows, &mut row);
        let Some(pivot) = (0..width).find(|&c| !row.terms[c].is_zero()) else {
            continue;
        };
        let p = row.terms[pivot];
        row.terms.iter_mut().for_each(|t| *t = t.div(p));
        row.rhs.iter_mut().for_each(|t| *t = t.div(p));
        for (_, other) in rows.iter_mut() {
            let f = other.terms[pivot];
            if !f.is_zero() {
                for c in 0..width {
                    other.terms[c] = other.terms[c].sub(f.mul(row.terms[c]));
                }
                for i in 0..2 {
                    other.rhs[i] = other.rhs[i].sub(f.mul(row.rhs[i]));
                }
            }
        }
        rows.push((pivot, row));
    }
    Solved { rows }
}

fn reduce(rows: &[(usize, Row)], row: &mut Row) {
    for (pivot, r) in rows {
        let f = row.terms[*pivot];
        if !f.is_zero() {
            for c in 0..row.terms.len() {
                row.terms[c] = row.terms[c].sub(f.mul(r.terms[c]));
            }
            for i in 0..2 {
                row.rhs[i] = row.rhs[i].sub(f.mul(r.rhs[i]));
            }
        }
    }
}

impl Solved {
    /// The value (n, Σx) of `Σ coefficient·unknown`, if the equations determine it.
    pub fn value_of(&self, form: &[Q]) -> Option<[Q; 2]> {
        let mut row = Row {
            terms: form.to_vec(),
            rhs: [Q::ZERO; 2],
        };
        reduce(&self.rows, &mut row);
        // What is left, negated, is the value: form − Σ f·row = 0 ⇒ form = Σ f·rhs.
        row.terms
            .iter()
            .all(|t| t.is_zero())
            .then(|| [Q::ZERO.sub(row.rhs[0]), Q::ZERO.sub(row.rhs[1])])
    }
}

/// What one cell looked like to the commissioner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    Shown { n: i64, sum: i64 },
    Suppressed,
}

/// A cell: service, outcome, year window (false: quarter), last quarter's index.
pub type CellKey = (Uuid, Dimension, bool, i32);

/// Everything gathered from the commissioner's outputs.
#[derive(Default)]
pub struct Gathered {
    pub cells: HashMap<CellKey, Seen>,
    /// Comparator m per service type, outcome, window (year?) and end, with the service it was
    /// read beside.
    pub comparators: HashMap<(ServiceType, Dimension, bool, i32), f64>,
    pub types: HashMap<Uuid, ServiceType>,
    /// Cells shown in one output and suppressed in another.
    pub contradictions: Vec<CellKey>,
}

impl Gathered {
    pub fn see(&mut self, key: CellKey, seen: Seen) {
        match self.cells.insert(key, seen) {
            Some(before) if before != seen => self.contradictions.push(key),
            _ => {}
        }
    }
}

/// A disclosure found: what, and the value the attacker worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub what: String,
    pub service: Uuid,
    pub dimension: Dimension,
    pub n: i64,
    pub sum: i64,
}

/// The comparator attack: when m is not the pool of the shown cells, assume it pools every cell
/// of the type and search the one hidden cell's (n, Σx) that rounds to the published m.
pub fn comparator_attack(g: &Gathered, cohort: i64) -> Vec<Found> {
    let mut found = Vec::new();
    for (&(kind, dimension, year, end), &m) in &g.comparators {
        let (mut n, mut sum, mut hidden) = (0i64, 0i64, Vec::new());
        for (&service, _) in g.types.iter().filter(|(_, t)| **t == kind) {
            match g.cells.get(&(service, dimension, year, end)) {
                Some(Seen::Shown { n: a, sum: b }) => (n, sum) = (n + a, sum + b),
                Some(Seen::Suppressed) => hidden.push(service),
                None => {}
            }
        }
        let close =
            |n: i64, sum: i64| (m * n as f64 - sum as f64).abs() <= 0.0005 * n as f64 + 1e-9;
        if n == 0 || close(n, sum) || hidden.len() != 1 {
            continue;
        }
        let fits: Vec<(i64, i64)> = (1..cohort)
            .flat_map(|h| (h..=5 * h).map(move |s| (h, s)))
            .filter(|&(h, s)| close(n + h, sum + s))
            .collect();
        if let [(h, s)] = fits[..] {
            found.push(Found {
                what: format!(
                    "comparator of {kind:?}, {} ending {end}",
                    if year { "year" } else { "quarter" }
                ),
                service: hidden[0],
                dimension,
                n: h,
                sum: s,
            });
        }
    }
    found
}

/// The differencing attack on one service and outcome over quarters `from..=to`: years as sums of
/// quarters. Finds any hidden quarter, any suppressed year and any run of quarters whose hidden
/// part holds fewer than `cohort` voices, that the equations determine.
pub fn window_attack(
    g: &Gathered,
    (service, dimension): (Uuid, Dimension),
    (from, to): (i32, i32),
    cohort: i64,
) -> Vec<Found> {
    let cell = |year: bool, q: i32| g.cells.get(&(service, dimension, year, q)).copied();
    let hidden: Vec<i32> = (from..=to)
        .filter(|&q| cell(false, q) == Some(Seen::Suppressed))
        .collect();
    if hidden.is_empty() {
        return Vec::new();
    }
    let known = |q: i32| match cell(false, q) {
        Some(Seen::Shown { n, sum }) => (n, sum),
        _ => (0, 0),
    };
    // The hidden part of quarters a..=b as a form, and the known part's (n, Σx).
    let form = |a: i32, b: i32| -> (Vec<Q>, (i64, i64)) {
        let terms = hidden
            .iter()
            .map(|&h| Q::int(i64::from(a <= h && h <= b)))
            .collect();
        let known = (a..=b)
            .map(known)
            .fold((0, 0), |x, y| (x.0 + y.0, x.1 + y.1));
        (terms, known)
    };
    let mut equations = Vec::new();
    for end in from..=to + 3 {
        if let Some(Seen::Shown { n, sum }) = cell(true, end) {
            let (terms, (kn, ks)) = form(end - 3, end);
            equations.push(Row {
                terms,
                rhs: [Q::int(n - kn), Q::int(sum - ks)],
            });
        }
    }
    let solved = solve(hidden.len(), equations);
    let mut found = Vec::new();
    let mut check = |what: String, (terms, _): (Vec<Q>, (i64, i64)), any_size: bool| {
        if let Some([n, sum]) = solved.value_of(&terms) {
            let (n, sum) = (n.integer().unwrap_or(-1), sum.integer().unwrap_or(-1));
            if any_size || (1..cohort).contains(&n) {
                found.push(Found {
                    what,
                    service,
                    dimension,
                    n,
                    sum,
                });
            }
        }
    };
    for &h in &hidden {
        check(format!("hidden quarter {h}"), form(h, h), true);
    }
    for end in from..=to + 3 {
        if cell(true, end) == Some(Seen::Suppressed) {
            check(
                format!("suppressed year ending {end}"),
                form(end - 3, end),
                true,
            );
        }
    }
    for (i, &a) in hidden.iter().enumerate() {
        for &b in &hidden[i + 1..] {
            check(format!("quarters {a}..={b}"), form(a, b), false);
        }
    }
    found
}

/// Every (service, outcome) with a suppressed cell, for the window attack.
pub fn with_hidden_cells(g: &Gathered) -> Vec<(Uuid, Dimension)> {
    let mut out: BTreeMap<(Uuid, usize), (Uuid, Dimension)> = BTreeMap::new();
    for (&(service, dimension, _, _), seen) in &g.cells {
        if *seen == Seen::Suppressed {
            let slot = Dimension::ALL.iter().position(|d| *d == dimension).unwrap();
            out.insert((service, slot), (service, dimension));
        }
    }
    out.into_values().collect()
}
