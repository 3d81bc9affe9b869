//! Hostile input, tested on stable Rust inside `cargo test`: every reader
//! (FIT, each canonical CSV dialect, FitCSVTool, Strava, Garmin Connect,
//! TrainingPeaks, intervals.icu, Hevy, Strong, FitNotes, roster, rules
//! TOML, zip and gzip) is fed cut, bit-flipped, spliced and random versions
//! of small fixtures and of the real corpus files. Each case must end in
//! sessions (or workouts) or reasons: a panic, a case that
//! does not finish within a generous deadline (a hang), or a rejection
//! without a clear reason fails the test, naming the file and the mutation,
//! and the input is saved for replay (see FUZZING.md).
//!
//! A small seeded PRNG keeps runs repeatable. `CONCUR_FUZZ_ITERS` scales
//! the number of cases (default [`DEFAULT_ITERS`]), `CONCUR_FUZZ_SEED`
//! picks other ones.

mod fixtures;
mod mutate;
mod tests;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use super::container::{self, Member};
use super::limits::{Allowance, Budget};
use super::{IngestError, Part};
use crate::config::Rules;
use crate::config::{InputLimit, LimitSource};
use crate::model::Roster;
use fixtures::Kind;

/// Cases of the fixture test in a plain `cargo test` (about a second in debug).
pub(super) const DEFAULT_ITERS: u64 = 1500;
/// How long one case may run before it counts as a hang: far beyond any
/// real case (the largest corpus file reads in well under a second in
/// debug), so only an endless loop reaches it. Not a timing assertion.
const DEADLINE: Duration = Duration::from_secs(120);
/// Input limit of one case: small enough that a bomb is refused quickly.
const CASE_LIMIT_BYTES: u64 = 64 << 20;
/// Longest rejection reason or fatal message accepted: a reason quotes the
/// value it is about, and a value may be long, but a message is for people.
pub(super) const MAX_REASON_CHARS: usize = 1000;

/// `CONCUR_FUZZ_ITERS`, else `default`.
pub(super) fn iterations(default: u64) -> u64 {
    std::env::var("CONCUR_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// `CONCUR_FUZZ_SEED`, else a fixed seed (the same cases every run).
pub(super) fn seed() -> u64 {
    std::env::var("CONCUR_FUZZ_SEED")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0x00C0_FFEE)
}

/// SplitMix64: a tiny, seeded, good-enough generator.
#[derive(Debug, Clone)]
pub(super) struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub(super) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when n is 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// `n` random bytes.
    pub(super) fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }
}

/// What reading one input gave.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    /// Everything a log gave (empty for rosters and rules).
    pub(crate) part: Part,
    /// The message of a fatal error (roster, rules), if any.
    pub(crate) fatal: Option<String>,
}

/// Reads `bytes` named `name` as `kind`, the way a run does.
pub(super) fn read_as(kind: Kind, name: &str, bytes: Vec<u8>) -> Outcome {
    let mut outcome = Outcome::default();
    match kind {
        Kind::Log => {
            let budget = Budget::new(InputLimit {
                bytes: CASE_LIMIT_BYTES,
                origin: LimitSource::Setting,
            });
            let bytes_len = bytes.len();
            let top = Member {
                shown: name.to_string(),
                id_prefix: name.to_string(),
                bytes: bytes.into(),
            };
            let (mut members, mut broken) = (Vec::new(), Vec::new());
            let mut allowance = Allowance::new(&budget, CASE_LIMIT_BYTES);
            container::expand(top, &mut allowance, &mut members, &mut broken);
            let part = &mut outcome.part;
            // Half the cases (by length) read large texts in small parallel
            // chunks, so both ways of reading meet every mutation.
            if bytes_len.is_multiple_of(2) {
                part.batch.split_bytes = 256;
            }
            for b in broken {
                super::reject_file(&mut part.batch, &b.shown, b.reason);
            }
            for member in members {
                // Formats without an athlete column take the file's athlete.
                part.batch.start_file(Some("athlete"));
                super::read_member(&member, None, &mut allowance, part);
            }
        }
        Kind::Roster => {
            let (mut roster, mut notes) = (Roster::default(), Vec::new());
            let result = super::roster::read_roster(&bytes, name, &mut roster, &mut notes);
            outcome.fatal = result.err().map(|e: IngestError| e.to_string());
        }
        Kind::Rules => {
            let text = String::from_utf8_lossy(&bytes);
            outcome.fatal = Rules::from_toml(&text, name).err().map(|e| e.to_string());
        }
    }
    outcome
}

/// Cases in which fitparser panicked and `fit::decode` caught it (a
/// rejection or `fit_damaged` note, never a failure: reported by the tests).
pub(super) static FIT_DECODER_PANICS: AtomicUsize = AtomicUsize::new(0);

/// Problems with what a case gave: rejections without a clear reason.
pub(super) fn check(name: &str, outcome: &Outcome) -> Result<(), String> {
    let batch = &outcome.part.batch;
    let caught = "the FIT decoder failed";
    if batch.rejected.iter().any(|r| r.reason.contains(caught))
        || batch.notes.iter().any(|n| n.detail.contains(caught))
    {
        FIT_DECODER_PANICS.fetch_add(1, Ordering::Relaxed);
    }
    for r in &batch.rejected {
        if !r.source_file.starts_with(name) {
            return Err(format!("rejection of another file: {r:?}"));
        }
        let chars = r.reason.chars().count();
        if r.reason.trim().is_empty() || chars > MAX_REASON_CHARS {
            let head: String = r.reason.chars().take(200).collect();
            return Err(format!(
                "rejection at line {} with an empty or {chars}-character reason: {head}",
                r.line
            ));
        }
    }
    if let Some(fatal) = &outcome.fatal {
        let chars = fatal.chars().count();
        if !fatal.contains(name) || chars > MAX_REASON_CHARS {
            let head: String = fatal.chars().take(200).collect();
            return Err(format!(
                "fatal message of {chars} characters without the file name: {head}"
            ));
        }
    }
    Ok(())
}

/// Runs cases on a worker thread, each caught if it panics and given
/// [`DEADLINE`] to finish.
pub(super) struct Sandbox {
    jobs: mpsc::Sender<Job>,
    results: mpsc::Receiver<Result<(), String>>,
}

type Job = Box<dyn FnOnce() -> Result<(), String> + Send>;

impl Sandbox {
    /// A sandbox with its worker thread.
    pub(super) fn new() -> Sandbox {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (result_tx, results) = mpsc::channel();
        std::thread::spawn(move || {
            for job in job_rx {
                let result = catch_unwind(AssertUnwindSafe(job)).unwrap_or_else(|panic| {
                    let message = panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    Err(format!("panicked: {message}"))
                });
                if result_tx.send(result).is_err() {
                    break;
                }
            }
        });
        Sandbox { jobs, results }
    }

    /// Reads one case and checks it. On a panic, a hang or a failed check
    /// the input is saved and the error names it; after a hang the sandbox
    /// is stuck, so the caller stops there.
    pub(super) fn run(
        &self,
        kind: Kind,
        name: &str,
        what: &str,
        bytes: Vec<u8>,
    ) -> Result<(), String> {
        let (owned_name, input) = (name.to_string(), bytes.clone());
        let job: Job = Box::new(move || check(&owned_name, &read_as(kind, &owned_name, input)));
        self.jobs
            .send(job)
            .map_err(|_| "the sandbox thread is gone".to_string())?;
        let result = match self.results.recv_timeout(DEADLINE) {
            Ok(result) => result,
            Err(_) => Err(format!(
                "did not finish within {DEADLINE:?} (endless loop?)"
            )),
        };
        result.map_err(|problem| {
            let saved = save(name, what, &bytes);
            format!("{name} ({what}): {problem} [input saved to {saved}]")
        })
    }
}

/// Saves a failing input for replay; returns where (or why not).
fn save(name: &str, what: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join("concur-hostile");
    let safe: String = format!("{name}--{what}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(150)
        .collect();
    let path = dir.join(safe);
    match std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&path, bytes)) {
        Ok(()) => path.display().to_string(),
        Err(e) => format!("nowhere: {e}"),
    }
}
