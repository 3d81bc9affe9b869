//! Reading the inputs: finds the files under the paths given, opens archives,
//! reads the roster, detects each log's format from its content and turns its
//! records into raw sessions. The only stage that reads files (besides the
//! rules file in `config`).

mod batch;
pub(crate) mod bytes;
pub(crate) mod canonical;
pub(crate) mod columns;
pub(crate) mod container;
pub(crate) mod discover;
mod error;
pub(crate) mod fit;
pub(crate) mod fitcsv;
pub(crate) mod fitnotes;
mod format;
mod formats;
pub(crate) mod garmin;
pub(crate) mod guard;
mod gym;
pub(crate) mod hevy;
#[cfg(test)]
mod hostile;
pub(crate) mod intervals;
pub(crate) mod limits;
mod member;
mod month_names;
mod numeric_dates;
pub(crate) mod parquet;
pub(crate) mod records;
pub(crate) mod roster;
mod rows;
pub(crate) mod sources;
pub(crate) mod split;
pub(crate) mod strava;
pub(crate) mod strong;
pub(crate) mod text;
pub(crate) mod timefmt;
pub(crate) mod trainingpeaks;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::InputLimit;
use crate::progress::Progress;

use crate::model::{Note, Origin, Rejection, Roster, Session, SourceFile, StrengthDetail};
use container::Member;
use discover::{discover, shown, Found};
use member::{read_member, Part};
use sources::SourceMap;

pub(crate) use batch::{Batch, Convert, FileCtx};
pub(crate) use error::IngestError;

/// How to read: values from the plan, passed in (no process-wide settings).
#[derive(Debug, Clone)]
pub struct Options {
    /// Most input read into memory: files on disk and unpacked members.
    pub(crate) input_limit: InputLimit,
    /// Decode each Parquet file in a child process started from this binary
    /// (the `concur` executable, see `parquet::child`); `None` decodes in
    /// this process (tests, the example).
    pub(crate) parquet_child: Option<PathBuf>,
}

impl Options {
    /// The limit derived from this machine's memory, Parquet decoded in this process.
    pub fn in_process() -> Options {
        Options {
            input_limit: InputLimit::from_system(),
            parquet_child: None,
        }
    }
}

/// Everything read from the inputs.
#[derive(Default)]
pub(crate) struct Ingested {
    /// The roster (empty if none).
    pub(crate) roster: Roster,
    /// Every log file that yielded records, indexed by `Origin::file`.
    pub(crate) files: Vec<SourceFile>,
    /// Sessions converted while reading, one list per file on disk (or
    /// chunk of a large file), in discovery order: kept apart so that
    /// classify joins them with one copy.
    pub(crate) converted: Vec<Vec<Session>>,
    /// Strength details of the converted sessions that have one, by origin.
    pub(crate) strength_details: Vec<(Origin, StrengthDetail)>,
    /// Records and files not accepted.
    pub(crate) rejected: Vec<Rejection>,
    /// Data-quality notes.
    pub(crate) notes: Vec<Note>,
}

impl Ingested {
    /// Number of accepted records.
    pub(crate) fn session_count(&self) -> usize {
        self.converted.iter().map(Vec::len).sum()
    }
}

/// Files up to this size are never split into chunks read in parallel
/// (files without quotes are split from this size on).
const MIN_SPLIT_BYTES: u64 = 16 << 20;

/// Inputs found and the roster read, the logs not yet.
pub(crate) struct Opened {
    ingested: Ingested,
    logs: Vec<Found>,
    /// Bytes of each log file on disk.
    log_sizes: Vec<u64>,
    budget: limits::Budget,
    explicit_roster: Option<PathBuf>,
    parquet_child: Option<PathBuf>,
}

/// Finds the log files under `inputs` (skipping `out_dir`), checks their
/// sizes against the input limit and reads the roster.
pub(crate) fn open(
    inputs: &[PathBuf],
    roster_path: Option<&Path>,
    out_dir: &Path,
    options: &Options,
) -> Result<Opened, IngestError> {
    let mut ingested = Ingested::default();
    let found = discover(inputs, out_dir)?;
    let (logs, rosters) = (found.logs, found.rosters);
    for report in &found.reports {
        let detail = "not read: a concur report folder (it holds .concur-report)".to_string();
        ingested
            .notes
            .push(Note::file("concur_report_skipped", report, 0, detail));
    }
    let roster_files: Vec<(PathBuf, String)> = match roster_path {
        Some(path) => {
            for skipped in &rosters {
                let detail = format!("not read: --roster {} was given", path.display());
                ingested
                    .notes
                    .push(Note::file("roster_ignored", &skipped.shown, 0, detail));
            }
            vec![(path.to_path_buf(), shown(path))]
        }
        None => rosters.into_iter().map(|f| (f.path, f.shown)).collect(),
    };
    let budget = limits::Budget::new(options.input_limit);
    let sizes = logs.iter().map(|f| (f.shown.clone(), &f.path));
    let sizes = sizes.chain(roster_files.iter().map(|(p, s)| (s.clone(), p)));
    let sizes: Vec<(String, u64)> = sizes
        .map(|(shown, p)| (shown, std::fs::metadata(p).map_or(0, |m| m.len())))
        .collect();
    limits::files_fit(&budget, &sizes).map_err(IngestError::TooLarge)?;
    for (path, shown) in &roster_files {
        let bytes = budget
            .read_file(path)
            .map_err(|message| IngestError::RosterIo {
                path: shown.clone(),
                message,
            })?;
        roster::read_roster(&bytes, shown, &mut ingested.roster, &mut ingested.notes)?;
    }
    let log_sizes = sizes.iter().take(logs.len()).map(|&(_, b)| b).collect();
    Ok(Opened {
        ingested,
        logs,
        log_sizes,
        budget,
        explicit_roster: roster_path.and_then(|p| p.canonicalize().ok()),
        parquet_child: options.parquet_child.clone(),
    })
}

impl Opened {
    /// The roster read.
    pub(crate) fn roster(&self) -> &Roster {
        &self.ingested.roster
    }

    /// Reads every log file, in parallel; `convert` turns records into
    /// sessions chunk by chunk while they are read, so the raw records of
    /// all files never exist at once.
    pub(crate) fn read(
        self,
        progress: &Progress,
        convert: Arc<dyn Convert>,
    ) -> Result<Ingested, IngestError> {
        let Opened {
            mut ingested,
            logs,
            log_sizes,
            budget,
            explicit_roster,
            parquet_child,
        } = self;
        // Every file may unpack what the files on disk leave of the limit, known
        // now, so no refusal depends on which files other threads read first.
        let allowance = budget.remaining();
        let source_map = SourceMap::new(&ingested.roster)?;
        progress.stage("reading files", logs.len() as u64);
        // A file larger than its share of the threads is read in parallel
        // chunks, and so is one without quotes from `MIN_SPLIT_BYTES` on
        // (cut at line ends for free, so that whole files do not leave a
        // thread idle at the end); smaller files keep the threads busy.
        let threads = rayon::current_num_threads().max(1) as u64;
        debug_assert_eq!(log_sizes.len(), logs.len(), "a size per log file");
        let log_bytes: u64 = log_sizes.iter().sum();
        let split_bytes = (log_bytes / threads).max(MIN_SPLIT_BYTES) as usize;
        // Files are read and parsed in parallel, each into its own part; the parts
        // are joined in discovery order, so the result does not depend on threads.
        // A thread that is free takes the largest file left (`largest_first`):
        // whole files of uneven sizes then end at nearly the same time. Handed
        // out in discovery order, they could leave one thread reading a large
        // file alone at the end.
        let parts: Vec<(usize, Part)> = largest_first(&log_sizes)
            .into_iter()
            .par_bridge()
            .map(|i| {
                let found = &logs[i];
                let mut part = Part {
                    files: Vec::new(),
                    batch: Batch::converting(convert.clone()),
                };
                part.batch.split_bytes = split_bytes;
                part.batch.split_quote_free_bytes = MIN_SPLIT_BYTES as usize;
                if explicit_roster.is_none() || found.path.canonicalize().ok() != explicit_roster {
                    let mut unpacking = limits::Allowance::new(&budget, allowance);
                    let reading = Reading {
                        source_map: &source_map,
                        budget: &budget,
                        parquet_child: parquet_child.as_deref(),
                    };
                    read_log(found, &reading, &mut unpacking, &mut part);
                    // The file's bytes are freed: hand them back while other files are read.
                    crate::memory::release();
                }
                progress.step();
                (i, part)
            })
            .collect();
        let parts = in_discovery_order(parts);
        if budget.overflowed() {
            let reason = limits::unpacked_too_much(allowance, &budget.limit());
            return Err(IngestError::TooLarge(reason));
        }
        join_parts(&mut ingested, parts);
        ingested.notes.extend(source_map.unmatched());
        Ok(ingested)
    }
}

/// Indices of files of these sizes, the largest first (ties in discovery order).
fn largest_first(sizes: &[u64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    order
}

/// The parts of files read in any order, by their file's index.
fn in_discovery_order<T>(mut parts: Vec<(usize, T)>) -> Vec<T> {
    parts.sort_unstable_by_key(|&(i, _)| i);
    parts.into_iter().map(|(_, part)| part).collect()
}

/// Appends the parts read from each file, renumbering their file indices.
fn join_parts(ingested: &mut Ingested, parts: Vec<Part>) {
    for part in parts {
        let offset = ingested.files.len() as u32;
        ingested.files.extend(part.files);
        let batch = part.batch;
        debug_assert!(
            batch.sessions.is_empty(),
            "a converting batch keeps no records"
        );
        let segments = batch.segments.into_iter().chain([batch.converted]);
        for mut converted in segments.filter(|c| !c.is_empty()) {
            for s in &mut converted {
                s.origin = s.origin.after_files(offset);
            }
            ingested.converted.push(converted);
        }
        let details = batch.strength_details.into_iter();
        let details = details.map(|(origin, detail)| (origin.after_files(offset), detail));
        ingested.strength_details.extend(details);
        ingested.rejected.extend(batch.rejected);
        ingested.notes.extend(batch.notes);
    }
}

/// What every file of a run is read with.
struct Reading<'a> {
    source_map: &'a SourceMap,
    budget: &'a limits::Budget,
    parquet_child: Option<&'a Path>,
}

/// Reads one file on disk (an archive gives several members).
fn read_log(
    found: &Found,
    reading: &Reading<'_>,
    unpacking: &mut limits::Allowance<'_>,
    part: &mut Part,
) {
    let Reading {
        source_map, budget, ..
    } = *reading;
    if budget.overflowed() {
        // The run stops anyway: spend no more memory.
        return;
    }
    // Before the file is read, so that a pattern matching only a file that
    // cannot be read still counts as matching.
    let athlete = source_map.athlete_of(found);
    let bytes = match budget.read_file(&found.path) {
        Ok(b) => b,
        Err(reason) => return reject_file(&mut part.batch, &found.shown, reason),
    };
    let (mut members, mut broken) = (Vec::new(), Vec::new());
    let top = Member {
        shown: found.shown.clone(),
        id_prefix: found.id_prefix.clone(),
        bytes,
    };
    container::expand(top, unpacking, &mut members, &mut broken);
    for b in broken {
        reject_file(&mut part.batch, &b.shown, b.reason);
    }
    for member in members {
        part.batch.start_file(athlete);
        read_member(&member, reading.parquet_child, unpacking, part);
    }
}

fn reject_file(batch: &mut Batch, shown: &str, reason: String) {
    batch.rejected.push(Rejection {
        source_file: shown.to_string(),
        line: 0,
        column: String::new(),
        reason: crate::model::clip(reason),
    });
}

#[cfg(test)]
mod tests;
