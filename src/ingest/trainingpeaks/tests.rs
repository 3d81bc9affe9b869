//! TrainingPeaks reader on small hand-written exports and on the real ones
//! of `../shared/corpus/trainingpeaks` (skipped with a message when absent).

use super::*;

fn run(text: &str) -> Result<Batch, String> {
    let ctx = FileCtx {
        shown: "tp/workouts.csv",
        id_prefix: "workouts.csv",
        source: 3,
    };
    crate::test_support::read_into(read, text, &ctx)
}

fn day(text: &str) -> StartTime {
    StartTime::Date(NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap())
}

const HEAD: &str = "\"Title\",\"WorkoutType\",\"WorkoutDescription\",\"PlannedDuration\",\"WorkoutDay\",\"TimeTotalInHours\",\"Rpe\"\r\n";

/// Completed, planned, a rest day, and a description with embedded quotes.
fn export() -> String {
    format!(
        "{HEAD}\
\"Easy run\",\"Run\",\"Keep it \"\"easy\"\", then \"\"strides\"\"\",\"1\",\"2026-01-05\",\"0.75\",\"3\"\r\n\
\"Legs\",\"Strength\",\"\",\"1\",\"2026-01-05\",\"\",\"\"\r\n\
\"Rest\",\"Day Off\",\"\",\"\",\"2026-01-06\",\"\",\"\"\r\n\
\"Swim\",\"Swim\",\"\",\"0.5\",\"2026-01-07\",\"0.510277777777778\",\"\"\r\n"
    )
}

#[test]
fn completed_workouts_are_date_only_sessions_with_hours_as_seconds() {
    let b = run(&export()).unwrap();
    let run_session = &b.sessions[0];
    assert_eq!(run_session.session_id, "workouts.csv:1");
    assert_eq!(run_session.athlete_id, "");
    assert_eq!(run_session.start, day("2026-01-05"));
    assert_eq!(run_session.duration_s, 2700.0);
    assert_eq!(run_session.sport, "Run");
    assert_eq!(run_session.rpe, Some(3.0));
    assert_eq!(run_session.line, 2);
    assert_eq!(run_session.source, 3);
    assert!(!run_session.planned && run_session.modality.is_none());
    assert_eq!(
        b.sessions[2].duration_s, 1837.0,
        "TimeTotalInHours wins over the plan"
    );
    assert!(!b.sessions[2].planned);
}

#[test]
fn planned_only_rows_are_kept_as_plans_and_counted_in_one_note() {
    let b = run(&export()).unwrap();
    let planned: Vec<(&str, f64, u64)> = b
        .sessions
        .iter()
        .filter(|s| s.planned)
        .map(|s| (s.sport.as_str(), s.duration_s, s.line))
        .collect();
    assert_eq!(planned, vec![("Strength", 3600.0, 3)]);
    let notes: Vec<&Note> = b
        .notes
        .iter()
        .filter(|n| n.kind == "planned_workouts")
        .collect();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].detail.starts_with("1 planned"),
        "{}",
        notes[0].detail
    );
}

#[test]
fn day_off_rows_are_skipped_and_counted_never_silently() {
    let b = run(&export()).unwrap();
    assert_eq!(b.sessions.len(), 3);
    assert!(b.sessions.iter().all(|s| s.sport != "Day Off"));
    let skipped: Vec<&Note> = b
        .notes
        .iter()
        .filter(|n| n.kind == "skipped_rows")
        .collect();
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0].detail.starts_with("1 'Day Off'"));
    assert!(b.rejected.is_empty());
}

#[test]
fn session_ids_come_from_a_workout_id_column_when_there_is_one() {
    let text = "WorkoutId,WorkoutType,WorkoutDay,TimeTotalInHours\n981,Bike,2026-01-05,1\n,Run,2026-01-05,1\n";
    let b = run(text).unwrap();
    let ids: Vec<&str> = b.sessions.iter().map(|s| s.session_id.as_str()).collect();
    assert_eq!(ids, vec!["981", "workouts.csv:2"]);
}

#[test]
fn bad_rows_are_rejected_naming_the_value_and_what_was_expected() {
    let text = format!(
        "{HEAD}\
x,Run,,1,05/01/2026,1,\r\n\
x,Run,,1,2026-02-30,1,\r\n\
x,Run,,1,2026-01-05,-1,\r\n\
x,Run,,abc,2026-01-05,,\r\n\
x,Run,,,2026-01-05,,\r\n\
x,,,1,2026-01-05,1,\r\n\
x,Run,,1,2026-01-05\r\n\
x,Run,,1,2026-01-05T00:00:00,1,12\r\n"
    );
    let b = run(&text).unwrap();
    let got: Vec<(u64, &str)> = b
        .rejected
        .iter()
        .map(|r| (r.line, r.column.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "WorkoutDay"),
            (3, "WorkoutDay"),
            (4, "TimeTotalInHours"),
            (5, "PlannedDuration"),
            (6, "TimeTotalInHours"),
            (7, "WorkoutType"),
            (8, "")
        ]
    );
    assert!(
        b.rejected[0].reason.contains("'05/01/2026'")
            && b.rejected[0].reason.contains("2026-01-05")
    );
    assert!(b.rejected[2].reason.contains("'-1'") && b.rejected[2].reason.contains("negative"));
    assert!(b.rejected[3].reason.contains("'abc'") && b.rejected[3].reason.contains("hours"));
    assert_eq!(
        b.sessions.len(),
        1,
        "a midnight time on WorkoutDay is still a day"
    );
    assert_eq!(b.sessions[0].start, day("2026-01-05"));
    assert_eq!(b.sessions[0].rpe, None);
    assert_eq!(
        b.notes
            .iter()
            .filter(|n| n.kind == "unreadable_value")
            .count(),
        1
    );
}

#[test]
fn missing_required_columns_reject_the_file_naming_them() {
    let e = run("WorkoutDay,WorkoutType,Title\n2026-01-05,Run,x\n").unwrap_err();
    assert!(e.contains("TimeTotalInHours or PlannedDuration"), "{e}");
}

#[test]
fn sniffer_needs_both_workout_day_and_type() {
    assert!(sniff(&export()));
    assert!(!sniff(
        "athlete_id,start,duration_min,sport\nA1,2026-03-02,60,running\n"
    ));
    assert!(!sniff("WorkoutDay,Title\n2026-01-05,x\n"));
    assert!(!sniff("Type,Local Number,Message\n"));
    assert!(!sniff(""));
}

/// Reads a corpus export, or `None` (with a message) when it is absent.
fn corpus(name: &str) -> Option<Batch> {
    let path = crate::test_support::corpus("trainingpeaks")?.join(name);
    let bytes = std::fs::read(&path).ok()?;
    let text = crate::ingest::text::decode(&bytes).text;
    assert!(sniff(&text), "{name} not recognised");
    Some(run(&text).unwrap())
}

/// (completed, planned) sessions, rejections as (line, column), note kinds.
fn tally(b: &Batch) -> (usize, usize, Vec<(u64, &str)>, Vec<&str>) {
    let planned = b.sessions.iter().filter(|s| s.planned).count();
    let rejected = b
        .rejected
        .iter()
        .map(|r| (r.line, r.column.as_str()))
        .collect();
    let notes = b.notes.iter().map(|n| n.kind).collect();
    (b.sessions.len() - planned, planned, rejected, notes)
}

#[test]
fn small_corpus_export_has_three_completed_workouts_and_four_plans() {
    let Some(b) = corpus("joe-klonowski_workout-planning__exported-2026-01-06_workouts.csv") else {
        return;
    };
    // The row without any duration (an `Other` workout) is the one rejection.
    assert_eq!(
        tally(&b),
        (
            3,
            4,
            vec![(4, "TimeTotalInHours")],
            vec!["planned_workouts"]
        )
    );
    let completed: Vec<(&str, f64, Option<f64>)> = b
        .sessions
        .iter()
        .filter(|s| !s.planned)
        .map(|s| (s.sport.as_str(), s.duration_s, s.rpe))
        .collect();
    assert_eq!(completed[0], ("Swim", 1837.0, None));
    assert_eq!(completed[2].0, "Run");
    assert_eq!(completed[2].2, Some(3.0));
    assert!(b
        .sessions
        .iter()
        .all(|s| s.start == day("2026-01-05") || s.start == day("2026-01-06")));
}

#[test]
fn large_corpus_plan_is_all_planned_with_its_rest_day_skipped() {
    let Some(b) = corpus("joe-klonowski_workout-planning__workouts.csv") else {
        return;
    };
    let (completed, planned, rejected, notes) = tally(&b);
    assert_eq!((completed, planned), (0, 177));
    assert_eq!(
        rejected,
        vec![(2, "TimeTotalInHours"), (7, "TimeTotalInHours")]
    );
    assert_eq!(notes, vec!["planned_workouts", "skipped_rows"]);
    assert!(b
        .sessions
        .iter()
        .all(|s| matches!(s.start, StartTime::Date(_))));
}

#[test]
fn hours_too_large_for_seconds_are_rejected_not_infinite() {
    let b = run("WorkoutType,WorkoutDay,TimeTotalInHours\nRun,2026-01-05,1e306\n").unwrap();
    assert!(b.sessions.is_empty());
    assert!(
        b.rejected[0].reason.contains("too large"),
        "{}",
        b.rejected[0].reason
    );
}

#[test]
fn corpus_exports_cut_off_anywhere_never_panic() {
    let Some(dir) = crate::test_support::corpus("trainingpeaks") else {
        return;
    };
    let entries = std::fs::read_dir(dir).unwrap();
    for path in entries.flatten().map(|e| e.path()) {
        let text = crate::ingest::text::decode(&std::fs::read(&path).unwrap())
            .text
            .into_owned();
        for cut in (1..=32).map(|i| i * text.len() / 32) {
            let end = (0..=cut)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            if let Ok(b) = run(&text[..end]) {
                assert!(b.sessions.iter().all(|s| s.duration_s.is_finite()));
            }
        }
    }
}
