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
    assert!(runs[0].keys().filter(|k| k.ends_with(".csv")).count() == 11);
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

const KEY: &str = "federation-secret-0123456789";

/// Whether `word` stands alone in `text` (no letter or digit next to it).
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// (id, name) of every athlete of the sample roster.
fn sample_roster() -> Vec<(String, String)> {
    read(&sample_dir(), "roster.csv")
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[1].to_string())
        })
        .collect()
}

#[test]
fn pseudonymized_report_names_no_athlete_and_the_map_beside_it_does() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("coaches");
    // A roster given outside the inputs (so the sample's own is noted as
    // not read, naming this path), and a second input whose session ids
    // hold spaces (one given, one derived from a folder named after the
    // athlete) and overlap, so that a note quotes them.
    let roster_file = write(
        tmp.path(),
        "Team Anna Berg/roster.csv",
        read(&sample_dir(), "roster.csv"),
    );
    let extra = tmp.path().join("extra logs");
    write(
        &extra,
        "Anna Berg/x.csv",
        "session_id,athlete_id,start,duration_min,modality\n\
         Morning run 3,S01,2026-01-07T08:00,60,endurance\n\
         ,S01,2026-01-07T08:30,60,strength\n",
    );
    let run = audit(sample_dir(), &out)
        .arg(&extra)
        .arg("--roster")
        .arg(&roster_file)
        .args(["--pseudonymize", "--group-reports"])
        .args(["--format", "csv,parquet,svg,pdf,html"])
        .env("CONCUR_PSEUDONYM_KEY", KEY)
        .assert()
        .success();
    let output = run.get_output();
    let console = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    let roster = sample_roster();
    let sample = sample_dir().display().to_string();
    let mut texts = vec![("console".to_string(), console)];
    let mut pdfs = 0;
    for (name, bytes) in files(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(KEY),
            "{name} holds the key"
        );
        if name.ends_with(".pdf") {
            pdfs += 1;
            if let Some(text) = pdf_text(&out.join(&name)) {
                texts.push((name, text));
            }
        } else if [".csv", ".svg", ".html"].iter().any(|e| name.ends_with(e)) {
            texts.push((name, String::from_utf8(bytes).unwrap()));
        }
    }
    let htmls = texts.iter().filter(|(n, _)| n.ends_with(".html")).count();
    assert!(
        pdfs == 5 && htmls == 5 && texts.len() > 20,
        "{} texts",
        texts.len()
    );
    if texts.iter().all(|(n, _)| !n.ends_with(".pdf")) {
        eprintln!("skipping PDF text checks: pdftotext (poppler-utils) is not installed");
    }
    for (file, text) in &texts {
        for (id, name) in &roster {
            assert!(!has_word(text, id), "{file} names athlete {id}");
            assert!(!text.contains(name.as_str()), "{file} names {name}");
        }
        assert!(!text.contains(&sample), "{file} shows the input path");
        for clear in ["Morning run", "Anna Berg", "extra logs", "roster.csv"] {
            assert!(!text.contains(clear), "{file} shows {clear}");
        }
    }
    assert!(read(&out, "athletes.csv").contains("\nA-"));
    let map = read(tmp.path(), "coaches.pseudonyms.csv");
    let quality = read(&out, "data_quality.csv");
    assert!(quality.contains("roster_ignored"), "{quality}");
    let overlapping: Vec<&str> = map
        .lines()
        .filter(|l| l.starts_with("session,Morning run 3,") || l.contains("Anna Berg/x.csv:"))
        .filter_map(|l| l.rsplit(',').next())
        .collect();
    assert_eq!(overlapping.len(), 2, "{map}");
    let overlap = quality
        .lines()
        .find(|l| l.starts_with("overlap,") && l.contains(overlapping[0]))
        .unwrap_or_else(|| panic!("no overlap note of {overlapping:?}: {quality}"));
    assert!(overlap.contains(overlapping[1]), "{overlap}");
    for (id, name) in &roster {
        assert!(
            map.contains(&format!("athlete,{id},{name},A-")),
            "{id} not mapped"
        );
    }
    assert!(!map.contains(KEY));
}

#[test]
fn same_key_gives_the_same_report_another_key_other_pseudonyms() {
    let tmp = TempDir::new().unwrap();
    let mut athletes = Vec::new();
    for (run, key) in [KEY, KEY, "another-secret-key-of-20"].iter().enumerate() {
        let key_file = write(tmp.path(), &format!("key{run}"), format!("{key}\n"));
        let out = tmp.path().join(format!("r{run}"));
        audit(sample_dir(), &out)
            .args(["--pseudonymize", "--format", "csv", "--quiet"])
            .arg("--pseudonym-key-file")
            .arg(&key_file)
            .assert()
            .success();
        athletes.push(files(&out));
    }
    assert_eq!(athletes[0], athletes[1]);
    let ids = |run: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        String::from_utf8_lossy(&run["athletes.csv"])
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect()
    };
    let (first, other) = (ids(&athletes[0]), ids(&athletes[2]));
    assert_eq!(first.len(), 40);
    assert!(
        first.iter().all(|id| !other.contains(id)),
        "pseudonyms shared across keys"
    );
}

#[test]
fn pseudonymize_without_a_key_stops_before_any_work() {
    let (_tmp, input, out) = season();
    audit(&input, &out)
        .arg("--pseudonymize")
        .env_remove("CONCUR_PSEUDONYM_KEY")
        .assert()
        .code(1)
        .stderr(contains("--pseudonym-key-file").and(contains("CONCUR_PSEUDONYM_KEY")));
    assert!(!out.exists());
}

#[test]
fn names_show_only_when_asked_and_never_with_pseudonyms() {
    let (_tmp, input, out) = season();
    write(
        &input,
        "roster.csv",
        "athlete_id,group,status,name\nA1,endurance,trained,Anna Berg\nA2,sprint,elite,Bo Lind\n",
    );
    audit(&input, &out)
        .args(["--format", "csv,pdf"])
        .assert()
        .success();
    let pdf = pdf_text(&out.join("report.pdf"));
    assert!(!read(&out, "athletes.csv").contains("Anna Berg"));
    assert!(pdf.as_ref().is_none_or(|t| !t.contains("Anna Berg")));
    audit(&input, &out)
        .args(["--format", "csv,pdf", "--names"])
        .assert()
        .success();
    let athletes = read(&out, "athletes.csv");
    assert!(athletes.starts_with("athlete_id,name,group"), "{athletes}");
    assert!(athletes.contains("A1,Anna Berg,endurance"), "{athletes}");
    if let Some(text) = pdf_text(&out.join("report.pdf")) {
        assert!(text.contains("A1 (Anna Berg)"), "{text}");
    }
    audit(&input, &out)
        .args(["--names", "--pseudonymize"])
        .env("CONCUR_PSEUDONYM_KEY", KEY)
        .assert()
        .code(1)
        .stderr(contains("--names"));
}

#[test]
fn failed_run_leaves_the_previous_report_intact() {
    let (tmp, input, out) = season();
    audit(&input, &out)
        .args(["--format", "csv,svg"])
        .assert()
        .success();
    let before = files(&out);
    // The map cannot replace a folder: the run fails once the report is staged.
    let map = tmp.path().join("map-is-a-folder");
    write(&map, "keep.txt", "x");
    audit(&input, &out)
        .args(["--format", "csv", "--pseudonymize", "--pseudonym-map"])
        .arg(&map)
        .env("CONCUR_PSEUDONYM_KEY", KEY)
        .assert()
        .code(1)
        .stderr(contains("map-is-a-folder"));
    assert!(files(&out) == before, "the previous report changed");
    assert_eq!(names(tmp.path()), ["map-is-a-folder", "out", "season"]);
}

#[test]
fn map_may_not_overwrite_the_key_file() {
    let (tmp, input, out) = season();
    let key_file = write(tmp.path(), "concur.key", format!("{KEY}\n"));
    audit(&input, &out)
        .args(["--pseudonymize", "--format", "csv"])
        .arg("--pseudonym-key-file")
        .arg(&key_file)
        .arg("--pseudonym-map")
        .arg(&key_file)
        .assert()
        .code(1)
        .stderr(contains("--pseudonym-map").and(contains("key file")));
    assert_eq!(read(tmp.path(), "concur.key"), format!("{KEY}\n"));
    assert!(!out.exists());
}
