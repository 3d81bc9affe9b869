//! Placeholder for the FIT reader (being written).

use super::{Batch, FileCtx};

/// Whether bytes start with a FIT file header.
pub fn is_fit(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && &bytes[8..12] == b".FIT"
}

/// Reads the sessions of a FIT file into `batch`; `Err` rejects the whole file.
pub fn read(_bytes: &[u8], _ctx: &FileCtx, _batch: &mut Batch) -> Result<(), String> {
    Err("a FIT file: FIT input is not read by this version yet".into())
}
