//! Gym-app workouts to sessions (RULES.md section 10): each set's exercise
//! gets a modality, `mixed` and `other` rows join the segment they follow,
//! a workout of one modality is one session and one of two or three
//! segments a session per segment (more is a circuit: one `mixed` session),
//! the workout's time is shared out among its segments, and each strength
//! session counts its working sets and their evidence of failure.

#[cfg(test)]
mod corpus_tests;
pub(super) mod segments;
mod sets;
#[cfg(test)]
mod tests;

use chrono_tz::Tz;

use super::time::{place_start, PlaceCache};
use crate::model::{
    CompactString, Marks, Modality, Note, Origin, RawWorkout, Session, StartTime, StrengthDetail,
    WeightUnit,
};
use segments::{share_time, split, Segment};
pub(crate) use sets::WorkoutRules;
use sets::{exercise_modality, strength_detail, Evidence, Unknown};

/// One athlete's workout with what placing it needs.
pub(crate) struct Placed<'a> {
    /// Athlete number and zone.
    pub(crate) athlete: (u32, Tz),
    /// The weight unit of a file that does not say its own.
    pub(crate) unit: WeightUnit,
    /// The file, for notes.
    pub(crate) shown: &'a str,
}

/// What a workout becomes: sessions (with their sport names, to be
/// numbered by the converter) and strength details.
#[derive(Debug, Default)]
pub(crate) struct Made {
    /// The sessions, each with the name of its segment's first exercise.
    pub(crate) sessions: Vec<(Session, CompactString)>,
    /// Strength details by origin.
    pub(crate) details: Vec<(Origin, StrengthDetail)>,
    /// Notes (DST, unknown duration, circuits, warm-ups of unknown length).
    pub(crate) notes: Vec<Note>,
    /// Exercise names the tables lack, with their set counts.
    pub(crate) unknown: Unknown,
    /// Workouts without an end, duration or set durations (line, id).
    pub(crate) unknown_duration: Vec<(u64, CompactString)>,
    /// Workouts whose end is before their start (line, id).
    pub(crate) ends_first: Vec<(u64, CompactString)>,
}

/// The sessions of one workout.
pub(crate) fn workout_sessions(
    w: RawWorkout,
    at: &Placed<'_>,
    rules: &WorkoutRules<'_>,
    places: &mut PlaceCache,
    made: &mut Made,
) {
    let (tz, shown) = (at.athlete.1, at.shown);
    let start = place_start(&w.start, tz, places);
    if let Some(case) = start.dst {
        made.notes.push(note(
            &w,
            shown,
            "dst_local_time",
            dst_text(&w.start, tz, case),
        ));
    }
    let (total_s, ends_first) = workout_seconds(&w, start.utc_us, tz, places);
    if ends_first {
        made.ends_first.push((w.line, w.workout_id.clone()));
    }
    let total_s = total_s.unwrap_or_else(|| {
        made.unknown_duration.push((w.line, w.workout_id.clone()));
        0.0
    });
    let modalities: Vec<Modality> = w
        .sets
        .iter()
        .map(|set| exercise_modality(set, rules, &mut made.unknown, w.line))
        .collect();
    let mut segments = split(&w.sets, &modalities);
    if segments.len() > 3 {
        let text = format!(
            "a workout of {} alternating strength and endurance segments is read as one circuit (mixed, never paired)",
            segments.len()
        );
        made.notes.push(note(&w, shown, "circuit_workout", text));
        segments = vec![Segment::whole(&w.sets, Modality::Mixed)];
    }
    let shares = share_time(&segments, &w.sets, &modalities, total_s);
    let warmup = first_is_warmup(&segments, &shares, rules.warmup_max_s);
    let first_unknown = shares.first().is_some_and(|s| !s.known) && segments.len() > 1;
    if first_unknown && segments[0].modality == Modality::Endurance {
        let text = "the first, endurance, part of the workout gives no duration for every set: its length is unknown, so it is not taken as a warm-up".into();
        made.notes
            .push(note(&w, shown, "warmup_unknown_length", text));
    }
    let several = segments.len() > 1;
    let mut offset_s = 0.0;
    for (n, (segment, share)) in segments.iter().zip(&shares).enumerate() {
        let first_set = &w.sets[segment.rows.start];
        let origin = Origin::new(w.source, first_set.line);
        let modality = if n == 0 && warmup {
            Modality::Warmup
        } else {
            segment.modality
        };
        let session_id = if several {
            CompactString::from(format!("{}#{}", w.workout_id, n + 1))
        } else {
            w.workout_id.clone()
        };
        let mut marks = Marks::new(false, true);
        if several {
            marks = marks.with_segment();
            if !share.known {
                marks = marks.with_length_unknown();
            }
        }
        let mut to_failure = None;
        if modality == Modality::Strength {
            let sets = &w.sets[segment.rows.clone()];
            let kinds = &modalities[segment.rows.clone()];
            let (detail, evidence) = strength_detail(sets, kinds, at.unit, rules.failure_min_rpe);
            to_failure = match evidence {
                Evidence::Failure => Some(true),
                Evidence::NoFailure => Some(false),
                Evidence::Unknown => None,
            };
            if detail != StrengthDetail::default() {
                marks = marks.with_strength_detail();
                made.details.push((origin, detail));
            }
        }
        let session = Session {
            session_id,
            // A date-only session stands at 00:00 of its date; its order
            // within the workout is its id's.
            start_us: if start.date_only {
                start.utc_us
            } else {
                start.utc_us.saturating_add((offset_s * 1e6) as i64)
            },
            duration_s: share.seconds,
            rpe: w.rpe.into(),
            origin,
            athlete: at.athlete.0,
            sports: 0,
            offset_s: start.offset_s,
            date_only: start.date_only,
            modality,
            to_failure,
            marks,
        };
        offset_s += share.seconds;
        made.sessions.push((session, segment.name.clone()));
    }
}

/// The first segment is a warm-up: endurance of known length, at most the
/// warm-up length, with a strength segment after it.
fn first_is_warmup(segments: &[Segment], shares: &[segments::Share], warmup_max_s: f64) -> bool {
    let (Some(first), Some(share)) = (segments.first(), shares.first()) else {
        return false;
    };
    first.modality == Modality::Endurance
        && share.own_s.is_some_and(|own_s| own_s <= warmup_max_s)
        && segments
            .get(1)
            .is_some_and(|s| s.modality == Modality::Strength)
}

/// The workout's length in seconds: the app's end, else its duration, else
/// the sum of its sets' durations; `None` when it gives none.
/// The workout's length in seconds, when it gives one (its end, else its
/// duration, else its sets' durations), and whether it gives an end before
/// its start (not used).
fn workout_seconds(
    w: &RawWorkout,
    start_us: i64,
    tz: Tz,
    places: &mut PlaceCache,
) -> (Option<f64>, bool) {
    let end_us = w
        .end
        .as_ref()
        .map(|end| place_start(end, tz, places).utc_us);
    let ends_first = end_us.is_some_and(|end_us| end_us < start_us);
    if let Some(end_us) = end_us.filter(|_| !ends_first) {
        return (Some(((end_us - start_us) as f64 / 1e6).round()), false);
    }
    if let Some(duration_s) = w.duration_s.filter(|d| d.is_finite() && *d > 0.0) {
        return (Some(duration_s.round()), ends_first);
    }
    let sets = w.sets.iter().filter(|s| segments::is_set(s));
    let sets_s: f64 = sets.filter_map(|s| s.duration_s).filter(|d| *d > 0.0).sum();
    ((sets_s > 0.0).then_some(sets_s.round()), ends_first)
}

fn dst_text(time: &StartTime, tz: Tz, case: super::time::DstCase) -> String {
    let what = case.what();
    match time {
        StartTime::Naive(local) => format!("local time {local} in {} {what}", tz.name()),
        _ => format!("the workout's start in {} {what}", tz.name()),
    }
}

/// A note about workout `w`.
fn note(w: &RawWorkout, shown: &str, kind: &'static str, detail: String) -> Note {
    let mut note = Note::file(kind, shown, w.line, detail);
    note.athlete_id = w.athlete_id.to_string();
    note.session_id = w.workout_id.to_string();
    note
}
