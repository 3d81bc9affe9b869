//! The real exports of `../shared/corpus/gym/strong` (never committed
//! here): every file is recognised as Strong's, every set row ends as a
//! set of a workout (none is rejected), and hand-checked values come out.

use std::path::{Path, PathBuf};

use super::*;
use crate::ingest::format::Content;
use crate::ingest::formats::detect;
use crate::model::{SetKind, StartTime};

/// (file, workouts, set rows, sets with a distance in an unsaid unit),
/// counted by hand.
const EXPECTED: [(&str, usize, usize, u64); 17] = [
    (
        "LinusJacobsson_Strong-Data-Visualization__strong.csv",
        62,
        507,
        0,
    ),
    (
        "MiroslavCsonka_strong-workout-analysis__strong.csv",
        137,
        2995,
        0,
    ),
    (
        "RyanRiddiford_MyGymProgress__strong6873959381190187561.csv",
        317,
        11014,
        0,
    ),
    ("SebastienRdgs_stronger__strong.csv", 25, 533, 0),
    ("albTian_strong-export-parser__strong.csv", 312, 4690, 128),
    ("bladeours_strong-to-excel__strong.csv", 110, 2709, 0),
    ("breinsp_strong-charts__strong.csv", 129, 2078, 0),
    ("colebaril_Gym-Progress-Shiny-App__strong.csv", 83, 2440, 1),
    ("harrig12_strong__strong.csv", 4, 48, 0),
    ("hipml_strong-unwrapped__strong.csv", 476, 9065, 0),
    ("jake-walker_workout-converter__strong.csv", 2, 12, 0),
    ("mlahoz_strong__strong.csv", 91, 1635, 0),
    ("mtanzim_vis-strong-go__alt.csv", 1, 9, 0),
    ("mtanzim_vis-strong-go__example.5b144cd.csv", 4, 46, 0),
    ("mtanzim_vis-strong-go__example.csv", 2, 14, 0),
    ("mtanzim_vis-strong-go__exampleB.csv", 2, 14, 0),
    (
        "szelesaron_strong-workout-app-statistics__strong.csv",
        95,
        1343,
        0,
    ),
];

fn corpus() -> Option<PathBuf> {
    crate::test_support::corpus("gym/strong")
}

fn read_file(path: &Path) -> (String, Batch) {
    crate::test_support::read_corpus_file(read, path)
}

fn sets(batch: &Batch) -> usize {
    batch.workouts.iter().map(|w| w.sets.len()).sum()
}

/// Records with any non-blank field, as `test_support::non_blank_records`
/// counts them but with the file's own delimiter (some exports use `;`).
fn non_blank_records(text: &str) -> usize {
    crate::ingest::columns::reader(text)
        .records()
        .filter(|r| {
            r.as_ref()
                .map_or(true, |r| r.iter().any(|f| !f.trim().is_empty()))
        })
        .count()
}

#[test]
fn every_corpus_file_is_detected_as_strong() {
    let Some(dir) = corpus() else { return };
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let (text, _) = read_file(&path);
        let kind = detect(Content::Text(&text)).map(|f| f.kind());
        assert_eq!(kind, Some(KIND), "{}", path.display());
        seen += 1;
    }
    assert_eq!(seen, EXPECTED.len());
}

#[test]
fn every_corpus_record_is_a_set_of_a_workout_and_none_is_rejected() {
    let Some(dir) = corpus() else { return };
    for (file, workouts, set_rows, unknown_distances) in EXPECTED {
        let (text, batch) = read_file(&dir.join(file));
        assert_eq!(
            sets(&batch) + batch.rejected.len(),
            non_blank_records(&text),
            "{file}"
        );
        assert_eq!(
            (batch.workouts.len(), sets(&batch), batch.rejected.len()),
            (workouts, set_rows, 0),
            "{file}: {:?}",
            batch.rejected.first()
        );
        let notes: Vec<&str> = batch.notes.iter().map(|n| n.kind).collect();
        let expected_notes: Vec<&str> = match unknown_distances {
            0 => vec![],
            n => {
                let detail = &batch.notes[0].detail;
                assert!(
                    detail.starts_with(&format!("{n} set(s)")),
                    "{file}: {detail}"
                );
                vec!["distance_unit_unknown"]
            }
        };
        assert_eq!(notes, expected_notes, "{file}");
    }
}

fn first(file: &str) -> Option<crate::model::RawWorkout> {
    let (_, batch) = read_file(&corpus()?.join(file));
    batch.workouts.into_iter().next()
}

fn local(text: &str) -> StartTime {
    StartTime::Naive(chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap())
}

#[test]
fn corpus_starts_and_durations_match_those_checked_by_hand() {
    let cases = [
        (
            "LinusJacobsson_Strong-Data-Visualization__strong.csv",
            "2022-07-28 20:14:20",
            Some(420.0),
        ),
        (
            "MiroslavCsonka_strong-workout-analysis__strong.csv",
            "2017-05-12 19:00:00",
            None,
        ),
        (
            "RyanRiddiford_MyGymProgress__strong6873959381190187561.csv",
            "2023-03-12 10:30:49",
            Some(6600.0),
        ),
        (
            "SebastienRdgs_stronger__strong.csv",
            "2023-08-16 13:10:30",
            Some(2100.0),
        ),
        (
            "colebaril_Gym-Progress-Shiny-App__strong.csv",
            "2022-10-04 23:17:10",
            Some(1260.0),
        ),
        (
            "jake-walker_workout-converter__strong.csv",
            "2025-01-30 12:34:56",
            Some(2940.0),
        ),
        ("mlahoz_strong__strong.csv", "2016-10-03 19:30:55", None),
        (
            "mtanzim_vis-strong-go__example.csv",
            "2019-03-28 15:24:28",
            Some(1267.0),
        ),
    ];
    for (file, start, duration_s) in cases {
        let Some(w) = first(file) else { return };
        assert_eq!(
            (w.start, w.duration_s, w.line),
            (local(start), duration_s, 2),
            "{file}"
        );
    }
}

#[test]
fn corpus_units_come_from_the_header_or_the_unit_column() {
    let Some(w) = first("mlahoz_strong__strong.csv") else {
        return;
    };
    assert_eq!(w.sets[0].weight_unit, Some(WeightUnit::Kg));
    let Some(w) = first("LinusJacobsson_Strong-Data-Visualization__strong.csv") else {
        return;
    };
    assert_eq!(w.sets[0].weight_unit, None);
    let Some(dir) = corpus() else { return };
    let (_, batch) = read_file(&dir.join("bladeours_strong-to-excel__strong.csv"));
    let all = || batch.workouts.iter().flat_map(|w| &w.sets);
    let kg = all()
        .filter(|s| s.weight_unit == Some(WeightUnit::Kg))
        .count();
    assert_eq!(
        (kg, all().filter(|s| s.weight_unit.is_none()).count()),
        (2588, 121)
    );
}

#[test]
fn corpus_sets_are_all_working_and_placeholder_rpe_is_no_rating() {
    let Some(dir) = corpus() else { return };
    let (_, batch) = read_file(&dir.join("szelesaron_strong-workout-app-statistics__strong.csv"));
    let all = || batch.workouts.iter().flat_map(|w| &w.sets);
    assert!(all().all(|s| s.rpe.is_none() && s.kind == SetKind::Working));
    let (_, batch) = read_file(&dir.join("hipml_strong-unwrapped__strong.csv"));
    let rated = batch
        .workouts
        .iter()
        .flat_map(|w| &w.sets)
        .filter(|s| s.rpe.is_some())
        .count();
    assert_eq!(rated, 24);
}

#[test]
fn other_apps_exports_are_not_taken_for_strong() {
    for app in [
        "gym/hevy",
        "gym/fitnotes",
        "gym/intervals-icu",
        "gym/jefit",
        "strava",
        "garmin_connect",
        "trainingpeaks",
    ] {
        let Some(dir) = crate::test_support::corpus(app) else {
            continue;
        };
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let text = crate::ingest::text::decode(&bytes).text;
            assert!(!sniff(&text), "{}", path.display());
        }
    }
}
