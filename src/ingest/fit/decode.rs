//! The binary layer of the FIT reader: walks a (possibly chained, possibly
//! damaged) FIT byte stream with `fitparser`'s streaming processor and keeps
//! the raw fields of the four messages the audit needs (file_id, session, set,
//! activity), stopping cleanly at the first damage.
//!
//! Fields are read raw, by field number, from the undecoded data messages:
//! that keeps the machine's time zone out (fitparser turns dates into
//! `DateTime<Local>`), keeps field numbers stable where the profile renames a
//! field by sport (`total_cycles` becomes `total_strides` for running).
//! The thousands of record messages nobody reads are not even parsed: they
//! are stepped over by their length (`skip`).

use fitparser::de::{DecodeOption, FitDataMessage, FitObject, FitStreamProcessor};
use fitparser::ErrorKind;

use super::crc::crc16;
use super::definition::aligned_copy;
use super::header::{check_header, CRC_LEN};
use super::messages::{value_u32, Activity, FileId, Msg, SessionMsg, SetMsg};
use super::skip::{Layouts, Stamp};

/// Global message number of `field_description`: the one message the
/// processor must decode itself, or later developer fields cannot be parsed.
const FIELD_DESCRIPTION: u16 = 206;
/// Most session (and activity) messages kept from one file; real ones have
/// a handful. One FIT message is at most ~130 KB by the format itself (255
/// fields and 255 developer fields of at most 255 bytes), so these counts
/// are what keeps a small hostile file from growing large in memory.
pub(super) const MAX_SESSIONS: usize = 10_000;
/// Most set messages kept from one file (a long strength session has hundreds).
pub(super) const MAX_SETS: usize = 100_000;

/// Everything read from one FIT byte stream.
#[derive(Debug, Default)]
pub(super) struct Decoded {
    /// One entry per FIT file in the chain: its `file_id`, if it has one.
    pub(crate) parts: Vec<Option<FileId>>,
    /// Session messages in file order (index + 1 = the session's record number).
    pub(crate) sessions: Vec<SessionMsg>,
    /// Set messages in file order.
    pub(crate) sets: Vec<SetMsg>,
    /// Activity messages in file order.
    pub(crate) activities: Vec<Activity>,
    /// Damage seen, in file order (CRC mismatches, then what stopped decoding).
    pub(crate) damage: Vec<String>,
}

/// Decodes as much of `bytes` as is whole; never panics.
pub(super) fn decode(bytes: &[u8]) -> Decoded {
    decode_stepping(bytes, true)
}

/// [`decode`], stepping over the data messages the audit does not read, or
/// (for the tests' comparison) handing every message to fitparser.
pub(super) fn decode_stepping(bytes: &[u8], step_over: bool) -> Decoded {
    let mut walk = Walk {
        stepping: step_over,
        ..Walk::default()
    };
    if bytes.is_empty() {
        walk.out.damage.push("empty file (0 bytes)".into());
        return walk.out;
    }
    // fitparser's own checks are sound on the corpus and on mutated files,
    // but it is third-party code parsing untrusted input: a panic in it must
    // cost this file, never the run.
    let walked = crate::ingest::guard::catch_quietly(|| walk.run(bytes));
    if walked.is_none() {
        let at = walk.offset;
        walk.out.damage.push(format!(
            "the FIT decoder failed on the data at byte {at}; nothing after it was read"
        ));
    }
    walk.out
}

/// The state of one pass over the bytes.
#[derive(Default)]
struct Walk {
    out: Decoded,
    /// Bytes consumed so far (start of the next object).
    offset: usize,
    /// Last full timestamp (FIT seconds), for compressed-timestamp headers.
    last_timestamp_s: Option<u32>,
    /// Where the current FIT file of the chain starts (its header).
    part_start: usize,
    /// Where the current FIT file ends by its header (after its CRC).
    declared_end: usize,
    /// The current FIT file's definitions, for stepping over the data
    /// messages the audit does not read.
    layouts: Layouts,
    /// Whether such messages are stepped over (else fitparser reads them).
    stepping: bool,
}

/// A stream processor for one FIT file of a chain.
fn processor() -> FitStreamProcessor {
    let mut processor = FitStreamProcessor::new();
    // The data CRC is checked here, on the file's own bytes (see crc.rs).
    processor.add_option(DecodeOption::SkipDataCrcValidation);
    processor
}

/// Whether the audit reads data messages of this global number (the
/// processor must see `field_description` for the developer fields after it).
fn wanted(global: u16) -> bool {
    Msg::from_number(global).is_some() || global == FIELD_DESCRIPTION
}

impl Walk {
    fn run(&mut self, bytes: &[u8]) {
        let mut processor = processor();
        let mut in_part = false;
        while self.offset < bytes.len() {
            if !in_part {
                if let Err(problem) = self.start_part(bytes) {
                    return self.out.damage.push(problem);
                }
            } else if self.offset == self.data_end() {
                // The processor did not see the messages stepped over, so
                // it cannot tell where the data ends: the CRC is read here.
                if let Err(problem) = self.end_part(bytes) {
                    return self.out.damage.push(problem);
                }
                in_part = false;
                processor = self::processor();
                continue;
            } else if self.stepping && self.step_over(bytes) {
                continue;
            }
            let object_at = self.offset;
            let object = match self.next_object(bytes, &mut processor, in_part) {
                Ok(object) => object,
                Err(problem) => return self.out.damage.push(problem),
            };
            match object {
                FitObject::Header(_) => {
                    in_part = true;
                    self.out.parts.push(None);
                }
                FitObject::Crc(stored) => {
                    // Not reached while the CRC is read at the end of the
                    // data (`end_part`), but handled alike.
                    self.close_part(bytes, object_at, stored);
                    in_part = false;
                    processor = self::processor();
                }
                FitObject::DefinitionMessage(_) => {
                    let message = bytes.get(object_at..self.offset).unwrap_or_default();
                    self.layouts.define(message);
                }
                FitObject::DataMessage(message) => {
                    if let Err(problem) = self.keep(message, &mut processor) {
                        return self.out.damage.push(problem);
                    }
                }
            }
        }
        if in_part {
            let reason = self.truncation(bytes.len());
            self.out.damage.push(reason);
        }
    }

    /// Where the data of the current FIT file ends by its header (its CRC).
    fn data_end(&self) -> usize {
        self.declared_end.saturating_sub(CRC_LEN)
    }

    /// Reads and checks the CRC at the end of the current FIT file's data.
    fn end_part(&mut self, bytes: &[u8]) -> Result<(), String> {
        let crc_at = self.offset;
        let Some(stored) = bytes.get(crc_at..crc_at + CRC_LEN) else {
            let truncation = self.truncation(bytes.len());
            return Err(format!("{truncation}; decoding stopped at byte {crc_at}"));
        };
        self.offset = crc_at + CRC_LEN;
        self.close_part(bytes, crc_at, u16::from_le_bytes([stored[0], stored[1]]));
        Ok(())
    }

    /// Ends the current FIT file at its CRC (stored at `crc_at`): the CRC
    /// is checked, and its timestamps and definitions are forgotten.
    fn close_part(&mut self, bytes: &[u8], crc_at: usize, stored: u16) {
        self.check_crc(bytes, crc_at, stored);
        self.last_timestamp_s = None;
        self.layouts.clear();
    }

    /// Steps over the data message at the offset when the audit does not
    /// read it (`skip`), keeping its timestamp; false when it reads it, or
    /// the message is not whole.
    fn step_over(&mut self, bytes: &[u8]) -> bool {
        let end = self.data_end().min(bytes.len());
        let rest = bytes.get(self.offset..end).unwrap_or_default();
        let Some((len, stamp)) = self.layouts.skippable(rest, wanted) else {
            return false;
        };
        match (stamp, self.last_timestamp_s) {
            (Stamp::Full(t), _) => self.last_timestamp_s = Some(t),
            (Stamp::Offset(offset), Some(last)) => {
                self.last_timestamp_s = Some(after_rollover(last, offset));
            }
            _ => {}
        }
        self.offset += len;
        true
    }

    /// Checks the header at the current offset and records the FIT file's extent.
    fn start_part(&mut self, bytes: &[u8]) -> Result<(), String> {
        let rest = bytes.get(self.offset..).unwrap_or_default();
        let part_len = check_header(rest, self.offset, self.out.parts.len())?;
        self.part_start = self.offset;
        self.declared_end = self.offset.saturating_add(part_len);
        Ok(())
    }

    /// Reads the next object with fitparser (from a retyped copy when it is a
    /// definition with misaligned fields) and steps past it.
    fn next_object(
        &mut self,
        bytes: &[u8],
        processor: &mut FitStreamProcessor,
        in_part: bool,
    ) -> Result<FitObject, String> {
        let rest = bytes.get(self.offset..).unwrap_or_default();
        let data_end = self.data_end();
        let patched = (in_part && self.offset < data_end)
            .then(|| aligned_copy(rest))
            .flatten();
        let input = patched.as_deref().unwrap_or(rest);
        let (remaining_len, object) = match processor.deserialize_next(input) {
            Ok((remaining, object)) => (remaining.len(), object),
            Err(error) => match *error {
                // Only a header CRC gets here; fitparser has stepped past the
                // header, so the mismatch is noted and decoding goes on.
                ErrorKind::InvalidCrc((remaining, object, stored, computed)) => {
                    self.note_crc("header", stored, computed);
                    (remaining.len(), object)
                }
                other => return Err(self.stop_reason(&other, bytes.len())),
            },
        };
        let object_at = self.offset;
        self.offset = object_at + input.len().saturating_sub(remaining_len);
        let is_message = matches!(
            object,
            FitObject::DataMessage(_) | FitObject::DefinitionMessage(_)
        );
        if is_message && self.offset > data_end {
            // Left alone, fitparser would read the bytes after it as a header.
            return Err(format!(
                "corrupt data at byte {object_at}: a message runs past the end of the data of FIT file {} (byte {data_end})",
                self.out.parts.len()
            ));
        }
        Ok(object)
    }

    /// Compares the data CRC stored at `crc_at` with the file's own bytes.
    fn check_crc(&mut self, bytes: &[u8], crc_at: usize, stored: u16) {
        let part = bytes.get(self.part_start..crc_at).unwrap_or_default();
        let computed = crc16(part);
        if computed != stored {
            self.note_crc("data", stored, computed);
        }
    }

    /// Keeps the fields of the messages the audit reads; `Err` when a kind
    /// passes its limit per file (decoding stops there).
    fn keep(
        &mut self,
        message: FitDataMessage,
        processor: &mut FitStreamProcessor,
    ) -> Result<(), String> {
        let full = |what: &str, limit: usize| {
            format!(
                "more than {limit} {what} messages (the limit per file) at byte {}; nothing after them was read",
                self.offset
            )
        };
        let out = &self.out;
        match Msg::from_number(message.global_message_number()) {
            Some(Msg::Session) if out.sessions.len() >= MAX_SESSIONS => {
                return Err(full("session", MAX_SESSIONS))
            }
            Some(Msg::Activity) if out.activities.len() >= MAX_SESSIONS => {
                return Err(full("activity", MAX_SESSIONS))
            }
            Some(Msg::Set) if out.sets.len() >= MAX_SETS => return Err(full("set", MAX_SETS)),
            _ => {}
        }
        let timestamp_s = self.timestamp_s(&message);
        let part = self.out.parts.len().saturating_sub(1);
        let fields = message.fields();
        match Msg::from_number(message.global_message_number()) {
            Some(Msg::FileId) => {
                if let Some(slot) = self.out.parts.last_mut() {
                    slot.get_or_insert(FileId::from_fields(fields));
                }
            }
            Some(Msg::Session) => self
                .out
                .sessions
                .push(SessionMsg::from_fields(fields, part)),
            Some(Msg::Set) => self.out.sets.push(SetMsg::from_fields(fields)),
            Some(Msg::Activity) => {
                self.out
                    .activities
                    .push(Activity::from_fields(fields, timestamp_s, part))
            }
            None if message.global_message_number() == FIELD_DESCRIPTION => {
                // A description that does not decode shows up later, as a
                // parse error at the first message using that field.
                let _ = processor.decode_message(message);
            }
            None => {}
        }
        Ok(())
    }

    /// The message's timestamp in FIT seconds: its field 253, or the last
    /// one plus a compressed header's 5-bit offset (FIT protocol 4.2).
    fn timestamp_s(&mut self, message: &FitDataMessage) -> Option<u32> {
        let full = message.fields().get(&253).and_then(value_u32);
        let resolved = match (full, message.time_offset(), self.last_timestamp_s) {
            (Some(t), _, _) => Some(t),
            (None, Some(offset), Some(last)) => Some(after_rollover(last, offset)),
            _ => None,
        };
        if resolved.is_some() {
            self.last_timestamp_s = resolved;
        }
        resolved
    }

    /// Why decoding stopped, for an error other than a bad CRC. In a file
    /// shorter than its header says, a cut-off message is the truncation.
    fn stop_reason(&self, error: &ErrorKind, len: usize) -> String {
        let at = self.offset;
        let truncated = self.declared_end > len;
        let reason = match error {
            ErrorKind::UnexpectedEof(_) | ErrorKind::ParseError(..) if truncated => {
                return format!("{}; decoding stopped at byte {at}", self.truncation(len));
            }
            ErrorKind::MissingDefinitionMessage(local, _) => format!(
                "unreadable from byte {at}: a data message uses local message type {local}, which was never defined, so its length is unknown"
            ),
            ErrorKind::UnexpectedEof(_) => {
                format!("corrupt data at byte {at}: a message runs past the end of the data")
            }
            ErrorKind::ParseError(..) => {
                format!("corrupt data at byte {at}: not a valid FIT message")
            }
            other => format!("corrupt data at byte {at}: {other}"),
        };
        if truncated {
            format!("{reason}; also {}", self.truncation(len))
        } else {
            reason
        }
    }

    /// The file ends before the current FIT file of the chain does.
    fn truncation(&self, len: usize) -> String {
        format!(
            "truncated at byte {len}: FIT file {} should end at byte {}",
            self.out.parts.len().max(1),
            self.declared_end
        )
    }

    /// Notes a CRC mismatch of the current FIT file's `what` (header or data).
    fn note_crc(&mut self, what: &str, stored: u16, computed: u16) {
        let part = self.out.parts.len().max(1);
        self.out.damage.push(format!(
            "bad CRC: the {what} CRC of FIT file {part} is {stored:#06x}, the bytes give {computed:#06x} (some bytes are corrupt)"
        ));
    }
}

/// The full timestamp of a compressed-timestamp header: the low 5 bits are
/// replaced by `offset_s`, rolling over when they went backwards.
fn after_rollover(last_s: u32, offset_s: u8) -> u32 {
    const MASK: u32 = 0x1F;
    let offset_s = u32::from(offset_s) & MASK;
    let mut t = (last_s & !MASK) | offset_s;
    if offset_s < (last_s & MASK) {
        t = t.wrapping_add(MASK + 1);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_timestamp_rolls_over_when_the_offset_goes_back() {
        assert_eq!(after_rollover(1000, 10), 1002);
        assert_eq!(after_rollover(1000, 7), 1031);
        assert_eq!(after_rollover(u32::MAX, 0), 0);
    }
}
