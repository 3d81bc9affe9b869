//! The FIT messages as FitCSVTool writes them, which both forms (long and
//! wide) are read into, and the CSV reader of its files.

/// The FIT messages this reader uses; all others are skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `file_id`: says what kind of FIT file it was (activity, workout...).
    FileId,
    /// `activity`: carries the local time that gives the UTC offset.
    Activity,
    /// `session`: one sport of an activity; becomes one session.
    Session,
    /// `set`: one strength set (or rest).
    Set,
}

impl Kind {
    /// The kind of a FIT message name as FitCSVTool writes it.
    pub(super) fn from_name(name: &str) -> Option<Kind> {
        match name {
            "file_id" => Some(Kind::FileId),
            "activity" => Some(Kind::Activity),
            "session" => Some(Kind::Session),
            "set" => Some(Kind::Set),
            _ => None,
        }
    }
}

/// One FIT Data message as written in the CSV.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Message {
    /// What the message is.
    pub(super) kind: Kind,
    /// CSV line the message starts on (1 = header).
    pub(super) line: u64,
    /// Field names and trimmed values, in the order written.
    pub(super) fields: Vec<(String, String)>,
}

impl Message {
    /// The first non-empty value of a field (names such as `unknown` repeat).
    pub(super) fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(name, value)| name == field && !value.is_empty())
            .map(|(_, value)| value.as_str())
    }
}

/// A reader of FitCSVTool's comma-separated, ragged rows (BOM removed).
///
/// Records end at `\n` only: with CRLF the csv crate otherwise dates each
/// record from the line before. The `\r` it leaves on the last value goes
/// with the trimming every value gets.
pub(super) fn csv_reader(text: &str, has_headers: bool) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(has_headers)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
}

/// The first record of a text as trimmed cells.
pub(super) fn first_record(text: &str) -> Vec<String> {
    let mut reader = csv_reader(text, false);
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record.iter().map(|c| c.trim().to_string()).collect(),
        _ => Vec::new(),
    }
}
