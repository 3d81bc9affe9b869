//! What a run tells about its input besides the sessions: rejected rows
//! and files, and data-quality notes.

/// An input row or file that was not accepted, with why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rejection {
    /// Path of the file as shown to the user.
    pub source_file: String,
    /// Line (or record) number; 0 for a whole file.
    pub line: u64,
    /// Column involved, if one.
    pub column: String,
    /// What was wrong, with the value, and what was expected.
    pub reason: String,
}

/// A data-quality observation that did not stop a row from being used.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    /// Short machine-readable kind (`not_in_roster`, `overlap`, ...).
    pub kind: &'static str,
    /// Athlete concerned, if one.
    pub athlete_id: String,
    /// Session concerned, if one.
    pub session_id: String,
    /// File concerned, if one.
    pub source_file: String,
    /// Line concerned, if one (0 = none).
    pub line: u64,
    /// What was seen and what the audit did about it.
    pub detail: String,
}

impl Note {
    /// A note about a file (and optionally a line).
    pub fn file(kind: &'static str, source_file: &str, line: u64, detail: String) -> Note {
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
    pub fn athlete(kind: &'static str, athlete_id: &str, detail: String) -> Note {
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
