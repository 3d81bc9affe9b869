//! The FitNotes iOS export on small fixtures: workouts keyed by their UTC
//! start, warm-up and status, RPE and RIR, decimal commas, bad rows.

use super::tests::read_text;
use crate::ingest::Batch;
use crate::model::{SetKind, StartTime};
use crate::test_support::utc_us;

/// The iOS export's header, as the app writes it.
pub(super) const HEADER: &str = "Name,StartTime,EndTime,BodyWeight,Exercise,Equipment,Reps,Weight,Time,Distance,Status,IsWarmup,RPE,RIR,Categories,Note\n";

const START: &str = "2025-02-23T10:13:53Z";
const END: &str = "2025-02-23T11:08:47Z";

/// A set row of the workout at START with the given cells after `Exercise`.
fn row(exercise: &str, rest: &str) -> String {
    format!("Secret Name,{START},{END},\"94,0\",{exercise},{rest}\n")
}

fn read_rows(rows: &[String]) -> Batch {
    read_text(&format!("{HEADER}{}", rows.concat())).unwrap()
}

#[test]
fn rows_sharing_a_start_are_one_workout_with_its_utc_start_and_end() {
    let other = "Legs,2025-02-25T09:00:00Z,2025-02-25T10:00:00Z,\"94,0\",Squat,Barbell,5,\"100,0\",,,Done,false,,,Legs,\n";
    let b = read_text(&format!(
        "{HEADER}{}{}{other}",
        row(
            "Press",
            "Dumbbell,7,\"17,5\",,,Done,false,,,\"Pectorals,Deltoids\","
        ),
        row("Fly", "Cable,8,\"8,75\",,,Done,false,,,Pectorals,"),
    ))
    .unwrap();
    assert!(b.rejected.is_empty(), "{:?}", b.rejected);
    assert_eq!(b.workouts.len(), 2);
    let w = &b.workouts[0];
    assert_eq!(w.start, StartTime::Utc(utc_us(START)));
    assert_eq!(w.end, Some(StartTime::Utc(utc_us(END))));
    assert_eq!(
        (w.workout_id.as_str(), w.line, w.sets.len()),
        ("FitNotes_Export.csv:1", 2, 2)
    );
    assert_eq!(
        b.workouts[1].start,
        StartTime::Utc(utc_us("2025-02-25T09:00:00Z"))
    );
    assert_eq!(b.workouts[1].workout_id, "FitNotes_Export.csv:3");
}

#[test]
fn decimal_commas_are_read_and_the_unit_is_not_said() {
    let b = read_rows(&[row(
        "Press",
        "Dumbbell,7,\"17,5\",,,Done,false,\"8,5\",,\"Pectorals,Deltoids\",",
    )]);
    let set = &b.workouts[0].sets[0];
    assert_eq!(
        (set.exercise.as_str(), set.reps, set.weight),
        ("Press", Some(7), Some(17.5))
    );
    assert_eq!(set.weight_unit, None);
    assert_eq!(set.rpe, Some(8.5));
    assert_eq!(set.category, "Pectorals,Deltoids");
}

#[test]
fn status_and_warm_up_give_the_set_kind() {
    let b = read_rows(&[
        row("A", "None,5,\"60,0\",,,Done,false,,,,"),
        row("A", "None,1,\"60,0\",,,Failed,false,,,,"),
        row("A", "None,12,\"15,0\",,,NotStarted,false,,,,"),
        row("A", "None,10,\"20,0\",,,Done,true,,,,"),
        row("A", "None,10,\"20,0\",,,NotStarted,true,,,,"),
        row("A", "None,10,\"20,0\",,,Completed,,,,,"),
    ]);
    let got: Vec<SetKind> = b.workouts[0].sets.iter().map(|s| s.kind).collect();
    use SetKind::*;
    assert_eq!(
        got,
        vec![Working, Failure, NotDone, Warmup, NotDone, Working]
    );
}

#[test]
fn rpe_of_zero_is_none_and_rir_zero_is_kept() {
    let b = read_rows(&[
        row("A", "None,5,\"60,0\",,,Done,false,0,0,,"),
        row("A", "None,5,\"60,0\",,,Done,false,10,,,"),
        row("A", "None,5,\"60,0\",,,Done,false,,\"1,5\",,"),
    ]);
    let got: Vec<(Option<f64>, Option<f64>)> =
        b.workouts[0].sets.iter().map(|s| (s.rpe, s.rir)).collect();
    assert_eq!(
        got,
        vec![(None, Some(0.0)), (Some(10.0), None), (None, Some(1.5))]
    );
}

#[test]
fn unreadable_rpe_is_noted_and_the_set_kept() {
    let b = read_rows(&[row("A", "None,5,\"60,0\",,,Done,false,11,,,")]);
    assert_eq!(b.workouts[0].sets[0].rpe, None);
    assert_eq!(b.notes[0].kind, "unreadable_value");
    assert!(
        b.notes[0].detail.contains("RPE: '11'"),
        "{}",
        b.notes[0].detail
    );
}

#[test]
fn set_time_is_its_duration_and_a_distance_without_unit_is_noted() {
    let b = read_rows(&[
        row("Plank", "None,,,00:00:30,,Done,false,,,,"),
        row("Run", "None,,,00:05:00,3,Done,false,,,,"),
    ]);
    let sets = &b.workouts[0].sets;
    assert_eq!(
        (sets[0].duration_s, sets[1].duration_s),
        (Some(30.0), Some(300.0))
    );
    assert_eq!(sets[1].distance_m, None);
    let kinds: Vec<&str> = b.notes.iter().map(|n| n.kind).collect();
    assert_eq!(kinds, vec!["distance_ignored"]);
}

#[test]
fn names_and_notes_are_never_read() {
    let b = read_rows(&[row("A", "None,5,\"60,0\",,,Done,false,,,,Private words")]);
    // The row is read (so its words were there to leak), and nothing of them is kept.
    assert_eq!((b.workouts.len(), b.rejected.len()), (1, 0));
    assert_eq!(b.workouts[0].sets.len(), 1);
    let kept = format!("{:?} {:?} {:?}", b.workouts, b.rejected, b.notes);
    assert!(
        !kept.contains("Secret") && !kept.contains("Private"),
        "{kept}"
    );
}

#[test]
fn bad_rows_are_rejected_naming_the_column_and_their_workout_kept() {
    let b = read_text(&format!(
        "{HEADER}{}{}{}{}{}Name,yesterday,{END},,A,None,5,1,,,Done,false,,,,\nName,{START},{END},,A,None\n",
        row("A", "None,5,\"60,0\",,,Done,false,,,,"),
        row("A", "None,5,\"60,0\",,,Maybe,false,,,,"),
        row("A", "None,5,\"60,0\",,,Done,perhaps,,,,"),
        row("A", "None,five,\"60,0\",,,Done,false,,,,"),
        row("A", "None,5,\"6O\",,,Done,false,,,,"),
    ))
    .unwrap();
    let got: Vec<(u64, &str)> = b
        .rejected
        .iter()
        .map(|r| (r.line, r.column.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, "Status"),
            (4, "IsWarmup"),
            (5, "Reps"),
            (6, "Weight"),
            (7, "StartTime"),
            (8, "")
        ]
    );
    assert!(
        b.rejected[0].reason.contains("'Maybe'"),
        "{}",
        b.rejected[0].reason
    );
    assert!(
        b.rejected[4].reason.contains("'yesterday'"),
        "{}",
        b.rejected[4].reason
    );
    assert_eq!((b.workouts.len(), b.workouts[0].sets.len()), (1, 1));
    let notes: Vec<&str> = b.notes.iter().map(|n| n.kind).collect();
    assert_eq!(notes, vec!["workout_rows_rejected"]);
}

#[test]
fn an_end_before_the_start_is_rejected() {
    let b = read_text(&format!(
        "{HEADER}Name,{END},{START},,A,None,5,1,,,Done,false,,,,\n"
    ))
    .unwrap();
    assert_eq!(b.rejected[0].column, "EndTime");
    assert!(b.workouts.is_empty());
}

#[test]
fn an_explicit_offset_is_kept_as_an_instant() {
    let b = read_text(&format!(
        "{HEADER}Name,2025-02-23T11:13:53+01:00,,,A,None,5,1,,,Done,false,,,,\n"
    ))
    .unwrap();
    let want = StartTime::Instant {
        utc_us: utc_us(START),
        offset_s: 3600,
    };
    assert_eq!((b.workouts[0].start, b.workouts[0].end), (want, None));
}
