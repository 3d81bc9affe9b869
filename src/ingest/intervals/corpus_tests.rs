//! The real lists of `../shared/corpus/gym/intervals-icu` (never committed
//! here): each is recognised as intervals.icu, every record becomes a
//! session or a rejection, and hand-checked values come out.

use std::path::Path;

use super::*;
use crate::ingest::format::Content;

const FULL_FILE: &str = "leonrofa_recovery_model__activities.csv";
const DISPLAY_FILE: &str = "ikumpli_munich_marathon_2026__i600311_activities.csv";

fn corpus() -> Option<std::path::PathBuf> {
    crate::test_support::corpus("gym/intervals-icu")
}

fn read_file(path: &Path) -> (String, Batch) {
    crate::test_support::read_corpus_file(read, path)
}

#[test]
fn every_corpus_file_is_detected_and_every_record_is_a_session_or_a_rejection() {
    let Some(dir) = corpus() else { return };
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let (text, batch) = read_file(&path);
        let detected = crate::ingest::formats::detect(Content::Text(&text)).map(|f| f.kind());
        assert_eq!(detected, Some(KIND), "{}", path.display());
        assert_eq!(
            batch.sessions.len() + batch.rejected.len(),
            crate::test_support::non_blank_records(&text),
            "{}",
            path.display()
        );
        assert!(
            batch.rejected.is_empty(),
            "{}: {:?}",
            path.display(),
            batch.rejected.first()
        );
        seen += 1;
    }
    assert_eq!(seen, 2);
}

#[test]
fn full_download_has_offsets_elapsed_times_and_session_rpe() {
    let Some(dir) = corpus() else { return };
    let (_, batch) = read_file(&dir.join(FULL_FILE));
    assert_eq!(batch.sessions.len(), 996);
    assert!(batch.notes.is_empty(), "{:?}", batch.notes);
    let first = &batch.sessions[0];
    let utc = chrono::DateTime::parse_from_rfc3339("2023-09-24T12:07:17Z").unwrap();
    let want = StartTime::Instant {
        utc_us: utc.timestamp_micros(),
        offset_s: 7200,
    };
    assert_eq!(first.start, want);
    assert_eq!(
        (first.session_id.as_str(), first.duration_s, first.rpe),
        ("i24258671", 5790.0, Some(4.0))
    );
    let offsets = |o: i32| {
        let with = |s: &&RawSession| matches!(s.start, StartTime::Instant { offset_s, .. } if offset_s == o);
        batch.sessions.iter().filter(with).count()
    };
    assert_eq!((offsets(3600), offsets(7200)), (468, 528));
    assert_eq!(
        batch.sessions.iter().filter(|s| s.rpe.is_some()).count(),
        708
    );
    let lifting = batch
        .sessions
        .iter()
        .filter(|s| s.sport == "WeightTraining")
        .count();
    assert_eq!(lifting, 64);
}

#[test]
fn display_form_is_local_time_with_moving_time_noted_once() {
    let Some(dir) = corpus() else { return };
    let (_, batch) = read_file(&dir.join(DISPLAY_FILE));
    assert_eq!(batch.sessions.len(), 51);
    let first = &batch.sessions[0];
    let local =
        chrono::NaiveDateTime::parse_from_str("2026-07-09T21:49:19", "%Y-%m-%dT%H:%M:%S").unwrap();
    assert_eq!(
        (first.start, first.duration_s),
        (StartTime::Naive(local), 2504.0)
    );
    let notes: Vec<&str> = batch.notes.iter().map(|n| n.kind).collect();
    assert_eq!(notes, vec!["duration_fallback"]);
}

#[test]
fn no_other_corpus_file_is_taken_for_intervals_icu() {
    let Some(root) = crate::test_support::corpus("") else {
        return;
    };
    for entry in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if !entry.file_type().is_file()
            || path.components().any(|c| c.as_os_str() == "intervals-icu")
        {
            continue;
        }
        let bytes = std::fs::read(path).unwrap();
        let text = crate::ingest::text::decode(&bytes).text.into_owned();
        assert!(!sniff(&text), "{}", path.display());
    }
}
