//! CLI tests of hostile and oversized input and of Parquet input: every good
//! row survives, every bad file or row is named with its reason.

use std::fs;
use std::path::Path;

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use tempfile::TempDir;

use super::{audit, concur, one_strength_session, read, write};

/// A FIT file header declaring 1000 bytes of data, a `file_id` definition
/// and message, and then nothing: a transfer cut off early.
fn truncated_fit() -> Vec<u8> {
    let mut bytes = vec![14, 0x20, 0x14, 0x08];
    bytes.extend_from_slice(&1000u32.to_le_bytes());
    bytes.extend_from_slice(b".FIT");
    bytes.extend_from_slice(&[0, 0]); // header CRC 0: not computed
    bytes.extend_from_slice(&[0x40, 0, 0, 0, 0, 1, 0, 1, 0x00]); // definition: file_id, field type
    bytes.extend_from_slice(&[0x00, 4]); // data: type = activity
    bytes
}

/// Bytes from a fixed linear congruential generator, with NULs as binary files have.
fn garbage(n: usize, seed: u32) -> Vec<u8> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) as u8
        })
        .collect()
}

/// Every kind of hostile file in one folder, good rows mixed in: the run
/// exits 2, keeps every good row, lists every bad file and row with its
/// reason and never panics.
#[test]
fn hostile_folder_keeps_every_good_row_and_explains_every_rejection() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("logs");
    let head = "session_id,athlete_id,start,duration_min,modality\n";
    write(&dir, "anna/empty.csv", "");
    write(&dir, "anna/header_only.csv", head);
    write(&dir, "anna/garbage.csv", garbage(3000, 1));
    write(&dir, "anna/random.fit", garbage(500, 2));
    write(&dir, "anna/truncated.fit", truncated_fit());
    let long = format!(
        "{head}g1,A1,2026-03-02T08:00,60,strength\nlong,A1,2026-03-02T09:00,60,{}\ng2,A1,2026-03-03T08:00,45,endurance\n",
        "x".repeat(200_000)
    );
    write(&dir, "long_line.csv", long);
    let (latin1, _, _) = encoding_rs::WINDOWS_1252
        .encode("session_id,athlete_id,start,duration_min,modality\ng3,Björn,2026-03-02T08:00,60,strength\ng4,Renée,2026-03-02T10:00,30,endurance\n");
    write(&dir, "accents_1252.csv", latin1);
    write(
        &dir,
        "semicolon_bom.csv",
        "\u{feff}session_id;athlete_id;start;duration_min;modality\ng5;A2;2026-03-02T08:00;60;strength\ng6;A2;2026-03-03;\"45,5\";endurance\nbad;A2;2026-02-30;60;strength\n",
    );
    let out = tmp.path().join("out");
    let assert = audit(&dir, &out)
        .arg("--format")
        .arg("csv")
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");

    let sessions = read(&out, "sessions.csv");
    for id in ["g1,A1", "g2,A1", "g3,Björn", "g4,Renée", "g5,A2", "g6,A2"] {
        assert!(
            sessions.contains(id),
            "{id} missing from sessions.csv:\n{sessions}"
        );
    }
    assert_eq!(sessions.lines().count(), 7, "{sessions}");

    let rejected = read(&out, "rejected.csv");
    let expect = [
        (
            "anna/empty.csv,,",
            "empty file; expected a header row and sessions",
        ),
        (
            "anna/header_only.csv,,",
            "only a header line, no rows; expected one row per session",
        ),
        (
            "anna/garbage.csv,,",
            "binary content that is no format concur reads",
        ),
        (
            "anna/random.fit,,",
            "expected a sessions CSV, an export CSV, a FIT file",
        ),
        (
            "anna/truncated.fit,,",
            "truncated at byte 25: FIT file 1 should end at byte 1016",
        ),
        ("long_line.csv,3,", "over the limit of 65536 bytes per row"),
        (
            "semicolon_bom.csv,4,start",
            "'2026-02-30' is not a date-time",
        ),
    ];
    for (file_line, reason) in expect {
        assert!(
            rejected
                .lines()
                .any(|l| l.contains(file_line) && l.contains(reason)),
            "no rejection of {file_line} with '{reason}':\n{rejected}"
        );
    }
    assert_eq!(rejected.lines().count(), 1 + expect.len(), "{rejected}");
}

/// A file larger than the input limit is rejected unread, naming its size
/// and the limit; the rest is read.
#[test]
fn file_over_the_input_limit_is_rejected_naming_size_and_limit() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    write(&dir, "small.csv", one_strength_session("A1"));
    write(&dir, "big.csv", "x".repeat(5000));
    let out = tmp.path().join("out");
    audit(&dir, &out)
        .args(["--format", "csv", "--max-input-gb", "0.000001"])
        .assert()
        .code(2);
    let rejected = read(&out, "rejected.csv");
    assert!(
        rejected.contains("big.csv,,,\"the file is 5000 bytes, larger than the input limit of 1000 bytes (set by --max-input-gb"),
        "{rejected}"
    );
    assert!(read(&out, "sessions.csv").contains(",A1,"));
}

/// Inputs that together pass the limit stop the run before any work,
/// naming the total, the largest file and the limit (here from the
/// environment variable).
#[test]
fn inputs_over_the_input_limit_together_stop_the_run() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    for name in ["a.csv", "b.csv", "c.csv"] {
        write(
            &dir,
            name,
            format!("{}{}", one_strength_session("A1"), "\n".repeat(400)),
        );
    }
    audit(&dir, tmp.path().join("out"))
        .env("CONCUR_MAX_INPUT_GB", "0.000001")
        .assert()
        .code(1)
        .stderr(contains("3 input files total"))
        .stderr(contains("over the input limit of 1000 bytes"))
        .stderr(contains("the largest is"));
}

/// A gzip bomb (10 MB of zeros in ~10 KB) is refused at the limit, not unpacked whole.
#[test]
fn gzip_bomb_is_refused_at_the_input_limit() {
    use std::io::Write;
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![0u8; 10_000_000]).unwrap();
    write(&dir, "bomb.csv.gz", gz.finish().unwrap());
    write(&dir, "ok.csv", one_strength_session("A1"));
    let out = tmp.path().join("out");
    audit(&dir, &out)
        .args(["--format", "csv", "--max-input-gb", "0.001"])
        .assert()
        .code(2);
    let rejected = read(&out, "rejected.csv");
    assert!(
        rejected.contains("bomb.csv.gz,,,\"unpacks to more than"),
        "{rejected}"
    );
    assert!(rejected.contains("an archive bomb?"), "{rejected}");
}

#[test]
fn input_limit_must_be_a_positive_number() {
    let tmp = TempDir::new().unwrap();
    let log = write(tmp.path(), "a.csv", one_strength_session("A1"));
    audit(&log, tmp.path().join("out"))
        .args(["--max-input-gb", "0"])
        .assert()
        .code(1)
        .stderr(contains(
            "the input limit must be a positive number of GB, found 0",
        ));
}

/// Rewrites a canonical CSV as Parquet with the column types polars infers
/// (floats for durations, integers for rpe, booleans for to_failure, text for
/// the mixed start column).
fn csv_to_parquet(csv: &Path) -> Vec<u8> {
    use polars::prelude::{CsvReadOptions, DataType, ParquetWriter, SerReader};
    let mut frame = CsvReadOptions::default()
        .with_has_header(true)
        .try_into_reader_with_file_path(Some(csv.to_path_buf()))
        .unwrap()
        .finish()
        .unwrap();
    let dtype = |name: &str| frame.column(name).unwrap().dtype().clone();
    assert_eq!(dtype("to_failure"), DataType::Boolean);
    assert_eq!(dtype("rpe"), DataType::Int64);
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes).finish(&mut frame).unwrap();
    bytes
}

#[test]
fn season_as_parquet_gives_the_same_report_as_csv() {
    use std::io::Write as _;
    let tmp = TempDir::new().unwrap();
    let csv_in = tmp.path().join("csv");
    concur()
        .args(["generate", "--athletes", "12", "--weeks", "3", "--out"])
        .arg(&csv_in)
        .assert()
        .success();
    let parquet_in = tmp.path().join("parquet");
    fs::create_dir_all(&parquet_in).unwrap();
    fs::copy(csv_in.join("roster.csv"), parquet_in.join("roster.csv")).unwrap();
    // The gym-app logs of the season are copied as they are.
    for entry in fs::read_dir(&csv_in).unwrap() {
        let folder = entry.unwrap().path();
        if folder.is_dir() {
            let copy = parquet_in.join(folder.file_name().unwrap());
            fs::create_dir_all(&copy).unwrap();
            for file in fs::read_dir(&folder).unwrap() {
                let file = file.unwrap().path();
                fs::copy(&file, copy.join(file.file_name().unwrap())).unwrap();
            }
        }
    }
    for group in ["sprinters", "distance", "masters", "club"] {
        let bytes = csv_to_parquet(&csv_in.join(format!("{group}.csv")));
        if group == "masters" {
            // Compressed, as any other format may be.
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(&bytes).unwrap();
            write(&parquet_in, "masters.parquet.gz", gz.finish().unwrap());
        } else {
            write(&parquet_in, &format!("{group}.parquet"), bytes);
        }
    }
    let report = |input: &Path, out: &str| {
        let out = tmp.path().join(out);
        audit(input, &out)
            .args(["--format", "csv", "-q"])
            .assert()
            .code(0);
        out
    };
    let (from_csv, from_parquet) = (report(&csv_in, "out-csv"), report(&parquet_in, "out-pq"));
    let sessions = read(&from_parquet, "sessions.csv")
        .replace(
            &parquet_in.display().to_string(),
            &csv_in.display().to_string(),
        )
        .replace(".parquet.gz,", ".csv,")
        .replace(".parquet,", ".csv,")
        .replace(",canonical_parquet,", ",canonical_csv,");
    let first_difference = |a: &str, b: &str| {
        a.lines()
            .zip(b.lines())
            .find(|(x, y)| x != y)
            .map(|(x, y)| format!("{x}\n{y}"))
    };
    let from_csv_sessions = read(&from_csv, "sessions.csv");
    assert_eq!(first_difference(&sessions, &from_csv_sessions), None);
    assert_eq!(sessions.len(), from_csv_sessions.len());
    assert!(sessions.lines().count() > 100);
    let flags = (
        read(&from_parquet, "flags.csv"),
        read(&from_csv, "flags.csv"),
    );
    assert_eq!(first_difference(&flags.0, &flags.1), None);
    assert_eq!(flags.0.len(), flags.1.len());
    assert_eq!(
        read(&from_parquet, "rejected.csv"),
        "source_file,line,column,reason\n"
    );
}

/// Parquet is decoded in a child process: a decoder that dies (here: it may
/// not have the memory it needs) costs its file, named with the reason,
/// never the run or the other files' rows.
#[test]
fn parquet_decoder_that_dies_costs_its_file_not_the_run() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("logs");
    let csv = write(
        &dir,
        "a.csv",
        "session_id,athlete_id,start,duration_min,modality,rpe,to_failure\np1,A1,2026-03-02T08:00,60,strength,7,false\np2,A1,2026-03-02T10:00,30,endurance,5,true\n",
    );
    let parquet = csv_to_parquet(&csv);
    write(&dir, "b.parquet", parquet);
    let out = tmp.path().join("out");
    audit(&dir, &out)
        .args(["--format", "csv", "-q"])
        .env("CONCUR_PARQUET_MEMORY_MB", "16")
        .assert()
        .code(2)
        .stderr(contains("panicked").not());
    let rejected = read(&out, "rejected.csv");
    assert!(
        rejected.contains("b.parquet,,,\"the Parquet decoder stopped on this file ("),
        "{rejected}"
    );
    assert_eq!(read(&out, "sessions.csv").lines().count(), 3);
}

/// The damaged Parquet file the release fuzz run found (our own fixture,
/// mutated; `FUZZING.md`): it makes polars' decoder ask for 2^61 bytes,
/// which aborts the process that asks. The decoding child dies; the run
/// goes on and names the file with the reason.
#[test]
fn parquet_file_that_aborts_the_decoder_is_rejected_and_the_run_goes_on() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("logs");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/decoder_abort.parquet");
    write(&dir, "damaged.parquet", fs::read(fixture).unwrap());
    write(
        &dir,
        "a.csv",
        "session_id,athlete_id,start,duration_min,modality\ns1,A1,2026-03-02T08:00,60,strength\n",
    );
    let out = tmp.path().join("out");
    audit(&dir, &out)
        .args(["--format", "csv", "-q"])
        .assert()
        .code(2);
    let rejected = read(&out, "rejected.csv");
    assert!(
        rejected.contains(
            "damaged.parquet,,,\"the Parquet decoder stopped on this file (killed by signal 6)"
        ),
        "{rejected}"
    );
    assert!(rejected.contains("memory allocation of"), "{rejected}");
    assert_eq!(read(&out, "sessions.csv").lines().count(), 2);
}
