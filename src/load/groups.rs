//! The load per group and ISO week (LOAD.md section 5): how many athletes
//! have a weekly load, its median and quartiles, the median minutes by
//! modality, monotony and ACWR, beside the week's violations; and per group
//! how complete the load is (`rpe_known_pct`, `monotony_weeks`).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::daily::Day;
use super::weekly::Week;
use crate::aggregate::{median, Aggregates};

/// What the group statistics need of one athlete's week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct WeekStat {
    monday: NaiveDate,
    load_au: Option<f64>,
    strength_min: f64,
    endurance_min: f64,
    other_min: f64,
    monotony: Option<f64>,
    acwr: Option<f64>,
}

/// One athlete's load, reduced to what the groups and the summary need.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AthleteLoad {
    /// Rows in `load_daily.csv`.
    pub(crate) days: u64,
    pub(crate) weeks: Vec<WeekStat>,
    /// Sessions counted in load, and of those with an RPE.
    sessions: u64,
    rated: u64,
}

impl AthleteLoad {
    /// An athlete's load from its days and weeks.
    pub(crate) fn of(days: &[Day], weeks: &[Week]) -> AthleteLoad {
        let count: u64 = days.iter().map(|d| u64::from(d.sessions)).sum();
        let unrated: u64 = days.iter().map(|d| u64::from(d.without_rpe)).sum();
        let rated = count - unrated;
        AthleteLoad {
            days: days.len() as u64,
            weeks: weeks
                .iter()
                .map(|w| WeekStat {
                    monday: w.monday,
                    load_au: w.total_au(),
                    strength_min: w.minutes[0],
                    endurance_min: w.minutes[1],
                    other_min: w.minutes[2],
                    monotony: w.monotony,
                    acwr: w.acwr,
                })
                .collect(),
            sessions: count,
            rated,
        }
    }
}

/// How complete a group's load is.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct LoadMeasures {
    sessions: u64,
    rated: u64,
    /// Athlete-weeks whose monotony could be computed.
    pub(crate) monotony_weeks: u64,
}

impl LoadMeasures {
    /// The share of sessions with an RPE, or `None` without sessions.
    pub(crate) fn rpe_known_pct(&self) -> Option<f64> {
        (self.sessions > 0).then(|| 100.0 * self.rated as f64 / self.sessions as f64)
    }

    /// Adds another group's measures (for all athletes).
    pub(crate) fn merge(&mut self, other: &LoadMeasures) {
        self.sessions += other.sessions;
        self.rated += other.rated;
        self.monotony_weeks += other.monotony_weeks;
    }

    fn add(&mut self, l: &AthleteLoad) {
        self.sessions += l.sessions;
        self.rated += l.rated;
        self.monotony_weeks += l.weeks.iter().filter(|w| w.monotony.is_some()).count() as u64;
    }
}

/// One group's ISO week.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GroupWeek {
    pub(crate) group: String,
    pub(crate) monday: NaiveDate,
    pub(crate) athletes_with_load: u64,
    /// Median, first and third quartile of the weekly loads.
    pub(crate) load_au: Option<[f64; 3]>,
    pub(crate) strength_min_median: Option<f64>,
    pub(crate) endurance_min_median: Option<f64>,
    /// The median other minutes (mixed, other, warm-ups): for the chart.
    pub(crate) other_min_median: Option<f64>,
    pub(crate) monotony_median: Option<f64>,
    pub(crate) acwr_median: Option<f64>,
    /// The week's violations as `weekly.csv` counts them.
    pub(crate) violations: u64,
}

/// The first quartile, the median and the third quartile of sorted
/// `values`, linear between order statistics (the "inclusive" method)
/// computed as Python's `statistics.quantiles(n=4, method="inclusive")`
/// does: `(x[j] x (4 - d) + x[j + 1] x d) / 4`. Other spellings of the
/// same interpolation (`x[j] + h x (x[j + 1] - x[j])`, R's
/// `(1 - h) x x[j] + h x x[j + 1]`) differ in the last bit, which moves a
/// value lying on half a hundredth to the other side when it is rounded.
/// The median of an even count is then exactly the mean of the middle two.
pub(crate) fn quartiles(sorted: &[f64]) -> Option<[f64; 3]> {
    let last = sorted.len().checked_sub(1)?;
    if last == 0 {
        return Some([sorted[0]; 3]);
    }
    Some([1, 2, 3].map(|i| {
        let (j, d) = ((i * last) / 4, (i * last) % 4);
        (sorted[j] * (4 - d) as f64 + sorted[j + 1] * d as f64) / 4.0
    }))
}

fn sorted(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    values
}

/// The weeks and the measures of `group`, whose athletes have the loads
/// `loads`.
pub(crate) fn of_group(
    group: &str,
    loads: &[AthleteLoad],
    aggregates: &Aggregates,
) -> (Vec<GroupWeek>, LoadMeasures) {
    let mut weeks: BTreeMap<NaiveDate, Vec<&WeekStat>> = BTreeMap::new();
    let mut measures = LoadMeasures::default();
    for l in loads {
        measures.add(l);
        for w in &l.weeks {
            weeks.entry(w.monday).or_default().push(w);
        }
    }
    let violations: BTreeMap<NaiveDate, u64> = aggregates
        .group_weekly(group)
        .iter()
        .map(|w| (w.monday, w.measures.violations))
        .collect();
    let rows = weeks
        .into_iter()
        .map(|(monday, stats)| {
            let with_load: Vec<&&WeekStat> = stats.iter().filter(|w| w.load_au.is_some()).collect();
            let loads = sorted(with_load.iter().filter_map(|w| w.load_au).collect());
            let median_of = |values: Vec<f64>| median(&values);
            GroupWeek {
                group: group.to_string(),
                monday,
                athletes_with_load: with_load.len() as u64,
                load_au: quartiles(&loads).map(|[q1, m, q3]| [m, q1, q3]),
                strength_min_median: median_of(stats.iter().map(|w| w.strength_min).collect()),
                endurance_min_median: median_of(stats.iter().map(|w| w.endurance_min).collect()),
                other_min_median: median_of(stats.iter().map(|w| w.other_min).collect()),
                monotony_median: median_of(with_load.iter().filter_map(|w| w.monotony).collect()),
                acwr_median: median_of(with_load.iter().filter_map(|w| w.acwr).collect()),
                violations: violations.get(&monday).copied().unwrap_or(0),
            }
        })
        .collect();
    (rows, measures)
}
