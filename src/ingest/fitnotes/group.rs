//! Sets into workouts, for both FitNotes apps: each set row names its
//! workout by a key (the Android date, the iOS start), and the rows of one
//! key are one workout, its sets in file order, wherever they stand in the
//! file, gathered by the gym logs' one `Workouts` (rows of a key that
//! disagree on the end are split, as in every gym log). A rejected row whose
//! key could be read costs its workout only that set; such rows are counted
//! in one note per file.

use csv::StringRecord;

use crate::ingest::batch::{Batch, FileCtx};
use crate::ingest::gym::workouts::{WorkoutHead, Workouts};
use crate::ingest::rows::{CsvRows, Row, RowAt};
use crate::model::{RawSet, StartTime};

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
/// order of their first row, gathered as every gym log's are
/// (`gym::workouts`); each bad row is rejected with its line. Returns the
/// all-blank rows skipped.
pub(super) fn read_workouts<K: ToString>(
    mut rows: CsvRows<'_>,
    ctx: &FileCtx,
    batch: &mut Batch,
    mut parse: impl FnMut(&StringRecord, RowAt, &mut Batch) -> Result<SetRow<K>, BadRow<K>>,
) -> u64 {
    let mut workouts = Workouts::default();
    while let Some(row) = rows.next_row() {
        match row {
            Row::Bad(at, reason) => batch.reject(ctx, at.line, "", reason),
            Row::Fields(record, at) => match parse(record, at, batch) {
                Ok(row) => {
                    let head = WorkoutHead {
                        start: row.start,
                        end: row.end,
                        duration_s: None,
                    };
                    workouts.add(ctx, &row.key.to_string(), head, row.set, at);
                }
                Err(bad) => {
                    batch.reject(ctx, at.line, &bad.column, bad.reason);
                    if let Some(key) = bad.key {
                        workouts.reject_row(&key.to_string());
                    }
                }
            },
        }
    }
    workouts.finish(ctx, batch);
    rows.empty_rows()
}
