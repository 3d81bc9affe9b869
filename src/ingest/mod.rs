//! Reading the inputs: finds the files under the paths given, reads the
//! roster, detects each log's format and turns its rows into raw sessions.
//! The only stage that reads files (besides the rules file in `config`).

pub mod canonical;
pub mod columns;
pub mod roster;
pub mod text;
pub mod timefmt;

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::{Note, RawSession, Rejection, Roster, SourceFile};
use columns::Header;

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

/// Where the rows of one file come from.
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
    /// Accepted rows, in input order.
    pub sessions: Vec<RawSession>,
    /// Rows and files not accepted.
    pub rejected: Vec<Rejection>,
    /// Data-quality notes.
    pub notes: Vec<Note>,
}

impl Batch {
    /// Records a rejected row (line > 0) or file (line 0).
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
    /// Every log file looked at, indexed by `RawSession::source`.
    pub files: Vec<SourceFile>,
    /// Rows, rejections and notes.
    pub batch: Batch,
}

/// A log file found under an input.
#[derive(Debug, Clone)]
struct Found {
    path: PathBuf,
    shown: String,
    id_prefix: String,
}

/// Reads the roster and every log file under `inputs`, skipping `out_dir`.
pub fn ingest(
    inputs: &[PathBuf],
    roster_path: Option<&Path>,
    out_dir: &Path,
) -> Result<Ingested, IngestError> {
    let mut ingested = Ingested::default();
    let (logs, rosters) = discover(inputs, out_dir)?;
    let roster_files: Vec<Found> = match roster_path {
        Some(path) => {
            for skipped in &rosters {
                ingested.batch.notes.push(Note::file(
                    "roster_ignored",
                    &skipped.shown,
                    0,
                    format!("not read: --roster {} was given", path.display()),
                ));
            }
            vec![Found {
                path: path.to_path_buf(),
                shown: shown(path),
                id_prefix: String::new(),
            }]
        }
        None => rosters,
    };
    for found in &roster_files {
        let bytes = std::fs::read(&found.path).map_err(|source| IngestError::RosterIo {
            path: found.shown.clone(),
            source,
        })?;
        roster::read_roster(
            &bytes,
            &found.shown,
            &mut ingested.roster,
            &mut ingested.batch.notes,
        )?;
    }
    let explicit_roster = roster_path.and_then(|p| p.canonicalize().ok());
    for found in logs {
        if explicit_roster.is_some() && found.path.canonicalize().ok() == explicit_roster {
            continue;
        }
        read_log(&found, &mut ingested);
    }
    Ok(ingested)
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Log files and roster files under the inputs, in input order then sorted path order.
fn discover(inputs: &[PathBuf], out_dir: &Path) -> Result<(Vec<Found>, Vec<Found>), IngestError> {
    let out_canonical = out_dir.canonicalize().ok();
    let mut logs = Vec::new();
    let mut rosters = Vec::new();
    for input in inputs {
        if input.is_file() {
            let found = Found {
                path: input.clone(),
                shown: shown(input),
                id_prefix: shown(input),
            };
            if is_roster_name(input) {
                rosters.push(found)
            } else {
                logs.push(found)
            }
            continue;
        }
        if !input.is_dir() {
            return Err(IngestError::Missing(shown(input)));
        }
        let walker = walkdir::WalkDir::new(input)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                let is_out =
                    out_canonical.is_some() && e.path().canonicalize().ok() == out_canonical;
                !hidden && !is_out
            });
        for entry in walker
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let rel = entry.path().strip_prefix(input).unwrap_or(entry.path());
            let found = Found {
                path: entry.path().to_path_buf(),
                shown: shown(entry.path()),
                id_prefix: shown(rel),
            };
            if is_roster_name(entry.path()) {
                rosters.push(found)
            } else {
                logs.push(found)
            }
        }
    }
    Ok((logs, rosters))
}

fn is_roster_name(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case("roster.csv"))
}

/// Reads one log file into `ingested`, rejecting it whole if it cannot be used.
fn read_log(found: &Found, ingested: &mut Ingested) {
    let source = ingested.files.len() as u32;
    let ctx = FileCtx {
        shown: &found.shown,
        id_prefix: &found.id_prefix,
        source,
    };
    let batch = &mut ingested.batch;
    let bytes = match std::fs::read(&found.path) {
        Ok(b) => b,
        Err(e) => return batch.reject(&ctx, 0, "", format!("cannot read the file: {e}")),
    };
    if let Some(reason) = unsupported_binary(&bytes) {
        return batch.reject(&ctx, 0, "", reason);
    }
    let decoded = text::decode(&bytes);
    if text::looks_binary(&decoded.text) {
        return batch.reject(
            &ctx,
            0,
            "",
            "not a CSV or text file (binary content)".into(),
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
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(text::sniff_delimiter(&decoded.text))
        .flexible(true)
        .from_reader(decoded.text.as_bytes());
    let header = match reader.headers() {
        Ok(h) if h.iter().any(|c| !c.trim().is_empty()) => Header::new(h),
        Ok(_) => {
            return batch.reject(
                &ctx,
                0,
                "",
                "empty file; expected a header row and sessions".into(),
            )
        }
        Err(e) => return batch.reject(&ctx, 1, "", format!("unreadable header: {e}")),
    };
    ingested.files.push(SourceFile {
        path: found.shown.clone(),
        format: "canonical_csv",
    });
    if let Err(reason) = canonical::read_canonical(&mut reader, &header, &ctx, batch) {
        batch.reject(&ctx, 0, "", reason);
    }
}

/// A reason to reject a binary format this version does not read yet.
fn unsupported_binary(bytes: &[u8]) -> Option<String> {
    if bytes.is_empty() {
        return Some("empty file; expected a header row and sessions".into());
    }
    let what = if bytes.len() >= 12 && &bytes[8..12] == b".FIT" {
        "a FIT file"
    } else if bytes.starts_with(&[0x1f, 0x8b]) {
        "a gzip file"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "a zip archive"
    } else if bytes.starts_with(b"PAR1") {
        "a Parquet file"
    } else {
        return None;
    };
    Some(format!(
        "{what}: this version reads only sessions CSVs (see README, input formats)"
    ))
}
