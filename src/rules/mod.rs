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
use crate::config::rules::US_PER_H;
use crate::config::Thresholds;

/// Nearest gaps are looked for up to this far (RULES.md section 6: 7 days).
pub const NEAREST_WINDOW_US: i64 = 7 * 24 * US_PER_H;

/// The nearest gap of a session that has none (larger than every gap).
pub const NO_GAP: i64 = i64::MAX;

/// Athletes evaluated at a time on all threads: their flags are held twice
/// (found, then appended in order) only that long.
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
    /// Concurrent pairs of exempt athletes (counted, never flagged).
    pub exempt_pairs: Vec<Flag>,
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
        flags: Vec::new(),
        exempt_pairs: Vec::new(),
        nearest_gap: vec![NO_GAP; n],
        compromised: vec![false; n],
    };
    let mut nearest_gap = std::mem::take(&mut audit.nearest_gap);
    {
        // Each athlete's sessions are one range of the frame, in athlete
        // order: its nearest gaps are written into its own slice of the column.
        let mut athletes: Vec<(usize, &mut [i64])> = Vec::with_capacity(frame.ranges.len());
        let (mut rest, mut at) = (nearest_gap.as_mut_slice(), 0);
        for (a, range) in frame.ranges.iter().enumerate() {
            let (_, from_start) = std::mem::take(&mut rest).split_at_mut(range.start - at);
            let (mine, after) = from_start.split_at_mut(range.len());
            athletes.push((a, mine));
            (rest, at) = (after, range.end);
        }
        for batch in athletes.chunks_mut(ATHLETES_PER_BATCH) {
            let found: Vec<Vec<Flag>> = batch
                .par_iter_mut()
                .map(|(a, gaps)| athlete_flags(frame, *a, thresholds, gaps))
                .collect();
            for (a, flags) in batch.iter().map(|(a, _)| *a).zip(found) {
                add_flags(&mut audit, frame, a, flags);
            }
        }
    }
    audit.nearest_gap = nearest_gap;
    audit
}

/// One athlete's flags (session indices of the frame), sorted.
fn athlete_flags(frame: &Frame, a: usize, t: &Thresholds, gaps: &mut [i64]) -> Vec<Flag> {
    let (info, range) = (&frame.athletes[a], frame.ranges[a].clone());
    let sessions = &frame.sessions[range.clone()];
    let mut flags = pairs::athlete_pairs(sessions, info.power_focus, t, gaps);
    if info.in_scope {
        flags.extend(failure::to_failure_flags(sessions, t));
    }
    flags.sort_by_key(|f| (f.first(), f.second(), f.rule));
    flags.into_iter().map(|f| f.shifted(range.start)).collect()
}

/// Files athlete `a`'s flags: an exempt athlete's pairs are only counted;
/// a violating pair compromises its timed strength session.
fn add_flags(audit: &mut Audit, frame: &Frame, a: usize, flags: Vec<Flag>) {
    if !frame.athletes[a].in_scope {
        audit.exempt_pairs.extend(flags);
        return;
    }
    for flag in &flags {
        if flag.is_pair() && flag.severity == Severity::Violation {
            for s in [Some(flag.first()), flag.second()].into_iter().flatten() {
                let session = &frame.sessions[s];
                if session.modality == crate::model::Modality::Strength && !session.date_only {
                    audit.compromised[s] = true;
                }
            }
        }
    }
    audit.flags.extend(flags);
}
