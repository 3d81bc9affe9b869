//! intervals.icu activity lists, one row per activity, into raw sessions:
//!
//! - the full "download activities CSV" (82 columns: `id,start_date_local,
//!   name,type,moving_time,...,icu_rpe,...,start_date,...`): the start is
//!   `start_date` (UTC) with the offset `start_date_local - start_date`
//!   when that is a real UTC offset, the duration `elapsed_time` in
//!   seconds, the session RPE `icu_rpe`, the sport `type` (Strava's names);
//! - the short display form of the activities table (`id,Type,Date,
//!   Distance,Moving Time,...`): `Date` is local wall-clock time, and
//!   without an elapsed time the moving time is the duration (noted).
//!
//! Names, descriptions and notes are never read: they are people's words.

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;

use csv::StringRecord;

use super::batch::{Batch, FileCtx};
use super::columns::{field, first_header, value, Column, Header};
use super::format::TextFormat;
use super::rows::{read_rows, width_reason, CsvRows};
use super::timefmt::parse_time;
use crate::model::{CompactString, Note, RawSession, SourceFormat, StartTime};

/// intervals.icu activity list CSV (full download or display form).
pub(crate) const FORMAT: TextFormat = TextFormat {
    kind: KIND,
    sniff,
    read,
};

/// The format's name in reports; ranked above the other CSV exports (it
/// carries a session RPE), below FIT and FitCSVTool.
pub(crate) const KIND: SourceFormat = SourceFormat::new("intervals_icu_csv", 2);

/// Whether a text is an intervals.icu activity list: the full download
/// (`start_date_local` and intervals.icu's own `icu_*` columns) or the
/// display form (`id`, `Type`, `Date` and `Moving Time` or `Elapsed Time`;
/// no `filename`, which marks Strava's legacy `activities.csv`).
pub(crate) fn sniff(text: &str) -> bool {
    first_header(text).is_some_and(|h| is_full(&h) || is_display(&h))
}

fn is_full(header: &Header) -> bool {
    let names = || {
        header
            .raw
            .iter()
            .map(|n| super::columns::normalize_header(n))
    };
    header.find("start_date_local").is_some() && names().any(|n| n.starts_with("icu_"))
}

fn is_display(header: &Header) -> bool {
    header.missing(&["id", "type", "date"]).is_empty()
        && (header.find("moving_time").is_some() || header.find("elapsed_time").is_some())
        && header.find("filename").is_none()
}

/// Reads the activities of an intervals.icu list into `batch`; `Err`
/// rejects the whole file (no start or no duration column).
pub(crate) fn read(text: &str, ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
    let (reader, header) = super::columns::with_header(text)?;
    let cols = Columns::find(&header)?;
    let mut tally = Tally::default();
    let rows = CsvRows::new(reader, 0);
    let empty_rows = read_rows(rows, ctx, batch, |record, at, batch| {
        parse_row(record, &cols, ctx, at.number, at.line, batch, &mut tally).map(Some)
    });
    tally.notes(&cols, ctx, batch);
    batch.note_empty_rows(ctx, empty_rows);
    Ok(())
}

/// Where the columns this reader uses are.
struct Columns {
    width: usize,
    id: Option<usize>,
    sport: Option<usize>,
    /// `start_date`: UTC.
    utc: Option<Column>,
    /// `start_date_local` or the display form's `Date`: local wall-clock time.
    local: Option<Column>,
    elapsed: Option<Column>,
    moving: Option<Column>,
    rpe: Option<Column>,
}

impl Columns {
    fn find(header: &Header) -> Result<Columns, String> {
        let col = |names: &[&str]| Column::find(header, names);
        let cols = Columns {
            width: header.raw.len(),
            id: header.find("id"),
            sport: header.find("type"),
            utc: col(&["start_date"]),
            local: col(&["start_date_local", "date"]),
            elapsed: col(&["elapsed_time"]),
            moving: col(&["moving_time"]),
            rpe: col(&["icu_rpe", "rpe"]),
        };
        if cols.utc.is_none() && cols.local.is_none() {
            return Err("intervals.icu list without a start column; expected 'start_date_local' and 'start_date' (full download) or 'Date' (display form)".into());
        }
        if cols.elapsed.is_none() && cols.moving.is_none() {
            return Err("intervals.icu list without a duration column; expected 'elapsed_time' or 'Moving Time'".into());
        }
        Ok(cols)
    }
}

/// What the file's rows needed beyond their values, for its notes.
#[derive(Debug, Default)]
struct Tally {
    /// Sessions whose duration is the moving time.
    moving: u64,
    /// Sessions whose local start gave no real UTC offset, and an example.
    unusable_offsets: u64,
    offset_example: String,
}

impl Tally {
    fn notes(&self, cols: &Columns, ctx: &FileCtx, batch: &mut Batch) {
        if self.moving > 0 {
            let moving = cols.moving.as_ref().map_or("moving time", |c| &c.name);
            let why = match &cols.elapsed {
                None => "the list has no elapsed time column".to_string(),
                Some(c) => format!("{} is empty", c.name),
            };
            let detail = format!(
                "{why}: the duration of {} session(s) is {moving} (time in motion: pauses are left out)",
                self.moving
            );
            batch
                .notes
                .push(Note::file("duration_fallback", ctx.shown, 0, detail));
        }
        if self.unusable_offsets > 0 {
            let detail = format!(
                "{} session(s): start_date_local - start_date is not a whole quarter hour within 14 h (e.g. {}); their start is read as UTC and placed with the roster's timezone",
                self.unusable_offsets, self.offset_example
            );
            batch
                .notes
                .push(Note::file("unusable_utc_offset", ctx.shown, 0, detail));
        }
    }
}

/// A row problem: the column (as written in the header) and the reason.
type RowError = (String, String);

fn parse_row(
    rec: &StringRecord,
    cols: &Columns,
    ctx: &FileCtx,
    row_no: u64,
    line: u64,
    batch: &mut Batch,
    tally: &mut Tally,
) -> Result<RawSession, RowError> {
    if rec.len() != cols.width {
        return Err((String::new(), width_reason(rec.len(), cols.width)));
    }
    let start = read_start(rec, cols, tally)?;
    let duration_s = read_duration(rec, cols, tally)?;
    let session_id: CompactString = match field(rec, cols.id) {
        "" => compact_str::format_compact!("{}:{row_no}", ctx.id_prefix),
        id => id.into(),
    };
    let rpe = (cols.rpe.as_ref())
        .and_then(|col| batch.export_rpe(col.get(rec), &col.name, ctx, (line, &session_id)));
    Ok(RawSession {
        session_id,
        athlete_id: CompactString::default(),
        start,
        duration_s,
        modality: None,
        sport: field(rec, cols.sport).into(),
        sub_sport: CompactString::default(),
        rpe,
        to_failure: None,
        strength: Default::default(),
        planned: false,
        wall_clock_end: None,
        source: ctx.source,
        line,
    })
}

/// The start: `start_date` (UTC) with the offset `start_date_local` gives
/// it when that is a real one, else UTC alone; the local time alone when
/// there is no UTC one (the display form).
fn read_start(
    rec: &StringRecord,
    cols: &Columns,
    tally: &mut Tally,
) -> Result<StartTime, RowError> {
    let text = |col: &Option<Column>| value(rec, col);
    let unreadable = |col: &Column, value: &str, expected: &str| {
        let reason = format!(
            "{} '{value}' is not a date-time; expected {expected}",
            col.name
        );
        (col.name.clone(), reason)
    };
    let (utc_text, local_text) = (text(&cols.utc), text(&cols.local));
    let local = match (&cols.local, local_text) {
        (Some(col), value) if !value.is_empty() => Some(parse_time(value).ok_or_else(|| {
            unreadable(col, value, "a local date-time like '2023-09-24T14:07:17'")
        })?),
        _ => None,
    };
    let utc_us = match (&cols.utc, utc_text) {
        (Some(col), value) if !value.is_empty() => Some(match parse_time(value) {
            Some(StartTime::Instant { utc_us, .. }) => utc_us,
            Some(StartTime::Naive(n)) => n.and_utc().timestamp_micros(),
            _ => {
                return Err(unreadable(
                    col,
                    value,
                    "a UTC date-time like '2023-09-24T12:07:17Z'",
                ))
            }
        }),
        _ => None,
    };
    match (utc_us, local) {
        (Some(utc_us), Some(StartTime::Naive(local))) => {
            let offset_us = local.and_utc().timestamp_micros() - utc_us;
            let offset_s = (offset_us % 1_000_000 == 0)
                .then_some(offset_us / 1_000_000)
                .and_then(crate::model::sane_offset_s);
            if let Some(offset_s) = offset_s {
                return Ok(StartTime::Instant { utc_us, offset_s });
            }
            if tally.unusable_offsets == 0 {
                tally.offset_example = format!("'{local_text}' - '{utc_text}'");
            }
            tally.unusable_offsets += 1;
            Ok(StartTime::Utc(utc_us))
        }
        (Some(utc_us), _) => Ok(StartTime::Utc(utc_us)),
        (None, Some(local)) => Ok(local),
        (None, None) => {
            let col = cols.utc.as_ref().or(cols.local.as_ref());
            let name = col.map_or(String::new(), |c| c.name.clone());
            Err((
                name.clone(),
                format!("{name} is empty; expected the activity's start date-time"),
            ))
        }
    }
}

/// Elapsed seconds, else moving seconds (counted for the file's note).
fn read_duration(rec: &StringRecord, cols: &Columns, tally: &mut Tally) -> Result<f64, RowError> {
    for (col, moving) in [(&cols.elapsed, false), (&cols.moving, true)] {
        let Some(col) = col else { continue };
        let text = col.get(rec);
        if text.is_empty() {
            continue;
        }
        return match crate::ingest::columns::clock_s(text) {
            Some(s) => {
                tally.moving += u64::from(moving);
                Ok(s)
            }
            None => Err((
                col.name.clone(),
                format!(
                    "{} '{text}' is not a number of seconds >= 0; expected e.g. 5790 or 1:36:30",
                    col.name
                ),
            )),
        };
    }
    let names: Vec<&str> = [&cols.elapsed, &cols.moving]
        .into_iter()
        .flatten()
        .map(|c| c.name.as_str())
        .collect();
    let first = names.first().copied().unwrap_or_default().to_string();
    Err((
        first,
        format!(
            "no duration: {} empty; expected the activity's seconds",
            names.join(" and ")
        ),
    ))
}
