//! CSV records of the readers' dialect (`columns::builder`: one delimiter,
//! `"` quotes doubled inside quoted fields, records ending at `\n`, empty
//! lines skipped), read cell by cell (16 bytes at a time, quotes found with
//! `memchr`) instead of through the `csv` crate's byte-at-a-time state
//! machine, which dominated reading a canonical CSV. It reads every
//! text exactly as `csv` does, the
//! odd cases too (a quote inside an unquoted field is a character, text
//! after a closing quote joins the field, an unclosed quote runs to the end
//! of the text), with the same line numbers; a test compares the two on
//! random texts.

use std::ops::Range;

/// Reads the records of a text one at a time, reusing one record's storage.
pub(crate) struct Records<'t> {
    text: &'t str,
    at: usize,
    /// Line at `at`, counted as `csv` counts (1 plus the line ends before).
    line: u64,
    delimiter: u8,
    /// The bytes that end an unquoted cell: the delimiter and `\n`.
    ends_cell: [bool; 256],
    record: Record<'t>,
}

/// One record: its cells and the line `csv` reports for it.
pub(crate) struct Record<'t> {
    text: &'t str,
    /// Each cell: a range of the text, or of `unescaped` when the cell had
    /// a doubled quote or text after its closing quote.
    cells: Vec<(Range<usize>, bool)>,
    unescaped: String,
    line: u64,
    /// Bytes of all cells together.
    bytes: usize,
}

impl<'t> Records<'t> {
    /// The records of `text` from byte `at` (a record's start) on, where
    /// that byte is on line `line`; `delimiter` is one of the sniffed ASCII
    /// delimiters (`text::sniff_delimiter`).
    pub(crate) fn new(text: &'t str, at: usize, line: u64, delimiter: u8) -> Records<'t> {
        // Cells are cut at the delimiter: an ASCII byte never cuts a
        // character, which `Record::get` relies on. Callers pass `,` `;` or tab.
        assert!(delimiter.is_ascii() && delimiter != b'"' && delimiter != b'\n');
        let mut ends_cell = [false; 256];
        ends_cell[usize::from(delimiter)] = true;
        ends_cell[usize::from(b'\n')] = true;
        Records {
            text,
            at: at.min(text.len()),
            line,
            delimiter,
            ends_cell,
            record: Record {
                text,
                cells: Vec::new(),
                unescaped: String::new(),
                line,
                bytes: 0,
            },
        }
    }

    /// The text not read yet.
    pub(crate) fn rest(&self) -> &'t str {
        &self.text[self.at..]
    }

    /// The next record, or `None` at the end of the text.
    pub(crate) fn next_record(&mut self) -> Option<&Record<'t>> {
        let bytes = self.text.as_bytes();
        // `csv` reports a record at the line where its read began, before
        // the empty lines it skips.
        self.record.line = self.line;
        while bytes.get(self.at) == Some(&b'\n') {
            self.at += 1;
            self.line += 1;
        }
        if self.at >= bytes.len() {
            return None;
        }
        self.record.cells.clear();
        self.record.unescaped.clear();
        while !self.read_cell() {}
        self.record.bytes = self.record.cells.iter().map(|(r, _)| r.len()).sum();
        Some(&self.record)
    }

    /// Reads one cell from `at`; true when it ended the record.
    fn read_cell(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let start = self.at;
        if bytes.get(start) != Some(&b'"') {
            let end = self.plain_end(start);
            self.record.cells.push((start..end, false));
            return self.after_cell(end);
        }
        // A quoted cell: up to the quote not doubled. It stays a range of
        // the text unless a doubled quote or text after the closing quote
        // makes it more than one piece.
        let mut cell = Cell::new(start + 1);
        let mut from = start + 1;
        loop {
            let Some(quote) = memchr::memchr(b'"', &bytes[from..]).map(|q| from + q) else {
                // Unclosed: the rest of the text is the cell.
                self.count_lines(from, bytes.len());
                cell.add(&mut self.record, from..bytes.len());
                self.record.cells.push(cell.done());
                self.at = bytes.len();
                return true;
            };
            self.count_lines(from, quote);
            cell.add(&mut self.record, from..quote);
            if bytes.get(quote + 1) == Some(&b'"') {
                // A doubled quote is one quote character of the cell.
                cell.add(&mut self.record, quote..quote + 1);
                from = quote + 2;
                continue;
            }
            let mut end = quote + 1;
            if let Some(&b) = bytes.get(end) {
                if b != self.delimiter && b != b'\n' {
                    // Text after the closing quote joins the cell, unquoted.
                    let after = end;
                    end = self.plain_end(after);
                    cell.add(&mut self.record, after..end);
                }
            }
            self.record.cells.push(cell.done());
            return self.after_cell(end);
        }
    }

    /// End of unquoted text from `from`: the next delimiter, line end or the
    /// text's end. Sixteen bytes at a time where SSE2 is (every x86-64):
    /// cells are short, and `memchr2`'s set-up cost more than it saved on them.
    fn plain_end(&self, from: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut at = from;
        #[cfg(target_arch = "x86_64")]
        while at + 16 <= bytes.len() {
            use std::arch::x86_64::{
                __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
                _mm_set1_epi8,
            };
            // SAFETY: SSE2 is part of x86-64; the 16 bytes loaded lie
            // within `bytes` (checked by the loop), unaligned loads allowed.
            let mask = unsafe {
                let block = _mm_loadu_si128(bytes.as_ptr().add(at).cast::<__m128i>());
                let delimiter = _mm_cmpeq_epi8(block, _mm_set1_epi8(self.delimiter as i8));
                let line_end = _mm_cmpeq_epi8(block, _mm_set1_epi8(b'\n' as i8));
                _mm_movemask_epi8(_mm_or_si128(delimiter, line_end))
            };
            if mask != 0 {
                return at + mask.trailing_zeros() as usize;
            }
            at += 16;
        }
        let rest = bytes.get(at..).unwrap_or_default();
        let cell = rest.iter().position(|&b| self.ends_cell[usize::from(b)]);
        cell.map_or(bytes.len(), |e| at + e)
    }

    /// Steps over what ends a cell at `end`; true when it ended the record.
    fn after_cell(&mut self, end: usize) -> bool {
        let bytes = self.text.as_bytes();
        match bytes.get(end) {
            None => {
                self.at = end;
                true
            }
            Some(&b'\n') => {
                self.at = end + 1;
                self.line += 1;
                true
            }
            Some(_) => {
                // A delimiter; one at the very end leaves an empty last cell.
                self.at = end + 1;
                if self.at == bytes.len() {
                    self.record.cells.push((self.at..self.at, false));
                    return true;
                }
                false
            }
        }
    }

    fn count_lines(&mut self, from: usize, to: usize) {
        self.line += memchr::memchr_iter(b'\n', &self.text.as_bytes()[from..to]).count() as u64;
    }
}

/// A quoted cell being read: one range of the text, or, from its second
/// piece on, the pieces copied into the record's `unescaped` text.
struct Cell {
    range: std::ops::Range<usize>,
    copied: bool,
}

impl Cell {
    fn new(at: usize) -> Cell {
        Cell {
            range: at..at,
            copied: false,
        }
    }

    /// Adds the text of `piece` (which follows the cell's text in the input
    /// only when it is its first piece).
    fn add(&mut self, record: &mut Record<'_>, piece: Range<usize>) {
        if piece.is_empty() {
            return;
        }
        if !self.copied && self.range.is_empty() {
            self.range = piece;
            return;
        }
        if !self.copied {
            let start = record.unescaped.len();
            record.unescaped.push_str(&record.text[self.range.clone()]);
            self.range = start..record.unescaped.len();
            self.copied = true;
        }
        record.unescaped.push_str(&record.text[piece]);
        self.range.end = record.unescaped.len();
    }

    fn done(self) -> (Range<usize>, bool) {
        (self.range, self.copied)
    }
}

impl<'t> Record<'t> {
    /// Number of cells.
    pub(crate) fn len(&self) -> usize {
        self.cells.len()
    }

    /// Cell `i`, if the record has it.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        let (range, unescaped) = self.cells.get(i)?;
        let text = if *unescaped {
            self.unescaped.as_str()
        } else {
            self.text
        };
        debug_assert!(text.get(range.clone()).is_some());
        // SAFETY: every range ends at a delimiter, quote or line end (ASCII
        // bytes, never inside a character) of `text`, or at a piece's end
        // in `unescaped`, built from such pieces: always character
        // boundaries within the text. Checked in debug builds; this runs
        // for every cell of ten million rows.
        Some(unsafe { text.get_unchecked(range.clone()) })
    }

    /// Bytes of all cells together (as `csv::StringRecord::as_slice` has them).
    pub(crate) fn bytes(&self) -> usize {
        self.bytes
    }

    /// The cells in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// The line `csv` reports for the record.
    pub(crate) fn line(&self) -> u64 {
        self.line
    }
}

#[cfg(test)]
mod tests;
