//! Tests of writing the tables two at a time.

use super::*;

/// The bundled sample season with what the rules found in it.
fn sample() -> (Frame, Audit) {
    let rules = crate::config::load_rules(None).unwrap();
    let (frame, _) = crate::test_support::sample_frame(&rules);
    let audit = crate::rules::evaluate(&frame, &rules.thresholds);
    (frame, audit)
}

/// Writes tables into a folder (`write_csvs`, `write_parquets`).
type WriteAll = fn(&[(&str, &dyn Table)], &Path) -> Result<Vec<PathBuf>, ReportError>;

/// Asserts that `write` writes every table of `all` to `<name>.<extension>`,
/// in order, with the bytes that `alone` writes for the table by itself.
fn assert_written_as_alone(
    all: &[(&str, &dyn Table)],
    extension: &str,
    write: WriteAll,
    alone: impl Fn(&dyn Table, &Path),
) {
    let together = tempfile::tempdir().unwrap();
    let paths = write(all, together.path()).unwrap();
    assert_eq!(paths.len(), all.len());
    let apart = tempfile::tempdir().unwrap();
    for ((name, table), path) in all.iter().zip(paths) {
        let file = format!("{name}.{extension}");
        assert_eq!(path, together.path().join(&file));
        let expected = apart.path().join(&file);
        alone(*table, &expected);
        assert_eq!(fs::read(path).unwrap(), fs::read(expected).unwrap());
    }
}

#[test]
fn tables_written_together_have_the_bytes_of_one_at_a_time() {
    let (frame, audit) = sample();
    let sessions = tables::SessionRows::new(&frame, &audit);
    let flags = tables::FlagRows::new(&frame, &audit);
    let quality = tables::Quality::new(&frame);
    assert!(sessions.len() > 0 && flags.len() > 0 && quality.len() > 0);
    let all: [(&str, &dyn Table); 4] = [
        ("sessions", &sessions),
        ("flags", &flags),
        ("data_quality", &quality),
        ("rejected", &tables::Rejected::new(&frame)),
    ];
    assert_written_as_alone(&all, "csv", write_csvs, |table, path| {
        csv_file::write_csv(table, path).unwrap()
    });
    assert_written_as_alone(&all, "parquet", write_parquets, |table, path| {
        parquet_file::write_parquet(table, path).unwrap()
    });
}

#[test]
fn a_parquet_table_that_cannot_be_written_is_named() {
    let (frame, audit) = sample();
    let sessions = tables::SessionRows::new(&frame, &audit);
    let flags = tables::FlagRows::new(&frame, &audit);
    let all: [(&str, &dyn Table); 2] = [("sessions", &sessions), ("flags", &flags)];
    let blocked = tempfile::tempdir().unwrap();
    // A folder where the file is due.
    fs::create_dir(blocked.path().join("flags.parquet")).unwrap();
    let error = write_parquets(&all, blocked.path()).unwrap_err();
    let ReportError::Table { path, .. } = &error else {
        panic!("{error:?}");
    };
    assert!(path.ends_with("flags.parquet"), "{path}");
}

/// Tables written two at a time fail with the first failing table in
/// their order; the others are written all the same.
#[test]
fn a_table_that_cannot_be_written_is_named_and_the_others_are_written() {
    let (frame, audit) = sample();
    let sessions = tables::SessionRows::new(&frame, &audit);
    let flags = tables::FlagRows::new(&frame, &audit);
    let rejected = tables::Rejected::new(&frame);
    let all: [(&str, &dyn Table); 3] = [
        ("sessions", &sessions),
        ("flags", &flags),
        ("rejected", &rejected),
    ];
    let out = tempfile::tempdir().unwrap();
    // A folder where a file is due: neither can be created.
    for blocked in ["flags.csv", "rejected.csv"] {
        fs::create_dir(out.path().join(blocked)).unwrap();
    }
    let error = write_csvs(&all, out.path()).unwrap_err();
    let ReportError::Io { path, .. } = &error else {
        panic!("{error:?}");
    };
    assert!(path.ends_with("flags.csv"), "{path}");
    assert!(
        out.path().join("sessions.csv").is_file(),
        "the others are written"
    );
}
