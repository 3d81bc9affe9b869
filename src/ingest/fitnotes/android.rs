//! The FitNotes Android export, `Date,Exercise,Category,Weight (kgs),Reps,
//! Distance,Distance Unit,Time[,Comment]` and its header generations
//! (`Weight (lbs)`, or `Weight` with a `Weight Unit` column per row). A
//! date without a time of day (`2018-10-12`, or `2/4/2017` after a
//! spreadsheet re-saved it) makes date-only workouts: the rows of one date
//! are one workout, the app having no other workout key. The app does not
//! quote its fields, so an exercise name with a comma gives a row with
//! more fields than the header: the name is joined again. Comments are
//! never read (they are people's words).

use chrono::NaiveDate;
use csv::StringRecord;

use super::dates::{parse_date, slash_order, SlashOrder};
use super::values::{clock_s, metres_per, number, optional, weight_column, whole_reps};
use crate::ingest::batch::{Batch, FileCtx};
use crate::ingest::columns::Column;
use crate::ingest::columns::{trim, Header};
use crate::ingest::gym::workouts::{read_workouts, BadRow, SetRow, WorkoutHead};
use crate::ingest::rows::CsvRows;
use crate::model::{Note, RawSet, SetKind, StartTime, WeightUnit};

/// Normalised names of the columns that mark an Android export.
pub(super) const MARKS: [&str; 3] = ["date", "exercise", "category"];

/// What a date should look like, for messages.
const EXPECTED_DATE: &str = "expected a date like '2018-10-12' or '2/4/2017' (month/day/year)";

/// Where the columns of one file are.
struct Columns {
    width: usize,
    date: Column,
    exercise: Column,
    category: Option<Column>,
    weight: Option<Column>,
    /// The unit the weight column's name gives (`Weight (kgs)`).
    header_unit: Option<WeightUnit>,
    weight_unit: Option<Column>,
    reps: Option<Column>,
    distance: Option<Column>,
    distance_unit: Option<Column>,
    time: Option<Column>,
}

impl Columns {
    fn find(header: &Header) -> Result<Columns, String> {
        let (date, exercise) = match (
            Column::find(header, &["date"]),
            Column::find(header, &["exercise"]),
        ) {
            (Some(d), Some(e)) => (d, e),
            (d, _) => {
                let missing = if d.is_none() { "Date" } else { "Exercise" };
                return Err(format!(
                    "FitNotes export without a '{missing}' column; expected 'Date,Exercise,Category,Weight (kgs),Reps,...'"
                ));
            }
        };
        let weight = weight_column(header);
        Ok(Columns {
            width: header.raw.len(),
            date,
            exercise,
            category: Column::find(header, &["category"]),
            header_unit: weight.as_ref().and_then(|(_, unit)| *unit),
            weight: weight.map(|(col, _)| col),
            weight_unit: Column::find(header, &["weight_unit"]),
            reps: Column::find(header, &["reps"]),
            distance: Column::find(header, &["distance"]),
            distance_unit: Column::find(header, &["distance_unit"]),
            time: Column::find(header, &["time"]),
        })
    }
}

/// What the file's rows needed beyond their values, for its notes.
#[derive(Debug, Default)]
struct Tally {
    /// Rows whose exercise name was joined again, and the first one's line.
    rejoined: u64,
    first_rejoined_line: u64,
    /// Rows whose distance unit is no distance unit (`kg`), by unit.
    ignored_units: Vec<(String, u64)>,
}

/// Reads an Android export's rows into date-only workouts; `Err` rejects
/// the whole file (no `Date` or `Exercise` column).
pub(super) fn read(text: &str, ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
    let (reader, header) = crate::ingest::columns::with_header(text)?;
    let cols = Columns::find(&header)?;
    let order = slash_order(text, cols.date.index);
    let mut tally = Tally::default();
    let rows = CsvRows::new(reader, 0);
    let empty_rows = read_workouts(rows, ctx, batch, |record, at, _| {
        parse_row(
            &Cells::new(record, &cols)?,
            &cols,
            order,
            at.line,
            &mut tally,
        )
        .inspect(|_| {
            if record.len() > cols.width && tally.rejoined == 0 {
                tally.first_rejoined_line = at.line;
            }
            tally.rejoined += u64::from(record.len() > cols.width);
        })
    });
    tally.notes(ctx, batch);
    batch.note_empty_rows(ctx, empty_rows);
    Ok(())
}

/// The cells of a row with the exercise name joined again when the row
/// has more fields than the header (a name with unquoted commas).
struct Cells<'r> {
    record: &'r StringRecord,
    exercise_at: usize,
    /// Fields more than the header has.
    extra: usize,
    exercise: String,
}

impl<'r> Cells<'r> {
    fn new(record: &'r StringRecord, cols: &Columns) -> Result<Cells<'r>, BadRow<NaiveDate>> {
        if record.len() < cols.width {
            let reason = crate::ingest::rows::width_reason(record.len(), cols.width);
            return Err(BadRow::new("", reason, None));
        }
        let (at, extra) = (cols.exercise.index, record.len() - cols.width);
        let parts: Vec<&str> = (at..=at + extra).filter_map(|i| record.get(i)).collect();
        Ok(Cells {
            record,
            exercise_at: at,
            extra,
            exercise: trim(&parts.join(",")).to_string(),
        })
    }

    /// The trimmed cell of `col` (the header's column), shifted past the joined name.
    fn get(&self, col: Option<&Column>) -> &str {
        let Some(col) = col else { return "" };
        if col.index == self.exercise_at {
            return &self.exercise;
        }
        let index = if col.index > self.exercise_at {
            col.index + self.extra
        } else {
            col.index
        };
        self.record.get(index).map_or("", trim)
    }
}

fn parse_row(
    cells: &Cells<'_>,
    cols: &Columns,
    order: SlashOrder,
    line: u64,
    tally: &mut Tally,
) -> Result<SetRow<NaiveDate>, BadRow<NaiveDate>> {
    let date_text = cells.get(Some(&cols.date));
    let Some(date) = parse_date(date_text, order) else {
        let reason = format!(
            "{} '{date_text}' is not a date; {EXPECTED_DATE}",
            cols.date.name
        );
        return Err(rejoined(cells, BadRow::new(&cols.date.name, reason, None)));
    };
    let bad =
        |col: &Column, reason: String| rejoined(cells, BadRow::new(&col.name, reason, Some(date)));
    let exercise = cells.get(Some(&cols.exercise));
    if exercise.is_empty() {
        let reason = format!(
            "{} is empty; expected the exercise's name",
            cols.exercise.name
        );
        return Err(bad(&cols.exercise, reason));
    }
    let mut set = RawSet {
        exercise: exercise.into(),
        category: cells.get(cols.category.as_ref()).into(),
        kind: SetKind::Working,
        line,
        ..RawSet::default()
    };
    if let Some(col) = &cols.weight {
        set.weight = optional(cells.get(Some(col)), number).map_err(|text| {
            bad(
                col,
                format!(
                    "{} '{text}' is not a number; expected e.g. 90 or 82.5",
                    col.name
                ),
            )
        })?;
    }
    set.weight_unit = match &cols.weight_unit {
        Some(col) => match (cells.get(Some(col)), set.weight) {
            ("", _) => cols.header_unit,
            (text, weight) => match WeightUnit::parse(text) {
                Some(unit) => Some(unit),
                // A unit without a weight to go with is not worth the set.
                None if weight.is_none() => None,
                None => {
                    let reason = format!(
                        "{} '{text}' is not a weight unit; expected kgs or lbs",
                        col.name
                    );
                    return Err(bad(col, reason));
                }
            },
        },
        None => cols.header_unit,
    };
    if let Some(col) = &cols.reps {
        set.reps = optional(cells.get(Some(col)), whole_reps).map_err(|text| {
            bad(
                col,
                format!(
                    "{} '{text}' is not a whole number >= 0; expected e.g. 12",
                    col.name
                ),
            )
        })?;
    }
    if let Some(col) = &cols.time {
        set.duration_s = optional(cells.get(Some(col)), clock_s)
            .map_err(|text| {
                bad(
                    col,
                    format!(
                        "{} '{text}' is not a time; expected h:mm:ss, e.g. 0:09:30",
                        col.name
                    ),
                )
            })?
            .filter(|s| *s > 0.0);
    }
    if let Some(col) = &cols.distance {
        let distance = optional(cells.get(Some(col)), number).map_err(|text| {
            bad(
                col,
                format!("{} '{text}' is not a number; expected e.g. 1.3", col.name),
            )
        })?;
        let unit = cells.get(cols.distance_unit.as_ref());
        set.distance_m = distance.and_then(|d| match metres_per(unit) {
            Some(m) => Some(d * m),
            None => {
                tally.ignore_unit(unit);
                None
            }
        });
    }
    let head = WorkoutHead {
        start: StartTime::Date(date),
        end: None,
        duration_s: None,
    };
    Ok(SetRow {
        key: date,
        head,
        set,
    })
}

/// A bad row's reason says when the row was read with its name joined again.
fn rejoined(cells: &Cells<'_>, mut bad: BadRow<NaiveDate>) -> BadRow<NaiveDate> {
    if cells.extra > 0 {
        bad.reason.push_str(&format!(
            " (the row has {} field(s) more than the header, read as an exercise name with a comma)",
            cells.extra
        ));
    }
    bad
}

impl Tally {
    fn ignore_unit(&mut self, unit: &str) {
        match self.ignored_units.iter_mut().find(|(u, _)| u == unit) {
            Some((_, n)) => *n += 1,
            None => self.ignored_units.push((unit.to_string(), 1)),
        }
    }

    fn notes(&self, ctx: &FileCtx, batch: &mut Batch) {
        if self.rejoined > 0 {
            let detail = format!(
                "{} row(s) have more fields than the header (the first at this line): FitNotes does not quote an exercise name with a comma, so the name was read joined again with its comma(s)",
                self.rejoined
            );
            let line = self.first_rejoined_line;
            batch.notes.push(Note::file(
                "exercise_name_rejoined",
                ctx.shown,
                line,
                detail,
            ));
        }
        if !self.ignored_units.is_empty() {
            let units: Vec<String> = self
                .ignored_units
                .iter()
                .map(|(unit, n)| match unit.as_str() {
                    "" => format!("no unit on {n} row(s)"),
                    unit => format!("'{unit}' on {n} row(s)"),
                })
                .collect();
            let detail = format!(
                "a distance with a unit that is no distance unit ({}; FitNotes writes 'kg' on some rows): read as no distance",
                units.join(", ")
            );
            batch
                .notes
                .push(Note::file("distance_ignored", ctx.shown, 0, detail));
        }
    }
}
