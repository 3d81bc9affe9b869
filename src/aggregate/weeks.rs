//! The per group and ISO week measures: each session's week found with
//! integer arithmetic, sums kept per (group, Monday), and the sparse sums
//! turned into rows (`WeekRow`) with every week of each group's span.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::measures::Measures;
use crate::model::Session;
use crate::model::US_PER_DAY;

/// Measures per (group index, Monday as days since 1970-01-01).
pub(super) type WeekSums = BTreeMap<(u32, i64), Measures>;

/// chrono's day number (days from the year 1, that day being 1) of 1970-01-01.
const CE_DAY_OF_EPOCH: i64 = 719_163;
/// Starts this close to 1970 (about 31,000 years) take the integer path;
/// others take chrono's, which also knows what `local_date` does at its
/// range limits.
const INTEGER_RANGE_US: u64 = 1_000_000_000_000_000_000;

/// A session's local date (its start at its own offset), as days since
/// 1970-01-01: integer arithmetic near 1970, chrono's `local_date` beyond.
pub(crate) fn local_day(s: &Session) -> i64 {
    if s.start_us.unsigned_abs() >= INTEGER_RANGE_US {
        return days_of_date(s.local_date());
    }
    let local_us = s.start_us + i64::from(s.offset_s) * 1_000_000;
    local_us.div_euclid(US_PER_DAY)
}

/// The Monday of a day's ISO week, as days since 1970-01-01 (a Thursday,
/// three days after a Monday).
pub(crate) fn monday_of(day: i64) -> i64 {
    day - (day + 3).rem_euclid(7)
}

/// The Monday of the ISO week of `Session::local_date`, as days since 1970-01-01.
pub(crate) fn monday_days(s: &Session) -> i64 {
    monday_of(local_day(s))
}

/// The date `days` after 1970-01-01 (every Monday `monday_days` gives is one chrono has).
pub(crate) fn date_of_days(days: i64) -> NaiveDate {
    i32::try_from(days + CE_DAY_OF_EPOCH)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or_default()
}

/// `date` as days since 1970-01-01 (as [`date_of_days`] counts them).
pub(crate) fn days_of_date(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - CE_DAY_OF_EPOCH
}

/// One athlete's current week while its sessions (sorted by start) are
/// walked: counts go to a local sum that is added to the map only when the
/// week changes, so the map is touched about once per athlete and week.
pub(super) struct WeekRun<'w> {
    group: u32,
    monday: Option<i64>,
    sum: Measures,
    weeks: &'w mut WeekSums,
}

impl<'w> WeekRun<'w> {
    /// A run of the athlete in group `group`, adding into `weeks`.
    pub(super) fn new(group: u32, weeks: &'w mut WeekSums) -> WeekRun<'w> {
        WeekRun {
            group,
            monday: None,
            sum: Measures::default(),
            weeks,
        }
    }

    /// The measures of the week starting on `monday` (days since 1970-01-01).
    pub(super) fn at(&mut self, monday: i64) -> &mut Measures {
        if self.monday != Some(monday) {
            self.flush();
            self.monday = Some(monday);
        }
        &mut self.sum
    }

    /// Adds what is left of the current week to the map.
    pub(super) fn finish(mut self) {
        self.flush();
    }

    fn flush(&mut self) {
        if let Some(monday) = self.monday {
            let sum = std::mem::take(&mut self.sum);
            self.weeks
                .entry((self.group, monday))
                .or_default()
                .add(&sum);
        }
    }
}

/// Adds the sums of `other` into `into`.
pub(super) fn merge(into: &mut WeekSums, other: WeekSums) {
    for (key, m) in other {
        into.entry(key).or_default().add(&m);
    }
}

/// One group's measures in one ISO week.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WeekRow {
    /// Group name.
    pub(crate) group: String,
    /// Monday of the ISO week.
    pub(crate) monday: NaiveDate,
    /// Measures of that week (pairs and flags by A's local date).
    pub(crate) measures: Measures,
}

/// The sums with group names and dates, in (group name, Monday) order.
pub(super) fn named(weeks: WeekSums, groups: &[String]) -> BTreeMap<(String, NaiveDate), Measures> {
    weeks
        .into_iter()
        .map(|((g, monday), m)| ((groups[g as usize].clone(), date_of_days(monday)), m))
        .collect()
}

/// Turns the sparse week map into rows with every week of each group's span.
pub(super) fn fill_weeks(weeks: BTreeMap<(String, NaiveDate), Measures>) -> Vec<WeekRow> {
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
    use crate::model::Modality;
    use crate::test_support::session;

    /// The Monday as the first version found it: chrono, per session.
    fn chrono_monday(s: &Session) -> NaiveDate {
        let date = s.local_date();
        date - chrono::Duration::days(i64::from(date.weekday().num_days_from_monday()))
    }

    fn at(start_us: i64, offset_s: i32) -> Session {
        let mut s = session("x", Modality::Strength, 0, 1);
        s.start_us = start_us;
        s.offset_s = offset_s;
        s
    }

    #[test]
    fn monday_is_that_of_the_local_date_around_midnights_and_year_ends() {
        let h = 3_600_000_000;
        let offsets = [0, 3600, -3600, 7200, 19_800, -36_000, 50_400, -43_200, 1];
        // Year ends of 1969/70, 2020/21 (a week 53) and 2026/27, and 1900.
        let days = [-2, -1, 0, 1, 3, 4, 18_624, 18_628, 20_818, 20_822, -25_567];
        for day in days {
            for hour in -30..30 {
                for delta_us in [-1, 0, 1] {
                    for offset_s in offsets {
                        let s = at(day * US_PER_DAY + hour * h + delta_us, offset_s);
                        assert_eq!(date_of_days(monday_days(&s)), chrono_monday(&s), "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn monday_beyond_the_integer_range_is_chrono_s() {
        let limit = INTEGER_RANGE_US as i64;
        for start_us in [limit - 1, limit, -limit, -limit + 1, i64::MAX, i64::MIN + 1] {
            let s = at(start_us, 0);
            assert_eq!(
                date_of_days(monday_days(&s)),
                chrono_monday(&s),
                "{start_us}"
            );
        }
    }

    #[test]
    fn sums_of_one_week_reach_the_map_once_the_run_moves_on() {
        let mut weeks = WeekSums::new();
        let mut run = WeekRun::new(1, &mut weeks);
        run.at(7).sessions += 1;
        run.at(7).sessions += 1;
        run.at(14).sessions += 1;
        run.at(7).sessions += 1;
        run.finish();
        let sessions: Vec<(i64, u64)> = weeks.iter().map(|(k, m)| (k.1, m.sessions)).collect();
        assert_eq!(sessions, vec![(7, 3), (14, 1)]);
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
