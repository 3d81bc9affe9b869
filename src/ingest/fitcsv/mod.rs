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
mod message;
mod sessions;
mod values;
mod wide;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;

use super::batch::{Batch, FileCtx};
use super::format::TextFormat;
use crate::model::SourceFormat;

/// FitCSVTool output (long or `*_data.csv` wide form).
pub(crate) const FORMAT: TextFormat = TextFormat {
    kind: KIND,
    sniff,
    read,
};

/// The format's name in reports.
pub(crate) const KIND: SourceFormat = SourceFormat::device("fitcsv", 3);

/// Whether a text is FitCSVTool output (long form or `--data` wide form).
pub(crate) fn sniff(text: &str) -> bool {
    long::sniff(text) || wide::sniff(text)
}

/// Reads the sessions of a FitCSVTool CSV into `batch`; `Err` rejects the
/// whole file (not an activity, or a wide file without session columns).
pub(crate) fn read(text: &str, ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
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
