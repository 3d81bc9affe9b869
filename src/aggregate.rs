//! Measures per athlete, per group (plus `ALL`) and per group and ISO week
//! (RULES.md section 6), from the frame and what the rules found.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::classify::Frame;
use crate::model::Modality;
use crate::rules::{Audit, Flag, Rule, Severity};

/// Microseconds per hour, for gap measures.
const US_PER_H: f64 = 3_600_000_000.0;

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
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    Some(if sorted.len().is_multiple_of(2) {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    } else {
        sorted[mid]
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
    let mut athletes: Vec<Measures> = (0..frame.athletes.len())
        .map(|a| athlete_measures(frame, audit, a))
        .collect();
    let mut weeks: BTreeMap<(String, NaiveDate), Measures> = BTreeMap::new();
    for flag in audit.flags.iter() {
        let a = &frame.sessions[flag.first];
        athletes[a.athlete as usize].count_flag(flag);
        week_of(&mut weeks, frame, flag.first).count_flag(flag);
    }
    for flag in &audit.exempt_pairs {
        athletes[frame.sessions[flag.first].athlete as usize].exempt_concurrent_pairs += 1;
    }
    for (i, s) in frame.sessions.iter().enumerate() {
        let week = week_of(&mut weeks, frame, i);
        week.sessions += 1;
        if s.modality == Modality::Strength {
            week.strength_sessions += 1;
            if frame.athletes[s.athlete as usize].in_scope && !s.date_only {
                week.timed_strength_in_scope += 1;
                week.compromised_strength_sessions += u64::from(audit.compromised[i]);
            }
        }
    }
    let mut groups: BTreeMap<String, Measures> = BTreeMap::new();
    let mut all = Measures::default();
    for (info, m) in frame.athletes.iter().zip(&athletes) {
        groups.entry(info.group.clone()).or_default().add(m);
        all.add(m);
    }
    Aggregates {
        athletes,
        groups: groups.into_iter().collect(),
        all,
        weekly: fill_weeks(weeks),
    }
}

fn athlete_measures(frame: &Frame, audit: &Audit, a: usize) -> Measures {
    let info = &frame.athletes[a];
    let range = frame.ranges[a].clone();
    let mut m = Measures {
        athletes: 1,
        athletes_in_scope: u64::from(info.in_scope),
        ..Measures::default()
    };
    for (i, s) in frame.sessions[range.clone()].iter().enumerate() {
        m.sessions += 1;
        match s.modality {
            Modality::Strength => m.strength_sessions += 1,
            Modality::Endurance => m.endurance_sessions += 1,
            Modality::Warmup => m.warmups += 1,
            Modality::Mixed | Modality::Other => {}
        }
        if s.modality == Modality::Strength && !s.date_only && info.in_scope {
            m.timed_strength_in_scope += 1;
            m.compromised_strength_sessions += u64::from(audit.compromised[range.start + i]);
            if let Some(gap_us) = audit.nearest_gap_us[range.start + i] {
                m.nearest_gaps_h.push(gap_us as f64 / US_PER_H);
            }
        }
    }
    m
}

fn week_of<'w>(
    weeks: &'w mut BTreeMap<(String, NaiveDate), Measures>,
    frame: &Frame,
    i: usize,
) -> &'w mut Measures {
    let s = &frame.sessions[i];
    let date = s.local_date();
    let monday = date - chrono::Duration::days(i64::from(date.weekday().num_days_from_monday()));
    let group = &frame.athletes[s.athlete as usize].group;
    weeks.entry((group.clone(), monday)).or_default()
}

/// Turns the sparse week map into rows with every week of each group's span.
fn fill_weeks(weeks: BTreeMap<(String, NaiveDate), Measures>) -> Vec<WeekRow> {
    let mut rows: Vec<WeekRow> = Vec::with_capacity(weeks.len());
    for ((group, monday), measures) in weeks {
        if let Some(last) = rows.last().filter(|r| r.group == group) {
            let mut gap = last.monday + chrono::Duration::days(7);
            while gap < monday {
                rows.push(WeekRow {
                    group: group.clone(),
                    monday: gap,
                    measures: Measures::default(),
                });
                gap += chrono::Duration::days(7);
            }
        }
        rows.push(WeekRow {
            group,
            monday,
            measures,
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&[]), None);
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

    #[test]
    fn missing_weeks_are_filled_with_zeros() {
        let mut weeks = BTreeMap::new();
        let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        weeks.insert(
            ("g".to_string(), d(2)),
            Measures {
                sessions: 1,
                ..Measures::default()
            },
        );
        weeks.insert(
            ("g".to_string(), d(23)),
            Measures {
                sessions: 2,
                ..Measures::default()
            },
        );
        let rows = fill_weeks(weeks);
        let mondays: Vec<NaiveDate> = rows.iter().map(|r| r.monday).collect();
        assert_eq!(mondays, vec![d(2), d(9), d(16), d(23)]);
    }
}
