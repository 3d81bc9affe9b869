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
    // u64::MAX has 20 digits; they are written from the last one back.
    let len = value.checked_ilog10().map_or(1, |d| d as usize + 1);
    let mut block = [0u8; 24];
    for slot in block[..len].iter_mut().rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
    push_block(buf, &block, len);
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
    fn numbers_are_their_decimal_digits() {
        for value in [0, 7, 10, 3600, 123_456_789, u64::MAX] {
            let mut buf = b"n=".to_vec();
            push_u64(&mut buf, value);
            assert_eq!(buf, format!("n={value}").as_bytes());
        }
    }
}
