//! The shared vocabulary of the pipeline: modalities, statuses, the roster, and
//! the canonical session record that every input format ends in.

use std::collections::BTreeMap;

/// Inline string for ids and sport names: short ones need no heap allocation per session.
pub use compact_str::CompactString;
use std::fmt;

mod session;
pub use session::{round_half_away, round_to_i64, Marks, Origin, Rpe, Session};

/// What kind of training a session is (RULES.md section 2; `Warmup` is derived).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Modality {
    /// Resistance training.
    Strength,
    /// Running, cycling, rowing, swimming and the like.
    Endurance,
    /// Both at once (HIIT, CrossFit); never paired.
    Mixed,
    /// Anything else; never paired.
    Other,
    /// A short endurance bout right before strength; never paired.
    Warmup,
}

impl Modality {
    /// The four modalities a user may name in an input or a rules file.
    pub const NAMED: [Modality; 4] = [
        Modality::Strength,
        Modality::Endurance,
        Modality::Mixed,
        Modality::Other,
    ];

    /// The lower-case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Strength => "strength",
            Modality::Endurance => "endurance",
            Modality::Mixed => "mixed",
            Modality::Other => "other",
            Modality::Warmup => "warmup",
        }
    }

    /// Reads a user-given modality name (any case); `warmup` is not accepted.
    pub fn parse(text: &str) -> Option<Modality> {
        let text = trim(text);
        Modality::NAMED.into_iter().find(|m| {
            let name = m.as_str();
            name.len() == text.len() && name.eq_ignore_ascii_case(text)
        })
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An athlete's training status from the roster (RULES.md section 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// No regular training.
    Untrained,
    /// Trains for fun; moderately trained.
    Recreational,
    /// Well-trained athlete.
    Trained,
    /// Elite athlete.
    Elite,
    /// Not in the roster, or a status the roster left empty or unreadable.
    Unknown,
}

impl Status {
    /// Every status, in order of training level.
    pub const ALL: [Status; 5] = [
        Status::Untrained,
        Status::Recreational,
        Status::Trained,
        Status::Elite,
        Status::Unknown,
    ];

    /// The lower-case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Untrained => "untrained",
            Status::Recreational => "recreational",
            Status::Trained => "trained",
            Status::Elite => "elite",
            Status::Unknown => "unknown",
        }
    }

    /// Reads a status name (any case).
    pub fn parse(text: &str) -> Option<Status> {
        let lower = text.trim().to_ascii_lowercase();
        Status::ALL.into_iter().find(|s| s.as_str() == lower)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `str::trim`, with a shortcut for the usual value that starts and ends
/// with a visible ASCII character (the full trim decodes Unicode), for
/// values read once per row.
pub fn trim(value: &str) -> &str {
    let bytes = value.as_bytes();
    match (bytes.first(), bytes.last()) {
        (None, _) => value,
        (Some(&first), Some(&last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => value,
        _ => value.trim(),
    }
}

/// Reads a yes/no value as RULES.md section 2 defines it; `None` means unknown.
pub fn parse_flag(text: &str) -> Option<bool> {
    // Compared without a lower-cased copy, words of the same length only:
    // this runs for every row.
    let text = trim(text);
    if text.is_empty() {
        // The usual value: most rows leave the flag empty.
        return None;
    }
    let is = |words: &[&str]| {
        let same = |w: &&str| w.len() == text.len() && w.eq_ignore_ascii_case(text);
        words.iter().any(same)
    };
    if is(&["true", "yes", "y", "t", "1"]) {
        Some(true)
    } else if is(&["false", "no", "n", "f", "0"]) {
        Some(false)
    } else {
        None
    }
}

/// The group of athletes that are in the logs but not in the roster.
pub const UNASSIGNED_GROUP: &str = "unassigned";

/// One roster row: who an athlete is and how the rules treat them.
#[derive(Debug, Clone, PartialEq)]
pub struct Athlete {
    /// The id that logs use for this athlete.
    pub athlete_id: String,
    /// The group reports are written for.
    pub group: String,
    /// Training status; decides whether the rules apply.
    pub status: Status,
    /// Needs much explosive power: stricter spacing.
    pub power_focus: bool,
    /// IANA zone for local wall-clock times without an offset.
    pub timezone: Option<chrono_tz::Tz>,
    /// Display name (never required).
    pub name: String,
    /// Glob patterns of files that belong to this athlete (for formats without an athlete id).
    pub sources: Vec<String>,
}

/// All roster rows by athlete id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roster {
    /// Athletes keyed by id.
    pub athletes: BTreeMap<String, Athlete>,
}

/// How a session's start was written in its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartTime {
    /// A date-time with a UTC offset: the instant is known.
    Instant {
        /// Microseconds since the Unix epoch, UTC.
        utc_us: i64,
        /// The offset written in the input, in seconds east of UTC.
        offset_s: i32,
    },
    /// A UTC instant whose local offset is not known: the athlete's zone gives it.
    Utc(i64),
    /// A wall-clock date-time without offset: local to the athlete.
    Naive(chrono::NaiveDateTime),
    /// A date without a time of day.
    Date(chrono::NaiveDate),
}

/// One session as read from an input, before roster and time zones are applied.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSession {
    /// Given or derived id, unique per input.
    pub session_id: CompactString,
    /// Athlete id as written.
    pub athlete_id: CompactString,
    /// Start as written.
    pub start: StartTime,
    /// Elapsed duration in seconds, finite and >= 0.
    pub duration_s: f64,
    /// A modality given explicitly by the input; wins over the sport table.
    pub modality: Option<Modality>,
    /// Sport name as written (may be empty).
    pub sport: CompactString,
    /// Sub-sport name as written (may be empty).
    pub sub_sport: CompactString,
    /// Session RPE on the CR-10 scale.
    pub rpe: Option<f64>,
    /// Whether the strength work went to failure; `None` is unknown.
    pub to_failure: Option<bool>,
    /// Strength detail (active sets, repetitions, volume), where the format has it.
    pub strength: StrengthDetail,
    /// A planned workout rather than a completed one (TrainingPeaks plans).
    pub planned: bool,
    /// A local wall-clock end given with a local start: the duration is then
    /// measured again once the athlete's zone is known (a DST change between).
    pub wall_clock_end: Option<chrono::NaiveDateTime>,
    /// Index into the run's list of source files.
    pub source: u32,
    /// Line of the record in its file (1-based; 0 when not line-based).
    pub line: u64,
}

impl RawSession {
    /// The record has sets, repetitions or volume (a strength detail).
    pub fn has_strength_detail(&self) -> bool {
        self.strength != StrengthDetail::default()
    }

    /// Where the record was read (its file and line), in one word.
    pub fn origin(&self) -> Origin {
        Origin::new(self.source, self.line)
    }
}

/// Sets, repetitions and volume of a strength session, from FIT `set` messages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StrengthDetail {
    /// Active (non-rest) sets.
    pub sets: Option<u32>,
    /// Repetitions over all active sets.
    pub reps: Option<u32>,
    /// Sum of repetitions x weight, kg.
    pub volume_kg: Option<f64>,
}

/// Wall-clock time of a UTC instant at a fixed offset.
pub fn local_datetime(utc_us: i64, offset_s: i32) -> chrono::NaiveDateTime {
    let local_us = utc_us + i64::from(offset_s) * 1_000_000;
    chrono::DateTime::from_timestamp_micros(local_us)
        .unwrap_or_default()
        .naive_utc()
}

/// A file of the run, as shown in reports.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceFile {
    /// Path as shown to the user (`a.zip!b.fit` for an archive member).
    pub path: String,
    /// Detected format.
    pub format: SourceFormat,
}

/// The input formats concur reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceFormat {
    /// The project's canonical sessions CSV.
    Canonical,
    /// A Parquet file with the canonical sessions CSV's columns.
    CanonicalParquet,
    /// A raw FIT activity file.
    Fit,
    /// FitCSVTool output (long or `*_data.csv` wide form).
    FitCsv,
    /// Strava bulk-export `activities.csv`.
    Strava,
    /// Garmin Connect activity list export.
    GarminConnect,
    /// TrainingPeaks workouts CSV.
    TrainingPeaks,
}

impl SourceFormat {
    /// Name used in sessions.csv.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Canonical => "canonical_csv",
            SourceFormat::CanonicalParquet => "canonical_parquet",
            SourceFormat::Fit => "fit",
            SourceFormat::FitCsv => "fitcsv",
            SourceFormat::Strava => "strava_csv",
            SourceFormat::GarminConnect => "garmin_connect_csv",
            SourceFormat::TrainingPeaks => "trainingpeaks_csv",
        }
    }

    /// How much a record of this format tells; the richer wins among duplicates.
    pub fn richness(self) -> u8 {
        match self {
            SourceFormat::Fit => 3,
            SourceFormat::FitCsv => 2,
            _ => 1,
        }
    }
}

/// An input row or file that was not accepted, with why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rejection {
    /// Path of the file as shown to the user.
    pub source_file: String,
    /// Line (or record) number; 0 for a whole file.
    pub line: u64,
    /// Column involved, if one.
    pub column: String,
    /// What was wrong, with the value, and what was expected.
    pub reason: String,
}

/// A data-quality observation that did not stop a row from being used.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    /// Short machine-readable kind (`not_in_roster`, `overlap`, ...).
    pub kind: &'static str,
    /// Athlete concerned, if one.
    pub athlete_id: String,
    /// Session concerned, if one.
    pub session_id: String,
    /// File concerned, if one.
    pub source_file: String,
    /// Line concerned, if one (0 = none).
    pub line: u64,
    /// What was seen and what the audit did about it.
    pub detail: String,
}

impl Note {
    /// A note about a file (and optionally a line).
    pub fn file(kind: &'static str, source_file: &str, line: u64, detail: String) -> Note {
        Note {
            kind,
            athlete_id: String::new(),
            session_id: String::new(),
            source_file: source_file.to_string(),
            line,
            detail,
        }
    }

    /// A note about an athlete.
    pub fn athlete(kind: &'static str, athlete_id: &str, detail: String) -> Note {
        Note {
            kind,
            athlete_id: athlete_id.to_string(),
            session_id: String::new(),
            source_file: String::new(),
            line: 0,
            detail,
        }
    }
}
