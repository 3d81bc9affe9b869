//! Reading the inputs: finds the files under the paths given, opens archives,
//! reads the roster, detects each log's format from its content and turns its
//! records into raw sessions. The only stage that reads files (besides the
//! rules file in `config`).

pub mod canonical;
pub mod columns;
pub mod container;
pub mod discover;
pub mod fit;
pub mod fitcsv;
pub mod garmin;
pub mod parquet;
pub mod roster;
pub mod sources;
pub mod strava;
pub mod text;
pub mod timefmt;
pub mod trainingpeaks;

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::progress::Progress;

use crate::model::{Note, RawSession, Rejection, Roster, SourceFile, SourceFormat};
use container::Member;
use discover::{discover, shown, Found};
use sources::SourceMap;

/// A problem that stops the run before any work.
#[derive(Debug, Error)]
pub enum IngestError {
    /// An input path does not exist.
    #[error("input '{0}' does not exist; expected a file or folder of session logs")]
    Missing(String),
    /// The roster cannot be read.
    #[error("cannot read roster {path}: {source}")]
    RosterIo {
        /// Roster path.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A roster row or header is invalid.
    #[error("roster {path}, line {line}{}: {message}", if column.is_empty() { String::new() } else { format!(", column {column}") })]
    Roster {
        /// Roster path.
        path: String,
        /// Line of the problem (1 = header).
        line: u64,
        /// Column of the problem, if one.
        column: String,
        /// What was wrong and what was expected.
        message: String,
    },
}

/// Where the records of one file come from.
#[derive(Debug, Clone, Copy)]
pub struct FileCtx<'a> {
    /// The file's path as shown to the user.
    pub shown: &'a str,
    /// Prefix for derived session ids: path relative to its input.
    pub id_prefix: &'a str,
    /// Index of the file in the run's file list.
    pub source: u32,
}

/// Sessions, rejections and notes gathered from inputs.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// Accepted records, in input order.
    pub sessions: Vec<RawSession>,
    /// Records and files not accepted.
    pub rejected: Vec<Rejection>,
    /// Data-quality notes.
    pub notes: Vec<Note>,
}

impl Batch {
    /// Notes how many all-empty rows of a file were skipped (none: no note).
    pub fn note_empty_rows(&mut self, ctx: &FileCtx, empty_rows: u64) {
        if empty_rows > 0 {
            let detail = format!("{empty_rows} empty row(s) skipped");
            self.notes
                .push(Note::file("empty_rows", ctx.shown, 0, detail));
        }
    }

    /// Records a rejected record (line > 0) or file (line 0).
    pub fn reject(&mut self, ctx: &FileCtx, line: u64, column: &str, reason: String) {
        self.rejected.push(Rejection {
            source_file: ctx.shown.to_string(),
            line,
            column: column.to_string(),
            reason,
        });
    }
}

/// Everything read from the inputs.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    /// The roster (empty if none).
    pub roster: Roster,
    /// Every log file that yielded records, indexed by `RawSession::source`.
    pub files: Vec<SourceFile>,
    /// Records, rejections and notes.
    pub batch: Batch,
}

/// Reads the roster and every log file under `inputs`, skipping `out_dir`.
pub fn ingest(
    inputs: &[PathBuf],
    roster_path: Option<&Path>,
    out_dir: &Path,
    progress: &Progress,
) -> Result<Ingested, IngestError> {
    let mut ingested = Ingested::default();
    let (logs, rosters) = discover(inputs, out_dir)?;
    let roster_files: Vec<(PathBuf, String)> = match roster_path {
        Some(path) => {
            for skipped in &rosters {
                let detail = format!("not read: --roster {} was given", path.display());
                ingested
                    .batch
                    .notes
                    .push(Note::file("roster_ignored", &skipped.shown, 0, detail));
            }
            vec![(path.to_path_buf(), shown(path))]
        }
        None => rosters.into_iter().map(|f| (f.path, f.shown)).collect(),
    };
    for (path, shown) in &roster_files {
        let bytes = std::fs::read(path).map_err(|source| IngestError::RosterIo {
            path: shown.clone(),
            source,
        })?;
        roster::read_roster(
            &bytes,
            shown,
            &mut ingested.roster,
            &mut ingested.batch.notes,
        )?;
    }
    let source_map = SourceMap::new(&ingested.roster)?;
    let explicit_roster = roster_path.and_then(|p| p.canonicalize().ok());
    progress.stage("reading files", logs.len() as u64);
    for found in logs {
        progress.step();
        if explicit_roster.is_some() && found.path.canonicalize().ok() == explicit_roster {
            continue;
        }
        read_log(&found, &source_map, &mut ingested);
    }
    Ok(ingested)
}

/// Reads one file on disk (an archive gives several members).
fn read_log(found: &Found, source_map: &SourceMap, ingested: &mut Ingested) {
    let bytes = match std::fs::read(&found.path) {
        Ok(b) => b,
        Err(e) => {
            return reject_file(
                &mut ingested.batch,
                &found.shown,
                format!("cannot read the file: {e}"),
            )
        }
    };
    let (mut members, mut broken) = (Vec::new(), Vec::new());
    let top = Member {
        shown: found.shown.clone(),
        id_prefix: found.id_prefix.clone(),
        bytes,
    };
    container::expand(top, &mut members, &mut broken);
    for b in broken {
        reject_file(&mut ingested.batch, &b.shown, b.reason);
    }
    for member in members {
        let first_new = ingested.batch.sessions.len();
        read_member(&member, ingested);
        let athlete = source_map
            .athlete_for(&found.shown)
            .or(found.folder_athlete.as_deref());
        fill_athletes(&mut ingested.batch, first_new, athlete, &member.shown);
    }
}

fn reject_file(batch: &mut Batch, shown: &str, reason: String) {
    batch.rejected.push(Rejection {
        source_file: shown.to_string(),
        line: 0,
        column: String::new(),
        reason,
    });
}

/// Detects a member's format from its content and reads its records.
fn read_member(member: &Member, ingested: &mut Ingested) {
    let source = ingested.files.len() as u32;
    let ctx = FileCtx {
        shown: &member.shown,
        id_prefix: &member.id_prefix,
        source,
    };
    let batch = &mut ingested.batch;
    let bytes = &member.bytes;
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
            parquet::read(bytes, &ctx, batch),
        )
    } else {
        let decoded = text::decode(bytes);
        if text::looks_binary(&decoded.text) {
            return batch.reject(
                &ctx,
                0,
                "",
                "not a CSV, FIT or text file (binary content)".into(),
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
        (format, read_text(format, &decoded.text, &ctx, batch))
    };
    if let Err(reason) = result {
        batch.reject(&ctx, 0, "", reason);
    }
    ingested.files.push(SourceFile {
        path: member.shown.clone(),
        format,
    });
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

/// Gives sessions without an athlete id (formats without such a column) the
/// athlete of their file, or rejects them when there is none.
fn fill_athletes(batch: &mut Batch, first_new: usize, athlete: Option<&str>, shown: &str) {
    if batch.sessions[first_new..]
        .iter()
        .all(|s| !s.athlete_id.is_empty())
    {
        return;
    }
    if let Some(athlete) = athlete {
        for s in batch.sessions[first_new..]
            .iter_mut()
            .filter(|s| s.athlete_id.is_empty())
        {
            s.athlete_id = athlete.to_string();
        }
        return;
    }
    let mut kept = Vec::with_capacity(batch.sessions.len());
    for s in batch.sessions.drain(first_new..) {
        if s.athlete_id.is_empty() {
            batch.rejected.push(Rejection {
                source_file: shown.to_string(),
                line: s.line,
                column: String::new(),
                reason: "no athlete: the format has no athlete column, no roster `sources` pattern matches the file and it is not in an athlete folder".into(),
            });
        } else {
            kept.push(s);
        }
    }
    batch.sessions.extend(kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus_files() -> Vec<PathBuf> {
        let Some(root) = crate::test_support::corpus("") else {
            return Vec::new();
        };
        walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect()
    }

    /// A Strava export (zip) holds the CSV row and the FIT file of one run:
    /// both are read, in memory, and the run counts once, as its FIT record.
    #[test]
    fn strava_export_zip_counts_each_activity_once() {
        use std::io::Write;
        let start = fit::encode::fit_at("2026-03-02T07:00:00Z");
        let fit_bytes = fit::encode::FitFile::new()
            .file_id(4)
            .session(start, 3_600_000, 1, 0)
            .activity(start + 3600, start + 3600 + 3600)
            .bytes();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&fit_bytes).unwrap();
        let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Filename\n\
                   1,\"Mar 2, 2026, 7:00:00 AM\",Morning run,Run,3600,activities/1.fit.gz\n";
        let mut zip_bytes = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut zip_bytes);
            let opts = zip::write::SimpleFileOptions::default();
            w.start_file("activities.csv", opts).unwrap();
            w.write_all(csv.as_bytes()).unwrap();
            w.start_file("activities/1.fit.gz", opts).unwrap();
            w.write_all(&gz.finish().unwrap()).unwrap();
            w.finish().unwrap();
        }
        let tmp = tempfile::TempDir::new().unwrap();
        let anna = tmp.path().join("anna");
        std::fs::create_dir_all(&anna).unwrap();
        std::fs::write(anna.join("export.zip"), zip_bytes.into_inner()).unwrap();
        let ingested = ingest(
            &[tmp.path().to_path_buf()],
            None,
            &tmp.path().join("out"),
            &Progress::hidden(),
        )
        .unwrap();
        assert_eq!(
            ingested.batch.sessions.len(),
            2,
            "{:?}",
            ingested.batch.rejected
        );
        assert!(ingested
            .batch
            .sessions
            .iter()
            .all(|s| s.athlete_id == "anna"));
        let frame =
            crate::classify::classify(ingested, &crate::config::Rules::default(), chrono_tz::UTC);
        assert_eq!(frame.sessions.len(), 1);
        assert_eq!(
            frame.files[frame.sessions[0].source as usize].format,
            SourceFormat::Fit
        );
        assert!(frame.sessions[0]
            .session_id
            .contains("export.zip!activities/1.fit"));
        assert!(frame.notes.iter().any(|n| n.kind == "duplicate_activity"));
    }

    /// Every corpus file, cut at several points and with bytes flipped, is read
    /// without a panic: each cut is either sessions or rejections.
    #[test]
    fn damaged_copies_of_every_corpus_file_never_panic() {
        for path in corpus_files() {
            let bytes = std::fs::read(&path).unwrap();
            let mut variants: Vec<Vec<u8>> = (1..8)
                .map(|k| bytes[..bytes.len() * k / 8].to_vec())
                .collect();
            let mut flipped = bytes.clone();
            for i in (0..flipped.len()).step_by(97) {
                flipped[i] ^= 0x5a;
            }
            variants.push(flipped);
            for (k, variant) in variants.into_iter().enumerate() {
                let mut ingested = Ingested::default();
                let member = Member {
                    shown: format!("{}#{k}", path.display()),
                    id_prefix: "x".into(),
                    bytes: variant,
                };
                let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    read_member(&member, &mut ingested)
                }));
                assert!(caught.is_ok(), "panic on variant {k} of {}", path.display());
            }
        }
    }
}
