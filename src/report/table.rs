//! What every report table is: one implementation of [`Table`], whose
//! cells are handed to a [`Cells`] writer (CSV text or Parquet columns).

use std::ops::Range;

use super::parquet_columns::Collect;
use super::row::{Cells, Kind};

/// A report table: its columns and its rows, produced one at a time by
/// index, written as CSV (`csv_file`) and as Parquet (`parquet_file`) from
/// the same cells.
pub(super) trait Table: Sync {
    /// Column names and types, in order.
    fn columns(&self) -> &[(&str, Kind)];
    /// Number of rows.
    fn len(&self) -> usize;
    /// Writes row `i`, one call per column in order.
    fn row(&self, i: usize, out: &mut dyn Cells);
    /// Writes the rows `rows`, one after the other (a table whose rows are
    /// found by a search finds the first and walks on).
    fn rows(&self, rows: Range<usize>, out: &mut dyn Cells) {
        for i in rows {
            self.row(i, out);
        }
    }
    /// Where runs of rows that are made together start (an athlete's
    /// days, made from the athlete's sessions at once), sorted; empty when
    /// rows are made one by one. The CSV writer cuts its chunks at run
    /// starts, so that no run is made twice (Parquet's row groups hold
    /// many runs, and cut at most one per group).
    fn run_starts(&self) -> &[u64] {
        &[]
    }
    /// Appends the rows `rows` as CSV bytes, line ends included, where the
    /// table writes them faster itself than cell by cell (the bytes must be
    /// those of [`Table::row`]); false when it does not.
    fn push_csv_rows(&self, _rows: Range<usize>, _buf: &mut Vec<u8>) -> bool {
        false
    }
    /// Collects the rows `rows` into a Parquet row group's columns: as
    /// [`Table::rows`] does, which a table of millions of rows overrides to
    /// hand its cells to the collector's own type rather than through
    /// `dyn Cells`, so that the calls inline (BENCHMARKS.md); its cells are
    /// those of [`Table::row`] (a test checks).
    fn collect_rows(&self, rows: Range<usize>, out: &mut Collect) {
        self.rows(rows, out);
    }
}
