//! The same workout from a gym app and another source (RULES.md section
//! 10), matched before the same-activity rule of `dedupe`: a gym workout
//! and a strength (or mixed) session of another source whose times overlap
//! by at least half of the shorter are one workout, whose gym sessions are
//! kept (a FIT file's start and end replace the workout's, and its time is
//! shared out again); an endurance segment overlapping another source's
//! endurance session that way is dropped, the other session kept. A kept
//! record takes from a dropped one every value it lacks.

use super::kept::{duplicate_note, fill_from};
use super::workout::segments::share_seconds;
use crate::model::{Modality, Note, Origin, Session, SourceFile, StrengthDetail};

/// The sessions of one athlete's run found to be dropped, with their notes.
struct Gone {
    marked: Vec<bool>,
    notes: Vec<(usize, Note)>,
}

impl Gone {
    fn drop(&mut self, i: usize, note: Note) {
        self.marked[i] = true;
        self.notes.push((i, note));
    }
}

/// A gym workout's sessions (indices into the athlete's run) and its time.
struct Workout {
    members: Vec<usize>,
    start_us: i64,
    end_us: i64,
}

/// Sessions that start this long before a workout are not looked at (no
/// training session lasts two days).
const LOOK_BACK_US: i64 = 48 * 3_600_000_000;

/// Whether two time spans overlap by at least half of the shorter one; a
/// span of no length (a workout whose length is unknown) overlaps a span
/// that holds it.
fn half_overlap(a: (i64, i64), b: (i64, i64)) -> bool {
    let (a, b) = (
        (i128::from(a.0), i128::from(a.1)),
        (i128::from(b.0), i128::from(b.1)),
    );
    let overlap = a.1.min(b.1) - a.0.max(b.0);
    let shorter = (a.1 - a.0).min(b.1 - b.0);
    if shorter <= 0 {
        let (point, span) = if a.1 - a.0 <= b.1 - b.0 {
            (a.0, b)
        } else {
            (b.0, a)
        };
        return span.0 <= point && point < span.1.max(span.0 + 1);
    }
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
            let mut gone = Gone {
                marked: vec![false; run.len()],
                notes: Vec::new(),
            };
            for w in workouts(run, files) {
                match_workout(run, &w, files, details, athlete_ids, &mut gone);
            }
            dropped.extend(gone.notes.into_iter().map(|(i, note)| (start + i, note)));
        }
        start += run.len();
    }
    dropped
}

/// The timed gym workouts of one athlete's run, in the order first met.
fn workouts(run: &[Session], files: &[SourceFile]) -> Vec<Workout> {
    let mut index: std::collections::HashMap<(u32, &str), usize> = Default::default();
    let mut found: Vec<Workout> = Vec::new();
    for (i, s) in run.iter().enumerate() {
        if s.date_only || !files[s.source() as usize].format.is_per_set() {
            continue;
        }
        let key = (s.source(), s.workout_id());
        match index.get(&key) {
            Some(&k) => {
                let w = &mut found[k];
                w.members.push(i);
                w.start_us = w.start_us.min(s.start_us);
                w.end_us = w.end_us.max(s.end_us());
            }
            None => {
                index.insert(key, found.len());
                found.push(Workout {
                    members: vec![i],
                    start_us: s.start_us,
                    end_us: s.end_us(),
                });
            }
        }
    }
    found
}

/// Matches one workout: other sources' strength or mixed sessions over the
/// whole workout, their endurance sessions over its endurance segments (a
/// warm-up segment too).
fn match_workout(
    run: &mut [Session],
    w: &Workout,
    files: &[SourceFile],
    details: &mut Vec<(Origin, StrengthDetail)>,
    athlete_ids: &[String],
    gone: &mut Gone,
) {
    // The run is sorted by start: only sessions starting before the
    // workout ends, and not long before it starts, can overlap it.
    let from = run.partition_point(|s| s.start_us < w.start_us.saturating_sub(LOOK_BACK_US));
    let to = run.partition_point(|s| s.start_us <= w.end_us);
    for j in from..to {
        let o = &run[j];
        if o.date_only || files[o.source() as usize].format.is_per_set() || gone.marked[j] {
            continue;
        }
        let span = (o.start_us, o.end_us());
        let whole = matches!(o.modality, Modality::Strength | Modality::Mixed)
            && half_overlap((w.start_us, w.end_us), span);
        if whole {
            let o = o.clone();
            // The dropped record's sets go to the first strength segment only.
            let mut lent = false;
            for &m in &w.members {
                let first_strength = !lent && run[m].modality == Modality::Strength;
                lent |= first_strength;
                fill_from(&mut run[m], &o, details, first_strength);
            }
            if files[o.source() as usize].format.is_device_timed() {
                retime(run, &w.members, span);
            }
            let note = duplicate_note(&run[w.members[0]], &o, files, athlete_ids, "workout");
            gone.drop(j, note);
            continue;
        }
        if o.modality != Modality::Endurance {
            continue;
        }
        let segment = w.members.iter().copied().find(|&m| {
            let s = &run[m];
            matches!(s.modality, Modality::Endurance | Modality::Warmup)
                && !gone.marked[m]
                && half_overlap((s.start_us, s.end_us()), span)
        });
        if let Some(m) = segment {
            let segment = run[m].clone();
            fill_from(&mut run[j], &segment, details, true);
            let note = duplicate_note(&run[j], &segment, files, athlete_ids, "activity");
            gone.drop(m, note);
        }
    }
}

/// Moves a workout's sessions to `span` (a FIT file's start and end):
/// segments keep their order, known lengths stay (within the new time),
/// the others share the rest as they shared the old; the last ends at the
/// new end; whole seconds.
fn retime(run: &mut [Session], members: &[usize], span: (i64, i64)) {
    let total_s = ((span.1 - span.0) as f64 / 1e6).round().max(0.0);
    // Members are in run order, which is by start.
    let parts: Vec<(Option<f64>, f64)> = members
        .iter()
        .map(|&m| {
            let s = &run[m];
            (s.length_known().then_some(s.duration_s), s.duration_s)
        })
        .collect();
    let seconds = share_seconds(total_s, &parts);
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
    use crate::model::{Marks, Modality, SourceFormat};
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
            file("lift.fit", SourceFormat::device("fit", 4)),
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

    #[test]
    fn a_warmup_segment_gives_way_to_another_sources_run_too() {
        let mut sessions = gym_workout();
        sessions[0].modality = Modality::Warmup;
        sessions.push(from(2, "strava-1", E, 600, 20));
        let dropped = match_gym_workouts(&mut sessions, &files(), &mut Vec::new(), &["A".into()]);
        assert_eq!(dropped.iter().map(|d| d.0).collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn a_workout_of_unknown_length_matches_the_session_it_lies_in() {
        let mut lift = from(0, "w", S, 600, 0);
        lift.marks = Marks::new(false, true);
        let mut sessions = vec![from(2, "strava-1", S, 590, 60), lift];
        sessions.sort_by_key(|s| s.start_us);
        let dropped = match_gym_workouts(&mut sessions, &files(), &mut Vec::new(), &["A".into()]);
        assert_eq!(dropped.len(), 1);
        assert!(sessions[dropped[0].0].session_id == "strava-1");
    }

    #[test]
    fn overlaps_of_far_times_do_not_overflow() {
        assert!(half_overlap((i64::MIN / 2, i64::MAX / 2), (0, 10)));
        assert!(!half_overlap((i64::MAX - 10, i64::MAX), (0, 10)));
    }
}
