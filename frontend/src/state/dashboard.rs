//! Filtering, sorting and wording for the commissioner's scores table.

use shared::api::{ServiceScores, ServiceType};

/// How the table is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    LowestFirst,
    HighestFirst,
    Name,
}

impl Sort {
    pub fn parse(s: &str) -> Sort {
        match s {
            "highest" => Sort::HighestFirst,
            "name" => Sort::Name,
            _ => Sort::LowestFirst,
        }
    }
}

/// Services of one type and provider (or all), in the chosen order; suppressed ones last.
pub fn select(
    services: &[ServiceScores],
    kind: Option<ServiceType>,
    provider: Option<&str>,
    sort: Sort,
) -> Vec<ServiceScores> {
    let mut rows: Vec<ServiceScores> = services
        .iter()
        .filter(|s| kind.is_none_or(|k| s.service_type == k))
        .filter(|s| provider.is_none_or(|p| s.provider_name == p))
        .cloned()
        .collect();
    rows.sort_by(|a, b| match (sort, a.overall, b.overall) {
        (Sort::Name, _, _) => a.service_name.cmp(&b.service_name),
        (Sort::LowestFirst, Some(x), Some(y)) => x.total_cmp(&y),
        (Sort::HighestFirst, Some(x), Some(y)) => y.total_cmp(&x),
        (_, Some(_), None) => std::cmp::Ordering::Less,
        (_, None, Some(_)) => std::cmp::Ordering::Greater,
        (_, None, None) => a.service_name.cmp(&b.service_name),
    });
    rows
}

/// Every provider in the report, once, by name.
pub fn providers(services: &[ServiceScores]) -> Vec<String> {
    let mut names: Vec<String> = services.iter().map(|s| s.provider_name.clone()).collect();
    names.sort();
    names.dedup();
    names
}

/// A score on the 1–5 scale to one decimal place.
pub fn one_decimal(v: f64) -> String {
    format!("{v:.1}")
}

pub fn trend_symbol(trend: Option<&str>) -> &'static str {
    match trend {
        Some("up") => "↑",
        Some("down") => "↓",
        Some("flat") => "→",
        _ => "",
    }
}

/// The `n` quarters ending with the one holding `year`-`month0` (0 = January), newest first,
/// as the server names them ("2026-Q2").
pub fn quarters_back(year: i32, month0: u32, n: usize) -> Vec<String> {
    let now = year * 4 + (month0 / 3) as i32;
    (0..n as i32)
        .map(|back| {
            let q = now - back;
            format!("{}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
        })
        .collect()
}

/// The last five years of quarters, from this browser's clock, newest first.
pub fn recent_quarters() -> Vec<String> {
    let now = js_sys::Date::new_0();
    quarters_back(now.get_utc_full_year() as i32, now.get_utc_month(), 20)
}

/// The `n` financial years (April to March) that had ended by `year`-`month0`, newest first:
/// each as the server names its last quarter ("2026-Q1") and the years it spans (2025, 2026).
pub fn closed_financial_years(year: i32, month0: u32, n: usize) -> Vec<(String, i32, i32)> {
    let last = if month0 >= 3 { year } else { year - 1 };
    (0..n as i32)
        .map(|back| {
            let to = last - back;
            (format!("{to}-Q1"), to - 1, to)
        })
        .collect()
}

/// The last five closed financial years, from this browser's clock.
pub fn recent_financial_years() -> Vec<(String, i32, i32)> {
    let now = js_sys::Date::new_0();
    closed_financial_years(now.get_utc_full_year() as i32, now.get_utc_month(), 5)
}

/// How a score compares with the period before, in words: a change is called only when the
/// intervals part (`shared::api::Before`).
pub fn change_words(change: &str) -> &'static str {
    match change {
        "up" => "dashboard.change.up",
        "down" => "dashboard.change.down",
        _ => "dashboard.change.unclear",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn quarters_count_back_across_years() {
        assert_eq!(
            quarters_back(2026, 11, 3),
            ["2026-Q4", "2026-Q3", "2026-Q2"]
        );
        assert_eq!(quarters_back(2027, 0, 2), ["2027-Q1", "2026-Q4"]);
        assert_eq!(quarters_back(2026, 5, 1), ["2026-Q2"]);
    }

    #[test]
    fn a_financial_year_counts_once_march_is_over() {
        let years = closed_financial_years(2026, 11, 2);
        assert_eq!(
            years,
            [
                ("2026-Q1".into(), 2025, 2026),
                ("2025-Q1".into(), 2024, 2025)
            ]
        );
        assert_eq!(closed_financial_years(2026, 2, 1)[0].0, "2025-Q1", "March");
        assert_eq!(closed_financial_years(2026, 3, 1)[0].0, "2026-Q1", "April");
    }

    use super::*;
    use uuid::Uuid;

    fn row(name: &str, overall: Option<f64>, kind: ServiceType) -> ServiceScores {
        ServiceScores {
            service_id: Uuid::nil(),
            service_name: name.into(),
            provider_name: String::new(),
            service_type: kind,
            overall,
            trend: None,
            needs_attention: vec![],
            dimensions: vec![],
        }
    }

    #[test]
    fn lowest_first_suppressed_last_and_filtered_by_type() {
        let rows = [
            row("quiet", None, ServiceType::Camhs),
            row("good", Some(4.2), ServiceType::Camhs),
            row("poor", Some(2.1), ServiceType::Camhs),
            row("home", Some(3.0), ServiceType::ChildrensHome),
        ];
        let names: Vec<String> = select(&rows, Some(ServiceType::Camhs), None, Sort::LowestFirst)
            .into_iter()
            .map(|r| r.service_name)
            .collect();
        assert_eq!(names, ["poor", "good", "quiet"]);
        assert_eq!(select(&rows, None, None, Sort::LowestFirst).len(), 4);
        let highest: Vec<String> = select(&rows, None, None, Sort::HighestFirst)
            .into_iter()
            .map(|r| r.service_name)
            .collect();
        assert_eq!(highest, ["good", "home", "poor", "quiet"]);
        assert_eq!(select(&rows, None, Some("nobody"), Sort::Name).len(), 0);
        assert_eq!(one_decimal(3.04), "3.0");
        assert_eq!(trend_symbol(Some("down")), "↓");
    }
}
