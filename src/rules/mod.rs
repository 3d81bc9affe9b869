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

use crate::classify::Frame;
use crate::config::rules::US_PER_H;
use crate::config::Thresholds;

/// Nearest gaps are looked for up to this far (RULES.md section 6: 7 days).
pub const NEAREST_WINDOW_US: i64 = 7 * 24 * US_PER_H;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag {
    /// Category.
    pub rule: Rule,
    /// Severity.
    pub severity: Severity,
    /// Session A (for to_failure, the strength session).
    pub first: usize,
    /// Session B; `None` for an advisory to_failure flag.
    pub second: Option<usize>,
    /// The section-4 gap in microseconds; `None` when unknown or not a pair.
    pub gap_us: Option<i64>,
}

/// What the rules found in a frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Audit {
    /// Flags of in-scope athletes, in session order.
    pub flags: Vec<Flag>,
    /// Concurrent pairs of exempt athletes (counted, never flagged).
    pub exempt_pairs: Vec<Flag>,
    /// Per session: smallest gap to an endurance session under 7 days (timed strength only).
    pub nearest_gap_us: Vec<Option<i64>>,
    /// Per session: an in-scope timed strength session in a violating pair.
    pub compromised: Vec<bool>,
}

impl Flag {
    /// Whether this is a pair of section 4 (not a to_failure flag).
    pub fn is_pair(&self) -> bool {
        self.rule != Rule::ToFailure
    }
}

/// Applies the rules to every athlete of the frame.
pub fn evaluate(frame: &Frame, thresholds: &Thresholds) -> Audit {
    let n = frame.sessions.len();
    let mut audit = Audit {
        flags: Vec::new(),
        exempt_pairs: Vec::new(),
        nearest_gap_us: vec![None; n],
        compromised: vec![false; n],
    };
    for (a, info) in frame.athletes.iter().enumerate() {
        let range = frame.ranges[a].clone();
        let sessions = &frame.sessions[range.clone()];
        let mut found = pairs::athlete_pairs(sessions, info.power_focus, thresholds);
        for (i, gap) in found.nearest_gap_us.into_iter().enumerate() {
            audit.nearest_gap_us[range.start + i] = gap;
        }
        let mut flags = std::mem::take(&mut found.pairs);
        if info.in_scope {
            flags.extend(failure::to_failure_flags(sessions, thresholds));
        }
        flags.sort_by_key(|f| (f.first, f.second, f.rule));
        for mut flag in flags {
            flag.first += range.start;
            flag.second = flag.second.map(|s| s + range.start);
            if !info.in_scope {
                audit.exempt_pairs.push(flag);
                continue;
            }
            if flag.is_pair() && flag.severity == Severity::Violation {
                for s in [Some(flag.first), flag.second].into_iter().flatten() {
                    let session = &frame.sessions[s];
                    if session.modality == crate::model::Modality::Strength && !session.date_only {
                        audit.compromised[s] = true;
                    }
                }
            }
            audit.flags.push(flag);
        }
    }
    audit
}
