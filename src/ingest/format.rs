//! What an input format is: one module with a unit struct implementing
//! [`Format`] (recognise the content, read it into raw records). The list
//! of formats is `formats::FORMATS`.

use std::path::Path;

use super::batch::{Batch, FileCtx};
use super::limits::Allowance;
use crate::model::SourceFormat;

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
    pub(crate) ctx: &'r FileCtx<'r>,
    /// Where accepted records, rejections and notes go.
    pub(crate) batch: &'r mut Batch,
    /// What the file may still unpack or decode into memory.
    pub(crate) unpacking: &'r mut Allowance<'a>,
    /// The binary that decodes Parquet in a child process, if any.
    pub(crate) parquet_child: Option<&'r Path>,
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

/// The bytes of a binary format's content (`Err` for text: a format is
/// only handed what it recognised).
pub(crate) fn bytes(content: Content<'_>) -> Result<&[u8], String> {
    match content {
        Content::Bytes(bytes) => Ok(bytes),
        Content::Text(_) => Err("internal: a binary format was handed text".into()),
    }
}

/// A format read from decoded text (the CSV exports): its module's
/// `sniff` (usually its header) and `read` (records into the batch, as
/// [`Format::read`] says).
pub(crate) struct TextFormat {
    /// The format's name in reports, and how much its records tell.
    pub(crate) kind: SourceFormat,
    /// Whether a text is this format.
    pub(crate) sniff: fn(&str) -> bool,
    /// Reads a text of this format.
    pub(crate) read: fn(&str, &FileCtx, &mut Batch) -> Result<(), String>,
}

impl Format for TextFormat {
    fn kind(&self) -> SourceFormat {
        self.kind
    }

    fn sniff(&self, content: Content<'_>) -> bool {
        matches!(content, Content::Text(text) if (self.sniff)(text))
    }

    fn read(&self, content: Content<'_>, file: FileRead<'_, '_>) -> Result<(), String> {
        match content {
            Content::Text(text) => (self.read)(text, file.ctx, file.batch),
            Content::Bytes(_) => Err("internal: a text format was handed bytes".into()),
        }
    }
}
