//! Set rows gathered into workouts (RULES.md section 10), for every gym
//! log (Hevy, Strong, both FitNotes apps): the one row loop
//! (`read_workouts`) hands each row to the app's parser, and the rows
//! sharing the app's workout key are one workout, sets in file order,
//! wherever they stand in the file, named after the record number of its
//! first set. Rows of one key that disagree on the workout's start, end or
//! duration are split into separate workouts; rows rejected are counted
//! against their key (when it could be read), so that one note per file
//! says how many workouts lost rows.

use std::collections::HashMap;
use std::fmt::{Display, Write as _};

use csv::StringRecord;

use crate::ingest::batch::{Batch, FileCtx};
use crate::ingest::rows::{CsvRows, Row, RowAt};
use crate::model::{CompactString, Note, RawSet, RawWorkout, StartTime};

/// What every set row of a workout repeats about the workout.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct WorkoutHead {
    /// The app's start.
    pub(crate) start: StartTime,
    /// The app's end, when it writes one.
    pub(crate) end: Option<StartTime>,
    /// The app's workout duration in seconds, when it writes one.
    pub(crate) duration_s: Option<f64>,
}

/// One set row as read: its workout's key (what the rows of one workout
/// share), what it says of the workout, and the set.
#[derive(Debug)]
pub(crate) struct SetRow<K> {
    pub(crate) key: K,
    pub(crate) head: WorkoutHead,
    pub(crate) set: RawSet,
}

/// A row that is not read: the column (as written) and the reason, with
/// the row's workout key when that much could be read.
#[derive(Debug)]
pub(crate) struct BadRow<K> {
    pub(crate) column: String,
    pub(crate) reason: String,
    pub(crate) key: Option<K>,
}

impl<K> BadRow<K> {
    /// A bad value in `column` of a row whose workout key is `key`.
    pub(crate) fn new(column: &str, reason: String, key: Option<K>) -> BadRow<K> {
        BadRow {
            column: column.to_string(),
            reason,
            key,
        }
    }
}

/// Reads every row with `parse` and pushes the workouts into `batch` in the
/// order of their first row; each bad row is rejected with its line.
/// Returns the all-blank rows skipped.
pub(crate) fn read_workouts<K: Display>(
    mut rows: CsvRows<'_>,
    ctx: &FileCtx,
    batch: &mut Batch,
    mut parse: impl FnMut(&StringRecord, RowAt, &mut Batch) -> Result<SetRow<K>, BadRow<K>>,
) -> u64 {
    let (mut workouts, mut key) = (Workouts::default(), String::new());
    while let Some(row) = rows.next_row() {
        match row {
            Row::Bad(at, reason) => batch.reject(ctx, at.line, "", reason),
            Row::Fields(record, at) => match parse(record, at, batch) {
                Ok(row) => workouts.add(ctx, key_text(&mut key, &row.key), row.head, row.set, at),
                Err(bad) => {
                    batch.reject(ctx, at.line, &bad.column, bad.reason);
                    if let Some(k) = bad.key {
                        workouts.reject_row(key_text(&mut key, &k));
                    }
                }
            },
        }
    }
    workouts.finish(ctx, batch);
    rows.empty_rows()
}

/// `key` as text, in `buf`.
fn key_text<'b, K: Display>(buf: &'b mut String, key: &K) -> &'b str {
    buf.clear();
    // Writing into a String cannot fail.
    let _ = write!(buf, "{key}");
    buf
}

/// The workouts of one file as its rows are read.
#[derive(Debug, Default)]
pub(crate) struct Workouts {
    workouts: Vec<RawWorkout>,
    /// Workouts (indices into `workouts`) by workout key.
    by_key: HashMap<String, Vec<usize>>,
    /// Keys whose rows were split, and the line of the first split-off row.
    split_keys: u64,
    first_split_line: u64,
    /// Rejected rows by workout key.
    rejected: HashMap<String, u64>,
}

impl Workouts {
    /// Adds a set row of the workout `key`, read at `at`.
    pub(crate) fn add(
        &mut self,
        ctx: &FileCtx,
        key: &str,
        head: WorkoutHead,
        set: RawSet,
        at: RowAt,
    ) {
        let known = self.by_key.get(key);
        let same = known.and_then(|list| {
            list.iter()
                .copied()
                .find(|&i| Self::head(&self.workouts[i]) == head)
        });
        if let Some(i) = same {
            self.workouts[i].sets.push(set);
            return;
        }
        if known.is_some_and(|list| list.len() == 1) {
            self.split_keys += 1;
            if self.first_split_line == 0 {
                self.first_split_line = at.line;
            }
        }
        self.by_key
            .entry(key.to_string())
            .or_default()
            .push(self.workouts.len());
        self.workouts.push(RawWorkout {
            workout_id: format!("{}:{}", ctx.id_prefix, at.number).into(),
            athlete_id: CompactString::default(),
            start: head.start,
            end: head.end,
            duration_s: head.duration_s,
            rpe: None,
            sets: vec![set],
            source: ctx.source,
            line: at.line,
        });
    }

    /// Counts a rejected row against its workout `key`.
    pub(crate) fn reject_row(&mut self, key: &str) {
        match self.rejected.get_mut(key) {
            Some(n) => *n += 1,
            None => {
                self.rejected.insert(key.to_string(), 1);
            }
        }
    }

    /// Hands the workouts to `batch` in the order of their first rows, with
    /// a note for split workouts and one for workouts that lost rows.
    pub(crate) fn finish(self, ctx: &FileCtx, batch: &mut Batch) {
        if self.split_keys > 0 {
            let workouts: usize = self
                .by_key
                .values()
                .filter(|list| list.len() > 1)
                .map(Vec::len)
                .sum();
            let detail = format!(
                "{} workout(s) of the app had rows with another start, end or duration than their first row: split into {workouts} workouts by those values, the first split-off row at line {}",
                self.split_keys, self.first_split_line
            );
            batch
                .notes
                .push(Note::file("workout_split", ctx.shown, 0, detail));
        }
        let (mut lost, mut rows) = (0u64, 0u64);
        for (key, n) in &self.rejected {
            if self.by_key.contains_key(key) {
                lost += 1;
                rows += n;
            }
        }
        if lost > 0 {
            let detail = format!(
                "{lost} workout(s) lost {rows} set row(s) to rejections (see the rejected rows); each keeps its other rows"
            );
            batch
                .notes
                .push(Note::file("workout_rows_rejected", ctx.shown, 0, detail));
        }
        for workout in self.workouts {
            batch.push_workout(workout);
        }
    }

    fn head(w: &RawWorkout) -> WorkoutHead {
        WorkoutHead {
            start: w.start,
            end: w.end,
            duration_s: w.duration_s,
        }
    }
}
