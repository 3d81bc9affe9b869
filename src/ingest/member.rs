//! Reading one member (a file on disk or an archive entry): detects its
//! format from its content and hands it to that format's reader.

use super::container::Member;
use super::{
    canonical, fit, fitcsv, garmin, limits, parquet, strava, text, trainingpeaks, Batch, FileCtx,
    Part,
};
use crate::model::{Note, SourceFile, SourceFormat};

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
    let (format, result) = if fit::is_fit(bytes) {
        (SourceFormat::Fit, fit::read(bytes, &ctx, batch))
    } else if parquet::is_parquet(bytes) {
        (
            SourceFormat::CanonicalParquet,
            parquet::read(bytes, &ctx, parquet_child, unpacking, batch),
        )
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
        let Some(format) = detect_text(&decoded.text) else {
            let reason = canonical::not_canonical_reason(&decoded.text);
            return batch.reject(&ctx, 0, "", reason);
        };
        let rows_before = batch.accepted + batch.rejected.len() as u64;
        let result = read_text(format, &decoded.text, &ctx, batch);
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
        format,
    });
}

/// Whether a text has at most one non-blank line (a header and nothing else).
fn header_only(text: &str) -> bool {
    text.lines().filter(|l| !l.trim().is_empty()).count() <= 1
}

/// The text format a file's content matches, most specific first.
fn detect_text(text: &str) -> Option<SourceFormat> {
    type Sniffer = fn(&str) -> bool;
    let formats: [(SourceFormat, Sniffer); 5] = [
        (SourceFormat::Canonical, canonical::sniff),
        (SourceFormat::FitCsv, fitcsv::sniff),
        (SourceFormat::Strava, strava::sniff),
        (SourceFormat::TrainingPeaks, trainingpeaks::sniff),
        (SourceFormat::GarminConnect, garmin::sniff),
    ];
    formats
        .into_iter()
        .find(|(_, sniff)| sniff(text))
        .map(|(f, _)| f)
}

fn read_text(
    format: SourceFormat,
    text: &str,
    ctx: &FileCtx,
    batch: &mut Batch,
) -> Result<(), String> {
    match format {
        SourceFormat::Canonical => canonical::read(text, ctx, batch),
        SourceFormat::FitCsv => fitcsv::read(text, ctx, batch),
        SourceFormat::Strava => strava::read(text, ctx, batch),
        SourceFormat::TrainingPeaks => trainingpeaks::read(text, ctx, batch),
        SourceFormat::GarminConnect => garmin::read(text, ctx, batch),
        SourceFormat::Fit | SourceFormat::CanonicalParquet => {
            Err("internal: not a text format".into())
        }
    }
}
