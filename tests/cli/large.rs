//! A large input file takes another path than small ones: it is mapped
//! rather than read into memory, its pages are handed back as it is read,
//! it is parsed in parallel chunks, and the chunks' sessions are joined on
//! all threads. The same rows in small files must give the same report.

use super::*;

/// Columns of sessions.csv without `source_file` (the files differ).
fn without_source_file(sessions: &str) -> String {
    let header: Vec<&str> = sessions.lines().next().unwrap().split(',').collect();
    let at = header.iter().position(|c| *c == "source_file").unwrap();
    sessions
        .lines()
        .map(|line| {
            let mut cells: Vec<&str> = line.split(',').collect();
            cells.remove(at);
            cells.join(",")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_large_mapped_file_gives_the_report_of_the_same_rows_in_small_files() {
    let tmp = TempDir::new().unwrap();
    let season = tmp.path().join("season");
    concur()
        .args(["generate", "--athletes", "2200", "--weeks", "52", "--out"])
        .arg(&season)
        .assert()
        .success();
    let big_text = fs::read_to_string(season.join("sprinters.csv")).unwrap();
    // Larger than the size from which inputs are mapped (16 MiB).
    assert!(big_text.len() > 16 << 20, "{} bytes", big_text.len());
    let roster = fs::read_to_string(season.join("roster.csv")).unwrap();
    let big = tmp.path().join("big");
    write(&big, "roster.csv", &roster);
    write(&big, "sprinters.csv", &big_text);
    // The same rows in two files, each small enough to be read into memory.
    let small = tmp.path().join("small");
    write(&small, "roster.csv", &roster);
    let lines: Vec<&str> = big_text.lines().collect();
    let half = lines.len() / 2;
    let header = lines[0];
    for (name, rows) in [("a.csv", &lines[1..half]), ("b.csv", &lines[half..])] {
        write(&small, name, format!("{header}\n{}\n", rows.join("\n")));
    }
    let (big_out, small_out) = (tmp.path().join("big-out"), tmp.path().join("small-out"));
    for (input, out) in [(&big, &big_out), (&small, &small_out)] {
        audit(input, out)
            .args(["--format", "csv", "-q"])
            .assert()
            .success();
    }
    for table in ["flags.csv", "summary.csv", "athletes.csv", "weekly.csv"] {
        assert_eq!(read(&big_out, table), read(&small_out, table), "{table}");
    }
    let sessions = read(&big_out, "sessions.csv");
    assert!(sessions.lines().count() > 100_000);
    assert_eq!(
        without_source_file(&sessions),
        without_source_file(&read(&small_out, "sessions.csv"))
    );
}
