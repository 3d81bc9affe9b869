//! Strong workout exports (`strong.csv`, one row per set) in every format
//! the app has written: the comma format with `Duration` and `RPE`, the
//! 2017-19 one without them, the 2016 one with `kg`/`km` columns, the
//! semicolon ones with `Weight Unit`/`Distance Unit`, the all-quoted
//! `Workout #` one, and localised headers (`columns`). Owns recognising
//! them and turning the rows into workouts (RULES.md section 10): the rows
//! sharing `Workout #`, else `Date` and workout name; the start is local
//! wall-clock time, the duration the app's (`values`). Workout names only
//! group rows; they and the notes are never kept (real people's words).

mod columns;
mod values;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;

use csv::StringRecord;

use super::batch::{Batch, FileCtx};
use super::columns::{first_header, read_optional, value, RowError};
use super::format::TextFormat;
use super::gym::values as set_values;
use super::gym::workouts::{read_workouts, BadRow, SetRow, WorkoutHead};
use super::rows::{width_reason, CsvRows};
use crate::model::{Note, RawSet, SourceFormat, WeightUnit};
use columns::{Columns, DistanceUnits, Duration, WeightUnits};

/// Strong's workout export.
pub(crate) const FORMAT: TextFormat = TextFormat {
    kind: KIND,
    sniff,
    read,
};

/// The format's name in reports.
pub(crate) const KIND: SourceFormat = SourceFormat::per_set("strong_csv");

/// Whether a text is a Strong export, from its header.
pub(crate) fn sniff(text: &str) -> bool {
    first_header(text).is_some_and(|h| columns::is_header(&h))
}

/// Reads the workouts of a Strong export into `batch`; `Err` rejects the
/// whole file (a required column missing).
pub(crate) fn read(text: &str, ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
    let (reader, header) = super::columns::with_header(text)?;
    let cols = Columns::find(&header)?;
    let rows = CsvRows::new(reader, 0);
    let mut unknown_distances = 0u64;
    let empty_rows = read_workouts(rows, ctx, batch, |record, at, _| {
        let key = workout_key(record, &cols);
        match parse_row(record, &cols, at.line) {
            Ok(parsed) => {
                unknown_distances += u64::from(parsed.distance_unknown);
                let (head, set) = (parsed.head, parsed.set);
                Ok(SetRow { key, head, set })
            }
            Err((column, reason)) => Err(BadRow::new(column, reason, Some(key))),
        }
    });
    if unknown_distances > 0 {
        let detail = format!(
            "{unknown_distances} set(s) give a distance but the file does not say its unit (km or miles, the app's setting): those distances are not read"
        );
        batch
            .notes
            .push(Note::file("distance_unit_unknown", ctx.shown, 0, detail));
    }
    batch.note_empty_rows(ctx, empty_rows);
    Ok(())
}

/// The row's workout key: its `Workout #`, else its date and workout name.
fn workout_key(record: &StringRecord, cols: &Columns) -> String {
    match &cols.workout_no {
        Some(no) => no.get(record).to_string(),
        None => format!(
            "{}\u{1f}{}",
            cols.date.get(record),
            value(record, &cols.workout_name)
        ),
    }
}

/// What a set row gives.
struct Parsed {
    head: WorkoutHead,
    set: RawSet,
    /// The row has a distance in a unit the file does not say.
    distance_unknown: bool,
}

fn parse_row<'c>(rec: &StringRecord, cols: &'c Columns, line: u64) -> Result<Parsed, RowError<'c>> {
    if rec.len() != cols.width {
        return Err(("", width_reason(rec.len(), cols.width)));
    }
    let start = cols.date.read(rec, |text, name| {
        values::parse_date(text).ok_or_else(|| {
            format!(
                "{name} '{text}' is not a date-time; {}",
                values::EXPECTED_DATE
            )
        })
    })?;
    let duration_s = match &cols.duration {
        None => None,
        Some(Duration::Seconds(c)) => c.read(rec, set_values::seconds)?,
        Some(Duration::Text(c)) => c.read(rec, |text, name| match text {
            "" => Ok(None),
            _ => values::parse_duration_s(text).map(Some).ok_or_else(|| {
                format!(
                    "{name} '{text}' is not a duration; {}",
                    values::EXPECTED_DURATION
                )
            }),
        })?,
    };
    let exercise = cols.exercise.get(rec);
    let order = value(rec, &cols.set_order);
    let kind = values::set_kind(order, exercise).ok_or_else(|| {
        let name = cols.set_order.as_ref().map_or("", |c| c.name.as_str());
        let reason = format!(
            "{name} '{order}' is not a set order; {}",
            values::EXPECTED_SET_ORDER
        );
        (name, reason)
    })?;
    let (weight, weight_unit) = weight(rec, cols)?;
    let (distance_m, distance_unknown) = distance(rec, cols)?;
    let set = RawSet {
        exercise: exercise.into(),
        kind,
        reps: read_optional(rec, &cols.reps, set_values::reps)?,
        weight,
        weight_unit,
        distance_m,
        duration_s: read_optional(rec, &cols.seconds, set_values::seconds)?,
        rpe: read_optional(rec, &cols.rpe, set_values::rpe)?,
        line,
        ..RawSet::default()
    };
    let head = WorkoutHead {
        start,
        end: None,
        duration_s,
    };
    Ok(Parsed {
        head,
        set,
        distance_unknown,
    })
}

/// The set's weight and its unit (none when the file does not say, or a
/// body-weight row leaves `Weight Unit` empty).
fn weight<'c>(
    rec: &StringRecord,
    cols: &'c Columns,
) -> Result<(Option<f64>, Option<WeightUnit>), RowError<'c>> {
    let Some(c) = &cols.weight else {
        return Ok((None, None));
    };
    let weight = c.read(rec, set_values::weight)?;
    let unit = match &cols.weight_units {
        WeightUnits::Header(unit) => Some(*unit),
        WeightUnits::Unknown => None,
        WeightUnits::PerRow(u) => u.read(rec, |text, name| match text {
            "" => Ok(None),
            _ => WeightUnit::parse(text)
                .map(Some)
                .ok_or_else(|| format!("{name} '{text}' is not a weight unit; expected kg or lbs")),
        })?,
    };
    Ok((weight, unit))
}

/// The set's distance in metres, and whether a distance was left unread
/// because the file does not say its unit.
fn distance<'c>(
    rec: &StringRecord,
    cols: &'c Columns,
) -> Result<(Option<f64>, bool), RowError<'c>> {
    let Some(c) = &cols.distance else {
        return Ok((None, false));
    };
    let m_per_unit = match &cols.distance_units {
        DistanceUnits::Header(m) => Some(*m),
        DistanceUnits::Unknown => None,
        DistanceUnits::PerRow(u) => u.read(rec, |text, name| match text {
            "" => Ok(None),
            _ => values::metres_per(text).map(Some).ok_or_else(|| {
                format!("{name} '{text}' is not a distance unit; expected km, mi. or m")
            }),
        })?,
    };
    // The value is checked even when its unit is unknown.
    let value = c.read(rec, |text, name| set_values::distance_m(text, name, 1.0))?;
    Ok(match (value, m_per_unit) {
        (Some(d), Some(m)) => (Some(d * m), false),
        (Some(_), None) => (None, true),
        (None, _) => (None, false),
    })
}
