//! Writing a [`Table`] as Parquet: a row group's cells collected into
//! Arrow column buffers (`parquet_columns`), encoded into pages by
//! polars-parquet and compressed with Snappy on concur's threads, a row
//! group per thread, then written in order. Readers see the column types
//! the table declares (text as strings, labels too, though stored as a
//! dictionary).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::ops::Range;
use std::path::Path;
use std::sync::Mutex;

use polars::prelude::{PolarsError, PolarsResult};
use polars_arrow::datatypes::{ArrowDataType, ArrowSchema, Field};
use polars_parquet::write::{
    array_to_columns, compress, fallible_streaming_iterator, CompressedPage, CompressionOptions,
    DynIter, DynStreamingIterator, FileWriter, ParquetType, StatisticsOptions, Version,
    WriteOptions,
};
use rayon::prelude::*;

use super::parquet_columns::{arrow_type, Collect};
use super::table::Table;

/// Rows per Parquet row group. Groups are built and written a few at a
/// time, so memory holds those, not the whole table.
const GROUP_ROWS: usize = 1 << 17;

/// Min/max and null counts per page and row group (readers prune by them),
/// Snappy (every Parquet reader knows it, and it encodes faster than zstd
/// for files somewhat larger: BENCHMARKS.md), pages of the 1 MiB polars
/// writes by default.
const OPTIONS: WriteOptions = WriteOptions {
    statistics: StatisticsOptions {
        min_value: true,
        max_value: true,
        distinct_count: false,
        null_count: true,
        binary_statistics_truncate_length: None,
    },
    version: Version::V1,
    compression: CompressionOptions::Snappy,
    data_page_size: None,
};

/// The options for a column of `dtype`: decimals (durations, gaps, loads)
/// go without min/max, which spread over every row group of these tables,
/// so they prune nothing and cost time to compute (BENCHMARKS.md); text, labels, counts, time stamps and dates keep them
/// (rows come sorted by group, athlete and time).
fn options_for(dtype: &ArrowDataType) -> WriteOptions {
    let mut options = OPTIONS;
    if *dtype == ArrowDataType::Float64 {
        options.statistics.min_value = false;
        options.statistics.max_value = false;
    }
    options
}

/// A row group's columns, each as its compressed pages.
type RowGroup = (u64, Vec<Vec<CompressedPage>>);

/// Writes `rows` as a Parquet file, a batch of row groups (one per thread)
/// at a time: each group collected, encoded and compressed whole on one of
/// concur's threads while the batch before is written in order (the
/// writing thread joins the encoding when done), so memory holds two
/// batches' pages of each table being written (two at a time).
pub(super) fn write_parquet(rows: &dyn Table, path: &Path) -> PolarsResult<()> {
    let schema: ArrowSchema = rows
        .columns()
        .iter()
        .map(|(name, kind)| {
            let field = Field::new((*name).into(), arrow_type(*kind), true);
            (field.name.clone(), field)
        })
        .collect();
    let mut writer = FileWriter::try_new(BufWriter::new(File::create(path)?), schema, OPTIONS)?;
    let fields = writer.parquet_schema().fields().to_vec();
    let threads = rayon::current_num_threads().max(1);
    let starts: Vec<usize> = (0..rows.len()).step_by(GROUP_ROWS).collect();
    let spare = Spare::default();
    let mut encoded: Vec<RowGroup> = Vec::new();
    for batch in starts.chunks(threads) {
        let (written, groups) = rayon::join(
            || write_groups(&mut writer, &encoded),
            || {
                let groups = batch.par_iter().map(|&start| {
                    let range = start..(start + GROUP_ROWS).min(rows.len());
                    row_group(rows, range, &fields, &spare)
                });
                groups.collect::<PolarsResult<Vec<RowGroup>>>()
            },
        );
        written?;
        encoded = groups?;
    }
    write_groups(&mut writer, &encoded)?;
    writer.end(None)?;
    Ok(())
}

/// Writes encoded row groups in order.
fn write_groups<W: Write>(writer: &mut FileWriter<W>, groups: &[RowGroup]) -> PolarsResult<()> {
    for (len, columns) in groups {
        let columns = columns.iter().map(|pages| {
            let pages = fallible_streaming_iterator::convert(pages.iter().map(Ok));
            Ok(DynStreamingIterator::new(pages))
        });
        writer.write(*len, DynIter::new(columns))?;
    }
    Ok(())
}

/// Column buffers of row groups encoded, a row group's worth each, for the
/// next ones (see [`Collect::reclaim`]).
type Spare = Mutex<Vec<Collect>>;

fn poisoned<T>(_: T) -> PolarsError {
    PolarsError::ComputeError("a thread writing Parquet failed".into())
}

/// The rows of `range` as a row group of compressed pages, collected into
/// the buffers of a row group encoded before where `spare` has one.
fn row_group(
    rows: &dyn Table,
    range: Range<usize>,
    fields: &[ParquetType],
    spare: &Spare,
) -> PolarsResult<RowGroup> {
    let len = range.len();
    let kinds = || rows.columns().iter().map(|(_, kind)| *kind);
    let taken = spare.lock().map_err(poisoned)?.pop();
    // Sized for this group: a small table reserves no more than it holds;
    // reused buffers grow to the largest group.
    let mut collect = taken.unwrap_or_else(|| Collect::new(kinds(), len));
    rows.collect_rows(range, &mut collect);
    let arrays = collect.into_arrays();
    let mut columns = Vec::with_capacity(arrays.len());
    for ((array, encoding), field) in arrays.iter().zip(fields) {
        if array.len() != len {
            return Err(PolarsError::ComputeError(
                format!("column {} has {} of {len} rows", field.name(), array.len()).into(),
            ));
        }
        let mut pages = Vec::new();
        let options = options_for(array.dtype());
        for leaf in array_to_columns(array.clone(), field.clone(), options, &[*encoding])? {
            for page in leaf {
                pages.push(compress(page?, Vec::new(), OPTIONS.compression)?);
            }
        }
        columns.push(pages);
    }
    let arrays = arrays.into_iter().map(|(array, _)| array).collect();
    let collect = Collect::reclaim(kinds(), arrays, len);
    spare.lock().map_err(poisoned)?.push(collect);
    Ok((len as u64, columns))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::US_PER_DAY;
    use crate::report::row::Cells;
    use crate::report::row::Kind;
    use polars::prelude::{
        Column, DataFrame, DataType, ParquetReader, SerReader, TimeUnit, TimeZone,
    };
    use polars_parquet::parquet::read::read_metadata;

    /// `n` rows of every column kind, with missing cells, a label of three
    /// values and a numbered label with more distinct values than a
    /// dictionary holds.
    struct Mixed(usize);

    type Row = (
        Option<String>,
        Option<&'static str>,
        String,
        Option<f64>,
        Option<u64>,
        Option<bool>,
        i64,
    );

    fn cells(i: usize) -> Row {
        (
            (!i.is_multiple_of(7)).then(|| format!("id-{i}")),
            (!i.is_multiple_of(11)).then_some(["north", "south", ""][i % 3]),
            format!("t{}", i / 2),
            (!i.is_multiple_of(5)).then_some(i as f64 / 4.0),
            (!i.is_multiple_of(13)).then_some(i as u64),
            (!i.is_multiple_of(17)).then_some(i.is_multiple_of(2)),
            // Up and down, as times of athletes one after the other are.
            20_000 + (i % 9) as i64 * 3 - (i / 9) as i64,
        )
    }

    impl Table for Mixed {
        fn columns(&self) -> &[(&str, Kind)] {
            &[
                ("id", Kind::Text),
                ("group", Kind::Label),
                ("time", Kind::Label),
                ("gap_h", Kind::Float),
                ("count", Kind::U32),
                ("total", Kind::U64),
                ("ok", Kind::Bool),
                ("at", Kind::Instant),
                ("day", Kind::Date),
            ]
        }
        fn len(&self) -> usize {
            self.0
        }
        fn row(&self, i: usize, out: &mut dyn Cells) {
            let (id, group, time, gap, count, ok, day) = cells(i);
            out.maybe_text(id.as_deref());
            out.maybe_text(group);
            out.label((i / 2) as u64, &time);
            out.float(gap);
            out.int(count);
            out.int(count);
            out.bool(ok);
            out.instant(day * US_PER_DAY + 1_500);
            out.date(day);
        }
    }

    /// The frame a reader should see for `Mixed(n)`.
    fn expected(n: usize) -> DataFrame {
        let rows: Vec<Row> = (0..n).map(cells).collect();
        let columns = vec![
            Column::new(
                "id".into(),
                rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>(),
            ),
            Column::new("group".into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
            Column::new(
                "time".into(),
                rows.iter().map(|r| r.2.clone()).collect::<Vec<_>>(),
            ),
            Column::new("gap_h".into(), rows.iter().map(|r| r.3).collect::<Vec<_>>()),
            Column::new(
                "count".into(),
                rows.iter()
                    .map(|r| r.4.map(|c| c as u32))
                    .collect::<Vec<_>>(),
            ),
            Column::new("total".into(), rows.iter().map(|r| r.4).collect::<Vec<_>>()),
            Column::new("ok".into(), rows.iter().map(|r| r.5).collect::<Vec<_>>()),
            instants("at", rows.iter().map(|r| r.6 * US_PER_DAY + 1_500)),
            Column::new(
                "day".into(),
                rows.iter().map(|r| r.6 as i32).collect::<Vec<_>>(),
            )
            .cast(&DataType::Date)
            .unwrap(),
        ];
        DataFrame::new(n, columns).unwrap()
    }

    /// A column of UTC instants as polars has them.
    fn instants(name: &str, utc_us: impl Iterator<Item = i64>) -> Column {
        let utc = TimeZone::opt_try_new(Some("UTC")).unwrap();
        Column::new(name.into(), utc_us.collect::<Vec<_>>())
            .cast(&DataType::Datetime(TimeUnit::Microseconds, utc))
            .unwrap()
    }

    fn read(path: &Path) -> DataFrame {
        ParquetReader::new(File::open(path).unwrap())
            .finish()
            .unwrap()
    }

    #[test]
    fn every_kind_reads_back_with_its_type_and_missing_cells() {
        let dir = tempfile::tempdir().unwrap();
        for n in [0, 5, 1_000] {
            let path = dir.path().join(format!("t{n}.parquet"));
            write_parquet(&Mixed(n), &path).unwrap();
            let (read, expected) = (read(&path), expected(n));
            // Frames compare equal across some types (a date as its day number).
            assert_eq!(read.dtypes(), expected.dtypes(), "{n} rows");
            assert_eq!(read, expected, "{n} rows");
        }
    }

    /// Row groups after the first reuse the buffers of those before, on one
    /// thread and on several, also where a label column turned into text in
    /// the group before: the whole table reads back.
    #[test]
    fn row_groups_in_reused_buffers_read_back_as_the_whole_table() {
        let dir = tempfile::tempdir().unwrap();
        let rows = Mixed(GROUP_ROWS * 3 + 5);
        for threads in [1, 3] {
            let path = dir.path().join(format!("t{threads}.parquet"));
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| write_parquet(&rows, &path).unwrap());
            assert_eq!(read(&path), expected(rows.0), "{threads} threads");
        }
    }

    #[test]
    fn labels_are_a_dictionary_and_decimals_have_no_min_max() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.parquet");
        write_parquet(&Mixed(100), &path).unwrap();
        let metadata = read_metadata(&mut File::open(&path).unwrap()).unwrap();
        let chunks = metadata.row_groups[0].parquet_columns();
        let dictionary: Vec<bool> = chunks
            .iter()
            .map(|c| c.dictionary_page_offset().is_some())
            .collect();
        // Whole numbers of few values get one too, as polars-parquet decides.
        assert_eq!(dictionary[..4], [false, true, true, false]);
        assert_eq!(dictionary[7..], [false, false], "instants and dates");
        let min_max: Vec<bool> = chunks
            .iter()
            .map(|c| {
                let stats = c.statistics(&metadata.footer_buf).unwrap().unwrap();
                let stats = stats.serialize();
                assert!(stats.null_count.is_some(), "every column counts its nulls");
                stats.min_value.is_some() && stats.max_value.is_some()
            })
            .collect();
        assert_eq!(
            min_max,
            [true, true, true, false, true, true, true, true, true]
        );
    }

    /// Instants and dates are stored as the differences from row to row:
    /// fewer bytes than their 8 and 4 bytes a value, before Snappy.
    #[test]
    fn instants_and_dates_are_stored_as_differences() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.parquet");
        let rows = 10_000;
        write_parquet(&Mixed(rows), &path).unwrap();
        let metadata = read_metadata(&mut File::open(&path).unwrap()).unwrap();
        let chunks = metadata.row_groups[0].parquet_columns();
        let bytes = |c: usize| chunks[c].uncompressed_size() as usize;
        // Days a few apart take a few bits; instants a few days apart, 40.
        assert!(bytes(7) < rows * 6, "instants: {} bytes", bytes(7));
        assert!(bytes(8) < rows, "dates: {} bytes", bytes(8));
    }

    #[test]
    fn text_is_written_as_plain_utf8_strings_for_every_arrow_reader() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.parquet");
        write_parquet(&Mixed(10), &path).unwrap();
        let metadata = read_metadata(&mut File::open(&path).unwrap()).unwrap();
        // The Arrow schema stored beside the Parquet one, as written (polars
        // reads it back as views whatever it says).
        let key_values = metadata.key_value_metadata().as_ref().unwrap();
        let stored = key_values.iter().find(|kv| kv.key == "ARROW:schema");
        let encoded = stored.and_then(|kv| kv.value.as_deref()).unwrap();
        use base64::Engine as _;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .unwrap();
        // An IPC message: a continuation marker and a length, then the schema.
        let (schema, ..) = polars_arrow::io::ipc::read::deserialize_schema(&bytes[8..]).unwrap();
        let types: Vec<&ArrowDataType> = schema.iter_values().map(|f| f.dtype()).collect();
        assert_eq!(types[..3], [&ArrowDataType::Utf8; 3]);
    }
}
