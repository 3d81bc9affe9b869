//! Bytes appended to a row in fixed-size blocks: the cells known before the
//! rows are written (an athlete's id and group, sport names, a file and its
//! format) and numbers. At ten million rows a `memmove` call for every short
//! cell cost more than the formatting around it; a block of constant size
//! compiles to a few vector moves, and the length is then cut back.

/// Longest text copied as one block.
pub(super) const BLOCK: usize = 32;

/// CSV bytes of one or more cells, separators included, ready to append.
pub(super) enum Piece {
    /// At most [`BLOCK`] bytes, padded.
    Short([u8; BLOCK], u8),
    /// Longer text, copied as it is.
    Long(Box<[u8]>),
}

impl Piece {
    /// The piece holding `bytes`.
    pub(super) fn new(bytes: &[u8]) -> Piece {
        if bytes.len() <= BLOCK {
            let mut block = [0; BLOCK];
            block[..bytes.len()].copy_from_slice(bytes);
            Piece::Short(block, bytes.len() as u8)
        } else {
            Piece::Long(bytes.into())
        }
    }

    /// Appends the piece to `buf`.
    #[inline]
    pub(super) fn push_to(&self, buf: &mut Vec<u8>) {
        match self {
            Piece::Short(block, len) => push_block(buf, block, usize::from(*len)),
            Piece::Long(bytes) => buf.extend_from_slice(bytes),
        }
    }
}

/// Appends the first `len` bytes of `block` (all of it is copied, then cut).
#[inline]
pub(super) fn push_block<const N: usize>(buf: &mut Vec<u8>, block: &[u8; N], len: usize) {
    let at = buf.len();
    buf.extend_from_slice(block);
    buf.truncate(at + len.min(N));
}

/// Appends the decimal digits of `value`.
#[inline]
pub(super) fn push_u64(buf: &mut Vec<u8>, mut value: u64) {
    if value < SMALL {
        let (packed, len) = packed_digits(value);
        push_block(buf, &packed.to_le_bytes(), len);
        return;
    }
    // u64::MAX has 20 digits; they are written from the last one back.
    let len = value.checked_ilog10().map_or(1, |d| d as usize + 1);
    let mut block = [0u8; 24];
    for slot in block[..len].iter_mut().rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
    push_block(buf, &block, len);
}

/// Appends `hundredths` / 100 with exactly 2 decimals (`1234` as `12.34`).
#[inline]
pub(super) fn push_hundredths(buf: &mut Vec<u8>, hundredths: u64) {
    let whole = hundredths / 100;
    if whole < SMALL / 1_000 {
        // At most 5 digits, the point and 2 decimals: one 8-byte block.
        let (packed, len) = packed_digits(whole);
        let cents = hundredths % 100;
        let tail = u64::from(b'.')
            | u64::from(b'0' + (cents / 10) as u8) << 8
            | u64::from(b'0' + (cents % 10) as u8) << 16;
        push_block(buf, &(packed | tail << (8 * len)).to_le_bytes(), len + 3);
        return;
    }
    push_u64(buf, whole);
    let cents = hundredths % 100;
    buf.extend_from_slice(&[b'.', b'0' + (cents / 10) as u8, b'0' + (cents % 10) as u8]);
}

/// Numbers below this have at most 8 digits: one `u64` of ASCII bytes.
const SMALL: u64 = 100_000_000;

/// The digits of `value` (below [`SMALL`]) as ASCII bytes in one `u64`,
/// the first digit in the lowest byte, and how many there are. Built in a
/// register and stored as one block: digits stored a byte at a time and
/// then copied as a block stalled on every number (the copy waits for the
/// byte stores), the most-sampled instruction of writing the report.
#[inline]
fn packed_digits(mut value: u64) -> (u64, usize) {
    let (mut packed, mut len) = (0u64, 0);
    loop {
        packed = packed << 8 | u64::from(b'0' + (value % 10) as u8);
        value /= 10;
        len += 1;
        if value == 0 {
            return (packed, len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_pieces_append_their_bytes_only() {
        for text in [
            "",
            "a,",
            "x".repeat(BLOCK).as_str(),
            "y".repeat(BLOCK + 1).as_str(),
        ] {
            let mut buf = b"ab".to_vec();
            Piece::new(text.as_bytes()).push_to(&mut buf);
            assert_eq!(buf, format!("ab{text}").as_bytes());
        }
    }

    #[test]
    fn hundredths_have_two_decimals() {
        for (value, text) in [
            (0, "0.00"),
            (5, "0.05"),
            (1234, "12.34"),
            (9_999_999, "99999.99"),
            (10_000_000, "100000.00"),
            (u64::MAX, "184467440737095516.15"),
        ] {
            let mut buf = b"x=".to_vec();
            push_hundredths(&mut buf, value);
            assert_eq!(buf, format!("x={text}").as_bytes());
        }
    }

    #[test]
    fn numbers_are_their_decimal_digits() {
        for value in [0, 7, 10, 3600, SMALL - 1, SMALL, 123_456_789, u64::MAX] {
            let mut buf = b"n=".to_vec();
            push_u64(&mut buf, value);
            assert_eq!(buf, format!("n={value}").as_bytes());
        }
    }
}
