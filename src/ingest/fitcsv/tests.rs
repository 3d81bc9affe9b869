//! FitCSVTool reader on small hand-written files of each layout and dialect.

use super::*;
use crate::model::{Note, StartTime, StrengthDetail};

fn run(text: &str) -> Result<Batch, String> {
    let ctx = FileCtx {
        shown: "logs/a.csv",
        id_prefix: "a.csv",
        source: 7,
    };
    crate::test_support::read_into(read, text, &ctx)
}

/// Microseconds since the Unix epoch of FIT seconds.
fn unix_us(fit_s: i64) -> i64 {
    (fit_s + 631_065_600) * 1_000_000
}

const LONG_HEADER: &str = "Type,Local Number,Message,Field 1,Value 1,Units 1,Field 2,Value 2,Units 2,Field 3,Value 3,Units 3,Field 4,Value 4,Units 4,Field 5,Value 5,Units 5,";

/// 2015 dialect: unquoted values, CRLF, rows as long as their message.
const DIALECT_2015: &str = "Type,Local Number,Message,Field 1,Value 1,Units 1,Field 2,Value 2,Units 2,Field 3,Value 3,Units 3,Field 4,Value 4,Units 4,Field 5,Value 5,Units 5,\r\n\
Definition,0,file_id,type,1,,time_created,1,,\r\n\
Data,0,file_id,type,4,,time_created,702000000,,\r\n\
Data,1,record,timestamp,702000000,s,distance,0.5,m,\r\n\
Data,4,session,timestamp,702001300,s,start_time,702000000,,total_elapsed_time,1234.5,s,sport,1,,sub_sport,0,,\r\n\
Data,5,activity,timestamp,702001300,,local_timestamp,701986900,,num_sessions,1,,,,,,,,,,,,\r\n";

/// 2021+ dialect: quoted values, a value holding a newline, multisport with sets.
const DIALECT_2021: &str = "Type,Local Number,Message,Field 1,Value 1,Units 1,Field 2,Value 2,Units 2,Field 3,Value 3,Units 3,Field 4,Value 4,Units 4,Field 5,Value 5,Units 5\n\
Data,0,file_id,type,\"4\",,manufacturer,\"1\",,,,,,,,,,\n\
Data,2,activity,timestamp,\"1000003600\",,local_timestamp,\"1000007200\",,num_sessions,\"2\",,,,,,,\n\
Data,3,session,start_time,\"1000000000\",,total_elapsed_time,\"600.5\",s,sport,\"2\",,sub_sport,\"6\",,sport_profile_name,\"Bike\nIndoor\",\n\
Data,3,session,start_time,\"1000000700\",,total_elapsed_time,\"2900.0\",s,sport,\"10\",,sub_sport,\"20\",,total_cycles,\"25\",cycles\n\
Data,2,set,start_time,\"1000000710\",,repetitions,\"10\",,weight,\"20.0\",kg,set_type,\"1\",,,,\n\
Data,2,set,start_time,\"1000000760\",,set_type,\"0\",,,,,,,,,,,,\n\
Data,2,set,start_time,\"1000000800\",,repetitions,\"15\",,weight,\"0.0\",kg,set_type,\"1\",,,,\n\
Data,2,set,start_time,\"999999000\",,repetitions,\"5\",,set_type,\"1\",,,,,,,\n";

/// `-e -iso8601`: enum names, ISO times, `local_timestamp` left numeric.
const NAMED_ISO: &str = "\"Type\",\"Local Number\",\"Message\",\"Field 1\",\"Value 1\",\"Units 1\"\n\
Data,2,activity,timestamp,\"2026-03-02T07:00:00Z\",,local_timestamp,\"1141372800\",,type,\"MANUAL\",\n\
Data,3,session,timestamp,\"2026-03-02T07:00:00Z\",,start_time,\"2026-03-02T07:00:00Z\",,total_elapsed_time,\"3600.5\",s,sport,\"TRAINING\",,sub_sport,\"STRENGTH_TRAINING\",\n\
Data,2,set,start_time,\"2026-03-02T07:00:00Z\",,repetitions,\"15\",,weight,\"2.5\",kg,set_type,\"ACTIVE\",\n\
Data,2,set,start_time,\"2026-03-02T07:01:30Z\",,set_type,\"REST\",\n";

/// `--data` wide form: each row repeats the other messages' last values.
const WIDE: &str = "file_id.type,activity.timestamp,activity.local_timestamp,session.start_time,session.total_elapsed_time[s],session.sport,session.sub_sport,set.start_time,set.repetitions,set.weight[kg],set.set_type,\n\
\"4\",,,,,,,,,,,\n\
\"4\",\"1000003600\",\"1000007200\",,,,,,,,,\n\
\"4\",\"1000003600\",\"1000007200\",\"1000000000\",\"600\",\"1\",\"0\",,,,,\n\
\"4\",\"1000003600\",\"1000007200\",\"1000000700\",\"900\",\"10\",\"20\",,,,,\n\
\"4\",\"1000003600\",\"1000007200\",\"1000000700\",\"900\",\"10\",\"20\",\"1000000710\",\"8\",\"50.0\",\"1\",\n\
\"4\",\"1000003600\",\"1000007200\",\"1000000700\",\"900\",\"10\",\"20\",\"1000000760\",\"8\",\"50.0\",\"0\",\n";

#[test]
fn unquoted_2015_dialect_gives_the_session_with_its_local_offset() {
    let b = run(DIALECT_2015).unwrap();
    assert_eq!(b.sessions.len(), 1);
    let s = &b.sessions[0];
    assert_eq!(s.session_id, "a.csv:1");
    assert_eq!(s.athlete_id, "");
    assert_eq!(s.line, 5);
    assert_eq!(s.source, 7);
    assert_eq!(
        s.start,
        StartTime::Instant {
            utc_us: unix_us(702_000_000),
            offset_s: -4 * 3600
        }
    );
    assert_eq!(s.duration_s, 1234.5);
    assert_eq!(
        (s.sport.as_str(), s.sub_sport.as_str()),
        ("running", "generic")
    );
    assert_eq!(s.strength, StrengthDetail::default());
    assert!(!s.planned && s.modality.is_none());
}

#[test]
fn quoted_2021_dialect_with_a_newline_in_a_value_keeps_line_numbers() {
    let b = run(DIALECT_2021).unwrap();
    let lines: Vec<u64> = b.sessions.iter().map(|s| s.line).collect();
    assert_eq!(lines, vec![4, 6]);
    assert_eq!(b.sessions[0].sport, "cycling");
    assert_eq!(b.sessions[0].sub_sport, "indoor_cycling");
    assert_eq!(b.sessions[0].duration_s, 600.5);
    assert_eq!(
        b.sessions[1].start,
        StartTime::Instant {
            utc_us: unix_us(1_000_000_700),
            offset_s: 3600
        }
    );
}

#[test]
fn active_sets_go_to_the_session_started_last_before_them() {
    let b = run(DIALECT_2021).unwrap();
    assert_eq!(b.sessions[0].strength, StrengthDetail::default());
    assert_eq!(
        b.sessions[1].strength,
        StrengthDetail {
            sets: Some(2),
            reps: Some(25),
            volume_kg: Some(200.0),
            ..StrengthDetail::default()
        }
    );
    let unassigned: Vec<&Note> = b
        .notes
        .iter()
        .filter(|n| n.kind == "unassigned_sets")
        .collect();
    assert_eq!(unassigned.len(), 1);
    assert!(unassigned[0].detail.starts_with("1 set"));
}

#[test]
fn enum_names_and_iso_times_read_like_raw_values() {
    let b = run(NAMED_ISO).unwrap();
    let s = &b.sessions[0];
    assert_eq!(
        s.start,
        StartTime::Instant {
            utc_us: unix_us(1_141_369_200),
            offset_s: 3600
        }
    );
    assert_eq!(
        s.duration_s, 3600.5,
        "the end is never taken from timestamp"
    );
    assert_eq!(
        (s.sport.as_str(), s.sub_sport.as_str()),
        ("training", "strength_training")
    );
    assert_eq!(s.strength.sets, Some(1));
    assert_eq!(s.strength.reps, Some(15));
    assert_eq!(s.strength.volume_kg, Some(37.5));
}

#[test]
fn wide_data_file_gives_a_session_per_change_of_session_columns() {
    let b = run(WIDE).unwrap();
    let summary: Vec<(u64, &str, f64)> = b
        .sessions
        .iter()
        .map(|s| (s.line, s.sport.as_str(), s.duration_s))
        .collect();
    assert_eq!(summary, vec![(4, "running", 600.0), (5, "training", 900.0)]);
    assert!(matches!(
        b.sessions[0].start,
        StartTime::Instant { offset_s: 3600, .. }
    ));
    assert_eq!(b.sessions[0].strength, StrengthDetail::default());
    assert_eq!(
        b.sessions[1].strength,
        StrengthDetail {
            sets: Some(1),
            reps: Some(8),
            volume_kg: Some(400.0),
            ..StrengthDetail::default()
        }
    );
}

#[test]
fn wide_file_without_session_columns_is_rejected_saying_so() {
    let e =
        run("record.timestamp[s],record.heart_rate[bpm]\n\"1000000000\",\"120\"\n").unwrap_err();
    assert!(e.contains("without session columns"), "{e}");
    assert!(e.contains("record"), "{e}");
}

#[test]
fn files_that_are_not_activities_are_rejected_naming_their_type() {
    let settings =
        format!("{LONG_HEADER}\nData,0,file_id,type,2,,\nData,0,user_profile,weight,90.0,kg\n");
    let e = run(&settings).unwrap_err();
    assert!(
        e.contains("'settings'") && e.contains("not an activity"),
        "{e}"
    );
    let workout = format!(
        "{LONG_HEADER}\nData,0,file_id,type,\"WORKOUT\",,\nDefinition,0,session,start_time,1,,\n"
    );
    assert!(run(&workout).unwrap_err().contains("'workout'"));
    let cut =
        format!("{LONG_HEADER}\nData,0,file_id,type,4,,\nData,0,record,timestamp,1000000000,s\n");
    assert!(run(&cut).unwrap_err().contains("cut off, or records only"));
}

#[test]
fn damaged_session_rows_are_rejected_with_line_and_field() {
    let text = format!(
        "{LONG_HEADER}\n\
Data,0,session,total_elapsed_time,\"60\",s,sport,\"1\",\n\
Data,0,session,start_time,\"1000\",,total_elapsed_time,\"60\",s\n\
Data,0,session,start_time,\"1000000000\",,total_elapsed_time,\"-5\",s\n\
Data,0,session,start_time,\"1000000000\",,sport,\"1\",\n\
Data,0,session,start_time,\"soon\",,total_elapsed_time,\"60\",s\n\
Data,0,session,start_time,\"1000000000\",,total_elapsed_time,\"60\",s\n"
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
            (2, "start_time"),
            (3, "start_time"),
            (4, "total_elapsed_time"),
            (5, "total_elapsed_time"),
            (6, "start_time")
        ]
    );
    assert!(b.rejected[1].reason.contains("switched on"));
    assert!(b.rejected[2].reason.contains("'-5'"));
    assert_eq!(b.sessions.len(), 1);
    assert_eq!(
        b.sessions[0].session_id, "a.csv:6",
        "ids count every session message"
    );
    assert!(matches!(b.sessions[0].start, StartTime::Utc(_)));
}

#[test]
fn implausible_local_offset_falls_back_to_utc_with_a_note() {
    let text = format!(
        "{LONG_HEADER}\n\
Data,0,activity,timestamp,\"1000000000\",,local_timestamp,\"1000001234\",\n\
Data,0,session,start_time,\"1000000000\",,total_elapsed_time,\"60\",s\n"
    );
    let b = run(&text).unwrap();
    assert_eq!(b.sessions[0].start, StartTime::Utc(unix_us(1_000_000_000)));
    assert_eq!(b.notes.len(), 1);
    assert_eq!(b.notes[0].kind, "unusable_utc_offset");
    assert_eq!(b.notes[0].line, 2);
}

#[test]
fn sniffer_claims_fitcsvtool_output_only() {
    assert!(sniff(DIALECT_2015));
    assert!(sniff(DIALECT_2021));
    assert!(sniff(NAMED_ISO));
    assert!(sniff(WIDE));
    assert!(sniff("\u{feff}Type,Local Number,Message,Field 1\n"));
    assert!(!sniff(
        "athlete_id,start,duration_min,sport\nA1,2026-03-02,60,running\n"
    ));
    assert!(!sniff("Title,WorkoutType,WorkoutDay\nx,Run,2026-01-05\n"));
    assert!(
        !sniff("session.start,session.sport\n1,2\n"),
        "no [units]: not FitCSVTool"
    );
    assert!(!sniff("Type,Local Number\n"));
    assert!(!sniff(""));
}

#[test]
fn garbage_after_a_fitcsv_header_never_panics_nor_gives_infinite_values() {
    let inputs = [
        format!("{LONG_HEADER}\nData\nData,0\nData,0,session\nData,0,session,start_time\n\"\n"),
        format!("{LONG_HEADER}\nData,0,session,start_time,1e300,,total_elapsed_time,inf,s\n"),
        format!("{LONG_HEADER}\nData,0,set,start_time,x,,repetitions,-1,,set_type,1\n"),
        "session.start_time[s]\n\"\"\"\n,,,,\n".to_string(),
        format!("{LONG_HEADER}\nData,0,activity,timestamp,1e300,,local_timestamp,-1e300,\nData,0,session,start_time,1000000000,,total_elapsed_time,1e308,s,\nData,0,set,start_time,1000000001,,repetitions,1000,,weight,1e308,kg,set_type,1\n"),
    ];
    for text in &inputs {
        match run(text) {
            Ok(b) => assert!(
                b.sessions.iter().all(|s| s.duration_s.is_finite()
                    && matches!(s.start, StartTime::Utc(_))
                    && s.strength.volume_kg.is_none()),
                "{text}"
            ),
            Err(e) => assert!(!e.is_empty()),
        }
    }
}
