use chrono::NaiveDateTime;

use super::values::{parse_date, parse_duration_s};
use super::*;
use crate::model::{RawWorkout, SetKind, StartTime};

fn ctx() -> FileCtx<'static> {
    FileCtx {
        shown: "logs/anna/strong.csv",
        id_prefix: "anna/strong.csv",
        source: 1,
    }
}

fn read_text(text: &str) -> Result<Batch, String> {
    crate::test_support::read_into(read, text, &ctx())
}

fn local(text: &str) -> StartTime {
    StartTime::Naive(NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap())
}

fn one_workout(text: &str) -> RawWorkout {
    let b = read_text(text).unwrap();
    assert!(b.rejected.is_empty(), "{:?}", b.rejected);
    assert_eq!(b.workouts.len(), 1, "{:?}", b.workouts);
    b.workouts[0].clone()
}

fn ids_and_sets(b: &Batch) -> Vec<(&str, usize)> {
    let ids = b
        .workouts
        .iter()
        .map(|w| (w.workout_id.as_str(), w.sets.len()));
    ids.collect()
}

/// The current comma format's header.
const COMMA: &str = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n";

/// The date of the examples.
const D: &str = "2024-01-02 10:00:00";

/// A comma-format row of the workout `Legs` at `date` lasting `duration`;
/// `set` is `exercise,set order,weight,reps,rpe`.
fn row(date: &str, duration: &str, set: &str) -> String {
    let p: Vec<&str> = set.split(',').collect();
    let (exercise, order, weight, reps, rpe) = (p[0], p[1], p[2], p[3], p[4]);
    format!("{date},\"Legs\",{duration},\"{exercise}\",{order},{weight},{reps},0,0,\"Secret note\",\"\",{rpe}\n")
}

#[test]
fn comma_format_gives_one_workout_with_its_duration_and_sets_in_file_order() {
    let date = "2022-07-28 20:14:20";
    let text = [
        COMMA,
        &row(date, "1h 5m", "Squat (Barbell),1,110.0,6,"),
        &row(date, "1h 5m", "Squat (Barbell),2,90.0,12,8.5"),
        &row(date, "1h 5m", "Leg Extension (Machine),1,57.5,12,"),
    ]
    .concat();
    let w = one_workout(&text);
    assert_eq!(w.workout_id, "anna/strong.csv:1");
    assert_eq!((w.line, w.source, w.athlete_id.as_str()), (2, 1, ""));
    assert_eq!(w.start, local("2022-07-28 20:14:20"));
    assert_eq!((w.end, w.duration_s), (None, Some(3900.0)));
    let got: Vec<(&str, u64, Option<f64>, Option<u32>)> = w
        .sets
        .iter()
        .map(|s| (s.exercise.as_str(), s.line, s.weight, s.reps))
        .collect();
    let expected = [
        ("Squat (Barbell)", 2, Some(110.0), Some(6)),
        ("Squat (Barbell)", 3, Some(90.0), Some(12)),
        ("Leg Extension (Machine)", 4, Some(57.5), Some(12)),
    ];
    assert_eq!(got, expected);
    // A plain `Weight` column does not say its unit.
    assert_eq!((w.sets[0].weight_unit, w.sets[1].rpe), (None, Some(8.5)));
    assert_eq!((w.sets[0].distance_m, w.sets[0].duration_s), (None, None));
}

#[test]
fn every_duration_form_is_read() {
    for (text, seconds) in [
        ("1h 5m", 3900.0),
        ("47m", 2820.0),
        ("46min", 2760.0),
        ("1h 15min", 4500.0),
        ("22s", 22.0),
        ("2h", 7200.0),
        ("2h 18m", 8280.0),
        ("1 h 5 min", 3900.0),
        ("1:05:00", 3900.0),
    ] {
        assert_eq!(parse_duration_s(text), Some(seconds), "{text}");
    }
    for bad in ["", "5", "5m 1h", "1h 1h", "soon", "1:xx", "1h5"] {
        assert_eq!(parse_duration_s(bad), None, "{bad}");
    }
}

#[test]
fn twelve_hour_dates_are_read_with_any_space_before_am_pm() {
    for (text, expected) in [
        ("2025-01-30 12:34:56\u{202f}pm", "2025-01-30 12:34:56"),
        ("2025-01-30 1:34:56 PM", "2025-01-30 13:34:56"),
        ("2025-01-30 12:04:56 am", "2025-01-30 00:04:56"),
        ("2025-01-30 9:04:56", "2025-01-30 09:04:56"),
    ] {
        assert_eq!(parse_date(text), Some(local(expected)), "{text}");
    }
    for bad in [
        "2025-01-30 13:04:56 pm",
        "2025-02-30 10:00:00",
        "30/01/2025 10:00",
        "",
    ] {
        assert_eq!(parse_date(bad), None, "{bad}");
    }
}

#[test]
fn set_orders_give_working_warmup_failure_and_rest_rows() {
    let rows: Vec<String> = [
        "Bench Press,W",
        "Bench Press,1",
        "Bench Press,D",
        "Bench Press,F",
        "Bench Press,Rest Timer",
        "Rest Timer,",
        "Bench Press,Note",
    ]
    .iter()
    .map(|set| row(D, "1h", &format!("{set},60,8,")))
    .collect();
    let w = one_workout(&(COMMA.to_string() + &rows.concat()));
    let kinds: Vec<SetKind> = w.sets.iter().map(|s| s.kind).collect();
    use SetKind::*;
    assert_eq!(kinds, [Warmup, Working, Working, Failure, Rest, Rest, Rest]);
}

#[test]
fn an_unknown_set_order_is_rejected_naming_it() {
    let b = read_text(&(COMMA.to_string() + &row(D, "1h", "Bench,X2,60,8,"))).unwrap();
    assert_eq!(b.rejected[0].column, "Set Order");
    assert!(
        b.rejected[0].reason.contains("'X2'"),
        "{}",
        b.rejected[0].reason
    );
}

#[test]
fn an_rpe_column_of_zeros_is_no_rating() {
    let text = [
        COMMA,
        &row(D, "1h", "Deadlift,1,50,8,0"),
        &row(D, "1h", "Deadlift,2,60,8,0"),
    ];
    let sets = one_workout(&text.concat()).sets;
    assert_eq!(sets.len(), 2);
    assert!(sets.iter().all(|s| s.rpe.is_none()));
}

#[test]
fn format_2017_without_duration_or_rpe_is_read() {
    let text = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes\n\
                2017-05-12 19:00:00,\"Afternoon Workout\",\"Bench Press (Barbell)\",1,50,10,0,0,\"\",\"\"\n";
    let w = one_workout(text);
    assert_eq!(
        (w.duration_s, w.sets[0].rpe, w.sets[0].weight),
        (None, None, Some(50.0))
    );
}

#[test]
fn semicolon_format_reads_units_per_row() {
    let text = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n\
                2023-03-12 10:30:49;\"PULL\";\"Deadlift (Barbell)\";1;110;kg;5;;;;0;\"\";\"\";1h 50m\n\
                2023-03-12 10:30:49;\"PULL\";\"Plank\";1;;;;;;;60;;;1h 50m\n\
                2023-03-12 10:30:49;\"PULL\";\"Running\";1;;;;;2;mi.;900;;;1h 50m\n\
                2023-03-12 10:30:49;\"PULL\";\"Curl\";1;45;lbs;10;;;;0;;;1h 50m\n";
    let w = one_workout(text);
    assert_eq!(w.duration_s, Some(6600.0));
    let units: Vec<Option<WeightUnit>> = w.sets.iter().map(|s| s.weight_unit).collect();
    assert_eq!(
        units,
        [Some(WeightUnit::Kg), None, None, Some(WeightUnit::Lb)]
    );
    assert_eq!(w.sets[1].duration_s, Some(60.0));
    let run = &w.sets[2];
    assert_eq!(
        (run.distance_m, run.duration_s),
        (Some(2.0 * 1609.344), Some(900.0))
    );
}

#[test]
fn an_unknown_weight_unit_is_rejected() {
    let text = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n\
                2023-03-12 10:30:49;PULL;Deadlift;1;110;stone;5\n";
    let b = read_text(text).unwrap();
    assert_eq!(b.rejected[0].column, "Weight Unit");
    assert!(b.rejected[0].reason.contains("'stone'"));
}

#[test]
fn workout_number_format_reads_seconds_kilograms_and_metres() {
    let text = "\"Workout #\";\"Date\";\"Workout Name\";\"Duration (sec)\";\"Exercise Name\";\"Set Order\";\"Weight (kg)\";\"Reps\";\"RPE\";\"Distance (meters)\";\"Seconds\";\"Notes\";\"Workout Notes\"\n\
                \"39\";\"2019-03-28 15:24:28\";\"Back, Core\";\"1267\";\"Shoulder Press (Machine)\";\"2\";\"40.0\";\"8\";\"\";\"\";\"\";\"\";\"\"\n\
                \"39\";\"2019-03-28 15:24:28\";\"Back, Core\";\"1267\";\"Rowing\";\"1\";\"\";\"\";\"\";\"500\";\"120.5\";\"\";\"\"\n";
    let w = one_workout(text);
    assert_eq!(
        (w.start, w.duration_s),
        (local("2019-03-28 15:24:28"), Some(1267.0))
    );
    let press = &w.sets[0];
    assert_eq!(
        (press.weight, press.weight_unit),
        (Some(40.0), Some(WeightUnit::Kg))
    );
    assert_eq!(
        (w.sets[1].distance_m, w.sets[1].duration_s),
        (Some(500.0), Some(120.5))
    );
}

#[test]
fn rows_of_one_workout_number_with_another_date_are_split_with_a_note() {
    let text =
        "Workout #;Date;Workout Name;Duration (sec);Exercise Name;Set Order;Weight (kg);Reps\n\
                7;2019-03-28 15:24:28;A;1267;Squat;1;40;8\n\
                7;2019-03-29 15:24:28;A;1267;Squat;1;40;8\n\
                7;2019-03-28 15:24:28;A;1267;Squat;2;40;8\n";
    let b = read_text(text).unwrap();
    assert_eq!(
        ids_and_sets(&b),
        [("anna/strong.csv:1", 2), ("anna/strong.csv:2", 1)]
    );
    assert_eq!(b.notes[0].kind, "workout_split");
}

#[test]
fn oldest_format_reads_kg_and_km_columns_and_zero_based_sets() {
    let text = "Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes\r\n\
                2016-10-03 19:30:55,\"W1D1\",\"Squat\",0,70.0,5,0.0,0,\"\"\r\n\
                2016-10-03 19:30:55,\"W1D1\",\"Rowing\",0,0.0,0,1.5,400,\"\"\r\n";
    let w = one_workout(text);
    let squat = &w.sets[0];
    assert_eq!(
        (squat.kind, squat.weight_unit),
        (SetKind::Working, Some(WeightUnit::Kg))
    );
    assert_eq!(squat.distance_m, None);
    let row = &w.sets[1];
    assert_eq!(
        (row.distance_m, row.duration_s, row.line),
        (Some(1500.0), Some(400.0), 3)
    );
}

#[test]
fn french_header_is_read() {
    let text = "Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,Distance,Secondes,Notes,Notes d'entraînement,RPE\r\n\
                2023-08-16 13:10:30,\"Pecs Et Dos\",1h 5min,\"Aerobics\",1,0,0,0,600,\"\",\"\",\r\n\
                2023-08-16 13:10:30,\"Pecs Et Dos\",1h 5min,\"Bench Press (Dumbbell)\",1,20.0,8,0,0,\"\",,\r\n";
    assert!(sniff(text));
    let w = one_workout(text);
    assert_eq!(
        (w.duration_s, w.sets[0].duration_s),
        (Some(3900.0), Some(600.0))
    );
    assert_eq!((w.sets[1].weight, w.sets[1].reps), (Some(20.0), Some(8)));
}

#[test]
fn distances_without_a_unit_are_left_unread_with_a_note() {
    let text = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds\n\
                2021-07-07 18:35:21,\"Push\",31m,\"Rowing (Machine)\",1,0,0,1.5,400\n";
    let b = read_text(text).unwrap();
    let set = &b.workouts[0].sets[0];
    assert_eq!((set.distance_m, set.duration_s), (None, Some(400.0)));
    let notes: Vec<&str> = b.notes.iter().map(|n| n.kind).collect();
    assert_eq!(notes, ["distance_unit_unknown"]);
}

#[test]
fn workouts_are_the_rows_sharing_date_and_name() {
    let text = [
        COMMA,
        &row(D, "1h", "Squat,1,60,8,"),
        &row("2024-01-03 10:00:00", "1h", "Squat,1,60,8,"),
        &row(D, "1h", "Squat,2,60,8,"),
    ]
    .concat();
    let b = read_text(&text).unwrap();
    assert_eq!(
        ids_and_sets(&b),
        [("anna/strong.csv:1", 2), ("anna/strong.csv:2", 1)]
    );
    assert!(b.notes.is_empty());
}

#[test]
fn rejected_rows_keep_their_workout_and_are_noted_once() {
    let text = [
        COMMA,
        &row(D, "1h", "Squat,1,sixty,8,"),
        &row(D, "1h", "Squat,2,60,8,"),
        &row(D, "an hour", "Squat,3,60,8,"),
        &row("2024-01-02 25:00:00", "1h", "Squat,4,60,8,"),
    ]
    .concat();
    let b = read_text(&text).unwrap();
    let got: Vec<(u64, &str)> = b
        .rejected
        .iter()
        .map(|r| (r.line, r.column.as_str()))
        .collect();
    assert_eq!(got, [(2, "Weight"), (4, "Duration"), (5, "Date")]);
    assert!(b.rejected[0].reason.contains("'sixty'"));
    assert!(b.rejected[1].reason.contains("'an hour'"));
    assert!(b.rejected[2].reason.contains("'2024-01-02 25:00:00'"));
    assert_eq!(ids_and_sets(&b), [("anna/strong.csv:2", 1)]);
    let notes: Vec<&str> = b.notes.iter().map(|n| n.kind).collect();
    assert_eq!(notes, ["workout_rows_rejected"]);
    let detail = &b.notes[0].detail;
    assert!(
        detail.starts_with("1 workout(s) lost 2 set row(s)"),
        "{detail}"
    );
    let said = format!("{:?}", b.rejected);
    assert!(!said.contains("Secret") && !said.contains("Legs"), "{said}");
}

#[test]
fn a_file_without_required_columns_is_rejected_whole_naming_them() {
    let text = "Date,Exercise Name,Set Order,Weight,Reps\n2024-01-02 10:00:00,Squat,1,60,8\n";
    let e = read_text(text).unwrap_err();
    assert!(
        e.starts_with("Strong export without the column(s) Workout Name "),
        "{e}"
    );
}

#[test]
fn blank_rows_are_skipped_with_a_note() {
    let text = [COMMA, &row(D, "1h", "Squat,1,60,8,"), ",,,,,,,,,,,\n"].concat();
    let b = read_text(&text).unwrap();
    assert_eq!((b.workouts.len(), b.rejected.len()), (1, 0));
    assert_eq!(b.notes[0].kind, "empty_rows");
}

#[test]
fn sniffer_claims_strong_headers_only() {
    assert!(sniff(COMMA));
    assert!(sniff(
        "Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes\n"
    ));
    assert!(sniff(
        "\"Workout #\";\"Date\";\"Duration (sec)\";\"Exercise Name\";\"Set Order\"\n"
    ));
    for other in [
        "athlete_id,start,duration_min,sport\nA1,2026-03-02 08:00,60,running\n",
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time\n",
        "Activity Type,Date,Favorite,Title,Distance,Calories,Time\n",
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n",
        "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time\n",
        "Name,StartTime,EndTime,BodyWeight,Exercise,Equipment,Reps,Weight,Time,Distance,Status\n",
        "id,Type,Date,Distance,Moving Time,Name,Avg HR,Intensity,Load\n",
        "title,start_time,end_time,description,exercise_title,superset_id,set_index,set_type\n",
        "",
        "\"unterminated",
    ] {
        assert!(!sniff(other), "{other}");
    }
}

#[test]
fn every_cut_off_prefix_is_read_or_refused_without_panicking() {
    let date = "2025-01-30 1:34:56\u{202f}pm";
    let text = [
        COMMA,
        &row(date, "1h 5min", "Squät,W,20,5,7"),
        &row(date, "1h 5min", "Squät,1,20,5,9.5"),
    ];
    let text = text.concat();
    for (cut, _) in text.char_indices() {
        if let Ok(b) = read_text(&text[..cut]) {
            let sets: usize = b.workouts.iter().map(|w| w.sets.len()).sum();
            assert!(sets + b.rejected.len() <= 2, "cut at {cut}");
        }
    }
}
