//! Tests of gym-app workouts becoming sessions.

use chrono::NaiveDate;

use super::*;
use crate::config::Rules;
use crate::model::{RawSet, SetKind};

fn set(exercise: &str, kind: SetKind) -> RawSet {
    RawSet {
        exercise: exercise.into(),
        kind,
        ..RawSet::default()
    }
}

/// A lift of `reps` at `kg` with an RPE.
fn lift(exercise: &str, reps: u32, kg: f64, rpe: Option<f64>) -> RawSet {
    RawSet {
        reps: Some(reps),
        weight: Some(kg),
        weight_unit: Some(WeightUnit::Kg),
        rpe,
        ..set(exercise, SetKind::Working)
    }
}

/// A cardio set of `seconds`.
fn cardio(exercise: &str, seconds: Option<f64>) -> RawSet {
    RawSet {
        duration_s: seconds,
        ..set(exercise, SetKind::Working)
    }
}

/// A workout from 10:00 to 11:00 local on 2026-03-02.
fn workout(sets: Vec<RawSet>) -> RawWorkout {
    let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let mut sets = sets;
    for (i, s) in sets.iter_mut().enumerate() {
        s.line = i as u64 + 2;
    }
    RawWorkout {
        workout_id: "log.csv:1".into(),
        athlete_id: "A".into(),
        start: StartTime::Naive(day.and_hms_opt(10, 0, 0).unwrap()),
        end: Some(StartTime::Naive(day.and_hms_opt(11, 0, 0).unwrap())),
        duration_s: None,
        rpe: None,
        sets,
        source: 0,
        line: 2,
    }
}

fn sessions(w: RawWorkout) -> Made {
    let rules = Rules::default();
    let workout_rules = WorkoutRules {
        exercises: &rules.exercises,
        sports: &rules.sports,
        failure_min_rpe: rules.thresholds.failure_min_rpe,
        warmup_max_s: rules.thresholds.warmup_max_min * 60.0,
    };
    let at = Placed {
        athlete: (0, chrono_tz::UTC),
        unit: WeightUnit::Kg,
        shown: "log.csv",
    };
    let mut made = Made::default();
    PlaceCache::with(|places| workout_sessions(w, &at, &workout_rules, places, &mut made));
    made
}

fn summary(made: &Made) -> Vec<(String, Modality, f64)> {
    made.sessions
        .iter()
        .map(|(s, _)| (s.session_id.to_string(), s.modality, s.duration_s))
        .collect()
}

#[test]
fn a_workout_of_one_modality_is_one_session_named_after_the_workout() {
    let made = sessions(workout(vec![lift("Squat", 5, 100.0, None); 3]));
    assert_eq!(
        summary(&made),
        [("log.csv:1".into(), Modality::Strength, 3600.0)]
    );
    let (session, name) = &made.sessions[0];
    assert_eq!(name, "Squat");
    assert!(!session.is_segment());
}

#[test]
fn a_short_treadmill_block_before_lifting_is_a_warmup() {
    let made = sessions(workout(vec![
        cardio("Treadmill", Some(600.0)),
        lift("Squat", 5, 100.0, None),
        lift("Squat", 5, 100.0, None),
    ]));
    assert_eq!(
        summary(&made),
        [
            ("log.csv:1#1".into(), Modality::Warmup, 600.0),
            ("log.csv:1#2".into(), Modality::Strength, 3000.0),
        ]
    );
    let starts: Vec<i64> = made.sessions.iter().map(|(s, _)| s.start_us).collect();
    assert_eq!(starts[1] - starts[0], 600_000_000);
}

#[test]
fn a_long_run_before_lifting_is_an_endurance_segment() {
    let made = sessions(workout(vec![
        cardio("Running (Treadmill)", Some(1800.0)),
        lift("Squat", 5, 100.0, None),
    ]));
    let got = summary(&made);
    assert_eq!(got[0].1, Modality::Endurance);
    assert_eq!((got[0].2, got[1].2), (1800.0, 1800.0));
    assert!(made.sessions.iter().all(|(s, _)| s.is_segment()));
}

#[test]
fn cardio_without_durations_shares_the_time_by_rows_and_is_never_a_warmup() {
    let made = sessions(workout(vec![
        cardio("Rowing Machine", None),
        lift("Bench Press", 5, 60.0, None),
        lift("Bench Press", 5, 60.0, None),
    ]));
    let got = summary(&made);
    assert_eq!(got[0].1, Modality::Endurance);
    assert_eq!((got[0].2, got[1].2), (1200.0, 2400.0));
    assert!(!made.sessions[0].0.length_known());
    assert!(made.notes.iter().any(|n| n.kind == "warmup_unknown_length"));
}

#[test]
fn mixed_and_other_rows_join_the_segment_they_follow() {
    let made = sessions(workout(vec![
        cardio("Couch Stretch", Some(60.0)),
        lift("Squat", 5, 100.0, None),
        cardio("Burpees", Some(60.0)),
        cardio("Treadmill", Some(1200.0)),
    ]));
    let got = summary(&made);
    assert_eq!(got.len(), 2);
    assert_eq!(
        (got[0].1, got[1].1),
        (Modality::Strength, Modality::Endurance)
    );
    assert_eq!(made.sessions[0].1, "Squat");
    assert_eq!(got[1].2, 1200.0);
}

#[test]
fn more_than_three_segments_are_one_circuit() {
    let made = sessions(workout(vec![
        lift("Squat", 5, 100.0, None),
        cardio("Rowing Machine", Some(120.0)),
        lift("Squat", 5, 100.0, None),
        cardio("Rowing Machine", Some(120.0)),
    ]));
    assert_eq!(
        summary(&made),
        [("log.csv:1".into(), Modality::Mixed, 3600.0)]
    );
    assert!(made.notes.iter().any(|n| n.kind == "circuit_workout"));
}

#[test]
fn failure_evidence_makes_to_failure_true_false_or_unknown() {
    let to_failure = |sets: Vec<RawSet>| sessions(workout(sets)).sessions[0].0.to_failure;
    let failure_set = RawSet {
        kind: SetKind::Failure,
        ..lift("Squat", 5, 100.0, None)
    };
    assert_eq!(
        to_failure(vec![lift("Squat", 5, 100.0, Some(8.0)), failure_set]),
        Some(true)
    );
    assert_eq!(
        to_failure(vec![lift("Squat", 5, 100.0, Some(10.0))]),
        Some(true)
    );
    let rir0 = RawSet {
        rir: Some(0.0),
        ..lift("Squat", 5, 100.0, None)
    };
    assert_eq!(to_failure(vec![rir0]), Some(true));
    assert_eq!(
        to_failure(vec![lift("Squat", 5, 100.0, Some(9.0)); 2]),
        Some(false)
    );
    // An RPE of 0 is no rating; a warm-up set is not a working set.
    let warmup = RawSet {
        kind: SetKind::Warmup,
        ..lift("Squat", 5, 40.0, None)
    };
    assert_eq!(
        to_failure(vec![warmup, lift("Squat", 5, 100.0, Some(0.0))]),
        None
    );
}

#[test]
fn working_sets_give_sets_reps_volume_and_hard_sets() {
    let pounds = RawSet {
        weight_unit: Some(WeightUnit::Lb),
        ..lift("Squat", 10, 100.0, Some(8.5))
    };
    let warmup = RawSet {
        kind: SetKind::Warmup,
        ..lift("Squat", 10, 20.0, None)
    };
    let made = sessions(workout(vec![
        warmup,
        lift("Squat", 5, 100.0, Some(7.0)),
        pounds,
    ]));
    let (_, detail) = made.details[0];
    assert_eq!((detail.sets, detail.reps), (Some(2), Some(15)));
    // 500 kg + 1,000 lb, kept to the gram.
    assert_eq!(detail.volume_kg, Some(953.592));
    assert_eq!((detail.failure_sets, detail.hard_sets), (Some(0), Some(1)));
    assert_eq!(detail.max_set_rpe, Some(8.5));
}

#[test]
fn a_date_only_workout_gives_date_only_segments_and_unknown_length_is_noted() {
    let mut w = workout(vec![
        cardio("Cycling", Some(900.0)),
        lift("Deadlift", 5, 140.0, None),
    ]);
    w.start = StartTime::Date(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    w.end = None;
    let made = sessions(w);
    assert!(made.sessions.iter().all(|(s, _)| s.date_only));
    assert_eq!(made.sessions[0].0.modality, Modality::Warmup);
    let mut w = workout(vec![lift("Deadlift", 5, 140.0, None)]);
    w.end = None;
    let made = sessions(w);
    assert_eq!(made.sessions[0].0.duration_s, 0.0);
    assert_eq!(made.unknown_duration.len(), 1);
}

#[test]
fn a_workout_ending_before_it_starts_is_noted_and_its_end_not_used() {
    let timed = RawSet {
        duration_s: Some(90.0),
        ..lift("Deadlift", 5, 140.0, None)
    };
    let mut w = workout(vec![timed]);
    w.end = Some(StartTime::Naive(
        NaiveDate::from_ymd_opt(2026, 3, 1)
            .unwrap()
            .and_hms_opt(7, 0, 0)
            .unwrap(),
    ));
    let made = sessions(w);
    assert_eq!(made.ends_first.len(), 1);
    assert!(made.notes.is_empty());
    // The sets' durations give its length.
    assert_eq!(made.sessions[0].0.duration_s, 90.0);
    assert!(made.unknown_duration.is_empty());
}

#[test]
fn unknown_exercises_are_strength_and_listed_once_with_their_sets() {
    let made = sessions(workout(vec![
        lift("Zercher Squat", 5, 60.0, None),
        lift("Zercher Squat", 5, 60.0, None),
        cardio("Cycling (Indoor)", Some(600.0)),
    ]));
    assert_eq!(made.unknown.names, [("Zercher Squat".into(), 2, 2)]);
    assert_eq!(made.sessions[1].0.modality, Modality::Endurance);
}

#[test]
fn rest_timer_and_not_done_rows_give_no_time() {
    let rest = RawSet {
        kind: SetKind::Rest,
        ..cardio("Treadmill", Some(900.0))
    };
    let made = sessions(workout(vec![
        cardio("Treadmill", Some(600.0)),
        rest,
        lift("Squat", 5, 100.0, None),
    ]));
    assert_eq!(made.sessions[0].0.modality, Modality::Warmup);
    assert_eq!(made.sessions[0].0.duration_s, 600.0);
}

#[test]
fn a_warmup_is_judged_by_its_sets_not_by_the_time_left_for_it() {
    // 20 minutes of treadmill in a workout of 10 minutes: not a warm-up.
    let mut w = workout(vec![
        cardio("Treadmill", Some(1200.0)),
        lift("Squat", 5, 100.0, None),
    ]);
    w.end = None;
    w.duration_s = Some(600.0);
    let made = sessions(w);
    assert_eq!(made.sessions[0].0.modality, Modality::Endurance);
}
