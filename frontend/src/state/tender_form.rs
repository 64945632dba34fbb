//! The commissioner's "new tender" form as plain data, turned into a request with the same checks
//! the server runs (`NewTender::validated`).

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use shared::api::ServiceType;
use shared::tender::{NewQuestion, NewTender, ScoredBy, RUBRIC_LEN};
use shared::validate::Invalid;
use shared::Reason;

/// What 0..=5 mean unless the commissioner words it for this question.
pub const DEFAULT_RUBRIC: [&str; RUBRIC_LEN] = [
    "No answer, or nothing about this",
    "Very weak: hardly says how",
    "Weak: some ideas, few details",
    "OK: does what is needed",
    "Good: clear and convincing",
    "Excellent: clear, convincing, and shows it already works",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionForm {
    pub text: String,
    pub plain_text: String,
    pub weight: String,
    pub scored_by: ScoredBy,
    pub rubric: Vec<String>,
}

impl Default for QuestionForm {
    fn default() -> Self {
        QuestionForm {
            text: String::new(),
            plain_text: String::new(),
            weight: String::new(),
            scored_by: ScoredBy::YoungPeople,
            rubric: DEFAULT_RUBRIC.iter().map(|d| (*d).to_owned()).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenderForm {
    pub title: String,
    pub summary: String,
    pub service_type: ServiceType,
    pub quality_weight: String,
    pub hours: String,
    /// `YYYY-MM-DD` from a date input.
    pub opens: String,
    pub closes: String,
    pub questions: Vec<QuestionForm>,
}

impl Default for TenderForm {
    fn default() -> Self {
        TenderForm {
            title: String::new(),
            summary: String::new(),
            service_type: ServiceType::SupportedAccommodation,
            quality_weight: "60".into(),
            hours: "6".into(),
            opens: String::new(),
            closes: String::new(),
            questions: vec![QuestionForm::default()],
        }
    }
}

fn number(field: &'static str, raw: &str, what: &str) -> Result<u32, Invalid> {
    raw.trim().parse().map_err(|_| {
        Invalid::new(
            field,
            Reason::Number,
            format!("{what} must be a whole number."),
        )
    })
}

fn day(field: &'static str, raw: &str, end_of_day: bool) -> Result<chrono::DateTime<Utc>, Invalid> {
    let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| Invalid::new(field, Reason::Date, "Please choose a date."))?;
    let time = if end_of_day {
        NaiveTime::from_hms_opt(23, 59, 59)
    } else {
        NaiveTime::from_hms_opt(0, 0, 0)
    }
    .unwrap_or_default();
    Ok(Utc.from_utc_datetime(&date.and_time(time)))
}

impl TenderForm {
    pub fn price_weight(&self) -> Option<u32> {
        self.quality_weight
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|q| *q <= 100)
            .map(|q| 100 - q)
    }

    pub fn to_request(&self) -> Result<NewTender, Invalid> {
        let quality_weight = number("quality_weight", &self.quality_weight, "The quality share")?;
        let questions = self
            .questions
            .iter()
            .map(|q| {
                Ok(NewQuestion {
                    text: q.text.clone(),
                    plain_text: q.plain_text.clone(),
                    weight: number("weight", &q.weight, "A question's weight")?,
                    rubric: q.rubric.clone(),
                    scored_by: q.scored_by,
                })
            })
            .collect::<Result<Vec<_>, Invalid>>()?;
        NewTender {
            title: self.title.clone(),
            summary: self.summary.clone(),
            service_type: self.service_type,
            quality_weight,
            price_weight: 100u32.saturating_sub(quality_weight),
            hours: number("hours", &self.hours, "Hours")?,
            scoring_opens_at: day("scoring_opens_at", &self.opens, false)?,
            scoring_closes_at: day("scoring_closes_at", &self.closes, true)?,
            questions,
        }
        .validated()
    }
}

/// Pounds as typed ("1,850,000.50", "£90000") to pence.
pub fn pence(raw: &str) -> Option<i64> {
    let cleaned: String = raw
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let (pounds, pennies) = cleaned.split_once('.').unwrap_or((&cleaned, "0"));
    let pennies = format!("{pennies:0<2}");
    if pennies.len() != 2 {
        return None;
    }
    Some(pounds.parse::<i64>().ok()?.checked_mul(100)? + pennies.parse::<i64>().ok()?)
}

/// Pence as money for people.
pub fn pounds(pence: i64) -> String {
    let whole = (pence / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match pence % 100 {
        0 => format!("£{grouped}"),
        p => format!("£{grouped}.{p:02}"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn filled() -> TenderForm {
        TenderForm {
            title: "Short breaks".into(),
            summary: "Days out".into(),
            opens: "2027-01-04".into(),
            closes: "2027-01-18".into(),
            questions: vec![QuestionForm {
                text: "How will children choose?".into(),
                plain_text: "Do children choose?".into(),
                weight: "60".into(),
                ..QuestionForm::default()
            }],
            ..TenderForm::default()
        }
    }

    #[test]
    fn a_filled_form_becomes_a_valid_tender_with_the_window_as_whole_days() {
        let request = filled().to_request().unwrap();
        assert_eq!((request.quality_weight, request.price_weight), (60, 40));
        assert_eq!(
            request.scoring_closes_at.to_rfc3339(),
            "2027-01-18T23:59:59+00:00"
        );
    }

    #[test]
    fn the_form_refuses_what_the_server_would() {
        let mut form = filled();
        form.questions[0].weight = "50".into();
        assert_eq!(form.to_request().unwrap_err().reason, "weights_total");
        let mut form = filled();
        form.closes = String::new();
        assert_eq!(form.to_request().unwrap_err().field, "scoring_closes_at");
    }

    #[test]
    fn money_is_read_and_written_as_people_type_it() {
        assert_eq!(pence("£1,850,000"), Some(185_000_000));
        assert_eq!(pence("90000.5"), Some(9_000_050));
        assert_eq!(pence("12.345"), None);
        assert_eq!(pence("lots"), None);
        assert_eq!(pounds(185_000_000), "£1,850,000");
        assert_eq!(pounds(9_000_050), "£90,000.50");
    }
}
