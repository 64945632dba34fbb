//! The dashboard's tables as CSV for commissioners to download: the same figures the page shows
//! (suppressed cells carry no numbers), every cell neutralised against formula injection by
//! `domain::csv`.

use crate::domain::csv::write;
use shared::api::{DimensionScore, Kpis, QuarterlyReport, ScoresReport, ServiceDetail};

fn fmt(v: Option<f64>, digits: usize) -> String {
    v.map(|x| format!("{x:.digits$}")).unwrap_or_default()
}

/// The dashboard's scores table, one row per service and outcome, with the rules it follows.
pub fn scores(report: &ScoresReport) -> String {
    let comments = [
        format!("Chorus provider quality scores; window: {} ending {}", report.window, report.window_end),
        format!(
            "one voice per young person per service and outcome (their latest approved answer); \
             scores with fewer than {} young people are not shown (\"not enough voices yet\"); \
             values are shrunk towards services of the same type with prior weight {}; intervals are 90%",
            report.min_cohort, report.prior_weight
        ),
        "the comparator pools only the scores shown; a 12-month score is also withheld where, with \
         the quarters and other 12-month scores shown, it would let a hidden score be worked out"
            .to_owned(),
    ];
    let header = [
        "service",
        "provider",
        "service_type",
        "overall",
        "trend",
        "needs_attention",
        "outcome",
        "state",
        "n",
        "score",
        "low",
        "high",
        "percent_positive",
        "positive_low",
        "positive_high",
        "comparator",
        "before",
        "before_low",
        "before_high",
        "change",
    ];
    let rows = report.services.iter().flat_map(|s| {
        s.dimensions.iter().map(move |d| {
            vec![
                s.service_name.clone(),
                s.provider_name.clone(),
                s.service_type.as_str().to_owned(),
                fmt(s.overall, 2),
                s.trend.clone().unwrap_or_default(),
                s.needs_attention.join(" "),
                d.dimension.as_str().to_owned(),
                d.state.clone(),
                d.n.map(|n| n.to_string()).unwrap_or_default(),
                fmt(d.value, 2),
                fmt(d.low, 2),
                fmt(d.high, 2),
                fmt(d.positive.map(|p| p * 100.0), 0),
                fmt(d.positive_low.map(|p| p * 100.0), 0),
                fmt(d.positive_high.map(|p| p * 100.0), 0),
                fmt(d.comparator, 2),
            ]
            .into_iter()
            .chain(before_cells(d))
            .collect()
        })
    });
    write(&comments, &header, rows)
}

/// The period before's score, interval and the change (`up`, `down`, or `unclear` when the
/// intervals overlap); empty when it was not shown.
fn before_cells(d: &DimensionScore) -> [String; 4] {
    match &d.before {
        Some(b) => [
            format!("{:.2}", b.value),
            format!("{:.2}", b.low),
            format!("{:.2}", b.high),
            b.change.clone(),
        ],
        None => Default::default(),
    }
}

/// One service's quarterly trend, one row per quarter and outcome.
pub fn trend(detail: &ServiceDetail) -> String {
    let comments = [format!(
        "Chorus quarterly trend for {} ({}); scores below the cohort rule are not shown",
        detail.service_name, detail.provider_name
    )];
    let header = [
        "quarter", "overall", "outcome", "state", "n", "score", "low", "high",
    ];
    let rows = detail.trend.iter().flat_map(|q| {
        q.dimensions.iter().map(move |d| {
            vec![
                q.quarter.clone(),
                fmt(q.overall, 2),
                d.dimension.as_str().to_owned(),
                d.state.clone(),
                d.n.map(|n| n.to_string()).unwrap_or_default(),
                fmt(d.value, 2),
                fmt(d.low, 2),
                fmt(d.high, 2),
            ]
        })
    });
    write(&comments, &header, rows)
}

/// The service's published quotes: the redacted words as the page shows them, with their
/// quarter. Formula-like text is neutralised like every cell.
pub fn quotes(detail: &ServiceDetail) -> String {
    let comments = [format!(
        "Chorus quotes about {} ({}): approved, redacted, from quarters with a shown score",
        detail.service_name, detail.provider_name
    )];
    let rows = detail
        .quotes
        .iter()
        .map(|q| vec![q.quarter.clone(), q.text.clone()]);
    write(&comments, &["quarter", "quote"], rows)
}

/// The service's "you said, we did" answers, oldest first as the page shows them.
pub fn responses(detail: &ServiceDetail) -> String {
    let comments = [format!(
        "Chorus \"you said, we did\" for {} ({})",
        detail.service_name, detail.provider_name
    )];
    let rows = detail
        .responses
        .iter()
        .map(|r| vec![r.created_at.format("%Y-%m-%d").to_string(), r.body.clone()]);
    write(&comments, &["date", "we_did"], rows)
}

/// A quarter's participation figures, one row each; a rate withheld for want of a cohort of
/// young people is left empty, as on the page.
pub fn kpis(k: &Kpis) -> String {
    let comments = [format!(
        "Chorus participation in {}; a rate is left empty until enough young people take part",
        k.quarter
    )];
    let rows = kpi_rows(k);
    let rows = rows
        .into_iter()
        .map(|(measure, value)| vec![k.quarter.clone(), measure.to_owned(), value]);
    write(&comments, &["quarter", "measure", "value"], rows)
}

/// The quarterly report as one table: a row per participation figure, shown or withheld score,
/// reason for attention, quote and "we did", told apart by `section`.
pub fn quarterly(r: &QuarterlyReport) -> String {
    let comments = [
        format!(
            "Chorus quarterly report for {}, {}: scores for the 12 months to the end of the quarter \
             against the 12 months before; quotes, \"we did\" and participation in the quarter",
            r.organisation, r.quarter
        ),
        format!(
            "scores with fewer than {} young people are not shown; a change is up or down only \
             when the two 90% intervals do not overlap",
            r.scores.min_cohort
        ),
    ];
    let header = [
        "section",
        "service",
        "provider",
        "item",
        "state",
        "value",
        "low",
        "high",
        "n",
        "before",
        "before_low",
        "before_high",
        "change",
        "text",
    ];
    let row = |section: &str, service: &str, provider: &str, item: &str, text: &str| {
        let mut cells = vec![String::new(); header.len()];
        for (i, value) in [
            (0, section),
            (1, service),
            (2, provider),
            (3, item),
            (13, text),
        ] {
            cells[i] = value.to_owned();
        }
        cells
    };
    let participation = kpi_rows(&r.participation)
        .into_iter()
        .map(|(measure, value)| {
            let mut cells = row("participation", "", "", measure, "");
            cells[5] = value;
            cells
        });
    let scores = r.scores.services.iter().flat_map(|s| {
        let attention = s.needs_attention.iter().map(|reason| {
            row(
                "needs_attention",
                &s.service_name,
                &s.provider_name,
                reason,
                "",
            )
        });
        let mut overall = row("overall", &s.service_name, &s.provider_name, "overall", "");
        overall[5] = fmt(s.overall, 2);
        overall[12] = s.trend.clone().unwrap_or_default();
        let outcomes = s.dimensions.iter().map(|d| {
            let mut cells = row(
                "score",
                &s.service_name,
                &s.provider_name,
                d.dimension.as_str(),
                "",
            );
            cells[4] = d.state.clone();
            cells[5] = fmt(d.value, 2);
            cells[6] = fmt(d.low, 2);
            cells[7] = fmt(d.high, 2);
            cells[8] = d.n.map(|n| n.to_string()).unwrap_or_default();
            cells.splice(9..13, before_cells(d));
            cells
        });
        attention
            .chain(std::iter::once(overall))
            .chain(outcomes)
            .collect::<Vec<_>>()
    });
    let quotes = r
        .quotes
        .iter()
        .map(|q| row("quote", &q.service_name, &q.provider_name, "", &q.text));
    let responses = r.responses.iter().map(|w| {
        let date = w.created_at.format("%Y-%m-%d").to_string();
        row("we_did", &w.service_name, &w.provider_name, &date, &w.body)
    });
    let rows = participation.chain(scores).chain(quotes).chain(responses);
    write(&comments, &header, rows)
}

/// The participation figures by name; a withheld rate is empty.
fn kpi_rows(k: &Kpis) -> [(&'static str, String); 6] {
    [
        ("feedback_received", k.feedback_received.to_string()),
        (
            "median_hours_to_moderate",
            fmt(k.median_hours_to_moderate, 0),
        ),
        (
            "percent_with_we_did",
            fmt(k.share_with_we_did.map(|s| s * 100.0), 0),
        ),
        ("young_people_active", k.young_people_active.to_string()),
        ("panels_run", k.panels_run.to_string()),
        (
            "young_commissioners_active",
            k.young_commissioners_active.to_string(),
        ),
    ]
}
