//! The audit itself (RULES.md sections 3-5): concurrent pairs and their
//! categories, to-failure flags, nearest gaps and compromised strength
//! sessions, computed by one sweep over each athlete's sorted sessions.
//! Planned workouts (a TrainingPeaks plan) pair only with planned ones, so
//! that a plan can be audited without mixing it with what was done.

mod failure;
mod pairs;
#[cfg(test)]
mod tests;

use std::fmt;

use rayon::prelude::*;

use crate::classify::Frame;
use crate::config::Thresholds;
use crate::model::US_PER_H;
use crate::model::{Modality, Session};

/// Nearest gaps are looked for up to this far (RULES.md section 6: 7 days).
pub const NEAREST_WINDOW_US: i64 = 7 * 24 * US_PER_H;

/// The nearest gap of a session that has none (larger than every gap).
pub const NO_GAP: i64 = i64::MAX;

/// Athletes evaluated at a time on all threads: their flags are held twice
/// (found, then appended in order) only that long, and the next batch's
/// lists reuse the memory.
const ATHLETES_PER_BATCH: usize = 1024;

/// A category of RULES.md sections 4 and 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Endurance then strength within the same-session window.
    Order,
    /// Strength then endurance within the same-session window.
    CombinedSession,
    /// Closer than the athlete's minimum gap.
    SpacingMin,
    /// At least the minimum but under the preferred gap.
    SpacingPreferred,
    /// Same local date, at least one session without a time of day.
    SameDayUnknownTime,
    /// Strength to failure.
    ToFailure,
}

impl Rule {
    /// Every rule, in report order.
    pub const ALL: [Rule; 6] = [
        Rule::Order,
        Rule::CombinedSession,
        Rule::SpacingMin,
        Rule::SpacingPreferred,
        Rule::SameDayUnknownTime,
        Rule::ToFailure,
    ];

    /// The name used in flags.csv.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Order => "order",
            Rule::CombinedSession => "combined_session",
            Rule::SpacingMin => "spacing_min",
            Rule::SpacingPreferred => "spacing_preferred",
            Rule::SameDayUnknownTime => "same_day_unknown_time",
            Rule::ToFailure => "to_failure",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a flag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Breaks the guidance.
    Violation,
    /// Worth a look; not a breach.
    Advisory,
}

impl Severity {
    /// The name used in flags.csv.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Violation => "violation",
            Severity::Advisory => "advisory",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A flag (or, for an exempt athlete, a counted pair): indices into `Frame::sessions`.
///
/// 24 bytes (a test checks): a federation's season has millions of flags.
/// Session indices fit in 32 bits (4 billion sessions would not fit in
/// memory); missing values are sentinels, read back as `Option`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag {
    /// Category.
    pub rule: Rule,
    /// Severity.
    pub severity: Severity,
    first: u32,
    /// `NO_SESSION` for an advisory to_failure flag.
    second: u32,
    /// `NO_GAP` when unknown or not a pair.
    gap_us: i64,
}

const NO_SESSION: u32 = u32::MAX;

impl Flag {
    /// A flag of sessions `first` and `second` (frame or athlete indices).
    pub fn new(
        rule: Rule,
        severity: Severity,
        first: usize,
        second: Option<usize>,
        gap_us: Option<i64>,
    ) -> Flag {
        // Session indices fit: 4 billion sessions would not fit in memory.
        debug_assert!(
            first < NO_SESSION as usize && second.is_none_or(|s| s < NO_SESSION as usize)
        );
        Flag {
            rule,
            severity,
            first: first as u32,
            second: second.map_or(NO_SESSION, |s| s as u32),
            gap_us: gap_us.unwrap_or(NO_GAP),
        }
    }

    /// Session A (for to_failure, the strength session).
    pub fn first(&self) -> usize {
        self.first as usize
    }

    /// Session B; `None` for an advisory to_failure flag.
    pub fn second(&self) -> Option<usize> {
        (self.second != NO_SESSION).then_some(self.second as usize)
    }

    /// The section-4 gap in microseconds; `None` when unknown or not a pair.
    pub fn gap_us(&self) -> Option<i64> {
        (self.gap_us != NO_GAP).then_some(self.gap_us)
    }

    /// The same flag with its sessions `by` places further on.
    fn shifted(self, by: usize) -> Flag {
        Flag::new(
            self.rule,
            self.severity,
            self.first() + by,
            self.second().map(|s| s + by),
            self.gap_us(),
        )
    }

    /// Whether this is a pair of section 4 (not a to_failure flag).
    pub fn is_pair(&self) -> bool {
        self.rule != Rule::ToFailure
    }
}

/// What the rules found in a frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Audit {
    /// Flags of in-scope athletes, in session order.
    pub flags: Vec<Flag>,
    /// Per athlete: concurrent pairs counted but not flagged (exempt
    /// athletes; 0 for the others).
    pub exempt_pair_counts: Vec<u64>,
    /// Per session: smallest gap to an endurance session under 7 days
    /// (timed strength only), [`NO_GAP`] where there is none: 8 bytes a
    /// session where an `Option` takes 16. Read with [`Audit::nearest_gap_us`].
    nearest_gap: Vec<i64>,
    /// Per session: an in-scope timed strength session in a violating pair.
    pub compromised: Vec<bool>,
}

impl Audit {
    /// Session `i`'s smallest gap to an endurance session under 7 days
    /// (timed strength sessions only).
    pub fn nearest_gap_us(&self, i: usize) -> Option<i64> {
        self.nearest_gap.get(i).copied().filter(|&g| g != NO_GAP)
    }
}

/// Applies the rules to every athlete of the frame, athletes in parallel.
pub fn evaluate(frame: &Frame, thresholds: &Thresholds) -> Audit {
    let n = frame.sessions.len();
    let mut audit = Audit {
        // Room for a flag per session: room never used costs address space,
        // not memory, and a list grown by doubling from empty took fresh
        // memory of twice its size (as long as finding the flags, on this
        // machine). A run with more flags than sessions grows it as usual.
        flags: Vec::with_capacity(n),
        exempt_pair_counts: vec![0; frame.athletes.len()],
        nearest_gap: vec![NO_GAP; n],
        compromised: vec![false; n],
    };
    let mut athletes = athlete_columns(frame, &mut audit.nearest_gap, &mut audit.compromised);
    for batch in athletes.chunks_mut(ATHLETES_PER_BATCH) {
        let found: Vec<(Vec<Flag>, u64)> = batch
            .par_iter_mut()
            .map(|(a, gaps, compromised)| {
                let flags = athlete_flags(frame, *a, thresholds, gaps);
                if !frame.athletes[*a].in_scope {
                    return (Vec::new(), flags.len() as u64);
                }
                mark_compromised(frame.athlete_sessions(*a), &flags, compromised);
                let start = frame.ranges[*a].start;
                (flags.into_iter().map(|f| f.shifted(start)).collect(), 0)
            })
            .collect();
        let mut lists = Vec::with_capacity(found.len());
        for ((a, ..), (flags, exempt)) in batch.iter().zip(found) {
            audit.exempt_pair_counts[*a] = exempt;
            lists.push(flags);
        }
        crate::memory::append(&mut audit.flags, lists);
    }
    audit
}

/// One athlete's place in the per-session columns.
type AthleteColumns<'c> = (usize, &'c mut [i64], &'c mut [bool]);

/// Each athlete with its own slices of the nearest-gap and compromised
/// columns: its sessions are one range of the frame, in athlete order.
fn athlete_columns<'c>(
    frame: &Frame,
    mut gaps: &'c mut [i64],
    mut compromised: &'c mut [bool],
) -> Vec<AthleteColumns<'c>> {
    let mut athletes = Vec::with_capacity(frame.ranges.len());
    let mut at = 0;
    for (a, range) in frame.ranges.iter().enumerate() {
        let skip = range.start - at;
        let (_, rest) = std::mem::take(&mut gaps).split_at_mut(skip);
        let (my_gaps, rest) = rest.split_at_mut(range.len());
        gaps = rest;
        let (_, rest) = std::mem::take(&mut compromised).split_at_mut(skip);
        let (mine, rest) = rest.split_at_mut(range.len());
        compromised = rest;
        athletes.push((a, my_gaps, mine));
        at = range.end;
    }
    athletes
}

/// One athlete's flags (indices into its own sessions), sorted.
fn athlete_flags(frame: &Frame, a: usize, t: &Thresholds, gaps: &mut [i64]) -> Vec<Flag> {
    let (info, sessions) = (&frame.athletes[a], frame.athlete_sessions(a));
    let mut flags = pairs::athlete_pairs(sessions, info.power_focus, t, gaps);
    if info.in_scope {
        flags.extend(failure::to_failure_flags(sessions, t));
    }
    flags.sort_by_key(|f| (f.first(), f.second(), f.rule));
    flags
}

/// Marks the timed strength sessions of an in-scope athlete's violating
/// pairs, while its sessions are still in the cache (a pass over all flags
/// afterwards waited on a cache miss per session).
fn mark_compromised(sessions: &[Session], flags: &[Flag], compromised: &mut [bool]) {
    for flag in flags {
        if flag.is_pair() && flag.severity == Severity::Violation {
            for s in [Some(flag.first()), flag.second()].into_iter().flatten() {
                let session = &sessions[s];
                if session.modality == Modality::Strength && !session.date_only {
                    compromised[s] = true;
                }
            }
        }
    }
}
