//! The real exports of `../shared/corpus/strava` (never committed here): every
//! record becomes a session or a rejection, and hand-checked values come out.

use std::path::Path;

use super::*;

/// (file, sessions, first: id, UTC start, elapsed s, last: line, id, elapsed s), checked by hand.
type Expected = (
    &'static str,
    usize,
    &'static str,
    &'static str,
    f64,
    u64,
    &'static str,
    f64,
);
const EXPECTED: [Expected; 4] = [
    (
        "AakashB-1996_Strava_Analysis__activities.csv",
        610,
        "7926971219",
        "2022-10-06T23:19:20Z",
        979.0,
        1416,
        "13298198125",
        3211.0,
    ),
    (
        "AhmedAldahshoury_StravaData__activities.csv",
        128,
        "193569569",
        "2014-09-12T16:54:28Z",
        9462.0,
        129,
        "1636510221",
        3111.0,
    ),
    (
        "DillM94_Strava__activities.csv",
        143,
        "2987876185",
        "2020-01-04T14:57:37Z",
        1509.0,
        144,
        "5647120551",
        15526.0,
    ),
    (
        "Mattwasd_Strava__activities.csv",
        112,
        "2657863231",
        "2019-08-28T03:21:51Z",
        3009.0,
        113,
        "6099409885",
        811.0,
    ),
];

fn corpus() -> Option<std::path::PathBuf> {
    crate::test_support::corpus("strava")
}

fn count_records(text: &str) -> usize {
    crate::test_support::non_blank_records(text)
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
    for (file, count, id, start, elapsed_s, last_line, last_id, last_s) in EXPECTED {
        let (_, batch) = read_file(&dir.join(file));
        assert_eq!(
            (batch.sessions.len(), batch.rejected.len()),
            (count, 0),
            "{file}"
        );
        let first = &batch.sessions[0];
        let start_us = chrono::DateTime::parse_from_rfc3339(start)
            .unwrap()
            .timestamp_micros();
        assert_eq!(first.start, StartTime::Utc(start_us), "{file}");
        assert_eq!(
            (first.session_id.as_str(), first.duration_s, first.line),
            (id, elapsed_s, 2)
        );
        let last = batch.sessions.last().unwrap();
        assert_eq!(
            (last.line, last.session_id.as_str(), last.duration_s),
            (last_line, last_id, last_s)
        );
    }
}

#[test]
fn corpus_strength_rows_keep_their_strava_type() {
    let Some(dir) = corpus() else { return };
    let (_, batch) = read_file(&dir.join(EXPECTED[0].0));
    let lifting = batch
        .sessions
        .iter()
        .filter(|s| s.sport == "Weight Training")
        .count();
    assert_eq!(lifting, 44);
}
