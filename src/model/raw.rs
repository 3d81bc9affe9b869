//! What a reader gives: one session as read from an input, before the
//! roster and time zones are applied, and the files it came from.

use compact_str::CompactString;

use super::modality::Modality;
use super::session::Origin;

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
