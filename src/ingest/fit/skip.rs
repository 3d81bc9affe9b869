//! Data messages the audit does not read (records, laps, events, device
//! info: nearly all of an activity file) are stepped over by their length,
//! which their definition message gives, instead of being parsed field by
//! field into a map by fitparser (most of the time of reading a FIT file).
//! Their timestamps still count for a later compressed-timestamp header.
//! A record fitparser cannot read (one with a developer field that no
//! `field_description` describes, so that its type is unknown) no longer
//! stops the reading of the file: its length is all that is needed.

use super::definition::{COMPRESSED, DEFINITION, DEVELOPER, FIXED_BYTES};

/// Field number of every message's timestamp.
const TIMESTAMP_FIELD: u8 = 253;

/// What a definition says about the data messages of its local type.
#[derive(Debug, Clone, PartialEq)]
struct Layout {
    global: u16,
    /// Bytes of one data message, its header included.
    len_bytes: usize,
    /// Field 253, each time the definition has it (once in every real
    /// file), when fitparser reads it as an unsigned whole number (`None`
    /// where it does not).
    timestamps: Vec<Option<Field>>,
}

/// Where a field lies in a data message, and how it is read.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Field {
    /// Offset from the message's header byte.
    at_byte: usize,
    base: u8,
    big_endian: bool,
}

/// The timestamp a skipped message carries for the messages after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Stamp {
    /// Field 253, FIT seconds.
    Full(u32),
    /// A compressed header's 5-bit offset from the last full timestamp.
    Offset(u8),
    /// None: the last timestamp stays.
    Keep,
}

/// The layouts of the 16 local message types of the FIT file being read.
#[derive(Debug, Default)]
pub(super) struct Layouts([Option<Layout>; 16]);

/// No layout for any local type.
const UNDEFINED: [Option<Layout>; 16] = [const { None }; 16];

impl Layouts {
    /// Takes in the definition message `message` (its bytes, as fitparser
    /// read it); one it cannot read leaves its local type undefined, so
    /// that fitparser reads that type's data messages itself.
    pub(super) fn define(&mut self, message: &[u8]) {
        if let Some(&header) = message.first() {
            self.0[usize::from(header & 0x0F)] = layout(message);
        }
    }

    /// Forgets every definition (the next FIT file of a chain starts).
    pub(super) fn clear(&mut self) {
        self.0 = UNDEFINED;
    }

    /// The length and timestamp of the data message at the start of
    /// `rest`, when its global message number is not one `wanted` and all
    /// of it lies in `rest`.
    pub(super) fn skippable(
        &self,
        rest: &[u8],
        wanted: impl Fn(u16) -> bool,
    ) -> Option<(usize, Stamp)> {
        let header = *rest.first()?;
        let (local, compressed) = if header & COMPRESSED != 0 {
            ((header >> 5) & 0x03, true)
        } else if header & DEFINITION == 0 {
            (header & 0x0F, false)
        } else {
            return None;
        };
        let layout = self.0[usize::from(local)].as_ref()?;
        if wanted(layout.global) || rest.len() < layout.len_bytes {
            return None;
        }
        // fitparser keeps the last valid value of a field defined twice.
        let full = layout
            .timestamps
            .iter()
            .rev()
            .find_map(|f| f.and_then(|f| read_unsigned(rest, f)));
        let stamp = match (full, compressed) {
            (Some(t), _) => Stamp::Full(t),
            (None, true) => Stamp::Offset(header & 0x1F),
            (None, false) => Stamp::Keep,
        };
        Some((layout.len_bytes, stamp))
    }
}

/// The layout a definition message gives, or `None` when it is cut short.
fn layout(message: &[u8]) -> Option<Layout> {
    let header = *message.first()?;
    let big_endian = *message.get(2)? == 1;
    let number = [*message.get(3)?, *message.get(4)?];
    let global = if big_endian {
        u16::from_be_bytes(number)
    } else {
        u16::from_le_bytes(number)
    };
    let count = usize::from(*message.get(FIXED_BYTES - 1)?);
    let fields = message.get(FIXED_BYTES..FIXED_BYTES + 3 * count)?;
    let mut len = 1;
    let mut timestamps = Vec::new();
    for field in fields.chunks_exact(3) {
        let (number, size, base) = (field[0], field[1], field[2]);
        if number == TIMESTAMP_FIELD {
            let whole = usize::from(size) == unsigned_size(base).unwrap_or(0);
            timestamps.push(whole.then_some(Field {
                at_byte: len,
                base,
                big_endian,
            }));
        }
        len += usize::from(size);
    }
    if header & DEVELOPER != 0 {
        let at = FIXED_BYTES + 3 * count;
        let developer = usize::from(*message.get(at)?);
        let fields = message.get(at + 1..at + 1 + 3 * developer)?;
        len += fields
            .chunks_exact(3)
            .map(|f| usize::from(f[1]))
            .sum::<usize>();
    }
    Some(Layout {
        global,
        len_bytes: len,
        timestamps,
    })
}

/// Size of a base type fitparser reads as an unsigned whole number
/// (`messages::value_u64` takes), `None` for the others (signed, float,
/// string, byte). Bits 5 and 6 are ignored, and a type the profile lacks is
/// read as `uint8`, as fitparser does.
fn unsigned_size(base: u8) -> Option<usize> {
    match base & 0x9F {
        0x01 | 0x83 | 0x85 | 0x8E | 0x88 | 0x89 | 0x07 | 0x0D => None,
        0x84 | 0x8B => Some(2),
        0x86 | 0x8C => Some(4),
        0x8F | 0x90 => Some(8),
        _ => Some(1),
    }
}

/// The field's value as `messages::value_u32` gives it from fitparser's
/// value: `None` for the base type's invalid value or one past `u32`.
fn read_unsigned(message: &[u8], field: Field) -> Option<u32> {
    let size = unsigned_size(field.base)?;
    let bytes = message.get(field.at_byte..field.at_byte + size)?;
    let mut value = 0u64;
    for i in 0..size {
        let byte = if field.big_endian {
            bytes[i]
        } else {
            bytes[size - 1 - i]
        };
        value = value << 8 | u64::from(byte);
    }
    // The `z` types and enum-less zero: 0 is invalid; the others: all ones.
    let zero_invalid = matches!(field.base & 0x9F, 0x0A | 0x8B | 0x8C | 0x90);
    let all_ones = if size == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * size)) - 1
    };
    let invalid = if zero_invalid { 0 } else { all_ones };
    (value != invalid)
        .then(|| u32::try_from(value).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Local 2, global 20 (record), little-endian: timestamp uint32, heart
    /// rate uint8, and one developer field of 3 bytes.
    const RECORD_DEFINITION: [u8; 16] =
        [0x62, 0, 0, 20, 0, 2, 253, 4, 0x86, 3, 1, 0x02, 1, 7, 3, 0];

    #[test]
    fn an_unwanted_data_message_is_stepped_over_with_its_timestamp() {
        let mut layouts = Layouts::default();
        layouts.define(&RECORD_DEFINITION);
        let record = [0x02, 0x10, 0x00, 0x00, 0x00, 150, 1, 2, 3, 0xFF];
        assert_eq!(
            layouts.skippable(&record, |g| g == 18),
            Some((9, Stamp::Full(16)))
        );
        assert_eq!(layouts.skippable(&record, |g| g == 20), None, "wanted");
        assert_eq!(
            layouts.skippable(&record[..8], |_| false),
            None,
            "cut short"
        );
        let compressed = [0xC0 | 7, 150, 1, 2, 3];
        let mut layouts = Layouts::default();
        layouts.define(&[0x62, 0, 0, 20, 0, 1, 3, 1, 0x02, 1, 7, 3, 0]);
        assert_eq!(
            layouts.skippable(&compressed, |_| false),
            Some((5, Stamp::Offset(7)))
        );
    }

    #[test]
    fn undefined_types_definitions_and_cleared_layouts_are_not_skipped() {
        let mut layouts = Layouts::default();
        assert_eq!(layouts.skippable(&[0x02, 0, 0, 0, 0], |_| false), None);
        layouts.define(&RECORD_DEFINITION);
        assert_eq!(layouts.skippable(&RECORD_DEFINITION, |_| false), None);
        layouts.clear();
        assert_eq!(layouts.skippable(&[0x02; 10], |_| false), None);
        layouts.define(&RECORD_DEFINITION[..7]);
        assert_eq!(layouts.skippable(&[0x02; 10], |_| false), None, "cut short");
    }

    #[test]
    fn timestamps_are_read_as_fitparser_reads_them() {
        let field = |base, big_endian| Field {
            at_byte: 1,
            base,
            big_endian,
        };
        let message = [0u8, 0x01, 0x02, 0x03, 0x04, 0, 0, 0, 0];
        assert_eq!(
            read_unsigned(&message, field(0x86, false)),
            Some(0x0403_0201)
        );
        assert_eq!(
            read_unsigned(&message, field(0x86, true)),
            Some(0x0102_0304)
        );
        assert_eq!(
            read_unsigned(&[0, 0xFF, 0xFF, 0xFF, 0xFF], field(0x86, false)),
            None
        );
        assert_eq!(
            read_unsigned(&[0, 0, 0, 0, 0], field(0x8C, false)),
            None,
            "uint32z 0"
        );
        assert_eq!(read_unsigned(&[0, 5, 0], field(0x84, false)), Some(5));
        assert_eq!(
            read_unsigned(&message, field(0x8F, false)),
            Some(0x0403_0201)
        );
        let past_u32 = [0u8, 0, 0, 0, 0, 1, 0, 0, 0];
        assert_eq!(read_unsigned(&past_u32, field(0x8F, false)), None);
        assert_eq!(read_unsigned(&message, field(0x85, false)), None, "signed");
        assert_eq!(
            read_unsigned(&message, field(0x1F, false)),
            Some(1),
            "unknown: uint8"
        );
        // A timestamp field of another size than its type's is not read.
        let odd = [0x40, 0, 0, 20, 0, 1, 253, 3, 0x86];
        assert_eq!(
            layout(&odd).map(|l| (l.len_bytes, l.timestamps)),
            Some((4, vec![None]))
        );
        // Defined twice: the last valid value, as fitparser keeps it.
        let mut layouts = Layouts::default();
        layouts.define(&[0x40, 0, 0, 20, 0, 2, 253, 4, 0x86, 253, 4, 0x86]);
        let twice = |second: [u8; 4]| {
            let mut message = vec![0x00, 5, 0, 0, 0];
            message.extend_from_slice(&second);
            layouts
                .skippable(&message, |_| false)
                .map(|(_, stamp)| stamp)
        };
        assert_eq!(twice([9, 0, 0, 0]), Some(Stamp::Full(9)));
        assert_eq!(twice([0xFF; 4]), Some(Stamp::Full(5)));
    }
}
