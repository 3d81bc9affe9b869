//! Decoding a canonical Parquet file with polars: the schema read, the
//! canonical columns found, what they decode to taken from the file's
//! allowance, and only those columns decoded, kept in the file's chunks.

use std::io::Cursor;

use chrono::{DateTime, NaiveDate, TimeDelta};
use polars::prelude::{
    BooleanType, ChunkedArray, Column, DataType, Float64Type, Int64Type, ParquetReader,
    PolarsDataType, PolarsResult, SerReader, StringType, TimeUnit, TimeZone,
};

use super::super::canonical::Columns;
use super::super::columns::Header;
use super::super::limits::Allowance;

/// The columns of the canonical CSV that a reader uses; others are not decoded.
const READ_COLUMNS: [&str; 11] = [
    "session_id",
    "athlete_id",
    "start",
    "end",
    "duration_min",
    "duration_s",
    "modality",
    "sport",
    "sub_sport",
    "rpe",
    "to_failure",
];

/// Bytes a decoded value costs besides its text (a polars string view, an
/// `i64`, a validity bit and the CSV text it is written out as).
const DECODED_BYTES_PER_VALUE: u64 = 16;

/// The header, the columns found in it and the cells of the columns read (by
/// header index, ascending); `None` for a file without rows.
pub(super) type Table = Option<(Header, Columns, Vec<(usize, Cells)>)>;

/// Reads the schema, finds the canonical columns, takes what they decode to
/// from `allowance` and decodes only those.
pub(super) fn load(bytes: &[u8], allowance: &mut Allowance<'_>) -> Result<Table, String> {
    let unreadable = |e: polars::error::PolarsError| format!("unreadable Parquet file: {e}");
    let mut reader = ParquetReader::new(Cursor::new(bytes));
    let schema = reader.schema().map_err(unreadable)?;
    let names: Vec<&str> = schema.iter_names().map(|n| n.as_str()).collect();
    let header = Header::new(&csv::StringRecord::from(names));
    let cols = Columns::find(&header).map_err(|reason| {
        reason.replacen("not a sessions CSV", "not a sessions Parquet file", 1)
    })?;
    let mut projection: Vec<usize> = READ_COLUMNS
        .iter()
        .filter_map(|name| header.find(name))
        .collect();
    projection.sort_unstable();
    projection.dedup();
    let metadata = reader.get_metadata().map_err(unreadable)?;
    let names: Vec<&str> = projection.iter().map(|&i| header.raw[i].as_str()).collect();
    let (rows, decoded) = decoded_size(metadata, &names);
    allowance.take(
        decoded,
        &format!(
            "decoding {rows} rows of {} columns (from the file's metadata)",
            projection.len()
        ),
    )?;
    let frame = reader
        .with_projection(Some(projection.clone()))
        .finish()
        .map_err(unreadable)?;
    if frame.height() == 0 {
        return Ok(None);
    }
    let cells = projection
        .iter()
        .zip(frame.columns())
        .map(|(&index, column)| Cells::new(column, &header.raw[index]).map(|c| (index, c)))
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Some((header, cols, cells)))
}

/// Rows of a file and about how many bytes its columns `names` decode to,
/// from its metadata: their uncompressed size plus a fixed cost per value.
fn decoded_size(metadata: &polars::prelude::FileMetadataRef, names: &[&str]) -> (u64, u64) {
    let groups = &metadata.row_groups;
    let group_rows = groups.iter().map(|g| g.num_rows() as u64);
    let rows = (metadata.num_rows as u64).max(group_rows.fold(0, u64::saturating_add));
    let text = groups
        .iter()
        .flat_map(|g| names.iter().filter_map(|n| g.columns_under_root_iter(n)))
        .flatten()
        .map(|c| c.uncompressed_size().max(0) as u64)
        .fold(0, u64::saturating_add);
    let values = rows.saturating_mul(names.len() as u64);
    let decoded = values
        .saturating_mul(DECODED_BYTES_PER_VALUE)
        .saturating_add(text);
    (rows, decoded)
}

/// One column's values, ready to be written as CSV text row by row.
pub(super) enum Cells {
    /// Text as is; other values as polars writes them as text.
    Text(Chunked<StringType>),
    /// Whole numbers (of up to 64 bits, unsigned up to 32), in decimal.
    Int(Chunked<Int64Type>),
    /// 64-bit floats, written as polars' cast to text writes them (`45.5`, `60.0`).
    Float(Chunked<Float64Type>),
    /// `true` or `false`.
    Bool(Chunked<BooleanType>),
    /// A timestamp (microseconds since 1970 UTC) and, for an instant, its zone.
    Datetime(Vec<Option<i64>>, Option<chrono_tz::Tz>),
    /// A calendar date (days since 1970-01-01): a date-only session.
    Date(Vec<Option<i32>>),
}

impl Cells {
    /// Prepares a column of a supported type, or says which types are expected.
    pub(super) fn new(column: &Column, name: &str) -> Result<Cells, String> {
        let wrong_type = || {
            format!(
                "column {name} has type {}; expected text, a number, a boolean, a date-time or a date",
                column.dtype()
            )
        };
        let cells = match column.dtype() {
            DataType::Datetime(unit, zone) => datetime_cells(column, *unit, zone.as_ref()),
            DataType::Date => date_cells(column),
            DataType::String => column.str().map(|c| Cells::Text(Chunked::new(c))),
            DataType::Boolean => column.bool().map(|c| Cells::Bool(Chunked::new(c))),
            DataType::Float64 => column.f64().map(|c| Cells::Float(Chunked::new(c))),
            // Every value of these fits an i64 exactly.
            DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32 => column
                .cast(&DataType::Int64)
                .and_then(|c| c.i64().map(Chunked::new))
                .map(Cells::Int),
            dtype
                if dtype.is_primitive_numeric()
                    || dtype.is_categorical()
                    || dtype.is_enum()
                    || dtype.is_null() =>
            {
                column
                    .cast(&DataType::String)
                    .and_then(|c| c.str().map(Chunked::new))
                    .map(Cells::Text)
            }
            _ => return Err(wrong_type()),
        };
        cells.map_err(|e| format!("column {name}: {e}"))
    }

    /// Number of rows.
    pub(super) fn len(&self) -> usize {
        match self {
            Cells::Text(c) => c.column.len(),
            Cells::Int(c) => c.column.len(),
            Cells::Float(c) => c.column.len(),
            Cells::Bool(c) => c.column.len(),
            Cells::Datetime(v, _) => v.len(),
            Cells::Date(v) => v.len(),
        }
    }

    /// Appends row `row`'s value as CSV text (nothing for a missing value).
    pub(super) fn write(&self, row: usize, out: &mut String) {
        use std::fmt::Write as _;
        // Writing into a String cannot fail.
        let _ = match self {
            Cells::Text(column) => {
                let text = column.at(row).and_then(|(chunk, i)| chunk.get(i));
                out.push_str(text.unwrap_or_default());
                Ok(())
            }
            Cells::Int(column) => column
                .at(row)
                .filter(|(chunk, i)| chunk.validity().is_none_or(|v| v.get_bit(*i)))
                .map_or(Ok(()), |(chunk, i)| write!(out, "{}", chunk.value(i))),
            Cells::Float(column) => {
                let valid = column.at(row);
                let valid =
                    valid.filter(|(chunk, i)| chunk.validity().is_none_or(|v| v.get_bit(*i)));
                if let Some((chunk, i)) = valid {
                    // polars' own float-to-text writer (`zmij`), so the text is its cast's.
                    out.push_str(zmij::Buffer::new().format(chunk.value(i)));
                }
                Ok(())
            }
            Cells::Bool(column) => {
                let value = column.at(row).and_then(|(chunk, i)| chunk.get(i));
                out.push_str(value.map_or("", |v| if v { "true" } else { "false" }));
                Ok(())
            }
            Cells::Datetime(values, zone) => match values[row] {
                None => Ok(()),
                Some(us) => match (DateTime::from_timestamp_micros(us), zone) {
                    // Out of chrono's range: the raw number, which the start rules reject.
                    (None, _) => write!(out, "{us}"),
                    (Some(utc), None) => write!(out, "{}", utc.naive_utc().format(NAIVE)),
                    (Some(utc), Some(tz)) => {
                        write!(out, "{}", utc.with_timezone(tz).format(INSTANT))
                    }
                },
            },
            Cells::Date(values) => match values[row] {
                None => Ok(()),
                Some(days) => match date_from_epoch_days(days) {
                    Some(date) => write!(out, "{}", date.format("%Y-%m-%d")),
                    None => write!(out, "{days}"),
                },
            },
        };
    }
}

/// A column in the file's chunks (one per row group), with where each
/// chunk ends. A copy into one chunk was most of the decoding's memory, and
/// polars' own lookup of a row walks the chunks; this one bisects them.
pub(super) struct Chunked<T: PolarsDataType> {
    column: ChunkedArray<T>,
    ends: Vec<usize>,
    /// The chunk of the row asked for last: rows are asked for in order,
    /// and the next is nearly always in the same chunk.
    last: std::cell::Cell<usize>,
}

impl<T: PolarsDataType> Chunked<T> {
    fn new(column: &ChunkedArray<T>) -> Chunked<T> {
        let ends = column
            .chunks()
            .iter()
            .scan(0, |end, chunk| {
                *end += chunk.len();
                Some(*end)
            })
            .collect();
        Chunked {
            column: column.clone(),
            ends,
            last: std::cell::Cell::new(0),
        }
    }

    /// The chunk holding row `row` and the row's index in it.
    fn at(&self, row: usize) -> Option<(&T::Array, usize)> {
        let start_of = |k: usize| k.checked_sub(1).map_or(0, |before| self.ends[before]);
        let last = self.last.get();
        let k = if self
            .ends
            .get(last)
            .is_some_and(|&end| start_of(last) <= row && row < end)
        {
            last
        } else {
            let k = self.ends.partition_point(|&end| end <= row);
            self.last.set(k);
            k
        };
        let start = start_of(k);
        self.column
            .downcast_get(k)
            .map(|chunk| (chunk, row - start))
    }
}

/// A local wall-clock time as the canonical CSV writes it.
const NAIVE: &str = "%Y-%m-%dT%H:%M:%S%.f";
/// An instant with its UTC offset in the zone of the column.
const INSTANT: &str = "%Y-%m-%dT%H:%M:%S%.f%:z";

fn datetime_cells(column: &Column, unit: TimeUnit, zone: Option<&TimeZone>) -> PolarsResult<Cells> {
    // polars validated the zone when it read the schema; UTC if it cannot say.
    let zone = zone.map(|z| z.to_chrono().unwrap_or(chrono_tz::UTC));
    let to_us = |v: i64| match unit {
        TimeUnit::Nanoseconds => v.div_euclid(1000),
        TimeUnit::Microseconds => v,
        TimeUnit::Milliseconds => v.saturating_mul(1000),
    };
    let values = column
        .datetime()?
        .physical()
        .iter()
        .map(|v| v.map(to_us))
        .collect();
    Ok(Cells::Datetime(values, zone))
}

fn date_cells(column: &Column) -> PolarsResult<Cells> {
    let values = column.date()?.physical().iter().collect();
    Ok(Cells::Date(values))
}

/// The date `days` after 1970-01-01, if chrono can represent it.
fn date_from_epoch_days(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_signed(TimeDelta::try_days(days.into())?)
}
