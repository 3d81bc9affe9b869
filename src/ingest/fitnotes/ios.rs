//! The FitNotes iOS export: one row per set that repeats its workout's
//! `StartTime` and `EndTime` (UTC, `2025-02-23T10:13:53Z`), with `Status`
//! (`Done`, `Failed`, `NotStarted`), `IsWarmup`, `RPE` and `RIR`, and
//! numbers written with a decimal comma (`"17,5"`). The rows sharing a
//! start are one workout. The workout's name, the notes and the body weight
//! are never read (the first two are people's words).

use csv::StringRecord;

use super::values::{clock_s, number, optional, weight_column, whole_reps};
use crate::ingest::batch::{Batch, FileCtx};
use crate::ingest::columns::{value, Column, Header};
use crate::ingest::gym::workouts::{read_workouts, BadRow, SetRow, WorkoutHead};
use crate::ingest::rows::{width_reason, CsvRows};
use crate::ingest::timefmt::parse_time;
use crate::model::{parse_flag, Note, RawSet, SetKind, StartTime, WeightUnit};

/// Normalised names of the columns that mark an iOS export.
pub(super) const MARKS: [&str; 3] = ["starttime", "exercise", "reps"];

/// What a start or end should look like, for messages.
const EXPECTED_TIME: &str = "expected a UTC date-time like '2025-02-23T10:13:53Z'";

/// Where the columns of one file are.
struct Columns {
    width: usize,
    start: Column,
    end: Option<Column>,
    exercise: Column,
    category: Option<Column>,
    weight: Option<Column>,
    /// The unit the weight column's name gives (`Weight (kgs)`), if it does.
    header_unit: Option<WeightUnit>,
    weight_unit: Option<Column>,
    reps: Option<Column>,
    time: Option<Column>,
    distance: Option<Column>,
    status: Option<Column>,
    warmup: Option<Column>,
    rpe: Option<Column>,
    rir: Option<Column>,
}

impl Columns {
    fn find(header: &Header) -> Result<Columns, String> {
        let start = Column::find(header, &["starttime", "start_time"]);
        let exercise = Column::find(header, &["exercise"]);
        let (Some(start), Some(exercise)) = (start, exercise) else {
            return Err(
                "FitNotes iOS export without a 'StartTime' or 'Exercise' column; expected 'Name,StartTime,EndTime,...,Exercise,...'".into(),
            );
        };
        let weight = weight_column(header);
        Ok(Columns {
            width: header.raw.len(),
            start,
            end: Column::find(header, &["endtime", "end_time"]),
            exercise,
            category: Column::find(header, &["categories", "category"]),
            header_unit: weight.as_ref().and_then(|(_, unit)| *unit),
            weight: weight.map(|(col, _)| col),
            weight_unit: Column::find(header, &["weight_unit", "weightunit"]),
            reps: Column::find(header, &["reps"]),
            time: Column::find(header, &["time"]),
            distance: Column::find(header, &["distance"]),
            status: Column::find(header, &["status"]),
            warmup: Column::find(header, &["iswarmup", "is_warmup", "warmup"]),
            rpe: Column::find(header, &["rpe"]),
            rir: Column::find(header, &["rir"]),
        })
    }
}

/// Reads an iOS export's rows into workouts keyed by their UTC start;
/// `Err` rejects the whole file (no `StartTime` or `Exercise` column).
pub(super) fn read(text: &str, ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
    let (reader, header) = crate::ingest::columns::with_header(text)?;
    let cols = Columns::find(&header)?;
    let mut distances = 0u64;
    let rows = CsvRows::new(reader, 0);
    let empty_rows = read_workouts(rows, ctx, batch, |record, at, batch| {
        let row = parse_row(record, &cols, at.line, ctx, batch)?;
        distances += u64::from(!value(record, &cols.distance).is_empty());
        Ok(row)
    });
    if distances > 0 {
        let detail = format!(
            "{distances} set(s) give a distance without a unit (the iOS export names none): read as no distance"
        );
        batch
            .notes
            .push(Note::file("distance_ignored", ctx.shown, 0, detail));
    }
    batch.note_empty_rows(ctx, empty_rows);
    Ok(())
}

/// A start or end as a UTC instant: `Z` (or no offset: the app writes UTC)
/// gives `StartTime::Utc`, another offset an instant with that offset.
fn parse_utc(text: &str) -> Option<StartTime> {
    match parse_time(text)? {
        StartTime::Instant {
            utc_us,
            offset_s: 0,
        } => Some(StartTime::Utc(utc_us)),
        StartTime::Naive(n) => Some(StartTime::Utc(n.and_utc().timestamp_micros())),
        instant @ StartTime::Instant { .. } => Some(instant),
        StartTime::Utc(_) | StartTime::Date(_) => None,
    }
}

/// Microseconds since the epoch of an instant read by [`parse_utc`].
fn utc_us(start: StartTime) -> i64 {
    match start {
        StartTime::Instant { utc_us, .. } | StartTime::Utc(utc_us) => utc_us,
        StartTime::Naive(n) => n.and_utc().timestamp_micros(),
        StartTime::Date(d) => d
            .and_time(chrono::NaiveTime::MIN)
            .and_utc()
            .timestamp_micros(),
    }
}

fn parse_row(
    record: &StringRecord,
    cols: &Columns,
    line: u64,
    ctx: &FileCtx,
    batch: &mut Batch,
) -> Result<SetRow<i64>, BadRow<i64>> {
    if record.len() != cols.width {
        return Err(BadRow::new(
            "",
            width_reason(record.len(), cols.width),
            None,
        ));
    }
    let get = |col: Option<&Column>| col.map_or("", |c| c.get(record));
    let start_text = get(Some(&cols.start));
    let Some(start) = parse_utc(start_text) else {
        let reason = format!(
            "{} '{start_text}' is not a date-time; {EXPECTED_TIME}",
            cols.start.name
        );
        return Err(BadRow::new(&cols.start.name, reason, None));
    };
    let key = utc_us(start);
    let bad = |col: &Column, reason: String| BadRow::new(&col.name, reason, Some(key));
    let end = match &cols.end {
        Some(col) => read_end(get(Some(col)), key, col).map_err(|reason| bad(col, reason))?,
        None => None,
    };
    let exercise = get(Some(&cols.exercise));
    if exercise.is_empty() {
        let reason = format!(
            "{} is empty; expected the exercise's name",
            cols.exercise.name
        );
        return Err(bad(&cols.exercise, reason));
    }
    let mut set = RawSet {
        exercise: exercise.into(),
        category: get(cols.category.as_ref()).into(),
        line,
        ..RawSet::default()
    };
    set.kind = set_kind(cols.status.as_ref(), cols.warmup.as_ref(), record)
        .map_err(|(col, reason)| bad(col, reason))?;
    if let Some(col) = &cols.weight {
        set.weight = optional(get(Some(col)), number).map_err(|text| {
            bad(
                col,
                format!(
                    "{} '{text}' is not a number; expected e.g. 17,5 or 17.5",
                    col.name
                ),
            )
        })?;
    }
    set.weight_unit = match WeightUnit::parse(get(cols.weight_unit.as_ref())) {
        Some(unit) => Some(unit),
        None => cols.header_unit,
    };
    if let Some(col) = &cols.reps {
        set.reps = optional(get(Some(col)), whole_reps).map_err(|text| {
            bad(
                col,
                format!(
                    "{} '{text}' is not a whole number >= 0; expected e.g. 8",
                    col.name
                ),
            )
        })?;
    }
    if let Some(col) = &cols.time {
        set.duration_s = optional(get(Some(col)), clock_s)
            .map_err(|text| {
                bad(
                    col,
                    format!(
                        "{} '{text}' is not a time; expected hh:mm:ss, e.g. 00:00:30",
                        col.name
                    ),
                )
            })?
            .filter(|s| *s > 0.0);
    }
    let mut unreadable = |col: &Column, text: &str, expected: &str| {
        let detail = format!("{}: '{text}' is not {expected}; read as empty", col.name);
        batch
            .notes
            .push(Note::file("unreadable_value", ctx.shown, line, detail));
    };
    if let Some(col) = &cols.rpe {
        let text = get(Some(col));
        // An RPE of 0 is no rating: the app writes 0 for an empty cell.
        match optional(text, number) {
            Ok(Some(v)) if (0.0..=10.0).contains(&v) => set.rpe = Some(v).filter(|v| *v > 0.0),
            Ok(None) => {}
            _ => unreadable(col, text, "an RPE from 0 to 10"),
        }
    }
    if let Some(col) = &cols.rir {
        let text = get(Some(col));
        match optional(text, number) {
            Ok(Some(v)) if v >= 0.0 => set.rir = Some(v),
            Ok(None) => {}
            _ => unreadable(col, text, "a number of repetitions in reserve >= 0"),
        }
    }
    let head = WorkoutHead {
        start,
        end,
        duration_s: None,
    };
    Ok(SetRow { key, head, set })
}

/// The workout's end from `text` (empty: none), not before the start.
fn read_end(text: &str, start_us: i64, col: &Column) -> Result<Option<StartTime>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let end = parse_utc(text)
        .ok_or_else(|| format!("{} '{text}' is not a date-time; {EXPECTED_TIME}", col.name))?;
    if utc_us(end) < start_us {
        return Err(format!(
            "{} '{text}' is before the workout's start; expected the end of the workout",
            col.name
        ));
    }
    Ok(Some(end))
}

/// What a set is from its `Status` and `IsWarmup`: a set not done is not
/// done whatever else it says; a warm-up set is a warm-up even if failed.
fn set_kind<'c>(
    status: Option<&'c Column>,
    warmup: Option<&'c Column>,
    record: &StringRecord,
) -> Result<SetKind, (&'c Column, String)> {
    let by_status = match status {
        None => SetKind::Working,
        Some(col) => {
            let text = col.get(record);
            let normalized: String = text
                .chars()
                .filter(|c| !matches!(c, ' ' | '_' | '-'))
                .flat_map(char::to_lowercase)
                .collect();
            match normalized.as_str() {
                "" | "done" | "completed" | "complete" => SetKind::Working,
                "failed" | "failure" => SetKind::Failure,
                "notstarted" | "notdone" | "skipped" => SetKind::NotDone,
                _ => {
                    let reason = format!(
                        "{} '{text}' is not a set status; expected Done, Failed or NotStarted",
                        col.name
                    );
                    return Err((col, reason));
                }
            }
        }
    };
    let is_warmup = match warmup {
        None => false,
        Some(col) => match col.get(record) {
            "" => false,
            text => parse_flag(text).ok_or_else(|| {
                (
                    col,
                    format!(
                        "{} '{text}' is not true or false; expected true or false",
                        col.name
                    ),
                )
            })?,
        },
    };
    Ok(match by_status {
        SetKind::NotDone => SetKind::NotDone,
        _ if is_warmup => SetKind::Warmup,
        kind => kind,
    })
}
