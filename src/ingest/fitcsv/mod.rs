//! FitCSVTool CSV: the text form of a FIT file written by the FIT SDK's
//! FitCSVTool. Owns both layouts of that output and turns them into sessions
//! with the same meaning as the raw FIT reader:
//!
//! - the long form (`Type,Local Number,Message,Field 1,Value 1,Units 1,...`),
//!   one row per FIT message, in the 2015 dialect (unquoted) and the 2021+
//!   dialect (every value quoted), with raw numbers or `-e` enum names and
//!   raw FIT times or `-iso8601` times (`long`);
//! - the wide `*_data.csv` written by `--data`, with `message.field[units]`
//!   columns (`wide`).
//!
//! Both are read into the same FIT messages, from which `sessions` builds
//! one session per `session` message, with strength detail from `set` messages.

mod long;
mod sessions;
mod values;
mod wide;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;

use super::{Batch, FileCtx};
use crate::model::SourceFormat;

/// FitCSVTool output (long or `*_data.csv` wide form).
pub(crate) struct FitCsv;

/// The format's name in reports.
pub(crate) const FORMAT: SourceFormat = SourceFormat::new("fitcsv", 2);

impl super::format::TextFormat for FitCsv {
    const KIND: SourceFormat = FORMAT;

    fn sniff_text(&self, text: &str) -> bool {
        sniff(text)
    }

    fn read_text(&self, text: &str, ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
        read(text, ctx, batch)
    }
}

/// Whether a text is FitCSVTool output (long form or `--data` wide form).
pub fn sniff(text: &str) -> bool {
    long::sniff(text) || wide::sniff(text)
}

/// Reads the sessions of a FitCSVTool CSV into `batch`; `Err` rejects the
/// whole file (not an activity, or a wide file without session columns).
pub fn read(text: &str, ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
    let parsed = if long::sniff(text) {
        long::parse(text)
    } else if wide::sniff(text) {
        wide::parse(text)?
    } else {
        return Err(
            "not FitCSVTool output: expected a header starting `Type,Local Number,Message` \
             or `message.field[units]` columns"
                .into(),
        );
    };
    sessions::build(&parsed.messages, ctx, batch)?;
    for (line, reason) in parsed.unreadable {
        batch.reject(ctx, line, "", reason);
    }
    Ok(())
}

/// The FIT messages this reader uses; all others are skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `file_id`: says what kind of FIT file it was (activity, workout...).
    FileId,
    /// `activity`: carries the local time that gives the UTC offset.
    Activity,
    /// `session`: one sport of an activity; becomes one session.
    Session,
    /// `set`: one strength set (or rest).
    Set,
}

impl Kind {
    /// The kind of a FIT message name as FitCSVTool writes it.
    fn from_name(name: &str) -> Option<Kind> {
        match name {
            "file_id" => Some(Kind::FileId),
            "activity" => Some(Kind::Activity),
            "session" => Some(Kind::Session),
            "set" => Some(Kind::Set),
            _ => None,
        }
    }
}

/// One FIT Data message as written in the CSV.
#[derive(Debug, Clone, PartialEq)]
struct Message {
    /// What the message is.
    kind: Kind,
    /// CSV line the message starts on (1 = header).
    line: u64,
    /// Field names and trimmed values, in the order written.
    fields: Vec<(String, String)>,
}

impl Message {
    /// The first non-empty value of a field (names such as `unknown` repeat).
    fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(name, value)| name == field && !value.is_empty())
            .map(|(_, value)| value.as_str())
    }
}

/// A reader of FitCSVTool's comma-separated, ragged rows (BOM removed).
///
/// Records end at `\n` only: with CRLF the csv crate otherwise dates each
/// record from the line before. The `\r` it leaves on the last value goes
/// with the trimming every value gets.
fn csv_reader(text: &str, has_headers: bool) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(has_headers)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
}

/// The first record of a text as trimmed cells.
fn first_record(text: &str) -> Vec<String> {
    let mut reader = csv_reader(text, false);
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record.iter().map(|c| c.trim().to_string()).collect(),
        _ => Vec::new(),
    }
}
