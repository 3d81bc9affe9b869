//! What the gym-app readers (Hevy, Strong) share: set rows gathered into
//! workouts by the app's workout key (`workouts`), the values of a set row
//! read alike in every app (`values`), and the columns found by any of
//! their names in a header.

pub(crate) mod values;
pub(crate) mod workouts;

#[cfg(test)]
mod tests;

use super::columns::{normalize_header, Header};

/// A column a gym reader uses: where it is and its name as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Column {
    /// Index in the record.
    pub(crate) index: usize,
    /// Header cell as written, for messages.
    pub(crate) name: String,
}

impl Column {
    /// The first column named any of `names` (compared as normalised
    /// header names), if the header has one.
    pub(crate) fn find(header: &Header, names: &[&str]) -> Option<Column> {
        let index = names
            .iter()
            .find_map(|n| header.find(&normalize_header(n)))?;
        let name = header.raw.get(index).cloned().unwrap_or_default();
        Some(Column { index, name })
    }

    /// The trimmed value of this column in a record ("" when the row is short).
    pub(crate) fn get<'r>(&self, record: &'r csv::StringRecord) -> &'r str {
        super::columns::field(record, Some(self.index))
    }

    /// This column's value in a record read by `read` (handed the value and
    /// the column's name); its error names the column.
    pub(crate) fn read<T>(
        &self,
        record: &csv::StringRecord,
        read: impl FnOnce(&str, &str) -> Result<T, String>,
    ) -> Result<T, RowError<'_>> {
        read(self.get(record), &self.name).map_err(|reason| (self.name.as_str(), reason))
    }
}

/// A row problem: the column (as written in the header) and the reason.
pub(crate) type RowError<'c> = (&'c str, String);

/// An optional column's value read by `read`; `Ok(None)` when the file
/// has no such column.
pub(crate) fn read_optional<'c, T>(
    record: &csv::StringRecord,
    column: &'c Option<Column>,
    read: impl FnOnce(&str, &str) -> Result<Option<T>, String>,
) -> Result<Option<T>, RowError<'c>> {
    column.as_ref().map_or(Ok(None), |c| c.read(record, read))
}

/// The trimmed value of an optional column ("" when absent).
pub(crate) fn value<'r>(record: &'r csv::StringRecord, column: &Option<Column>) -> &'r str {
    column.as_ref().map_or("", |c| c.get(record))
}
