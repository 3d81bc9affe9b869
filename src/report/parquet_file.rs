//! Writing a [`Table`] as Parquet: its rows collected into typed
//! DataFrames, a row group at a time, with the column types the table
//! declares.

use std::fs::File;
use std::ops::Range;
use std::path::Path;

use polars::prelude::{
    Column, DataFrame, IntoColumn, ParquetCompression, ParquetWriter, PolarsResult,
    StringChunkedBuilder,
};
use rayon::prelude::*;

use super::table::{Cells, Kind, Table};

/// Rows per Parquet row group. Groups are built and written a few at a
/// time, so memory holds those, not the whole table as one frame (several
/// times the table's size at ten million sessions).
const GROUP_ROWS: usize = 1 << 17;

/// The rows as a typed DataFrame, with the column types `columns` declares
/// (the whole table at once: for the tests' comparisons).
#[cfg(test)]
pub(super) fn to_frame(rows: &dyn Table) -> PolarsResult<DataFrame> {
    range_frame(rows, 0..rows.len())
}

/// Writes `rows` as a Parquet file, a batch of row groups at a time: each
/// group is built and encoded whole on one of concur's threads (polars'
/// own pool would encode its columns in parallel, competing with them), and
/// the batch is written in order; memory holds one batch's pages.
pub(super) fn write_parquet(rows: &dyn Table, path: &Path) -> PolarsResult<()> {
    let schema = range_frame(rows, 0..0)?;
    // Snappy: every Parquet reader knows it (pandas and Spark write it by
    // default), and it encodes faster than zstd for files somewhat larger
    // (BENCHMARKS.md).
    let writer = ParquetWriter::new(File::create(path)?)
        .with_compression(ParquetCompression::Snappy)
        .batched(schema.schema())?;
    let threads = rayon::current_num_threads().max(1);
    let starts: Vec<usize> = (0..rows.len()).step_by(GROUP_ROWS).collect();
    // A batch of row groups (one per thread) is built and encoded on
    // concur's threads, each group whole on one, then written in order.
    let writer = &writer;
    for batch in starts.chunks(threads) {
        let groups = batch
            .par_iter()
            .map(|&start| {
                let df = range_frame(rows, start..(start + GROUP_ROWS).min(rows.len()))?;
                writer
                    .encode_and_compress(&df)
                    .collect::<PolarsResult<Vec<_>>>()
            })
            .collect::<PolarsResult<Vec<_>>>()?;
        writer.write_row_groups(groups.into_iter().flatten().collect())?;
    }
    writer.finish()?;
    Ok(())
}

/// The rows of `range` as a typed DataFrame.
fn range_frame(rows: &dyn Table, range: Range<usize>) -> PolarsResult<DataFrame> {
    let n = range.len();
    let mut collect = Collect {
        columns: rows
            .columns()
            .iter()
            .map(|(name, kind)| match kind {
                Kind::Text => Values::Text(StringChunkedBuilder::new((*name).into(), n)),
                Kind::Float | Kind::Fixed2 => Values::Float(Vec::with_capacity(n)),
                Kind::U32 => Values::U32(Vec::with_capacity(n)),
                Kind::U64 => Values::U64(Vec::with_capacity(n)),
                Kind::Bool => Values::Bool(Vec::with_capacity(n)),
            })
            .collect(),
        column: 0,
    };
    rows.rows(range, &mut collect);
    let columns = rows
        .columns()
        .iter()
        .zip(collect.columns)
        .map(|((name, _), values)| values.into_column(name))
        .collect();
    DataFrame::new(n, columns)
}

/// One column's values while collecting.
enum Values {
    Text(StringChunkedBuilder),
    Float(Vec<Option<f64>>),
    U32(Vec<Option<u32>>),
    U64(Vec<Option<u64>>),
    Bool(Vec<Option<bool>>),
}

impl Values {
    fn into_column(self, name: &str) -> Column {
        let name = name.into();
        match self {
            Values::Text(builder) => builder.finish().into_column(),
            Values::Float(v) => Column::new(name, v),
            Values::U32(v) => Column::new(name, v),
            Values::U64(v) => Column::new(name, v),
            Values::Bool(v) => Column::new(name, v),
        }
    }
}

struct Collect {
    columns: Vec<Values>,
    column: usize,
}

impl Collect {
    /// The column of the next cell: after a row's last, the first again.
    fn next(&mut self) -> &mut Values {
        let column = self.column;
        self.column = (column + 1) % self.columns.len();
        &mut self.columns[column]
    }
}

// A cell of another type than its column declares is a programming error in
// a `Table` implementation: it is not stored, so that column comes out short
// and building the frame fails with an error naming the table (no panic).
impl Cells for Collect {
    fn text(&mut self, value: &str) {
        if let Values::Text(builder) = self.next() {
            builder.append_value(value);
        }
    }

    fn float(&mut self, value: Option<f64>) {
        if let Values::Float(v) = self.next() {
            v.push(value);
        }
    }

    fn maybe_text(&mut self, value: Option<&str>) {
        if let Values::Text(builder) = self.next() {
            builder.append_option(value);
        }
    }

    fn int(&mut self, value: Option<u64>) {
        match self.next() {
            Values::U32(v) => v.push(value.and_then(|x| u32::try_from(x).ok())),
            Values::U64(v) => v.push(value),
            _ => {}
        }
    }

    fn bool(&mut self, value: Option<bool>) {
        if let Values::Bool(v) = self.next() {
            v.push(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::csv_file::tests::Two;

    #[test]
    fn parquet_in_row_groups_reads_back_as_the_whole_frame() {
        use polars::prelude::{ParquetReader, SerReader};
        let dir = tempfile::tempdir().unwrap();
        for n in [0, 5, GROUP_ROWS * 2 + 3] {
            let path = dir.path().join(format!("t{n}.parquet"));
            write_parquet(&Two(n), &path).unwrap();
            let back = ParquetReader::new(File::open(&path).unwrap())
                .finish()
                .unwrap();
            assert_eq!(back, to_frame(&Two(n)).unwrap(), "{n} rows");
        }
    }

    #[test]
    fn collected_rows_have_the_declared_types_even_when_empty() {
        for n in [0, 2] {
            let df = to_frame(&Two(n)).unwrap();
            assert_eq!(df.shape(), (n, 4));
            let dtypes: Vec<String> = df.dtypes().iter().map(|d| d.to_string()).collect();
            assert_eq!(dtypes, ["str", "f64", "u32", "bool"]);
        }
    }
}
