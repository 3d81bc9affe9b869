//! End-to-end tests of the `concur` binary on tiny fixture folders, each in
//! its own temporary directory.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;
use tempfile::TempDir;

#[path = "cli/hostile.rs"]
mod hostile;
#[path = "cli/html.rs"]
mod html;
#[path = "cli/inputs.rs"]
mod inputs;
#[path = "cli/large.rs"]
mod large;
#[path = "cli/load.rs"]
mod load;
#[path = "cli/safety.rs"]
mod safety;

fn concur() -> Command {
    let mut cmd = Command::cargo_bin("concur").unwrap();
    cmd.env("TZ", "America/New_York")
        .env_remove("RUST_BACKTRACE");
    cmd
}

/// `concur audit <input> --out <out>`, to add more arguments to.
fn audit(input: impl AsRef<std::ffi::OsStr>, out: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = concur();
    cmd.arg("audit").arg(input).arg("--out").arg(out);
    cmd
}

/// A sessions CSV with one strength session of `athlete`.
fn one_strength_session(athlete: &str) -> String {
    format!("athlete_id,start,duration_min,modality\n{athlete},2026-03-02T08:00,60,strength\n")
}

fn write(dir: &Path, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, contents).unwrap();
    path
}

fn read(dir: &Path, rel: &str) -> String {
    fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const ROSTER: &str = "athlete_id,group,status,power_focus,timezone\n\
A1,endurance,trained,false,Europe/Amsterdam\n\
A2,sprint,elite,true,Europe/Amsterdam\n\
A3,masters,untrained,false,Europe/Amsterdam\n";

const LOG: &str =
    "session_id,athlete_id,start,duration_min,modality,sport,sub_sport,rpe,to_failure\n\
a1-1,A1,2026-03-02T07:00,50,,running,,5,\n\
a1-2,A1,2026-03-02T08:00,60,strength,,,7,yes\n\
a1-3,A1,2026-03-03T17:00,10,,cycling,indoor_cycling,,\n\
a1-4,A1,2026-03-03T17:15,45,,training,strength_training,,no\n\
a2-1,A2,2026-03-02T10:00:00+01:00,60,strength,,,8,\n\
a2-2,A2,2026-03-02T16:00:00+01:00,40,endurance,,,6,\n\
a3-1,A3,2026-03-02T09:00,60,strength,,,,\n\
a3-2,A3,2026-03-02T10:05,30,endurance,,,,\n\
a4-1,A4,2026-03-05,45,,Strength,,,\n\
a4-2,A4,2026-03-05,30,,Run,,,\n";

/// A folder with roster.csv and one log; returns (temp, input, out).
fn season() -> (TempDir, PathBuf, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let input = tmp.path().join("season");
    write(&input, "roster.csv", ROSTER);
    write(&input, "logs.csv", LOG);
    let out = tmp.path().join("out");
    (tmp, input, out)
}

#[test]
fn audit_writes_every_table_and_exits_0() {
    let (_tmp, input, out) = season();
    audit(&input, &out)
        .assert()
        .success()
        .stdout(contains("ALL"));
    for name in [
        "sessions",
        "flags",
        "summary",
        "athletes",
        "weekly",
        "rejected",
        "data_quality",
    ] {
        assert!(
            out.join(format!("{name}.csv")).is_file(),
            "{name}.csv missing"
        );
    }
}

#[test]
fn flags_of_a_tiny_season_match_the_snapshot() {
    let (_tmp, input, out) = season();
    audit(&input, &out).assert().success();
    insta::assert_snapshot!("tiny_flags", read(&out, "flags.csv"));
    insta::assert_snapshot!("tiny_summary", read(&out, "summary.csv"));
}

#[test]
fn roster_in_the_folder_is_used_and_not_read_as_a_log() {
    let (_tmp, input, out) = season();
    audit(&input, &out).assert().success();
    let athletes = read(&out, "athletes.csv");
    assert!(athletes.contains("A2,sprint,elite,true,true"), "{athletes}");
    assert!(!read(&out, "rejected.csv").contains("roster"));
}

#[test]
fn athlete_missing_from_the_roster_is_unassigned_and_noted() {
    let (_tmp, input, out) = season();
    audit(&input, &out).assert().success();
    assert!(read(&out, "athletes.csv").contains("A4,unassigned,unknown"));
    assert!(read(&out, "data_quality.csv").contains("not_in_roster,A4"));
}

#[test]
fn warmup_is_recognised_in_sessions_csv() {
    let (_tmp, input, out) = season();
    audit(&input, &out).assert().success();
    assert!(read(&out, "sessions.csv").contains("a1-3,A1,endurance,warmup,cycling,indoor_cycling"));
}

#[test]
fn names_with_commas_are_quoted_in_sessions_csv() {
    let tmp = TempDir::new().unwrap();
    let input = tmp.path().join("in");
    write(
        &input,
        "roster.csv",
        "athlete_id,group,status\nA1,\"Club, North\",trained\n",
    );
    let rows =
        "session_id,athlete_id,start,duration_min,sport\ns1,A1,2026-03-02T08:00,60,\"Run, easy\"\n";
    write(&input, "a,b.csv", rows);
    let out = tmp.path().join("out");
    audit(&input, &out)
        .args(["--format", "csv"])
        .assert()
        .success();
    let sessions = read(&out, "sessions.csv");
    let row = sessions.lines().nth(1).unwrap();
    assert!(
        row.starts_with("s1,A1,\"Club, North\",other,\"Run, easy\",,"),
        "{row}"
    );
    assert!(
        row.contains(",\"") && row.contains("a,b.csv\",canonical_csv,"),
        "{row}"
    );
}

#[test]
fn naive_times_use_the_roster_zone() {
    let (_tmp, input, out) = season();
    audit(&input, &out).assert().success();
    let sessions = read(&out, "sessions.csv");
    assert!(
        sessions.contains("2026-03-02T06:00:00Z,2026-03-02T07:00:00+01:00"),
        "{sessions}"
    );
}

#[test]
fn malformed_rows_are_rejected_and_exit_2() {
    let tmp = TempDir::new().unwrap();
    let log = write(tmp.path(), "bad.csv", "athlete_id,start,duration_min,modality\nA1,2026-03-02T08:00,60,strength\nA1,not a time,60,strength\nA1,2026-03-02T09:00,-1,endurance\n");
    let out = tmp.path().join("out");
    audit(&log, &out)
        .assert()
        .code(2)
        .stderr(contains("2 input row(s)"));
    let rejected = read(&out, "rejected.csv");
    assert!(
        rejected.contains("bad.csv,3,start,\"start 'not a time' is not a date-time"),
        "{rejected}"
    );
    assert!(rejected.contains("bad.csv,4,duration_min"), "{rejected}");
}

#[test]
fn strict_makes_rejected_input_fatal() {
    let tmp = TempDir::new().unwrap();
    let log = write(
        tmp.path(),
        "bad.csv",
        "athlete_id,start,duration_min,modality\nA1,2026-02-30,60,strength\n",
    );
    concur()
        .arg("audit")
        .arg(&log)
        .arg("--strict")
        .arg("--out")
        .arg(tmp.path().join("o"))
        .assert()
        .code(1)
        .stderr(contains("--strict"));
}

#[test]
fn file_without_required_columns_is_rejected_whole() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("in");
    write(&dir, "notes.csv", "date,comment\n2026-03-02,felt fine\n");
    write(&dir, "empty.csv", "");
    write(&dir, "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let out = tmp.path().join("out");
    audit(&dir, &out).assert().code(2);
    let rejected = read(&out, "rejected.csv");
    assert!(
        rejected.contains("missing column(s) athlete_id, start"),
        "{rejected}"
    );
    assert!(rejected.contains("empty.csv,,,empty file"), "{rejected}");
    assert!(
        rejected.contains("image.png,,,\"binary content that is no format concur reads"),
        "{rejected}"
    );
}

#[test]
fn excel_style_file_is_read_and_its_encoding_noted() {
    let tmp = TempDir::new().unwrap();
    let mut bytes = b"athlete_id;start;duration_min;sport\r\nRen\xe9;2026-03-02 08:00;\"45,5\";Krachttraining\r\n".to_vec();
    bytes.extend_from_slice(b"Ren\xe9;2026-03-02 09:00;30;Hardlopen\r\n");
    let log = write(tmp.path(), "excel.csv", bytes);
    let out = tmp.path().join("out");
    audit(&log, &out).assert().success();
    let sessions = read(&out, "sessions.csv");
    assert!(
        sessions.contains(",René,unassigned,strength,Krachttraining,"),
        "{sessions}"
    );
    assert!(sessions.contains(",2730,"), "{sessions}");
    assert!(read(&out, "data_quality.csv").contains("windows-1252"));
}

#[test]
fn derived_session_ids_are_unique_across_athlete_folders() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("logs");
    let body = one_strength_session;
    write(&dir, "A1/log.csv", body("A1"));
    write(&dir, "A2/log.csv", body("A2"));
    let out = tmp.path().join("out");
    audit(&dir, &out).assert().success();
    let sessions = read(&out, "sessions.csv");
    assert!(
        sessions.contains("A1/log.csv:1,A1") && sessions.contains("A2/log.csv:1,A2"),
        "{sessions}"
    );
}

#[test]
fn repeated_session_id_keeps_the_first_and_is_noted() {
    let tmp = TempDir::new().unwrap();
    let log = write(tmp.path(), "dup.csv", "session_id,athlete_id,start,duration_min,modality\nx,A1,2026-03-02T08:00,60,strength\nx,A1,2026-03-03T08:00,60,endurance\n");
    let out = tmp.path().join("out");
    audit(&log, &out).assert().success();
    assert!(read(&out, "data_quality.csv").contains("duplicate_session_id,A1,x"));
    assert_eq!(read(&out, "sessions.csv").lines().count(), 2);
}

#[test]
fn a_fatal_error_says_its_cause_once() {
    let (tmp, input, out) = season();
    let output = audit(&input, &out)
        .arg("--rules")
        .arg(tmp.path().join("missing.toml"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("cannot read rules file"), "{stderr}");
    assert_eq!(stderr.matches("(os error 2)").count(), 1, "{stderr}");
}

#[test]
fn bad_rules_file_stops_before_any_work() {
    let (tmp, input, out) = season();
    let rules = write(tmp.path(), "rules.toml", "[thresholds]\nmin_gap_h = 30\n");
    concur()
        .arg("audit")
        .arg(&input)
        .arg("--rules")
        .arg(&rules)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(contains("thresholds.min_gap_h"));
    assert!(!out.exists());
}

#[test]
fn bad_roster_stops_naming_line_and_column() {
    let tmp = TempDir::new().unwrap();
    let input = tmp.path().join("in");
    write(
        &input,
        "roster.csv",
        "athlete_id,group,status,timezone\nA1,g,elite,Mars/Base\n",
    );
    write(&input, "log.csv", LOG);
    audit(&input, tmp.path().join("o"))
        .assert()
        .code(1)
        .stderr(contains("line 2, column timezone"));
}

#[test]
fn rules_command_prints_a_file_that_reads_back() {
    let tmp = TempDir::new().unwrap();
    let printed = concur()
        .arg("rules")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(printed).unwrap();
    assert!(text.contains("min_gap_h = 6") && text.contains("[modality]"));
    let rules = write(tmp.path(), "rules.toml", &text);
    let again = concur()
        .arg("rules")
        .arg("--rules")
        .arg(&rules)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(again).unwrap(), text);
}

#[test]
fn rules_file_changes_the_thresholds() {
    let (tmp, input, out) = season();
    let rules = write(
        tmp.path(),
        "rules.toml",
        "[thresholds]\nsame_session_max_gap_min = 0\n",
    );
    concur()
        .arg("audit")
        .arg(&input)
        .arg("--rules")
        .arg(&rules)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    // A1's run ends 07:50 and lifting starts 08:00: no longer one session.
    assert!(read(&out, "flags.csv").contains("A1,endurance,spacing_min,violation,a1-1,a1-2"));
}

#[test]
fn same_input_gives_byte_identical_csvs() {
    let (tmp, input, out) = season();
    let out2 = tmp.path().join("out2");
    audit(&input, &out).assert().success();
    concur()
        .env("TZ", "Asia/Tokyo")
        .arg("audit")
        .arg(&input)
        .arg("--out")
        .arg(&out2)
        .assert()
        .success();
    for name in [
        "sessions",
        "flags",
        "summary",
        "athletes",
        "weekly",
        "data_quality",
    ] {
        assert_eq!(
            read(&out, &format!("{name}.csv")),
            read(&out2, &format!("{name}.csv")),
            "{name}"
        );
    }
}

#[test]
fn parquet_format_writes_parquet_tables() {
    let (_tmp, input, out) = season();
    audit(&input, &out)
        .arg("--format")
        .arg("parquet")
        .assert()
        .success();
    let bytes = fs::read(out.join("flags.parquet")).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.len() > 100);
    assert!(!out.join("flags.csv").exists());
    // Times and dates are typed, as the README says.
    use polars::prelude::{DataType, ParquetReader, SerReader, TimeUnit};
    let dtype = |table: &str, column: &str| {
        let file = fs::File::open(out.join(format!("{table}.parquet"))).unwrap();
        let frame = ParquetReader::new(file).finish().unwrap();
        frame.column(column).unwrap().dtype().clone()
    };
    let start = dtype("sessions", "start_utc");
    assert!(
        matches!(&start, DataType::Datetime(TimeUnit::Microseconds, Some(tz)) if tz.as_str() == "UTC"),
        "{start:?}"
    );
    assert_eq!(dtype("load_daily", "date"), DataType::Date);
    assert_eq!(dtype("weekly", "week_start"), DataType::Date);
}

#[test]
fn unknown_timezone_or_format_is_fatal() {
    let (_tmp, input, out) = season();
    concur()
        .arg("audit")
        .arg(&input)
        .arg("--tz")
        .arg("Mars/Base")
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(contains("Mars/Base"));
    concur()
        .arg("audit")
        .arg(&input)
        .arg("--format")
        .arg("xlsx")
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(contains("xlsx"));
}

#[test]
fn missing_input_is_fatal() {
    let tmp = TempDir::new().unwrap();
    concur()
        .arg("audit")
        .arg(tmp.path().join("nope"))
        .arg("--out")
        .arg(tmp.path().join("o"))
        .assert()
        .code(1)
        .stderr(contains("does not exist"));
}

#[test]
fn report_folder_inside_the_input_is_not_read_back() {
    let (_tmp, input, _) = season();
    let out = input.join("report");
    audit(&input, &out).assert().success();
    audit(&input, &out).assert().success();
    assert!(read(&out, "rejected.csv").lines().count() == 1);
}

#[test]
fn help_documents_the_exit_codes() {
    concur()
        .args(["audit", "--help"])
        .assert()
        .success()
        .stdout(contains("Exit codes"));
}

/// The sample season audited with `--format formats` into a temp dir: the
/// dir (kept alive by the caller) and the report folder.
fn sample_report(formats: &str) -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("sample");
    audit(sample_dir(), &out)
        .args(["--format", formats, "--quiet"])
        .assert()
        .success();
    (tmp, out)
}

/// The rows of a report CSV as maps of column to cell.
fn table(dir: &Path, name: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(dir.join(name)).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample")
}

#[test]
fn bundled_sample_is_what_generate_writes() {
    let tmp = TempDir::new().unwrap();
    concur()
        .args(["generate", "--out"])
        .arg(tmp.path())
        .assert()
        .success();
    // Files at the top and in athletes' folders (their gym-app logs).
    let mut names = Vec::new();
    for entry in fs::read_dir(sample_dir()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if entry.path().is_dir() {
            for inner in fs::read_dir(entry.path()).unwrap() {
                let inner = inner.unwrap().file_name().into_string().unwrap();
                names.push(format!("{name}/{inner}"));
            }
        } else {
            names.push(name);
        }
    }
    assert!(names.iter().any(|n| n.ends_with("/hevy_workouts.csv")));
    for name in names {
        assert_eq!(
            read(tmp.path(), &name),
            read(&sample_dir(), &name),
            "{name} differs from `concur generate`"
        );
    }
}

#[test]
fn sample_summary_matches_the_snapshot() {
    let tmp = TempDir::new().unwrap();
    concur()
        .arg("audit")
        .arg(sample_dir())
        .arg("--out")
        .arg(tmp.path())
        .assert()
        .success();
    insta::assert_snapshot!("sample_summary", read(tmp.path(), "summary.csv"));
}

/// Text of a PDF via pdftotext (poppler-utils), or None when it is not installed.
fn pdf_text(path: &Path) -> Option<String> {
    let out = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn pdf_reports_and_plots_are_written_per_group() {
    let (_tmp, input, out) = season();
    audit(&input, &out)
        .arg("--group-reports")
        .assert()
        .success();
    for group in ["endurance", "sprint", "masters", "unassigned"] {
        for name in ["nearest_gap", "weekly", "load", "athletes_weeks", "rules"] {
            for ext in ["png", "svg"] {
                let path = out.join(format!("plots/{group}/{name}.{ext}"));
                assert!(
                    fs::metadata(&path).map(|m| m.len() > 400).unwrap_or(false),
                    "{}",
                    path.display()
                );
            }
        }
        let pdf = fs::read(out.join(format!("report-{group}.pdf"))).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
    }
    assert!(out.join("plots/overview.svg").is_file());
    // The athletes each report lists (those with violations) get a timeline
    // beside the group's charts, and no one else does.
    let mut timelines: Vec<String> = ["endurance", "sprint", "masters", "unassigned"]
        .iter()
        .flat_map(|g| {
            let files = fs::read_dir(out.join("plots").join(g)).unwrap();
            files.map(move |e| format!("{g}/{}", e.unwrap().file_name().to_string_lossy()))
        })
        .filter(|n| n.contains("/timeline-") && n.ends_with(".svg"))
        .collect();
    timelines.sort();
    let mut listed: Vec<String> = table(&out, "athletes.csv")
        .into_iter()
        .filter(|r| r["violations"] != "0")
        .map(|r| format!("{}/timeline-{}.svg", r["group"], r["athlete_id"]))
        .collect();
    listed.sort();
    assert!(
        !listed.is_empty(),
        "the season has athletes with violations"
    );
    assert_eq!(timelines, listed);
    let Some(text) = pdf_text(&out.join("report.pdf")) else {
        eprintln!("skipping PDF text checks: pdftotext (poppler-utils) is not installed");
        return;
    };
    for expected in [
        "Contents",
        "Group endurance",
        "Group sprint",
        "Appendix A: data quality",
        "Appendix B: glossary",
        "page 2 of",
        "Median ACWR (last week)",
        "it does not predict injury",
        "Training load per week",
    ] {
        assert!(text.contains(expected), "report.pdf lacks '{expected}'");
    }
    let sprint = pdf_text(&out.join("report-sprint.pdf")).unwrap();
    assert!(sprint.contains("A2"), "the group's athlete is named");
    for other in ["A1", "A3", "A4", "season"] {
        assert!(
            !sprint.contains(other),
            "report-sprint.pdf names '{other}' of another group"
        );
    }
}

#[test]
fn letter_paper_is_honoured() {
    let (_tmp, input, out) = season();
    audit(&input, &out)
        .args(["--format", "pdf", "--paper", "letter"])
        .assert()
        .success();
    let pdf = String::from_utf8_lossy(&fs::read(out.join("report.pdf")).unwrap()).into_owned();
    assert!(pdf.contains("612 792"), "no Letter-sized MediaBox");
    assert!(!out.join("flags.csv").exists());
}

#[test]
fn athlete_folders_given_as_separate_inputs_keep_distinct_session_ids() {
    let tmp = TempDir::new().unwrap();
    let body = one_strength_session;
    let a1 = tmp.path().join("A1");
    let b1 = tmp.path().join("B1");
    write(&a1, "log.csv", body("A1"));
    write(&b1, "log.csv", body("B1"));
    let out = tmp.path().join("out");
    concur()
        .arg("audit")
        .arg(&a1)
        .arg(&b1)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let sessions = read(&out, "sessions.csv");
    assert!(
        sessions.contains("A1/log.csv:1,A1") && sessions.contains("B1/log.csv:1,B1"),
        "{sessions}"
    );
}

#[test]
fn local_end_across_a_dst_change_counts_elapsed_time() {
    let tmp = TempDir::new().unwrap();
    let input = tmp.path().join("in");
    write(
        &input,
        "roster.csv",
        "athlete_id,group,status,timezone\nA1,g,elite,Europe/Amsterdam\n",
    );
    write(&input, "log.csv", "session_id,athlete_id,start,end,modality\nj1,A1,2026-03-29 01:30,2026-03-29 03:30,endurance\nj2,A1,2026-03-29 09:00,2026-03-29 10:00,strength\n");
    let out = tmp.path().join("out");
    audit(&input, &out)
        .args(["--format", "csv"])
        .assert()
        .success();
    assert!(read(&out, "sessions.csv")
        .contains("j1,A1,g,endurance,,,2026-03-29T00:30:00Z,2026-03-29T01:30:00+01:00,3600,"));
    assert!(read(&out, "flags.csv").contains("spacing_min,violation,j1,j2,endurance,strength,2026-03-29T01:30:00+01:00,2026-03-29T09:00:00+02:00,5.50"));
}
