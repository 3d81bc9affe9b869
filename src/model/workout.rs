//! A workout of a gym app as read (RULES.md section 10): its sets in the
//! order they were done, before the exercise table, the athlete's zone and
//! weight unit make it sessions (`classify::workout`).

use compact_str::CompactString;

use super::raw::StartTime;

/// What a set row is, as the app marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum SetKind {
    /// A working set (Hevy `normal` and `dropset`, Strong numbered sets).
    #[default]
    Working,
    /// A working set marked as taken to failure (Hevy `failure`, FitNotes
    /// iOS `Failed`): evidence of training to failure.
    Failure,
    /// A warm-up set (Hevy `warmup`, Strong set order `W`, FitNotes iOS
    /// `IsWarmup`): not a working set.
    Warmup,
    /// A rest-timer row (Strong): not a set.
    Rest,
    /// A set planned but not done (FitNotes iOS `NotStarted`).
    NotDone,
}

impl SetKind {
    /// Whether the set is a working set (RULES.md section 10, "Sets").
    pub(crate) fn is_working(self) -> bool {
        matches!(self, SetKind::Working | SetKind::Failure)
    }
}

/// The unit a file writes weights in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WeightUnit {
    /// Kilograms.
    Kg,
    /// Pounds (0.45359237 kg).
    Lb,
}

impl WeightUnit {
    /// Kilograms per unit.
    pub(crate) fn kg(self) -> f64 {
        match self {
            WeightUnit::Kg => 1.0,
            WeightUnit::Lb => 0.453_592_37,
        }
    }

    /// Reads `kg`, `kgs`, `lb`, `lbs` (any case); `None` for anything else.
    pub(crate) fn parse(text: &str) -> Option<WeightUnit> {
        match text.trim().to_ascii_lowercase().trim_end_matches('.') {
            "kg" | "kgs" | "kilograms" => Some(WeightUnit::Kg),
            "lb" | "lbs" | "pounds" => Some(WeightUnit::Lb),
            _ => None,
        }
    }

    /// The name in rules files and rosters.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            WeightUnit::Kg => "kg",
            WeightUnit::Lb => "lb",
        }
    }
}

/// One set row of a gym-app log.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct RawSet {
    /// The exercise's name as written.
    pub(crate) exercise: CompactString,
    /// The app's own category of the exercise (FitNotes `Cardio`), empty when none.
    pub(crate) category: CompactString,
    /// Working, failure, warm-up, rest or not done.
    pub(crate) kind: SetKind,
    /// Repetitions.
    pub(crate) reps: Option<u32>,
    /// Weight lifted, in `weight_unit`.
    pub(crate) weight: Option<f64>,
    /// The unit of `weight`; `None` when the file does not say (the
    /// roster's or the rules file's unit applies).
    pub(crate) weight_unit: Option<WeightUnit>,
    /// Distance in metres.
    pub(crate) distance_m: Option<f64>,
    /// Duration in seconds (0 is none).
    pub(crate) duration_s: Option<f64>,
    /// The set's RPE (an RPE of 0 is read as none).
    pub(crate) rpe: Option<f64>,
    /// Repetitions in reserve.
    pub(crate) rir: Option<f64>,
    /// Line of the row in its file.
    pub(crate) line: u64,
}

/// One workout of a gym-app log: the rows that share the app's workout key.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawWorkout {
    /// `<file path as for derived ids>:<record number of its first set>`.
    pub(crate) workout_id: CompactString,
    /// The athlete (gym apps are single-user: the file's athlete).
    pub(crate) athlete_id: CompactString,
    /// The app's start: local wall-clock time, a UTC instant, or a date.
    pub(crate) start: StartTime,
    /// The app's end, written like the start, when it gives one.
    pub(crate) end: Option<StartTime>,
    /// The app's workout duration in seconds, when it gives one.
    pub(crate) duration_s: Option<f64>,
    /// A whole-workout RPE, when the app gives one.
    pub(crate) rpe: Option<f64>,
    /// The sets, in the order they were done.
    pub(crate) sets: Vec<RawSet>,
    /// Index into the run's list of source files.
    pub(crate) source: u32,
    /// Line of its first set.
    pub(crate) line: u64,
}
