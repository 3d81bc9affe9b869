//! A label column's cells (groups, athletes, modalities, rules, weeks) as
//! keys into the distinct values of its row group. A cell's key is found by
//! the number its table gives the value (`Cells::label`: an athlete's
//! position, a modality's), by the cell before (rows of one athlete repeat
//! it), or else by the value's bytes. Numbers spare comparing and hashing
//! the text of every cell (BENCHMARKS.md).

use polars::prelude::PlHashMap;
use polars_arrow::array::{Array, DictionaryArray, PrimitiveArray};
use polars_arrow::datatypes::{ArrowDataType, IntegerType};

use super::buffers::{reclaim_primitive, Text, Validity};

/// Most distinct values a label column keeps as a dictionary in one row
/// group (a quarter of a row group: each value then stands for four cells
/// on average); past it (start times of a season logged to the second,
/// say) the column is written as plain text.
pub(super) const MOST_LABELS: usize = 1 << 15;

pub(super) struct Labels {
    pub(super) keys: Vec<u32>,
    validity: Validity,
    values: Text,
    /// Key of each distinct value.
    pub(super) index: PlHashMap<Box<[u8]>, u32>,
    /// Key of each number a table gave a value.
    by_number: PlHashMap<u64, u32>,
    /// The previous cell's key, and its number when it came with one.
    last: Option<(Option<u64>, u32)>,
}

impl Labels {
    pub(super) fn with_capacity(rows: usize) -> Labels {
        Labels {
            keys: Vec::with_capacity(rows),
            validity: Validity::default(),
            values: Text::with_capacity(16),
            index: PlHashMap::default(),
            by_number: PlHashMap::default(),
            last: None,
        }
    }

    /// The key buffers of `array`, emptied, where no one else holds them.
    pub(super) fn reclaim(array: DictionaryArray<u32>, rows: usize) -> Labels {
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
    pub(super) fn push(&mut self, value: Option<&[u8]>) -> bool {
        let Some(bytes) = value else {
            self.keys.push(0);
            self.validity.push(false);
            return true;
        };
        let key = match self.last {
            Some((_, last)) if self.values.get(last as usize) == bytes => last,
            _ => match self.key_of(bytes) {
                Some(key) => key,
                None => return false,
            },
        };
        self.add(None, key);
        true
    }

    /// Adds a cell whose value the table numbered `number` (the same
    /// number always stands for the same value in this column); false as
    /// [`Labels::push`].
    #[inline]
    pub(super) fn push_numbered(&mut self, number: u64, bytes: &[u8]) -> bool {
        let key = match self.last {
            Some((Some(last_number), key)) if last_number == number => key,
            _ => match self.by_number.get(&number) {
                Some(&key) => key,
                None => match self.key_of(bytes) {
                    Some(key) => {
                        self.by_number.insert(number, key);
                        key
                    }
                    None => return false,
                },
            },
        };
        self.add(Some(number), key);
        true
    }

    #[inline]
    fn add(&mut self, number: Option<u64>, key: u32) {
        self.last = Some((number, key));
        self.keys.push(key);
        self.validity.push(true);
    }

    /// The key of `bytes`, a new one for a new value; none when the
    /// dictionary is full.
    fn key_of(&mut self, bytes: &[u8]) -> Option<u32> {
        if let Some(&key) = self.index.get(bytes) {
            return Some(key);
        }
        if self.index.len() >= MOST_LABELS {
            return None;
        }
        let key = self.index.len() as u32;
        self.index.insert(bytes.into(), key);
        self.values.push(Some(bytes));
        Some(key)
    }

    /// The cells so far as plain text.
    pub(super) fn to_text(&self, rows: usize) -> Text {
        let mut text = Text::with_capacity(rows);
        for (i, &key) in self.keys.iter().enumerate() {
            let valid = self.validity.get(i);
            text.push(valid.then(|| self.values.get(key as usize)));
        }
        text
    }

    pub(super) fn into_array(self) -> DictionaryArray<u32> {
        let values = Box::new(self.values.into_array()) as Box<dyn Array>;
        let dtype = ArrowDataType::Dictionary(
            IntegerType::UInt32,
            Box::new(ArrowDataType::LargeBinary),
            false,
        );
        let keys = PrimitiveArray::new(
            ArrowDataType::UInt32,
            self.keys.into(),
            self.validity.into_bitmap(),
        );
        // Every key was handed out by the index, below the values' length.
        DictionaryArray::try_new(dtype, keys, values).expect("keys index the values")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(labels: Labels) -> Vec<Option<Vec<u8>>> {
        let rows = labels.keys.len();
        let text = labels.to_text(rows).into_array();
        text.iter().map(|c| c.map(<[u8]>::to_vec)).collect()
    }

    #[test]
    fn labels_repeat_their_keys_and_keep_missing_cells_apart() {
        let mut labels = Labels::with_capacity(4);
        for value in [Some("a"), Some("b"), None, Some("a")] {
            assert!(labels.push(value.map(str::as_bytes)));
        }
        assert_eq!(labels.keys, [0, 1, 0, 0]);
        assert_eq!(labels.index.len(), 2);
        let expected = [Some("a"), Some("b"), None, Some("a")];
        let expected: Vec<_> = expected.iter().map(|c| c.map(|t| t.into())).collect();
        assert_eq!(cells(labels), expected);
    }

    #[test]
    fn numbered_cells_take_the_key_their_number_found_first() {
        let mut labels = Labels::with_capacity(5);
        for (number, value) in [(7, "a"), (9, "b"), (7, "a"), (8, "a"), (9, "b")] {
            assert!(labels.push_numbered(number, value.as_bytes()));
        }
        // Two numbers of one value share its key: the value is stored once.
        assert_eq!(labels.keys, [0, 1, 0, 0, 1]);
        assert_eq!(labels.index.len(), 2);
        let expected: Vec<_> = ["a", "b", "a", "a", "b"].map(|t| Some(t.into())).into();
        assert_eq!(cells(labels), expected);
    }

    #[test]
    fn numbered_and_plain_cells_of_one_value_share_its_key() {
        let mut labels = Labels::with_capacity(4);
        assert!(labels.push(Some(b"a")));
        assert!(labels.push_numbered(3, b"b"));
        assert!(labels.push_numbered(4, b"a"));
        assert!(labels.push(Some(b"b")));
        assert_eq!(labels.keys, [0, 1, 0, 1]);
    }

    #[test]
    fn a_full_dictionary_refuses_a_new_numbered_value() {
        let mut labels = Labels::with_capacity(MOST_LABELS);
        for i in 0..MOST_LABELS {
            assert!(labels.push_numbered(i as u64, format!("v{i}").as_bytes()));
        }
        assert!(labels.push_numbered(0, b"v0"), "a known number still fits");
        assert!(!labels.push_numbered(u64::MAX, b"new"));
        assert_eq!(labels.keys.len(), MOST_LABELS + 1);
    }
}
