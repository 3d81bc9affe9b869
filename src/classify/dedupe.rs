//! The same activity from two sources (a FIT file and its Strava row, a
//! Garmin Connect list and the FIT file) counts once: the richer record stays.

use crate::model::{Note, Session, SourceFile};

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
/// and start, noting each dropped record.
pub fn drop_same_activity(
    sessions: &mut Vec<Session>,
    files: &[SourceFile],
    athlete_ids: &[String],
    notes: &mut Vec<Note>,
) {
    let mut dropped = vec![false; sessions.len()];
    for i in 0..sessions.len() {
        for j in i + 1..sessions.len() {
            let (a, b) = (&sessions[i], &sessions[j]);
            if b.athlete != a.athlete || b.start_us - a.start_us > MAX_START_DIFF_US {
                break;
            }
            if dropped[i] || dropped[j] || !same_activity(a, b) {
                continue;
            }
            let (kept, gone) = if keeps_over(a, b, files) {
                (i, j)
            } else {
                (j, i)
            };
            dropped[gone] = true;
            notes.push(note(&sessions[kept], &sessions[gone], files, athlete_ids));
        }
    }
    let mut keep = dropped.iter().map(|d| !d);
    sessions.retain(|_| keep.next().unwrap_or(true));
}

fn note(kept: &Session, gone: &Session, files: &[SourceFile], athlete_ids: &[String]) -> Note {
    let file = |s: &Session| &files[s.source() as usize];
    let mut note = Note::file(
        "duplicate_activity",
        &file(gone).path,
        gone.line(),
        format!(
            "same activity as '{}' from {} ({}); that record is kept",
            kept.session_id,
            file(kept).path,
            file(kept).format.as_str()
        ),
    );
    note.athlete_id = athlete_ids[gone.athlete as usize].clone();
    note.session_id = gone.session_id.to_string();
    note
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Modality, SourceFormat};
    use crate::test_support::session;

    fn files() -> Vec<SourceFile> {
        vec![
            SourceFile {
                path: "activities.csv".into(),
                format: SourceFormat::Strava,
            },
            SourceFile {
                path: "1.fit".into(),
                format: SourceFormat::Fit,
            },
        ]
    }

    fn run(mut sessions: Vec<Session>) -> (Vec<Session>, Vec<Note>) {
        sessions.sort_by_key(|s| s.start_us);
        let mut notes = Vec::new();
        drop_same_activity(&mut sessions, &files(), &["A1".to_string()], &mut notes);
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
}
