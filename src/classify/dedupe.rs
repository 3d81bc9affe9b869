//! The same activity from two sources (a FIT file and its Strava row, a
//! Garmin Connect list and the FIT file) counts once: the richer record
//! stays, and takes from the other every value it lacks (RPE, to-failure,
//! sets, repetitions, volume).

use rayon::prelude::*;

use super::kept::{duplicate_note, fill_from};
use crate::model::{Note, Origin, Session, SourceFile, StrengthDetail};

/// Starts at most this far apart may be one activity.
const MAX_START_DIFF_US: i64 = 60_000_000;
/// Durations within this many seconds, or within `MAX_DURATION_RATIO`, match.
const MAX_DURATION_DIFF_S: f64 = 60.0;
/// Relative duration difference that still matches.
const MAX_DURATION_RATIO: f64 = 0.02;

fn same_activity(a: &Session, b: &Session) -> bool {
    let diff_s = (a.duration_s - b.duration_s).abs();
    a.athlete == b.athlete
        && a.source() != b.source()
        && a.modality == b.modality
        && !a.date_only
        && !b.date_only
        && (b.start_us - a.start_us).abs() <= MAX_START_DIFF_US
        && (diff_s <= MAX_DURATION_DIFF_S
            || diff_s <= MAX_DURATION_RATIO * a.duration_s.max(b.duration_s))
}

/// Whether `a` is the record to keep over `b`: richer format, else earlier input.
fn keeps_over(a: &Session, b: &Session, files: &[SourceFile]) -> bool {
    let rank = |s: &Session| files[s.source() as usize].format.richness();
    (std::cmp::Reverse(rank(a)), a.origin) <= (std::cmp::Reverse(rank(b)), b.origin)
}

/// Removes duplicate records of one activity from sessions sorted by athlete
/// and start, noting each dropped record. Athletes are searched on all
/// threads; the sessions are moved only when one is dropped.
pub(crate) fn drop_same_activity(
    sessions: &mut Vec<Session>,
    files: &[SourceFile],
    athlete_ids: &[String],
    notes: &mut Vec<Note>,
    details: &mut Vec<(Origin, StrengthDetail)>,
) {
    let base = sessions.as_ptr() as usize;
    let at = |run: &[Session]| (run.as_ptr() as usize - base) / std::mem::size_of::<Session>();
    let found: Vec<(usize, usize, Note)> = sessions
        .par_chunk_by(|a, b| a.athlete == b.athlete)
        .flat_map_iter(|run| {
            let start = at(run);
            let gone = same_activities(run, files);
            let notes = gone.into_iter().map(move |(kept, gone)| {
                let note = duplicate_note(&run[kept], &run[gone], files, athlete_ids, "activity");
                (start + kept, start + gone, note)
            });
            notes.collect::<Vec<_>>()
        })
        .collect();
    if found.is_empty() {
        return;
    }
    let mut dropped = vec![false; sessions.len()];
    for (kept, gone, note) in found {
        let gone_session = sessions[gone].clone();
        fill_from(&mut sessions[kept], &gone_session, details, true);
        dropped[gone] = true;
        notes.push(note);
    }
    let mut keep = dropped.iter().map(|d| !d);
    sessions.retain(|_| keep.next().unwrap_or(true));
}

/// In one athlete's sessions sorted by start: (kept, dropped) for each
/// record of an activity that another record of it wins over.
fn same_activities(sessions: &[Session], files: &[SourceFile]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    // Made when the first record is dropped: most athletes have none.
    let mut dropped: Vec<bool> = Vec::new();
    for i in 0..sessions.len() {
        for j in i + 1..sessions.len() {
            let (a, b) = (&sessions[i], &sessions[j]);
            if b.start_us - a.start_us > MAX_START_DIFF_US {
                break;
            }
            let either_gone = dropped.get(i) == Some(&true) || dropped.get(j) == Some(&true);
            if either_gone || !same_activity(a, b) {
                continue;
            }
            let (kept, gone) = if keeps_over(a, b, files) {
                (i, j)
            } else {
                (j, i)
            };
            dropped.resize(sessions.len(), false);
            dropped[gone] = true;
            found.push((kept, gone));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Modality;
    use crate::test_support::session;

    fn files() -> Vec<SourceFile> {
        vec![
            SourceFile {
                path: "activities.csv".into(),
                format: crate::ingest::strava::KIND,
            },
            SourceFile {
                path: "1.fit".into(),
                format: crate::ingest::fit::KIND,
            },
        ]
    }

    fn run(mut sessions: Vec<Session>) -> (Vec<Session>, Vec<Note>) {
        sessions.sort_by_key(|s| s.start_us);
        let mut notes = Vec::new();
        drop_same_activity(
            &mut sessions,
            &files(),
            &["A1".to_string()],
            &mut notes,
            &mut Vec::new(),
        );
        (sessions, notes)
    }

    fn from(source: u32, mut s: Session) -> Session {
        s.origin = crate::model::Origin::new(source, 0);
        s
    }

    #[test]
    fn fit_record_wins_over_the_csv_row_of_the_same_activity() {
        let csv = from(0, session("strava", Modality::Endurance, 0, 60));
        let mut fit = from(1, session("fit", Modality::Endurance, 1, 60));
        fit.duration_s += 30.0;
        let (kept, notes) = run(vec![csv, fit]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].session_id, "fit");
        assert_eq!(notes[0].session_id, "strava");
    }

    #[test]
    fn starts_more_than_a_minute_apart_are_two_activities() {
        let csv = from(0, session("strava", Modality::Endurance, 0, 60));
        let fit = from(1, session("fit", Modality::Endurance, 2, 60));
        assert_eq!(run(vec![csv, fit]).0.len(), 2);
    }

    #[test]
    fn durations_beyond_two_percent_and_a_minute_are_two_activities() {
        let csv = from(0, session("strava", Modality::Endurance, 0, 100));
        let fit = from(1, session("fit", Modality::Endurance, 0, 103));
        assert_eq!(run(vec![csv, fit]).0.len(), 2);
    }

    #[test]
    fn different_modalities_are_two_activities() {
        let csv = from(0, session("strava", Modality::Endurance, 0, 60));
        let fit = from(1, session("fit", Modality::Strength, 0, 60));
        assert_eq!(run(vec![csv, fit]).0.len(), 2);
    }

    /// Athletes are searched apart (on all threads): each athlete's
    /// duplicates are dropped at their own place, the same activity of two
    /// athletes is two.
    #[test]
    fn each_athletes_duplicates_are_dropped_where_they_are() {
        let mut sessions = Vec::new();
        for athlete in 0..3u32 {
            for k in 0..40 {
                let id = format!("a{athlete}-{k}");
                let mut csv = from(0, session(&id, Modality::Endurance, k * 600, 60));
                csv.athlete = athlete;
                sessions.push(csv);
                if athlete > 0 && k % 10 == 3 {
                    let mut fit = from(
                        1,
                        session(&format!("{id}-fit"), Modality::Endurance, k * 600, 60),
                    );
                    fit.athlete = athlete;
                    sessions.push(fit);
                }
            }
        }
        sessions.sort_by_key(|s| (s.athlete, s.start_us, s.session_id.clone()));
        let mut notes = Vec::new();
        let ids = ["A0", "A1", "A2"].map(String::from);
        drop_same_activity(&mut sessions, &files(), &ids, &mut notes, &mut Vec::new());
        assert_eq!(sessions.len(), 120);
        let gone: Vec<&str> = notes.iter().map(|n| n.session_id.as_str()).collect();
        let expected = [
            "a1-3", "a1-13", "a1-23", "a1-33", "a2-3", "a2-13", "a2-23", "a2-33",
        ];
        assert_eq!(gone, expected);
        assert!(sessions
            .iter()
            .all(|s| !expected.contains(&s.session_id.as_str())));
        assert_eq!(notes[4].athlete_id, "A2");
    }
}
