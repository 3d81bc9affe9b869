//! What a run tells about its input besides the sessions: rejected rows
//! and files, and data-quality notes.

/// An input row or file that was not accepted, with why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Rejection {
    /// Path of the file as shown to the user.
    pub(crate) source_file: String,
    /// Line (or record) number; 0 for a whole file.
    pub(crate) line: u64,
    /// Column involved, if one.
    pub(crate) column: String,
    /// What was wrong, with the value, and what was expected.
    pub(crate) reason: String,
}

/// A data-quality observation that did not stop a row from being used.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Note {
    /// Short machine-readable kind (`not_in_roster`, `overlap`, ...).
    pub(crate) kind: &'static str,
    /// Athlete concerned, if one.
    pub(crate) athlete_id: String,
    /// Session concerned, if one.
    pub(crate) session_id: String,
    /// File concerned, if one.
    pub(crate) source_file: String,
    /// Line concerned, if one (0 = none).
    pub(crate) line: u64,
    /// What was seen and what the audit did about it.
    pub(crate) detail: String,
}

impl Note {
    /// A note about a file (and optionally a line).
    pub(crate) fn file(kind: &'static str, source_file: &str, line: u64, detail: String) -> Note {
        Note {
            kind,
            athlete_id: String::new(),
            session_id: String::new(),
            source_file: source_file.to_string(),
            line,
            detail,
        }
    }

    /// A note about an athlete.
    pub(crate) fn athlete(kind: &'static str, athlete_id: &str, detail: String) -> Note {
        Note {
            kind,
            athlete_id: athlete_id.to_string(),
            session_id: String::new(),
            source_file: String::new(),
            line: 0,
            detail,
        }
    }
}
