//! What `concur generate` is asked for and gives: the spec of a season,
//! its shape, where its files go and what was written; shared by the tidy
//! writer (`mod.rs`) and the exported shape (`exported.rs`).

use std::io::{self, Write};

use chrono::NaiveDate;

/// The header of every generated canonical sessions CSV.
pub(super) const SESSIONS_HEADER: &[u8] =
    b"session_id,athlete_id,start,duration_min,modality,sport,sub_sport,rpe,to_failure,notes\n";

/// What season to generate.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GenSpec {
    /// Number of athletes, spread over the groups.
    pub(crate) athletes: usize,
    /// Number of groups, at least 4 (the command refuses fewer): the four kinds of
    /// athletes repeated, the copies named `sprinters-2`, `distance-2`...
    pub(crate) groups: usize,
    /// Number of weeks in the season.
    pub(crate) weeks: usize,
    /// Generator seed: the same spec gives byte-identical files.
    pub(crate) seed: u64,
    /// First day of the season, a Monday (the CLI passes 2026-01-05).
    pub(crate) start: NaiveDate,
    /// The shape of the files.
    pub(crate) shape: Shape,
}

/// The shape of a generated season's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Shape {
    /// One file per group, rows by athlete and time.
    #[default]
    Tidy,
    /// One `sessions.csv` as concatenated exports are: rows in a random
    /// order, second-device copies, rows to reject (`exported.rs`).
    Exported,
}

/// Where generated files go; the report writer implements it for a folder.
pub(crate) trait GenSink {
    /// Opens `rel_path` (forward slashes, relative to the output folder) for writing.
    fn file(&mut self, rel_path: &str) -> io::Result<Box<dyn Write + '_>>;
}

/// Counts of what was generated.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GenStats {
    /// Athletes in the roster.
    pub(crate) athletes: usize,
    /// Session rows over all session files (in the exported shape the
    /// second-device copies and the rows meant to be rejected too).
    pub(crate) sessions: u64,
    /// Files written, the roster included.
    pub(crate) files: usize,
}
