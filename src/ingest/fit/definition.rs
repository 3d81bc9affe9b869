//! A definition message whose field size is not a multiple of its base
//! type's size (seen on real COROS files) makes fitparser 0.11 print an
//! `ERROR:` line to stderr and read the field as bytes. This module makes the
//! same change before fitparser sees the message, so the run stays quiet.

/// Definition-message header bit.
pub(super) const DEFINITION: u8 = 0x40;
/// Compressed-timestamp header bit (such a header is always a data message).
pub(super) const COMPRESSED: u8 = 0x80;
/// Definition header bit: developer field definitions follow.
pub(super) const DEVELOPER: u8 = 0x20;
/// Bytes before the field definitions: header, reserved, architecture,
/// global message number (2), field count.
pub(super) const FIXED_BYTES: usize = 6;
/// FIT base type `byte`: an array of raw bytes of any length.
const BASE_BYTE: u8 = 0x0D;

/// A copy of the definition message at the start of `rest` with misaligned
/// fields retyped as bytes, or `None` when there is nothing to change.
pub(super) fn aligned_copy(rest: &[u8]) -> Option<Vec<u8>> {
    let header = *rest.first()?;
    if header & COMPRESSED != 0 || header & DEFINITION == 0 {
        return None;
    }
    let fields = usize::from(*rest.get(FIXED_BYTES - 1)?);
    let mut len = FIXED_BYTES + 3 * fields;
    if header & DEVELOPER != 0 {
        len += 1 + 3 * usize::from(rest.get(len).copied().unwrap_or(0));
    }
    let mut copy = rest.get(..len.min(rest.len()))?.to_vec();
    let mut changed = false;
    for field in copy
        .get_mut(FIXED_BYTES..)?
        .chunks_exact_mut(3)
        .take(fields)
    {
        let (size, base) = (field[1], field[2]);
        if size % base_size(base) != 0 {
            field[2] = BASE_BYTE;
            changed = true;
        }
    }
    changed.then_some(copy)
}

/// Size in bytes of one value of a base type, as fitparser reckons it
/// (it ignores bits 5 and 6; an unknown type counts as one byte).
fn base_size(base: u8) -> u8 {
    match base & 0x9F {
        0x83 | 0x84 | 0x8B => 2,
        0x85 | 0x86 | 0x88 | 0x8C => 4,
        0x89 | 0x8E | 0x8F | 0x90 => 8,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::aligned_copy;

    #[test]
    fn misaligned_field_is_retyped_as_bytes_and_others_kept() {
        // local 0, global 20 (record), fields: 253 uint32 size 4, 7 uint32 size 1
        let definition = [0x40, 0, 0, 20, 0, 2, 253, 4, 0x86, 7, 1, 0x86, 0xFF];
        let copy = aligned_copy(&definition).unwrap();
        assert_eq!(copy, [0x40, 0, 0, 20, 0, 2, 253, 4, 0x86, 7, 1, 0x0D]);
    }

    #[test]
    fn aligned_definitions_and_data_messages_are_left_alone() {
        assert_eq!(aligned_copy(&[0x40, 0, 0, 20, 0, 1, 253, 4, 0x86]), None);
        assert_eq!(aligned_copy(&[0x00, 1, 2, 3]), None);
        assert_eq!(aligned_copy(&[0xC0, 1, 2, 3]), None);
        assert_eq!(aligned_copy(&[]), None);
    }
}
