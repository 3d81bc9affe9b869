//! `PdfError`: why a PDF could not be made (a chart's SVG that cannot be
//! read, the PDF writer failing).

use thiserror::Error;

/// A PDF that could not be made.
#[derive(Debug, Error)]
pub(crate) enum PdfError {
    /// A chart's SVG could not be read.
    #[error("chart '{name}' is not valid SVG: {message}")]
    Svg {
        /// Chart name.
        name: String,
        /// What usvg said.
        message: String,
    },
    /// The PDF writer failed.
    #[error("cannot write the PDF: {0}")]
    Write(String),
}
