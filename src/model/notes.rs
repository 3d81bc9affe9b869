//! What a run tells about its input besides the sessions: rejected rows
//! and files, and data-quality notes, and the notes counted per kind.

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

/// Per kind of note, in kind order: how many of `notes` (rows of
/// `data_quality.csv`) and how many athletes they name.
pub(crate) fn quality_counts<'a>(
    notes: impl IntoIterator<Item = &'a Note>,
) -> Vec<(&'static str, u64, u64)> {
    let mut kinds: std::collections::BTreeMap<&str, (u64, std::collections::HashSet<&str>)> =
        Default::default();
    for n in notes {
        let entry = kinds.entry(n.kind).or_default();
        entry.0 += 1;
        if !n.athlete_id.is_empty() {
            entry.1.insert(n.athlete_id.as_str());
        }
    }
    kinds
        .into_iter()
        .map(|(kind, (rows, athletes))| (kind, rows, athletes.len() as u64))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(kind: &'static str, athlete_id: &str) -> Note {
        Note {
            athlete_id: athlete_id.to_string(),
            ..Note::file(kind, "f.csv", 0, String::new())
        }
    }

    #[test]
    fn counts_rows_and_distinct_athletes_per_kind_in_kind_order() {
        let notes = [
            note("overlap", "A"),
            note("overlap", "A"),
            note("overlap", "B"),
            note("date_only", ""),
        ];
        assert_eq!(
            quality_counts(&notes),
            [("date_only", 1, 0), ("overlap", 3, 2)]
        );
    }
}
