//! The FitNotes Android export on small fixtures: date-only workouts,
//! both date forms, rejoined exercise names, units, bad rows, and which
//! headers the sniffer claims.

use chrono::NaiveDate;

use super::*;
use crate::model::{RawWorkout, SetKind, StartTime, WeightUnit};

fn ctx() -> FileCtx<'static> {
    FileCtx {
        shown: "anna/FitNotes_Export.csv",
        id_prefix: "FitNotes_Export.csv",
        source: 2,
    }
}

pub(super) fn read_text(text: &str) -> Result<Batch, String> {
    crate::test_support::read_into(read, text, &ctx())
}

fn date(y: i32, m: u32, d: u32) -> StartTime {
    StartTime::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn kinds(b: &Batch) -> Vec<&str> {
    b.notes.iter().map(|n| n.kind).collect()
}

const KGS: &str = "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time\n";

#[test]
fn rows_of_one_date_are_one_date_only_workout() {
    let text = format!(
        "{KGS}2018-10-12,Squat,Legs,100.0,5,,,\n2018-10-12,Squat,Legs,100.0,5,,,\n2018-10-13,Deadlift,Back,140.0,3,,,\n"
    );
    let b = read_text(&text).unwrap();
    assert!(b.sessions.is_empty());
    let w: &Vec<RawWorkout> = &b.workouts;
    assert_eq!(w.len(), 2);
    assert_eq!(w[0].start, date(2018, 10, 12));
    assert_eq!((w[0].end, w[0].duration_s, w[0].rpe), (None, None, None));
    assert_eq!(w[0].workout_id, "FitNotes_Export.csv:1");
    assert_eq!((w[0].source, w[0].line), (2, 2));
    assert_eq!(w[0].sets.len(), 2);
    assert_eq!(w[1].workout_id, "FitNotes_Export.csv:3");
    assert_eq!(w[1].start, date(2018, 10, 13));
    let set = &w[1].sets[0];
    assert_eq!(set.exercise, "Deadlift");
    assert_eq!(set.category, "Back");
    assert_eq!((set.weight, set.reps, set.line), (Some(140.0), Some(3), 4));
    assert_eq!(set.kind, SetKind::Working);
    assert_eq!((set.rpe, set.rir), (None, None));
    assert_eq!(b.accepted, 2);
}

#[test]
fn rows_of_a_date_seen_again_later_join_its_workout() {
    let text = format!(
        "{KGS}2018-10-12,A,Legs,1,5,,,\n2018-10-13,B,Legs,1,5,,,\n2018-10-12,C,Legs,1,5,,,\n"
    );
    let b = read_text(&text).unwrap();
    let names: Vec<Vec<&str>> = b
        .workouts
        .iter()
        .map(|w| w.sets.iter().map(|s| s.exercise.as_str()).collect())
        .collect();
    assert_eq!(names, vec![vec!["A", "C"], vec!["B"]]);
}

#[test]
fn spreadsheet_dates_are_read_month_first() {
    let head = "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time\n";
    let b = read_text(&format!(
        "{head}2/4/2017,Leg Press,Legs,90,12,,,\n12/31/2017,Leg Press,Legs,90,12,,,\n"
    ))
    .unwrap();
    assert_eq!(b.workouts[0].start, date(2017, 2, 4));
    assert_eq!(b.workouts[1].start, date(2017, 12, 31));
    assert_eq!(b.workouts[0].sets[0].weight, Some(90.0));
}

#[test]
fn spreadsheet_dates_are_day_first_when_a_date_cannot_be_month_first() {
    let b = read_text(&format!(
        "{KGS}2/4/2017,A,Legs,1,5,,,\n31/3/2017,A,Legs,1,5,,,\n"
    ))
    .unwrap();
    assert_eq!(b.workouts[0].start, date(2017, 4, 2));
    assert_eq!(b.workouts[1].start, date(2017, 3, 31));
}

#[test]
fn exercise_name_with_a_comma_is_rejoined_and_noted_once() {
    let head = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\n";
    let text = format!(
        "{head}2025-04-29,Overhead Press (Each Side, Dumbbells),Shoulders,8.0,kgs,5,,,\n\
         2025-04-29,Curl,Biceps,10.0,kgs,8,,,\n\
         2025-04-29,Press (A, B, C),Shoulders,8.0,kgs,6,,,\n"
    );
    let b = read_text(&text).unwrap();
    assert!(b.rejected.is_empty(), "{:?}", b.rejected);
    let sets = &b.workouts[0].sets;
    assert_eq!(sets[0].exercise, "Overhead Press (Each Side, Dumbbells)");
    assert_eq!(sets[0].category, "Shoulders");
    assert_eq!(
        (sets[0].weight, sets[0].weight_unit, sets[0].reps),
        (Some(8.0), Some(WeightUnit::Kg), Some(5))
    );
    assert_eq!(sets[2].exercise, "Press (A, B, C)");
    assert_eq!(sets[2].reps, Some(6));
    assert_eq!(kinds(&b), vec!["exercise_name_rejoined"]);
    assert_eq!(b.notes[0].line, 2);
    assert!(
        b.notes[0].detail.starts_with("2 row(s)"),
        "{}",
        b.notes[0].detail
    );
}

#[test]
fn quoted_comment_with_commas_is_one_field_and_never_read() {
    let head =
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n";
    let text =
        format!("{head}2024-11-15,Raise,Shoulders,3.4,kgs,10,,,,\"Private words, 12 on left\"\n");
    let b = read_text(&text).unwrap();
    assert!(
        b.rejected.is_empty() && b.notes.is_empty(),
        "{:?} {:?}",
        b.rejected,
        b.notes
    );
    assert_eq!(b.workouts[0].sets[0].exercise, "Raise");
    assert!(!format!("{:?}", b.workouts).contains("Private"));
}

#[test]
fn weight_unit_comes_from_the_header_or_the_unit_column() {
    let lbs = "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time\n2017-02-04,Leg Press,Legs,90.0,12,,,\n";
    assert_eq!(
        read_text(lbs).unwrap().workouts[0].sets[0].weight_unit,
        Some(WeightUnit::Lb)
    );
    let kgs = format!("{KGS}2017-02-04,Leg Press,Legs,90.0,12,,,\n");
    assert_eq!(
        read_text(&kgs).unwrap().workouts[0].sets[0].weight_unit,
        Some(WeightUnit::Kg)
    );
    let column = "Date,Exercise,Category,Weight,Weight Unit,Reps\n2017-02-04,A,Legs,90.0,lbs,12\n2017-02-04,B,Legs,40.0,kgs,12\n2017-02-04,Plank,Abs,,,\n";
    let units: Vec<_> = read_text(column).unwrap().workouts[0]
        .sets
        .iter()
        .map(|s| s.weight_unit)
        .collect();
    assert_eq!(
        units,
        vec![Some(WeightUnit::Lb), Some(WeightUnit::Kg), None]
    );
}

#[test]
fn a_file_that_does_not_say_its_weight_unit_gives_none() {
    let text = "Date,Exercise,Category,Weight,Reps\n2017-02-04,A,Legs,90.0,12\n";
    let b = read_text(text).unwrap();
    assert_eq!(b.workouts[0].sets[0].weight_unit, None);
    assert_eq!(b.workouts[0].sets[0].weight, Some(90.0));
}

#[test]
fn cardio_rows_keep_category_distance_in_metres_and_time_in_seconds() {
    let text = format!("{KGS}2017-02-04,Running (Treadmill),Cardio,,,1.3,mi,0:09:30\n2017-02-04,Row,Cardio,,,2000,m,0:08:00\n");
    let b = read_text(&text).unwrap();
    let sets = &b.workouts[0].sets;
    assert_eq!(sets[0].category, "Cardio");
    assert_eq!(sets[0].duration_s, Some(570.0));
    assert!((sets[0].distance_m.unwrap() - 2092.1472).abs() < 1e-9);
    assert_eq!((sets[0].weight, sets[0].reps), (None, None));
    assert_eq!(
        (sets[1].distance_m, sets[1].duration_s),
        (Some(2000.0), Some(480.0))
    );
}

#[test]
fn a_zero_time_is_no_duration() {
    let b = read_text(&format!("{KGS}2017-08-10,Side Plank,Abs,,,,,0:00:00\n")).unwrap();
    assert_eq!(b.workouts[0].sets[0].duration_s, None);
}

#[test]
fn kg_as_a_distance_unit_is_no_distance_and_noted() {
    let text = format!("{KGS}2017-08-10,Side Plank,Abs,,,0.0,kg,0:00:30\n2017-08-10,Side Plank,Abs,,,0.0,kg,0:00:30\n");
    let b = read_text(&text).unwrap();
    let set = &b.workouts[0].sets[0];
    assert_eq!((set.distance_m, set.duration_s), (None, Some(30.0)));
    assert_eq!(kinds(&b), vec!["distance_ignored"]);
    assert!(
        b.notes[0].detail.contains("'kg' on 2 row(s)"),
        "{}",
        b.notes[0].detail
    );
}

#[test]
fn bad_rows_are_rejected_and_their_workout_kept_with_one_note() {
    let text = format!(
        "{KGS}2018-10-12,Squat,Legs,100.0,5,,,\n\
         2018-10-12,Squat,Legs,heavy,5,,,\n\
         2018-10-12,Squat,Legs,100.0,5.5,,,\n\
         2018-13-12,Squat,Legs,100.0,5,,,\n\
         2018-10-12,Run,Cardio,,,1,m,9 min\n\
         2018-10-12,Squat,Legs\n\
         2018-10-12,,Legs,100.0,5,,,\n"
    );
    let b = read_text(&text).unwrap();
    let got: Vec<(u64, &str)> = b
        .rejected
        .iter()
        .map(|r| (r.line, r.column.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, "Weight (kgs)"),
            (4, "Reps"),
            (5, "Date"),
            (6, "Time"),
            (7, ""),
            (8, "Exercise")
        ]
    );
    assert!(
        b.rejected[0].reason.contains("'heavy'"),
        "{}",
        b.rejected[0].reason
    );
    assert!(
        b.rejected[2].reason.contains("'2018-13-12'"),
        "{}",
        b.rejected[2].reason
    );
    assert!(
        b.rejected[3].reason.contains("'9 min'"),
        "{}",
        b.rejected[3].reason
    );
    assert_eq!(b.workouts.len(), 1);
    assert_eq!(b.workouts[0].sets.len(), 1);
    assert_eq!(kinds(&b), vec!["workout_rows_rejected"]);
    assert!(
        b.notes[0]
            .detail
            .starts_with("1 workout(s) lost 4 set row(s) to rejections"),
        "{}",
        b.notes[0].detail
    );
}

#[test]
fn file_without_an_exercise_column_is_rejected_whole() {
    let e = read_text("Date,Category,Weight (kgs),Reps\n2018-10-12,Legs,1,1\n").unwrap_err();
    assert!(e.contains("Exercise"), "the missing column is named: {e}");
}

#[test]
fn blank_rows_are_skipped_with_a_note() {
    let b = read_text(&format!(
        "{KGS}2018-10-12,Squat,Legs,100.0,5,,,\n,,,,,,,\n\n"
    ))
    .unwrap();
    assert_eq!((b.workouts.len(), b.rejected.len()), (1, 0));
    assert_eq!(kinds(&b), vec!["empty_rows"]);
}

#[test]
fn sniffer_claims_both_fitnotes_headers_and_no_other_export() {
    assert!(sniff(KGS));
    assert!(sniff(
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n"
    ));
    assert!(sniff(super::tests_ios::HEADER));
    for other in [
        "athlete_id,start,duration_min,sport\n",
        "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\"\n",
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n",
        "Activity Type,Date,Favorite,Title,Distance,Calories,Time\n",
        "id,Type,Date,Distance,Moving Time,Name,Avg HR,Intensity,Load\n",
        "",
    ] {
        assert!(!sniff(other), "{other}");
    }
}

#[test]
fn garbage_and_cut_off_text_is_read_or_refused_without_panicking() {
    for text in [
        "",
        "\n\n",
        "é,\u{0},<>\n<",
        "Date,Exercise,Category\n\"2018",
    ] {
        let _ = read_text(text);
    }
    let text = format!(
        "{KGS}2018-10-12,Over, head,Legs,1é,5,1,kg,0:00:3\n2/4/2017,A,Cardio,,,1.3,mi,0:09:30\n"
    );
    for (cut, _) in text.char_indices() {
        if let Ok(b) = read_text(&text[..cut]) {
            let sets: usize = b.workouts.iter().map(|w| w.sets.len()).sum();
            assert!(sets + b.rejected.len() <= 2, "cut at {cut}");
        }
    }
}
