//! A large CSV text read on several threads: record boundaries are found
//! at line ends in a text without a quote; by counting quotes (a line end
//! outside quotes ends a record) in a text whose quotes all open a field
//! and close it, as exports write them; else with the CSV engine itself
//! (csv-core, configured as the readers are, so a quoted line end never
//! splits a record). Then each chunk is read by its own reader and the
//! chunks' results are joined in input order. Line and row numbers stay
//! those of the whole file. Counting quotes visits only the quotes and line
//! ends, and gives each chunk as soon as it has passed its end, so that the
//! chunks before are read while it goes on ([`QuotedScan`]); at a quote it
//! cannot place, the engine cuts the rest of the text. The engine
//! reads every byte of every field, one thread for the whole file while the
//! other waits (BENCHMARKS.md).

use super::bytes::Pages;

/// Bytes per chunk: large enough that a chunk's setup is noise.
pub(crate) const CHUNK_BYTES: usize = 8 << 20;

/// A run of whole records of a CSV text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chunk<'t> {
    /// The records' text.
    pub(crate) text: &'t str,
    /// Line of the chunk's first byte in the whole text (1-based).
    pub(crate) first_line: u64,
    /// Records of the text before the chunk (the header not counted).
    pub(crate) records_before: u64,
}

/// Whether `body` holds no `"`: then every non-empty line is one record
/// and chunks are cut at line ends, without reading the records first.
/// The mapped `pages` of what was looked at are handed back.
pub(crate) fn quote_free(body: &[u8], pages: &Pages) -> bool {
    body.chunks(super::bytes::FORGET_BYTES).all(|window| {
        let free = memchr::memchr(b'"', window).is_none();
        pages.forget(window);
        free
    })
}

/// The records after `body_start` (the end of the header) in chunks of
/// about `chunk_bytes`, each starting right after a record's end, cut one
/// after the other as the reader cuts them while it reads (its quoted
/// texts through [`QuotedScan`], the rest by [`engine_chunks`]): what the
/// tests hold the fast cuts to. With `quote_free` (see [`quote_free`]) the
/// records are not read to find the ends: the chunks are the same.
#[cfg(test)]
pub(crate) fn chunks<'t>(
    text: &'t str,
    body_start: usize,
    delimiter: u8,
    chunk_bytes: usize,
    quote_free: bool,
    pages: &Pages,
) -> Vec<Chunk<'t>> {
    let body = Start::body(text, body_start);
    if quote_free {
        return engine_chunks(text, body, delimiter, chunk_bytes, true, pages);
    }
    let mut chunks = Vec::new();
    for chunk in QuotedScan::new(text, body_start, delimiter, chunk_bytes, pages) {
        match chunk {
            Ok(chunk) => chunks.push(chunk),
            Err(Ambiguous { rest }) => {
                chunks.extend(engine_chunks(
                    text,
                    rest,
                    delimiter,
                    chunk_bytes,
                    false,
                    pages,
                ));
            }
        }
    }
    chunks
}

/// [`chunks`] without counting quotes: cut at line ends (`quote_free`) or
/// by the CSV engine.
pub(crate) fn engine_chunks<'t>(
    text: &'t str,
    from: Start,
    delimiter: u8,
    chunk_bytes: usize,
    quote_free: bool,
    pages: &Pages,
) -> Vec<Chunk<'t>> {
    let bytes = text.as_bytes();
    let starts = if quote_free {
        line_starts(bytes, from.at, chunk_bytes)
    } else {
        record_starts(bytes, from.at, delimiter, chunk_bytes, pages)
    };
    let mut line = from.first_line;
    let mut chunks = Vec::with_capacity(starts.len());
    for (i, &(start, records_before)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(bytes.len(), |&(next, _)| next);
        chunks.push(Chunk {
            text: &text[start..end],
            first_line: line,
            records_before: from.records_before + records_before,
        });
        line += memchr::memchr_iter(b'\n', &bytes[start..end]).count() as u64;
        pages.forget(&bytes[start..end]);
    }
    chunks
}

/// Where chunks start, with the records before each: the first record end
/// at or after every `chunk_bytes`, found by the CSV engine.
fn record_starts(
    bytes: &[u8],
    body_start: usize,
    delimiter: u8,
    chunk_bytes: usize,
    pages: &Pages,
) -> Vec<(usize, u64)> {
    let mut engine = csv_core::ReaderBuilder::new()
        .delimiter(delimiter)
        .terminator(csv_core::Terminator::Any(b'\n'))
        .build();
    // The engine wants room for a record's fields; their values are not needed.
    let (mut output, mut ends) = (vec![0u8; 1 << 16], vec![0usize; 1 << 10]);
    let (mut at, mut records, mut cut_after) = (body_start, 0u64, body_start + chunk_bytes);
    let mut starts = vec![(body_start, 0u64)];
    loop {
        let (result, read, _, _) = engine.read_record(&bytes[at..], &mut output, &mut ends);
        at += read;
        match result {
            csv_core::ReadRecordResult::Record => {
                records += 1;
                if at >= cut_after && at < bytes.len() {
                    pages.forget(&bytes[starts.last().map_or(0, |s| s.0)..at]);
                    starts.push((at, records));
                    cut_after = at + chunk_bytes;
                }
            }
            csv_core::ReadRecordResult::End => break,
            csv_core::ReadRecordResult::InputEmpty
            | csv_core::ReadRecordResult::OutputFull
            | csv_core::ReadRecordResult::OutputEndsFull => {}
        }
    }
    starts
}

/// The chunks of a quoted text as [`QuotedScan`] finds them, as record
/// starts and the records before each; `None` where the scan stops at a
/// quote whose meaning is the engine's to decide.
#[cfg(test)]
fn quoted_starts(
    text: &str,
    body_start: usize,
    delimiter: u8,
    chunk_bytes: usize,
    pages: &Pages,
) -> Option<Vec<(usize, u64)>> {
    let bytes = text.as_bytes();
    let scan = QuotedScan::new(text, body_start, delimiter, chunk_bytes, pages);
    let chunks: Result<Vec<Chunk>, Ambiguous> = scan.collect();
    let offset = |c: &Chunk| c.text.as_ptr() as usize - bytes.as_ptr() as usize;
    Some(
        chunks
            .ok()?
            .iter()
            .map(|c| (offset(c), c.records_before))
            .collect(),
    )
}

/// Where a run of chunks starts in a text: the byte, and the records and
/// the line before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Start {
    pub(crate) at: usize,
    pub(crate) records_before: u64,
    pub(crate) first_line: u64,
}

impl Start {
    /// The start of the records after a header ending at `body_start`.
    pub(crate) fn body(text: &str, body_start: usize) -> Start {
        let header = &text.as_bytes()[..body_start];
        Start {
            at: body_start,
            records_before: 0,
            first_line: 1 + memchr::memchr_iter(b'\n', header).count() as u64,
        }
    }
}

/// The scan met a quote that neither opens nor closes a field (`5'10"`,
/// `"a"b`) in the chunk from `rest` on: the text from there is the CSV
/// engine's to cut (the chunks before agree with the engine's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ambiguous {
    pub(crate) rest: Start,
}

/// The chunks of a text whose every quote opens a field (at a
/// line's start or after a delimiter) or closes one (before a delimiter, a
/// line end, `\r\n` or the end), a doubled quote inside being one quote:
/// then a line end outside quotes ends a record, and the quotes and line
/// ends are all that is read; an [`Ambiguous`] error at the first other quote (`5'10"`,
/// `"a"b`), whose meaning is the engine's to decide.
///
/// Chunks come one at a time, each as soon as the scan has passed its end,
/// so that a reader can take one while the scan goes on to the next: the
/// scan is one thread's pass over the whole text. Line ends are counted on
/// the way, for each chunk's first line.
pub(crate) struct QuotedScan<'t, 'p> {
    text: &'t str,
    delimiter: u8,
    chunk_bytes: usize,
    pages: &'p Pages,
    /// Where the scan goes on, and where the current line started.
    at: usize,
    line_start: usize,
    /// Inside a quoted field.
    quoted: bool,
    /// Records and line ends passed so far.
    records: u64,
    line_ends: u64,
    /// The line of the text's first byte after the header.
    body_line: u64,
    /// Where the next chunk starts, with the records and line ends before it.
    start: usize,
    start_records: u64,
    start_line_ends: u64,
    /// Nothing more to give (the last chunk was given, or an error).
    done: bool,
}

impl<'t, 'p> QuotedScan<'t, 'p> {
    pub(crate) fn new(
        text: &'t str,
        body_start: usize,
        delimiter: u8,
        chunk_bytes: usize,
        pages: &'p Pages,
    ) -> QuotedScan<'t, 'p> {
        QuotedScan {
            text,
            delimiter,
            chunk_bytes,
            pages,
            at: body_start,
            line_start: body_start,
            quoted: false,
            records: 0,
            line_ends: 0,
            body_line: Start::body(text, body_start).first_line,
            start: body_start,
            start_records: 0,
            start_line_ends: 0,
            done: false,
        }
    }

    /// The chunk from the current start to `end`, which starts the next.
    fn cut(&mut self, end: usize) -> Chunk<'t> {
        let bytes = &self.text.as_bytes()[self.start..end];
        self.pages.forget(bytes);
        let chunk = Chunk {
            text: &self.text[self.start..end],
            first_line: self.body_line + self.start_line_ends,
            records_before: self.start_records,
        };
        (self.start, self.start_records) = (end, self.records);
        self.start_line_ends = self.line_ends;
        chunk
    }

    fn fail(&mut self) -> Option<Result<Chunk<'t>, Ambiguous>> {
        self.done = true;
        let rest = Start {
            at: self.start,
            records_before: self.start_records,
            first_line: self.body_line + self.start_line_ends,
        };
        Some(Err(Ambiguous { rest }))
    }
}

impl<'t> Iterator for QuotedScan<'t, '_> {
    type Item = Result<Chunk<'t>, Ambiguous>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let bytes = self.text.as_bytes();
        let cut_after = self.start + self.chunk_bytes;
        while let Some(found) = memchr::memchr2(b'"', b'\n', &bytes[self.at..]) {
            let p = self.at + found;
            self.at = p + 1;
            if bytes[p] == b'\n' {
                self.line_ends += 1;
                if self.quoted {
                    continue;
                }
                // The end of an empty line ends no record (the engine skips it).
                let ends_record = p > self.line_start;
                self.line_start = self.at;
                if ends_record {
                    self.records += 1;
                    if self.at >= cut_after && self.at < bytes.len() {
                        return Some(Ok(self.cut(self.at)));
                    }
                }
            } else if !self.quoted {
                if p != self.line_start && bytes[p - 1] != self.delimiter {
                    return self.fail();
                }
                self.quoted = true;
            } else {
                match bytes.get(p + 1) {
                    Some(b'"') => self.at = p + 2,
                    None | Some(b'\n') => self.quoted = false,
                    Some(&next) if next == self.delimiter => self.quoted = false,
                    Some(b'\r') if bytes.get(p + 2) == Some(&b'\n') => self.quoted = false,
                    Some(_) => return self.fail(),
                }
            }
        }
        self.done = true;
        Some(Ok(self.cut(bytes.len())))
    }
}

/// [`record_starts`] for a text without quotes: a record ends at the line
/// end of every non-empty line (the engine skips empty lines, and a line of
/// a lone `\r` or of spaces is a record).
fn line_starts(bytes: &[u8], body_start: usize, chunk_bytes: usize) -> Vec<(usize, u64)> {
    let mut starts = vec![(body_start, 0u64)];
    let (mut from, mut records) = (body_start, 0u64);
    let mut search = body_start + chunk_bytes.max(1) - 1;
    while search < bytes.len() {
        let Some(end) = memchr::memchr(b'\n', &bytes[search..]).map(|i| search + i) else {
            break;
        };
        // The end of an empty line ends no record: look on from the next line.
        if end == body_start || bytes[end - 1] == b'\n' {
            search = end + 1;
            continue;
        }
        let at = end + 1;
        if at >= bytes.len() {
            break;
        }
        records += records_in(&bytes[from..at]);
        starts.push((at, records));
        from = at;
        search = at + chunk_bytes.max(1) - 1;
    }
    starts
}

/// Records of quote-free `lines` (starting at a line start): its non-empty lines.
fn records_in(lines: &[u8]) -> u64 {
    let (mut records, mut line_start) = (0, 0);
    for end in memchr::memchr_iter(b'\n', lines) {
        records += u64::from(end > line_start);
        line_start = end + 1;
    }
    records + u64::from(line_start < lines.len())
}

#[cfg(test)]
mod tests;
