//! Measures per athlete, per group (plus `ALL`) and per group and ISO week
//! (RULES.md section 6), from the frame and what the rules found. Athletes
//! are measured in parallel, each in one pass over its sessions and flags.
//! The counts themselves are `measures.rs`'s, the week rows `weeks.rs`'s.

mod measures;
#[cfg(test)]
mod reference_tests;
mod weeks;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::classify::Frame;
use crate::model::US_PER_H;
use crate::model::{Modality, Session};
use crate::rules::Audit;
pub(crate) use measures::{median, Measures};
pub(crate) use weeks::{date_of_days, days_of_date, local_day, monday_days, monday_of, WeekRow};
use weeks::{WeekRun, WeekSums};

/// Orders `items` (athletes, or rows in athlete order) with the most
/// violations first, ties by index: the frame's athletes are in id order,
/// so ties come in id order whatever order `items` came in. The order of
/// every "most violations first" list of the report.
pub(crate) fn most_violations_first(items: &mut [usize], violations: impl Fn(usize) -> u64) {
    items.sort_unstable_by_key(|&i| (std::cmp::Reverse(violations(i)), i));
}

/// ISO week label, e.g. `2026-W09`.
pub(crate) fn iso_week_label(date: NaiveDate) -> String {
    let w = date.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// All measures of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aggregates {
    /// Per athlete, indexed like `Frame::athletes`.
    pub(crate) athletes: Vec<Measures>,
    /// Per group, sorted by group name.
    pub groups: Vec<(String, Measures)>,
    /// All groups together.
    pub(crate) all: Measures,
    /// Per group and week, every week from a group's first to its last
    /// session; by group, then week.
    pub(crate) weekly: Vec<WeekRow>,
}

impl Aggregates {
    /// The weeks of `group` (none when it has no session).
    pub(crate) fn group_weekly(&self, group: &str) -> &[WeekRow] {
        let start = self.weekly.partition_point(|w| w.group.as_str() < group);
        let end = self.weekly.partition_point(|w| w.group.as_str() <= group);
        &self.weekly[start..end]
    }
}

/// Computes every measure of RULES.md section 6.
pub fn aggregate(frame: &Frame, audit: &Audit) -> Aggregates {
    let groups = GroupIndex::new(frame);
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
            let m = athlete_measures(frame, audit, a, &mut run);
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

/// Athlete `a`'s measures (exempt pairs aside); its sessions and flags are
/// also added to its weeks in `run`.
fn athlete_measures(frame: &Frame, audit: &Audit, a: usize, run: &mut WeekRun) -> Measures {
    let info = &frame.athletes[a];
    let range = frame.ranges[a].clone();
    let mut m = Measures {
        athletes: 1,
        athletes_in_scope: u64::from(info.in_scope()),
        ..Measures::default()
    };
    for (i, s) in range.clone().zip(&frame.sessions[range.clone()]) {
        let timed_in_scope = s.modality == Modality::Strength && !s.date_only && info.in_scope();
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
            Modality::Strength if info.in_scope() => {
                m.strength_in_scope += 1;
                m.failure_known_strength_sessions += u64::from(s.to_failure.is_some());
            }
            _ => {}
        }
        if let Some(gap_us) = audit.nearest_gap_us(i).filter(|_| timed_in_scope) {
            m.nearest_gaps_h.push(gap_us as f64 / US_PER_H as f64);
        }
    }
    for flag in audit.flags_within(range) {
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
    fn most_violations_come_first_and_ties_by_index() {
        let violations = [2, 5, 0, 5, 2];
        let mut athletes: Vec<usize> = vec![4, 3, 2, 1, 0];
        most_violations_first(&mut athletes, |i| violations[i]);
        assert_eq!(athletes, [1, 3, 0, 4, 2]);
    }

    #[test]
    fn iso_week_label_uses_the_iso_year() {
        let d = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(iso_week_label(d), "2026-W53");
    }
}
