//! Strava bulk-export `activities.csv`: the modern layout (79, 80 or 94
//! columns, some with HTML `translation_missing` spans in the header) and the
//! legacy 10-column layout. Owns recognising these files and turning each
//! activity row into a raw session: UTC start, elapsed seconds, activity type
//! as the sport, the athlete's `Perceived Exertion` (1-10) as the session
//! RPE. Titles, descriptions and gear are never read, so they cannot
//! leak into reports (they are real people's words).

use chrono::NaiveDateTime;
use csv::StringRecord;

use super::batch::{Batch, FileCtx};
use super::columns::{field, reader, Header};
use super::format::TextFormat;
use super::rows::{read_rows, width_reason, CsvRows};
use crate::model::{RawSession, SourceFormat, StartTime};

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;

/// Normalised header names (`columns::normalize_header`): modern, then legacy.
const ID: [&str; 2] = ["activity_id", "id"];
const DATE: [&str; 2] = ["activity_date", "date"];
const TYPE: [&str; 2] = ["activity_type", "type"];
/// `Elapsed Time` and legacy `elapsed_time` normalise alike.
const ELAPSED: [&str; 1] = ["elapsed_time"];
/// The athlete's own 1-10 rating of the activity, read as the session RPE
/// (not `Perceived Relative Effort`, a heart-rate score).
const PERCEIVED_EXERTION: [&str; 1] = ["perceived_exertion"];

/// Columns that together mark the modern layout.
const MODERN: [&str; 3] = ["activity_id", "activity_date", "activity_type"];
/// Columns that together mark the legacy layout; `filename` (the activity
/// file inside the export) is what sets it apart from any other `id,date` list.
const LEGACY: [&str; 5] = ["id", "date", "type", "elapsed_time", "filename"];

/// Forms of `Activity Date`, all UTC: en-US (modern), legacy, then en-GB and
/// ISO in case an export was made with another locale.
const DATE_FORMATS: [&str; 5] = [
    "%b %d, %Y, %I:%M:%S %p",
    "%Y-%m-%d %H:%M:%S",
    "%d %b %Y, %H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%S",
];

/// What `Activity Date` should look like, for messages.
const EXPECTED_DATE: &str =
    "expected a UTC date-time like 'Oct 6, 2022, 11:19:20 PM' or '2014-09-12 16:54:28'";

/// Strava bulk-export `activities.csv`.
pub(crate) const FORMAT: TextFormat = TextFormat {
    kind: KIND,
    sniff,
    read,
};

/// The format's name in reports.
pub(crate) const KIND: SourceFormat = SourceFormat::new("strava_csv", 1);

/// Whether a text is a Strava `activities.csv` (modern or legacy layout).
pub(crate) fn sniff(text: &str) -> bool {
    let mut r = reader(text);
    r.headers().is_ok_and(|h| {
        let header = clean_header(h);
        header.missing(&MODERN).is_empty() || header.missing(&LEGACY).is_empty()
    })
}

/// Reads the activities of a Strava `activities.csv` into `batch`; `Err`
/// rejects the whole file (no date or elapsed-time column).
pub(crate) fn read(text: &str, ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
    let mut reader = reader(text);
    let header = clean_header(
        reader
            .headers()
            .map_err(|e| format!("unreadable header: {e}"))?,
    );
    let cols = Columns::find(&header)?;
    let rows = CsvRows::new(reader, 0);
    let empty_rows = read_rows(rows, ctx, batch, |record, at, batch| {
        parse_row(record, &cols, ctx, (at.number, at.line), batch).map(Some)
    });
    batch.note_empty_rows(ctx, empty_rows);
    Ok(())
}

/// The header with HTML tags removed from its cells: old exports wrap some
/// names in `<span class="translation_missing" ...>Type</span>`.
fn clean_header(record: &StringRecord) -> Header {
    let cells: Vec<String> = record.iter().map(strip_tags).collect();
    Header::new(&cells.iter().map(String::as_str).collect())
}

/// The text of a cell outside `<...>` tags (unchanged when it has none).
fn strip_tags(cell: &str) -> String {
    if !(cell.contains('<') && cell.contains('>')) {
        return cell.to_string();
    }
    let mut text = String::with_capacity(cell.len());
    let mut in_tag = false;
    for c in cell.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Positions of the columns read, each the first of its name: five names
/// appear twice with other units, and the first is the documented one.
struct Columns {
    width: usize,
    id: Option<usize>,
    sport: Option<usize>,
    date: usize,
    date_name: String,
    elapsed: usize,
    elapsed_name: String,
    /// `Perceived Exertion`, with its name as written.
    rpe: Option<(usize, String)>,
}

impl Columns {
    fn find(header: &Header) -> Result<Columns, String> {
        let first = |names: &[&str]| names.iter().find_map(|n| header.find(n));
        let name = |i: usize| header.raw.get(i).cloned().unwrap_or_default();
        match (first(&DATE), first(&ELAPSED)) {
            (Some(date), Some(elapsed)) => Ok(Columns {
                width: header.raw.len(),
                id: first(&ID),
                sport: first(&TYPE),
                date,
                date_name: name(date),
                elapsed,
                elapsed_name: name(elapsed),
                rpe: first(&PERCEIVED_EXERTION).map(|i| (i, name(i))),
            }),
            (date, _) => {
                let missing = if date.is_none() {
                    "Activity Date"
                } else {
                    "Elapsed Time"
                };
                Err(format!(
                    "Strava activities.csv without an '{missing}' column; expected the bulk-export layout"
                ))
            }
        }
    }
}

/// A row problem: the column (as written in the header) and the reason.
type RowError<'c> = (&'c str, String);

/// A row as a raw session; `at` is its row number and line.
fn parse_row<'c>(
    rec: &StringRecord,
    cols: &'c Columns,
    ctx: &FileCtx,
    (row_no, line): (u64, u64),
    batch: &mut Batch,
) -> Result<RawSession, RowError<'c>> {
    if rec.len() != cols.width {
        return Err(("", width_reason(rec.len(), cols.width)));
    }
    let date_text = field(rec, Some(cols.date));
    let utc_us = parse_activity_date(date_text).ok_or_else(|| {
        let reason = format!(
            "{} '{date_text}' is not a date-time; {EXPECTED_DATE}",
            cols.date_name
        );
        (cols.date_name.as_str(), reason)
    })?;
    let duration_s = parse_elapsed_s(field(rec, Some(cols.elapsed)), &cols.elapsed_name)
        .map_err(|reason| (cols.elapsed_name.as_str(), reason))?;
    let session_id = match field(rec, cols.id) {
        "" => format!("{}:{row_no}", ctx.id_prefix),
        id => id.to_string(),
    };
    let rpe = (cols.rpe.as_ref()).and_then(|(i, name)| {
        batch.export_rpe(field(rec, Some(*i)), name, ctx, (line, &session_id))
    });
    Ok(RawSession {
        session_id: session_id.into(),
        athlete_id: crate::model::CompactString::default(),
        start: StartTime::Utc(utc_us),
        duration_s,
        modality: None,
        sport: field(rec, cols.sport).into(),
        sub_sport: crate::model::CompactString::default(),
        rpe,
        to_failure: None,
        strength: Default::default(),
        planned: false,
        wall_clock_end: None,
        source: ctx.source,
        line,
    })
}

/// An `Activity Date` as microseconds since the Unix epoch (it is UTC).
fn parse_activity_date(text: &str) -> Option<i64> {
    // Newer ICU data puts a narrow no-break space before AM/PM.
    let text = text.trim().replace(['\u{202f}', '\u{a0}'], " ");
    DATE_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())
        .map(|t| t.and_utc().timestamp_micros())
}

/// Elapsed seconds (a whole or decimal number >= 0); `name` is the column's.
fn parse_elapsed_s(text: &str, name: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s >= 0.0 => Ok(s),
        _ if text.is_empty() => Err(format!("{name} is empty; expected the elapsed seconds")),
        _ => Err(format!(
            "{name} '{text}' is not a number of seconds >= 0; expected e.g. 1876"
        )),
    }
}
