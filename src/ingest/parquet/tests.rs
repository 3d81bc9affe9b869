//! Tests of the Parquet reader: small files written with polars into memory.

use polars::prelude::{
    Column, DataFrame, DataType, IntoColumn, NamedFrom, ParquetWriter, Series, TimeUnit, TimeZone,
};

use super::*;
use crate::config::{InputLimit, LimitSource};
use crate::ingest::limits::{Budget, MAX_FIELD_BYTES};
use crate::model::StartTime;
use chrono::DateTime;
use table::Cells;

const CTX: FileCtx<'static> = FileCtx {
    shown: "logs/a.parquet",
    id_prefix: "a.parquet",
    source: 0,
};

fn text(name: &str, values: &[Option<&str>]) -> Column {
    Series::new(name.into(), values).into_column()
}

fn parquet_bytes(columns: Vec<Column>) -> Vec<u8> {
    let mut frame = DataFrame::new_infer_height(columns).unwrap();
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes).finish(&mut frame).unwrap();
    bytes
}

fn read_bytes(bytes: &[u8]) -> Result<Batch, String> {
    read_within(bytes, 1 << 30)
}

/// Reads with `allowance` bytes of the input limit left for decoding.
fn read_within(bytes: &[u8], allowance: u64) -> Result<Batch, String> {
    let budget = Budget::new(InputLimit {
        bytes: allowance,
        origin: LimitSource::Setting,
    });
    let mut batch = Batch::default();
    read(
        bytes,
        &CTX,
        None,
        &mut Allowance::new(&budget, allowance),
        &mut batch,
    )?;
    Ok(batch)
}

/// Milliseconds since 1970 of a UTC date-time written as RFC 3339.
fn ms(utc: &str) -> i64 {
    DateTime::parse_from_rfc3339(utc)
        .unwrap()
        .timestamp_millis()
}

fn datetime(name: &str, utc: &[Option<&str>], zone: Option<&str>) -> Column {
    let values: Vec<Option<i64>> = utc.iter().map(|t| t.map(ms)).collect();
    let zone = TimeZone::opt_try_new(zone).unwrap();
    Series::new(name.into(), values)
        .cast(&DataType::Datetime(TimeUnit::Milliseconds, zone))
        .unwrap()
        .into_column()
}

/// The canonical CSV reader's result for the same cells, for comparison.
fn read_csv(csv: &str) -> Batch {
    let mut batch = Batch::default();
    let ctx = FileCtx {
        shown: CTX.shown,
        id_prefix: CTX.id_prefix,
        source: 0,
    };
    super::super::canonical::read(csv, &ctx, &mut batch).unwrap();
    batch
}

#[test]
fn string_columns_read_like_the_same_csv() {
    let rows: [[Option<&str>; 5]; 6] = [
        [
            Some("A1"),
            Some("2026-03-02 08:00"),
            Some("60"),
            Some("running"),
            Some("7"),
        ],
        [
            Some("A1"),
            Some("2026-02-30 08:00"),
            Some("60"),
            Some("running"),
            None,
        ],
        [None, Some("2026-03-02"), Some("60"), Some("running"), None],
        [
            Some("A1"),
            Some("2026-03-02"),
            Some("-5"),
            Some("running"),
            None,
        ],
        [
            Some("A1"),
            Some("2026-03-02T09:00:00Z"),
            Some("45,5"),
            Some("training"),
            Some("12"),
        ],
        [Some("A2"), Some("2026-03-03"), Some("abc"), None, None],
    ];
    let names = ["athlete_id", "start", "duration_min", "sport", "rpe"];
    let columns = (0..names.len())
        .map(|c| text(names[c], &rows.map(|r| r[c])))
        .collect();
    let parquet = read_bytes(&parquet_bytes(columns)).unwrap();
    let mut csv = names.join(",") + "\n";
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| format!("\"{}\"", c.unwrap_or("")))
            .collect();
        csv += &(cells.join(",") + "\n");
    }
    let csv = read_csv(&csv);
    // The CSV counts its header as line 1; a Parquet row's line is its row number.
    let shifted = |b: &Batch| -> Vec<(u64, String, String)> {
        b.rejected
            .iter()
            .map(|r| (r.line, r.column.clone(), r.reason.clone()))
            .collect()
    };
    let expected: Vec<_> = shifted(&csv)
        .into_iter()
        .map(|(line, c, r)| (line - 1, c, r))
        .collect();
    assert_eq!(shifted(&parquet), expected);
    assert_eq!(
        parquet.rejected.iter().map(|r| r.line).collect::<Vec<_>>(),
        [2, 3, 4, 6]
    );
    assert_eq!(parquet.sessions.len(), 2);
    for (p, c) in parquet.sessions.iter().zip(&csv.sessions) {
        assert_eq!((p.line, &p.session_id), (c.line - 1, &c.session_id));
        assert_eq!(
            (p.start, p.duration_s, p.rpe),
            (c.start, c.duration_s, c.rpe)
        );
    }
    assert_eq!(parquet.sessions[0].session_id, "a.parquet:1");
    let notes: Vec<&str> = parquet.notes.iter().map(|n| n.detail.as_str()).collect();
    assert_eq!(
        notes,
        ["rpe: '12' is not a number from 0 to 10; read as empty"]
    );
}

#[test]
fn typed_numbers_and_booleans_read_as_their_values() {
    let columns = vec![
        text(
            "athlete_id",
            &[Some("A1"), Some("A1"), Some("A1"), Some("A1")],
        ),
        text(
            "start",
            &[
                Some("2026-03-02"),
                Some("2026-03-03"),
                Some("2026-03-04"),
                Some("2026-03-05"),
            ],
        ),
        Series::new(
            "duration_min".into(),
            &[Some(45.5f64), Some(60.0), None, Some(-0.0)],
        )
        .into_column(),
        Series::new("rpe".into(), &[Some(7i32), None, Some(12), Some(0)]).into_column(),
        Series::new("duration_s".into(), &[None, None, Some(90u64), None]).into_column(),
        Series::new(
            "to_failure".into(),
            &[Some(true), Some(false), None, Some(true)],
        )
        .into_column(),
        text(
            "sport",
            &[
                Some("strength"),
                Some("running"),
                Some("running"),
                Some("strength"),
            ],
        ),
    ];
    let frame = DataFrame::new_infer_height(columns).unwrap();
    let mut tenfold = frame.clone();
    for _ in 1..10 {
        tenfold.vstack_mut(&frame).unwrap();
    }
    let first = [
        (2730.0, Some(7.0), Some(true)),
        (3600.0, None, Some(false)),
        (90.0, None, None),
        (0.0, Some(0.0), Some(true)),
    ];
    // Row groups of 4 rows decode as 10 chunks, of 1 row as 40.
    let mut b = Batch::default();
    for group_rows in [4, 1] {
        let mut bytes = Vec::new();
        ParquetWriter::new(&mut bytes)
            .with_row_group_size(Some(group_rows))
            .finish(&mut tenfold)
            .unwrap();
        b = read_bytes(&bytes).unwrap();
        let read: Vec<(f64, Option<f64>, Option<bool>)> = b
            .sessions
            .iter()
            .map(|s| (s.duration_s, s.rpe, s.to_failure))
            .collect();
        assert_eq!(read, first.repeat(10), "row groups of {group_rows}");
    }
    let notes: Vec<&str> = b.notes.iter().map(|n| n.detail.as_str()).collect();
    assert!(
        notes.contains(&"rpe: '12' is not a number from 0 to 10; read as empty"),
        "{notes:?}"
    );
}

#[test]
fn datetime_without_zone_is_local_wall_clock_time() {
    let bytes = parquet_bytes(vec![
        text("athlete_id", &[Some("A1")]),
        datetime("start", &[Some("2026-03-02T08:00:00Z")], None),
        datetime("end", &[Some("2026-03-02T09:15:30Z")], None),
    ]);
    let b = read_bytes(&bytes).unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    assert_eq!(b.sessions[0].start, StartTime::Naive(start));
    assert_eq!(b.sessions[0].duration_s, 4530.0);
    assert!(b.sessions[0].wall_clock_end.is_some());
}

#[test]
fn datetime_with_zone_is_an_instant_with_the_zone_offset() {
    let bytes = parquet_bytes(vec![
        text("Athlete ID", &[Some("A1"), Some("A1")]),
        datetime(
            "START",
            &[Some("2026-03-02T07:00:00Z"), Some("2026-07-02T07:00:00Z")],
            Some("Europe/Amsterdam"),
        ),
        Series::new("duration_s".into(), &[3600i64, 1800]).into_column(),
    ]);
    let b = read_bytes(&bytes).unwrap();
    assert!(b.rejected.is_empty(), "{:?}", b.rejected);
    let offsets: Vec<_> = b.sessions.iter().map(|s| s.start).collect();
    assert_eq!(
        offsets,
        [
            StartTime::Instant {
                utc_us: ms("2026-03-02T07:00:00Z") * 1000,
                offset_s: 3600
            },
            StartTime::Instant {
                utc_us: ms("2026-07-02T07:00:00Z") * 1000,
                offset_s: 7200
            },
        ]
    );
    assert_eq!(b.sessions[1].duration_s, 1800.0);
}

#[test]
fn date_column_gives_date_only_sessions() {
    let days = Series::new("start".into(), &[Some(20_514i32), None])
        .cast(&DataType::Date)
        .unwrap()
        .into_column();
    let bytes = parquet_bytes(vec![
        text("athlete_id", &[Some("A1"), Some("A1")]),
        days,
        Series::new("duration_min".into(), &[45.5f64, 30.0]).into_column(),
        Series::new("to_failure".into(), &[Some(true), None]).into_column(),
    ]);
    let b = read_bytes(&bytes).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    assert_eq!(b.sessions[0].start, StartTime::Date(date));
    assert_eq!(b.sessions[0].duration_s, 2730.0);
    assert_eq!(b.sessions[0].to_failure, Some(true));
    assert_eq!(b.rejected[0].line, 2);
    assert_eq!(b.rejected[0].column, "start");
    assert!(b.rejected[0].reason.contains("start '' is not a date-time"));
}

#[test]
fn non_finite_durations_are_rejected_with_their_row() {
    let bytes = parquet_bytes(vec![
        text("athlete_id", &[Some("A1"), Some("A1"), Some("A1")]),
        text("start", &[Some("2026-03-02"); 3]),
        Series::new("duration_s".into(), &[f64::NAN, f64::INFINITY, 60.0]).into_column(),
    ]);
    let b = read_bytes(&bytes).unwrap();
    let rejected: Vec<(u64, &str)> = b
        .rejected
        .iter()
        .map(|r| (r.line, r.column.as_str()))
        .collect();
    assert_eq!(rejected, [(1, "duration_s"), (2, "duration_s")]);
    assert_eq!(b.sessions.len(), 1);
}

#[test]
fn missing_columns_reject_the_file_naming_them() {
    let bytes = parquet_bytes(vec![text("athlete_id", &[Some("A1")])]);
    let e = read_bytes(&bytes).unwrap_err();
    assert!(e.starts_with("not a sessions Parquet file"), "{e}");
    assert!(e.contains("start") && e.contains("duration_min"), "{e}");
}

#[test]
fn unsupported_column_type_rejects_the_file_naming_it() {
    let list = Series::new("start".into(), &[1i64])
        .implode()
        .unwrap()
        .into_column();
    let bytes = parquet_bytes(vec![
        text("athlete_id", &[Some("A1")]),
        list,
        text("duration_min", &[Some("60")]),
    ]);
    let e = read_bytes(&bytes).unwrap_err();
    assert!(e.starts_with("column start has type list"), "{e}");
}

#[test]
fn extra_columns_of_any_type_are_ignored() {
    let extra = Series::new("laps".into(), &[1i64])
        .implode()
        .unwrap()
        .into_column();
    let bytes = parquet_bytes(vec![
        text("athlete_id", &[Some("A1")]),
        text("start", &[Some("2026-03-02")]),
        extra,
        Series::new("duration_min".into(), &[60i32]).into_column(),
    ]);
    let b = read_bytes(&bytes).unwrap();
    assert_eq!(b.sessions.len(), 1, "{:?}", b.rejected);
}

#[test]
fn damaged_files_are_rejected_not_read() {
    let bytes = parquet_bytes(vec![
        text("athlete_id", &[Some("A1")]),
        text("start", &[Some("2026-03-02")]),
        text("duration_min", &[Some("60")]),
    ]);
    for cut in [4, bytes.len() / 2, bytes.len() - 1] {
        let e = read_bytes(&bytes[..cut]).unwrap_err();
        assert!(e.contains("Parquet"), "{e}");
    }
    let mut flipped = bytes.clone();
    for i in (8..flipped.len() - 8).step_by(7) {
        flipped[i] ^= 0x5a;
    }
    let _ = read_bytes(&flipped);
}

#[test]
fn file_without_rows_gives_nothing() {
    let bytes = parquet_bytes(vec![
        text("athlete_id", &[]),
        text("start", &[]),
        text("duration_min", &[]),
    ]);
    let b = read_bytes(&bytes).unwrap();
    assert!(b.sessions.is_empty() && b.rejected.is_empty());
}

#[test]
fn value_over_the_csv_limit_is_rejected_with_its_row() {
    let long = "x".repeat(MAX_FIELD_BYTES + 1);
    let bytes = parquet_bytes(vec![
        text("session_id", &[Some("s1"), Some(&long)]),
        text("athlete_id", &[Some("A1"), Some("A1")]),
        text("start", &[Some("2026-03-02"), Some("2026-03-03")]),
        text("duration_min", &[Some("60"), Some("60")]),
    ]);
    let b = read_bytes(&bytes).unwrap();
    assert_eq!(b.sessions.len(), 1);
    assert_eq!(b.rejected.len(), 1);
    let r = &b.rejected[0];
    assert_eq!(r.line, 2);
    assert!(
        r.reason
            .contains(&format!("{MAX_FIELD_BYTES} bytes per value")),
        "{}",
        r.reason
    );
}

#[test]
fn file_that_decodes_over_the_limit_is_refused_before_decoding() {
    let n = 20_000;
    let same = |v: &'static str| -> Vec<Option<&str>> { vec![Some(v); n] };
    let bytes = parquet_bytes(vec![
        text("athlete_id", &same("A1")),
        text("start", &same("2026-03-02")),
        text("duration_min", &same("60")),
    ]);
    assert!(bytes.len() < 10_000, "{} bytes", bytes.len());
    let e = read_within(&bytes, 100_000).unwrap_err();
    assert!(e.starts_with("decoding 20000 rows of 3 columns"), "{e}");
    assert!(e.contains("input limit") && e.contains("not read"), "{e}");
    assert_eq!(read_within(&bytes, 10_000_000).unwrap().sessions.len(), n);
}

#[test]
fn floats_are_written_as_polars_casts_them_to_text() {
    let values = [
        Some(60.0),
        Some(45.5),
        Some(1e21),
        Some(1e-7),
        Some(-0.0),
        Some(0.1 + 0.2),
        Some(f64::NAN),
        Some(f64::INFINITY),
        Some(123_456_789.125),
        None,
    ];
    let column = Series::new("duration_min".into(), &values).into_column();
    let Ok(Cells::Float(_)) = Cells::new(&column, "duration_min") else {
        panic!("a Float64 column is written from its values");
    };
    let cells = Cells::new(&column, "duration_min").unwrap();
    let cast = column.cast(&DataType::String).unwrap();
    let cast = cast.str().unwrap();
    for (row, value) in values.iter().enumerate() {
        let mut ours = String::new();
        cells.write(row, &mut ours);
        assert_eq!(ours, cast.get(row).unwrap_or_default(), "{value:?}");
    }
}
