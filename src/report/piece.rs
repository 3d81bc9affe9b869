//! Bytes appended to a row in fixed-size blocks: the cells known before the
//! rows are written (an athlete's id and group, sport names, a file and its
//! format) and numbers. At ten million rows a `memmove` call for every short
//! cell cost more than the formatting around it; a block of constant size
//! compiles to a few vector moves, and the length is then cut back. Also
//! numbers' digits made in a register (whole numbers, and hundredths with
//! 2 decimals), and [`Line`]: a whole row built on the stack, for the
//! tables that write their rows as bytes (`RowBytes`).

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
    if let Some((block, len)) = hundredths_block(hundredths) {
        push_block(buf, &block.to_le_bytes(), len);
        return;
    }
    push_u64(buf, hundredths / 100);
    let cents = hundredths % 100;
    buf.extend_from_slice(&[b'.', b'0' + (cents / 10) as u8, b'0' + (cents % 10) as u8]);
}

/// `hundredths` / 100 with 2 decimals as one 8-byte block (at most 5 whole
/// digits, the point and 2 decimals; at least `0.00`) and its length; none
/// from 100,000 on.
#[inline]
fn hundredths_block(hundredths: u64) -> Option<(u64, usize)> {
    if hundredths >= SEVEN_DIGITS {
        return None;
    }
    let digits = digit_values(hundredths);
    let leading_zeros = (digits.trailing_zeros() / 8) as usize;
    let len = (8 - leading_zeros).max(3);
    let ascii = (digits | ASCII_ZEROS) >> (8 * (8 - len));
    let whole = len - 2;
    let block = ascii & ((1 << (8 * whole)) - 1)
        | u64::from(b'.') << (8 * whole)
        | (ascii >> (8 * whole)) << (8 * (whole + 1));
    Some((block, len + 1))
}

/// `value` in hundredths, rounded half away from zero, and whether it is
/// negative, where that gives the formatter's text of it with 2 decimals:
/// not for NaN, infinities, 10^13 and beyond, or a negative value that
/// rounds to `-0.00`.
#[inline]
pub(super) fn signed_hundredths(value: f64) -> Option<(bool, u64)> {
    let scaled = value * 100.0;
    if scaled.is_nan() || scaled.abs() >= 1e15 {
        return None;
    }
    let k = crate::model::round_to_i64(scaled);
    (k != 0 || scaled.is_sign_positive()).then_some((k < 0, k.unsigned_abs()))
}

/// Longest row a [`Line`] holds.
const LINE_BYTES: usize = 320;

/// A row's bytes built in an array on the stack, then appended to a
/// buffer at once. Appending cell by cell to a `Vec` stores and reloads
/// the vector's length around every cell (its bytes might alias it); here
/// the length stays in a register (BENCHMARKS.md has what that saves on
/// the daily load table). Only the fast forms go in a line: a
/// cell that has none, or one past the line's room, marks the line
/// unfinished, and its row is then written cell by cell.
pub(super) struct Line {
    bytes: [u8; LINE_BYTES],
    len: usize,
    complete: bool,
}

impl Line {
    pub(super) fn new() -> Line {
        Line {
            bytes: [0; LINE_BYTES],
            len: 0,
            complete: true,
        }
    }

    /// Appends the first `len` bytes of `block`, if there is room.
    #[inline]
    fn push_block(&mut self, block: u64, len: usize) {
        match self.bytes.get_mut(self.len..self.len + 8) {
            Some(slot) => {
                slot.copy_from_slice(&block.to_le_bytes());
                self.len += len.min(8);
            }
            None => self.complete = false,
        }
    }

    /// The row's bytes, none when some cell did not fit or had no fast
    /// form.
    pub(super) fn finished(&self) -> Option<&[u8]> {
        self.complete.then(|| &self.bytes[..self.len])
    }
}

impl RowBytes for Line {
    #[inline]
    fn push_byte(&mut self, byte: u8) {
        self.push_block(u64::from(byte), 1);
    }

    #[inline]
    fn push_bytes(&mut self, bytes: &[u8]) {
        match self.bytes.get_mut(self.len..self.len + bytes.len()) {
            Some(slot) => {
                slot.copy_from_slice(bytes);
                self.len += bytes.len();
            }
            None => self.complete = false,
        }
    }

    /// Numbers of 9 digits and more have no fast form here.
    #[inline]
    fn push_count(&mut self, value: u64) {
        if value < SMALL {
            let (packed, len) = packed_digits(value);
            self.push_block(packed, len);
        } else {
            self.complete = false;
        }
    }

    #[inline]
    fn push_fixed2(&mut self, value: f64) {
        if value.to_bits() == 0 {
            self.push_bytes(ZERO_FIXED2);
            return;
        }
        let Some((negative, hundredths)) = signed_hundredths(value) else {
            self.complete = false;
            return;
        };
        if negative {
            self.push_byte(b'-');
        }
        match hundredths_block(hundredths) {
            Some((block, len)) => self.push_block(block, len),
            None => self.complete = false,
        }
    }
}

/// Where a row's bytes go, cell by cell: a [`Line`] (fast forms only) or
/// a buffer (any value, `cells::push_float`'s text). A row written to
/// either is the same bytes, so a table spells its columns out once.
pub(super) trait RowBytes {
    fn push_byte(&mut self, byte: u8);
    fn push_bytes(&mut self, bytes: &[u8]);
    /// A whole number.
    fn push_count(&mut self, value: u64);
    /// A decimal with exactly 2 decimals.
    fn push_fixed2(&mut self, value: f64);
}

/// +0.0 with 2 decimals: most cells of the daily load (rest days, shares
/// unused), written without rounding.
pub(super) const ZERO_FIXED2: &[u8] = b"0.00";

/// Numbers below this have at most 7 digits (hundredths below 100,000).
const SEVEN_DIGITS: u64 = 10_000_000;

/// `b'0'` in every byte: digit values (0 to 9) made ASCII by an or.
const ASCII_ZEROS: u64 = 0x3030_3030_3030_3030;

/// The 8 decimal digits of `value` (below 10^8, zero-padded) as byte
/// values 0 to 9 in one `u64`, the first digit in the lowest byte: all
/// at once, by halving the number of digits per lane three times (4-digit
/// lanes, then 2-digit, then 1-digit) with multiplications in place of
/// divisions.
#[inline]
fn digit_values(value: u64) -> u64 {
    // Two lanes of 32 bits: the first four digits, the last four.
    let lanes = (value / 10_000) | ((value % 10_000) << 32);
    // x / 100 is (x * 10486) >> 20 for x below 10,000.
    let hundreds = ((lanes * 10_486) >> 20) & 0x0000_007f_0000_007f;
    let lanes = hundreds | ((lanes - hundreds * 100) << 16);
    // x / 10 is (x * 103) >> 10 for x below 100.
    let tens = ((lanes * 103) >> 10) & 0x000f_000f_000f_000f;
    tens | ((lanes - tens * 10) << 8)
}

/// Numbers below this have at most 8 digits: one `u64` of ASCII bytes.
const SMALL: u64 = 100_000_000;

/// The digits of `value` (below [`SMALL`]) as ASCII bytes in one `u64`,
/// the first digit in the lowest byte, and how many there are (at least
/// one). Built in a register and stored as one block: digits stored a byte
/// at a time and then copied as a block stall on every number (the copy
/// waits for the byte stores).
#[inline]
fn packed_digits(value: u64) -> (u64, usize) {
    let digits = digit_values(value);
    let leading_zeros = (digits.trailing_zeros() / 8) as usize;
    let len = (8 - leading_zeros).max(1);
    ((digits | ASCII_ZEROS) >> (8 * (8 - len)), len)
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
    fn digit_values_are_every_lane_value_zero_padded() {
        // Lanes are independent: every value in both lanes covers them all.
        for first in 0..10_000u64 {
            let value = first * 10_000 + (9_999 - first);
            let digits = digit_values(value) | ASCII_ZEROS;
            assert_eq!(digits.to_le_bytes(), *format!("{value:08}").as_bytes());
        }
    }

    #[test]
    fn hundredths_near_every_digit_count_have_two_decimals() {
        let mut value = 1u64;
        while value < SEVEN_DIGITS * 100 {
            for v in [value - 1, value, value + 1, value * 3 / 2] {
                let mut buf = b"x=".to_vec();
                push_hundredths(&mut buf, v);
                let text = format!("x={}.{:02}", v / 100, v % 100);
                assert_eq!(buf, text.as_bytes());
            }
            value *= 10;
        }
    }

    fn line_text(value: f64) -> Option<Vec<u8>> {
        let mut line = Line::new();
        line.push_fixed2(value);
        line.finished().map(<[u8]>::to_vec)
    }

    #[test]
    fn a_line_has_the_cells_text_of_every_value_with_a_fast_form() {
        let mut value = 0.0001_f64;
        while value < 99_999.99 {
            for v in [value, -value, value.round(), 0.0] {
                let mut cell = Vec::new();
                crate::report::cells::push_float(&mut cell, v, true);
                // Only `-0.00` has no fast form.
                let fast = (cell != b"-0.00").then_some(cell);
                assert_eq!(line_text(v), fast, "{v}");
            }
            value *= 1.37;
        }
    }

    #[test]
    fn a_line_leaves_values_without_a_fast_form_unfinished() {
        for v in [f64::NAN, f64::INFINITY, -0.0, -0.004, 100_000.0, 1e300] {
            assert_eq!(line_text(v), None, "{v}");
        }
    }

    #[test]
    fn a_line_past_its_room_is_unfinished() {
        let mut line = Line::new();
        line.push_bytes(&[b'x'; LINE_BYTES - 8]);
        line.push_byte(b',');
        assert_eq!(line.finished().map(<[u8]>::len), Some(LINE_BYTES - 7));
        line.push_bytes(&[b'y'; 8]);
        assert!(line.finished().is_none());
    }

    #[test]
    fn line_numbers_are_their_decimal_digits() {
        for value in [0, 9, 10, 65_535, 99_999_999] {
            let mut line = Line::new();
            line.push_count(value);
            assert_eq!(line.finished(), Some(value.to_string().as_bytes()));
        }
    }

    #[test]
    fn a_line_leaves_numbers_of_nine_digits_unfinished() {
        let mut line = Line::new();
        line.push_count(u64::from(u32::MAX));
        assert!(line.finished().is_none());
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
