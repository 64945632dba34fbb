//! CSV text for the downloads (procurement file, scores, audit log): `#` lines saying what the
//! numbers mean, a header row, then the rows, quoted by the `csv` crate. Rows in, text out.

/// The whole file: comment lines, header, rows.
pub fn write(
    comments: &[String],
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> String {
    let mut out = String::new();
    for line in comments {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a record with the wrong width would be our bug, so it is skipped.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(&row);
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
}
