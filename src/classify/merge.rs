//! The same workout from a gym app and another source (RULES.md section
//! 10), matched before the same-activity rule of `dedupe`: a gym workout
//! and a strength (or mixed) session of another source whose times overlap
//! by at least half of the shorter are one workout, whose gym sessions are
//! kept (a FIT file's start and end replace the workout's, and its time is
//! shared out again); an endurance segment overlapping another source's
//! endurance session that way is dropped, the other session kept. A kept
//! record takes from a dropped one every value it lacks.

use super::kept::{duplicate_note, fill_from};
use crate::ingest::{fit, fitcsv};
use crate::model::{Modality, Note, Origin, Session, SourceFile, StrengthDetail};

/// A gym workout's sessions (indices into the athlete's run) and its time.
struct Workout {
    members: Vec<usize>,
    start_us: i64,
    end_us: i64,
}

/// Whether two time spans overlap by at least half of the shorter one.
fn half_overlap(a: (i64, i64), b: (i64, i64)) -> bool {
    let overlap = a.1.min(b.1) - a.0.max(b.0);
    let shorter = (a.1 - a.0).min(b.1 - b.0);
    overlap > 0 && 2 * overlap >= shorter
}

/// Matches every athlete's gym workouts against the other sources in
/// `sessions` (sorted by athlete, then start). Returns the indices of the
/// sessions to drop with their notes; moves FIT-timed workouts and fills
/// values kept records lack in place (the caller sorts again).
pub(super) fn match_gym_workouts(
    sessions: &mut [Session],
    files: &[SourceFile],
    details: &mut Vec<(Origin, StrengthDetail)>,
    athlete_ids: &[String],
) -> Vec<(usize, Note)> {
    let mut dropped = Vec::new();
    if !files.iter().any(|f| f.format.is_per_set()) {
        return dropped;
    }
    let per_set = |s: &Session| files[s.source() as usize].format.is_per_set();
    let mut start = 0;
    for run in sessions.chunk_by_mut(|a, b| a.athlete == b.athlete) {
        if run.iter().any(per_set) {
            let mut gone: Vec<(usize, Note)> = Vec::new();
            for w in workouts(run, files) {
                match_workout(run, &w, files, details, athlete_ids, &mut gone);
            }
            dropped.extend(gone.into_iter().map(|(i, note)| (start + i, note)));
        }
        start += run.len();
    }
    dropped
}

/// The timed gym workouts of one athlete's run.
fn workouts(run: &[Session], files: &[SourceFile]) -> Vec<Workout> {
    let mut found: Vec<((u32, String), Workout)> = Vec::new();
    for (i, s) in run.iter().enumerate() {
        if s.date_only || !files[s.source() as usize].format.is_per_set() {
            continue;
        }
        let key = (s.source(), s.workout_id().to_string());
        match found.iter_mut().find(|(k, _)| *k == key) {
            Some((_, w)) => {
                w.members.push(i);
                w.start_us = w.start_us.min(s.start_us);
                w.end_us = w.end_us.max(s.end_us());
            }
            None => found.push((
                key,
                Workout {
                    members: vec![i],
                    start_us: s.start_us,
                    end_us: s.end_us(),
                },
            )),
        }
    }
    found.into_iter().map(|(_, w)| w).collect()
}

/// Matches one workout: other sources' strength or mixed sessions over the
/// whole workout, their endurance sessions over its endurance segments.
fn match_workout(
    run: &mut [Session],
    w: &Workout,
    files: &[SourceFile],
    details: &mut Vec<(Origin, StrengthDetail)>,
    athlete_ids: &[String],
    gone: &mut Vec<(usize, Note)>,
) {
    let is_gone = |gone: &[(usize, Note)], i: usize| gone.iter().any(|(g, _)| *g == i);
    for j in 0..run.len() {
        let o = run[j].clone();
        if o.date_only || files[o.source() as usize].format.is_per_set() || is_gone(gone, j) {
            continue;
        }
        let span = (o.start_us, o.end_us());
        let whole = matches!(o.modality, Modality::Strength | Modality::Mixed)
            && half_overlap((w.start_us, w.end_us), span);
        if whole {
            for &m in &w.members {
                fill_from(&mut run[m], &o, details);
            }
            let format = files[o.source() as usize].format;
            if format == fit::KIND || format == fitcsv::KIND {
                retime(run, &w.members, span);
            }
            let note = duplicate_note(&run[w.members[0]], &o, files, athlete_ids, "workout");
            gone.push((j, note));
            continue;
        }
        if o.modality != Modality::Endurance {
            continue;
        }
        let segment = w.members.iter().copied().find(|&m| {
            let s = &run[m];
            s.modality == Modality::Endurance
                && !is_gone(gone, m)
                && half_overlap((s.start_us, s.end_us()), span)
        });
        if let Some(m) = segment {
            let segment = run[m].clone();
            fill_from(&mut run[j], &segment, details);
            let note = duplicate_note(&run[j], &segment, files, athlete_ids, "activity");
            gone.push((m, note));
        }
    }
}

/// Moves a workout's sessions to `span` (a FIT file's start and end):
/// segments keep their order, known lengths stay (within the new time),
/// the others share the rest as they shared the old; the last ends at the
/// new end; whole seconds.
fn retime(run: &mut [Session], members: &[usize], span: (i64, i64)) {
    let total_s = ((span.1 - span.0) as f64 / 1e6).round().max(0.0);
    let mut members: Vec<usize> = members.to_vec();
    members.sort_by_key(|&m| run[m].start_us);
    let known: Vec<bool> = members.iter().map(|&m| run[m].length_known()).collect();
    let mut left_s = total_s;
    let mut seconds: Vec<f64> = vec![0.0; members.len()];
    for (k, &m) in members.iter().enumerate().filter(|(k, _)| known[*k]) {
        seconds[k] = run[m].duration_s.min(left_s);
        left_s -= seconds[k];
    }
    let old_unknown: f64 = (0..members.len())
        .filter(|&k| !known[k])
        .map(|k| run[members[k]].duration_s)
        .sum();
    let unknown_count = known.iter().filter(|k| !**k).count() as f64;
    for k in (0..members.len()).filter(|&k| !known[k]) {
        let weight = if old_unknown > 0.0 {
            run[members[k]].duration_s / old_unknown
        } else {
            1.0 / unknown_count
        };
        seconds[k] = (left_s * weight).floor();
    }
    let before: f64 = seconds[..seconds.len() - 1].iter().sum();
    if let Some(last) = seconds.last_mut() {
        *last = (total_s - before).max(0.0);
    }
    let mut at_s = 0.0;
    for (k, &m) in members.iter().enumerate() {
        run[m].start_us = span.0 + (at_s * 1e6) as i64;
        run[m].duration_s = seconds[k];
        at_s += seconds[k];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Modality, SourceFormat};
    use crate::test_support::session;

    const E: Modality = Modality::Endurance;
    const S: Modality = Modality::Strength;

    fn files() -> Vec<SourceFile> {
        let file = |path: &str, format| SourceFile {
            path: path.into(),
            format,
        };
        vec![
            file("hevy.csv", SourceFormat::per_set("hevy_csv")),
            file("lift.fit", fit::KIND),
            file("activities.csv", SourceFormat::new("strava_csv", 1)),
        ]
    }

    /// A session of file `source` from `start_min` for `len_min`.
    fn from(source: u32, id: &str, modality: Modality, start_min: i64, len_min: i64) -> Session {
        let mut s = session(id, modality, start_min, len_min);
        s.origin = Origin::new(source, start_min as u64 + 2);
        s
    }

    /// A 20-minute treadmill segment (its own length) and 40 minutes of lifting.
    fn gym_workout() -> Vec<Session> {
        let mut run = from(0, "w#1", E, 600, 20);
        run.marks = run.marks.with_segment();
        let mut lift = from(0, "w#2", S, 620, 40);
        lift.marks = lift.marks.with_segment().with_length_unknown();
        vec![run, lift]
    }

    #[test]
    fn half_of_the_shorter_span_must_overlap() {
        assert!(half_overlap((0, 100), (50, 200)));
        assert!(half_overlap((0, 100), (10, 40)));
        assert!(!half_overlap((0, 100), (60, 200)));
        assert!(!half_overlap((0, 100), (100, 200)));
    }

    #[test]
    fn a_fit_strength_session_of_the_same_workout_is_dropped_and_lends_its_times() {
        let mut sessions = gym_workout();
        let mut fit_lift = from(1, "lift.fit", S, 605, 60);
        fit_lift.rpe = Some(7.0).into();
        sessions.push(fit_lift);
        let dropped = match_gym_workouts(&mut sessions, &files(), &mut Vec::new(), &["A".into()]);
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].0, 2);
        assert_eq!(dropped[0].1.kind, "duplicate_activity");
        let minute = 60_000_000;
        let day0 = crate::test_support::DAY0_US;
        assert_eq!(sessions[0].start_us, day0 + 605 * minute);
        assert_eq!(sessions[0].duration_s, 1200.0);
        assert_eq!(sessions[1].start_us, day0 + 625 * minute);
        assert_eq!(sessions[1].duration_s, 2400.0);
        assert!(sessions[..2].iter().all(|s| s.rpe() == Some(7.0)));
    }

    #[test]
    fn an_endurance_segment_gives_way_to_another_sources_run() {
        let mut sessions = gym_workout();
        sessions.push(from(2, "strava-1", E, 598, 25));
        let dropped = match_gym_workouts(&mut sessions, &files(), &mut Vec::new(), &["A".into()]);
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].0, 0, "the treadmill segment is dropped");
    }

    #[test]
    fn sessions_apart_in_time_stay() {
        let mut sessions = gym_workout();
        sessions.push(from(1, "lift.fit", S, 900, 60));
        assert!(
            match_gym_workouts(&mut sessions, &files(), &mut Vec::new(), &["A".into()]).is_empty()
        );
    }
}
