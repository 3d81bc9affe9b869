//! `PseudonymError`: why a pseudonymization cannot be done (a shared
//! pseudonym, a scrubber that cannot be built).

use thiserror::Error;

/// A pseudonymization that cannot be done.
#[derive(Debug, Error)]
pub(crate) enum PseudonymError {
    /// Two real values got the same pseudonym (about one chance in 10^12 per pair).
    #[error("two {kind}s got the same pseudonym {pseudonym}; run again with another key")]
    Collision {
        /// `athlete`, `session` or `file`.
        kind: &'static str,
        /// The shared pseudonym.
        pseudonym: String,
    },
    /// The text scrubber could not be built; nothing is written unscrubbed.
    #[error("cannot build the scrubber of ids, names and paths in free text: {0}")]
    Scrubber(String),
}
