//! The problems that stop a run while its inputs are found and the roster
//! read (a bad row of a log never does: it is rejected and the run goes on).

use thiserror::Error;

/// A problem that stops the run before any work.
#[derive(Debug, Error)]
pub enum IngestError {
    /// An input path does not exist.
    #[error("input '{0}' does not exist; expected a file or folder of session logs")]
    Missing(String),
    /// The roster cannot be read (I/O error, or larger than the input limit).
    #[error("cannot read roster {path}: {message}")]
    RosterIo {
        /// Roster path.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// A roster row or header is invalid.
    #[error("roster {path}, line {line}{}: {message}", if column.is_empty() { String::new() } else { format!(", column {column}") })]
    Roster {
        /// Roster path.
        path: String,
        /// Line of the problem (1 = header).
        line: u64,
        /// Column of the problem, if one.
        column: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// The inputs together are larger than the input limit.
    #[error("{0}")]
    TooLarge(String),
}
