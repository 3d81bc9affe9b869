use super::*;
use crate::test_support::utc_us;

fn ctx() -> FileCtx<'static> {
    FileCtx {
        shown: "exports/activities.csv",
        id_prefix: "activities.csv",
        source: 3,
    }
}

fn read_text(text: &str) -> Result<Batch, String> {
    crate::test_support::read_into(read, text, &ctx())
}

/// The modern layout's first columns, with `Elapsed Time` and `Distance` twice.
const MODERN_HEAD: &str = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Elapsed Time,Moving Time,Distance\n";

#[test]
fn duplicated_columns_are_read_by_first_position() {
    let text = format!(
        "{MODERN_HEAD}7926971219,\"Oct 6, 2022, 11:19:20 PM\",Evening,Run,,979,2.51,150,978.0,900.0,2510.0\n"
    );
    let b = read_text(&text).unwrap();
    let s = &b.sessions[0];
    assert_eq!(s.duration_s, 979.0);
    assert_eq!(s.start, StartTime::Utc(utc_us("2022-10-06T23:19:20Z")));
    assert_eq!(s.session_id, "7926971219");
    assert_eq!(s.sport, "Run");
    assert_eq!((s.modality, s.athlete_id.as_str()), (None, ""));
    assert_eq!((s.source, s.line), (3, 2));
}

#[test]
fn perceived_exertion_is_the_session_rpe_and_relative_effort_is_not() {
    let head = "Activity ID,Activity Date,Activity Type,Elapsed Time,Perceived Relative Effort,Perceived Exertion\n";
    let rows = [
        "1,\"Oct 6, 2022, 11:19:20 PM\",Run,979,55.0,7.0",
        "2,\"Oct 7, 2022, 11:19:20 PM\",Run,979,40.0,",
        "3,\"Oct 8, 2022, 11:19:20 PM\",Run,979,40.0,hard",
    ];
    let b = read_text(&format!("{head}{}\n", rows.join("\n"))).unwrap();
    let rpes: Vec<Option<f64>> = b.sessions.iter().map(|s| s.rpe).collect();
    assert_eq!(rpes, [Some(7.0), None, None]);
    assert_eq!(b.notes.len(), 1);
    assert_eq!((b.notes[0].kind, b.notes[0].line), ("unreadable_value", 4));
    assert!(
        b.notes[0].detail.starts_with("Perceived Exertion: 'hard'"),
        "{}",
        b.notes[0].detail
    );
}

#[test]
fn html_wrapped_header_cells_are_recognised() {
    let text = "Activity ID,Activity Date,Activity Name,\"<span class=\"\"translation_missing\"\" title=\"\"x\"\">Activity Type</span>\",Elapsed Time\n\
                2987876185,\"Jan 4, 2020, 2:57:37 PM\",Lunch,Weight Training,1509\n";
    assert!(sniff(text));
    let b = read_text(text).unwrap();
    assert_eq!(b.sessions[0].sport, "Weight Training");
    assert_eq!(
        b.sessions[0].start,
        StartTime::Utc(utc_us("2020-01-04T14:57:37Z"))
    );
}

#[test]
fn legacy_layout_reads_iso_dates_as_utc() {
    let text = "id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n\
                193569569,2014-09-12 16:54:28,Ride,Ride,,9462,53000.2,false,,activities/1.gpx\n";
    assert!(sniff(text));
    let b = read_text(text).unwrap();
    let s = &b.sessions[0];
    assert_eq!(s.start, StartTime::Utc(utc_us("2014-09-12T16:54:28Z")));
    assert_eq!((s.duration_s, s.session_id.as_str()), (9462.0, "193569569"));
}

#[test]
fn narrow_no_break_space_before_pm_is_read() {
    assert_eq!(
        parse_activity_date("Oct 6, 2022, 11:19:20\u{202f}PM"),
        Some(utc_us("2022-10-06T23:19:20Z"))
    );
    assert_eq!(
        parse_activity_date("Oct 6, 2022, 12:05:00 AM"),
        Some(utc_us("2022-10-06T00:05:00Z"))
    );
}

#[test]
fn missing_activity_id_gets_a_derived_id_from_the_row_number() {
    let text = format!(
        "{MODERN_HEAD}1,\"Oct 6, 2022, 11:19:20 PM\",a,Run,,60,,,,,\n,\"Oct 7, 2022, 1:00:00 AM\",b,Walk,,60,,,,,\n"
    );
    let b = read_text(&text).unwrap();
    assert_eq!(b.sessions[1].session_id, "activities.csv:2");
}

#[test]
fn unreadable_rows_are_rejected_naming_column_and_value_but_not_the_title() {
    let text = format!(
        "{MODERN_HEAD}1,\"Oct 32, 2022, 1:00:00 PM\",Secret Title,Run,Private words,60,,,,,\n\
         2,\"Oct 6, 2022, 1:00:00 PM\",Secret Title,Run,,,,,,,\n\
         3,\"Oct 6, 2022, 1:00:00 PM\",Secret Title,Run,,-5,,,,,\n\
         4,\"Oct 6, 2022, 1:00:00 PM\",Secret Title,Run,,60\n"
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
            (2, "Activity Date"),
            (3, "Elapsed Time"),
            (4, "Elapsed Time"),
            (5, "")
        ]
    );
    assert!(b.rejected[0].reason.contains("'Oct 32, 2022, 1:00:00 PM'"));
    assert!(b.rejected[2].reason.contains("'-5'"));
    assert!(b
        .rejected
        .iter()
        .all(|r| !r.reason.contains("Secret") && !r.reason.contains("Private")));
}

#[test]
fn multi_line_descriptions_keep_line_numbers_true() {
    let text = format!(
        "{MODERN_HEAD}1,\"Oct 6, 2022, 1:00:00 PM\",a,Run,\"two\nlines\",60,,,,,\n2,\"Oct 7, 2022, 1:00:00 PM\",b,Run,,61,,,,,\n"
    );
    let b = read_text(&text).unwrap();
    assert_eq!(b.sessions[1].line, 4);
}

#[test]
fn blank_rows_are_skipped_with_a_note() {
    let text = format!("{MODERN_HEAD}1,\"Oct 6, 2022, 1:00:00 PM\",a,Run,,60,,,,,\n ,\n");
    let b = read_text(&text).unwrap();
    assert_eq!((b.sessions.len(), b.rejected.len()), (1, 0));
    assert_eq!(b.notes[0].kind, "empty_rows");
}

#[test]
fn file_without_elapsed_time_is_rejected_whole() {
    let e = read_text("Activity ID,Activity Date,Activity Type\n1,x,Run\n").unwrap_err();
    assert!(e.contains("Elapsed Time"), "{e}");
}

#[test]
fn sniffer_claims_only_strava_headers() {
    assert!(sniff(MODERN_HEAD));
    for other in [
        "athlete_id,start,duration_min,sport\nA1,2026-03-02 08:00,60,running\n",
        "Activity Type,Date,Favorite,Title,Distance,Calories,Time\n",
        "id,date,type,duration\n1,2020-01-01,Run,60\n",
        "WorkoutType,Title,WorkoutDay,TimeTotalInHours\n",
        "",
        "\"unterminated",
    ] {
        assert!(!sniff(other), "{other}");
    }
}

#[test]
fn garbage_is_refused_without_panicking() {
    for text in ["", "\n\n", "é,\u{0},<>\n<"] {
        assert!(read_text(text).is_err(), "{text:?}");
    }
    let b = read_text("Activity ID,Activity Date,Elapsed Time\n1,\"Oct 6").unwrap();
    assert_eq!((b.sessions.len(), b.rejected.len()), (0, 1));
}

#[test]
fn windows_line_ends_keep_line_numbers_true() {
    let text = format!(
        "{MODERN_HEAD}1,\"Oct 6, 2022, 1:00:00 PM\",a,Run,,60,,,,,\n2,\"Oct 6, 2022, 2:00:00 PM\",a,Run,,,,,,,\n"
    )
    .replace('\n', "\r\n");
    let b = read_text(&text).unwrap();
    assert_eq!((b.sessions[0].line, b.rejected[0].line), (2, 3));
}

#[test]
fn every_cut_off_prefix_is_read_or_refused_without_panicking() {
    let text =
        format!("{MODERN_HEAD}1,\"Oct 6, 2022, 1:00:00\u{202f}PM\",é,Run,\"a\nb\",60,,,,,\n");
    for (cut, _) in text.char_indices() {
        if let Ok(b) = read_text(&text[..cut]) {
            assert!(b.sessions.len() <= 1, "cut at {cut}");
        }
    }
}
