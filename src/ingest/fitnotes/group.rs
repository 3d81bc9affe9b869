//! Sets into workouts, for both FitNotes apps: each set row names its
//! workout by a key (the Android date, the iOS start), and the rows of one
//! key are one workout, its sets in file order, wherever they stand in the
//! file. A rejected row whose key could be read costs its workout only that
//! set; such rows are counted in one note per file.

use std::hash::Hash;

use csv::StringRecord;
use foldhash::HashMap;

use crate::ingest::batch::{Batch, FileCtx};
use crate::ingest::rows::{CsvRows, Row, RowAt};
use crate::model::{Note, RawSet, RawWorkout, StartTime};

/// One set row as read: its workout's key, start and end, and the set.
#[derive(Debug)]
pub(super) struct SetRow<K> {
    /// What the rows of one workout share.
    pub(super) key: K,
    /// The workout's start as the row gives it.
    pub(super) start: StartTime,
    /// The workout's end as the row gives it, if it does.
    pub(super) end: Option<StartTime>,
    /// The set.
    pub(super) set: RawSet,
}

/// A row that is not read: the column (as written) and the reason, with
/// the row's workout key when that much could be read.
#[derive(Debug)]
pub(super) struct BadRow<K> {
    pub(super) column: String,
    pub(super) reason: String,
    pub(super) key: Option<K>,
}

impl<K> BadRow<K> {
    /// A bad value in `column` of a row whose workout key is `key`.
    pub(super) fn new(column: &str, reason: String, key: Option<K>) -> BadRow<K> {
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
pub(super) fn read_workouts<K: Hash + Eq>(
    mut rows: CsvRows<'_>,
    ctx: &FileCtx,
    batch: &mut Batch,
    mut parse: impl FnMut(&StringRecord, RowAt, &mut Batch) -> Result<SetRow<K>, BadRow<K>>,
) -> u64 {
    let mut workouts: Vec<RawWorkout> = Vec::new();
    let mut by_key: HashMap<K, usize> = HashMap::default();
    let mut rejected_keys: Vec<K> = Vec::new();
    while let Some(row) = rows.next_row() {
        match row {
            Row::Bad(at, reason) => batch.reject(ctx, at.line, "", reason),
            Row::Fields(record, at) => match parse(record, at, batch) {
                Ok(row) => {
                    let index = *by_key.entry(row.key).or_insert_with(|| {
                        workouts.push(new_workout(ctx, at, row.start, row.end));
                        workouts.len() - 1
                    });
                    workouts[index].sets.push(row.set);
                }
                Err(bad) => {
                    batch.reject(ctx, at.line, &bad.column, bad.reason);
                    rejected_keys.extend(bad.key);
                }
            },
        }
    }
    let kept: Vec<usize> = rejected_keys
        .iter()
        .filter_map(|k| by_key.get(k).copied())
        .collect();
    note_rows_rejected(&kept, ctx, batch);
    for workout in workouts {
        batch.push_workout(workout);
    }
    rows.empty_rows()
}

/// A workout whose first set is the row at `at`.
fn new_workout(ctx: &FileCtx, at: RowAt, start: StartTime, end: Option<StartTime>) -> RawWorkout {
    RawWorkout {
        workout_id: compact_str::format_compact!("{}:{}", ctx.id_prefix, at.number),
        athlete_id: Default::default(),
        start,
        end,
        duration_s: None,
        rpe: None,
        sets: Vec::new(),
        source: ctx.source,
        line: at.line,
    }
}

/// One note for the rejected rows whose workout was kept from its other rows
/// (`kept` holds each such row's workout index).
fn note_rows_rejected(kept: &[usize], ctx: &FileCtx, batch: &mut Batch) {
    if kept.is_empty() {
        return;
    }
    let mut workouts = kept.to_vec();
    workouts.sort_unstable();
    workouts.dedup();
    let detail = format!(
        "{} rejected set row(s) belong to {} workout(s) that are kept with their other rows (each rejected row is listed with its reason)",
        kept.len(),
        workouts.len()
    );
    batch
        .notes
        .push(Note::file("workout_rows_rejected", ctx.shown, 0, detail));
}
