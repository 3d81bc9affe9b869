//! Reading one member (a file on disk or an archive entry): detects its
//! format from its content (`format::FORMATS`) and hands it to that
//! format's reader.

use super::batch::{Batch, FileCtx};
use super::container::Member;
use super::format::{Content, FileRead};
use super::formats::detect;
use super::{canonical, limits, text};
use crate::model::{Note, SourceFile};

/// What one file on disk gave (an archive gives several source files).
#[derive(Debug, Default)]
pub(super) struct Part {
    pub(super) files: Vec<SourceFile>,
    pub(super) batch: Batch,
}

/// Detects a member's format from its content and reads its records;
/// what a Parquet file decodes to is taken from the file's `unpacking`.
pub(super) fn read_member(
    member: &Member,
    parquet_child: Option<&std::path::Path>,
    unpacking: &mut limits::Allowance<'_>,
    part: &mut Part,
) {
    let source = part.files.len() as u32;
    let ctx = FileCtx {
        shown: &member.shown,
        id_prefix: &member.id_prefix,
        source,
    };
    let batch = &mut part.batch;
    let bytes = &member.bytes;
    batch.pages = bytes.pages();
    if bytes.is_empty() {
        return batch.reject(
            &ctx,
            0,
            "",
            "empty file; expected a header row and sessions".into(),
        );
    }
    let (format, result) = if let Some(format) = detect(Content::Bytes(bytes)) {
        let file = FileRead {
            ctx: &ctx,
            batch,
            unpacking,
            parquet_child,
        };
        (format, format.read(Content::Bytes(bytes), file))
    } else {
        let decoded = text::decode_paged(bytes, &batch.pages);
        if let std::borrow::Cow::Owned(_) = decoded.text {
            // Decoded into a text of its own: the file's bytes are done with.
            batch.pages.forget(bytes);
        }
        if text::looks_binary(&decoded.text) {
            return batch.reject(
                &ctx,
                0,
                "",
                "binary content that is no format concur reads (no \".FIT\" signature at bytes 8..12, no zip or gzip header); expected a sessions CSV, an export CSV, a FIT file or a .zip/.gz of them".into(),
            );
        }
        if let Some(enc) = decoded.encoding {
            batch.notes.push(Note::file(
                "encoding",
                ctx.shown,
                0,
                format!("read as {enc}, not UTF-8"),
            ));
        }
        let content = Content::Text(&decoded.text);
        let Some(format) = detect(content) else {
            let reason = canonical::not_canonical_reason(&decoded.text);
            return batch.reject(&ctx, 0, "", reason);
        };
        let rows_before = batch.accepted + batch.rejected.len() as u64;
        let file = FileRead {
            ctx: &ctx,
            batch,
            unpacking,
            parquet_child,
        };
        let result = format.read(content, file);
        let nothing = batch.accepted + batch.rejected.len() as u64 == rows_before;
        if result.is_ok() && nothing && header_only(&decoded.text) {
            let reason =
                "only a header line, no rows; expected one row per session after the header";
            batch.reject(&ctx, 0, "", reason.into());
        }
        (format, result)
    };
    if let Err(reason) = result {
        batch.reject(&ctx, 0, "", reason);
    }
    batch.finish_file(&ctx);
    batch.pages = Default::default();
    part.files.push(SourceFile {
        path: member.shown.clone(),
        format: format.kind(),
    });
}

/// Whether a text has at most one non-blank line (a header and nothing else).
fn header_only(text: &str) -> bool {
    text.lines().filter(|l| !l.trim().is_empty()).count() <= 1
}
