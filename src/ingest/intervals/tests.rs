//! intervals.icu lists on small fixtures: the full download's instant and
//! offset, elapsed time, session RPE and ids; the display form's local
//! start and moving-time fallback; bad rows; the sniffer.

use super::*;
use crate::test_support::utc_us;

fn ctx() -> FileCtx<'static> {
    FileCtx {
        shown: "bea/activities.csv",
        id_prefix: "activities.csv",
        source: 4,
    }
}

fn read_text(text: &str) -> Result<Batch, String> {
    crate::test_support::read_into(read, text, &ctx())
}

fn kinds(b: &Batch) -> Vec<&str> {
    b.notes.iter().map(|n| n.kind).collect()
}

/// The full download's columns this reader uses, in their order, with a
/// name and a few others between.
const FULL: &str = "id,start_date_local,name,type,moving_time,distance,elapsed_time,icu_training_load,icu_rpe,start_date,timezone\n";

#[test]
fn full_download_start_is_the_utc_instant_with_the_local_offset() {
    let text = format!("{FULL}i24258671,2023-09-24T14:07:17,\"Secret title\",Run,5770,22328.68,5790,100,4,2023-09-24T12:07:17Z,\n");
    let b = read_text(&text).unwrap();
    assert!(
        b.rejected.is_empty() && b.notes.is_empty(),
        "{:?} {:?}",
        b.rejected,
        b.notes
    );
    let s = &b.sessions[0];
    let want = StartTime::Instant {
        utc_us: utc_us("2023-09-24T12:07:17Z"),
        offset_s: 7200,
    };
    assert_eq!(s.start, want);
    assert_eq!(
        (s.session_id.as_str(), s.sport.as_str(), s.duration_s),
        ("i24258671", "Run", 5790.0)
    );
    assert_eq!((s.rpe, s.source, s.line), (Some(4.0), 4, 2));
    assert!(!format!("{s:?}").contains("Secret"));
}

#[test]
fn west_of_utc_offsets_are_negative() {
    let text = format!(
        "{FULL}i1,2023-01-05T06:30:00,a,WeightTraining,3000,0,3300,,,2023-01-05T11:30:00Z,\n"
    );
    let s = &read_text(&text).unwrap().sessions[0];
    let want = StartTime::Instant {
        utc_us: utc_us("2023-01-05T11:30:00Z"),
        offset_s: -5 * 3600,
    };
    assert_eq!((s.start, s.sport.as_str()), (want, "WeightTraining"));
}

#[test]
fn an_offset_that_is_no_real_utc_offset_leaves_the_start_utc_and_is_noted() {
    let text = format!(
        "{FULL}i1,2023-09-24T14:08:00,a,Run,1,1,60,,,2023-09-24T12:07:17Z,\n\
         i2,2023-09-28T12:07:17,a,Run,1,1,60,,,2023-09-24T12:07:17Z,\n"
    );
    let b = read_text(&text).unwrap();
    assert_eq!(
        b.sessions[0].start,
        StartTime::Utc(utc_us("2023-09-24T12:07:17Z"))
    );
    assert_eq!(
        b.sessions[1].start,
        StartTime::Utc(utc_us("2023-09-24T12:07:17Z"))
    );
    assert_eq!(kinds(&b), vec!["unusable_utc_offset"]);
    assert!(
        b.notes[0].detail.starts_with("2 session(s)"),
        "{}",
        b.notes[0].detail
    );
}

#[test]
fn rpe_of_zero_or_empty_is_none_and_a_bad_one_is_noted() {
    let text = format!(
        "{FULL}i1,2023-09-24T14:07:17,a,Run,1,1,60,,0,2023-09-24T12:07:17Z,\n\
         i2,2023-09-24T15:07:17,a,Run,1,1,60,,,2023-09-24T13:07:17Z,\n\
         i3,2023-09-24T16:07:17,a,Run,1,1,60,,7,2023-09-24T14:07:17Z,\n\
         i4,2023-09-24T17:07:17,a,Run,1,1,60,,12,2023-09-24T15:07:17Z,\n"
    );
    let b = read_text(&text).unwrap();
    let rpe: Vec<Option<f64>> = b.sessions.iter().map(|s| s.rpe).collect();
    assert_eq!(rpe, vec![None, None, Some(7.0), None]);
    assert_eq!(kinds(&b), vec!["unreadable_value"]);
    assert_eq!((b.notes[0].line, b.notes[0].session_id.as_str()), (5, "i4"));
}

#[test]
fn missing_id_gets_a_derived_one_from_the_row_number() {
    let text = format!("{FULL},2023-09-24T14:07:17,a,Run,1,1,60,,,2023-09-24T12:07:17Z,\n");
    assert_eq!(
        read_text(&text).unwrap().sessions[0].session_id,
        "activities.csv:1"
    );
}

#[test]
fn display_form_uses_local_time_and_moving_time_with_one_note() {
    let text = "id,Type,Date,Distance,Moving Time,Name,Avg HR,Intensity,Load\n\
                i164296978,Run,2026-07-09T21:49:19,7007.12,2504,Secret,148,73.9,38\n\
                i153101833,Swim,2026-03-16T07:43:12,1000.0,1388,Pool,120,48.2,9\n";
    assert!(sniff(text));
    let b = read_text(text).unwrap();
    assert!(b.rejected.is_empty());
    let s = &b.sessions[0];
    let local = chrono::NaiveDate::from_ymd_opt(2026, 7, 9)
        .unwrap()
        .and_hms_opt(21, 49, 19)
        .unwrap();
    assert_eq!(s.start, StartTime::Naive(local));
    assert_eq!(
        (s.duration_s, s.session_id.as_str(), s.sport.as_str()),
        (2504.0, "i164296978", "Run")
    );
    assert_eq!(s.rpe, None);
    assert_eq!(kinds(&b), vec!["duration_fallback"]);
    let detail = &b.notes[0].detail;
    assert!(
        detail.contains("no elapsed time column") && detail.contains("2 session(s) is Moving Time"),
        "{detail}"
    );
}

#[test]
fn empty_elapsed_time_falls_back_to_moving_time_with_a_note() {
    let text = format!("{FULL}i1,2023-09-24T14:07:17,a,Run,1500,1,,,,2023-09-24T12:07:17Z,\n");
    let b = read_text(&text).unwrap();
    assert_eq!(b.sessions[0].duration_s, 1500.0);
    assert_eq!(kinds(&b), vec!["duration_fallback"]);
    assert!(
        b.notes[0].detail.starts_with("elapsed_time is empty"),
        "{}",
        b.notes[0].detail
    );
}

#[test]
fn bad_rows_are_rejected_naming_column_and_value() {
    let text = format!(
        "{FULL}i1,yesterday,a,Run,1,1,60,,,2023-09-24T12:07:17Z,\n\
         i2,2023-09-24T14:07:17,a,Run,1,1,-5,,,2023-09-24T12:07:17Z,\n\
         i3,2023-09-24T14:07:17,a,Run,,1,,,,2023-09-24T12:07:17Z,\n\
         i4,2023-09-24T14:07:17,a,Run,1,1,60,,,soon,\n\
         i5,,a,Run,1,1,60,,,,\n\
         i6,2023-09-24T14:07:17,a,Run\n"
    );
    let b = read_text(&text).unwrap();
    assert!(b.sessions.is_empty());
    let got: Vec<(u64, &str)> = b
        .rejected
        .iter()
        .map(|r| (r.line, r.column.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "start_date_local"),
            (3, "elapsed_time"),
            (4, "elapsed_time"),
            (5, "start_date"),
            (6, "start_date"),
            (7, "")
        ]
    );
    assert!(b.rejected[0].reason.contains("'yesterday'"));
    assert!(b.rejected[1].reason.contains("'-5'"));
    assert!(b.rejected[3].reason.contains("'soon'"));
}

#[test]
fn file_without_a_duration_column_is_rejected_whole() {
    let e =
        read_text("id,start_date_local,type,icu_rpe\ni1,2023-09-24T14:07:17,Run,3\n").unwrap_err();
    assert!(e.contains("elapsed_time"), "{e}");
}

#[test]
fn sniffer_claims_both_intervals_forms_and_no_other_export() {
    assert!(sniff(FULL));
    assert!(sniff(
        "\u{feff}id,start_date_local,name,type,moving_time,elapsed_time,icu_rpe\n"
    ));
    assert!(sniff("id,Type,Date,Moving Time\n"));
    for other in [
        "athlete_id,start,duration_min,sport\n",
        "id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n",
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time\n",
        "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Moving Time,Elapsed Time\n",
        "id,name,type,start_date,start_date_local,moving_time,elapsed_time\n",
        "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time\n",
        "",
    ] {
        assert!(!sniff(other), "{other}");
    }
}

#[test]
fn every_cut_off_prefix_is_read_or_refused_without_panicking() {
    let text =
        format!("{FULL}i1,2023-09-24T14:07:17,\"a,\nb\",Run,1,1,60,,4,2023-09-24T12:07:17Z,\n");
    for (cut, _) in text.char_indices() {
        if let Ok(b) = read_text(&text[..cut]) {
            assert!(b.sessions.len() + b.rejected.len() <= 1, "cut at {cut}");
        }
    }
}
