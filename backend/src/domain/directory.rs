//! The directory file a council imports: one line per service, with its provider. Providers are
//! known by their Ofsted URN where they have one (shared by every council), else by their name.
//! Reading the file is all or nothing: every line's mistakes are listed, in words, by line.
//!
//! ```text
//! provider_urn,provider_name,service_name,service_type
//! SC123456,Hillside Care Ltd,Hillside House,childrens_home
//! ,Stoke Advocacy Partnership,Independent advocacy,advocacy
//! ```

use shared::api::ServiceType;
use std::collections::HashMap;

/// The first line of the file.
pub const HEADER: [&str; 4] = [
    "provider_urn",
    "provider_name",
    "service_name",
    "service_type",
];
/// Lines a file may hold (a large council lists a few hundred services).
pub const MAX_ROWS: usize = 5_000;
/// Characters in a provider's or service's name.
const MAX_NAME: usize = 200;

/// One service line, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line in the file (the header is line 1).
    pub line: u64,
    pub urn: Option<String>,
    pub provider_name: Option<String>,
    pub service_name: String,
    pub service_type: ServiceType,
}

/// A mistake on one line, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// An Ofsted URN: six or seven digits, after up to two letters (`SC123456`, `1234567`).
fn is_urn(text: &str) -> bool {
    let digits = text.trim_start_matches(|c: char| c.is_ascii_uppercase());
    text.len() - digits.len() <= 2
        && (6..=7).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
}

fn service_type(word: &str) -> Option<ServiceType> {
    let word = word.trim().to_lowercase().replace([' ', '-'], "_");
    ServiceType::ALL.into_iter().find(|t| t.as_str() == word)
}

/// A provider's URN as typed (any case, spaces around), or none for an empty cell.
pub fn urn(cell: &str) -> Result<Option<String>, String> {
    match cell.trim().to_uppercase().as_str() {
        "" => Ok(None),
        urn if is_urn(urn) => Ok(Some(urn.to_owned())),
        other => Err(format!(
            "\"{other}\" is not an Ofsted URN (such as SC123456)"
        )),
    }
}

/// A provider's or service's name with its spaces tidied, or none for an empty cell; `what` names
/// it in the refusal.
pub fn name(cell: &str, what: &str) -> Result<Option<String>, String> {
    let cell = cell.split_whitespace().collect::<Vec<_>>().join(" ");
    if cell.chars().count() > MAX_NAME {
        return Err(format!("the {what} is longer than {MAX_NAME} characters"));
    }
    if cell.chars().any(char::is_control) {
        return Err(format!("the {what} holds control characters"));
    }
    Ok((!cell.is_empty()).then_some(cell))
}

/// One line's cells, read; or what is wrong with them.
fn row(line: u64, cells: &csv::StringRecord) -> Result<Row, String> {
    if cells.len() != HEADER.len() {
        return Err(format!(
            "{} columns where {} are needed ({})",
            cells.len(),
            HEADER.len(),
            HEADER.join(",")
        ));
    }
    let urn = urn(&cells[0])?;
    let provider_name = name(&cells[1], "provider's name")?;
    if urn.is_none() && provider_name.is_none() {
        return Err("give the provider's URN or its name".to_owned());
    }
    let service_name = name(&cells[2], "service's name")?.ok_or("the service has no name")?;
    let service_type = service_type(&cells[3]).ok_or_else(|| {
        let words: Vec<&str> = ServiceType::ALL.iter().map(|t| t.as_str()).collect();
        format!(
            "\"{}\" is not a kind of service; use one of {}",
            cells[3].trim(),
            words.join(", ")
        )
    })?;
    Ok(Row {
        line,
        urn,
        provider_name,
        service_name,
        service_type,
    })
}

/// A file read: its good lines and every other line's mistakes (nothing may be imported unless
/// there are none).
#[derive(Debug, Default)]
pub struct Read {
    pub rows: Vec<Row>,
    pub errors: Vec<LineError>,
}

/// Reads the whole file.
pub fn parse(text: &str) -> Read {
    let text = text.trim_start_matches('\u{feff}');
    // The line as an editor numbers it: the reader's own count skips blank lines, and a
    // record's position is where the reader started, before the blank lines it skipped.
    let line_at = |position: Option<&csv::Position>| {
        position.map_or(0, |p| {
            let bytes = text.as_bytes();
            let mut at = usize::try_from(p.byte())
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
                at += 1;
            }
            1 + bytes[..at].iter().filter(|b| **b == b'\n').count() as u64
        })
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header_ok = match records.next() {
        Some(Ok(header)) => header
            .iter()
            .map(|h| h.trim().to_lowercase())
            .eq(HEADER.iter().map(|h| h.to_string())),
        _ => false,
    };
    if !header_ok {
        return Read {
            rows: Vec::new(),
            errors: vec![LineError {
                line: 1,
                message: format!("the first line must name the columns: {}", HEADER.join(",")),
            }],
        };
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut named: HashMap<String, (String, u64)> = HashMap::new();
    for record in records {
        let (line, read) = match record {
            Ok(cells) => {
                let line = line_at(cells.position());
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                (line, row(line, &cells))
            }
            Err(e) => (
                line_at(e.position()),
                Err("this line cannot be read as CSV".to_owned()),
            ),
        };
        match read {
            Ok(row) => {
                // One URN, one provider: two names for it in one file is a mistake to show.
                if let (Some(urn), Some(name)) = (&row.urn, &row.provider_name) {
                    match named.get(urn) {
                        Some((other, at)) if other != name => errors.push(LineError {
                            line,
                            message: format!(
                                "URN {urn} is \"{other}\" on line {at}, not \"{name}\""
                            ),
                        }),
                        Some(_) => {}
                        None => {
                            named.insert(urn.clone(), (name.clone(), line));
                        }
                    }
                }
                rows.push(row);
            }
            Err(message) => errors.push(LineError { line, message }),
        }
        if rows.len() + errors.len() > MAX_ROWS {
            return Read {
                rows: Vec::new(),
                errors: vec![LineError {
                    line,
                    message: format!("a file may hold at most {MAX_ROWS} services"),
                }],
            };
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(LineError {
            line: 2,
            message: "there are no services in the file".to_owned(),
        });
    }
    Read { rows, errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "provider_urn,provider_name,service_name,service_type\n";

    #[test]
    fn a_good_file_is_read_line_by_line() {
        let read = parse(&format!(
            "\u{feff}{HEAD}sc123456, Hillside  Care Ltd ,Hillside House,Childrens Home\n\n,Stoke Advocacy,\"Advocacy, independent\",advocacy\r\n"
        ));
        assert!(read.errors.is_empty(), "{:?}", read.errors);
        assert_eq!(
            read.rows,
            vec![
                Row {
                    line: 2,
                    urn: Some("SC123456".into()),
                    provider_name: Some("Hillside Care Ltd".into()),
                    service_name: "Hillside House".into(),
                    service_type: ServiceType::ChildrensHome,
                },
                Row {
                    line: 4,
                    urn: None,
                    provider_name: Some("Stoke Advocacy".into()),
                    service_name: "Advocacy, independent".into(),
                    service_type: ServiceType::Advocacy,
                },
            ]
        );
    }

    #[test]
    fn every_bad_line_is_named_with_what_is_wrong() {
        let read = parse(&format!(
            "{HEAD}SC12,A,B,advocacy\n,,B,advocacy\n1234567,A,,advocacy\n1234567,A,B,care home\n1234567,A,B\nSC654321,One name,B,camhs\nSC654321,Another name,C,camhs\n"
        ));
        let said: Vec<String> = read.errors.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 6, "{said:#?}");
        assert!(said[0].starts_with("line 2: \"SC12\" is not an Ofsted URN"));
        assert_eq!(said[1], "line 3: give the provider's URN or its name");
        assert_eq!(said[2], "line 4: the service has no name");
        assert!(said[3].starts_with(
            "line 5: \"care home\" is not a kind of service; use one of fostering_agency"
        ));
        assert!(said[4].starts_with("line 6: 3 columns where 4 are needed"));
        assert_eq!(
            said[5],
            "line 8: URN SC654321 is \"One name\" on line 7, not \"Another name\""
        );
    }

    #[test]
    fn a_file_without_the_header_or_rows_is_refused() {
        let no_header = parse("SC123456,A,B,advocacy\n");
        assert_eq!(no_header.errors[0].line, 1);
        assert!(no_header.rows.is_empty());
        assert!(!parse(HEAD).errors.is_empty());
        assert!(!parse("").errors.is_empty());
    }

    #[test]
    fn urns_are_ofsteds_shapes() {
        for urn in ["SC123456", "1234567", "EY123456", "123456"] {
            assert!(is_urn(urn), "{urn}");
        }
        for urn in ["SCX123456", "12345", "12345678", "SC12345A", "sc123456"] {
            assert!(!is_urn(urn), "{urn}");
        }
    }
}
