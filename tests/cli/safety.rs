//! The report folder replaced whole and only when complete, outputs that
//! depend on the input alone, and pseudonymized reports.

use std::collections::BTreeMap;

use predicates::prelude::PredicateBooleanExt;

use super::*;

/// Every file under `dir` (relative path -> bytes).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().display().to_string();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn foreign_non_empty_out_folder_is_refused_before_any_input_is_read() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("thesis");
    write(&out, "chapter1.txt", "mine");
    // The input does not exist: the folder check comes first.
    audit(tmp.path().join("no-such-input"), &out)
        .assert()
        .code(1)
        .stderr(contains("thesis").and(contains("--force")));
    assert_eq!(read(&out, "chapter1.txt"), "mine");
    assert_eq!(names(tmp.path()), ["thesis"]);
}

#[test]
fn force_replaces_a_foreign_folder_with_the_report() {
    let (_tmp, input, out) = season();
    write(&out, "chapter1.txt", "mine");
    audit(&input, &out)
        .args(["--format", "csv", "--force"])
        .assert()
        .success();
    assert!(!out.join("chapter1.txt").exists());
    assert!(out.join("summary.csv").is_file() && out.join(".concur-report").is_file());
}

#[test]
fn second_run_replaces_the_first_report_whole() {
    let (tmp, input, out) = season();
    audit(&input, &out)
        .args(["--format", "csv,svg"])
        .assert()
        .success();
    assert!(out.join("plots").is_dir());
    audit(&input, &out)
        .args(["--format", "csv"])
        .assert()
        .success();
    assert!(
        !out.join("plots").exists(),
        "files of the first report remain"
    );
    assert!(out.join("summary.csv").is_file() && out.join(".concur-report").is_file());
    assert_eq!(
        names(tmp.path()),
        ["out", "season"],
        "temporary folders left"
    );
}

#[test]
fn folder_holding_the_input_is_never_replaced() {
    let (tmp, input, _) = season();
    audit(&input, tmp.path())
        .arg("--force")
        .assert()
        .code(1)
        .stderr(contains("holds").and(contains("season")));
    assert!(input.join("logs.csv").is_file());
}

#[test]
fn csvs_are_byte_identical_across_thread_counts() {
    let tmp = TempDir::new().unwrap();
    let mut runs = Vec::new();
    for threads in ["1", "2"] {
        let out = tmp.path().join(format!("t{threads}"));
        audit(sample_dir(), &out)
            .args(["--format", "csv", "--quiet"])
            .env("POLARS_MAX_THREADS", threads)
            .env("RAYON_NUM_THREADS", threads)
            .assert()
            .success();
        runs.push(files(&out));
    }
    assert!(runs[0].keys().filter(|k| k.ends_with(".csv")).count() == 7);
    assert_eq!(runs[0], runs[1]);
}

#[test]
fn source_date_epoch_makes_pdfs_and_plots_byte_identical() {
    let tmp = TempDir::new().unwrap();
    let mut runs = Vec::new();
    for (i, tz) in ["UTC", "Asia/Tokyo"].into_iter().enumerate() {
        let out = tmp.path().join(format!("r{i}"));
        audit(sample_dir(), &out)
            .args(["--format", "png,svg,pdf", "--group-reports", "--quiet"])
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .env("TZ", tz)
            .assert()
            .success();
        runs.push(files(&out));
    }
    assert!(runs[0].keys().any(|k| k.ends_with(".png")));
    assert!(runs[0].keys().any(|k| k.ends_with(".svg")));
    assert!(runs[0].keys().filter(|k| k.ends_with(".pdf")).count() == 5);
    for (name, bytes) in &runs[0] {
        assert!(runs[1][name] == *bytes, "{name} differs");
    }
    let Some(text) = pdf_text(&tmp.path().join("r0/report.pdf")) else {
        eprintln!("skipping PDF text checks: pdftotext (poppler-utils) is not installed");
        return;
    };
    assert!(text.contains("Report made 2026-01-01 00:00 UTC"), "{text}");
}

#[test]
fn bad_source_date_epoch_is_fatal_and_named() {
    let (_tmp, input, out) = season();
    audit(&input, &out)
        .env("SOURCE_DATE_EPOCH", "last tuesday")
        .assert()
        .code(1)
        .stderr(contains("SOURCE_DATE_EPOCH 'last tuesday'"));
    assert!(!out.exists());
}
