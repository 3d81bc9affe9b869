//! One athlete's weekly load (LOAD.md section 3): per ISO week of the span,
//! the load and minutes summed from its days, monotony and strain (Foster),
//! the ACWR on the week's last day, the change from last week, the strength
//! dose of logs with sets, and the week's violations.

use chrono::NaiveDate;

use super::daily::{counted, date_of, local_day, Day, Split, Status};
use crate::classify::Frame;
use crate::model::Modality;
use crate::rules::{Flag, Severity};

/// One ISO week of an athlete's span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Week {
    /// The week's Monday (also when the span starts later in the week).
    pub(crate) monday: NaiveDate,
    /// The load summed over the week's days inside the span; `None` when
    /// every one of them is missing.
    pub(crate) load_au: Option<Split>,
    /// Elapsed minutes by modality.
    pub(crate) minutes: Split,
    /// Days of the week with status missing and partial.
    pub(crate) days_missing: u32,
    pub(crate) days_partial: u32,
    /// Mean / population SD of the 7 daily loads, when defined.
    pub(crate) monotony: Option<f64>,
    /// The ACWR on the week's last day inside the span.
    pub(crate) acwr: Option<f64>,
    /// 100 x (this week's load - last week's) / last week's.
    pub(crate) load_change_pct: Option<f64>,
    /// Working sets, hard sets and volume (kg) of its strength sessions with
    /// set data; `None` when none has them.
    pub(crate) working_sets: Option<u64>,
    pub(crate) hard_sets: Option<u64>,
    pub(crate) volume_kg: Option<f64>,
    /// Violations (to-failure included) whose first session is in the week.
    pub(crate) violations: u64,
}

impl Week {
    /// The week's known load, `None` when every day is missing.
    pub(crate) fn total_au(&self) -> Option<f64> {
        self.load_au.map(|s| s.iter().sum())
    }

    /// Load x monotony.
    pub(crate) fn strain(&self) -> Option<f64> {
        Some(self.total_au()? * self.monotony?)
    }
}

pub(crate) use crate::aggregate::monday_of;

/// The weeks of athlete `a` from its `days`. `flags` are the athlete's
/// (`Audit::flags_within` its sessions): each violation counts in the week
/// of its first session.
pub(crate) fn athlete_weeks(frame: &Frame, flags: &[Flag], a: usize, days: &[Day]) -> Vec<Week> {
    let Some(first) = days.first() else {
        return Vec::new();
    };
    let mut weeks: Vec<Week> = Vec::new();
    for chunk in days.chunk_by(|x, y| monday_of(x.day) == monday_of(y.day)) {
        weeks.push(week_of(chunk));
    }
    let first_monday = monday_of(first.day);
    let index =
        |day: i64| usize::try_from((monday_of(day) - first_monday) / 7).unwrap_or(usize::MAX);
    for s in counted(frame.athlete_sessions(a)) {
        if s.modality != Modality::Strength || !s.has_strength_detail() {
            continue;
        }
        let detail = frame.strength_detail(s);
        let Some(w) = weeks.get_mut(index(local_day(s))) else {
            continue;
        };
        if let Some(sets) = detail.sets {
            w.working_sets = Some(w.working_sets.unwrap_or(0) + u64::from(sets));
        }
        if let Some(hard) = detail.hard_sets {
            w.hard_sets = Some(w.hard_sets.unwrap_or(0) + u64::from(hard));
        }
        if let Some(kg) = detail.volume_kg {
            w.volume_kg = Some(w.volume_kg.unwrap_or(0.0) + kg);
        }
    }
    for f in flags.iter().filter(|f| f.severity == Severity::Violation) {
        let day = local_day(&frame.sessions[f.first()]);
        if let Some(w) = weeks.get_mut(index(day)).filter(|_| day >= first.day) {
            w.violations += 1;
        }
    }
    for k in 1..weeks.len() {
        let (last, this) = (weeks[k - 1].total_au(), weeks[k].total_au());
        weeks[k].load_change_pct = match (last, this) {
            (Some(last), Some(this)) if last != 0.0 => {
                let change = 100.0 * (this - last) / last;
                // A change that rounds to 0 is written 0.00, never -0.00.
                Some(if change.abs() < 0.005 { 0.0 } else { change })
            }
            _ => None,
        };
    }
    weeks
}

/// A week from its days inside the span (one to seven, in date order).
fn week_of(days: &[Day]) -> Week {
    let mut load: Option<Split> = None;
    let mut minutes = [0.0; 3];
    let (mut missing, mut partial) = (0, 0);
    for d in days {
        if let Some(l) = d.load_au {
            let sum = load.get_or_insert([0.0; 3]);
            for (total, value) in sum.iter_mut().zip(l) {
                *total += value;
            }
        }
        for (total, value) in minutes.iter_mut().zip(d.minutes) {
            *total += value;
        }
        missing += u32::from(d.status == Status::Missing);
        partial += u32::from(d.status == Status::Partial);
    }
    let monotony = if days.len() == 7 && missing == 0 && partial == 0 {
        let values: Vec<f64> = days.iter().map(|d| d.total_au().unwrap_or(0.0)).collect();
        let mean = values.iter().sum::<f64>() / 7.0;
        let sd = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / 7.0).sqrt();
        // Seven equal loads have an SD of 0, whatever the rounding of
        // their mean leaves: monotony is then undefined.
        let equal = values.iter().all(|v| *v == values[0]);
        (!equal && sd > 0.0).then(|| mean / sd)
    } else {
        None
    };
    let last = &days[days.len() - 1];
    Week {
        monday: date_of(monday_of(days[0].day)),
        load_au: load,
        minutes,
        days_missing: missing,
        days_partial: partial,
        monotony,
        acwr: last.acwr,
        load_change_pct: None,
        working_sets: None,
        hard_sets: None,
        volume_kg: None,
        violations: 0,
    }
}
