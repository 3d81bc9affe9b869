//! The canonical sessions CSV (README "Canonical sessions CSV"): one row per
//! session, columns found by name, each malformed row rejected with a reason.

use super::batch::{Batch, FileCtx};
use super::columns::{field, first_header, Fields, Header};
use super::format::TextFormat;
use super::records::Records;
use super::split::{engine_chunks, Ambiguous, Chunk, QuotedScan, Start};
use super::timefmt::{parse_time, seconds_between, EXPECTED_TIME};
use crate::model::{
    parse_flag, CompactString, Modality, Note, RawSession, SourceFormat, StartTime,
};
use numbers::{parse_duration, read_rpe, RowError};
use rayon::prelude::*;

/// Columns a canonical file must have (besides a duration and a modality or sport).
const REQUIRED: [&str; 2] = ["athlete_id", "start"];

/// The canonical sessions CSV.
pub(crate) const FORMAT: TextFormat = TextFormat {
    kind: KIND,
    sniff,
    read,
};

/// The format's name in reports.
pub(crate) const KIND: SourceFormat = SourceFormat::new("canonical_csv", 1);

/// Whether a text looks like a canonical sessions CSV (has athlete_id and start).
pub(crate) fn sniff(text: &str) -> bool {
    first_header(text).is_some_and(|h| h.missing(&REQUIRED).is_empty())
}

/// Why a text that no reader recognised is not a sessions CSV.
pub(crate) fn not_canonical_reason(text: &str) -> String {
    if let Some(track) = gps_track(text) {
        return track.into();
    }
    if let Some(problem) = super::columns::header_problem(text) {
        return problem;
    }
    match first_header(text) {
        None => "empty file; expected a header row and sessions".into(),
        Some(header) => match Columns::find(&header) {
            Err(reason) => reason,
            Ok(_) => "not a recognised sessions file".into(),
        },
    }
}

/// Why an XML text is no session list, when it is a GPS track (GPX) or a
/// Garmin TCX file: concur reads sessions, which those hold only as points.
fn gps_track(text: &str) -> Option<&'static str> {
    let head = &text[..text.floor_char_boundary(4096)];
    // The text comes decoded, its byte-order mark already gone.
    if !head.trim_start().starts_with('<') {
        return None;
    }
    if head.contains("<gpx") {
        Some("a GPX track (GPS points), not a session list; expected the activity's .fit file or the platform's activity list (Strava activities.csv, Garmin Connect Activities.csv)")
    } else if head.contains("<TrainingCenterDatabase") {
        Some("a TCX file, not read; expected the activity's .fit file or the platform's activity list (Strava activities.csv, Garmin Connect Activities.csv)")
    } else {
        None
    }
}

/// Reads a canonical sessions CSV into `batch`; `Err` rejects the whole file.
pub(crate) fn read(text: &str, ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
    let (mut reader, header) = super::columns::with_header(text)?;
    read_canonical(text, &mut reader, &header, ctx, batch)
}

/// Where the canonical columns are in a header (shared with the Parquet reader).
pub(super) struct Columns {
    width: usize,
    session_id: Option<usize>,
    athlete_id: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    duration_min: Option<usize>,
    duration_s: Option<usize>,
    modality: Option<usize>,
    sport: Option<usize>,
    sub_sport: Option<usize>,
    rpe: Option<usize>,
    to_failure: Option<usize>,
}

impl Columns {
    /// Finds the columns, or says which required ones are missing.
    pub(super) fn find(header: &Header) -> Result<Columns, String> {
        let mut missing: Vec<String> = header
            .missing(&REQUIRED)
            .iter()
            .map(|s| s.to_string())
            .collect();
        let f = |n: &str| header.find(n);
        if f("end").is_none() && f("duration_min").is_none() && f("duration_s").is_none() {
            missing.push("one of end / duration_min / duration_s".into());
        }
        if !missing.is_empty() {
            return Err(format!(
                "not a sessions CSV: missing column(s) {} (found: {})",
                missing.join(", "),
                header.raw.join(", ")
            ));
        }
        Ok(Columns {
            width: header.raw.len(),
            session_id: f("session_id"),
            athlete_id: f("athlete_id"),
            start: f("start"),
            end: f("end"),
            duration_min: f("duration_min"),
            duration_s: f("duration_s"),
            modality: f("modality"),
            sport: f("sport"),
            sub_sport: f("sub_sport"),
            rpe: f("rpe"),
            to_failure: f("to_failure"),
        })
    }
}

/// Reads the records after `header` into `batch`; `Err` rejects the whole
/// file.
fn read_canonical(
    text: &str,
    reader: &mut csv::Reader<&[u8]>,
    header: &Header,
    ctx: &FileCtx,
    batch: &mut Batch,
) -> Result<(), String> {
    let cols = Columns::find(header)?;
    let body_start = (reader.position().byte() as usize).min(text.len());
    let body = Body {
        text,
        start: body_start,
        line: reader.position().line(),
        delimiter: super::text::sniff_delimiter(text),
        lines: Lines::Text,
    };
    let empty_rows = read_body(&body, &cols, ctx, batch);
    batch.note_empty_rows(ctx, empty_rows);
    Ok(())
}

/// How a row's `line` is reported: its line in the text, or its row number
/// (a Parquet file's rows, which have no lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lines {
    /// The line where the record starts.
    Text,
    /// The record's number, the header not counted.
    Rows,
}

/// The records of a sessions table after its header.
pub(super) struct Body<'t> {
    /// The whole text.
    pub(crate) text: &'t str,
    /// Where the records start (after the header).
    pub(crate) start: usize,
    /// The line at `start`.
    pub(crate) line: u64,
    /// The sniffed delimiter.
    pub(crate) delimiter: u8,
    /// How rows' lines are reported.
    pub(crate) lines: Lines,
}

/// Reads the records of `body` into `batch`; returns the empty rows
/// skipped. A large text is read in parallel chunks (`split`).
pub(super) fn read_body(body: &Body, cols: &Columns, ctx: &FileCtx, batch: &mut Batch) -> u64 {
    let (text, delimiter) = (body.text, body.delimiter);
    let records_bytes = &text.as_bytes()[body.start..];
    // A text without quotes is cut at line ends at no cost, so it is split
    // from a smaller size: the threads then share the files evenly.
    let quote_free = records_bytes.len() > batch.split_quote_free_bytes
        && super::split::quote_free(records_bytes, &batch.pages);
    if !quote_free && !batch.splits(records_bytes.len()) {
        let mut records = Records::new(text, body.start, body.line, delimiter);
        return read_rows(&mut records, 0, cols, ctx, batch, body.lines);
    }
    // Never chunks larger than the size that splits (small in tests).
    let split_bytes = batch.split_bytes.min(batch.split_quote_free_bytes);
    let chunk_bytes = super::split::CHUNK_BYTES.min(split_bytes.max(1));
    let read_chunk = |chunk: &Chunk| {
        let mut part = batch.fork();
        let mut records = Records::new(chunk.text, 0, chunk.first_line, delimiter);
        let before = chunk.records_before;
        let empty = read_rows(&mut records, before, cols, ctx, &mut part, body.lines);
        part.finish_chunk(ctx);
        (part, empty)
    };
    let pages = &batch.pages;
    let read: Vec<ChunkRead> = match quote_free {
        // Each chunk is read as soon as the scan for quotes has passed its
        // end, while the scan goes on: the scan is one thread's pass over
        // the whole text, which the other threads would otherwise wait for.
        false => {
            let scan = QuotedScan::new(text, body.start, delimiter, chunk_bytes, pages);
            let read: Vec<(usize, Result<ChunkRead, Ambiguous>)> = scan
                .enumerate()
                .par_bridge()
                .map(|(i, chunk)| (i, chunk.map(|c| read_chunk(&c))))
                .collect();
            let (mut read, ambiguous) = in_order(read);
            if let Some(Ambiguous { rest }) = ambiguous {
                let rest = engine_chunks(text, rest, delimiter, chunk_bytes, false, pages);
                read.extend(rest.par_iter().map(read_chunk).collect::<Vec<_>>());
            }
            read
        }
        true => {
            let body = Start::body(text, body.start);
            let chunks = engine_chunks(text, body, delimiter, chunk_bytes, true, pages);
            chunks.par_iter().map(read_chunk).collect()
        }
    };
    read.into_iter().fold(0, |empty_rows, (part, empty)| {
        batch.absorb(part);
        empty_rows + empty
    })
}

/// A chunk's records read into a batch of its own, and its empty rows.
type ChunkRead = (Batch, u64);

/// The chunks' results by their place in the text, up to where the scan
/// stopped at an ambiguous quote, if it did (the last of them).
fn in_order<T>(mut read: Vec<(usize, Result<T, Ambiguous>)>) -> (Vec<T>, Option<Ambiguous>) {
    read.sort_unstable_by_key(|(i, _)| *i);
    let mut ambiguous = None;
    let mut results = Vec::with_capacity(read.len());
    for (_, result) in read {
        match result {
            Ok(result) => results.push(result),
            Err(stop) => ambiguous = Some(stop),
        }
    }
    (results, ambiguous)
}

/// Reads the records into `batch`; `row_no` is the records of the file
/// before them, `lines` how their lines are reported. Returns the empty
/// rows skipped.
fn read_rows(
    records: &mut Records,
    mut row_no: u64,
    cols: &Columns,
    ctx: &FileCtx,
    batch: &mut Batch,
    lines: Lines,
) -> u64 {
    // At most one session per line: one allocation instead of a doubling
    // series.
    let mut line_ends = 0;
    let pages = batch.pages.clone();
    pages.windows(records.rest().as_bytes(), |w| {
        line_ends += memchr::memchr_iter(b'\n', w).count()
    });
    // Exactly enough room, never less: one session more than the room
    // would copy every session of the file into a list twice as large.
    batch.expect_records(line_ends + 1);
    let mut empty_rows = 0u64;
    // What lies before the next record is read and handed back.
    let mut read_from = records.rest().as_ptr() as usize;
    loop {
        let unread = records.rest().as_ptr() as usize;
        if unread - read_from >= super::bytes::FORGET_BYTES {
            pages.forget_range(read_from, unread);
            read_from = unread;
        }
        let Some(record) = records.next_record() else {
            break;
        };
        row_no += 1;
        let line = match lines {
            Lines::Text => record.line(),
            Lines::Rows => row_no,
        };
        if let Some(reason) = super::columns::row_problem(record) {
            batch.reject(ctx, line, "", reason);
            continue;
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            empty_rows += 1;
            continue;
        }
        match parse_row(record, cols, ctx, row_no, line, batch) {
            Ok(session) => batch.push(ctx, session),
            Err((column, reason)) => batch.reject(ctx, line, column, reason),
        }
    }
    pages.forget_range(read_from, records.rest().as_ptr() as usize);
    empty_rows
}

/// Checks one record (cells as text) and turns it into a session, noting
/// unreadable optional values; `Err` rejects the row. `line` is reported.
pub(super) fn parse_row(
    rec: &impl Fields,
    cols: &Columns,
    ctx: &FileCtx,
    row_no: u64,
    line: u64,
    batch: &mut Batch,
) -> Result<RawSession, RowError> {
    if rec.count() != cols.width {
        let what = if rec.count() < cols.width {
            "too few"
        } else {
            "too many"
        };
        return Err(("", format!(
            "{what} fields: the row has {} and the header {} (an unquoted delimiter or a cut-off line?)",
            rec.count(),
            cols.width
        )));
    }
    let athlete_id = field(rec, cols.athlete_id);
    if athlete_id.is_empty() {
        return Err((
            "athlete_id",
            "athlete_id is empty; expected an athlete id".into(),
        ));
    }
    let start_text = field(rec, cols.start);
    let start = parse_time(start_text).ok_or_else(|| {
        (
            "start",
            format!("start '{start_text}' is not a date-time; {EXPECTED_TIME}"),
        )
    })?;
    let duration_s = read_duration(rec, cols, &start)?;
    let wall_clock_end = match (start, field(rec, cols.end)) {
        // Only a local end measured from a local start needs the zone (DST).
        (StartTime::Naive(_), end)
            if field(rec, cols.duration_s).is_empty()
                && field(rec, cols.duration_min).is_empty() =>
        {
            match parse_time(end) {
                Some(StartTime::Naive(n)) => Some(n),
                _ => None,
            }
        }
        _ => None,
    };
    let modality_text = field(rec, cols.modality);
    let modality = match modality_text {
        "" => None,
        t if t.eq_ignore_ascii_case("warmup") => Some(Modality::Endurance),
        t => Modality::parse(t),
    };
    let sport = field(rec, cols.sport);
    let sub_sport = field(rec, cols.sub_sport);
    let session_id: CompactString = match field(rec, cols.session_id) {
        "" => compact_str::format_compact!("{}:{row_no}", ctx.id_prefix),
        id => id.into(),
    };
    let mut note = |column: &str, detail: String| {
        let mut n = Note::file(
            "unreadable_value",
            ctx.shown,
            line,
            format!("{column}: {detail}"),
        );
        n.athlete_id = athlete_id.to_string();
        n.session_id = session_id.to_string();
        batch.notes.push(n);
    };
    let rpe = read_rpe(field(rec, cols.rpe)).unwrap_or_else(|text| {
        note(
            "rpe",
            format!("'{text}' is not a number from 0 to 10; read as empty"),
        );
        None
    });
    if modality.is_none() && !modality_text.is_empty() {
        let what = if sport.is_empty() && sub_sport.is_empty() {
            "read as other"
        } else {
            "the sport decides"
        };
        note(
            "modality",
            format!("'{modality_text}' is not one of strength, endurance, mixed, other; {what}"),
        );
    }
    let failure_text = field(rec, cols.to_failure);
    let to_failure = parse_flag(failure_text);
    if to_failure.is_none() && !failure_text.is_empty() {
        note(
            "to_failure",
            format!("'{failure_text}' is not yes/no; read as unknown"),
        );
    }
    Ok(RawSession {
        session_id,
        athlete_id: athlete_id.into(),
        start,
        duration_s,
        modality,
        sport: sport.into(),
        sub_sport: sub_sport.into(),
        rpe,
        to_failure,
        strength: Default::default(),
        planned: false,
        wall_clock_end,
        source: ctx.source,
        line,
    })
}

/// Duration from `duration_s`, else `duration_min`, else `end` (first non-empty).
fn read_duration(
    rec: &impl Fields,
    cols: &Columns,
    start: &crate::model::StartTime,
) -> Result<f64, RowError> {
    let seconds = field(rec, cols.duration_s);
    let minutes = field(rec, cols.duration_min);
    let end = field(rec, cols.end);
    if !seconds.is_empty() {
        parse_duration(seconds, "duration_s", 1.0)
    } else if !minutes.is_empty() {
        parse_duration(minutes, "duration_min", 60.0)
    } else if !end.is_empty() {
        let end_time = parse_time(end).ok_or_else(|| {
            (
                "end",
                format!("end '{end}' is not a date-time; {EXPECTED_TIME}"),
            )
        })?;
        let s = seconds_between(start, &end_time);
        if s < 0.0 {
            return Err((
                "end",
                format!("end '{end}' is before the start; expected a later time"),
            ));
        }
        Ok(s)
    } else {
        Err((
            "duration",
            "no duration: end, duration_min and duration_s are all empty".into(),
        ))
    }
}

mod numbers;

#[cfg(test)]
mod tests;
