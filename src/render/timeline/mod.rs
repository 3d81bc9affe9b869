//! `timeline-<athlete>`: one athlete's audited span, one row per ISO week
//! and seven day columns (Monday first), each day a 0-24 h track of its
//! sessions at their local start and length, coloured by modality;
//! date-only sessions in a band under the track; each flag a bracket in its
//! severity colour with the rule's code in text; the day's sRPE load as a
//! number. `WEEKS_PER_PAGE` weeks per chart: a longer span makes several.

use chrono::{Datelike, Duration, NaiveDate, Timelike};

mod draw;
#[cfg(test)]
mod tests;
pub(crate) mod web;
use plotters::style::RGBColor;

use super::style::{BLUE, BLUISH_GREEN};
use super::view::Empty;
use crate::aggregate::iso_week_label;
use crate::classify::Frame;
use crate::model::{local_datetime, Modality};
use crate::rules::{Audit, Rule, Severity};

/// Weeks drawn on one chart (a half year on one A4 page).
pub(super) const WEEKS_PER_PAGE: usize = 26;
/// Size of a timeline chart at SVG scale: portrait, to fill a page.
pub(super) const SIZE: (u32, u32) = (800, 1060);
/// Smallest text, at SVG scale (7.5 pt on A4, where 800 px are 483 pt).
const SMALL: f64 = 12.5;
/// Longest stretch a session is drawn over (a bad record stays one bar).
const MAX_HOURS: f64 = 48.0;
/// Colour of warm-ups: bluish green, lightened.
const WARMUP: RGBColor = RGBColor(0x99, 0xD8, 0xC7);
/// Colour of mixed and other sessions (as in the load chart).
const OTHER: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);

/// The colour and legend name of a modality.
fn modality_colour(m: Modality) -> RGBColor {
    match m {
        Modality::Strength => BLUE,
        Modality::Endurance => BLUISH_GREEN,
        Modality::Warmup => WARMUP,
        Modality::Mixed | Modality::Other => OTHER,
    }
}

/// The short code of a rule drawn at its flags (the footnote explains each).
pub(super) fn rule_code(rule: Rule) -> &'static str {
    match rule {
        Rule::Order => "ORD",
        Rule::CombinedSession => "CMB",
        Rule::SpacingMin => "MIN",
        Rule::SpacingPreferred => "PREF",
        Rule::SameDayUnknownTime => "DAY",
        Rule::ToFailure => "FAIL",
    }
}

/// A piece of a session on one day: hours from local midnight.
#[derive(Debug, Clone, PartialEq)]
struct Bar {
    /// Days since the first Monday.
    day: usize,
    from_h: f64,
    to_h: f64,
    modality: Modality,
    /// No time of day: drawn in the band, `from_h..to_h` is its place there.
    date_only: bool,
}

/// Where a flag touches a session: day, hour, and whether in the band.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Anchor {
    day: usize,
    hour: f64,
    band: bool,
}

/// A flag between two sessions (or at one, for to_failure).
#[derive(Debug, Clone, PartialEq)]
struct FlagMark {
    rule: Rule,
    severity: Severity,
    from: Anchor,
    to: Option<Anchor>,
}

/// One athlete's timeline over its whole span.
pub(super) struct Timeline {
    athlete: String,
    group: String,
    /// Why the athlete is exempt, in words.
    exempt: Option<String>,
    first_monday: NaiveDate,
    weeks: usize,
    /// The charts drawn: each a run of `WEEKS_PER_PAGE` weeks (by index from
    /// the first) holding a session; runs without one are left out, so a
    /// stray date years away adds one chart, not one per half year between.
    charts: Vec<usize>,
    bars: Vec<Bar>,
    flags: Vec<FlagMark>,
    /// Days since the first Monday and the day's known load (AU).
    loads: Vec<(usize, f64)>,
    sessions: usize,
}

impl Timeline {
    /// Athlete `a` of the frame with its flags (the audit's flags are in
    /// athlete order, so its flags are one run of them).
    pub(super) fn new(frame: &Frame, audit: &Audit, a: usize) -> Self {
        let info = &frame.athletes[a];
        let range = frame.ranges[a].clone();
        let sessions = &frame.sessions[range.clone()];
        let first_date = sessions
            .iter()
            .map(|s| s.local_date())
            .min()
            .unwrap_or_default();
        let last_date = sessions
            .iter()
            .map(|s| s.local_date())
            .max()
            .unwrap_or(first_date);
        let first_monday =
            first_date - Duration::days(i64::from(first_date.weekday().num_days_from_monday()));
        let day_of = |d: NaiveDate| (d - first_monday).num_days().max(0) as usize;
        let weeks = day_of(last_date) / 7 + 1;
        let mut bars = Vec::new();
        let mut band_used: Vec<f64> = vec![0.0; weeks * 7];
        let mut anchors: Vec<(Anchor, Anchor)> = Vec::with_capacity(sessions.len());
        for s in sessions {
            let hours = (s.duration_s / 3600.0).clamp(0.0, MAX_HOURS);
            if s.date_only {
                let day = day_of(s.local_date());
                let from = band_used[day].min(24.0);
                let to = (from + hours.max(0.25)).min(24.0);
                band_used[day] = to;
                bars.push(Bar {
                    day,
                    from_h: from,
                    to_h: to,
                    modality: s.modality,
                    date_only: true,
                });
                let at = |hour| Anchor {
                    day,
                    hour,
                    band: true,
                };
                anchors.push((at(from), at(to)));
                continue;
            }
            let local = local_datetime(s.start_us, s.offset_s);
            let mut day = day_of(local.date());
            let start_h = f64::from(local.time().num_seconds_from_midnight()) / 3600.0;
            let start = Anchor {
                day,
                hour: start_h,
                band: false,
            };
            let (mut from, mut left) = (start_h, hours);
            let end = loop {
                let to = (from + left).min(24.0);
                if day < weeks * 7 {
                    bars.push(Bar {
                        day,
                        from_h: from,
                        to_h: to,
                        modality: s.modality,
                        date_only: false,
                    });
                }
                left -= to - from;
                if left <= 1e-9 || day + 1 >= weeks * 7 {
                    break Anchor {
                        day,
                        hour: to,
                        band: false,
                    };
                }
                day += 1;
                from = 0.0;
            };
            anchors.push((start, end));
        }
        let flags = audit
            .flags_within(range.clone())
            .iter()
            .map(|f| {
                let first = anchors[f.first() - range.start];
                let second = f
                    .second()
                    .filter(|j| range.contains(j))
                    .map(|j| anchors[j - range.start]);
                FlagMark {
                    rule: f.rule,
                    severity: f.severity,
                    // A pair runs from the first's end to the second's start.
                    from: if second.is_some() { first.1 } else { first.0 },
                    to: second.map(|s| s.0),
                }
            })
            .collect();
        let first_day = first_monday
            .signed_duration_since(NaiveDate::default())
            .num_days();
        let loads = crate::load::athlete_days(frame, a)
            .iter()
            .filter_map(|d| {
                // Rest days and days without any RPE show no number.
                if d.sessions == 0 || d.without_rpe == d.sessions {
                    return None;
                }
                let at = usize::try_from(d.day - first_day).ok()?;
                d.total_au().map(|au| (at, au))
            })
            .collect();
        let exempt = info
            .exempt_words()
            .map(|why| format!("{why}: the rules do not apply, so no flags are shown"));
        let mut charts: Vec<usize> = bars.iter().map(|b| b.day / 7 / WEEKS_PER_PAGE).collect();
        charts.sort_unstable();
        charts.dedup();
        if charts.is_empty() {
            charts.push(0);
        }
        Timeline {
            athlete: info.athlete_id.clone(),
            group: info.group.clone(),
            exempt,
            first_monday,
            weeks,
            charts,
            bars,
            flags,
            loads,
            sessions: sessions.len(),
        }
    }

    /// How many charts the timeline draws.
    pub(super) fn pages(&self) -> usize {
        self.charts.len()
    }

    /// Chart `page` (from 0, below `pages()`) of the timeline.
    pub(super) fn page(&self, page: usize) -> TimelinePage<'_> {
        TimelinePage { t: self, page }
    }
}

/// One chart of a timeline: the `page`-th run of `WEEKS_PER_PAGE` weeks that
/// holds a session.
pub(super) struct TimelinePage<'a> {
    t: &'a Timeline,
    page: usize,
}

impl TimelinePage<'_> {
    fn week_range(&self) -> std::ops::Range<usize> {
        let from = self.t.charts[self.page] * WEEKS_PER_PAGE;
        from..(from + WEEKS_PER_PAGE).min(self.t.weeks)
    }

    fn days(&self) -> std::ops::Range<usize> {
        let w = self.week_range();
        w.start * 7..w.end * 7
    }

    /// Per day of the chart: the codes of the flags whose first session is
    /// on it, each rule and severity once with how many, in flag order.
    fn day_codes(&self) -> Vec<Vec<(Rule, Severity, usize)>> {
        let days = self.days();
        let mut codes: Vec<Vec<(Rule, Severity, usize)>> = vec![Vec::new(); days.len()];
        for f in self.t.flags.iter().filter(|f| days.contains(&f.from.day)) {
            let list = &mut codes[f.from.day - days.start];
            match list
                .iter_mut()
                .find(|(r, s, _)| *r == f.rule && *s == f.severity)
            {
                Some(entry) => entry.2 += 1,
                None => list.push((f.rule, f.severity, 1)),
            }
        }
        codes
    }

    /// A day's known load as its text: whole AU, from the two decimals
    /// load_daily.csv writes; `None` without one.
    fn day_load(&self, day: usize) -> Option<String> {
        let loads = &self.t.loads;
        let at = loads.binary_search_by_key(&day, |(d, _)| *d).ok()?;
        Some(format!(
            "{}",
            crate::model::round_whole_as_tables(loads[at].1)
        ))
    }
}
