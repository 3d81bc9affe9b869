//! The real exports of `../shared/corpus/gym/hevy` (never committed here):
//! every file is recognised as Hevy's, every set row ends as a set of a
//! workout (none is rejected), and hand-checked values come out.

use std::path::{Path, PathBuf};

use super::*;
use crate::ingest::format::Content;
use crate::ingest::formats::detect;

/// (file, workouts, set rows), counted by hand.
const EXPECTED: [(&str, usize, usize); 18] = [
    ("DaKheera47_strong-statistics__sample_hevy.csv", 335, 7211),
    ("FelipeRuizM_hevy-visualizer__workout_data.csv", 37, 567),
    ("Frefdt_Fitnotes-To-Strong-Converter__target.csv", 1, 8),
    ("GuTory_workout-analysis__workout_data.csv", 283, 5978),
    (
        "Jake-Leicht_Hevy-Dashboard-App__HevyData_20240912.csv",
        32,
        681,
    ),
    ("NathanN-275_Lifting-stats__workout_data.csv", 590, 9436),
    ("PedroTorrado_Hevy-Load__workouts.csv", 316, 9335),
    ("Si2-Aung_Hevy_project__workouts11.06.24.csv", 198, 3928),
    ("StvrvDimitris_hevy-analyzer__workout_data.csv", 232, 4063),
    ("TonyTromp_HevyConnect__workouts.csv", 80, 1922),
    ("ahmed-abdelwahed1_hevy-flow__workouts.csv", 119, 2628),
    ("ajccosta_hevyplotter__workouts.csv", 411, 8650),
    ("biaazv_heavy_etl__workout_data.csv", 250, 4476),
    ("jake-walker_workout-converter__hevy.csv", 2, 12),
    ("mouadja02_Hevy-Coach__workout_data.csv", 17, 330),
    (
        "smdesai27_workout_progress_visualize__workout_data.csv",
        209,
        3430,
    ),
    (
        "smdesai27_workout_progress_visualize__workouts_austin.csv",
        773,
        13650,
    ),
    ("tomaszzywicki_GymDashboard__workout_data.csv", 54, 1187),
];

fn corpus() -> Option<PathBuf> {
    crate::test_support::corpus("gym/hevy")
}

fn read_file(path: &Path) -> (String, Batch) {
    crate::test_support::read_corpus_file(read, path)
}

fn sets(batch: &Batch) -> usize {
    batch.workouts.iter().map(|w| w.sets.len()).sum()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_file_is_detected_as_hevy() {
    let Some(dir) = corpus() else { return };
    for path in files(&dir) {
        let (text, _) = read_file(&path);
        let kind = detect(Content::Text(&text)).map(|f| f.kind());
        assert_eq!(kind, Some(KIND), "{}", path.display());
    }
}

#[test]
fn every_corpus_record_is_a_set_of_a_workout_and_none_is_rejected() {
    let Some(dir) = corpus() else { return };
    let all = files(&dir);
    assert_eq!(all.len(), EXPECTED.len());
    for (file, workouts, set_rows) in EXPECTED {
        let (text, batch) = read_file(&dir.join(file));
        let records = crate::test_support::non_blank_records(&text);
        assert_eq!(sets(&batch) + batch.rejected.len(), records, "{file}");
        assert_eq!(
            (batch.workouts.len(), sets(&batch), batch.rejected.len()),
            (workouts, set_rows, 0),
            "{file}: {:?}",
            batch.rejected.first()
        );
        assert!(batch.notes.is_empty(), "{file}: {:?}", batch.notes);
    }
}

/// The workouts of a corpus file, `None` when the corpus is absent.
fn workouts(file: &str) -> Option<Vec<crate::model::RawWorkout>> {
    let (_, batch) = read_file(&corpus()?.join(file));
    Some(batch.workouts)
}

fn local(text: &str) -> StartTime {
    StartTime::Naive(chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap())
}

#[test]
fn us_locale_export_reads_twelve_hour_times() {
    let Some(all) = workouts("ahmed-abdelwahed1_hevy-flow__workouts.csv") else {
        return;
    };
    let want = (local("2026-06-11 13:01"), Some(local("2026-06-11 14:04")));
    assert_eq!((all[0].start, all[0].end), want);
}

#[test]
fn portuguese_export_reads_its_month_names_and_set_types() {
    let Some(all) = workouts("biaazv_heavy_etl__workout_data.csv") else {
        return;
    };
    let want = (local("2026-05-05 07:34"), Some(local("2026-05-05 08:44")));
    assert_eq!((all[0].start, all[0].end), want);
    let kinds = |k| {
        all.iter()
            .flat_map(|w| &w.sets)
            .filter(|s| s.kind == k)
            .count()
    };
    assert_eq!(
        (kinds(SetKind::Failure), kinds(SetKind::Warmup)),
        (2797, 1513)
    );
}

#[test]
fn units_come_from_the_header() {
    let cases = [
        (
            "DaKheera47_strong-statistics__sample_hevy.csv",
            WeightUnit::Kg,
        ),
        (
            "NathanN-275_Lifting-stats__workout_data.csv",
            WeightUnit::Lb,
        ),
        (
            "Jake-Leicht_Hevy-Dashboard-App__HevyData_20240912.csv",
            WeightUnit::Lb,
        ),
        (
            "smdesai27_workout_progress_visualize__workouts_austin.csv",
            WeightUnit::Kg,
        ),
    ];
    for (file, unit) in cases {
        let Some(all) = workouts(file) else { return };
        let first = &all[0];
        assert_eq!(
            (first.sets[0].weight_unit, first.line),
            (Some(unit), 2),
            "{file}"
        );
    }
}

#[test]
fn cardio_sets_give_metres_and_seconds() {
    let Some(dir) = corpus() else { return };
    let (_, batch) = read_file(&dir.join("GuTory_workout-analysis__workout_data.csv"));
    let timed = batch
        .workouts
        .iter()
        .flat_map(|w| &w.sets)
        .filter(|s| s.distance_m.is_some())
        .count();
    assert_eq!(timed, 43);
    let (_, batch) =
        read_file(&dir.join("smdesai27_workout_progress_visualize__workouts_austin.csv"));
    let half_mile = batch
        .workouts
        .iter()
        .flat_map(|w| &w.sets)
        .find(|s| s.distance_m.is_some())
        .unwrap();
    assert_eq!(
        (half_mile.distance_m, half_mile.duration_s),
        (Some(0.5 * 1609.344), Some(285.0))
    );
}

#[test]
fn other_apps_exports_are_not_taken_for_hevy() {
    for app in [
        "gym/strong",
        "gym/fitnotes",
        "gym/intervals-icu",
        "gym/jefit",
        "strava",
        "garmin_connect",
    ] {
        let Some(dir) = crate::test_support::corpus(app) else {
            continue;
        };
        for path in files(&dir) {
            let bytes = std::fs::read(&path).unwrap();
            let text = crate::ingest::text::decode(&bytes).text;
            assert!(!sniff(&text), "{}", path.display());
        }
    }
}
