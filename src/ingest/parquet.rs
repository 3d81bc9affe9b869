//! Parquet files in the canonical sessions schema (README "Other formats"):
//! the canonical CSV's columns, read with polars. Each row's cells are written
//! out as the text a CSV would hold and checked by the CSV reader's own row
//! rules, so a value is accepted, noted or rejected exactly as in a CSV,
//! within the same row and value length limits. What a file decodes to is
//! judged from its metadata before decoding and taken from the file's
//! allowance of the input limit, so a small file that decodes huge is
//! refused unread.

use super::batch::{Batch, FileCtx};
use super::canonical::{parse_row, Columns};
use super::columns::row_problem;
use super::columns::{Fields, Header};
use super::format::{Content, FileRead, Format};
use super::limits::Allowance;
use crate::model::SourceFormat;
use table::{load, Cells};

/// A Parquet file with the canonical sessions CSV's columns.
pub(crate) struct Parquet;

/// The format's name in reports.
pub(crate) const KIND: SourceFormat = SourceFormat::new("canonical_parquet", 1);

impl Format for Parquet {
    fn kind(&self) -> SourceFormat {
        KIND
    }

    fn sniff(&self, content: Content<'_>) -> bool {
        matches!(content, Content::Bytes(bytes) if is_parquet(bytes))
    }

    fn read(&self, content: Content<'_>, file: FileRead<'_, '_>) -> Result<(), String> {
        let bytes = super::format::bytes(content)?;
        read(
            bytes,
            file.ctx,
            file.parquet_child,
            file.unpacking,
            file.batch,
        )
    }
}

/// Whether the bytes are a Parquet file (the `PAR1` magic).
pub(crate) fn is_parquet(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PAR1")
}

/// Reads a canonical Parquet file into `batch`; `Err` rejects the whole file.
///
/// A row's `line` is its 1-based row number in the file; what the file
/// decodes to is taken from `allowance` first. With `child_exe` the file is
/// decoded in a child process of that binary (see `child`).
pub(crate) fn read(
    bytes: &[u8],
    ctx: &FileCtx,
    child_exe: Option<&std::path::Path>,
    allowance: &mut Allowance<'_>,
    batch: &mut Batch,
) -> Result<(), String> {
    if let Some(exe) = child_exe {
        return child::read(exe, bytes, ctx, allowance, batch);
    }
    // polars reports damaged files as errors; a panic inside it must not end the run.
    let table = super::guard::catch_quietly(|| load(bytes, allowance))
        .unwrap_or_else(|| Err("the Parquet reader failed on this file".into()))?;
    let Some((header, cols, cells)) = table else {
        return Ok(());
    };
    let rows = cells.first().map_or(0, |(_, c)| c.len());
    let (mut record, mut text) = (csv::StringRecord::new(), String::new());
    let mut empty_rows = 0u64;
    for row in 0..rows {
        row_record(&header, &cells, row, &mut record, &mut text);
        take_row(&record, &cols, ctx, row as u64 + 1, batch, &mut empty_rows);
    }
    batch.note_empty_rows(ctx, empty_rows);
    Ok(())
}

/// Row `row`'s cells as CSV text, one field per header column (empty for
/// the columns not read).
fn row_record(
    header: &Header,
    cells: &[(usize, Cells)],
    row: usize,
    record: &mut csv::StringRecord,
    text: &mut String,
) {
    record.clear();
    let mut next = cells.iter().peekable();
    for index in 0..header.raw.len() {
        text.clear();
        if let Some((_, column)) = next.next_if(|(i, _)| *i == index) {
            column.write(row, text);
        }
        record.push_field(text);
    }
}

/// Checks row `row_no` by the CSV reader's rules and keeps, counts or rejects it.
fn take_row(
    record: &impl Fields,
    cols: &Columns,
    ctx: &FileCtx,
    row_no: u64,
    batch: &mut Batch,
    empty_rows: &mut u64,
) {
    if let Some(reason) = row_problem(record) {
        return batch.reject(ctx, row_no, "", reason);
    }
    if (0..record.count()).all(|i| record.cell(i).is_none_or(|f| f.trim().is_empty())) {
        *empty_rows += 1;
        return;
    }
    match parse_row(record, cols, ctx, row_no, row_no, batch) {
        Ok(session) => batch.push(ctx, session),
        Err((column, reason)) => batch.reject(ctx, row_no, column, reason),
    }
}

pub(crate) mod child;
mod table;
#[cfg(test)]
mod tests;
