//! What a reader gives: one session as read from an input, before the
//! roster and time zones are applied, and the files it came from.

use compact_str::CompactString;

use super::modality::Modality;
use super::session::Origin;

/// How a session's start was written in its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StartTime {
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
pub(crate) struct RawSession {
    /// Given or derived id, unique per input.
    pub(crate) session_id: CompactString,
    /// Athlete id as written.
    pub(crate) athlete_id: CompactString,
    /// Start as written.
    pub(crate) start: StartTime,
    /// Elapsed duration in seconds, finite and >= 0.
    pub(crate) duration_s: f64,
    /// A modality given explicitly by the input; wins over the sport table.
    pub(crate) modality: Option<Modality>,
    /// Sport name as written (may be empty).
    pub(crate) sport: CompactString,
    /// Sub-sport name as written (may be empty).
    pub(crate) sub_sport: CompactString,
    /// Session RPE on the CR-10 scale.
    pub(crate) rpe: Option<f64>,
    /// Whether the strength work went to failure; `None` is unknown.
    pub(crate) to_failure: Option<bool>,
    /// Strength detail (active sets, repetitions, volume), where the format has it.
    pub(crate) strength: StrengthDetail,
    /// A planned workout rather than a completed one (TrainingPeaks plans).
    pub(crate) planned: bool,
    /// A local wall-clock end given with a local start: the duration is then
    /// measured again once the athlete's zone is known (a DST change between).
    pub(crate) wall_clock_end: Option<chrono::NaiveDateTime>,
    /// Index into the run's list of source files.
    pub(crate) source: u32,
    /// Line of the record in its file (1-based; 0 when not line-based).
    pub(crate) line: u64,
}

impl RawSession {
    /// The record has sets, repetitions or volume (a strength detail).
    pub(crate) fn has_strength_detail(&self) -> bool {
        self.strength != StrengthDetail::default()
    }

    /// Where the record was read (its file and line), in one word.
    pub(crate) fn origin(&self) -> Origin {
        Origin::new(self.source, self.line)
    }
}

/// Sets, repetitions and volume of a strength session (FIT `set`
/// messages, gym-app working sets), and the gym apps' evidence of effort.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct StrengthDetail {
    /// Active (non-rest) sets, or working sets of a gym-app log.
    pub(crate) sets: Option<u32>,
    /// Repetitions over all active sets.
    pub(crate) reps: Option<u32>,
    /// Sum of repetitions x weight, kg.
    pub(crate) volume_kg: Option<f64>,
    /// Working sets with evidence of failure (RULES.md section 10).
    pub(crate) failure_sets: Option<u32>,
    /// Working sets at RPE 8 or more, RIR 2 or less, or to failure.
    pub(crate) hard_sets: Option<u32>,
    /// The highest RPE of the working sets.
    pub(crate) max_set_rpe: Option<f64>,
}

/// A file of the run, as shown in reports.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SourceFile {
    /// Path as shown to the user (`a.zip!b.fit` for an archive member).
    pub(crate) path: String,
    /// Detected format.
    pub(crate) format: SourceFormat,
}

/// An input format as reports name it: each format's module defines its
/// own (`ingest::format` lists the formats).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct SourceFormat {
    name: &'static str,
    richness: u8,
    per_set: bool,
    device_timed: bool,
}

impl SourceFormat {
    /// A format named `name` in sessions.csv whose records tell `richness`
    /// (see [`SourceFormat::richness`]).
    pub(crate) const fn new(name: &'static str, richness: u8) -> SourceFormat {
        SourceFormat {
            name,
            richness,
            per_set: false,
            device_timed: false,
        }
    }

    /// A device's own recording (a FIT file, or one decoded by FitCSVTool)
    /// named `name`: its start and end are the watch's, so a gym-app
    /// workout matched with it is moved to them.
    pub(crate) const fn device(name: &'static str, richness: u8) -> SourceFormat {
        SourceFormat {
            name,
            richness,
            per_set: false,
            device_timed: true,
        }
    }

    /// A gym app's log of sets, named `name` in sessions.csv: its workouts
    /// are matched first against other sources (RULES.md section 10).
    pub(crate) const fn per_set(name: &'static str) -> SourceFormat {
        SourceFormat {
            name,
            richness: 1,
            per_set: true,
            device_timed: false,
        }
    }

    /// Whether the format's times are a device's own recording.
    pub(crate) fn is_device_timed(self) -> bool {
        self.device_timed
    }

    /// Whether the format is a gym app's log of sets.
    pub(crate) fn is_per_set(self) -> bool {
        self.per_set
    }

    /// Name used in sessions.csv.
    pub(crate) fn as_str(self) -> &'static str {
        self.name
    }

    /// How much a record of this format tells; the richer wins among
    /// duplicates of one activity (a FIT file 4, FitCSVTool 3,
    /// intervals.icu 2 for its session RPE, other lists 1).
    pub(crate) fn richness(self) -> u8 {
        self.richness
    }
}
