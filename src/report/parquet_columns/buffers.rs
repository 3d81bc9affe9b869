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
    validity: Validity,
}

impl Text {
    pub(super) fn with_capacity(rows: usize) -> Text {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Text {
            offsets,
            bytes: Vec::with_capacity(rows * TEXT_CELL_BYTES),
            validity: Validity::default(),
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
            validity: Validity::reclaim(validity),
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
            self.validity.into_bitmap(),
        )
    }
}

/// The values of `array` and their validity, emptied, where no one else
/// holds them.
pub(super) fn reclaim_primitive<T: NativeType>(
    array: PrimitiveArray<T>,
    rows: usize,
) -> (Vec<T>, Validity) {
    let (_, values, validity) = array.into_inner();
    (
        emptied(values.into_mut(), rows),
        Validity::reclaim(validity),
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

/// Which cells of a column are present. Most columns have every cell, so
/// the bitmap is written only from the first missing cell on (its bits
/// before are set then).
#[derive(Default)]
pub(super) struct Validity {
    /// Cells before the first missing one, while there is none.
    present: usize,
    /// Every cell's bit once a cell is missing; else empty.
    bits: MutableBitmap,
}

impl Validity {
    /// An empty one in the bits of `bitmap`, where no one else holds them.
    fn reclaim(bitmap: Option<Bitmap>) -> Validity {
        let bits = match bitmap.map(Bitmap::into_mut) {
            Some(Either::Right(mut bits)) => {
                bits.clear();
                bits
            }
            _ => MutableBitmap::new(),
        };
        Validity {
            bits,
            ..Validity::default()
        }
    }

    /// Whether a cell is missing: then `bits` holds every cell's bit.
    fn missing(&self) -> bool {
        !self.bits.is_empty()
    }

    #[inline]
    pub(super) fn push(&mut self, present: bool) {
        if self.missing() {
            self.bits.push(present);
        } else if present {
            self.present += 1;
        } else {
            self.bits.extend_constant(self.present, true);
            self.bits.push(false);
        }
    }

    #[cfg(test)]
    pub(super) fn is_empty(&self) -> bool {
        self.present == 0 && self.bits.is_empty()
    }

    /// Whether cell `i` is present.
    pub(super) fn get(&self, i: usize) -> bool {
        !self.missing() || self.bits.get(i)
    }

    /// The bitmap, none when every cell is present (as Arrow has it).
    pub(super) fn into_bitmap(self) -> Option<Bitmap> {
        self.missing().then(|| self.bits.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pushed(cells: &[bool]) -> Validity {
        let mut validity = Validity::default();
        for &present in cells {
            validity.push(present);
        }
        validity
    }

    #[test]
    fn a_column_without_missing_cells_has_no_bitmap() {
        let validity = pushed(&[true; 5]);
        assert!((0..5).all(|i| validity.get(i)));
        assert!(validity.into_bitmap().is_none());
    }

    #[test]
    fn cells_before_the_first_missing_one_are_present_in_the_bitmap() {
        // Twenty present cells first: their bits span three bytes.
        let mut cells = vec![true; 20];
        cells.extend([false, true, false]);
        let validity = pushed(&cells);
        let got: Vec<bool> = (0..cells.len()).map(|i| validity.get(i)).collect();
        assert_eq!(got, cells);
        let bitmap = validity
            .into_bitmap()
            .expect("a missing cell makes a bitmap");
        assert_eq!(bitmap.iter().collect::<Vec<_>>(), cells);
    }

    #[test]
    fn a_reclaimed_validity_starts_empty() {
        let bitmap = pushed(&[false, false, false]).into_bitmap();
        let mut validity = Validity::reclaim(bitmap);
        validity.push(true);
        validity.push(false);
        let bitmap = validity
            .into_bitmap()
            .expect("a missing cell makes a bitmap");
        assert_eq!(bitmap.iter().collect::<Vec<_>>(), [true, false]);
    }
}
