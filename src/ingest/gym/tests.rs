use chrono::NaiveTime;

use super::values::*;
use super::workouts::{WorkoutHead, Workouts};
use crate::ingest::batch::{Batch, FileCtx};
use crate::ingest::rows::RowAt;
use crate::model::{RawSet, StartTime};

fn ctx() -> FileCtx<'static> {
    FileCtx {
        shown: "logs/anna/workouts.csv",
        id_prefix: "anna/workouts.csv",
        source: 4,
    }
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn numbers_take_a_decimal_point_or_a_decimal_comma() {
    assert_eq!(number("82.5"), Some(82.5));
    assert_eq!(number("82,5"), Some(82.5));
    assert_eq!(number("6.80388555"), Some(6.80388555));
    for bad in ["1,234.5", "1,2,3", "abc", "NaN", "inf", ""] {
        assert_eq!(number(bad), None, "{bad}");
    }
}

#[test]
fn weights_are_numbers_at_least_zero_and_empty_is_none() {
    assert_eq!(weight("", "Weight"), Ok(None));
    assert_eq!(weight("0", "Weight"), Ok(Some(0.0)));
    let e = weight("-5", "weight_kg").unwrap_err();
    assert!(
        e.contains("weight_kg '-5'") && e.contains("expected"),
        "{e}"
    );
    assert!(weight("heavy", "Weight").unwrap_err().contains("'heavy'"));
}

#[test]
fn reps_are_whole_numbers() {
    assert_eq!(reps("8", "Reps"), Ok(Some(8)));
    assert_eq!(reps("8.0", "Reps"), Ok(Some(8)));
    assert_eq!(reps("", "Reps"), Ok(None));
    assert!(reps("8.5", "Reps").unwrap_err().contains("'8.5'"));
    assert!(reps("-1", "Reps").is_err());
}

#[test]
fn rpe_of_zero_or_empty_is_no_rating() {
    assert_eq!(rpe("", "rpe"), Ok(None));
    assert_eq!(rpe("0", "rpe"), Ok(None));
    assert_eq!(rpe("9.5", "rpe"), Ok(Some(9.5)));
    assert_eq!(rpe("10", "rpe"), Ok(Some(10.0)));
    assert!(rpe("11", "rpe").unwrap_err().contains("'11'"));
    assert!(rpe("hard", "rpe").is_err());
}

#[test]
fn distances_become_metres_and_zero_is_none() {
    assert_eq!(distance_m("5", "distance_km", M_PER_KM), Ok(Some(5000.0)));
    assert_eq!(
        distance_m("1", "distance_miles", M_PER_MILE),
        Ok(Some(1609.344))
    );
    assert_eq!(distance_m("0", "Distance", M_PER_KM), Ok(None));
    assert!(distance_m("far", "Distance", 1.0).is_err());
    assert_eq!(seconds("0", "Seconds"), Ok(None));
    assert_eq!(seconds("90", "Seconds"), Ok(Some(90.0)));
}

#[test]
fn meridiem_markers_are_split_off_in_every_spelling() {
    assert_eq!(split_meridiem("1:01 PM"), ("1:01", Some(Meridiem::Pm)));
    assert_eq!(
        split_meridiem("12:34:56pm"),
        ("12:34:56", Some(Meridiem::Pm))
    );
    assert_eq!(split_meridiem(" 7:05 a.m. "), ("7:05", Some(Meridiem::Am)));
    assert_eq!(split_meridiem("7:05 p. m."), ("7:05", Some(Meridiem::Pm)));
    assert_eq!(
        split_meridiem(&plain_spaces("1:01\u{202f}PM")),
        ("1:01", Some(Meridiem::Pm))
    );
    for none in ["21:46", "12 Sep 2024, 21:46", "7:05 pmx", ""] {
        assert_eq!(split_meridiem(none).1, None, "{none}");
    }
}

#[test]
fn twelve_hour_clock_reads_midnight_and_noon() {
    assert_eq!(clock("12:05", Some(Meridiem::Am)), Some(hm(0, 5)));
    assert_eq!(clock("12:05", Some(Meridiem::Pm)), Some(hm(12, 5)));
    assert_eq!(clock("1:01", Some(Meridiem::Pm)), Some(hm(13, 1)));
    assert_eq!(clock("21:46", None), Some(hm(21, 46)));
    assert_eq!(clock("13:00", Some(Meridiem::Pm)), None);
    assert_eq!(clock("0:00", Some(Meridiem::Am)), None);
    assert_eq!(clock("24:00", None), None);
    assert_eq!(clock("7:5", None), None);
}

fn head(hour: u32) -> WorkoutHead {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    WorkoutHead {
        start: StartTime::Naive(day.and_time(hm(hour, 0))),
        end: None,
        duration_s: Some(3600.0),
    }
}

fn set(line: u64) -> RawSet {
    RawSet {
        exercise: "Squat".into(),
        line,
        ..RawSet::default()
    }
}

fn at(number: u64) -> RowAt {
    RowAt {
        line: number + 1,
        number,
    }
}

#[test]
fn rows_of_one_key_are_one_workout_named_after_its_first_row() {
    let mut w = Workouts::default();
    w.add(&ctx(), "a", head(8), set(2), at(1));
    w.add(&ctx(), "b", head(18), set(3), at(2));
    w.add(&ctx(), "a", head(8), set(4), at(3));
    let mut batch = Batch::default();
    w.finish(&ctx(), &mut batch);
    let got: Vec<(&str, Vec<u64>)> = batch
        .workouts
        .iter()
        .map(|w| {
            (
                w.workout_id.as_str(),
                w.sets.iter().map(|s| s.line).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("anna/workouts.csv:1", vec![2, 4]),
            ("anna/workouts.csv:2", vec![3])
        ]
    );
    let first = &batch.workouts[0];
    assert_eq!(
        (first.line, first.source, first.athlete_id.as_str()),
        (2, 4, "")
    );
    assert_eq!(
        (first.start, first.duration_s),
        (head(8).start, Some(3600.0))
    );
    assert!(batch.notes.is_empty());
}

#[test]
fn rows_of_one_key_with_another_start_are_split_and_noted() {
    let mut w = Workouts::default();
    w.add(&ctx(), "a", head(8), set(2), at(1));
    w.add(&ctx(), "a", head(9), set(3), at(2));
    w.add(&ctx(), "a", head(8), set(4), at(3));
    let mut batch = Batch::default();
    w.finish(&ctx(), &mut batch);
    assert_eq!(batch.workouts.len(), 2);
    assert_eq!(batch.workouts[1].workout_id, "anna/workouts.csv:2");
    assert_eq!(batch.workouts[0].sets.len(), 2);
    assert_eq!(batch.notes.len(), 1);
    assert_eq!(batch.notes[0].kind, "workout_split");
    assert!(
        batch.notes[0].detail.contains("line 3"),
        "{}",
        batch.notes[0].detail
    );
}

#[test]
fn one_note_counts_the_workouts_that_lost_rows() {
    let mut w = Workouts::default();
    w.add(&ctx(), "a", head(8), set(2), at(1));
    w.reject_row("a");
    w.reject_row("a");
    w.add(&ctx(), "b", head(9), set(5), at(4));
    w.reject_row("b");
    // A key whose every row was rejected has no workout to lose rows from.
    w.reject_row("c");
    let mut batch = Batch::default();
    w.finish(&ctx(), &mut batch);
    assert_eq!(batch.workouts.len(), 2);
    assert_eq!(batch.notes.len(), 1);
    assert_eq!(batch.notes[0].kind, "workout_rows_rejected");
    assert!(
        batch.notes[0]
            .detail
            .starts_with("2 workout(s) lost 3 set row(s)"),
        "{}",
        batch.notes[0].detail
    );
}
