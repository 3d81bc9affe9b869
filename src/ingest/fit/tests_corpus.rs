//! The FIT reader on the real files of the shared corpus (`../shared/corpus/fit`,
//! never committed); every test skips with a message when the folder is absent.

use std::path::{Path, PathBuf};

use super::decode::{decode, decode_stepping};
use super::read;
use crate::ingest::{Batch, FileCtx};
use crate::model::StartTime;

/// The corpus FIT folder, or `None` (with a message) when it is absent.
pub(super) fn corpus() -> Option<std::path::PathBuf> {
    crate::test_support::corpus("fit")
}

/// Reads one corpus file as the dispatcher would (prefix = file name).
pub(super) fn read_file(path: &Path) -> (Result<(), String>, Batch) {
    let bytes = std::fs::read(path).unwrap_or_default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ctx = FileCtx {
        shown: &name,
        id_prefix: &name,
        source: 0,
    };
    let mut batch = Batch::default();
    let result = read(&bytes, &ctx, &mut batch);
    (result, batch)
}

fn fit_files(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
}

/// (utc_s, offset_s) of a start; offset `None` when unknown.
pub(super) fn start_parts(start: &StartTime) -> (i64, Option<i32>) {
    match *start {
        StartTime::Instant { utc_us, offset_s } => (utc_us / 1_000_000, Some(offset_s)),
        StartTime::Utc(utc_us) => (utc_us / 1_000_000, None),
        _ => (i64::MIN, None),
    }
}

#[test]
fn every_corpus_file_gives_sessions_or_a_reason() {
    let Some(dir) = corpus() else { return };
    let files = fit_files(&dir);
    assert!(
        files.len() >= 60,
        "only {} files in {}",
        files.len(),
        dir.display()
    );
    println!("file\tk\tstart_utc_s\tduration_s\tsport\tsub_sport\toffset_s\toutcome");
    for path in &files {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let (result, batch) = read_file(path);
        match &result {
            Err(reason) => {
                assert!(reason.len() > 10, "{name}: reason {reason:?}");
                println!("{name}\t0\t\t\t\t\t\tErr: {reason}");
            }
            Ok(()) => assert!(
                !batch.sessions.is_empty() || !batch.rejected.is_empty(),
                "{name}: accepted with nothing in it"
            ),
        }
        for s in &batch.sessions {
            let (utc_s, offset_s) = start_parts(&s.start);
            let offset = offset_s.map(|o| o.to_string()).unwrap_or_default();
            println!(
                "{name}\t{}\t{utc_s}\t{}\t{}\t{}\t{offset}\tok {:?}",
                s.line, s.duration_s, s.sport, s.sub_sport, s.strength
            );
        }
        for r in &batch.rejected {
            println!(
                "{name}\t{}\t\t\t\t\t\trejected {}: {}",
                r.line, r.column, r.reason
            );
        }
        for n in &batch.notes {
            println!("{name}\t\t\t\t\t\t\tnote {}: {}", n.kind, n.detail);
        }
    }
}

/// What reading a broken or non-activity corpus file must give.
enum Want {
    /// The file is rejected; the reason contains this.
    Rejected(&'static str),
    /// This many sessions are kept and a `fit_damaged` note contains this.
    Damaged(usize, &'static str),
    /// No session is kept; the session's rejection reason contains this.
    SessionRejected(&'static str),
    /// This many sessions and no `fit_damaged` note.
    Clean(usize),
}

/// The MANIFEST's negative, odd and non-activity files and their outcome.
const EXPECTED: [(&str, Want); 22] = [
    ("muktihari_fit__activity_truncated.fit", Want::Rejected("without a session message")),
    ("muktihari_fit__WithGearChangeData.fit", Want::Rejected("without a session message")),
    ("muktihari_fit__DeveloperData.fit", Want::Rejected("without a session message")),
    ("muktihari_fit__valid_only_contain_fileid.fit", Want::Rejected("without a session message")),
    ("muktihari_fit__MonitoringFile.fit", Want::Rejected("file type is monitoring_b")),
    ("muktihari_fit__Settings.fit", Want::Rejected("file type is settings")),
    ("muktihari_fit__WorkoutRepeatSteps.fit", Want::Rejected("file type is workout")),
    ("muktihari_fit__WeightScaleSingleUser.fit", Want::Rejected("file type is weight")),
    (
        "Daniel-Vitanza_Garmin-Strength-Training-Fit-File-Generator__FullBody_-_Beginner_-_A_workout.fit",
        Want::Rejected("file type is workout"),
    ),
    ("dtcooper_python-fitparse__nick.fit", Want::Rejected("corrupt data at byte 403437")),
    ("sports-alliance_sports-lib__empty-activities.fit", Want::Rejected("declares 0 bytes of data")),
    ("sports-alliance_sports-lib__empty-sessions.fit", Want::Rejected("empty file (0 bytes)")),
    ("dtcooper_python-fitparse__activity-unexpected-eof.fit", Want::Damaged(1, "truncated at byte 768")),
    ("dtcooper_python-fitparse__activity-filecrc.fit", Want::Damaged(1, "bad CRC")),
    ("dtcooper_python-fitparse__activity-activity-filecrc.fit", Want::Damaged(2, "bad CRC")),
    ("dtcooper_python-fitparse__activity-settings-corruptheader.fit", Want::Damaged(1, "not a FIT file header")),
    ("dtcooper_python-fitparse__activity-settings-nodata.fit", Want::Damaged(1, "truncated at byte 786")),
    ("dtcooper_python-fitparse__strava-android-app-201.10-b1218918.fit", Want::Damaged(1, "local message type 11")),
    ("dtcooper_python-fitparse__activity-settings.fit", Want::Clean(1)),
    ("dtcooper_python-fitparse__antfs-dump.63.fit", Want::SessionRejected("below 0x10000000")),
    ("dtcooper_python-fitparse__compressed-speed-distance.fit", Want::SessionRejected("below 0x10000000")),
    ("sports-alliance_sports-lib__broken-dates.fit", Want::SessionRejected("no start_time")),
];

#[test]
fn broken_and_non_activity_files_end_as_the_manifest_says() {
    let Some(dir) = corpus() else { return };
    for (name, want) in &EXPECTED {
        let (result, batch) = read_file(&dir.join(name));
        let damage: Vec<&str> = batch
            .notes
            .iter()
            .filter(|n| n.kind == "fit_damaged")
            .map(|n| n.detail.as_str())
            .collect();
        match want {
            Want::Rejected(part) => {
                let reason = result.expect_err(name);
                assert!(reason.contains(part), "{name}: {reason}");
            }
            Want::Damaged(sessions, part) => {
                assert_eq!(result, Ok(()), "{name}");
                assert_eq!(batch.sessions.len(), *sessions, "{name}");
                assert!(
                    damage.len() == 1 && damage[0].contains(part),
                    "{name}: {damage:?}"
                );
            }
            Want::SessionRejected(part) => {
                assert_eq!(result, Ok(()), "{name}");
                assert!(batch.sessions.is_empty(), "{name}");
                let rejected = &batch.rejected[0];
                assert_eq!(rejected.column, "start_time", "{name}");
                assert!(
                    rejected.reason.contains(part),
                    "{name}: {}",
                    rejected.reason
                );
            }
            Want::Clean(sessions) => {
                assert_eq!(result, Ok(()), "{name}");
                assert_eq!(batch.sessions.len(), *sessions, "{name}");
                assert!(damage.is_empty(), "{name}: {damage:?}");
            }
        }
    }
}

/// Per session of a strength file: (sub_sport, active sets, reps, volume kg),
/// `None` for a session without sets; checked against the Garmin FIT SDK.
type StrengthRow = Option<(&'static str, u32, u32, f64)>;

const STRENGTH: [(&str, &[StrengthRow]); 4] = [
    (
        "jarkko_fit-analyzer__20474406937_ACTIVITY.fit",
        &[Some(("strength_training", 38, 279, 572.0))],
    ),
    (
        "jarkko_fit-analyzer__20748058539_ACTIVITY.fit",
        &[Some(("strength_training", 14, 74, 336.0))],
    ),
    (
        "jarkko_fit-analyzer__20744294788_ACTIVITY.fit",
        &[None, Some(("strength_training", 41, 376, 7961.0))],
    ),
    (
        "jarkko_fit-analyzer__20555050352_ACTIVITY.fit",
        &[
            Some(("strength_training", 4, 27, 0.0)),
            None,
            Some(("strength_training", 16, 151, 500.0)),
        ],
    ),
];

#[test]
fn strength_files_give_sets_reps_and_volume_with_reps_equal_to_total_cycles() {
    let Some(dir) = corpus() else { return };
    for (name, rows) in STRENGTH {
        let path = dir.join(name);
        let (result, batch) = read_file(&path);
        assert_eq!(result, Ok(()), "{name}");
        assert_eq!(batch.sessions.len(), rows.len(), "{name}");
        let decoded = decode(&std::fs::read(&path).unwrap_or_default());
        for ((session, row), msg) in batch.sessions.iter().zip(rows).zip(&decoded.sessions) {
            let (k, strength) = (session.line, session.strength);
            let Some((sub_sport, sets, reps, volume_kg)) = *row else {
                assert_eq!(strength, Default::default(), "{name} session {k}");
                continue;
            };
            assert_eq!(session.sub_sport, sub_sport, "{name} session {k}");
            assert_eq!(strength.sets, Some(sets), "{name} session {k}");
            assert_eq!(strength.reps, Some(reps), "{name} session {k}");
            assert_eq!(strength.volume_kg, Some(volume_kg), "{name} session {k}");
            assert_eq!(strength.reps, msg.total_cycles, "{name} session {k}: reps");
        }
    }
}

#[test]
fn summary_first_and_summary_last_triathlons_give_the_same_sessions() {
    let Some(dir) = corpus() else { return };
    let facts = |name: &str| {
        let (result, batch) = read_file(&dir.join(name));
        assert_eq!(result, Ok(()), "{name}");
        let facts: Vec<_> = batch
            .sessions
            .into_iter()
            .map(|s| (s.line, s.start, s.duration_s, s.sport, s.sub_sport))
            .collect();
        facts
    };
    let first = facts("muktihari_fit__triathlon_summary_first.fit");
    assert_eq!(first.len(), 5);
    assert_eq!(first, facts("muktihari_fit__triathlon_summary_last.fit"));
    // The swim lasts until T1, not until session.timestamp (= start when summary comes first).
    assert_eq!(first[0].2, 675.701);
}

/// Stepping over the messages the audit does not read (records, laps,
/// events) gives what reading every message gives: the same sessions, sets,
/// activities, file ids and damage, on every corpus file (chained,
/// compressed timestamps, developer fields, broken ones) and on each cut
/// short at a few places. (It differs where fitparser cannot read a record
/// at all: `a_record_with_an_undescribed_developer_field_is_stepped_over`.)
#[test]
fn stepping_over_unread_messages_reads_what_reading_them_all_reads() {
    let Some(dir) = corpus() else { return };
    for path in fit_files(&dir) {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.display();
        let len = bytes.len();
        for cut in [len, len * 3 / 4, len / 2, len.saturating_sub(1)] {
            let bytes = &bytes[..cut.min(bytes.len())];
            let stepped = format!("{:?}", decode_stepping(bytes, true));
            let read_all = format!("{:?}", decode_stepping(bytes, false));
            assert_eq!(stepped, read_all, "{name} cut at {cut}");
        }
    }
}
