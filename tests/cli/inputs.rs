//! Where input comes from and what it tells: whose a file is (roster
//! `sources`, the folders on its path), notes on dates, clocks and gym
//! workouts, flags of planned workouts, and where rejections are listed.

use super::*;

/// A Hevy log of one workout (no athlete column: the file's folder or the
/// roster's `sources` names the athlete).
const HEVY_WORKOUT: &str = "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"
\"Legs\",\"2 Mar 2026, 08:00\",\"2 Mar 2026, 09:00\",\"\",\"Squat (Barbell)\",\"\",\"\",\"0\",\"normal\",\"100\",\"5\",\"\",\"\",\"8\"
";

#[test]
fn the_rejection_warning_names_the_table_the_run_wrote() {
    let tmp = TempDir::new().unwrap();
    let log = write(tmp.path(), "bad.csv", "athlete_id,start,duration_min,modality\nA1,2026-03-02T08:00,60,strength\nA1,not a time,60,strength\n");
    let run = |formats: &str| {
        let out = tmp.path().join(formats);
        let output = audit(&log, &out)
            .args(["--format", formats])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        String::from_utf8(output.stderr).unwrap()
    };
    let csv = run("csv");
    assert!(
        csv.contains("rejected; see ") && csv.contains("rejected.csv"),
        "{csv}"
    );
    let parquet = run("parquet");
    assert!(parquet.contains("rejected.parquet"), "{parquet}");
    let pdf = run("pdf");
    assert!(
        !pdf.contains("rejected.csv\n") && pdf.contains("data-quality section"),
        "{pdf}"
    );
    let svg = run("svg");
    assert!(
        svg.contains("see rejected.csv (written with --format csv)"),
        "{svg}"
    );
}

#[test]
fn date_only_sessions_are_noted_per_athlete_and_counted_by_athletes() {
    let tmp = TempDir::new().unwrap();
    let log = write(
        tmp.path(),
        "days.csv",
        "athlete_id,start,duration_min,modality\nA1,2026-03-02,60,strength\nA1,2026-03-03,60,endurance\nA2,2026-03-02,45,strength\nA3,2026-03-02T08:00,45,strength\n",
    );
    let out = tmp.path().join("out");
    audit(&log, &out).assert().success();
    let notes = read(&out, "data_quality.csv");
    assert!(notes.contains("date_only,A1,,"), "{notes}");
    assert!(notes.contains("date_only,A2,,"), "{notes}");
    assert!(
        notes.contains("2 session(s) with a date but no time of day"),
        "{notes}"
    );
    assert!(!notes.contains("date_only,A3"), "{notes}");
    let summary = read(&out, "data_quality_summary.csv");
    assert!(summary.contains("date_only,2,2"), "{summary}");
}

#[test]
fn a_gym_log_given_from_the_folder_above_the_athletes_is_the_roster_athletes() {
    let tmp = TempDir::new().unwrap();
    let season = tmp.path().join("season");
    write(
        &season,
        "team/roster.csv",
        "athlete_id,group,status\nD01,distance,trained\n",
    );
    write(&season, "team/D01/hevy.csv", HEVY_WORKOUT);
    let out = tmp.path().join("out");
    audit(&season, &out).assert().success();
    let sessions = read(&out, "sessions.csv");
    assert!(sessions.contains(",D01,distance,strength,"), "{sessions}");
    assert!(!sessions.contains(",team,"), "{sessions}");
}

#[test]
fn gym_workouts_ending_before_they_start_are_counted_in_one_note() {
    let tmp = TempDir::new().unwrap();
    let early = HEVY_WORKOUT.replace("2 Mar 2026, 09:00", "2 Mar 2026, 07:00");
    write(tmp.path(), "logs/eva/hevy.csv", early);
    let out = tmp.path().join("out");
    audit(tmp.path().join("logs"), &out).assert().success();
    let notes = read(&out, "data_quality.csv");
    assert!(
        notes.contains("end_before_start,eva,") && notes.contains("1 workout(s)"),
        "{notes}"
    );
    assert!(!notes.contains("give no end"), "{notes}");
}

#[test]
fn roster_sources_match_the_path_under_the_input_and_a_pattern_matching_nothing_is_noted() {
    let tmp = TempDir::new().unwrap();
    let flat = tmp.path().join("flat");
    write(
        &flat,
        "roster.csv",
        "athlete_id,group,status,sources\nB1,g,trained,ben_*; bne_*\n",
    );
    write(&flat, "ben_hevy.csv", HEVY_WORKOUT);
    let out = tmp.path().join("out");
    // The input given by its absolute path: `ben_*` still matches.
    audit(flat.canonicalize().unwrap(), &out).assert().success();
    assert!(read(&out, "sessions.csv").contains(",B1,g,strength,"));
    let notes = read(&out, "data_quality.csv");
    assert!(
        notes.contains("sources_unmatched,B1,") && notes.contains("pattern 2 of"),
        "{notes}"
    );
}

#[test]
fn local_times_read_in_the_default_zone_beside_utc_times_are_noted() {
    let tmp = TempDir::new().unwrap();
    let logs = tmp.path().join("logs");
    write(&logs, "eva/hevy.csv", HEVY_WORKOUT);
    write(
        &logs,
        "eva/activities.csv",
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time\n1,\"Mar 2, 2026, 4:00:00 PM\",Run,Run,1800\n",
    );
    let out = tmp.path().join("out");
    audit(&logs, &out).assert().success();
    let notes = read(&out, "data_quality.csv");
    assert!(notes.contains("local_time_in_default_zone,eva,"), "{notes}");
    let roster = write(
        tmp.path(),
        "roster.csv",
        "athlete_id,group,status,timezone\neva,g,trained,Europe/Amsterdam\n",
    );
    audit(&logs, &out)
        .arg("--roster")
        .arg(&roster)
        .assert()
        .success();
    let notes = read(&out, "data_quality.csv");
    assert!(!notes.contains("local_time_in_default_zone"), "{notes}");
}

#[test]
fn flags_of_planned_workouts_say_so() {
    let tmp = TempDir::new().unwrap();
    let logs = tmp.path().join("logs");
    let head = "\"Title\",\"WorkoutType\",\"WorkoutDescription\",\"PlannedDuration\",\"WorkoutDay\",\"TimeTotalInHours\",\"Rpe\"\r\n";
    // Done on Monday, planned for Wednesday: a strength session and a run each day.
    let rows = [
        "\"Legs\",\"Strength\",\"\",\"1\",\"2026-01-05\",\"1\",\"7\"",
        "\"Run\",\"Run\",\"\",\"1\",\"2026-01-05\",\"0.75\",\"3\"",
        "\"Legs\",\"Strength\",\"\",\"1\",\"2026-01-07\",\"\",\"\"",
        "\"Run\",\"Run\",\"\",\"1\",\"2026-01-07\",\"\",\"\"",
    ];
    write(
        &logs,
        "eva/workouts.csv",
        format!("{head}{}\r\n", rows.join("\r\n")),
    );
    let out = tmp.path().join("out");
    audit(&logs, &out).assert().success();
    let flags = read(&out, "flags.csv");
    let planned: Vec<&str> = flags
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert_eq!(planned, ["false", "true"], "{flags}");
    assert!(
        flags.lines().nth(2).unwrap().contains("2026-01-07"),
        "{flags}"
    );
    let html = read(&out, "report.html");
    assert_eq!(html.matches("<small>(planned)</small>").count(), 1);
}

#[test]
fn an_input_without_sessions_gives_an_empty_report_and_a_warning() {
    let tmp = TempDir::new().unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    audit(&empty, tmp.path().join("o"))
        .assert()
        .success()
        .stderr(contains("no training session was read"));
    let (_tmp, input, out) = season();
    let output = audit(&input, &out).output().unwrap();
    assert!(!String::from_utf8_lossy(&output.stderr).contains("no training session"));
}
