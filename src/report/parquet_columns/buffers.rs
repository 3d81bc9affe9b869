//! The Arrow buffers a row group's columns are collected into: text as
//! offsets and bytes, and the buffers of an encoded array taken back,
//! emptied, for the next row group.

use polars_arrow::array::{BinaryArray, PrimitiveArray};
use polars_arrow::bitmap::{Bitmap, MutableBitmap};
use polars_arrow::datatypes::ArrowDataType;
use polars_arrow::offset::OffsetsBuffer;
use polars_arrow::types::NativeType;
use polars_arrow::Either;

/// Bytes a text cell is first given room for (ids, dates, time stamps are
/// 5 to 25); a column of longer cells grows its buffer once.
const TEXT_CELL_BYTES: usize = 16;

/// Text cells as Arrow's large binary layout: every cell's end offset into
/// one byte buffer.
#[derive(Default)]
pub(super) struct Text {
    pub(super) offsets: Vec<i64>,
    pub(super) bytes: Vec<u8>,
    validity: MutableBitmap,
}

impl Text {
    pub(super) fn with_capacity(rows: usize) -> Text {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Text {
            offsets,
            bytes: Vec::with_capacity(rows * TEXT_CELL_BYTES),
            validity: MutableBitmap::with_capacity(rows),
        }
    }

    /// The buffers of `array`, emptied, where no one else holds them.
    pub(super) fn reclaim(array: BinaryArray<i64>, rows: usize) -> Text {
        let (_, offsets, bytes, validity) = array.into_inner();
        let mut offsets = emptied(offsets.into_inner().into_mut(), rows + 1);
        offsets.push(0);
        Text {
            offsets,
            bytes: emptied(bytes.into_mut(), rows * TEXT_CELL_BYTES),
            validity: emptied_bits(validity, rows),
        }
    }

    pub(super) fn push(&mut self, value: Option<&[u8]>) {
        self.bytes.extend_from_slice(value.unwrap_or_default());
        self.offsets.push(self.bytes.len() as i64);
        self.validity.push(value.is_some());
    }

    pub(super) fn get(&self, i: usize) -> &[u8] {
        &self.bytes[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    pub(super) fn into_array(self) -> BinaryArray<i64> {
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

/// The values of `array` and their validity, emptied, where no one else
/// holds them.
pub(super) fn reclaim_primitive<T: NativeType>(
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
pub(super) fn emptied<B, T>(buffer: Either<B, Vec<T>>, capacity: usize) -> Vec<T> {
    match buffer {
        Either::Right(mut vec) => {
            vec.clear();
            vec
        }
        Either::Left(_) => Vec::with_capacity(capacity),
    }
}

/// The bits of `bitmap`, emptied, when no one else holds them; else new.
pub(super) fn emptied_bits(bitmap: Option<Bitmap>, capacity: usize) -> MutableBitmap {
    match bitmap.map(Bitmap::into_mut) {
        Some(Either::Right(mut bits)) => {
            bits.clear();
            bits
        }
        _ => MutableBitmap::with_capacity(capacity),
    }
}
