//! Concurrent strength/endurance pairs of one athlete (RULES.md section 4)
//! and each strength session's nearest endurance gap (section 6).
//!
//! Sessions arrive sorted by start, so for a session A the gap to later
//! sessions only grows: each scan stops at the first one beyond the
//! preferred gap. That keeps the work linear in sessions times
//! sessions-per-day; the nearest gaps take one sweep each way.

use std::collections::BTreeMap;

use super::flag::{Flag, Rule, Severity, NO_GAP};
use crate::config::Thresholds;
use crate::model::US_PER_H;
use crate::model::{Modality, Session};

/// Nearest gaps are looked for up to this far (RULES.md section 6: 7 days).
pub(crate) const NEAREST_WINDOW_US: i64 = 7 * 24 * US_PER_H;

/// Finds the concurrent pairs of one athlete's sessions, sorted by start
/// (indices relative to its sessions), and writes each timed strength
/// session's nearest endurance gap into `nearest_gap_us` (one place per
/// session, [`NO_GAP`] where none).
pub(super) fn athlete_pairs(
    sessions: &[Session],
    power_focus: bool,
    t: &Thresholds,
    nearest_gap_us: &mut [i64],
) -> Vec<Flag> {
    let mut pairs = Vec::new();
    nearest_gap_us.fill(NO_GAP);
    timed_pairs(sessions, power_focus, t, &mut pairs, nearest_gap_us);
    if sessions.iter().any(|s| s.date_only) {
        same_day_pairs(sessions, power_focus, t, &mut pairs);
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
    for (i, a) in sessions.iter().enumerate() {
        if a.date_only || !a.is_pairable() {
            continue;
        }
        let a_end_us = a.end_us();
        for (j, b) in sessions.iter().enumerate().skip(i + 1) {
            let raw_gap_us = b.start_us.saturating_sub(a_end_us);
            if raw_gap_us >= preferred_us {
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
            if gap_us < preferred_us {
                let (rule, severity) = categorize(a.modality, gap_us, power_focus, t);
                pairs.push(Flag::new(rule, severity, i, Some(j), Some(gap_us)));
            }
        }
    }
    nearest_gaps(sessions, nearest_gap_us);
}

/// Each timed strength session's nearest gap to a timed endurance session
/// of the same kind (planned or done; RULES.md section 6), in one sweep
/// each way rather than a scan of the week after every session: the gap to
/// a later session grows with its start, so the first endurance session
/// after is the nearest after; the gap from an earlier one shrinks as its
/// end is later, so the latest end so far gives the nearest before.
fn nearest_gaps(sessions: &[Session], nearest_gap_us: &mut [i64]) {
    let timed = |s: &Session, m: Modality| s.modality == m && !s.date_only;
    let mut nearer = |i: usize, gap_us: i64| {
        let gap_us = gap_us.max(0);
        if gap_us < NEAREST_WINDOW_US {
            // NO_GAP is larger than any gap: `min` replaces it.
            nearest_gap_us[i] = nearest_gap_us[i].min(gap_us);
        }
    };
    // Per kind (done, planned): the latest end of the endurance sessions so far.
    let mut latest_end_us: [Option<i64>; 2] = [None; 2];
    for (i, s) in sessions.iter().enumerate() {
        let kind = usize::from(s.planned());
        if timed(s, Modality::Strength) {
            if let Some(end_us) = latest_end_us[kind] {
                nearer(i, s.start_us.saturating_sub(end_us));
            }
        } else if timed(s, Modality::Endurance) {
            let end_us = s.end_us();
            latest_end_us[kind] = Some(latest_end_us[kind].map_or(end_us, |e| e.max(end_us)));
        }
    }
    // From the back: the start of the first endurance session after.
    let mut next_start_us: [Option<i64>; 2] = [None; 2];
    for (i, s) in sessions.iter().enumerate().rev() {
        let kind = usize::from(s.planned());
        if timed(s, Modality::Strength) {
            if let Some(start_us) = next_start_us[kind] {
                nearer(i, start_us.saturating_sub(s.end_us()));
            }
        } else if timed(s, Modality::Endurance) {
            next_start_us[kind] = Some(s.start_us);
        }
    }
}

/// The category of a concurrent timed pair (the table of RULES.md section 4).
pub(super) fn categorize(
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

/// Pairs on one local date where at least one session has no time of day;
/// two segments of one date-only gym workout are a same-session pair
/// (`order` or `combined_session`, RULES.md section 10).
fn same_day_pairs(sessions: &[Session], power_focus: bool, t: &Thresholds, pairs: &mut Vec<Flag>) {
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
                    let one_workout = a.date_only && b.date_only && a.same_workout(b);
                    let (rule, severity) = if one_workout {
                        categorize(sessions[first].modality, 0, power_focus, t)
                    } else {
                        (Rule::SameDayUnknownTime, Severity::Advisory)
                    };
                    pairs.push(Flag::new(rule, severity, first, Some(second), None));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Marks;
    use crate::test_support::session;

    /// RULES.md section 6 read literally: every timed strength/endurance
    /// pair of one kind, either order, the smallest gap under 7 days.
    fn nearest_by_every_pair(sessions: &[Session]) -> Vec<i64> {
        let timed = |s: &Session, m| s.modality == m && !s.date_only;
        (0..sessions.len())
            .map(|i| {
                let s = &sessions[i];
                if !timed(s, Modality::Strength) {
                    return NO_GAP;
                }
                let gaps = (0..sessions.len()).filter_map(|j| {
                    let e = &sessions[j];
                    let pairs = timed(e, Modality::Endurance) && e.planned() == s.planned();
                    let (a, b) = if j < i { (e, s) } else { (s, e) };
                    pairs.then(|| (b.start_us - a.end_us()).max(0))
                });
                gaps.filter(|&g| g < NEAREST_WINDOW_US)
                    .min()
                    .unwrap_or(NO_GAP)
            })
            .collect()
    }

    #[test]
    fn nearest_gaps_of_the_sweeps_are_those_of_every_pair() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let modalities = [
            Modality::Strength,
            Modality::Endurance,
            Modality::Warmup,
            Modality::Mixed,
        ];
        for case in 0..300 {
            let count = 1 + next(40) as usize;
            let mut sessions: Vec<Session> = (0..count)
                .map(|k| {
                    let modality = modalities[next(4) as usize];
                    // Starts over three weeks; now and then a session of days.
                    let start_min = next(21 * 24 * 60) as i64;
                    let len_min = if next(10) == 0 {
                        next(6 * 24 * 60)
                    } else {
                        next(180)
                    };
                    let mut s = session(&format!("s{k}"), modality, start_min, len_min as i64);
                    s.date_only = next(12) == 0;
                    s.marks = Marks::new(next(5) == 0, true);
                    s
                })
                .collect();
            sessions.sort_by(|a, b| (a.start_us, &a.session_id).cmp(&(b.start_us, &b.session_id)));
            let mut gaps = vec![0; sessions.len()];
            athlete_pairs(&sessions, case % 2 == 0, &Thresholds::default(), &mut gaps);
            assert_eq!(gaps, nearest_by_every_pair(&sessions), "case {case}");
        }
    }
}
