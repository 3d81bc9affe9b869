//! What the rules say of sessions: the categories (`Rule`), how serious a
//! flag is (`Severity`), the flag of one or two sessions (`Flag`), and
//! `NO_GAP`, the gap of a session that has none.

use std::fmt;

/// The nearest gap of a session that has none (larger than every gap).
pub(crate) const NO_GAP: i64 = i64::MAX;

/// A category of RULES.md sections 4 and 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Rule {
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
    pub(crate) const ALL: [Rule; 6] = [
        Rule::Order,
        Rule::CombinedSession,
        Rule::SpacingMin,
        Rule::SpacingPreferred,
        Rule::SameDayUnknownTime,
        Rule::ToFailure,
    ];

    /// The name used in flags.csv.
    pub(crate) fn as_str(self) -> &'static str {
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
pub(crate) enum Severity {
    /// Breaks the guidance.
    Violation,
    /// Worth a look; not a breach.
    Advisory,
}

impl Severity {
    /// The name used in flags.csv.
    pub(crate) fn as_str(self) -> &'static str {
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
pub(crate) struct Flag {
    /// Category.
    pub(crate) rule: Rule,
    /// Severity.
    pub(crate) severity: Severity,
    first: u32,
    /// `NO_SESSION` for an advisory to_failure flag.
    second: u32,
    /// `NO_GAP` when unknown or not a pair.
    gap_us: i64,
}

/// Where in `flags` (sorted by first session, as `Audit::flags` is) the
/// flags whose first session is one of `sessions` are: one athlete's flags,
/// when `sessions` is its range of the frame.
pub(super) fn first_in(flags: &[Flag], sessions: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let from = flags.partition_point(|f| f.first() < sessions.start);
    from..flags.partition_point(|f| f.first() < sessions.end)
}

const NO_SESSION: u32 = u32::MAX;

impl Flag {
    /// A flag of sessions `first` and `second` (frame or athlete indices).
    pub(crate) fn new(
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
    pub(crate) fn first(&self) -> usize {
        self.first as usize
    }

    /// Session B; `None` for an advisory to_failure flag.
    pub(crate) fn second(&self) -> Option<usize> {
        (self.second != NO_SESSION).then_some(self.second as usize)
    }

    /// The section-4 gap in microseconds; `None` when unknown or not a pair.
    pub(crate) fn gap_us(&self) -> Option<i64> {
        (self.gap_us != NO_GAP).then_some(self.gap_us)
    }

    /// The same flag with its sessions `by` places further on.
    pub(super) fn shifted(self, by: usize) -> Flag {
        Flag::new(
            self.rule,
            self.severity,
            self.first() + by,
            self.second().map(|s| s + by),
            self.gap_us(),
        )
    }

    /// Whether this is a pair of section 4 (not a to_failure flag).
    pub(crate) fn is_pair(&self) -> bool {
        self.rule != Rule::ToFailure
    }
}
