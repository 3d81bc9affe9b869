use super::*;
use crate::model::StartTime;

fn read(text: &str) -> Result<Batch, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = Header::new(reader.headers().unwrap());
    let ctx = FileCtx {
        shown: "logs/a.csv",
        id_prefix: "a.csv",
        source: 0,
    };
    let mut batch = Batch::default();
    read_canonical(text, &mut reader, &header, &ctx, &mut batch)?;
    Ok(batch)
}

/// Everything a reader keeps of a batch, to compare two readings.
fn kept(batch: &Batch) -> String {
    format!(
        "{:?}\n{:?}\n{:?}",
        batch.sessions, batch.rejected, batch.notes
    )
}

/// A header and `rows` rows of every kind: good, blank, bad, quoted.
fn mixed_rows(rows: usize) -> String {
    let mut text = String::from("session_id,athlete_id,start,duration_min,sport,rpe,notes\r\n");
    for i in 0..rows {
        let row = match i % 9 {
            0 => format!(
                ",A{},2026-03-02T08:{:02},60,running,5,\"two\nlines\"\r\n",
                i % 7,
                i % 60
            ),
            1 => "\r\n".to_string(),
            2 => ",,,,,,\n".to_string(),
            3 => format!("s{i},A1,2026-02-30,60,running,,\n"),
            4 => format!("s{i},A2,2026-03-02,45,rowing,eleven,\"a,\"\"b\"\"\"\n"),
            _ => format!(
                "s{i},A3,2026-03-{:02}T10:00+01:00,30,strength,7,\n",
                1 + i % 28
            ),
        };
        text.push_str(&row);
    }
    text
}

const CTX: FileCtx<'static> = FileCtx {
    shown: "logs/a.csv",
    id_prefix: "a.csv",
    source: 0,
};

#[test]
fn a_mapped_file_handed_back_while_read_reads_as_in_memory() {
    let text = mixed_rows(200_000);
    assert!(text.len() > super::super::bytes::FORGET_BYTES + (2 << 20));
    let (_file, bytes) = super::super::bytes::mapped(text.as_bytes());
    let mut in_memory = Batch::default();
    super::read(&text, &CTX, &mut in_memory).unwrap();
    for split_bytes in [usize::MAX, 1 << 20] {
        let mut paged = Batch::default();
        (paged.pages, paged.split_bytes) = (bytes.pages(), split_bytes);
        let decoded = super::super::text::decode_paged(&bytes, &paged.pages);
        assert_eq!(decoded.encoding, None);
        super::read(&decoded.text, &CTX, &mut paged).unwrap();
        assert_eq!(kept(&paged), kept(&in_memory), "split at {split_bytes}");
    }
}

#[test]
fn a_file_read_in_parallel_chunks_reads_as_in_one_piece() {
    let text = mixed_rows(200);
    let ctx = CTX;
    let mut whole = Batch::default();
    super::read(&text, &ctx, &mut whole).unwrap();
    let mut chunked = Batch::default();
    chunked.split_bytes = 50;
    super::read(&text, &ctx, &mut chunked).unwrap();
    assert!(whole.sessions.len() > 100 && !whole.rejected.is_empty());
    assert!(whole.notes.iter().any(|n| n.kind == "empty_rows"));
    assert_eq!(kept(&chunked), kept(&whole));
}

/// Chunks read while the scan for quotes goes on are kept when it then
/// meets a quote it cannot place: the CSV engine cuts the rest.
#[test]
fn a_late_ambiguous_quote_reads_as_in_one_piece() {
    let mut text = mixed_rows(200);
    text.push_str("s999,A1,2026-03-02,60,running,5,5'10\"\n");
    text.push_str(&mixed_rows(20)[text.find('\n').unwrap() + 1..]);
    let mut whole = Batch::default();
    super::read(&text, &CTX, &mut whole).unwrap();
    let mut chunked = Batch::default();
    chunked.split_bytes = 50;
    super::read(&text, &CTX, &mut chunked).unwrap();
    let scan = QuotedScan::new(&text, 0, b',', 50, &chunked.pages);
    let until_ambiguous: Vec<_> = scan.collect();
    assert!(until_ambiguous.len() > 10, "chunks were read before it");
    assert!(matches!(
        until_ambiguous.last(),
        Some(Err(Ambiguous { .. }))
    ));
    assert!(whole.sessions.iter().any(|s| s.session_id == "s999"));
    assert_eq!(kept(&chunked), kept(&whole));
}

#[test]
fn a_file_without_quotes_cut_at_line_ends_reads_as_in_one_piece() {
    let text: String = mixed_rows(300)
        .split_inclusive('\n')
        .filter(|line| !line.contains('"'))
        .collect::<String>()
        + "\n\n ,\n,A1,2026-03-02,60,running,,";
    assert!(!text.contains('"') && text.contains(",A1,") && text.contains("\r\n"));
    let mut whole = Batch::default();
    super::read(&text, &CTX, &mut whole).unwrap();
    let mut chunked = Batch::default();
    chunked.split_quote_free_bytes = 60;
    super::read(&text, &CTX, &mut chunked).unwrap();
    assert!(whole
        .sessions
        .iter()
        .any(|s| s.session_id.starts_with("a.csv:")));
    assert!(!whole.rejected.is_empty());
    assert_eq!(kept(&chunked), kept(&whole));
}

/// A body read with rows numbered (a Parquet file's): whole or in chunks,
/// rejected rows name their row number, not their line, also past a cell
/// with a line break in it.
#[test]
fn rows_numbered_instead_of_lines_read_alike_in_chunks() {
    let mut text = String::from("session_id,athlete_id,start,duration_min,sport\n");
    for row in 1..=120 {
        let (id, start) = match row % 10 {
            3 => (String::from("\"two\nlines\""), "2026-03-02T08:00:00Z"),
            7 => (format!("r{row}"), "not a time"),
            _ => (String::new(), "2026-03-02T08:00:00Z"),
        };
        text.push_str(&format!("{id},A1,{start},30,running\n"));
    }
    let start = text.find('\n').unwrap() + 1;
    let body = Body {
        text: &text,
        start,
        line: 2,
        delimiter: b',',
        lines: Lines::Rows,
    };
    let header = Header::new(&csv::StringRecord::from(vec![
        "session_id",
        "athlete_id",
        "start",
        "duration_min",
        "sport",
    ]));
    let cols = Columns::find(&header).unwrap();
    let mut whole = Batch::default();
    read_body(&body, &cols, &CTX, &mut whole);
    let mut chunked = Batch::default();
    chunked.split_bytes = 64;
    read_body(&body, &cols, &CTX, &mut chunked);
    let rejected: Vec<u64> = whole.rejected.iter().map(|r| r.line).collect();
    assert_eq!(rejected, (0..12).map(|k| 10 * k + 7).collect::<Vec<u64>>());
    assert_eq!(whole.sessions[0].session_id, "a.csv:1");
    assert_eq!(whole.sessions[0].line, 1);
    assert_eq!(
        whole.sessions[2].line, 3,
        "the row, though its cell spans two lines"
    );
    assert_eq!(whole.sessions[3].line, 4);
    assert_eq!(kept(&chunked), kept(&whole));
}

const HEAD: &str = "athlete_id,start,duration_min,sport\n";

#[test]
fn accepted_row_gets_a_derived_session_id() {
    let b = read(&format!("{HEAD}A1,2026-03-02 08:00,60,running\n")).unwrap();
    assert_eq!(b.sessions[0].session_id, "a.csv:1");
    assert_eq!(b.sessions[0].duration_s, 3600.0);
    assert!(matches!(b.sessions[0].start, StartTime::Naive(_)));
}

#[test]
fn missing_columns_reject_the_file_naming_them() {
    let e = read("athlete_id,when,sport\nA1,x,running\n").unwrap_err();
    assert!(e.contains("start") && e.contains("duration_min"), "{e}");
}

#[test]
fn malformed_rows_are_rejected_with_line_and_column() {
    let text = format!(
        "{HEAD}A1,2026-02-30 08:00,60,running\n,2026-03-02,60,running\nA1,2026-03-02,-5,running\nA1,2026-03-02,inf,running\nA1,2026-03-02,abc,running\nA1,2026-03-02,60\n"
    );
    let b = read(&text).unwrap();
    assert!(b.sessions.is_empty());
    let cols: Vec<(u64, &str)> = b
        .rejected
        .iter()
        .map(|r| (r.line, r.column.as_str()))
        .collect();
    assert_eq!(
        cols,
        vec![
            (2, "start"),
            (3, "athlete_id"),
            (4, "duration_min"),
            (5, "duration_min"),
            (6, "duration_min"),
            (7, ""),
        ]
    );
    assert!(b.rejected[0].reason.contains("2026-02-30"));
}

#[test]
fn end_before_start_is_rejected() {
    let b = read("athlete_id,start,end,modality\nA1,2026-03-02T09:00,2026-03-02T08:00,strength\n")
        .unwrap();
    assert_eq!(b.rejected[0].column, "end");
}

#[test]
fn duration_from_end_and_seconds_with_decimals() {
    let b = read("athlete_id,start,end,duration_s,modality\nA1,2026-03-02T08:00,2026-03-02T08:30,,strength\nA1,2026-03-02T10:00,,12.5,endurance\n").unwrap();
    assert_eq!(b.sessions[0].duration_s, 1800.0);
    assert_eq!(b.sessions[1].duration_s, 12.5);
}

#[test]
fn unreadable_optional_values_are_noted_not_rejected() {
    let b = read("athlete_id,start,duration_min,modality,rpe,to_failure\nA1,2026-03-02,60,strength,12,maybe\n").unwrap();
    assert_eq!(b.sessions[0].rpe, None);
    assert_eq!(b.sessions[0].to_failure, None);
    assert_eq!(b.notes.len(), 2);
}

#[test]
fn minutes_become_seconds_to_the_microsecond() {
    for (minutes, seconds) in [
        ("64.9", 3894.0),
        ("49.3", 2958.0),
        ("0,5", 30.0),
        ("1.23456789", 74.074073),
    ] {
        assert_eq!(
            parse_duration(minutes, "duration_min", 60.0),
            Ok(seconds),
            "{minutes}"
        );
    }
    assert_eq!(
        parse_duration("1e305", "duration_min", 60.0),
        Ok(1e305 * 60.0)
    );
    assert_eq!(parse_duration("2.5", "duration_s", 1.0), Ok(2.5));
}

#[test]
fn decimal_comma_is_read() {
    let b =
        read("athlete_id,start,duration_min,modality\nA1,2026-03-02,\"45,5\",strength\n").unwrap();
    assert_eq!(b.sessions[0].duration_s, 2730.0);
}

#[test]
fn unknown_modality_is_noted_and_the_sport_decides() {
    let b = read("athlete_id,start,duration_min,modality,sport\nA1,2026-03-02,60,cardio,running\n")
        .unwrap();
    assert!(b.rejected.is_empty());
    assert_eq!(b.sessions[0].modality, None);
    assert!(b.notes[0]
        .detail
        .contains("strength, endurance, mixed, other; the sport decides"));
}

#[test]
fn row_without_modality_or_sport_is_accepted() {
    let b = read("athlete_id,start,duration_min,modality,sport\nA1,2026-03-02,60,,\n").unwrap();
    assert!(b.rejected.is_empty());
    assert_eq!(b.sessions.len(), 1);
}

#[test]
fn local_end_is_kept_for_measuring_in_the_zone() {
    let b = read("athlete_id,start,end,modality\nA1,2026-03-29 01:30,2026-03-29 03:30,endurance\n")
        .unwrap();
    assert!(b.sessions[0].wall_clock_end.is_some());
}

#[test]
fn gps_tracks_are_named_with_what_to_give_instead() {
    let gpx = "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"Garmin\"><trk></trk></gpx>";
    assert!(not_canonical_reason(gpx).starts_with("a GPX track"));
    let tcx =
        "<?xml version=\"1.0\"?><TrainingCenterDatabase><Activities/></TrainingCenterDatabase>";
    assert!(not_canonical_reason(tcx).starts_with("a TCX file"));
    assert!(!not_canonical_reason("athlete_id,start\n").contains("GPX"));
}

#[test]
fn chunks_read_in_any_order_are_joined_in_text_order_up_to_an_ambiguous_quote() {
    let rest = crate::ingest::split::Start {
        at: 7,
        records_before: 3,
        first_line: 4,
    };
    let read = vec![
        (2, Ok("c")),
        (0, Ok("a")),
        (3, Err(Ambiguous { rest })),
        (1, Ok("b")),
    ];
    assert_eq!(
        in_order(read),
        (vec!["a", "b", "c"], Some(Ambiguous { rest }))
    );
    assert_eq!(in_order(vec![(1, Ok(2)), (0, Ok(1))]), (vec![1, 2], None));
}
