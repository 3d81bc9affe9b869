//! Names the plan (`config`) and the report share: the paper size of the
//! PDF, the file that marks a folder as a concur report, and the secret
//! key of the pseudonyms.

use std::fmt;

/// The file that marks a folder as a concur report: inputs skip such
/// folders, and only such a folder is replaced without `--force`.
pub(crate) const REPORT_MARKER_FILE: &str = ".concur-report";

/// Paper size of the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Paper {
    /// ISO A4, 210 x 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 x 11 in.
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub(crate) fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// The secret key of the pseudonyms (never printed, never written).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct PseudonymKey(Vec<u8>);

impl PseudonymKey {
    /// A key of these bytes, or `None` when there are none.
    pub(crate) fn new(bytes: Vec<u8>) -> Option<PseudonymKey> {
        (!bytes.is_empty()).then_some(PseudonymKey(bytes))
    }

    /// The key's bytes, for the keyed hash.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PseudonymKey(<secret>)")
    }
}
