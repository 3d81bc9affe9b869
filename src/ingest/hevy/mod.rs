//! Hevy workout exports (`workouts.csv`, one row per set): recognising them
//! by their header and turning the rows into workouts (RULES.md section
//! 10). A workout is the rows sharing `title` and `start_time`; its start
//! and end are local wall-clock times (`dates`). Columns are found by name,
//! so metric, imperial and mixed-unit headers (`weight_kg` with
//! `distance_miles`) read alike. Titles only group rows; they, the
//! `description` and the exercise notes are never kept, so they cannot leak
//! into reports (they are real people's words).

mod dates;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;

use csv::StringRecord;

use super::batch::{Batch, FileCtx};
use super::columns::{first_header, read_optional, Column, Header, RowError};
use super::format::TextFormat;
use super::gym::values::{self, M_PER_KM, M_PER_MILE};
use super::gym::workouts::{read_workouts, BadRow, SetRow, WorkoutHead};
use super::rows::{width_reason, CsvRows};
use crate::model::{RawSet, SetKind, SourceFormat, StartTime, WeightUnit};

/// Hevy's workout export.
pub(crate) const FORMAT: TextFormat = TextFormat {
    kind: KIND,
    sniff,
    read,
};

/// The format's name in reports.
pub(crate) const KIND: SourceFormat = SourceFormat::per_set("hevy_csv");

/// Columns only Hevy's export has together (normalised names).
const SIGNATURE: [&str; 3] = ["exercise_title", "set_index", "set_type"];

/// Columns a workout cannot be read without.
const REQUIRED: [&str; 4] = ["title", "start_time", "exercise_title", "set_type"];

/// Whether a text is a Hevy workout export, from its header.
pub(crate) fn sniff(text: &str) -> bool {
    first_header(text).is_some_and(|h| h.missing(&SIGNATURE).is_empty())
}

/// Reads the workouts of a Hevy export into `batch`; `Err` rejects the
/// whole file (a required column missing).
pub(crate) fn read(text: &str, ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
    let (reader, header) = super::columns::with_header(text)?;
    let cols = Columns::find(&header)?;
    let rows = CsvRows::new(reader, 0);
    let empty_rows = read_workouts(rows, ctx, batch, |record, at, _| {
        let key = format!("{}\u{1f}{}", cols.title.get(record), cols.start.get(record));
        match parse_row(record, &cols, at.line) {
            Ok((head, set)) => Ok(SetRow { key, head, set }),
            Err((column, reason)) => Err(BadRow::new(column, reason, Some(key))),
        }
    });
    batch.note_empty_rows(ctx, empty_rows);
    Ok(())
}

/// The columns of one export.
struct Columns {
    width: usize,
    title: Column,
    start: Column,
    end: Option<Column>,
    exercise: Column,
    set_type: Column,
    /// The weight column and the unit its name gives.
    weight: Option<(Column, WeightUnit)>,
    reps: Option<Column>,
    /// The distance column and the metres per unit its name gives.
    distance: Option<(Column, f64)>,
    duration: Option<Column>,
    rpe: Option<Column>,
}

impl Columns {
    fn find(header: &Header) -> Result<Columns, String> {
        let missing = header.missing(&REQUIRED);
        let col = |name: &str| Column::find(header, &[name]);
        let (Some(title), Some(start), Some(exercise), Some(set_type)) = (
            col("title"),
            col("start_time"),
            col("exercise_title"),
            col("set_type"),
        ) else {
            return Err(format!(
                "Hevy workout export without the column(s) {}; expected Hevy's header (title, start_time, end_time, exercise_title, set_type, weight_kg or weight_lbs, reps, ...)",
                missing.join(", ")
            ));
        };
        let weight = [
            ("weight_kg", WeightUnit::Kg),
            ("weight_lbs", WeightUnit::Lb),
        ]
        .into_iter()
        .find_map(|(name, unit)| col(name).map(|c| (c, unit)));
        let distance = [
            ("distance_km", M_PER_KM),
            ("distance_miles", M_PER_MILE),
            ("distance_meters", 1.0),
        ]
        .into_iter()
        .find_map(|(name, m)| col(name).map(|c| (c, m)));
        Ok(Columns {
            width: header.raw.len(),
            title,
            start,
            end: col("end_time"),
            exercise,
            set_type,
            weight,
            reps: col("reps"),
            distance,
            duration: col("duration_seconds"),
            rpe: col("rpe"),
        })
    }
}

/// The workout a set row repeats, and the set.
fn parse_row<'c>(
    rec: &StringRecord,
    cols: &'c Columns,
    line: u64,
) -> Result<(WorkoutHead, RawSet), RowError<'c>> {
    if rec.len() != cols.width {
        return Err(("", width_reason(rec.len(), cols.width)));
    }
    let start = cols.start.read(rec, |text, name| match text {
        "" => Err(format!("{name} is empty; {}", dates::EXPECTED)),
        _ => time(text, name),
    })?;
    let end = read_optional(rec, &cols.end, |text, name| match text {
        "" => Ok(None),
        _ => time(text, name).map(Some),
    })?;
    let (weight, weight_unit) = match &cols.weight {
        Some((c, unit)) => (c.read(rec, values::weight)?, Some(*unit)),
        None => (None, None),
    };
    let distance_m = match &cols.distance {
        Some((c, m_per_unit)) => c.read(rec, |text, name| {
            values::distance_m(text, name, *m_per_unit)
        })?,
        None => None,
    };
    let set = RawSet {
        exercise: cols.exercise.get(rec).into(),
        kind: cols.set_type.read(rec, set_kind)?,
        reps: read_optional(rec, &cols.reps, values::reps)?,
        weight,
        weight_unit,
        distance_m,
        duration_s: read_optional(rec, &cols.duration, values::seconds)?,
        rpe: read_optional(rec, &cols.rpe, values::rpe)?,
        line,
        ..RawSet::default()
    };
    let head = WorkoutHead {
        start,
        end,
        duration_s: None,
    };
    Ok((head, set))
}

/// A start or end (not empty) as a local wall-clock time.
fn time(text: &str, column: &str) -> Result<StartTime, String> {
    dates::parse_local(text)
        .map(StartTime::Naive)
        .ok_or_else(|| format!("{column} '{text}' is not a date-time; {}", dates::EXPECTED))
}

/// The set's kind from `set_type`: `normal` and `dropset` are working sets.
fn set_kind(text: &str, column: &str) -> Result<SetKind, String> {
    match text.to_ascii_lowercase().as_str() {
        "normal" | "dropset" | "" => Ok(SetKind::Working),
        "failure" => Ok(SetKind::Failure),
        "warmup" => Ok(SetKind::Warmup),
        _ => Err(format!(
            "{column} '{text}' is not a Hevy set type; expected normal, warmup, failure or dropset"
        )),
    }
}
