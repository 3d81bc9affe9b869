//! The real exports of `../shared/corpus/gym/fitnotes` (never committed
//! here): each is recognised as FitNotes, every record becomes a set of a
//! workout or a rejection, and hand-checked values come out.

use std::path::Path;

use super::*;
use crate::ingest::format::Content;
use crate::model::{SetKind, StartTime, WeightUnit};

fn corpus() -> Option<std::path::PathBuf> {
    crate::test_support::corpus("gym/fitnotes")
}

fn read_file(path: &Path) -> (String, Batch) {
    crate::test_support::read_corpus_file(read, path)
}

fn sets(batch: &Batch) -> usize {
    batch.workouts.iter().map(|w| w.sets.len()).sum()
}

/// (file, workouts, set rows, exercise names rejoined), counted by hand.
const EXPECTED: [(&str, usize, usize, u64); 9] = [
    (
        "Frefdt_Fitnotes-To-Strong-Converter__fitnotes.csv",
        73,
        854,
        0,
    ),
    ("bilallb_Data-analysis__FitNotes_Export.csv", 78, 1624, 99),
    (
        "jbhammon_Workout-Visualizations__FitNotes_Export_2018_10_12_15_16_59.csv",
        261,
        4214,
        0,
    ),
    (
        "jbhammon_Workout-Visualizations__FitNotes_Export_2018_11_21_12_37_10.csv",
        283,
        4639,
        0,
    ),
    (
        "labodyn_Tracking-health-and-body__FitNotes_Export.csv",
        520,
        5583,
        0,
    ),
    (
        "lukaszebedin_PersonalWeightTracker__FitNotes_Export.csv",
        124,
        2495,
        0,
    ),
    (
        "melvinrdn_intervals-icu-fitnotes__FitNotesWorkouts.csv",
        50,
        811,
        0,
    ),
    (
        "moferg_fitnotes-data-viz__FitNotes_Export_2020_10_04.csv",
        18,
        436,
        0,
    ),
    (
        "wmgriffi3_barbell-beasts-og__FitNotes_Export.csv",
        508,
        11493,
        0,
    ),
];

#[test]
fn every_corpus_file_is_detected_as_fitnotes_and_every_record_is_a_set_or_a_rejection() {
    let Some(dir) = corpus() else { return };
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let (text, batch) = read_file(&path);
        let detected = crate::ingest::formats::detect(Content::Text(&text)).map(|f| f.kind());
        assert_eq!(detected, Some(KIND), "{}", path.display());
        assert_eq!(
            sets(&batch) + batch.rejected.len(),
            crate::test_support::non_blank_records(&text),
            "{}",
            path.display()
        );
        seen += 1;
    }
    assert_eq!(seen, EXPECTED.len());
}

#[test]
fn corpus_exports_read_without_rejection_into_the_workouts_counted_by_hand() {
    let Some(dir) = corpus() else { return };
    for (file, workouts, set_rows, rejoined) in EXPECTED {
        let (_, batch) = read_file(&dir.join(file));
        assert!(
            batch.rejected.is_empty(),
            "{file}: {:?}",
            &batch.rejected[..batch.rejected.len().min(3)]
        );
        assert_eq!(
            (batch.workouts.len(), sets(&batch)),
            (workouts, set_rows),
            "{file}"
        );
        let note = batch
            .notes
            .iter()
            .find(|n| n.kind == "exercise_name_rejoined");
        let count = note.map_or(0, |n| n.detail.split(' ').next().unwrap().parse().unwrap());
        assert_eq!(count, rejoined, "{file}");
    }
}

#[test]
fn spreadsheet_copy_has_the_same_dates_as_the_raw_export() {
    let Some(dir) = corpus() else { return };
    let (_, saved) = read_file(&dir.join(EXPECTED[2].0));
    let (_, raw) = read_file(&dir.join(EXPECTED[3].0));
    let starts = |b: &Batch| b.workouts.iter().map(|w| w.start).collect::<Vec<_>>();
    assert_eq!(starts(&saved)[..], starts(&raw)[..saved.workouts.len()]);
    let first = chrono::NaiveDate::from_ymd_opt(2017, 2, 4).unwrap();
    assert_eq!(saved.workouts[0].start, StartTime::Date(first));
    let set = &saved.workouts[0].sets[0];
    assert_eq!(
        (set.category.as_str(), set.duration_s),
        ("Cardio", Some(570.0))
    );
    assert_eq!(set.weight_unit, Some(WeightUnit::Lb));
}

#[test]
fn kg_distance_rows_of_the_large_export_are_noted() {
    let Some(dir) = corpus() else { return };
    let (_, batch) = read_file(&dir.join(EXPECTED[8].0));
    let note = batch
        .notes
        .iter()
        .find(|n| n.kind == "distance_ignored")
        .unwrap();
    assert!(note.detail.contains("'kg' on 15 row(s)"), "{}", note.detail);
}

#[test]
fn ios_export_has_utc_workouts_statuses_and_set_rpe() {
    let Some(dir) = corpus() else { return };
    let (_, batch) = read_file(&dir.join(EXPECTED[6].0));
    let first = &batch.workouts[0];
    let start = chrono::DateTime::parse_from_rfc3339("2025-02-23T10:13:53Z").unwrap();
    assert_eq!(first.start, StartTime::Utc(start.timestamp_micros()));
    assert_eq!(first.sets[0].weight, Some(17.5));
    let all = || batch.workouts.iter().flat_map(|w| &w.sets);
    let count = |kind| all().filter(|s| s.kind == kind).count();
    assert_eq!(
        (
            count(SetKind::NotDone),
            count(SetKind::Failure),
            count(SetKind::Warmup)
        ),
        (7, 1, 0)
    );
    assert_eq!(all().filter(|s| s.rpe.is_some()).count(), 210);
    assert!(all().all(|s| s.weight_unit.is_none()));
}

#[test]
fn no_other_corpus_file_is_taken_for_fitnotes() {
    let Some(root) = crate::test_support::corpus("") else {
        return;
    };
    for entry in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if !entry.file_type().is_file() || path.components().any(|c| c.as_os_str() == "fitnotes") {
            continue;
        }
        let bytes = std::fs::read(path).unwrap();
        let text = crate::ingest::text::decode(&bytes).text.into_owned();
        assert!(!sniff(&text), "{}", path.display());
    }
}
