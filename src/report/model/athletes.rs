//! The athletes of a group for the HTML report: a row per athlete with its
//! measures (most violations first), and for the first `cap` of them a
//! drill-down listing every flag with both sessions' local times and
//! modalities, the gap, and the week's load and ACWR. Made only when the
//! HTML report is wanted: per athlete, not per session pair.

use chrono::NaiveDate;
use rayon::prelude::*;

use super::load::two_decimals;
use super::one_decimal;
use crate::aggregate::{iso_week_label, most_violations_first, Aggregates};
use crate::classify::Frame;
use crate::model::{local_datetime, round_whole_as_tables, Session, US_PER_H, US_PER_MIN};
use crate::rules::Audit;

/// One group's athletes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GroupAthletes {
    /// Group name.
    pub(crate) group: String,
    /// Every athlete of the group, most violations first, then by id.
    pub(crate) rows: Vec<AthleteRow>,
    /// Drill-downs of the first rows, in the same order.
    pub(crate) drill_downs: Vec<DrillDown>,
}

impl GroupAthletes {
    /// Athletes of the group without a drill-down (past the cap).
    pub(crate) fn left_out(&self) -> usize {
        self.rows.len() - self.drill_downs.len()
    }
}

/// An athlete's measures, as the athletes table shows them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AthleteRow {
    /// Index into the frame's athletes.
    pub(crate) index: usize,
    /// Athlete id, with the roster name in brackets under `--names`.
    pub(crate) label: String,
    /// Status, and why exempt (`exempt: age`) when so.
    pub(crate) status: String,
    pub(crate) sessions: u64,
    pub(crate) strength: u64,
    pub(crate) endurance: u64,
    pub(crate) violations: u64,
    pub(crate) advisories: u64,
    /// Strength compliance (`87.5 %` or `-`).
    pub(crate) compliance: String,
    /// Median nearest endurance gap (`30.0 h` or `-`).
    pub(crate) nearest_gap: String,
}

/// One athlete's flags, for the drill-down under its timeline.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DrillDown {
    /// Index into the frame's athletes.
    pub(crate) index: usize,
    /// Why the athlete is exempt, in words; an exempt athlete has no flags.
    pub(crate) exempt: Option<String>,
    pub(crate) flags: Vec<FlagLine>,
    /// The athlete's timeline as web SVGs, a chart per stretch of weeks:
    /// drawn by the report for the HTML page (empty until then).
    pub(crate) timeline: Vec<String>,
}

/// A flag in words.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FlagLine {
    pub(crate) rule: &'static str,
    /// A flag of planned workouts (a plan audited before it happens).
    pub(crate) planned: bool,
    pub(crate) severity: &'static str,
    /// Local start and modality of the first session.
    pub(crate) first: (String, &'static str),
    /// The same of the second session, when the flag is a pair.
    pub(crate) second: Option<(String, &'static str)>,
    /// Gap in hours (`5.5 h` or `-`).
    pub(crate) gap: String,
    /// ISO week of the first session, its sRPE load (AU) and ACWR, or `-`.
    pub(crate) week: String,
    pub(crate) week_load: String,
    pub(crate) acwr: String,
}

/// The athletes of `group`, with drill-downs for at most `cap` of them.
pub(crate) fn group_athletes(
    frame: &Frame,
    audit: &Audit,
    agg: &Aggregates,
    group: &str,
    cap: usize,
) -> GroupAthletes {
    let mut members: Vec<usize> = (0..frame.athletes.len())
        .filter(|&a| frame.athletes[a].group == group)
        .collect();
    most_violations_first(&mut members, |a| agg.athletes[a].violations);
    GroupAthletes {
        group: group.to_string(),
        rows: members.iter().map(|&a| row(frame, agg, a)).collect(),
        drill_downs: members[..cap.min(members.len())]
            .par_iter()
            .map(|&a| drill_down(frame, audit, a))
            .collect(),
    }
}

fn row(frame: &Frame, agg: &Aggregates, a: usize) -> AthleteRow {
    let (info, m) = (&frame.athletes[a], &agg.athletes[a]);
    let status = match info.exempt_reason {
        Some(reason) => format!("{} (exempt: {})", info.status, reason.as_str()),
        None => info.status.to_string(),
    };
    AthleteRow {
        index: a,
        label: info.athlete_id.clone(),
        status,
        sessions: m.sessions,
        strength: m.strength_sessions,
        endurance: m.endurance_sessions,
        violations: m.violations,
        advisories: m.advisories,
        compliance: one_decimal(m.strength_compliance_pct(), " %"),
        nearest_gap: one_decimal(m.median_nearest_gap_h(), " h"),
    }
}

fn drill_down(frame: &Frame, audit: &Audit, a: usize) -> DrillDown {
    let info = &frame.athletes[a];
    let flags = audit.flags_within(frame.ranges[a].clone());
    let days = crate::load::athlete_days(frame, a);
    let weeks = crate::load::athlete_weeks(frame, flags, a, &days);
    let flags = flags
        .iter()
        .map(|f| {
            let first = &frame.sessions[f.first()];
            let monday = week_monday(first);
            let week = weeks
                .binary_search_by_key(&monday, |w| w.monday)
                .ok()
                .map(|i| &weeks[i]);
            FlagLine {
                rule: f.rule.as_str(),
                planned: first.planned(),
                severity: f.severity.as_str(),
                first: (when(first), first.modality.as_str()),
                second: f.second().map(|j| {
                    let s = &frame.sessions[j];
                    (when(s), s.modality.as_str())
                }),
                gap: gap_text(f.gap_us()),
                week: iso_week_label(monday),
                week_load: week
                    .and_then(|w| w.total_au())
                    .map_or("-".into(), |au| format!("{}", round_whole_as_tables(au))),
                acwr: two_decimals(week.and_then(|w| w.acwr)),
            }
        })
        .collect();
    DrillDown {
        index: a,
        exempt: info
            .exempt_words()
            .map(|why| format!("This athlete is {why}: the rules do not apply.")),
        flags,
        timeline: Vec::new(),
    }
}

/// A gap in hours with one decimal, under an hour in whole minutes (the
/// order and combined-session rules look at minutes), or `-`.
fn gap_text(gap_us: Option<i64>) -> String {
    match gap_us {
        Some(us) if us < US_PER_H => format!("{} min", us / US_PER_MIN),
        us => one_decimal(us.map(|g| g as f64 / US_PER_H as f64), " h"),
    }
}

/// A session's local start: `Mon 2026-01-05 07:30`, or the date alone.
fn when(s: &Session) -> String {
    let local = local_datetime(s.start_us, s.offset_s);
    if s.date_only {
        local.format("%a %Y-%m-%d (no time)").to_string()
    } else {
        local.format("%a %Y-%m-%d %H:%M").to_string()
    }
}

fn week_monday(s: &Session) -> NaiveDate {
    crate::aggregate::date_of_days(crate::aggregate::monday_days(s))
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    fn sample_group(group: &str, cap: usize) -> (Frame, GroupAthletes) {
        let (frame, agg, _, rules) = sample();
        let audit = crate::rules::evaluate(&frame, &rules.thresholds);
        let athletes = group_athletes(&frame, &audit, &agg, group, cap);
        (frame, athletes)
    }

    #[test]
    fn rows_hold_every_athlete_of_the_group_most_violations_first() {
        let (frame, g) = sample_group("sprinters", 500);
        let members = frame
            .athletes
            .iter()
            .filter(|a| a.group == "sprinters")
            .count();
        assert_eq!(g.rows.len(), members);
        assert!(g
            .rows
            .windows(2)
            .all(|w| w[0].violations >= w[1].violations));
        assert_eq!(g.drill_downs.len(), members);
        assert_eq!(g.left_out(), 0);
    }

    #[test]
    fn drill_downs_stop_at_the_cap_and_count_the_rest() {
        let (_, g) = sample_group("sprinters", 2);
        assert_eq!(g.drill_downs.len(), 2);
        assert_eq!(g.left_out(), g.rows.len() - 2);
        assert_eq!(g.drill_downs[0].index, g.rows[0].index);
    }

    #[test]
    fn flag_lines_give_local_times_modalities_gap_and_week_load() {
        let (frame, g) = sample_group("sprinters", 1);
        let d = &g.drill_downs[0];
        let m = &frame.athletes[d.index];
        assert_eq!(
            d.flags.len() as u64,
            g.rows[0].violations + g.rows[0].advisories
        );
        let pair = d
            .flags
            .iter()
            .find(|f| f.rule == "spacing_min")
            .unwrap_or_else(|| panic!("{} has a spacing_min flag", m.athlete_id));
        assert_eq!(pair.severity, "violation");
        assert!(
            pair.first.0.len() == "Mon 2026-01-05 07:30".len(),
            "{:?}",
            pair.first
        );
        assert!(pair.second.is_some());
        assert!(pair.gap.ends_with(" h"), "{}", pair.gap);
        assert_eq!(gap_text(Some(26 * US_PER_MIN + 59_000_000)), "26 min");
        assert_eq!(gap_text(Some(90 * US_PER_MIN)), "1.5 h");
        assert_eq!(gap_text(None), "-");
        assert!(pair.week.starts_with("2026-W"), "{}", pair.week);
        // The sprinters log an RPE: the week has a load (and ACWR from day 28).
        assert!(d.flags.iter().all(|f| f.week_load != "-"), "{:?}", d.flags);
        assert!(d.flags.iter().any(|f| f.acwr != "-"), "no ACWR in any week");
    }

    #[test]
    fn an_exempt_athlete_says_why() {
        let (frame, g) = sample_group("masters", 500);
        let exempt: Vec<&DrillDown> = g
            .drill_downs
            .iter()
            .filter(|d| d.exempt.is_some())
            .collect();
        assert!(!exempt.is_empty());
        for d in &exempt {
            assert!(!frame.athletes[d.index].in_scope());
            assert!(d.flags.is_empty());
        }
        // M02 is recreational; M07, born 1952, is 74 in 2026.
        let why = |id: &str| {
            let d = exempt
                .iter()
                .find(|d| frame.athletes[d.index].athlete_id == id);
            d.and_then(|d| d.exempt.clone()).unwrap_or_default()
        };
        assert_eq!(
            why("M02"),
            "This athlete is exempt by status (recreational): the rules do not apply."
        );
        assert_eq!(
            why("M07"),
            "This athlete is exempt by age: the rules do not apply."
        );
    }
}
