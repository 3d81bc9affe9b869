//! Warm-ups (RULES.md section 4): a short endurance bout right before a
//! strength session is preparation, not endurance training. Also finds
//! overlapping sessions, a data-quality matter.

use crate::config::Thresholds;
use crate::model::{Modality, Session};

/// Marks the warm-ups among one athlete's sessions, sorted by start.
pub(crate) fn mark_warmups(sessions: &mut [Session], thresholds: &Thresholds) {
    let max_len_us = thresholds.warmup_max_us();
    let max_gap_us = thresholds.same_session_us();
    let warmups: Vec<usize> = (0..sessions.len())
        .filter(|&i| {
            let w = &sessions[i];
            w.modality == Modality::Endurance
                && !w.date_only
                && w.length_known()
                && w.end_us() - w.start_us <= max_len_us
                && has_strength_after(sessions, i, max_gap_us)
        })
        .collect();
    for i in warmups {
        sessions[i].modality = Modality::Warmup;
    }
}

/// Whether a timed strength session starts no earlier than `sessions[i]` and
/// at most `max_gap_us` after it ends (an overlap counts too).
fn has_strength_after(sessions: &[Session], i: usize, max_gap_us: i64) -> bool {
    let w = &sessions[i];
    // Sessions with the same start may sort before `i` (ties go by session id).
    let first = sessions[..i].partition_point(|s| s.start_us < w.start_us);
    let w_end_us = w.end_us();
    sessions[first..]
        .iter()
        .take_while(|s| s.start_us - w_end_us <= max_gap_us)
        .any(|s| {
            s.modality == Modality::Strength
                && !s.date_only
                && s.start_us >= w.start_us
                // Inside a workout only its first segment can be a
                // warm-up, decided when the workout was read.
                && !w.same_workout(s)
        })
}

/// Pairs of one athlete's timed sessions (indices) whose times overlap,
/// leaving out warm-ups, which may overlap the strength they prepare for.
pub(crate) fn overlaps(sessions: &[Session]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (i, a) in sessions.iter().enumerate() {
        if a.date_only || a.modality == Modality::Warmup {
            continue;
        }
        let a_end_us = a.end_us();
        for (j, b) in sessions.iter().enumerate().skip(i + 1) {
            if b.start_us >= a_end_us {
                break;
            }
            if !b.date_only && b.modality != Modality::Warmup {
                found.push((i, j));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::session;

    fn warmup_case(len_min: i64, end_before_min: i64) -> Modality {
        // Strength at 10:00; an endurance bout of `len_min` ending `end_before_min` before it.
        let strength_start = 10 * 60;
        let mut s = vec![
            session(
                "w",
                Modality::Endurance,
                strength_start - end_before_min - len_min,
                len_min,
            ),
            session("s", Modality::Strength, strength_start, 60),
        ];
        mark_warmups(&mut s, &Thresholds::default());
        s[0].modality
    }

    #[test]
    fn fifteen_minute_bout_is_a_warmup() {
        assert_eq!(warmup_case(15, 5), Modality::Warmup);
    }

    #[test]
    fn sixteen_minute_bout_is_endurance() {
        assert_eq!(warmup_case(16, 5), Modality::Endurance);
    }

    #[test]
    fn bout_ending_twenty_minutes_before_is_a_warmup() {
        assert_eq!(warmup_case(10, 20), Modality::Warmup);
    }

    #[test]
    fn bout_ending_twenty_one_minutes_before_is_endurance() {
        assert_eq!(warmup_case(10, 21), Modality::Endurance);
    }

    #[test]
    fn bout_overlapping_the_strength_start_is_a_warmup() {
        assert_eq!(warmup_case(10, -5), Modality::Warmup);
    }

    #[test]
    fn bout_after_strength_start_is_not_a_warmup() {
        let mut s = vec![
            session("s", Modality::Strength, 600, 60),
            session("w", Modality::Endurance, 601, 10),
        ];
        mark_warmups(&mut s, &Thresholds::default());
        assert_eq!(s[1].modality, Modality::Endurance);
    }

    #[test]
    fn same_start_counts_even_when_strength_sorts_first() {
        let mut s = vec![
            session("a-strength", Modality::Strength, 600, 60),
            session("b-bike", Modality::Endurance, 600, 10),
        ];
        mark_warmups(&mut s, &Thresholds::default());
        assert_eq!(s[1].modality, Modality::Warmup);
    }

    #[test]
    fn date_only_sessions_never_make_warmups() {
        let mut s = vec![
            session("w", Modality::Endurance, 0, 10),
            session("s", Modality::Strength, 15, 60),
        ];
        s[1].date_only = true;
        mark_warmups(&mut s, &Thresholds::default());
        assert_eq!(s[0].modality, Modality::Endurance);
        s[1].date_only = false;
        s[0].date_only = true;
        mark_warmups(&mut s, &Thresholds::default());
        assert_eq!(s[0].modality, Modality::Endurance);
    }

    #[test]
    fn overlapping_sessions_are_found() {
        let s = vec![
            session("a", Modality::Endurance, 0, 60),
            session("b", Modality::Strength, 59, 30),
            session("c", Modality::Strength, 88, 30),
        ];
        assert_eq!(overlaps(&s), vec![(0, 1), (1, 2)]);
    }

    #[test]
    fn a_segment_is_no_warmup_for_the_strength_of_its_own_workout() {
        let segment = |id: &str, modality, start, len| {
            let mut s = session(id, modality, start, len);
            s.marks = s.marks.with_segment();
            s
        };
        let mut s = vec![
            segment("w#1", Modality::Strength, 600, 20),
            segment("w#2", Modality::Endurance, 620, 10),
            segment("w#3", Modality::Strength, 630, 20),
        ];
        mark_warmups(&mut s, &crate::config::Thresholds::default());
        assert_eq!(s[1].modality, Modality::Endurance);
        // Before another workout's strength it is one.
        s[2].session_id = "v".into();
        s[2].marks = crate::model::Marks::new(false, true);
        mark_warmups(&mut s, &crate::config::Thresholds::default());
        assert_eq!(s[1].modality, Modality::Warmup);
    }
}
