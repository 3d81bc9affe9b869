//! Placeholder for the fitcsv reader (being written): recognises nothing yet.

use super::{Batch, FileCtx};

/// Whether a text is in this format.
pub fn sniff(_text: &str) -> bool {
    false
}

/// Reads the records of a text into `batch`; `Err` rejects the whole file.
pub fn read(_text: &str, _ctx: &FileCtx, _batch: &mut Batch) -> Result<(), String> {
    Err("this format is not read yet".into())
}
