//! The safeguarding detection corpus (`tests/corpus/safeguarding.tsv`) run through the matcher
//! with the default phrases: how many disguised disclosures it catches (recall), how many of the
//! control set it flags (false alarms), and how long a submission's check takes.

use backend::domain::safeguarding::{self, DEFAULT_PHRASES};
use shared::Answers;
use std::fmt;
use std::time::Instant;

const CORPUS: &str = include_str!("../../../tests/corpus/safeguarding.tsv");

/// One line of the corpus: whether it must alert, and the text.
pub struct Case {
    pub alert: bool,
    pub text: &'static str,
}

pub fn corpus() -> Vec<Case> {
    CORPUS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (kind, text) = l.split_once('\t')?;
            Some(Case {
                alert: kind == "alert",
                text,
            })
        })
        .collect()
}

fn default_phrases() -> Vec<String> {
    DEFAULT_PHRASES.iter().map(|p| (*p).to_owned()).collect()
}

fn raises(text: &str, phrases: &[String]) -> bool {
    !safeguarding::check(&Answers::default(), false, [text], phrases).is_empty()
}

pub struct Report {
    pub caught: usize,
    pub disclosures: usize,
    pub false_alarms: usize,
    pub controls: usize,
    pub missed: Vec<&'static str>,
    pub flagged: Vec<&'static str>,
    pub micros_p50: f64,
    pub micros_p99: f64,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "recall {}/{} ({:.1}%), false alarms {}/{} ({:.1}%)",
            self.caught,
            self.disclosures,
            100.0 * self.caught as f64 / self.disclosures.max(1) as f64,
            self.false_alarms,
            self.controls,
            100.0 * self.false_alarms as f64 / self.controls.max(1) as f64,
        )?;
        writeln!(
            f,
            "check per submission (two texts of the corpus): p50 {:.1} µs, p99 {:.1} µs",
            self.micros_p50, self.micros_p99
        )?;
        for text in &self.missed {
            writeln!(f, "missed: {text}")?;
        }
        for text in &self.flagged {
            writeln!(f, "false alarm: {text}")?;
        }
        Ok(())
    }
}

/// Runs the corpus once for recall and false alarms, then times `rounds` passes over it, each
/// submission carrying two texts ("tell us more" and "make it better") as a real one may.
pub fn run(rounds: usize) -> Report {
    let phrases = default_phrases();
    let cases = corpus();
    let (disclosures, controls): (Vec<&Case>, Vec<&Case>) = cases.iter().partition(|c| c.alert);
    let missed: Vec<_> = disclosures
        .iter()
        .filter(|c| !raises(c.text, &phrases))
        .map(|c| c.text)
        .collect();
    let flagged: Vec<_> = controls
        .iter()
        .filter(|c| raises(c.text, &phrases))
        .map(|c| c.text)
        .collect();
    let mut times = Vec::with_capacity(rounds * cases.len());
    for _ in 0..rounds {
        for pair in cases.windows(2) {
            let started = Instant::now();
            let found = safeguarding::check(
                &Answers::default(),
                false,
                [pair[0].text, pair[1].text],
                &phrases,
            );
            times.push(started.elapsed().as_secs_f64() * 1e6);
            std::hint::black_box(found);
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| {
        times
            .get(((times.len() as f64 - 1.0) * q) as usize)
            .copied()
    };
    Report {
        caught: disclosures.len() - missed.len(),
        disclosures: disclosures.len(),
        false_alarms: flagged.len(),
        controls: controls.len(),
        missed,
        flagged,
        micros_p50: at(0.5).unwrap_or_default(),
        micros_p99: at(0.99).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_disguised_disclosure_alerts_and_nothing_in_the_control_set_does() {
        let report = run(0);
        assert!(
            report.disclosures >= 80 && report.controls >= 50,
            "{report}"
        );
        assert!(report.missed.is_empty(), "{report}");
        assert!(report.flagged.is_empty(), "{report}");
    }
}
