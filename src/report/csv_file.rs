//! Writing a [`Table`] as CSV (UTF-8, a header, empty cells for missing
//! values): rows formatted cell by cell straight into bytes, in parallel
//! chunks while the chunks before are written, with no string per cell
//! (tables of millions of rows), or as whole rows where a table writes
//! them faster itself.

use std::fs::File;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;

use super::cells::{fixed_two_decimals, push_float};
use super::piece::push_u64;
use super::row::{Cells, Kind};
use super::table::Table;
use crate::model::push_csv_text;

/// Rows per parallel chunk. Small chunks (well under a megabyte of CSV)
/// share out evenly between a thread that is also writing and one that is
/// not; larger ones were slower and held more memory (BENCHMARKS.md).
const CHUNK_ROWS: usize = 1_024;
/// Chunks per thread in a batch: a batch is formatted while the one before
/// is written, so two batches are in memory; more chunks per batch took no
/// less time and held more memory.
const CHUNKS_PER_THREAD: usize = 2;

/// Per column: a float column written with 2 decimals (by its kind, or by
/// its name: `_h`, `_pct`).
fn two_decimal_columns(rows: &dyn Table) -> Vec<bool> {
    let columns = rows.columns().iter();
    columns
        .map(|(name, kind)| *kind == Kind::Fixed2 || fixed_two_decimals(name))
        .collect()
}

/// Writes `rows` as CSV (UTF-8, header, empty cells for missing values).
pub(super) fn write_csv(rows: &dyn Table, path: &Path) -> io::Result<()> {
    let mut file = File::create(path)?;
    let names: Vec<&str> = rows.columns().iter().map(|(name, _)| *name).collect();
    let two_decimals = two_decimal_columns(rows);
    let mut header = Vec::new();
    let mut cells = CsvCells::new(&mut header, &two_decimals);
    for name in &names {
        cells.text(name);
    }
    // One batch is written while the next is formatted (the writing thread
    // joins the formatting when done), the header while the first is; the
    // written chunks' buffers are reused, so memory stays at two batches
    // per table whatever its size (and the report writes two tables at a
    // time).
    let batch = CHUNKS_PER_THREAD * rayon::current_num_threads().max(1);
    let mut written: Vec<Vec<u8>> = vec![header];
    let mut spare: Vec<Vec<u8>> = Vec::new();
    for chunks in chunk_ranges(rows).chunks(batch) {
        let (done, formatted) = rayon::join(
            || write_chunks(&mut file, &mut written),
            || format_chunks(rows, &two_decimals, chunks, &mut spare),
        );
        done?;
        spare = std::mem::replace(&mut written, formatted);
    }
    write_chunks(&mut file, &mut written)
}

/// The table's rows in chunks of `CHUNK_ROWS`, each extended to the next
/// start of a run where the table's rows come in runs made together (an
/// athlete's days), so that no run is made twice. A run longer than a
/// chunk (an athlete's days over decades) is then one chunk: as much as
/// the load stage makes of that athlete at once anyway, where cutting it
/// would make the whole run again for every piece.
fn chunk_ranges(rows: &dyn Table) -> Vec<Range<usize>> {
    let len = rows.len();
    let runs = rows.run_starts();
    let mut ranges = Vec::with_capacity(len / CHUNK_ROWS + 1);
    let mut start = 0;
    while start < len {
        let end = (start + CHUNK_ROWS).min(len);
        let next_run = runs.partition_point(|&r| (r as usize) < end);
        let end = runs
            .get(next_run)
            .map_or(end, |&r| (r as usize).clamp(end, len));
        ranges.push(start..end);
        start = end;
    }
    ranges
}

/// CSV bytes of `ranges`' rows, a chunk per range formatted in parallel,
/// into buffers taken from `spare` where it has some.
fn format_chunks(
    rows: &dyn Table,
    two_decimals: &[bool],
    ranges: &[Range<usize>],
    spare: &mut Vec<Vec<u8>>,
) -> Vec<Vec<u8>> {
    let mut chunks: Vec<Vec<u8>> = ranges
        .iter()
        .map(|_| {
            spare
                .pop()
                .unwrap_or_else(|| Vec::with_capacity(CHUNK_ROWS * 64))
        })
        .collect();
    chunks.par_iter_mut().zip(ranges).for_each(|(buf, chunk)| {
        if !rows.push_csv_rows(chunk.clone(), buf) {
            rows.rows(chunk.clone(), &mut CsvCells::new(buf, two_decimals));
        }
    });
    chunks
}

/// Writes the chunks in order and empties them for reuse.
fn write_chunks(file: &mut File, chunks: &mut [Vec<u8>]) -> io::Result<()> {
    for chunk in chunks {
        file.write_all(chunk)?;
        chunk.clear();
    }
    Ok(())
}

/// CSV bytes of rows: separators, quoting and number formats.
struct CsvCells<'b> {
    buf: &'b mut Vec<u8>,
    /// Per column: a float column shown with 2 decimals.
    two_decimals: &'b [bool],
    column: usize,
}

impl<'b> CsvCells<'b> {
    fn new(buf: &'b mut Vec<u8>, two_decimals: &'b [bool]) -> CsvCells<'b> {
        CsvCells {
            buf,
            two_decimals,
            column: 0,
        }
    }

    /// The separator before a cell, or the line end after the last one.
    fn begin(&mut self) -> bool {
        if self.column > 0 {
            self.buf.push(b',');
        }
        let two = self.two_decimals[self.column];
        self.column += 1;
        two
    }

    fn end(&mut self) {
        if self.column == self.two_decimals.len() {
            self.buf.push(b'\n');
            self.column = 0;
        }
    }
}

impl Cells for CsvCells<'_> {
    fn text(&mut self, value: &str) {
        self.begin();
        push_csv_text(self.buf, value);
        self.end();
    }

    fn plain_text(&mut self, value: &str) {
        self.begin();
        self.buf.extend_from_slice(value.as_bytes());
        self.end();
    }

    fn float(&mut self, value: Option<f64>) {
        let two = self.begin();
        if let Some(v) = value {
            push_float(self.buf, v, two);
        }
        self.end();
    }

    fn int(&mut self, value: Option<u64>) {
        self.begin();
        if let Some(v) = value {
            push_u64(self.buf, v);
        }
        self.end();
    }

    fn bool(&mut self, value: Option<bool>) {
        self.begin();
        match value {
            Some(true) => self.buf.extend_from_slice(b"true"),
            Some(false) => self.buf.extend_from_slice(b"false"),
            None => {}
        }
        self.end();
    }
}

/// Every row's CSV bytes as `row` writes them cell by cell, and as
/// `push_csv_rows` writes them (empty where a table has no such path);
/// checks on the way that `rows` writes the cells of `row`. Ranges are of
/// uneven lengths, so that they start anywhere.
#[cfg(test)]
pub(super) fn both_ways(rows: &dyn Table) -> (Vec<u8>, Vec<u8>) {
    let two_decimals = two_decimal_columns(rows);
    let (mut cells, mut walked, mut direct) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..rows.len() {
        rows.row(i, &mut CsvCells::new(&mut cells, &two_decimals));
    }
    let (mut from, mut step) = (0, 1);
    while from < rows.len() {
        let range = from..(from + step).min(rows.len());
        rows.rows(
            range.clone(),
            &mut CsvCells::new(&mut walked, &two_decimals),
        );
        rows.push_csv_rows(range.clone(), &mut direct);
        (from, step) = (range.end, step * 3 % 1_000 + 1);
    }
    assert_eq!(
        walked, cells,
        "rows walked from anywhere are the rows one by one"
    );
    (cells, direct)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// `n` rows cycling through two shapes.
    pub(crate) struct Two(pub(crate) usize);

    impl Table for Two {
        fn columns(&self) -> &[(&str, Kind)] {
            &[
                ("name", Kind::Text),
                ("gap_h", Kind::Float),
                ("count", Kind::U32),
                ("ok", Kind::Bool),
            ]
        }
        fn len(&self) -> usize {
            self.0
        }
        fn row(&self, i: usize, out: &mut dyn Cells) {
            let k = i % 2;
            out.text(["a,b", ""][k]);
            out.float([Some(1.125 + i as f64), None][k]);
            out.int([Some(i as u64), None][k]);
            out.bool([Some(true), None][k]);
        }
    }

    #[test]
    fn csv_rows_quote_separators_and_leave_missing_cells_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        write_csv(&Two(2), &path).unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(text, "name,gap_h,count,ok\n\"a,b\",1.13,0,true\n,,,\n");
    }

    #[test]
    fn plain_text_is_written_as_it_is_and_collected_as_text() {
        let mut buf = Vec::new();
        let mut cells = CsvCells::new(&mut buf, &[false, false]);
        cells.plain_text("2026-03-02T08:00:00Z");
        cells.text("a,b");
        assert_eq!(buf, b"2026-03-02T08:00:00Z,\"a,b\"\n");
    }

    /// `Two`'s rows in runs starting at the given rows.
    struct Runs(Two, Vec<u64>);

    impl Table for Runs {
        fn columns(&self) -> &[(&str, Kind)] {
            self.0.columns()
        }
        fn len(&self) -> usize {
            self.0.len()
        }
        fn row(&self, i: usize, out: &mut dyn Cells) {
            self.0.row(i, out)
        }
        fn run_starts(&self) -> &[u64] {
            &self.1
        }
    }

    #[test]
    fn chunks_end_at_the_run_start_after_their_rows() {
        let chunk = CHUNK_ROWS as u64;
        let runs = vec![0, 10, chunk + 5, chunk + 6, 3 * chunk, 5 * chunk + 1];
        let ends: Vec<usize> = chunk_ranges(&Runs(Two(5 * chunk as usize), runs))
            .iter()
            .map(|r| r.end)
            .collect();
        // The runs from c + 6 on are longer than a chunk; the last start is
        // past the rows.
        let c = CHUNK_ROWS;
        assert_eq!(ends, [c + 5, 3 * c, 5 * c]);
    }

    #[test]
    fn a_run_longer_than_a_chunk_is_one_chunk() {
        let rows = 20 * CHUNK_ROWS;
        let ranges = chunk_ranges(&Runs(Two(rows + 3), vec![0, rows as u64]));
        assert_eq!(ranges, [0..rows, rows..rows + 3]);
    }

    #[test]
    fn chunks_without_runs_hold_chunk_rows_each() {
        let ranges = chunk_ranges(&Two(CHUNK_ROWS * 2 + 3));
        let lens: Vec<usize> = ranges.iter().map(Range::len).collect();
        assert_eq!(lens, [CHUNK_ROWS, CHUNK_ROWS, 3]);
    }

    #[test]
    fn empty_table_is_the_header_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        write_csv(&Two(0), &path).unwrap();
        assert_eq!(std::fs::read(path).unwrap(), b"name,gap_h,count,ok\n");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_failed_write_is_reported() {
        let full = Path::new("/dev/full");
        assert!(write_csv(&Two(CHUNK_ROWS * 3), full).is_err());
    }

    /// Many chunks formatted on several threads give the bytes of one
    /// sequential pass.
    #[test]
    fn parallel_chunks_write_the_same_bytes_as_one_thread() {
        let dir = tempfile::tempdir().unwrap();
        // Two batches and a part on one thread, one batch on four.
        let rows = Two(CHUNK_ROWS * (CHUNKS_PER_THREAD * 2 + 3) + 17);
        let write_with = |threads: usize, name: &str| {
            let path = dir.path().join(name);
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| write_csv(&rows, &path).unwrap());
            std::fs::read(path).unwrap()
        };
        let one = write_with(1, "one.csv");
        let four = write_with(4, "four.csv");
        assert_eq!(one, four);
        let mut expected = b"name,gap_h,count,ok\n".to_vec();
        let mut cells = CsvCells::new(&mut expected, &[false, true, false, false]);
        for i in 0..rows.0 {
            rows.row(i, &mut cells);
        }
        assert_eq!(one, expected);
    }
}
