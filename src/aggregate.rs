//! Measures per athlete, per group (plus `ALL`) and per group and ISO week
//! (RULES.md section 6), from the frame and what the rules found. Athletes
//! are measured in parallel, each in one pass over its sessions and flags.

#[cfg(test)]
mod reference_tests;
mod weeks;

use std::borrow::Cow;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::classify::Frame;
use crate::model::US_PER_H;
use crate::model::{Modality, Session};
use crate::rules::{Audit, Flag, Rule, Severity};
use weeks::{WeekRun, WeekSums};

/// Microseconds per hour, for gap measures.

/// Counts of RULES.md section 6 for one athlete, group or week.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measures {
    /// Athletes with at least one accepted session.
    pub athletes: u64,
    /// Of those, athletes the rules apply to.
    pub athletes_in_scope: u64,
    /// Accepted sessions of any modality.
    pub sessions: u64,
    /// Strength sessions (all athletes).
    pub strength_sessions: u64,
    /// Endurance sessions, warm-ups excluded (all athletes).
    pub endurance_sessions: u64,
    /// Warm-ups (all athletes).
    pub warmups: u64,
    /// Concurrent pairs of in-scope athletes.
    pub concurrent_pairs: u64,
    /// Flags per rule, indexed like `Rule::ALL`.
    pub by_rule: [u64; 6],
    /// Flags of severity violation.
    pub violations: u64,
    /// Flags of severity advisory.
    pub advisories: u64,
    /// In-scope timed strength sessions in a violating pair.
    pub compromised_strength_sessions: u64,
    /// In-scope strength sessions with a time of day (the compliance base).
    pub timed_strength_in_scope: u64,
    /// Concurrent pairs of exempt athletes.
    pub exempt_concurrent_pairs: u64,
    /// Nearest gaps (hours) of in-scope timed strength sessions.
    pub nearest_gaps_h: Vec<f64>,
}

impl Measures {
    /// 100 x (1 - compromised / in-scope timed strength), or `None` without any.
    pub fn strength_compliance_pct(&self) -> Option<f64> {
        (self.timed_strength_in_scope > 0).then(|| {
            100.0
                * (1.0
                    - self.compromised_strength_sessions as f64
                        / self.timed_strength_in_scope as f64)
        })
    }

    /// Median of the nearest gaps in hours, or `None` without any.
    pub fn median_nearest_gap_h(&self) -> Option<f64> {
        median(&self.nearest_gaps_h)
    }

    /// Count of flags of one rule.
    pub fn rule_count(&self, rule: Rule) -> u64 {
        self.by_rule[rule_index(rule)]
    }

    fn add(&mut self, other: &Measures) {
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
        self.nearest_gaps_h.extend_from_slice(&other.nearest_gaps_h);
    }

    fn count_flag(&mut self, flag: &Flag) {
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
pub fn median(values: &[f64]) -> Option<f64> {
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

/// ISO week label, e.g. `2026-W09`.
pub fn iso_week_label(date: NaiveDate) -> String {
    let w = date.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// One group's measures in one ISO week.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekRow {
    /// Group name.
    pub group: String,
    /// Monday of the ISO week.
    pub monday: NaiveDate,
    /// Measures of that week (pairs and flags by A's local date).
    pub measures: Measures,
}

/// All measures of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aggregates {
    /// Per athlete, indexed like `Frame::athletes`.
    pub athletes: Vec<Measures>,
    /// Per group, sorted by group name.
    pub groups: Vec<(String, Measures)>,
    /// All groups together.
    pub all: Measures,
    /// Per group and week, every week from a group's first to its last session.
    pub weekly: Vec<WeekRow>,
}

/// Computes every measure of RULES.md section 6.
pub fn aggregate(frame: &Frame, audit: &Audit) -> Aggregates {
    let groups = GroupIndex::new(frame);
    let flags = FlagsByFirst::new(&audit.flags);
    // Each thread measures a run of consecutive athletes and sums their
    // weeks; runs are joined in athlete order, so every list keeps the order
    // of one sequential pass.
    let Partial {
        mut athletes,
        weeks,
    } = (0..frame.athletes.len())
        .into_par_iter()
        .fold(Partial::default, |mut part, a| {
            let mut run = WeekRun::new(groups.of_athlete[a], &mut part.weeks);
            let m = athlete_measures(frame, audit, &flags, a, &mut run);
            run.finish();
            part.athletes.push(m);
            part
        })
        .reduce(Partial::default, Partial::join);
    for (m, &exempt) in athletes.iter_mut().zip(&audit.exempt_pair_counts) {
        m.exempt_concurrent_pairs += exempt;
    }
    let mut per_group = vec![Measures::default(); groups.names.len()];
    let mut all = Measures::default();
    // The gap lists reserved at their length: grown by doubling, they took
    // fresh memory of twice their size, on one thread.
    let mut gap_counts = vec![0; groups.names.len()];
    for (&g, m) in groups.of_athlete.iter().zip(&athletes) {
        gap_counts[g as usize] += m.nearest_gaps_h.len();
    }
    for (m, &n) in per_group.iter_mut().zip(&gap_counts) {
        m.nearest_gaps_h.reserve_exact(n);
    }
    all.nearest_gaps_h.reserve_exact(gap_counts.iter().sum());
    for (&g, m) in groups.of_athlete.iter().zip(&athletes) {
        per_group[g as usize].add(m);
        all.add(m);
    }
    let weekly = weeks::fill_weeks(weeks::named(weeks, &groups.names));
    Aggregates {
        athletes,
        groups: groups.names.into_iter().zip(per_group).collect(),
        all,
        weekly,
    }
}

/// What one thread measured: a run of consecutive athletes and their weeks.
#[derive(Default)]
struct Partial {
    athletes: Vec<Measures>,
    weeks: WeekSums,
}

impl Partial {
    /// The measures of `self`'s athletes followed by `next`'s.
    fn join(mut self, next: Partial) -> Partial {
        self.athletes.extend(next.athletes);
        weeks::merge(&mut self.weeks, next.weeks);
        self
    }
}

/// Group names in sorted order and each athlete's index among them, so that
/// sums are keyed by a number rather than a copy of the name.
struct GroupIndex {
    names: Vec<String>,
    of_athlete: Vec<u32>,
}

impl GroupIndex {
    fn new(frame: &Frame) -> GroupIndex {
        let mut names: Vec<&str> = frame.athletes.iter().map(|a| a.group.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        let of_athlete = frame
            .athletes
            .iter()
            .map(|a| names.binary_search(&a.group.as_str()).unwrap_or(0) as u32)
            .collect();
        GroupIndex {
            names: names.into_iter().map(str::to_string).collect(),
            of_athlete,
        }
    }
}

/// The flags sorted by their first session, so an athlete's flags are one
/// slice found by bisection. The rules give them in that order already;
/// only flags in another order are copied and sorted (stably).
struct FlagsByFirst<'f> {
    sorted: Cow<'f, [Flag]>,
}

impl<'f> FlagsByFirst<'f> {
    fn new(flags: &'f [Flag]) -> FlagsByFirst<'f> {
        if flags.is_sorted_by_key(Flag::first) {
            return FlagsByFirst {
                sorted: Cow::Borrowed(flags),
            };
        }
        let mut sorted = flags.to_vec();
        sorted.par_sort_by_key(Flag::first);
        FlagsByFirst {
            sorted: Cow::Owned(sorted),
        }
    }

    /// The flags whose first session is in `sessions`.
    fn within(&self, sessions: Range<usize>) -> &[Flag] {
        let from = self.sorted.partition_point(|f| f.first() < sessions.start);
        let to = self.sorted.partition_point(|f| f.first() < sessions.end);
        &self.sorted[from..to]
    }
}

/// Athlete `a`'s measures (exempt pairs aside); its sessions and flags are
/// also added to its weeks in `run`.
fn athlete_measures(
    frame: &Frame,
    audit: &Audit,
    flags: &FlagsByFirst,
    a: usize,
    run: &mut WeekRun,
) -> Measures {
    let info = &frame.athletes[a];
    let range = frame.ranges[a].clone();
    let mut m = Measures {
        athletes: 1,
        athletes_in_scope: u64::from(info.in_scope),
        ..Measures::default()
    };
    for (i, s) in range.clone().zip(&frame.sessions[range.clone()]) {
        let timed_in_scope = s.modality == Modality::Strength && !s.date_only && info.in_scope;
        let compromised = timed_in_scope && audit.compromised[i];
        count_session(&mut m, s, timed_in_scope, compromised);
        count_session(
            run.at(weeks::monday_days(s)),
            s,
            timed_in_scope,
            compromised,
        );
        match s.modality {
            Modality::Endurance => m.endurance_sessions += 1,
            Modality::Warmup => m.warmups += 1,
            _ => {}
        }
        if let Some(gap_us) = audit.nearest_gap_us(i).filter(|_| timed_in_scope) {
            m.nearest_gaps_h.push(gap_us as f64 / US_PER_H as f64);
        }
    }
    for flag in flags.within(range) {
        m.count_flag(flag);
        run.at(weeks::monday_days(&frame.sessions[flag.first()]))
            .count_flag(flag);
    }
    m
}

/// The session counts that athletes and weeks share.
fn count_session(m: &mut Measures, s: &Session, timed_in_scope: bool, compromised: bool) {
    m.sessions += 1;
    m.strength_sessions += u64::from(s.modality == Modality::Strength);
    m.timed_strength_in_scope += u64::from(timed_in_scope);
    m.compromised_strength_sessions += u64::from(compromised);
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

    #[test]
    fn iso_week_label_uses_the_iso_year() {
        let d = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(iso_week_label(d), "2026-W53");
    }
}
