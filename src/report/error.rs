//! `ReportError`: why a report could not be written (the folder, a table,
//! a plot or PDF file, a PDF that cannot be made).

use std::io;

use thiserror::Error;

use super::pdf::PdfError;

/// A report that could not be written.
#[derive(Debug, Error)]
pub(crate) enum ReportError {
    /// The report folder cannot be made or swapped into place.
    #[error("cannot write report folder {path}")]
    Folder {
        /// Folder path.
        path: String,
        /// The I/O error.
        source: io::Error,
    },
    /// A Parquet table cannot be built or written.
    #[error("cannot write {path}")]
    Table {
        /// File path.
        path: String,
        /// The polars error.
        source: polars::prelude::PolarsError,
    },
    /// A CSV table, a plot or a PDF cannot be written to disk.
    #[error("cannot write {path}")]
    Io {
        /// File path.
        path: String,
        /// The I/O error.
        source: io::Error,
    },
    /// A PDF cannot be made.
    #[error("cannot make {path}")]
    Pdf {
        /// File path.
        path: String,
        /// What went wrong.
        source: PdfError,
    },
}
