//! The row loop of the CSV exports (Strava, TrainingPeaks, Garmin Connect,
//! FitCSVTool, the roster): reads the records after a header, numbers them,
//! finds each one's line, turns an unreadable or oversized record into a
//! reason with its line, and counts all-blank rows. Formats decide what a
//! row means (`read_rows` for the usual one session per row). The
//! canonical CSV has a parallel reader of its own (`records`, `split`).

use csv::StringRecord;

use super::batch::{Batch, FileCtx};
use crate::model::RawSession;

/// Where a data row stands in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RowAt {
    /// Line of the record in the file (1-based; the header is line 1 when
    /// the text starts at the top of the file).
    pub(crate) line: u64,
    /// Record number after the header (1 = the first), blank rows counted,
    /// for derived session ids.
    pub(crate) number: u64,
}

/// One record after the header, or why it cannot be read.
#[derive(Debug)]
pub(crate) enum Row<'r> {
    /// The record's fields.
    Fields(&'r StringRecord, RowAt),
    /// Unreadable CSV, or a row over the size limits: the reason.
    Bad(RowAt, String),
}

/// The records of a CSV text after its header, read one at a time.
pub(crate) struct CsvRows<'t> {
    reader: csv::Reader<&'t [u8]>,
    record: StringRecord,
    lines_before: u64,
    number: u64,
    empty_rows: u64,
    skip_blank: bool,
}

impl<'t> CsvRows<'t> {
    /// The rows of `reader`, whose header has been read; `lines_before` is
    /// how many lines of the file come before the reader's text.
    pub(crate) fn new(reader: csv::Reader<&'t [u8]>, lines_before: u64) -> CsvRows<'t> {
        CsvRows {
            reader,
            record: StringRecord::new(),
            lines_before,
            number: 0,
            empty_rows: 0,
            skip_blank: true,
        }
    }

    /// Hands all-blank rows over as rows (formats whose blank rows mean
    /// nothing and are not counted).
    pub(crate) fn with_blank_rows(mut self) -> CsvRows<'t> {
        self.skip_blank = false;
        self
    }

    /// The next row that is not all blank; `None` at the end.
    pub(crate) fn next_row(&mut self) -> Option<Row<'_>> {
        loop {
            let line_before = self.reader.position().line() + self.lines_before;
            let read = self.reader.read_record(&mut self.record);
            self.number += 1;
            let at = |line| RowAt {
                line,
                number: self.number,
            };
            match read {
                Ok(false) => return None,
                Err(e) => {
                    let reason =
                        format!("unreadable CSV record: {e}; expected delimited text fields");
                    return Some(Row::Bad(at(line_before), reason));
                }
                Ok(true) => {}
            }
            let line = self
                .record
                .position()
                .map_or(line_before, |p| p.line() + self.lines_before);
            if let Some(reason) = super::columns::row_problem(&self.record) {
                return Some(Row::Bad(at(line), reason));
            }
            if self.skip_blank && self.record.iter().all(|f| f.trim().is_empty()) {
                self.empty_rows += 1;
                continue;
            }
            return Some(Row::Fields(&self.record, at(line)));
        }
    }

    /// All-blank rows skipped so far.
    pub(crate) fn empty_rows(&self) -> u64 {
        self.empty_rows
    }
}

/// Why a row with another number of fields than the header is rejected.
pub(crate) fn width_reason(row: usize, header: usize) -> String {
    let what = if row < header { "too few" } else { "too many" };
    format!(
        "{what} fields: the row has {row} and the header {header} (an unquoted comma or a cut-off line?)"
    )
}

/// What a format makes of one row, in [`read_rows`].
pub(crate) type RowResult<C> = Result<Option<RawSession>, (C, String)>;

/// Reads every row of a one-session-per-row export: `parse` gives the
/// session (pushed into `batch`), `None` for a row the format skips on
/// purpose (it counts those itself), or the column and reason of a bad
/// value (rejected with the row's line). Unreadable and oversized rows are
/// rejected with their line. Returns the all-blank rows skipped, for the
/// format's note.
pub(crate) fn read_rows<C: AsRef<str>>(
    mut rows: CsvRows<'_>,
    ctx: &FileCtx,
    batch: &mut Batch,
    mut parse: impl FnMut(&StringRecord, RowAt, &mut Batch) -> RowResult<C>,
) -> u64 {
    while let Some(row) = rows.next_row() {
        match row {
            Row::Bad(at, reason) => batch.reject(ctx, at.line, "", reason),
            Row::Fields(record, at) => match parse(record, at, batch) {
                Ok(Some(session)) => batch.push(ctx, session),
                Ok(None) => {}
                Err((column, reason)) => batch.reject(ctx, at.line, column.as_ref(), reason),
            },
        }
    }
    rows.empty_rows()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(Option<Vec<String>>, RowAt)> {
        let mut reader = super::super::columns::reader(text);
        reader.headers().unwrap();
        let mut rows = CsvRows::new(reader, 0);
        let mut out = Vec::new();
        while let Some(row) = rows.next_row() {
            out.push(match row {
                Row::Fields(r, at) => (Some(r.iter().map(String::from).collect()), at),
                Row::Bad(at, _) => (None, at),
            });
        }
        out
    }

    #[test]
    fn rows_carry_their_line_and_number_with_blank_rows_counted() {
        let got = rows("a,b\n1,2\n,\n\"x\ny\",3\n4,5\n");
        let at = |line, number| RowAt { line, number };
        assert_eq!(got[0], (Some(vec!["1".into(), "2".into()]), at(2, 1)));
        assert_eq!(got[1].1, at(4, 3));
        assert_eq!(got[2], (Some(vec!["4".into(), "5".into()]), at(6, 4)));
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn an_oversized_row_is_bad_with_its_line() {
        let long = "x".repeat(super::super::limits::MAX_ROW_BYTES + 1);
        let got = rows(&format!("a\n1\n{long}\n2\n"));
        assert!(got[0].0.is_some());
        assert_eq!(got[1], (None, RowAt { line: 3, number: 2 }));
        assert!(got[2].0.is_some());
    }

    #[test]
    fn lines_before_the_text_are_added() {
        let mut reader = super::super::columns::reader("a\n1\n");
        reader.headers().unwrap();
        let mut rows = CsvRows::new(reader, 2);
        match rows.next_row() {
            Some(Row::Fields(_, at)) => assert_eq!(at.line, 4),
            other => panic!("{other:?}"),
        }
    }
}
