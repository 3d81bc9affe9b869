//! Training load beside the audit, exactly as LOAD.md defines it: per
//! athlete and local date the sRPE load and minutes by modality with the
//! acute and chronic EWMA (`daily`), per athlete and ISO week the sums,
//! monotony, strain, ACWR and strength dose (`weekly`), and per group and
//! week the medians and quartiles beside the week's violations (`groups`).
//!
//! Memory is per athlete-week, not per athlete-day: the daily and weekly
//! rows are made again, athlete by athlete, when the report writes them
//! (`athlete_days`, `athlete_weeks`); this stage keeps only what the group
//! statistics need and where each athlete's rows start. The timelines and
//! the HTML drill-downs make an athlete's days again too: a few times per
//! listed athlete, bounded by how many are listed.

mod daily;
mod groups;
mod weekly;

use rayon::prelude::*;

use crate::aggregate::Aggregates;
use crate::classify::Frame;
use crate::rules::{Audit, Severity};
pub(crate) use daily::{athlete_days, Day};
pub(crate) use groups::{GroupWeek, LoadMeasures};
pub(crate) use weekly::{athlete_weeks, Week};

/// The load of a run.
#[derive(Debug, Default)]
pub struct Load {
    /// Athletes (frame indices) in table order: by group, then id.
    pub(crate) order: Vec<usize>,
    /// Per athlete in `order`: its first row in `load_daily.csv` (one
    /// entry more: the row count).
    pub(crate) day_rows: Vec<u64>,
    /// The same for `load_weekly.csv`.
    pub(crate) week_rows: Vec<u64>,
    /// Per group and ISO week, by group then week.
    pub(crate) groups: Vec<GroupWeek>,
    /// Per group, by name, then all athletes.
    pub(crate) measures: std::collections::BTreeMap<String, LoadMeasures>,
    pub(crate) all: LoadMeasures,
    /// The first sessions of violation flags, sorted.
    pub(crate) violation_firsts: Vec<usize>,
}

/// Measures the load of every athlete of `frame`.
pub fn measure(frame: &Frame, audit: &Audit, aggregates: &Aggregates) -> Load {
    let mut order: Vec<usize> = (0..frame.athletes.len()).collect();
    order.sort_by(|&a, &b| frame.athletes[a].group.cmp(&frame.athletes[b].group));
    let mut violation_firsts: Vec<usize> = audit
        .flags
        .iter()
        .filter(|f| f.severity == Severity::Violation)
        .map(|f| f.first())
        .collect();
    violation_firsts.sort_unstable();
    let per_athlete: Vec<groups::AthleteLoad> = order
        .par_iter()
        .map(|&a| {
            let days = athlete_days(frame, a);
            let weeks = athlete_weeks(frame, &violation_firsts, a, &days);
            groups::AthleteLoad::of(&days, &weeks)
        })
        .collect();
    let offsets = |count: &dyn Fn(&groups::AthleteLoad) -> u64| {
        let mut rows = vec![0u64];
        for l in &per_athlete {
            rows.push(rows[rows.len() - 1] + count(l));
        }
        rows
    };
    let day_rows = offsets(&|l| l.days);
    let week_rows = offsets(&|l| l.weeks.len() as u64);
    let (groups, measures, all) = groups::by_group(frame, &order, &per_athlete, aggregates);
    Load {
        order,
        day_rows,
        week_rows,
        groups,
        measures,
        all,
        violation_firsts,
    }
}

impl Load {
    /// The measures of `group` (none when it has no athlete with load).
    pub(crate) fn group_measures(&self, group: &str) -> LoadMeasures {
        self.measures.get(group).copied().unwrap_or_default()
    }

    /// The weeks of `group`, by week (empty when it has none).
    pub(crate) fn group_weeks(&self, group: &str) -> &[GroupWeek] {
        let start = self.groups.partition_point(|w| w.group.as_str() < group);
        let end = self.groups.partition_point(|w| w.group.as_str() <= group);
        &self.groups[start..end]
    }
}

#[cfg(test)]
mod tests;
