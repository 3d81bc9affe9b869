//! Concurrent strength/endurance pairs of one athlete (RULES.md section 4)
//! and each strength session's nearest endurance gap (section 6).
//!
//! Sessions arrive sorted by start, so for a session A the gap to later
//! sessions only grows: each scan stops at the first one beyond the window.
//! That keeps the work linear in sessions times sessions-per-week.

use std::collections::BTreeMap;

use super::{Flag, Rule, Severity, NEAREST_WINDOW_US, NO_GAP};
use crate::config::Thresholds;
use crate::model::{Modality, Session};

/// Finds the concurrent pairs of one athlete's sessions, sorted by start
/// (indices relative to its sessions), and writes each timed strength
/// session's nearest endurance gap into `nearest_gap_us` (one place per
/// session, [`NO_GAP`] where none).
pub fn athlete_pairs(
    sessions: &[Session],
    power_focus: bool,
    t: &Thresholds,
    nearest_gap_us: &mut [i64],
) -> Vec<Flag> {
    let mut pairs = Vec::new();
    nearest_gap_us.fill(NO_GAP);
    timed_pairs(sessions, power_focus, t, &mut pairs, nearest_gap_us);
    if sessions.iter().any(|s| s.date_only) {
        same_day_pairs(sessions, &mut pairs);
    }
    pairs
}

fn timed_pairs(
    sessions: &[Session],
    power_focus: bool,
    t: &Thresholds,
    pairs: &mut Vec<Flag>,
    nearest_gap_us: &mut [i64],
) {
    let preferred_us = t.preferred_gap_us();
    let window_us = preferred_us.max(NEAREST_WINDOW_US);
    for (i, a) in sessions.iter().enumerate() {
        if a.date_only || !a.is_pairable() {
            continue;
        }
        let a_end_us = a.end_us();
        for (j, b) in sessions.iter().enumerate().skip(i + 1) {
            let raw_gap_us = b.start_us - a_end_us;
            if raw_gap_us >= window_us {
                break;
            }
            if b.date_only
                || !b.is_pairable()
                || b.modality == a.modality
                || b.planned() != a.planned()
            {
                continue;
            }
            let gap_us = raw_gap_us.max(0);
            if gap_us < NEAREST_WINDOW_US {
                let strength = if a.modality == Modality::Strength {
                    i
                } else {
                    j
                };
                // NO_GAP is larger than any gap: `min` replaces it.
                let nearest = &mut nearest_gap_us[strength];
                *nearest = (*nearest).min(gap_us);
            }
            if gap_us < preferred_us {
                let (rule, severity) = categorize(a.modality, gap_us, power_focus, t);
                pairs.push(Flag::new(rule, severity, i, Some(j), Some(gap_us)));
            }
        }
    }
}

/// The category of a concurrent timed pair (the table of RULES.md section 4).
pub fn categorize(
    first: Modality,
    gap_us: i64,
    power_focus: bool,
    t: &Thresholds,
) -> (Rule, Severity) {
    if gap_us <= t.same_session_us() {
        if first == Modality::Endurance {
            (Rule::Order, Severity::Violation)
        } else if power_focus {
            (Rule::CombinedSession, Severity::Violation)
        } else {
            (Rule::CombinedSession, Severity::Advisory)
        }
    } else if gap_us < t.min_gap_us(power_focus) {
        (Rule::SpacingMin, Severity::Violation)
    } else {
        (Rule::SpacingPreferred, Severity::Advisory)
    }
}

/// Pairs on one local date where at least one session has no time of day.
fn same_day_pairs(sessions: &[Session], pairs: &mut Vec<Flag>) {
    let mut by_date: BTreeMap<chrono::NaiveDate, (Vec<usize>, bool)> = BTreeMap::new();
    for (i, s) in sessions.iter().enumerate().filter(|(_, s)| s.is_pairable()) {
        let entry = by_date.entry(s.local_date()).or_default();
        entry.0.push(i);
        entry.1 |= s.date_only;
    }
    for (members, has_date_only) in by_date.into_values() {
        if !has_date_only {
            continue;
        }
        for (k, &i) in members.iter().enumerate() {
            for &j in &members[k + 1..] {
                let (a, b) = (&sessions[i], &sessions[j]);
                if a.modality != b.modality
                    && a.planned() == b.planned()
                    && (a.date_only || b.date_only)
                {
                    let (first, second) = (i.min(j), i.max(j));
                    let (rule, severity) = (Rule::SameDayUnknownTime, Severity::Advisory);
                    pairs.push(Flag::new(rule, severity, first, Some(second), None));
                }
            }
        }
    }
}
