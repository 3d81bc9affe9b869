//! Garmin Connect "Export CSV" activity lists: recognising them (header in
//! any supported language, possibly under a title line as in the 2012
//! layout) and turning each row into a raw session with a local wall-clock
//! start, the elapsed time (else the list's time, else moving time) and the
//! activity type as the sport. Titles and the other columns are never read.

mod dates;
mod duration;
mod names;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use csv::StringRecord;

use super::batch::{Batch, FileCtx};
use super::columns::{field, reader_with, Column, Header};
use super::format::TextFormat;
use super::rows::{
    width_reason, CsvRows,
    Row::{Bad, Fields},
};
use super::text::sniff_delimiter;
use crate::model::{Note, RawSession, SourceFormat};
use dates::SlashOrder;
use duration::{is_missing, parse_duration_s, Reading};
use names::Columns;

/// Lines searched for the header: the 2012 layout has a title and a blank line first.
const HEADER_SEARCH_LINES: usize = 3;

/// Garmin Connect activity list export.
pub(crate) const FORMAT: TextFormat = TextFormat {
    kind: KIND,
    sniff,
    read,
};

/// The format's name in reports.
pub(crate) const KIND: SourceFormat = SourceFormat::new("garmin_connect_csv", 1);

/// Whether a text is a Garmin Connect activity list: within its first lines,
/// a row with an activity-type and a date column name of some supported language.
pub(crate) fn sniff(text: &str) -> bool {
    find_header(text).is_some()
}

/// Reads the activities of a Garmin Connect list into `batch`; `Err` rejects
/// the whole file (no header, or no duration column).
pub(crate) fn read(text: &str, ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
    let text = unix_newlines(text);
    let found = find_header(&text).ok_or_else(|| {
        format!("no Garmin Connect header (activity type and date columns) in the first {HEADER_SEARCH_LINES} lines")
    })?;
    let cols = Columns::find(&found.header)?;
    let (rows, empty_rows) = data_rows(&text[found.offset..], found.delimiter, found.lines_before);
    let conv = Conventions::detect(&rows, &cols);
    let mut used = vec![0u64; cols.durations.len()];
    for row in &rows {
        match parse_row(row, &cols, &conv, ctx, batch) {
            Ok((session, which)) => {
                used[which] += 1;
                batch.push(ctx, session);
            }
            Err((column, reason)) => batch.reject(ctx, row.line, &column, reason),
        }
    }
    note_guessed_readings(&cols, &conv, &used, ctx, batch);
    batch.note_empty_rows(ctx, empty_rows);
    Ok(())
}

/// The text with `\n` line ends only: the csv crate dates a record that
/// follows a `\r\n` to the line before, which would make every line number
/// of a Windows-written export one too small.
fn unix_newlines(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Where the header row is and how the file is delimited.
struct FoundHeader {
    header: Header,
    /// Byte offset of the header line.
    offset: usize,
    /// Lines before the header line (a title and a blank line in 2012).
    lines_before: u64,
    delimiter: u8,
}

fn find_header(text: &str) -> Option<FoundHeader> {
    let mut offset = 0;
    for (lines_before, line) in text
        .split_inclusive('\n')
        .take(HEADER_SEARCH_LINES)
        .enumerate()
    {
        let rest = &text[offset..];
        let delimiter = sniff_delimiter(rest);
        let mut reader = reader_with(rest, delimiter);
        if let Ok(record) = reader.headers() {
            let header = Header::new(record);
            if names::is_header(&header) {
                let lines_before = lines_before as u64;
                return Some(FoundHeader {
                    header,
                    offset,
                    lines_before,
                    delimiter,
                });
            }
        }
        offset += line.len();
    }
    None
}

/// One data record with where it is.
struct Row {
    /// Line of the record in the file.
    line: u64,
    /// Data record number (1 = first after the header), for derived ids.
    row_no: u64,
    /// The fields, or why the record could not be read.
    fields: Result<StringRecord, String>,
}

/// The records after the header line of `text`, and how many were blank.
fn data_rows(text: &str, delimiter: u8, lines_before: u64) -> (Vec<Row>, u64) {
    let mut rows = CsvRows::new(reader_with(text, delimiter), lines_before);
    let mut out = Vec::new();
    while let Some(row) = rows.next_row() {
        out.push(match row {
            Fields(record, at) => Row {
                line: at.line,
                row_no: at.number,
                fields: Ok(record.clone()),
            },
            Bad(at, reason) => Row {
                line: at.line,
                row_no: at.number,
                fields: Err(reason),
            },
        });
    }
    (out, rows.empty_rows())
}

/// How this file writes dates and durations, decided from all its rows.
struct Conventions {
    slash_order: SlashOrder,
    /// One per duration column, in the order of `Columns::durations`.
    readings: Vec<Reading>,
}

impl Conventions {
    fn detect(rows: &[Row], cols: &Columns) -> Conventions {
        let values = |column: &Column| {
            let index = column.index;
            rows.iter()
                .filter_map(move |r| r.fields.as_ref().ok())
                .filter_map(move |f| f.get(index))
        };
        Conventions {
            slash_order: SlashOrder::detect(values(&cols.date)),
            readings: cols
                .durations
                .iter()
                .map(|c| Reading::detect(values(c)))
                .collect(),
        }
    }
}

/// A row problem: the column (as written) and what was wrong and expected.
type RowError = (String, String);

/// A session from a row, and which duration column gave its duration.
fn parse_row(
    row: &Row,
    cols: &Columns,
    conv: &Conventions,
    ctx: &FileCtx,
    batch: &mut Batch,
) -> Result<(RawSession, usize), RowError> {
    let rec = row
        .fields
        .as_ref()
        .map_err(|e| (String::new(), e.clone()))?;
    if rec.len() != cols.width {
        return Err((String::new(), width_reason(rec.len(), cols.width)));
    }
    let date_text = field(rec, Some(cols.date.index));
    let start = dates::parse_start(date_text, conv.slash_order).ok_or_else(|| {
        let name = &cols.date.name;
        (
            name.clone(),
            format!(
                "{name} '{date_text}' is not a date-time; {}",
                dates::EXPECTED
            ),
        )
    })?;
    let (duration_s, which) = row_duration(rec, cols, conv)?;
    let session_id = match cols.id.as_ref().map(|c| field(rec, Some(c.index))) {
        Some(id) if !is_missing(id) => id.to_string(),
        _ => format!("{}:{}", ctx.id_prefix, row.row_no),
    };
    if which > 0 {
        note_fallback(cols, which, rec, row.line, &session_id, ctx, batch);
    }
    let sport = field(rec, Some(cols.sport.index));
    let session = RawSession {
        session_id: session_id.into(),
        athlete_id: crate::model::CompactString::default(),
        start,
        duration_s,
        modality: None,
        sport: if is_missing(sport) { "" } else { sport }.into(),
        sub_sport: crate::model::CompactString::default(),
        rpe: None,
        to_failure: None,
        strength: Default::default(),
        planned: false,
        wall_clock_end: None,
        source: ctx.source,
        line: row.line,
    };
    Ok((session, which))
}

/// The first duration column with a value: its seconds and its position.
fn row_duration(
    rec: &StringRecord,
    cols: &Columns,
    conv: &Conventions,
) -> Result<(f64, usize), RowError> {
    for (which, (column, reading)) in cols.durations.iter().zip(&conv.readings).enumerate() {
        let text = field(rec, Some(column.index));
        if is_missing(text) {
            continue;
        }
        return match parse_duration_s(text, reading.two_part) {
            Some(s) => Ok((s, which)),
            None => Err((
                column.name.clone(),
                format!(
                    "{} '{text}' is not a duration; {}",
                    column.name,
                    duration::EXPECTED
                ),
            )),
        };
    }
    let tried: Vec<&str> = cols.durations.iter().map(|c| c.name.as_str()).collect();
    Err((
        tried.first().copied().unwrap_or_default().to_string(),
        format!(
            "no duration: {} empty or '--'; {}",
            tried.join(", "),
            duration::EXPECTED
        ),
    ))
}

/// Notes that a row's duration came from a less wanted column.
fn note_fallback(
    cols: &Columns,
    which: usize,
    rec: &StringRecord,
    line: u64,
    session_id: &str,
    ctx: &FileCtx,
    batch: &mut Batch,
) {
    let (wanted, used) = (&cols.durations[0], &cols.durations[which]);
    let detail = format!(
        "{} is '{}'; the duration is {} '{}'",
        wanted.name,
        field(rec, Some(wanted.index)),
        used.name,
        field(rec, Some(used.index))
    );
    let mut note = Note::file("duration_fallback", ctx.shown, line, detail);
    note.session_id = session_id.to_string();
    batch.notes.push(note);
}

/// Notes each used duration column whose two-part values had to be guessed.
fn note_guessed_readings(
    cols: &Columns,
    conv: &Conventions,
    used: &[u64],
    ctx: &FileCtx,
    batch: &mut Batch,
) {
    for ((column, reading), &count) in cols.durations.iter().zip(&conv.readings).zip(used) {
        if !reading.guessed || count == 0 {
            continue;
        }
        let meaning = match reading.two_part {
            duration::TwoPart::MinSec => "minutes:seconds (some values start at 10 or more)",
            duration::TwoPart::HourMin => "hours:minutes (no value starts at 10 or more)",
        };
        let detail = format!(
            "{} has only two-part values (hours:minutes or minutes:seconds); read as {meaning} for {count} session(s)",
            column.name
        );
        batch
            .notes
            .push(Note::file("duration_guessed", ctx.shown, 0, detail));
    }
}
