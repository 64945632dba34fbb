//! CSV text for the downloads (procurement file, scores, audit log): `#` lines saying what the
//! numbers mean, a header row, then the rows, quoted by the `csv` crate. Rows in, text out.
//!
//! Cells hold words people typed (score reasons, titles), and a spreadsheet runs a cell that
//! starts with `=`, `+`, `-`, `@`, tab or carriage return as a formula. Every cell is
//! neutralised the OWASP way (a leading `'`), except plain numbers such as `-1.50`, which cannot
//! be formulas; comment lines are kept on one line each.

use std::borrow::Cow;

/// What a spreadsheet may take for the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `-12`, `3.50`: a number, which no spreadsheet runs.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && parts.next().is_none_or(all_digits)
}

/// The cell as a spreadsheet will show it and never run it.
pub fn neutralised(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The whole file: comment lines, header, rows.
pub fn write(
    comments: &[String],
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> String {
    let mut out = String::new();
    for line in comments {
        out.push_str("# ");
        out.push_str(&line.replace(['\r', '\n'], " "));
        out.push('\n');
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a record with the wrong width would be our bug, so it is skipped.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row.iter().map(|cell| neutralised(cell).into_owned()));
    }
    out.push_str(&String::from_utf8_lossy(
        &writer.into_inner().unwrap_or_default(),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_and_quotes_are_quoted() {
        let text = write(
            &["window: year".into()],
            &["a", "b"],
            [vec!["x, y".into(), "say \"hi\"".into()]],
        );
        assert_eq!(text, "# window: year\na,b\n\"x, y\",\"say \"\"hi\"\"\"\n");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised() {
        let payloads = [
            ("=1+2", "'=1+2"),
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("-", "'-"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
        ];
        for (cell, expected) in payloads {
            assert_eq!(neutralised(cell), expected, "{cell:?}");
        }
        for safe in ["-1.50", "-12", "3.50", "a=b", "", "Young commissioner 1"] {
            assert_eq!(neutralised(safe), safe);
        }
    }

    #[test]
    fn every_row_is_neutralised_and_comments_stay_on_their_line() {
        let text = write(
            &["Tender: x\n=cmd|' /C calc'!A0".into()],
            &["a", "b"],
            [vec!["=cmd|' /C calc'!A0".into(), "-0.25".into()]],
        );
        assert_eq!(
            text,
            "# Tender: x =cmd|' /C calc'!A0\na,b\n'=cmd|' /C calc'!A0,-0.25\n"
        );
        assert!(text.lines().all(|l| !l.starts_with('=')));
    }
}
