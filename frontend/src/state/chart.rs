//! Geometry for the quarterly trend chart: scores 1–5 mapped into an SVG box; a suppressed
//! quarter breaks the line (no made-up values).

pub const WIDTH: f64 = 320.0;
pub const HEIGHT: f64 = 160.0;
const PAD: f64 = 24.0;

/// x position of quarter `i` of `n`.
pub fn x(i: usize, n: usize) -> f64 {
    if n <= 1 {
        return WIDTH / 2.0;
    }
    PAD + (WIDTH - 2.0 * PAD) * i as f64 / (n - 1) as f64
}

/// y position of a score on the 1–5 scale (5 at the top).
pub fn y(score: f64) -> f64 {
    let clamped = score.clamp(1.0, 5.0);
    PAD + (HEIGHT - 2.0 * PAD) * (5.0 - clamped) / 4.0
}

/// SVG `points` strings, one per unbroken run of shown quarters.
pub fn segments(values: &[Option<f64>]) -> Vec<String> {
    let n = values.len();
    let mut out = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => current.push(format!("{:.1},{:.1}", x(i, n), y(*v))),
            None if !current.is_empty() => out.push(std::mem::take(&mut current).join(" ")),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppressed_quarters_break_the_line_and_scores_map_top_down() {
        assert_eq!(y(5.0), 24.0);
        assert_eq!(y(1.0), HEIGHT - 24.0);
        let s = segments(&[Some(3.0), Some(4.0), None, Some(2.0)]);
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].split(' ').count(), 1);
        assert!(segments(&[None, None]).is_empty());
    }
}
