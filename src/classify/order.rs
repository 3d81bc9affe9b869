//! The frame's order: sessions sorted by athlete, start and session id, and
//! each athlete's range of them.

use std::ops::Range;

use rayon::prelude::*;

use crate::model::Session;

/// Sorts sessions by athlete, start and session id: in place (a merge
/// sort would need a second copy of every session). Session ids are unique
/// by now, so the order is total and deterministic. Sessions usually come
/// sorted (an athlete's files, or athletes in id order): they are looked
/// at on all threads, and sorted only when they are not.
pub(super) fn sort_sessions(sessions: &mut [Session]) {
    let by_key = |a: &Session, b: &Session| {
        (a.athlete, a.start_us, &a.session_id).cmp(&(b.athlete, b.start_us, &b.session_id))
    };
    if !sessions
        .par_windows(2)
        .all(|w| by_key(&w[0], &w[1]).is_le())
    {
        sessions.par_sort_unstable_by(by_key);
    }
}

/// Each athlete's range of the sorted sessions. An athlete's end is found
/// by galloping from its start: a few probes near it, where a search of
/// all the sessions after it jumped across the whole frame.
pub(super) fn athlete_ranges(sessions: &[Session], athletes: usize) -> Vec<Range<usize>> {
    let mut ranges = vec![0..0; athletes];
    let mut start = 0;
    while start < sessions.len() {
        let a = sessions[start].athlete;
        let mut step = 1;
        while start + step < sessions.len() && sessions[start + step].athlete == a {
            step *= 2;
        }
        let (known, limit) = (start + step / 2, (start + step + 1).min(sessions.len()));
        let end = known + sessions[known..limit].partition_point(|s| s.athlete == a);
        ranges[a as usize] = start..end;
        start = end;
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Modality;
    use crate::test_support::session;

    #[test]
    fn sessions_come_out_sorted_by_athlete_start_and_id() {
        let at = |athlete: u32, id: &str, start_min: i64| {
            let mut s = session(id, Modality::Strength, start_min, 1);
            s.athlete = athlete;
            s
        };
        let sorted = vec![at(0, "a", 5), at(0, "b", 5), at(0, "a2", 9), at(1, "c", 0)];
        let ids = |s: &[Session]| {
            s.iter()
                .map(|s| s.session_id.to_string())
                .collect::<Vec<_>>()
        };
        let mut sessions = sorted.clone();
        sort_sessions(&mut sessions);
        assert_eq!(sessions, sorted);
        sessions.reverse();
        sort_sessions(&mut sessions);
        assert_eq!(ids(&sessions), ["a", "b", "a2", "c"]);
        sessions.swap(0, 1);
        sort_sessions(&mut sessions);
        assert_eq!(ids(&sessions), ["a", "b", "a2", "c"]);
    }

    #[test]
    fn athlete_ranges_by_galloping_cover_each_run_of_an_athlete() {
        let runs = [
            (0u32, 1usize),
            (1, 2),
            (2, 3),
            (4, 17),
            (5, 64),
            (6, 65),
            (7, 1),
        ];
        let mut sessions = Vec::new();
        for &(athlete, n) in &runs {
            for i in 0..n {
                let mut s = session(&format!("{athlete}-{i}"), Modality::Strength, i as i64, 1);
                s.athlete = athlete;
                sessions.push(s);
            }
        }
        let ranges = athlete_ranges(&sessions, 9);
        let mut start = 0;
        for &(athlete, n) in &runs {
            assert_eq!(
                ranges[athlete as usize],
                start..start + n,
                "athlete {athlete}"
            );
            start += n;
        }
        assert!(ranges[3].is_empty() && ranges[8].is_empty());
        assert!(athlete_ranges(&[], 2).iter().all(|r| r.is_empty()));
    }
}
