//! The input formats as one table. Each format is one module with a unit
//! struct implementing [`Format`] (recognise the content, read it into raw
//! records); [`FORMATS`] lists them in the order they are tried. Adding a
//! format is one new module and one line here (README, "Adding an input
//! format").
//!
//! A file is first offered to every format as bytes (binary formats
//! recognise their signature), then decoded to text (UTF-8, Windows-1252,
//! UTF-16) and offered again as text, most specific format first.

use std::path::Path;

use super::limits::Allowance;
use super::{canonical, fit, fitcsv, garmin, parquet, strava, trainingpeaks, Batch, FileCtx};
use crate::model::SourceFormat;

/// The formats, in the order they are tried: binary ones first, then the
/// text formats from the most specific header to the most general (the
/// canonical CSV's two required columns also appear in other exports).
pub(super) const FORMATS: [&dyn Format; 7] = [
    &fit::Fit,
    &parquet::Parquet,
    &canonical::Canonical,
    &fitcsv::FitCsv,
    &strava::Strava,
    &trainingpeaks::TrainingPeaks,
    &garmin::GarminConnect,
];

/// What a format is offered: the file's bytes, or its decoded text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Content<'a> {
    /// The bytes as stored (after unpacking an archive).
    Bytes(&'a [u8]),
    /// The text, decoded to UTF-8.
    Text(&'a str),
}

/// Everything a format's reader is handed besides the content.
pub(crate) struct FileRead<'r, 'a> {
    /// Where the records come from.
    pub ctx: &'r FileCtx<'r>,
    /// Where accepted records, rejections and notes go.
    pub batch: &'r mut Batch,
    /// What the file may still unpack or decode into memory.
    pub unpacking: &'r mut Allowance<'a>,
    /// The binary that decodes Parquet in a child process, if any.
    pub parquet_child: Option<&'r Path>,
}

/// One input format.
pub(crate) trait Format: Sync {
    /// The format's name in reports, and how much its records tell.
    fn kind(&self) -> SourceFormat;

    /// Whether the content is this format. Binary formats answer for
    /// [`Content::Bytes`], text formats for [`Content::Text`]; each says
    /// no to the other.
    fn sniff(&self, content: Content<'_>) -> bool;

    /// Reads the content's records into `file.batch`: each bad row is
    /// rejected there with its line and column; `Err` rejects the whole
    /// file with the reason.
    fn read(&self, content: Content<'_>, file: FileRead<'_, '_>) -> Result<(), String>;
}

/// The format that recognises `content`, if any.
pub(super) fn detect(content: Content<'_>) -> Option<&'static dyn Format> {
    FORMATS.into_iter().find(|f| f.sniff(content))
}

/// The bytes of a binary format's content (`Err` for text: a format is
/// only handed what it recognised).
pub(crate) fn bytes(content: Content<'_>) -> Result<&[u8], String> {
    match content {
        Content::Bytes(bytes) => Ok(bytes),
        Content::Text(_) => Err("internal: a binary format was handed text".into()),
    }
}

/// A format read from decoded text (the CSV exports): implementing this
/// implements [`Format`].
pub(crate) trait TextFormat: Sync {
    /// The format's name in reports, and how much its records tell.
    const KIND: SourceFormat;

    /// Whether the text is this format (its header, usually).
    fn sniff_text(&self, text: &str) -> bool;

    /// Reads the text's records into `batch` (see [`Format::read`]).
    fn read_text(&self, text: &str, ctx: &FileCtx, batch: &mut Batch) -> Result<(), String>;
}

impl<T: TextFormat> Format for T {
    fn kind(&self) -> SourceFormat {
        T::KIND
    }

    fn sniff(&self, content: Content<'_>) -> bool {
        matches!(content, Content::Text(text) if self.sniff_text(text))
    }

    fn read(&self, content: Content<'_>, file: FileRead<'_, '_>) -> Result<(), String> {
        match content {
            Content::Text(text) => self.read_text(text, file.ctx, file.batch),
            Content::Bytes(_) => Err("internal: a text format was handed bytes".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_its_own_name() {
        let mut names: Vec<&str> = FORMATS.iter().map(|f| f.kind().as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FORMATS.len());
    }

    #[test]
    fn text_formats_refuse_bytes_and_binary_formats_refuse_text() {
        let csv = "athlete_id,start,duration_min\na,2026-03-02,30\n";
        assert_eq!(
            detect(Content::Bytes(csv.as_bytes())).map(|f| f.kind()),
            None
        );
        assert_eq!(
            detect(Content::Text(csv)).map(|f| f.kind()),
            Some(canonical::FORMAT)
        );
        assert_eq!(detect(Content::Text("PAR1")).map(|f| f.kind()), None);
        assert_eq!(
            detect(Content::Bytes(b"PAR1....")).map(|f| f.kind()),
            Some(parquet::FORMAT)
        );
    }
}
