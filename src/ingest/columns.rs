//! Finding named columns in a CSV header, case-insensitively, and the
//! cells of a record as the readers see them, within the row limits.

use super::limits::{MAX_FIELD_BYTES, MAX_ROW_BYTES};

/// Normalises a header cell: trimmed, lower case, spaces and hyphens as `_`.
pub(crate) fn normalize_header(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A header row, searchable by normalised column name.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    names: Vec<String>,
    /// The header cells as written, for messages.
    pub(crate) raw: Vec<String>,
}

impl Header {
    /// Builds a header from its cells.
    pub(crate) fn new(record: &csv::StringRecord) -> Header {
        Header {
            names: record.iter().map(normalize_header).collect(),
            raw: record.iter().map(|s| s.trim().to_string()).collect(),
        }
    }

    /// Index of the first column with this (normalised) name.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// Of `required`, the names the header lacks.
    pub(crate) fn missing<'a>(&self, required: &[&'a str]) -> Vec<&'a str> {
        required
            .iter()
            .copied()
            .filter(|n| self.find(n).is_none())
            .collect()
    }
}

/// A column a reader uses: where it is and its name as written (for
/// messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Column {
    /// Index in the record.
    pub(crate) index: usize,
    /// Header cell as written, for messages.
    pub(crate) name: String,
}

impl Column {
    /// The first column named any of `names` (compared as normalised
    /// header names), if the header has one.
    pub(crate) fn find(header: &Header, names: &[&str]) -> Option<Column> {
        let index = names
            .iter()
            .find_map(|n| header.find(&normalize_header(n)))?;
        let name = header.raw.get(index).cloned().unwrap_or_default();
        Some(Column { index, name })
    }

    /// The trimmed value of this column in a record ("" when the row is short).
    pub(crate) fn get<'r>(&self, record: &'r csv::StringRecord) -> &'r str {
        field(record, Some(self.index))
    }

    /// This column's value in a record read by `read` (handed the value and
    /// the column's name); its error names the column.
    pub(crate) fn read<T>(
        &self,
        record: &csv::StringRecord,
        read: impl FnOnce(&str, &str) -> Result<T, String>,
    ) -> Result<T, RowError<'_>> {
        read(self.get(record), &self.name).map_err(|reason| (self.name.as_str(), reason))
    }
}

/// A row problem: the column (as written in the header) and the reason.
pub(crate) type RowError<'c> = (&'c str, String);

/// An optional column's value read by `read`; `Ok(None)` when the file
/// has no such column.
pub(crate) fn read_optional<'c, T>(
    record: &csv::StringRecord,
    column: &'c Option<Column>,
    read: impl FnOnce(&str, &str) -> Result<Option<T>, String>,
) -> Result<Option<T>, RowError<'c>> {
    column.as_ref().map_or(Ok(None), |c| c.read(record, read))
}

/// The trimmed value of an optional column ("" when absent).
pub(crate) fn value<'r>(record: &'r csv::StringRecord, column: &Option<Column>) -> &'r str {
    column.as_ref().map_or("", |c| c.get(record))
}

/// A CSV reader over decoded text: delimiter sniffed, rows of any length.
pub(crate) fn reader(text: &str) -> csv::Reader<&[u8]> {
    builder(super::text::sniff_delimiter(text)).from_reader(text.as_bytes())
}

/// A CSV reader over decoded text (delimiter sniffed) and its header;
/// `Err` when the header cannot be read.
pub(crate) fn with_header(text: &str) -> Result<(csv::Reader<&[u8]>, Header), String> {
    let mut reader = reader(text);
    let header = Header::new(
        reader
            .headers()
            .map_err(|e| format!("unreadable header: {e}"))?,
    );
    Ok((reader, header))
}

/// A CSV reader over decoded text with a known delimiter, header first.
pub(crate) fn reader_with(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    builder(delimiter).from_reader(text.as_bytes())
}

/// A decimal number as apps and spreadsheets write it: `82.5`, `82,5`
/// (a decimal comma) or `1e3`; `None` for anything else, infinities and
/// NaN included.
pub(crate) fn number(text: &str) -> Option<f64> {
    if let Some(whole) = whole_number(text) {
        return Some(whole);
    }
    let parsed = text.parse::<f64>().ok().or_else(|| {
        let comma = text.find(',')?;
        let plain = !text.contains('.') && text[comma + 1..].find(',').is_none();
        plain
            .then(|| text.replacen(',', ".", 1).parse::<f64>().ok())
            .flatten()
    })?;
    parsed.is_finite().then_some(parsed)
}

/// Up to 15 ASCII digits and nothing else, the common cell (`45`, `7`),
/// read without the float parser (millions of cells): every such number is
/// exact in an f64, so the value is the one `str::parse` gives.
fn whole_number(text: &str) -> Option<f64> {
    if text.is_empty() || text.len() > 15 {
        return None;
    }
    let mut value = 0u64;
    for b in text.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u64::from(b - b'0');
    }
    Some(value as f64)
}

/// Seconds of a time or duration cell, as apps write them: `h:mm:ss`
/// (`0:09:30`), `m:ss` (fractional seconds too), or a plain number of
/// seconds; `None` for anything else or a negative value.
pub(crate) fn clock_s(text: &str) -> Option<f64> {
    let parts: Vec<&str> = text.split(':').collect();
    let seconds = match parts.as_slice() {
        [s] => number(s)?,
        [m, s] => minutes_seconds(m, s)?,
        [h, m, s] if whole(m)? < 60.0 => whole(h)? * 3600.0 + minutes_seconds(m, s)?,
        _ => return None,
    };
    (seconds >= 0.0).then_some(seconds)
}

/// `m` minutes and `s` seconds, each below 60 after the first part.
fn minutes_seconds(m: &str, s: &str) -> Option<f64> {
    let minutes = whole(m)?;
    let seconds = number(s).filter(|s| (0.0..60.0).contains(s) && !s.is_sign_negative())?;
    (s.bytes().next()?.is_ascii_digit()).then_some(minutes * 60.0 + seconds)
}

/// A run of ASCII digits as a number.
fn whole(text: &str) -> Option<f64> {
    (!text.is_empty() && text.len() <= 9 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse::<f64>().ok())
        .flatten()
}

/// A `csv` reader over a chunk of a CSV's records (no header) with its
/// delimiter: what `records` is tested against.
#[cfg(test)]
pub(crate) fn chunk_reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    builder(delimiter)
        .has_headers(false)
        .from_reader(text.as_bytes())
}

/// The readers' settings; `split` finds record boundaries with the same.
fn builder(delimiter: u8) -> csv::ReaderBuilder {
    let mut builder = csv::ReaderBuilder::new();
    builder
        .delimiter(delimiter)
        .flexible(true)
        // With CRLF the default terminator reports each record a line early;
        // ending records at `\n` keeps line numbers right (values are trimmed).
        .terminator(csv::Terminator::Any(b'\n'));
    builder
}

/// The header of a CSV text, if its first record has any non-empty cell
/// and is within the row limits.
pub(crate) fn first_header(text: &str) -> Option<Header> {
    let mut r = reader(text);
    let h = r.headers().ok()?;
    (h.iter().any(|c| !c.trim().is_empty()) && row_problem(h).is_none()).then(|| Header::new(h))
}

/// Why the first record of a CSV text is too long to be a header, if it is.
pub(crate) fn header_problem(text: &str) -> Option<String> {
    let mut r = reader(text);
    let problem = row_problem(r.headers().ok()?)?;
    Some(format!("line 1 (the header): {problem}"))
}

/// The cells of one CSV record, as the readers see them.
pub(crate) trait Fields {
    /// Number of cells.
    fn count(&self) -> usize;
    /// Cell `i`, if the record has it.
    fn cell(&self, i: usize) -> Option<&str>;
    /// Bytes of all cells together.
    fn bytes(&self) -> usize;
}

impl Fields for csv::StringRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn bytes(&self) -> usize {
        self.as_slice().len()
    }
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i)
    }
}

impl Fields for super::records::Record<'_> {
    fn count(&self) -> usize {
        self.len()
    }
    fn bytes(&self) -> usize {
        super::records::Record::bytes(self)
    }
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i)
    }
}

/// Why a CSV row is too long to read, or `None` when it is within the limits.
pub(crate) fn row_problem(record: &impl Fields) -> Option<String> {
    let len = record.bytes();
    if len > MAX_ROW_BYTES {
        return Some(format!(
            "the row is {len} bytes long, over the limit of {MAX_ROW_BYTES} bytes per row; not read (a line without line ends, an unclosed quote or a binary file?)"
        ));
    }
    if len <= MAX_FIELD_BYTES {
        // No value can be longer than its whole row.
        return None;
    }
    let (index, longest) = (0..record.count())
        .filter_map(|i| record.cell(i))
        .enumerate()
        .max_by_key(|(_, f)| f.len())
        .map(|(i, f)| (i, f.len()))?;
    (longest > MAX_FIELD_BYTES).then(|| {
        format!(
            "value {} of the row is {longest} bytes long, over the limit of {MAX_FIELD_BYTES} bytes per value; not read",
            index + 1
        )
    })
}

/// The trimmed value of an optional column in a record ("" when absent).
pub(crate) fn field<R: Fields + ?Sized>(record: &R, column: Option<usize>) -> &str {
    column.and_then(|i| record.cell(i)).map_or("", trim)
}

pub(crate) use crate::model::trim;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_read_as_the_float_parser_reads_them() {
        for text in [
            "0",
            "7",
            "45",
            "007",
            "123456789012345",
            "1234567890123456",
            "+5",
            "-3",
            "4.5",
            "",
            "1e3",
            "5 ",
        ] {
            let expected = text.parse::<f64>().ok().filter(|v| v.is_finite());
            assert_eq!(number(text), expected, "{text:?}");
        }
    }

    #[test]
    fn times_are_hours_minutes_seconds() {
        assert_eq!(clock_s("0:09:30"), Some(570.0));
        assert_eq!(clock_s("00:00:30"), Some(30.0));
        assert_eq!(clock_s("1:02:03"), Some(3723.0));
        assert_eq!(clock_s("9:30"), Some(570.0));
        assert_eq!(clock_s("45"), Some(45.0));
        assert_eq!(clock_s("1:05.5"), Some(65.5));
        for bad in [
            "0:61:00", "a:00:00", "1:2:3:4", "-1", "0:-1:00", "", ":", "1:75:00", "0:60",
        ] {
            assert_eq!(clock_s(bad), None, "{bad}");
        }
    }

    #[test]
    fn quick_trim_equals_the_full_trim() {
        for value in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\u{a0}",
            "\u{a0}a",
            "a\u{2003}",
            "é",
            " é ",
            "a b",
            "\u{feff}x",
        ] {
            assert_eq!(trim(value), value.trim(), "{value:?}");
        }
    }

    #[test]
    fn header_names_match_case_and_spacing_insensitively() {
        let h = Header::new(&csv::StringRecord::from(vec![
            " Athlete ID",
            "START",
            "duration-min",
        ]));
        assert_eq!(h.find("athlete_id"), Some(0));
        assert_eq!(h.find("start"), Some(1));
        assert_eq!(h.find("duration_min"), Some(2));
        assert_eq!(h.missing(&["athlete_id", "sport"]), vec!["sport"]);
    }

    #[test]
    fn row_longer_than_the_limit_is_named_with_its_length() {
        let long = "x".repeat(MAX_ROW_BYTES / 2 + 10);
        let record = csv::StringRecord::from(vec![long.as_str(), long.as_str(), "y"]);
        let problem = row_problem(&record).unwrap();
        assert!(
            problem.contains(&format!("{MAX_ROW_BYTES} bytes per row")),
            "{problem}"
        );
        assert!(
            problem.contains(&format!("{} bytes long", MAX_ROW_BYTES + 21)),
            "{problem}"
        );
    }

    #[test]
    fn value_longer_than_the_limit_is_named_by_position() {
        let long = "x".repeat(MAX_FIELD_BYTES + 1);
        let record = csv::StringRecord::from(vec!["a", long.as_str()]);
        let problem = row_problem(&record).unwrap();
        assert!(problem.starts_with("value 2 of the row"), "{problem}");
        assert!(row_problem(&csv::StringRecord::from(vec!["a", "b"])).is_none());
    }
}
