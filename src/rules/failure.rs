//! To-failure flags (RULES.md section 5).

use super::flag::{Flag, Rule, Severity};
use crate::config::Thresholds;
use crate::model::{Modality, Session};

/// One flag per strength session to failure of one athlete's sorted sessions.
pub(super) fn to_failure_flags(sessions: &[Session], thresholds: &Thresholds) -> Vec<Flag> {
    let preferred_us = thresholds.preferred_gap_us();
    sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.modality == Modality::Strength && s.to_failure == Some(true))
        .map(|(i, s)| {
            let second = if s.date_only {
                None
            } else {
                first_endurance_within(sessions, i, preferred_us)
            };
            let severity = if second.is_some() {
                Severity::Violation
            } else {
                Severity::Advisory
            };
            Flag::new(Rule::ToFailure, severity, i, second, None)
        })
        .collect()
}

/// The earliest timed endurance session after `sessions[i]` with a gap under `preferred_us`.
fn first_endurance_within(sessions: &[Session], i: usize, preferred_us: i64) -> Option<usize> {
    let a = &sessions[i];
    let a_end_us = a.end_us();
    sessions
        .iter()
        .enumerate()
        .skip(i + 1)
        .take_while(|(_, b)| b.start_us - a_end_us < preferred_us)
        .find(|(_, b)| {
            b.modality == Modality::Endurance && !b.date_only && b.planned() == a.planned()
        })
        .map(|(j, _)| j)
}
