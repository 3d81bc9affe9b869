//! TrainingPeaks workouts CSV: one row per workout, with a day but no time
//! of day (`WorkoutDay`), the sport as `WorkoutType`, and either a completed
//! duration (`TimeTotalInHours`) or only a planned one (`PlannedDuration`).
//! Owns turning those rows into date-only sessions, keeping planned
//! workouts apart (`planned: true`, counted in a note) and skipping rest days
//! (`Day Off`, counted in a note). Titles and descriptions are never read:
//! they are real people's words.

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use super::batch::{Batch, FileCtx};
use super::columns::{field, first_header, normalize_header, Header};
use super::format::TextFormat;
use super::rows::{read_rows, CsvRows};
use crate::model::{Note, RawSession, SourceFormat, StartTime};

/// Normalised names of the columns that mark a TrainingPeaks export.
const REQUIRED: [&str; 2] = ["workoutday", "workouttype"];

/// Column names as TrainingPeaks writes them, for messages.
const DAY: &str = "WorkoutDay";
const TYPE: &str = "WorkoutType";
const TOTAL_H: &str = "TimeTotalInHours";
const PLANNED_H: &str = "PlannedDuration";
const RPE: &str = "Rpe";

/// TrainingPeaks workouts CSV.
pub(crate) const FORMAT: TextFormat = TextFormat {
    kind: KIND,
    sniff,
    read,
};

/// The format's name in reports.
pub(crate) const KIND: SourceFormat = SourceFormat::new("trainingpeaks_csv", 1);

/// Whether a text has the `WorkoutDay` and `WorkoutType` columns.
pub(crate) fn sniff(text: &str) -> bool {
    first_header(text).is_some_and(|h| h.missing(&REQUIRED).is_empty())
}

/// Reads a TrainingPeaks workouts CSV into `batch`; `Err` rejects the whole
/// file (required columns missing).
pub(crate) fn read(text: &str, ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
    let (reader, header) = super::columns::with_header(text)?;
    let cols = Columns::find(&header)?;
    let mut counts = Counts::default();
    let rows = CsvRows::new(reader, 0);
    counts.empty = read_rows(rows, ctx, batch, |record, at, batch| {
        match parse_row(record, &cols, ctx, at.number, at.line, batch)? {
            Row::Session(s) => {
                counts.planned += u64::from(s.planned);
                Ok(Some(*s))
            }
            Row::DayOff => {
                counts.day_off += 1;
                Ok(None)
            }
        }
    });
    counts.notes(ctx, batch);
    Ok(())
}

/// Where the columns this reader uses are.
struct Columns {
    width: usize,
    day: Option<usize>,
    kind: Option<usize>,
    total_h: Option<usize>,
    planned_h: Option<usize>,
    rpe: Option<usize>,
    workout_id: Option<usize>,
}

impl Columns {
    /// Finds the columns, or says which required ones are missing.
    fn find(header: &Header) -> Result<Columns, String> {
        let f = |n: &str| header.find(n);
        let mut missing: Vec<&str> = header.missing(&REQUIRED);
        if f("timetotalinhours").is_none() && f("plannedduration").is_none() {
            missing.push("TimeTotalInHours or PlannedDuration");
        }
        if !missing.is_empty() {
            return Err(format!(
                "not a TrainingPeaks workouts CSV: missing column(s) {} (found: {})",
                missing.join(", "),
                header.raw.join(", ")
            ));
        }
        Ok(Columns {
            width: header.raw.len(),
            day: f("workoutday"),
            kind: f("workouttype"),
            total_h: f("timetotalinhours"),
            planned_h: f("plannedduration"),
            rpe: f("rpe"),
            workout_id: f("workoutid").or_else(|| f("workout_id")),
        })
    }
}

/// What a data row is.
enum Row {
    /// A completed or planned workout.
    Session(Box<RawSession>),
    /// A rest day: not a session.
    DayOff,
}

/// A row problem: the column and what was wrong and expected.
type RowError = (&'static str, String);

fn parse_row(
    rec: &csv::StringRecord,
    cols: &Columns,
    ctx: &FileCtx,
    row_no: u64,
    line: u64,
    batch: &mut Batch,
) -> Result<Row, RowError> {
    if rec.len() != cols.width {
        return Err((
            "",
            format!(
                "the row has {} fields and the header {} (an unescaped quote or a cut-off line?)",
                rec.len(),
                cols.width
            ),
        ));
    }
    let sport = field(rec, cols.kind);
    if normalize_header(sport).replace('_', "") == "dayoff" {
        return Ok(Row::DayOff);
    }
    if sport.is_empty() {
        return Err((
            TYPE,
            "WorkoutType is empty; expected a sport such as Run, Bike, Swim or Strength".into(),
        ));
    }
    let date = parse_day(field(rec, cols.day))?;
    let (duration_s, planned) = duration_s(rec, cols)?;
    let session_id = match field(rec, cols.workout_id) {
        "" => format!("{}:{row_no}", ctx.id_prefix),
        id => id.to_string(),
    };
    let rpe = read_rpe(field(rec, cols.rpe), &session_id, ctx, line, batch);
    Ok(Row::Session(Box::new(RawSession {
        session_id: session_id.into(),
        athlete_id: crate::model::CompactString::default(),
        start: StartTime::Date(date),
        duration_s,
        modality: None,
        sport: sport.into(),
        sub_sport: crate::model::CompactString::default(),
        rpe,
        to_failure: None,
        strength: Default::default(),
        planned,
        wall_clock_end: None,
        source: ctx.source,
        line,
    })))
}

/// `WorkoutDay`: a date, possibly written with a midnight time.
fn parse_day(text: &str) -> Result<NaiveDate, RowError> {
    let date_part = match text.split_once(['T', ' ']) {
        Some((date, time)) if is_midnight(time) => date,
        Some(_) => text,
        None => text,
    };
    NaiveDate::parse_from_str(date_part, "%Y-%m-%d").map_err(|_| {
        (
            DAY,
            format!("WorkoutDay '{text}' is not a date; expected a date such as 2026-01-05"),
        )
    })
}

fn is_midnight(time: &str) -> bool {
    let time = time.trim_end_matches('Z');
    !time.is_empty() && time.chars().all(|c| matches!(c, '0' | ':' | '.'))
}

/// Seconds and whether planned: `TimeTotalInHours` (completed) wins over
/// `PlannedDuration` (planned); neither is a rejection, never a guess.
fn duration_s(rec: &csv::StringRecord, cols: &Columns) -> Result<(f64, bool), RowError> {
    let total = field(rec, cols.total_h);
    if !total.is_empty() {
        return hours_to_s(total, TOTAL_H).map(|s| (s, false));
    }
    let planned = field(rec, cols.planned_h);
    if !planned.is_empty() {
        return hours_to_s(planned, PLANNED_H).map(|s| (s, true));
    }
    Err((
        TOTAL_H,
        "no duration: TimeTotalInHours (completed) and PlannedDuration (planned) are both empty; expected hours such as 1.5".into(),
    ))
}

/// Hours as seconds, rounded to the millisecond (hours carry 15 digits:
/// 0.510277777777778 h is 1837 s, not 1837.0000000000007).
fn hours_to_s(text: &str, column: &'static str) -> Result<f64, RowError> {
    match number(text).map(|h| (h, (h * 3_600_000.0).round() / 1000.0)) {
        Some((h, s)) if h >= 0.0 && s.is_finite() => Ok(s),
        Some((h, _)) if h >= 0.0 => Err((
            column,
            format!("{column} '{text}' is too large; expected hours such as 1.5"),
        )),
        Some(_) => Err((
            column,
            format!("{column} '{text}' is negative; expected hours >= 0 such as 1.5"),
        )),
        None => Err((
            column,
            format!("{column} '{text}' is not a number; expected hours such as 1.5"),
        )),
    }
}

use crate::ingest::columns::number;

/// `Rpe` from 0 to 10; anything else is noted and read as empty.
fn read_rpe(
    text: &str,
    session_id: &str,
    ctx: &FileCtx,
    line: u64,
    batch: &mut Batch,
) -> Option<f64> {
    if text.is_empty() {
        return None;
    }
    if let Some(v) = number(text).filter(|v| (0.0..=10.0).contains(v)) {
        return Some(v);
    }
    let mut note = Note::file(
        "unreadable_value",
        ctx.shown,
        line,
        format!("{RPE}: '{text}' is not a number from 0 to 10; read as empty"),
    );
    note.session_id = session_id.to_string();
    batch.notes.push(note);
    None
}

/// Rows that did not become sessions, or did as plans: counted, never silent.
#[derive(Debug, Default)]
struct Counts {
    planned: u64,
    day_off: u64,
    empty: u64,
}

impl Counts {
    fn notes(&self, ctx: &FileCtx, batch: &mut Batch) {
        let mut note = |kind, detail| batch.notes.push(Note::file(kind, ctx.shown, 0, detail));
        if self.planned > 0 {
            note("planned_workouts", format!(
                "{} planned workout(s) (PlannedDuration without TimeTotalInHours) read as planned sessions (planned = true in sessions.csv), not as completed ones",
                self.planned
            ));
        }
        if self.day_off > 0 {
            note(
                "skipped_rows",
                format!(
                    "{} 'Day Off' row(s) skipped: a rest day is not a session",
                    self.day_off
                ),
            );
        }
        if self.empty > 0 {
            note("empty_rows", format!("{} empty row(s) skipped", self.empty));
        }
    }
}
