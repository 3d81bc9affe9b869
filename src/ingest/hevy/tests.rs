use chrono::NaiveDateTime;

use super::*;
use crate::model::RawWorkout;

fn ctx() -> FileCtx<'static> {
    FileCtx {
        shown: "logs/anna/workouts.csv",
        id_prefix: "anna/workouts.csv",
        source: 2,
    }
}

fn read_text(text: &str) -> Result<Batch, String> {
    crate::test_support::read_into(read, text, &ctx())
}

fn local(text: &str) -> StartTime {
    StartTime::Naive(NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap())
}

/// Hevy's metric header, every field quoted as the app writes it.
const METRIC: &str = "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"\n";

/// A metric row of `title` started at `start`, ended at `end`; `set` is
/// `exercise,set_type,weight_kg,reps,distance_km,duration_seconds,rpe`.
fn row(title: &str, start: &str, end: &str, set: &str) -> String {
    let (exercise, rest) = set.split_once(',').unwrap();
    format!("\"{title}\",\"{start}\",\"{end}\",\"Secret words\",\"{exercise}\",,\"\",0,{rest}\n")
}

/// A row of a workout titled `Legs` started at `start`, without an end.
fn legs(start: &str, set: &str) -> String {
    row("Legs", start, "", set)
}

/// A start and an end of the examples.
const S: &str = "12 Sep 2024, 21:46";
const E: &str = "12 Sep 2024, 23:16";

fn one_workout(text: &str) -> RawWorkout {
    let b = read_text(text).unwrap();
    assert!(b.rejected.is_empty(), "{:?}", b.rejected);
    assert_eq!(b.workouts.len(), 1);
    b.workouts[0].clone()
}

#[test]
fn metric_export_gives_one_workout_with_its_sets_in_file_order() {
    let text = [
        METRIC,
        &row("Legs", S, E, "Squat (Barbell),warmup,60,10,,,"),
        &row("Legs", S, E, "Squat (Barbell),normal,100,5,,,8.5"),
        &row("Legs", S, E, "Treadmill,normal,,,2.5,900,"),
    ]
    .concat();
    let w = one_workout(&text);
    assert_eq!(w.workout_id, "anna/workouts.csv:1");
    assert_eq!((w.line, w.source, w.athlete_id.as_str()), (2, 2, ""));
    assert_eq!(w.start, local("2024-09-12 21:46"));
    assert_eq!(w.end, Some(local("2024-09-12 23:16")));
    assert_eq!((w.duration_s, w.rpe), (None, None));
    let lines: Vec<u64> = w.sets.iter().map(|s| s.line).collect();
    assert_eq!(lines, vec![2, 3, 4]);
    let squat = &w.sets[1];
    assert_eq!(squat.exercise, "Squat (Barbell)");
    assert_eq!((squat.kind, squat.reps), (SetKind::Working, Some(5)));
    assert_eq!(
        (squat.weight, squat.weight_unit),
        (Some(100.0), Some(WeightUnit::Kg))
    );
    assert_eq!(
        (squat.rpe, squat.rir, squat.category.as_str()),
        (Some(8.5), None, "")
    );
    let run = &w.sets[2];
    assert_eq!(
        (run.distance_m, run.duration_s),
        (Some(2500.0), Some(900.0))
    );
    assert_eq!(run.weight, None);
}

#[test]
fn imperial_header_gives_pounds_and_miles() {
    let text = "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_lbs,reps,distance_miles,duration_seconds,rpe\n\
                Push,\"12 Sep 2024, 21:46\",\"12 Sep 2024, 23:16\",,Bench Press (Barbell),,,0,normal,135,8,,,\n\
                Push,\"12 Sep 2024, 21:46\",\"12 Sep 2024, 23:16\",,Running,,,1,normal,,,1,600,\n";
    let w = one_workout(text);
    let bench = &w.sets[0];
    assert_eq!(
        (bench.weight, bench.weight_unit),
        (Some(135.0), Some(WeightUnit::Lb))
    );
    assert_eq!(w.sets[1].distance_m, Some(1609.344));
}

#[test]
fn mixed_unit_header_reads_kilograms_and_miles() {
    let header = METRIC.replace("distance_km", "distance_miles");
    let w = one_workout(&(header + &legs(S, "Treadmill,normal,20,1,2,,")));
    assert_eq!(w.sets[0].weight_unit, Some(WeightUnit::Kg));
    assert_eq!(w.sets[0].distance_m, Some(2.0 * 1609.344));
}

#[test]
fn start_and_end_are_local_wall_clock_in_any_of_hevys_forms() {
    let text = [
        METRIC,
        &row(
            "A",
            "Jun 11, 2026, 1:01\u{202f}PM",
            "Jun 11, 2026, 2:04 PM",
            "Squat,normal,1,1,,,",
        ),
        &row(
            "B",
            "5 Mai 2026, 07:34",
            "5 Mai 2026, 08:44",
            "Squat,normal,1,1,,,",
        ),
    ]
    .concat();
    let b = read_text(&text).unwrap();
    let got: Vec<(StartTime, Option<StartTime>)> =
        b.workouts.iter().map(|w| (w.start, w.end)).collect();
    assert_eq!(
        got,
        vec![
            (local("2026-06-11 13:01"), Some(local("2026-06-11 14:04"))),
            (local("2026-05-05 07:34"), Some(local("2026-05-05 08:44"))),
        ]
    );
}

#[test]
fn set_types_give_working_failure_and_warmup_sets() {
    let rows: Vec<String> = ["warmup", "normal", "failure", "dropset"]
        .iter()
        .map(|kind| legs(S, &format!("Squat,{kind},100,5,,,")))
        .collect();
    let w = one_workout(&(METRIC.to_string() + &rows.concat()));
    let kinds: Vec<SetKind> = w.sets.iter().map(|s| s.kind).collect();
    use SetKind::*;
    assert_eq!(kinds, [Warmup, Working, Failure, Working]);
}

#[test]
fn an_unknown_set_type_is_rejected_naming_it() {
    let b = read_text(&(METRIC.to_string() + &legs(S, "Squat,superset,100,5,,,"))).unwrap();
    assert_eq!(b.rejected[0].column, "set_type");
    let reason = &b.rejected[0].reason;
    assert!(
        reason.contains("'superset'") && reason.contains("expected"),
        "{reason}"
    );
}

#[test]
fn rpe_zero_and_empty_are_no_rating() {
    let text = [
        METRIC,
        &legs(S, "Squat,normal,100,5,,,0"),
        &legs(S, "Squat,normal,100,5,,,"),
        &legs(S, "Squat,normal,100,5,,,9.5"),
    ]
    .concat();
    let rpes: Vec<Option<f64>> = one_workout(&text).sets.iter().map(|s| s.rpe).collect();
    assert_eq!(rpes, vec![None, None, Some(9.5)]);
}

#[test]
fn workouts_are_the_rows_sharing_title_and_start() {
    let text = [
        METRIC,
        &row("Legs", "2 Mar 2026, 08:00", "", "Squat,normal,100,5,,,"),
        &row("Legs", "2 Mar 2026, 08:00", "", "Lunge,normal,40,8,,,"),
        &row("Legs", "1 Mar 2026, 08:00", "", "Squat,normal,100,5,,,"),
        &row("Arms", "1 Mar 2026, 08:00", "", "Curl,normal,20,10,,,"),
        &row("Legs", "2 Mar 2026, 08:00", "", "Calf Raise,normal,40,8,,,"),
    ]
    .concat();
    let b = read_text(&text).unwrap();
    let got: Vec<(&str, usize)> = b
        .workouts
        .iter()
        .map(|w| (w.workout_id.as_str(), w.sets.len()))
        .collect();
    let expected = [
        ("anna/workouts.csv:1", 3),
        ("anna/workouts.csv:3", 1),
        ("anna/workouts.csv:4", 1),
    ];
    assert_eq!(got, expected);
    assert!(b.notes.is_empty());
}

#[test]
fn rows_of_one_workout_with_another_end_are_split_with_a_note() {
    let text = [
        METRIC,
        &row("Legs", S, E, "Squat,normal,100,5,,,"),
        &row("Legs", S, "12 Sep 2024, 23:59", "Squat,normal,100,5,,,"),
    ]
    .concat();
    let b = read_text(&text).unwrap();
    assert_eq!(b.workouts.len(), 2);
    assert_eq!(b.workouts[1].end, Some(local("2024-09-12 23:59")));
    assert_eq!(b.notes[0].kind, "workout_split");
}

#[test]
fn rejected_rows_keep_their_workout_and_are_noted_once() {
    let text = [
        METRIC,
        &row("Legs", S, "", "Squat,normal,heavy,5,,,"),
        &row("Legs", S, "", "Squat,normal,100,5,,,"),
        &row("Arms", S, "", "Curl,normal,20,x,,,"),
        &row("Arms", S, "", "Curl,normal,20,8,,,"),
    ]
    .concat();
    let b = read_text(&text).unwrap();
    let got: Vec<(u64, &str)> = b
        .rejected
        .iter()
        .map(|r| (r.line, r.column.as_str()))
        .collect();
    assert_eq!(got, vec![(2, "weight_kg"), (4, "reps")]);
    assert!(b.rejected[0].reason.contains("'heavy'"));
    // Each workout is named after its first set kept.
    let ids: Vec<&str> = b.workouts.iter().map(|w| w.workout_id.as_str()).collect();
    assert_eq!(ids, vec!["anna/workouts.csv:2", "anna/workouts.csv:4"]);
    let notes: Vec<&str> = b.notes.iter().map(|n| n.kind).collect();
    assert_eq!(notes, vec!["workout_rows_rejected"]);
    assert!(b.notes[0]
        .detail
        .starts_with("2 workout(s) lost 2 set row(s)"));
}

#[test]
fn unreadable_or_missing_dates_are_rejected_with_the_value() {
    let text = [
        METRIC,
        &legs("31 Feb 2026, 08:00", "Squat,normal,100,5,,,"),
        &legs("", "Squat,normal,100,5,,,"),
        &row("Legs", S, "soon", "Squat,normal,100,5,,,"),
    ]
    .concat();
    let b = read_text(&text).unwrap();
    let got: Vec<&str> = b.rejected.iter().map(|r| r.column.as_str()).collect();
    assert_eq!(got, vec!["start_time", "start_time", "end_time"]);
    assert!(b.rejected[0].reason.contains("'31 Feb 2026, 08:00'"));
    assert!(b.rejected[1].reason.contains("is empty"));
    assert!(b.rejected[2].reason.contains("'soon'"));
    assert!(b.workouts.is_empty());
}

#[test]
fn titles_descriptions_and_notes_never_reach_rejections_or_notes() {
    let text = [
        METRIC,
        &row("Secret title", S, "", "Squat,normal,x,5,,,"),
        &row("Secret title", S, "", "Squat,normal,1,5,,,"),
    ]
    .concat();
    let b = read_text(&text).unwrap();
    assert_eq!((b.rejected.len(), b.notes.len()), (1, 1));
    let said = format!("{:?} {:?}", b.rejected, b.notes);
    assert!(!said.contains("Secret"), "{said}");
}

#[test]
fn minimal_quoting_without_a_final_newline_is_read() {
    let text = "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n\
                I'm Still Standing,\"12 Sep 2024, 21:46\",\"12 Sep 2024, 23:16\",,Squat (Smith Machine),,,0,warmup,105,15,,,\n\
                I'm Still Standing,\"12 Sep 2024, 21:46\",\"12 Sep 2024, 23:16\",,\"Row, Cable\",,,1,failure,40,9,,,";
    let w = one_workout(text);
    assert_eq!(w.sets.len(), 2);
    let row = &w.sets[1];
    assert_eq!(
        (row.exercise.as_str(), row.kind),
        ("Row, Cable", SetKind::Failure)
    );
}

#[test]
fn a_row_of_another_width_is_rejected_and_the_rest_kept() {
    let text = [
        METRIC,
        "\"Legs\",\"2 Mar 2026, 08:00\"\n",
        &legs(S, "Squat,normal,100,5,,,"),
    ]
    .concat();
    let b = read_text(&text).unwrap();
    assert_eq!((b.rejected[0].line, b.rejected[0].column.as_str()), (2, ""));
    assert!(b.rejected[0].reason.contains("too few fields"));
    assert_eq!(b.workouts[0].workout_id, "anna/workouts.csv:2");
}

#[test]
fn blank_rows_are_skipped_with_a_note() {
    let text = [METRIC, &legs(S, "Squat,normal,100,5,,,"), ",,,,,,,,,,,,,\n"].concat();
    let b = read_text(&text).unwrap();
    assert_eq!((b.workouts.len(), b.rejected.len()), (1, 0));
    assert_eq!(b.notes[0].kind, "empty_rows");
}

#[test]
fn a_file_without_required_columns_is_rejected_whole_naming_them() {
    let text = "exercise_title,set_index,set_type,weight_kg\nSquat,0,normal,100\n";
    let e = read_text(text).unwrap_err();
    let named = "Hevy workout export without the column(s) title, start_time;";
    assert!(e.starts_with(named), "{e}");
}

#[test]
fn sniffer_claims_hevy_headers_only() {
    assert!(sniff(METRIC));
    assert!(sniff(
        "title,start_time,exercise_title,set_index,set_type,weight_lbs\n"
    ));
    for other in [
        "athlete_id,start,duration_min,sport\nA1,2026-03-02 08:00,60,running\n",
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time\n",
        "Activity Type,Date,Favorite,Title,Distance,Calories,Time\n",
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n",
        "Name,StartTime,EndTime,BodyWeight,Exercise,Equipment,Reps,Weight,Time,Distance,Status,IsWarmup,RPE,RIR\n",
        "id,start_date_local,name,type,moving_time,distance,elapsed_time\n",
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes\n",
        "",
        "\"unterminated",
    ] {
        assert!(!sniff(other), "{other}");
    }
}

#[test]
fn every_cut_off_prefix_is_read_or_refused_without_panicking() {
    let start = "Jun 11, 2026, 1:01\u{202f}PM";
    let text = [
        METRIC,
        &row("Légs", start, "", "Squat,failure,100,5,,,9"),
        &row("Légs", start, "", "Run,normal,,,1.5,600,"),
    ]
    .concat();
    for (cut, _) in text.char_indices() {
        if let Ok(b) = read_text(&text[..cut]) {
            let sets: usize = b.workouts.iter().map(|w| w.sets.len()).sum();
            assert!(sets + b.rejected.len() <= 2, "cut at {cut}");
        }
    }
}
