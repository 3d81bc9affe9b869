//! The cells of one Parquet row group, collected straight into Arrow
//! column buffers by the column's [`Kind`]: text as offsets and bytes,
//! labels as a dictionary built while collecting, numbers, booleans, time
//! stamps and dates as values beside a validity bitmap (the last two
//! stored as differences from row to row). No DataFrame or per-cell builder sits
//! between a table's cells and the encoder, and no column's encoding is
//! chosen by estimating its cardinality: the column's kind decides it
//! (BENCHMARKS.md has what each cost).

use polars_arrow::array::{
    new_empty_array, Array, BinaryArray, BooleanArray, DictionaryArray, PrimitiveArray,
};
use polars_arrow::bitmap::MutableBitmap;
use polars_arrow::datatypes::{ArrowDataType, TimeUnit};
use polars_arrow::types::NativeType;
use polars_parquet::write::Encoding;

use super::row::{Cells, Kind};
use buffers::{reclaim_primitive, Text, Validity};
use labels::Labels;

mod buffers;
mod labels;

/// One column's values while collecting.
enum Column {
    Text(Text),
    Label(Labels),
    Float(Vec<f64>, Validity),
    U32(Vec<u32>, Validity),
    U64(Vec<u64>, Validity),
    Bool(MutableBitmap, Validity),
    Instant(Vec<i64>, Validity),
    Date(Vec<i32>, Validity),
}

impl Column {
    /// An empty column of `kind` for `rows` rows.
    fn new(kind: Kind, rows: usize) -> Column {
        let validity = Validity::default;
        match kind {
            Kind::Text => Column::Text(Text::with_capacity(rows)),
            Kind::Label => Column::Label(Labels::with_capacity(rows)),
            Kind::Float | Kind::Fixed2 => Column::Float(Vec::with_capacity(rows), validity()),
            Kind::U32 => Column::U32(Vec::with_capacity(rows), validity()),
            Kind::U64 => Column::U64(Vec::with_capacity(rows), validity()),
            Kind::Bool => Column::Bool(MutableBitmap::with_capacity(rows), validity()),
            Kind::Instant => Column::Instant(Vec::with_capacity(rows), validity()),
            Kind::Date => Column::Date(Vec::with_capacity(rows), validity()),
        }
    }

    /// The column as an Arrow array and the encoding its pages take: text
    /// and decimals plain (ids, time stamps and measures are mostly
    /// distinct; estimating whether a dictionary pays cost more than the
    /// few percent of size it saved), labels as their dictionary, whole
    /// numbers as polars-parquet decides from their range (a dictionary
    /// when few values make one pay), instants and dates as the differences
    /// from one to the next (rows come by athlete and time, so most
    /// differences are small).
    fn into_array(self) -> (Box<dyn Array>, Encoding) {
        match self {
            Column::Text(text) => (Box::new(text.into_array()), Encoding::Plain),
            Column::Label(labels) => (Box::new(labels.into_array()), Encoding::RleDictionary),
            Column::Float(values, valid) => (
                primitive(arrow_type(Kind::Float), values, valid),
                Encoding::Plain,
            ),
            Column::U32(values, valid) => (
                primitive(arrow_type(Kind::U32), values, valid),
                Encoding::RleDictionary,
            ),
            Column::U64(values, valid) => (
                primitive(arrow_type(Kind::U64), values, valid),
                Encoding::RleDictionary,
            ),
            Column::Bool(values, valid) => {
                let array =
                    BooleanArray::new(arrow_type(Kind::Bool), values.freeze(), valid.into_bitmap());
                (Box::new(array), Encoding::Plain)
            }
            Column::Instant(values, valid) => (
                primitive(arrow_type(Kind::Instant), values, valid),
                Encoding::DeltaBinaryPacked,
            ),
            Column::Date(values, valid) => (
                primitive(arrow_type(Kind::Date), values, valid),
                Encoding::DeltaBinaryPacked,
            ),
        }
    }

    /// An empty column of `kind` for `rows` rows in the buffers of an
    /// encoded `array` of that kind, where no one else holds them: the
    /// next row group fills memory already touched instead of fresh pages
    /// (zeroing those was a twelfth of writing Parquet at ten million
    /// rows).
    fn reclaim(kind: Kind, mut array: Box<dyn Array>, rows: usize) -> Column {
        let any = array.as_any_mut();
        let taken = match kind {
            Kind::Text => any
                .downcast_mut::<BinaryArray<i64>>()
                .map(|a| Column::Text(Text::reclaim(take(a), rows))),
            Kind::Label => any
                .downcast_mut::<DictionaryArray<u32>>()
                .map(|a| Column::Label(Labels::reclaim(take(a), rows))),
            Kind::Float | Kind::Fixed2 => any.downcast_mut::<PrimitiveArray<f64>>().map(|a| {
                let (values, valid) = reclaim_primitive(take(a), rows);
                Column::Float(values, valid)
            }),
            Kind::U32 => any.downcast_mut::<PrimitiveArray<u32>>().map(|a| {
                let (values, valid) = reclaim_primitive(take(a), rows);
                Column::U32(values, valid)
            }),
            Kind::U64 => any.downcast_mut::<PrimitiveArray<u64>>().map(|a| {
                let (values, valid) = reclaim_primitive(take(a), rows);
                Column::U64(values, valid)
            }),
            Kind::Instant => any.downcast_mut::<PrimitiveArray<i64>>().map(|a| {
                let (values, valid) = reclaim_primitive(take(a), rows);
                Column::Instant(values, valid)
            }),
            Kind::Date => any.downcast_mut::<PrimitiveArray<i32>>().map(|a| {
                let (values, valid) = reclaim_primitive(take(a), rows);
                Column::Date(values, valid)
            }),
            Kind::Bool => None,
        };
        taken.unwrap_or_else(|| Column::new(kind, rows))
    }
}

/// The Arrow type readers see for a column of `kind`: text as plain UTF-8
/// strings, which every Arrow reader knows (the string views polars writes
/// by default stop pyarrow and R arrow before 15.0, of early 2024), labels
/// too (stored as a dictionary of them), instants as microseconds in UTC.
pub(super) fn arrow_type(kind: Kind) -> ArrowDataType {
    match kind {
        Kind::Text | Kind::Label => ArrowDataType::Utf8,
        Kind::Float | Kind::Fixed2 => ArrowDataType::Float64,
        Kind::U32 => ArrowDataType::UInt32,
        Kind::U64 => ArrowDataType::UInt64,
        Kind::Bool => ArrowDataType::Boolean,
        Kind::Instant => ArrowDataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
        Kind::Date => ArrowDataType::Date32,
    }
}

/// The array in `slot`, an empty one of its type (sharing no buffer) left
/// in its place.
fn take<A: Array + Clone>(slot: &mut A) -> A {
    let empty = new_empty_array(slot.dtype().clone());
    let empty = empty.as_any().downcast_ref::<A>().cloned();
    // An empty array of a type is of that type.
    std::mem::replace(slot, empty.expect("an empty array of the same type"))
}

fn primitive<T: NativeType>(
    dtype: ArrowDataType,
    values: Vec<T>,
    validity: Validity,
) -> Box<dyn Array> {
    Box::new(PrimitiveArray::new(
        dtype,
        values.into(),
        validity.into_bitmap(),
    ))
}

/// Collects a row group's cells, column after column, row after row.
pub(super) struct Collect {
    columns: Vec<Column>,
    column: usize,
    rows: usize,
}

impl Collect {
    /// Empty columns of `kinds` for `rows` rows.
    pub(super) fn new(kinds: impl Iterator<Item = Kind>, rows: usize) -> Collect {
        Collect {
            columns: kinds.map(|kind| Column::new(kind, rows)).collect(),
            column: 0,
            rows,
        }
    }

    /// The columns as Arrow arrays with the encodings their pages take.
    pub(super) fn into_arrays(self) -> Vec<(Box<dyn Array>, Encoding)> {
        self.columns.into_iter().map(Column::into_array).collect()
    }

    /// Empty columns of `kinds` for `rows` rows in the buffers of the
    /// encoded `arrays` (see [`Column::reclaim`]).
    pub(super) fn reclaim(
        kinds: impl Iterator<Item = Kind>,
        arrays: Vec<Box<dyn Array>>,
        rows: usize,
    ) -> Collect {
        let columns = kinds.zip(arrays);
        Collect {
            columns: columns
                .map(|(kind, array)| Column::reclaim(kind, array, rows))
                .collect(),
            column: 0,
            rows,
        }
    }

    /// The column of the next cell: after a row's last, the first again.
    #[inline]
    fn next(&mut self) -> &mut Column {
        let column = self.column;
        // A compare, not `%`: this runs for every cell, and a division is dear.
        self.column = if column + 1 >= self.columns.len() {
            0
        } else {
            column + 1
        };
        &mut self.columns[column]
    }

    #[inline]
    fn push_text(&mut self, value: Option<&str>) {
        let bytes = value.map(str::as_bytes);
        self.push_label(bytes, |labels| labels.push(bytes));
    }

    /// Adds a text cell to the next column, by `add` where it is a label
    /// column; one whose dictionary is full turns into text first.
    #[inline]
    fn push_label(&mut self, bytes: Option<&[u8]>, add: impl FnOnce(&mut Labels) -> bool) {
        let rows = self.rows;
        let column = self.next();
        match column {
            Column::Text(text) => text.push(bytes),
            Column::Label(labels) => {
                if add(labels) {
                    return;
                }
                let mut text = labels.to_text(rows);
                text.push(bytes);
                *column = Column::Text(text);
            }
            _ => {}
        }
    }
}

// A cell of another type than its column declares is a programming error in
// a `Table` implementation: it is not stored, so that column comes out short
// and encoding fails with an error (no panic).
impl Cells for Collect {
    #[inline]
    fn text(&mut self, value: &str) {
        self.push_text(Some(value));
    }

    #[inline]
    fn maybe_text(&mut self, value: Option<&str>) {
        self.push_text(value);
    }

    #[inline]
    fn label(&mut self, number: u64, value: &str) {
        let bytes = value.as_bytes();
        self.push_label(Some(bytes), |labels| labels.push_numbered(number, bytes));
    }

    #[inline]
    fn float(&mut self, value: Option<f64>) {
        if let Column::Float(values, valid) = self.next() {
            values.push(value.unwrap_or_default());
            valid.push(value.is_some());
        }
    }

    #[inline]
    fn int(&mut self, value: Option<u64>) {
        match self.next() {
            Column::U32(values, valid) => {
                let value = value.and_then(|x| u32::try_from(x).ok());
                values.push(value.unwrap_or_default());
                valid.push(value.is_some());
            }
            Column::U64(values, valid) => {
                values.push(value.unwrap_or_default());
                valid.push(value.is_some());
            }
            _ => {}
        }
    }

    #[inline]
    fn bool(&mut self, value: Option<bool>) {
        if let Column::Bool(values, valid) = self.next() {
            values.push(value.unwrap_or_default());
            valid.push(value.is_some());
        }
    }

    #[inline]
    fn instant(&mut self, utc_us: i64) {
        if let Column::Instant(values, valid) = self.next() {
            values.push(utc_us);
            valid.push(true);
        }
    }

    #[inline]
    fn date(&mut self, epoch_days: i64) {
        if let Column::Date(values, valid) = self.next() {
            // Dates chrono has are within 2^31 days of 1970; another is a
            // missing cell.
            let epoch_days = i32::try_from(epoch_days).ok();
            values.push(epoch_days.unwrap_or_default());
            valid.push(epoch_days.is_some());
        }
    }
}

#[cfg(test)]
mod tests;
