//! Behaviour of the FIT reader on files built by the test encoder.

use super::crc::crc16;
use super::encode::{fit_at, FitFile, F};
use super::read;
use crate::ingest::{Batch, FileCtx};
use crate::model::{RawSession, StartTime, StrengthDetail};

const ACTIVITY: u8 = 4;
const TRAINING: u8 = 10;
const STRENGTH_TRAINING: u8 = 20;
const RUNNING: u8 = 1;
const GENERIC: u8 = 0;

fn t0() -> u32 {
    fit_at("2025-10-01T09:10:26Z")
}

/// Microseconds since the Unix epoch of FIT seconds.
fn unix_us(fit_s: u32) -> i64 {
    (i64::from(fit_s) + 631_065_600) * 1_000_000
}

fn read_bytes(bytes: &[u8]) -> (Result<(), String>, Batch) {
    let ctx = FileCtx {
        shown: "in/t.fit",
        id_prefix: "t.fit",
        source: 3,
    };
    let mut batch = Batch::default();
    let result = read(bytes, &ctx, &mut batch);
    (result, batch)
}

fn note_details(batch: &Batch, kind: &str) -> Vec<String> {
    batch
        .notes
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.detail.clone())
        .collect()
}

fn strength_session(start_s: u32) -> FitFile {
    FitFile::new()
        .file_id(ACTIVITY)
        .session(start_s, 586_131, TRAINING, STRENGTH_TRAINING)
}

#[test]
fn session_message_gives_start_offset_duration_sport_and_id() {
    let t0 = t0();
    let bytes = strength_session(t0)
        .activity(t0 + 600, t0 + 600 + 3 * 3600)
        .bytes();
    let (result, batch) = read_bytes(&bytes);
    assert_eq!(result, Ok(()));
    let expected = RawSession {
        session_id: "t.fit:1".into(),
        athlete_id: crate::model::CompactString::default(),
        start: StartTime::Instant {
            utc_us: unix_us(t0),
            offset_s: 10_800,
        },
        duration_s: 586.131,
        modality: None,
        sport: "training".into(),
        sub_sport: "strength_training".into(),
        rpe: None,
        to_failure: None,
        strength: StrengthDetail::default(),
        planned: false,
        wall_clock_end: None,
        source: 3,
        line: 1,
    };
    assert_eq!(batch.sessions, vec![expected]);
    assert!(batch.notes.is_empty(), "{:?}", batch.notes);
}

#[test]
fn sets_go_to_the_latest_session_starting_at_or_before_their_start_time() {
    let t0 = t0();
    let bytes = FitFile::new()
        .file_id(ACTIVITY)
        .session(t0, 600_000, TRAINING, STRENGTH_TRAINING)
        .session(t0 + 700, 1_200_000, RUNNING, GENERIC)
        .session(t0 + 2000, 900_000, TRAINING, STRENGTH_TRAINING)
        // Every set is stamped with the first session's start, as real watches do.
        .set(t0 - 30, t0, true, 99, 16)
        .set(t0 + 10, t0, true, 10, 40 * 16)
        .set(t0 + 100, t0, false, 0, 0)
        .set(t0 + 700, t0, true, 3, 8)
        .set(t0 + 2100, t0, true, 8, 20 * 16)
        .set(t0 + 2200, t0, true, 5, 0)
        .set(t0 + 2300, t0, false, 0, 0)
        .bytes();
    let (result, batch) = read_bytes(&bytes);
    assert_eq!(result, Ok(()));
    let strength: Vec<StrengthDetail> = batch.sessions.iter().map(|s| s.strength).collect();
    let detail = |sets, reps, volume_kg| StrengthDetail {
        sets: Some(sets),
        reps: Some(reps),
        volume_kg: Some(volume_kg),
        ..StrengthDetail::default()
    };
    assert_eq!(
        strength,
        vec![
            detail(1, 10, 400.0),
            detail(1, 3, 1.5),
            detail(2, 13, 160.0)
        ]
    );
    assert_eq!(
        note_details(&batch, "fit_sets_unassigned"),
        vec!["1 set message(s) not counted: no start_time, or it is before every session's start"]
    );
}

#[test]
fn offset_is_kept_only_within_14_hours_on_a_quarter_hour() {
    let t0 = t0();
    for (offset_s, believed) in [(7200, true), (14 * 3600 + 1800, false), (7 * 60, false)] {
        let local_s = t0.checked_add_signed(offset_s).unwrap();
        let bytes = strength_session(t0).activity(t0, local_s).bytes();
        let (_, batch) = read_bytes(&bytes);
        let expected = if believed {
            StartTime::Instant {
                utc_us: unix_us(t0),
                offset_s,
            }
        } else {
            StartTime::Utc(unix_us(t0))
        };
        assert_eq!(batch.sessions[0].start, expected, "offset {offset_s}");
        let noted = !note_details(&batch, "fit_offset_ignored").is_empty();
        assert_eq!(noted, !believed, "offset {offset_s}");
    }
}

#[test]
fn compressed_timestamp_activity_still_gives_the_offset() {
    let t0 = t0();
    let activity_s = t0 + 40;
    let bytes = strength_session(t0)
        // an event message with a full timestamp, then the compressed activity
        .message(21, &[(253, F::U32(t0 + 30))])
        .compressed(
            34,
            (activity_s & 0x1F) as u8,
            &[(5, F::U32(activity_s + 7200))],
        )
        .bytes();
    let (_, batch) = read_bytes(&bytes);
    let expected = StartTime::Instant {
        utc_us: unix_us(t0),
        offset_s: 7200,
    };
    assert_eq!(batch.sessions[0].start, expected);
}

#[test]
fn power_on_relative_start_is_rejected_and_later_sessions_kept() {
    let t0 = t0();
    let bytes = FitFile::new()
        .file_id(ACTIVITY)
        .session(5000, 60_000, RUNNING, GENERIC)
        .session(t0, 60_000, RUNNING, GENERIC)
        .bytes();
    let (result, batch) = read_bytes(&bytes);
    assert_eq!(result, Ok(()));
    assert_eq!(batch.sessions.len(), 1);
    assert_eq!(batch.sessions[0].session_id, "t.fit:2");
    assert_eq!(batch.sessions[0].line, 2);
    let rejected = &batch.rejected[..];
    assert_eq!(rejected.len(), 1);
    assert_eq!(
        (rejected[0].line, rejected[0].column.as_str()),
        (1, "start_time")
    );
    assert!(
        rejected[0].reason.contains("0x10000000"),
        "{}",
        rejected[0].reason
    );
}

#[test]
fn session_without_elapsed_time_is_rejected() {
    let bytes = FitFile::new()
        .file_id(ACTIVITY)
        .message(18, &[(2, F::U32(t0())), (5, F::Enum(RUNNING))])
        .bytes();
    let (_, batch) = read_bytes(&bytes);
    assert!(batch.sessions.is_empty());
    assert_eq!(batch.rejected[0].column, "total_elapsed_time");
}

#[test]
fn workout_rpe_becomes_the_session_rpe() {
    let fields = [(2, F::U32(t0())), (7, F::U32(60_000)), (193, F::U8(70))];
    let bytes = FitFile::new()
        .file_id(ACTIVITY)
        .message(18, &fields)
        .bytes();
    let (_, batch) = read_bytes(&bytes);
    assert_eq!(batch.sessions[0].rpe, Some(7.0));
}

#[test]
fn truncation_keeps_the_sessions_decoded_whole_before_the_cut() {
    let t0 = t0();
    let first = strength_session(t0);
    let first_end = first.len_in_file();
    let second = first.session(t0 + 700, 60_000, RUNNING, GENERIC);
    let second_end = second.len_in_file();
    let full = second.activity(t0 + 800, t0 + 800).bytes();
    for cut in first_end..full.len() {
        let (result, batch) = read_bytes(&full[..cut]);
        assert_eq!(result, Ok(()), "cut at {cut}");
        let expected = if cut >= second_end { 2 } else { 1 };
        assert_eq!(batch.sessions.len(), expected, "cut at {cut}");
        let damage = note_details(&batch, "fit_damaged");
        assert!(
            damage[0].contains(&format!("truncated at byte {cut}")),
            "{damage:?}"
        );
    }
    let (result, batch) = read_bytes(&full[..first_end - 1]);
    let reason = result.unwrap_err();
    assert!(reason.contains("truncated at byte"), "{reason}");
    assert!(batch.sessions.is_empty());
}

#[test]
fn message_running_past_the_declared_data_is_damage_not_a_new_header() {
    let t0 = t0();
    let mut bytes = strength_session(t0).activity(t0, t0).bytes();
    let data_len = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
    bytes[4..8].copy_from_slice(&(data_len - 1).to_le_bytes());
    let header_crc = crc16(&bytes[..12]);
    bytes[12..14].copy_from_slice(&header_crc.to_le_bytes());
    let (result, batch) = read_bytes(&bytes);
    assert_eq!(result, Ok(()));
    assert_eq!(batch.sessions.len(), 1);
    let damage = note_details(&batch, "fit_damaged");
    assert!(
        damage[0].contains("runs past the end of the data of FIT file 1"),
        "{damage:?}"
    );
}

#[test]
fn non_activity_files_are_rejected_with_their_type() {
    for (file_type, name) in [
        (5, "workout"),
        (2, "settings"),
        (9, "weight"),
        (32, "monitoring_b"),
    ] {
        let bytes = FitFile::new().file_id(file_type).bytes();
        let reason = read_bytes(&bytes).0.unwrap_err();
        assert!(reason.contains(&format!("file type is {name}")), "{reason}");
    }
}

#[test]
fn activity_without_session_is_rejected() {
    let bytes = FitFile::new()
        .file_id(ACTIVITY)
        .activity(t0(), t0())
        .bytes();
    let reason = read_bytes(&bytes).0.unwrap_err();
    assert!(reason.contains("without a session message"), "{reason}");
}

#[test]
fn bad_crc_keeps_the_sessions_with_a_note() {
    let mut bytes = strength_session(t0()).bytes();
    if let Some(last) = bytes.last_mut() {
        *last ^= 0xFF;
    }
    let (result, batch) = read_bytes(&bytes);
    assert_eq!(result, Ok(()));
    assert_eq!(batch.sessions.len(), 1);
    assert!(note_details(&batch, "fit_damaged")[0].contains("bad CRC"));
}

#[test]
fn chained_files_give_every_session_even_without_file_id() {
    let t0 = t0();
    let mut bytes = strength_session(t0).bytes();
    let second = FitFile::new().session(t0 + 3600, 60_000, RUNNING, GENERIC);
    bytes.extend(second.bytes());
    bytes.extend(FitFile::new().file_id(2).bytes()); // a settings file chained after
    let (result, batch) = read_bytes(&bytes);
    assert_eq!(result, Ok(()));
    let ids: Vec<&str> = batch
        .sessions
        .iter()
        .map(|s| s.session_id.as_str())
        .collect();
    assert_eq!(ids, ["t.fit:1", "t.fit:2"]);
    assert!(batch.notes.is_empty(), "{:?}", batch.notes);
}

#[test]
fn garbage_after_the_data_is_noted_not_fatal() {
    // The second and third tails make fitparser 0.11 itself panic (header-size
    // underflow, slice past the end) if handed to it unchecked.
    let tails: [&[u8]; 4] = [
        &[0; 7],
        &[5, 0, 0, 0, 0, 0, 0, 0, b'.', b'F'],
        &[255, 0, 0, 0, 0, 0, 0, 0, b'.', b'F', b'I', b'T', 1, 1, 0, 0],
        b"not fit at all",
    ];
    for tail in tails {
        let mut bytes = strength_session(t0()).bytes();
        bytes.extend_from_slice(tail);
        let (result, batch) = read_bytes(&bytes);
        assert_eq!(result, Ok(()));
        assert_eq!(batch.sessions.len(), 1);
        let damage = note_details(&batch, "fit_damaged");
        assert!(damage[0].contains("not a FIT file header"), "{damage:?}");
    }
}

#[test]
fn empty_and_non_fit_bytes_are_rejected_by_name() {
    assert!(read_bytes(&[]).0.unwrap_err().contains("0 bytes"));
    let reason = read_bytes(b"athlete_id,start\n").0.unwrap_err();
    assert!(reason.contains("not a FIT file"), "{reason}");
}

#[test]
fn mutated_and_cut_files_never_stop_the_run() {
    let t0 = t0();
    let original = strength_session(t0)
        .set(t0 + 10, t0, true, 10, 160)
        .activity(t0 + 600, t0 + 600)
        .bytes();
    let mut seed: u64 = 0x5eed;
    for round in 0..4000 {
        let mut bytes = original.clone();
        for _ in 0..1 + round % 3 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let at = (seed >> 33) as usize % bytes.len();
            bytes[at] = (seed >> 24) as u8;
        }
        if round % 4 == 0 {
            bytes.truncate((seed >> 40) as usize % bytes.len());
        }
        let (result, batch) = read_bytes(&bytes);
        let said = result
            .err()
            .into_iter()
            .chain(note_details(&batch, "fit_damaged"));
        for text in said {
            assert!(!text.contains("decoder failed"), "round {round}: {text}");
        }
    }
}

/// A file of nothing but session messages stops at the limit: the ones
/// before it are kept and the damage names the limit.
#[test]
fn session_messages_past_the_limit_stop_decoding() {
    let start = fit_at("2026-03-02T07:00:00Z");
    let mut file = FitFile::new().file_id(4);
    for _ in 0..=super::decode::MAX_SESSIONS {
        file = file.session(start, 60_000, 1, 0);
    }
    let decoded = super::decode::decode(&file.bytes());
    assert_eq!(decoded.sessions.len(), super::decode::MAX_SESSIONS);
    let damage = decoded.damage.join("; ");
    assert!(
        damage.contains("more than 10000 session messages (the limit per file)"),
        "{damage}"
    );
}

/// The audit reads no record message, so a record whose developer field
/// was never described (fitparser stops at it: it cannot tell the field's
/// type) is stepped over by its length, and the session after it is read.
#[test]
fn a_record_with_an_undescribed_developer_field_is_stepped_over() {
    let t0 = t0();
    // Local type 2: record (20) with a timestamp and developer field 0 of
    // developer 0, 2 bytes; no field_description message describes it.
    let definition = [0x62, 0, 0, 20, 0, 1, 253, 4, 0x86, 1, 0, 2, 0];
    let mut record = vec![0x02];
    record.extend_from_slice(&t0.to_le_bytes());
    record.extend_from_slice(&[7, 7]);
    let bytes = FitFile::new()
        .file_id(ACTIVITY)
        .raw(&definition)
        .raw(&record)
        .session(t0, 600_000, RUNNING, GENERIC)
        .activity(t0 + 600, t0 + 600)
        .bytes();
    let (result, batch) = read_bytes(&bytes);
    assert_eq!(result, Ok(()));
    assert_eq!(batch.sessions.len(), 1, "{:?}", batch.rejected);
    assert!(note_details(&batch, "fit_damaged").is_empty());
    let read_all = super::decode::decode_stepping(&bytes, false);
    assert!(read_all.sessions.is_empty() && !read_all.damage.is_empty());
}
