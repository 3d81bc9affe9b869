//! Training load beside the audit, exactly as LOAD.md defines it: per
//! athlete and local date the sRPE load and minutes by modality with the
//! acute and chronic EWMA (`daily`), per athlete and ISO week the sums,
//! monotony, strain, ACWR and strength dose (`weekly`), and per group and
//! week the medians and quartiles beside the week's violations (`groups`).
//!
//! Memory is per athlete-week of one group, not per athlete-day: the daily
//! and weekly rows are made again, athlete by athlete, when the report
//! writes them (`athlete_days`, `athlete_weeks`); this stage works a group
//! at a time and keeps only the group statistics and where each athlete's
//! rows start. The timelines and
//! the HTML drill-downs make an athlete's days again too: a few times per
//! listed athlete, bounded by how many are listed.

mod daily;
mod groups;
mod weekly;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::aggregate::Aggregates;
use crate::classify::Frame;
use crate::rules::Audit;
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
    pub(crate) measures: BTreeMap<String, LoadMeasures>,
    pub(crate) all: LoadMeasures,
}

/// Measures the load of every athlete of `frame`.
pub fn measure(frame: &Frame, audit: &Audit, aggregates: &Aggregates) -> Load {
    let mut order: Vec<usize> = (0..frame.athletes.len()).collect();
    order.sort_by(|&a, &b| frame.athletes[a].group.cmp(&frame.athletes[b].group));
    // A group at a time: memory holds one group's athlete-weeks, not the
    // season's.
    let (mut day_rows, mut week_rows) = (vec![0u64], vec![0u64]);
    let (mut groups, mut measures, mut all) =
        (Vec::new(), BTreeMap::new(), LoadMeasures::default());
    let same_group = |&a: &usize, &b: &usize| frame.athletes[a].group == frame.athletes[b].group;
    for athletes in order.chunk_by(same_group) {
        let per_athlete: Vec<groups::AthleteLoad> = athletes
            .par_iter()
            .map(|&a| {
                let days = athlete_days(frame, a);
                let flags = audit.flags_within(frame.ranges[a].clone());
                let weeks = athlete_weeks(frame, flags, a, &days);
                groups::AthleteLoad::of(&days, &weeks)
            })
            .collect();
        for l in &per_athlete {
            day_rows.push(day_rows[day_rows.len() - 1] + l.days);
            week_rows.push(week_rows[week_rows.len() - 1] + l.weeks.len() as u64);
        }
        // `chunk_by` yields no empty run: each holds its group's first athlete.
        let group = &frame.athletes[athletes[0]].group;
        let (rows, group_measures) = groups::of_group(group, &per_athlete, aggregates);
        groups.extend(rows);
        all.merge(&group_measures);
        measures.insert(group.clone(), group_measures);
    }
    Load {
        order,
        day_rows,
        week_rows,
        groups,
        measures,
        all,
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
