//! `Measures`: the counts of RULES.md section 6 for one athlete, group or
//! week, how they add up and count a flag, and the median of gaps.

use crate::rules::{Flag, Rule, Severity};

/// Counts of RULES.md section 6 for one athlete, group or week.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measures {
    /// Athletes with at least one accepted session.
    pub(crate) athletes: u64,
    /// Of those, athletes the rules apply to.
    pub(crate) athletes_in_scope: u64,
    /// Accepted sessions of any modality.
    pub(crate) sessions: u64,
    /// Strength sessions (all athletes).
    pub(crate) strength_sessions: u64,
    /// Endurance sessions, warm-ups excluded (all athletes).
    pub(crate) endurance_sessions: u64,
    /// Warm-ups (all athletes).
    pub(crate) warmups: u64,
    /// Concurrent pairs of in-scope athletes.
    pub(crate) concurrent_pairs: u64,
    /// Flags per rule, indexed like `Rule::ALL`.
    pub(crate) by_rule: [u64; 6],
    /// Flags of severity violation.
    pub(crate) violations: u64,
    /// Flags of severity advisory.
    pub(crate) advisories: u64,
    /// In-scope timed strength sessions in a violating pair.
    pub(crate) compromised_strength_sessions: u64,
    /// In-scope strength sessions with a time of day (the compliance base).
    pub(crate) timed_strength_in_scope: u64,
    /// Concurrent pairs of exempt athletes.
    pub(crate) exempt_concurrent_pairs: u64,
    /// In-scope strength sessions, timed or date-only (the base of
    /// `failure_known_pct`).
    pub(crate) strength_in_scope: u64,
    /// Of those, sessions whose `to_failure` is known (RULES.md section 10).
    pub(crate) failure_known_strength_sessions: u64,
    /// Nearest gaps (hours) of in-scope timed strength sessions.
    pub(crate) nearest_gaps_h: Vec<f64>,
}

impl Measures {
    /// 100 x (1 - compromised / in-scope timed strength), or `None` without any.
    pub(crate) fn strength_compliance_pct(&self) -> Option<f64> {
        (self.timed_strength_in_scope > 0).then(|| {
            100.0
                * (1.0
                    - self.compromised_strength_sessions as f64
                        / self.timed_strength_in_scope as f64)
        })
    }

    /// The share of in-scope strength sessions with a known `to_failure`,
    /// or `None` without any.
    pub(crate) fn failure_known_pct(&self) -> Option<f64> {
        (self.strength_in_scope > 0).then(|| {
            100.0 * self.failure_known_strength_sessions as f64 / self.strength_in_scope as f64
        })
    }

    /// Median of the nearest gaps in hours, or `None` without any.
    pub(crate) fn median_nearest_gap_h(&self) -> Option<f64> {
        median(&self.nearest_gaps_h)
    }

    /// Count of flags of one rule.
    pub(crate) fn rule_count(&self, rule: Rule) -> u64 {
        self.by_rule[rule_index(rule)]
    }

    pub(super) fn add(&mut self, other: &Measures) {
        self.athletes += other.athletes;
        self.athletes_in_scope += other.athletes_in_scope;
        self.sessions += other.sessions;
        self.strength_sessions += other.strength_sessions;
        self.endurance_sessions += other.endurance_sessions;
        self.warmups += other.warmups;
        self.concurrent_pairs += other.concurrent_pairs;
        for (a, b) in self.by_rule.iter_mut().zip(other.by_rule) {
            *a += b;
        }
        self.violations += other.violations;
        self.advisories += other.advisories;
        self.compromised_strength_sessions += other.compromised_strength_sessions;
        self.timed_strength_in_scope += other.timed_strength_in_scope;
        self.exempt_concurrent_pairs += other.exempt_concurrent_pairs;
        self.strength_in_scope += other.strength_in_scope;
        self.failure_known_strength_sessions += other.failure_known_strength_sessions;
        self.nearest_gaps_h.extend_from_slice(&other.nearest_gaps_h);
    }

    pub(super) fn count_flag(&mut self, flag: &Flag) {
        if flag.is_pair() {
            self.concurrent_pairs += 1;
        }
        self.by_rule[rule_index(flag.rule)] += 1;
        match flag.severity {
            Severity::Violation => self.violations += 1,
            Severity::Advisory => self.advisories += 1,
        }
    }
}

fn rule_index(rule: Rule) -> usize {
    Rule::ALL.iter().position(|r| *r == rule).unwrap_or(0)
}

/// Median of values (mean of the middle two for an even count).
pub(crate) fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    // The middle values as a sort would place them, without sorting all:
    // a group's median is taken over up to millions of gaps.
    let mut values = values.to_vec();
    let odd = values.len() % 2 == 1;
    let mid = values.len() / 2;
    let (below, &mut upper, _) = values.select_nth_unstable_by(mid, f64::total_cmp);
    Some(if odd {
        upper
    } else {
        let lower = below
            .iter()
            .copied()
            .max_by(f64::total_cmp)
            .unwrap_or(upper);
        (lower + upper) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&[]), None);
        // As the middle of a sort, over many counts and repeated values.
        for n in 1..60usize {
            let values: Vec<f64> = (0..n).map(|i| ((i * 7919) % 13) as f64 - 6.5).collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let expected = if n % 2 == 1 {
                sorted[n / 2]
            } else {
                (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
            };
            assert_eq!(median(&values), Some(expected), "{n}");
        }
    }

    #[test]
    fn compliance_is_empty_without_timed_strength() {
        assert_eq!(Measures::default().strength_compliance_pct(), None);
        let m = Measures {
            timed_strength_in_scope: 4,
            compromised_strength_sessions: 1,
            ..Measures::default()
        };
        assert_eq!(m.strength_compliance_pct(), Some(75.0));
    }
}
