//! The cells of one Parquet row group, collected straight into Arrow
//! column buffers by the column's [`Kind`]: text as offsets and bytes,
//! labels as a dictionary built while collecting, numbers and booleans as
//! values beside a validity bitmap. No DataFrame or per-cell builder sits
//! between a table's cells and the encoder: at ten million rows those were
//! a seventh of writing Parquet, and polars estimating every text column's
//! cardinality to choose its encoding another tenth (BENCHMARKS.md).

use polars::prelude::PlHashMap;
use polars_arrow::array::{
    new_empty_array, Array, BinaryArray, BooleanArray, DictionaryArray, PrimitiveArray,
};
use polars_arrow::bitmap::{Bitmap, MutableBitmap};
use polars_arrow::datatypes::{ArrowDataType, IntegerType};
use polars_arrow::offset::OffsetsBuffer;
use polars_arrow::types::NativeType;
use polars_arrow::Either;
use polars_parquet::write::Encoding;

use super::table::{Cells, Kind};

/// Most distinct values a label column keeps as a dictionary in one row
/// group (a quarter of a row group: each value then stands for four cells
/// on average); past it (start times of a season logged to the second,
/// say) the column is written as plain text.
const MOST_LABELS: usize = 1 << 15;

/// Bytes a text cell is first given room for (ids, dates, time stamps are
/// 5 to 25); a column of longer cells grows its buffer once.
const TEXT_CELL_BYTES: usize = 16;

/// One column's values while collecting.
pub(super) enum Column {
    Text(Text),
    Label(Labels),
    Float(Vec<f64>, MutableBitmap),
    U32(Vec<u32>, MutableBitmap),
    U64(Vec<u64>, MutableBitmap),
    Bool(MutableBitmap, MutableBitmap),
}

/// Text cells as Arrow's large binary layout: every cell's end offset into
/// one byte buffer.
#[derive(Default)]
pub(super) struct Text {
    offsets: Vec<i64>,
    bytes: Vec<u8>,
    validity: MutableBitmap,
}

impl Text {
    fn with_capacity(rows: usize) -> Text {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Text {
            offsets,
            bytes: Vec::with_capacity(rows * TEXT_CELL_BYTES),
            validity: MutableBitmap::with_capacity(rows),
        }
    }

    /// The buffers of `array`, emptied, where no one else holds them.
    fn reclaim(array: BinaryArray<i64>, rows: usize) -> Text {
        let (_, offsets, bytes, validity) = array.into_inner();
        let mut offsets = emptied(offsets.into_inner().into_mut(), rows + 1);
        offsets.push(0);
        Text {
            offsets,
            bytes: emptied(bytes.into_mut(), rows * TEXT_CELL_BYTES),
            validity: emptied_bits(validity, rows),
        }
    }

    fn push(&mut self, value: Option<&[u8]>) {
        self.bytes.extend_from_slice(value.unwrap_or_default());
        self.offsets.push(self.bytes.len() as i64);
        self.validity.push(value.is_some());
    }

    fn get(&self, i: usize) -> &[u8] {
        &self.bytes[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    fn into_array(self) -> BinaryArray<i64> {
        // The offsets start at 0 and grow with every push: always valid.
        let offsets = OffsetsBuffer::try_from(self.offsets).expect("offsets only grow");
        BinaryArray::new(
            ArrowDataType::LargeBinary,
            offsets,
            self.bytes.into(),
            self.validity.into(),
        )
    }
}

/// Text cells of few distinct values (groups, modalities, rules) as keys
/// into the distinct values, found by the previous cell (rows of one
/// athlete repeat it) or by a hash of the bytes.
pub(super) struct Labels {
    keys: Vec<u32>,
    validity: MutableBitmap,
    values: Text,
    index: PlHashMap<Box<[u8]>, u32>,
    last: Option<u32>,
}

impl Labels {
    fn with_capacity(rows: usize) -> Labels {
        Labels {
            keys: Vec::with_capacity(rows),
            validity: MutableBitmap::with_capacity(rows),
            values: Text::with_capacity(16),
            index: PlHashMap::default(),
            last: None,
        }
    }

    /// The key buffers of `array`, emptied, where no one else holds them.
    fn reclaim(array: DictionaryArray<u32>, rows: usize) -> Labels {
        let (_, keys, _) = array.take();
        let (keys, validity) = reclaim_primitive(keys, rows);
        Labels {
            keys,
            validity,
            ..Labels::with_capacity(0)
        }
    }

    /// Adds a cell; false when the dictionary is full (the cell is not
    /// added: the caller turns the column into text first).
    fn push(&mut self, value: Option<&[u8]>) -> bool {
        let Some(bytes) = value else {
            self.keys.push(0);
            self.validity.push(false);
            return true;
        };
        let key = match self.last {
            Some(last) if self.values.get(last as usize) == bytes => last,
            _ => match self.index.get(bytes) {
                Some(&key) => key,
                None if self.index.len() >= MOST_LABELS => return false,
                None => {
                    let key = self.index.len() as u32;
                    self.index.insert(bytes.into(), key);
                    self.values.push(Some(bytes));
                    key
                }
            },
        };
        self.last = Some(key);
        self.keys.push(key);
        self.validity.push(true);
        true
    }

    /// The cells so far as plain text.
    fn to_text(&self, rows: usize) -> Text {
        let mut text = Text::with_capacity(rows);
        for (i, &key) in self.keys.iter().enumerate() {
            let valid = self.validity.get(i);
            text.push(valid.then(|| self.values.get(key as usize)));
        }
        text
    }

    fn into_array(self) -> DictionaryArray<u32> {
        let values = Box::new(self.values.into_array()) as Box<dyn Array>;
        let dtype = ArrowDataType::Dictionary(
            IntegerType::UInt32,
            Box::new(ArrowDataType::LargeBinary),
            false,
        );
        let keys = PrimitiveArray::new(
            ArrowDataType::UInt32,
            self.keys.into(),
            self.validity.into(),
        );
        // Every key was handed out by the index, below the values' length.
        DictionaryArray::try_new(dtype, keys, values).expect("keys index the values")
    }
}

impl Column {
    /// An empty column of `kind` for `rows` rows.
    pub(super) fn new(kind: Kind, rows: usize) -> Column {
        let validity = || MutableBitmap::with_capacity(rows);
        match kind {
            Kind::Text => Column::Text(Text::with_capacity(rows)),
            Kind::Label => Column::Label(Labels::with_capacity(rows)),
            Kind::Float | Kind::Fixed2 => Column::Float(Vec::with_capacity(rows), validity()),
            Kind::U32 => Column::U32(Vec::with_capacity(rows), validity()),
            Kind::U64 => Column::U64(Vec::with_capacity(rows), validity()),
            Kind::Bool => Column::Bool(validity(), validity()),
        }
    }

    /// The column as an Arrow array and the encoding its pages take: text
    /// and decimals plain (ids, time stamps and measures are mostly
    /// distinct; estimating whether a dictionary pays cost more than the
    /// few percent of size it saved), labels as their dictionary, whole
    /// numbers as polars-parquet decides from their range (a dictionary
    /// when few values make one pay).
    pub(super) fn into_array(self) -> (Box<dyn Array>, Encoding) {
        match self {
            Column::Text(text) => (Box::new(text.into_array()), Encoding::Plain),
            Column::Label(labels) => (Box::new(labels.into_array()), Encoding::RleDictionary),
            Column::Float(values, valid) => (
                primitive(ArrowDataType::Float64, values, valid),
                Encoding::Plain,
            ),
            Column::U32(values, valid) => (
                primitive(ArrowDataType::UInt32, values, valid),
                Encoding::RleDictionary,
            ),
            Column::U64(values, valid) => (
                primitive(ArrowDataType::UInt64, values, valid),
                Encoding::RleDictionary,
            ),
            Column::Bool(values, valid) => {
                let array =
                    BooleanArray::new(ArrowDataType::Boolean, values.freeze(), valid.into());
                (Box::new(array), Encoding::Plain)
            }
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
            Kind::Bool => None,
        };
        taken.unwrap_or_else(|| Column::new(kind, rows))
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

/// The values of `array` and their validity, emptied, where no one else
/// holds them.
fn reclaim_primitive<T: NativeType>(
    array: PrimitiveArray<T>,
    rows: usize,
) -> (Vec<T>, MutableBitmap) {
    let (_, values, validity) = array.into_inner();
    (
        emptied(values.into_mut(), rows),
        emptied_bits(validity, rows),
    )
}

/// The vector of a buffer (`buffer.into_mut()`), emptied, when no one else
/// held it; else a new one.
fn emptied<B, T>(buffer: Either<B, Vec<T>>, capacity: usize) -> Vec<T> {
    match buffer {
        Either::Right(mut vec) => {
            vec.clear();
            vec
        }
        Either::Left(_) => Vec::with_capacity(capacity),
    }
}

/// The bits of `bitmap`, emptied, when no one else holds them; else new.
fn emptied_bits(bitmap: Option<Bitmap>, capacity: usize) -> MutableBitmap {
    match bitmap.map(Bitmap::into_mut) {
        Some(Either::Right(mut bits)) => {
            bits.clear();
            bits
        }
        _ => MutableBitmap::with_capacity(capacity),
    }
}

fn primitive<T: NativeType>(
    dtype: ArrowDataType,
    values: Vec<T>,
    validity: MutableBitmap,
) -> Box<dyn Array> {
    let validity: Option<Bitmap> = validity.into();
    Box::new(PrimitiveArray::new(dtype, values.into(), validity))
}

/// Collects a row group's cells, column after column, row after row.
pub(super) struct Collect {
    pub(super) columns: Vec<Column>,
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
    fn next(&mut self) -> &mut Column {
        let column = self.column;
        self.column = (column + 1) % self.columns.len();
        &mut self.columns[column]
    }

    fn push_text(&mut self, value: Option<&str>) {
        let rows = self.rows;
        let column = self.next();
        let bytes = value.map(str::as_bytes);
        match column {
            Column::Text(text) => text.push(bytes),
            Column::Label(labels) => {
                let added = labels.push(bytes);
                if !added {
                    let mut text = labels.to_text(rows);
                    text.push(bytes);
                    *column = Column::Text(text);
                }
            }
            _ => {}
        }
    }
}

// A cell of another type than its column declares is a programming error in
// a `Table` implementation: it is not stored, so that column comes out short
// and encoding fails with an error (no panic).
impl Cells for Collect {
    fn text(&mut self, value: &str) {
        self.push_text(Some(value));
    }

    fn maybe_text(&mut self, value: Option<&str>) {
        self.push_text(value);
    }

    fn float(&mut self, value: Option<f64>) {
        if let Column::Float(values, valid) = self.next() {
            values.push(value.unwrap_or_default());
            valid.push(value.is_some());
        }
    }

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

    fn bool(&mut self, value: Option<bool>) {
        if let Column::Bool(values, valid) = self.next() {
            values.push(value.unwrap_or_default());
            valid.push(value.is_some());
        }
    }
}

#[cfg(test)]
mod tests;
