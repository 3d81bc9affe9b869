//! The real lists of `../shared/corpus/garmin_connect` (never committed here):
//! every record becomes a session or a rejection, and hand-checked values come out.

use std::path::Path;

use chrono::NaiveDateTime;

use super::*;
use crate::config::sports::SportTable;
use crate::model::{Modality, StartTime};

/// (file, sessions, first: local start, seconds, last: local start, seconds), checked by hand.
type Expected = (&'static str, usize, &'static str, f64, &'static str, f64);
const EXPECTED: [Expected; 10] = [
    (
        "Ashan-264_Recovance__Activities.csv",
        47,
        "2025-02-02 14:48:43",
        5697.0,
        "2024-07-02 08:59:05",
        2176.0,
    ),
    (
        "Bjarke848_AI_TrainingPlanner__Activities.csv",
        120,
        "2025-11-01 12:19:11",
        2717.0,
        "2025-08-04 16:53:17",
        3331.0,
    ),
    (
        "Caturrell_garmin-wrapped2022__activities.csv",
        160,
        "2022-12-21 10:40:56",
        5563.0,
        "2021-11-25 12:55:57",
        3261.0,
    ),
    (
        "HLasse_GarminRunStats__Activities.csv",
        41,
        "2020-03-02 15:05:08",
        2186.0,
        "2018-09-08 14:51:20",
        794.0,
    ),
    (
        "IsakJacobsson_garmin-extended-data__activities.csv",
        1125,
        "2026-01-19 18:05:42",
        2808.0,
        "2023-04-26 17:14:18",
        3153.0,
    ),
    (
        "JakeBowen2005_Working_With_Garmin_Data__Larger_Activities.csv",
        160,
        "2025-10-07 11:32:59",
        5949.0,
        "2025-05-18 12:09:48",
        1280.0,
    ),
    (
        "Runalyze_Runalyze__GarminConnect.csv",
        6,
        "2012-05-25 20:31:00",
        3911.0,
        "2012-05-22 19:29:00",
        753.0,
    ),
    (
        "jeremyiwk_garmindata__Activities.csv",
        144,
        "2022-04-18 10:31:59",
        1335.0,
        "2021-07-01 09:47:34",
        1243.0,
    ),
    (
        "loweas_garmin__Activities.csv",
        303,
        "2020-12-11 11:59:00",
        1848.0,
        "2018-03-30 15:18:00",
        1889.0,
    ),
    (
        "postos_Garmin_Fitness_Tracker__Activities.csv",
        100,
        "2024-09-20 07:37:58",
        6853.0,
        "2021-03-01 14:16:34",
        7513.0,
    ),
];

fn corpus() -> Option<std::path::PathBuf> {
    crate::test_support::corpus("garmin_connect")
}

fn local(text: &str) -> StartTime {
    StartTime::Naive(NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap())
}

/// Non-blank records after the header line (the first line that names an
/// activity type).
fn count_records(text: &str) -> usize {
    let start = text
        .find("Aktivitätstyp")
        .map_or(0, |i| text[..i].rfind('\n').map_or(0, |n| n + 1));
    crate::test_support::non_blank_records(&text[start..])
}

fn read_file(path: &Path) -> (String, Batch) {
    crate::test_support::read_corpus_file(read, path)
}

#[test]
fn every_corpus_record_is_a_session_or_a_rejection() {
    let Some(dir) = corpus() else { return };
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let (text, batch) = read_file(&path);
        assert!(sniff(&text), "{}", path.display());
        assert!(!crate::ingest::strava::sniff(&text), "{}", path.display());
        let records = count_records(&text);
        assert_eq!(
            batch.sessions.len() + batch.rejected.len(),
            records,
            "{}",
            path.display()
        );
        seen += 1;
    }
    assert_eq!(seen, EXPECTED.len());
}

#[test]
fn corpus_values_match_those_checked_by_hand() {
    let Some(dir) = corpus() else { return };
    for (file, count, first_start, first_s, last_start, last_s) in EXPECTED {
        let (_, batch) = read_file(&dir.join(file));
        assert_eq!(
            (batch.sessions.len(), batch.rejected.len()),
            (count, 0),
            "{file}"
        );
        let (first, last) = (&batch.sessions[0], batch.sessions.last().unwrap());
        assert_eq!(
            (&first.start, first.duration_s),
            (&local(first_start), first_s),
            "{file}"
        );
        assert_eq!(
            (&last.start, last.duration_s),
            (&local(last_start), last_s),
            "{file}"
        );
    }
}

#[test]
fn corpus_strength_sessions_in_three_languages_are_strength() {
    let Some(dir) = corpus() else { return };
    let table = SportTable::defaults();
    for (file, strength) in [
        ("Ashan-264_Recovance__Activities.csv", 5),
        ("Bjarke848_AI_TrainingPlanner__Activities.csv", 19),
        ("IsakJacobsson_garmin-extended-data__activities.csv", 283),
    ] {
        let (_, batch) = read_file(&dir.join(file));
        let got = batch
            .sessions
            .iter()
            .filter(|s| table.get(&s.sport) == Some(Modality::Strength))
            .count();
        assert_eq!(got, strength, "{file}");
    }
}

#[test]
fn every_corpus_sport_name_is_in_the_modality_table() {
    let Some(dir) = corpus() else { return };
    let table = SportTable::defaults();
    for entry in std::fs::read_dir(dir).unwrap() {
        let (_, batch) = read_file(&entry.unwrap().path());
        for s in &batch.sessions {
            assert!(
                table.get(&s.sport).is_some(),
                "{:?} line {}",
                s.sport,
                s.line
            );
        }
    }
}
