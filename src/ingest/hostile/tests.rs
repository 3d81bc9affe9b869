//! The hostile-input properties: no panic, no hang, every rejection with a
//! reason, and no good row lost to a bad one.

use std::path::PathBuf;

use super::fixtures::{self, Fixture, Kind};
use super::mutate::{garbage_line, mutate_some};
use super::{iterations, read_as, seed, Rng, Sandbox, DEFAULT_ITERS, FIT_DECODER_PANICS};

/// Runs every case, then fails listing all the failures (at most 20).
fn run_all(cases: impl Iterator<Item = (Kind, String, String, Vec<u8>)>) -> usize {
    let sandbox = Sandbox::new();
    let (mut failures, mut count) = (Vec::new(), 0);
    let verbose = std::env::var_os("CONCUR_FUZZ_VERBOSE").is_some();
    for (kind, name, what, bytes) in cases {
        count += 1;
        let started = std::time::Instant::now();
        let size = bytes.len();
        if let Err(problem) = sandbox.run(kind, &name, &what, bytes) {
            let hung = problem.contains("did not finish");
            failures.push(problem);
            if hung || failures.len() >= 20 {
                break;
            }
        }
        if verbose {
            eprintln!(
                "{:>8.3} s {size:>8} bytes {name} ({what})",
                started.elapsed().as_secs_f64()
            );
        }
    }
    let caught = FIT_DECODER_PANICS.load(std::sync::atomic::Ordering::Relaxed);
    eprintln!("{count} cases; fitparser panics caught at the boundary so far: {caught}");
    assert!(
        failures.is_empty(),
        "seed {}: {} failing case(s):\n{}",
        seed(),
        failures.len(),
        failures.join("\n")
    );
    count
}

/// What a log gave: its sessions, or its workouts for a gym-app log.
fn records(batch: &crate::ingest::Batch) -> usize {
    batch.sessions.len() + batch.workouts.len()
}

/// The fixtures must be valid, or damaging them tests nothing.
#[test]
fn every_fixture_reads_whole_without_rejection() {
    for f in fixtures::all() {
        let outcome = read_as(f.kind, &f.name, f.bytes.clone());
        let batch = &outcome.part.batch;
        assert_eq!(outcome.fatal, None, "{}", f.name);
        assert!(
            batch.rejected.is_empty(),
            "{}: {:?}",
            f.name,
            batch.rejected
        );
        assert_eq!(records(batch), f.sessions, "{}", f.name);
    }
}

/// `CONCUR_FUZZ_ITERS` (default 1500) cases, round robin over the fixtures:
/// each one to three mutations, spliced with the next fixture.
#[test]
fn damaged_fixtures_give_sessions_or_reasons_never_a_panic_or_hang() {
    let all = fixtures::all();
    let mut rng = Rng::new(seed());
    let n = iterations(DEFAULT_ITERS);
    let cases = (0..n).map(|i| {
        let f = &all[i as usize % all.len()];
        let other = &all[(i as usize + 1) % all.len()].bytes;
        let (bytes, what) = mutate_some(&mut rng, &f.bytes, other);
        (f.kind, f.name.clone(), format!("case {i}: {what}"), bytes)
    });
    let count = run_all(cases);
    eprintln!("{count} damaged fixtures read (seed {})", seed());
}

/// Random bytes, plain or behind each format's magic number, read as each kind.
#[test]
fn random_bytes_give_reasons_never_a_panic() {
    let mut rng = Rng::new(seed() ^ 0xB17E5);
    let prefixes: [&[u8]; 8] = [
        b"",
        b"\x0E\x20\x00\x00\x40\x00\x00\x00.FIT\x00\x00",
        b"PK\x03\x04",
        b"PAR1",
        b"\x1F\x8B\x08\x00",
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
        b"athlete_id,start,duration_min\n",
    ];
    let kinds = [Kind::Log, Kind::Log, Kind::Log, Kind::Roster, Kind::Rules];
    let n = iterations(DEFAULT_ITERS) / 5;
    let cases = (0..n).map(|i| {
        let prefix = prefixes[rng.below(prefixes.len())];
        let mut bytes = prefix.to_vec();
        let len = rng.below(2048);
        bytes.extend(rng.bytes(len));
        let kind = kinds[rng.below(kinds.len())];
        let what = format!(
            "case {i}: {len} random bytes after {} magic bytes",
            prefix.len()
        );
        (kind, format!("random{i}.bin"), what, bytes)
    });
    run_all(cases);
}

fn corpus_files() -> Vec<PathBuf> {
    let Some(root) = crate::test_support::corpus("") else {
        return Vec::new();
    };
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.file_name() != "README.md" && e.file_name() != "MANIFEST.tsv")
        .map(|e| e.into_path())
        .collect()
}

/// Every corpus file cut at 7 points, with every 97th byte flipped (the
/// first robustness test of the readers), spliced with the next corpus
/// file, and damaged at random (`CONCUR_FUZZ_ITERS / 500` times, default 3).
/// Files over 256 KB are damaged in their first 256 KB unless
/// `CONCUR_FUZZ_ITERS` is set: the whole files are read by the corpus tests.
#[test]
fn damaged_corpus_files_give_sessions_or_reasons_never_a_panic_or_hang() {
    let files = corpus_files();
    if files.is_empty() {
        return;
    }
    let full = std::env::var_os("CONCUR_FUZZ_ITERS").is_some();
    let random_per_file = (iterations(DEFAULT_ITERS) / 500).max(1);
    let mut rng = Rng::new(seed() ^ 0xC0_4905);
    let read = |p: &PathBuf| {
        let mut bytes = std::fs::read(p).unwrap_or_default();
        if !full {
            bytes.truncate(256 << 10);
        }
        bytes
    };
    let cases = files.iter().enumerate().flat_map(|(i, path)| {
        let bytes = read(path);
        let other = read(&files[(i + 1) % files.len()]);
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let mut variants: Vec<(String, Vec<u8>)> = (1..8)
            .map(|k| {
                (
                    format!("cut at {k}/8"),
                    bytes[..bytes.len() * k / 8].to_vec(),
                )
            })
            .collect();
        let mut flipped = bytes.clone();
        for b in flipped.iter_mut().step_by(97) {
            *b ^= 0x5a;
        }
        variants.push(("every 97th byte flipped".into(), flipped));
        let half = bytes.len() / 2;
        let mut spliced = bytes[..half].to_vec();
        spliced.extend_from_slice(&other[other.len() / 2..]);
        variants.push(("first half + second half of the next file".into(), spliced));
        for _ in 0..random_per_file {
            let (damaged, what) = mutate_some(&mut rng, &bytes, &other);
            variants.push((what, damaged));
        }
        variants
            .into_iter()
            .map(move |(what, v)| (Kind::Log, name.clone(), what, v))
    });
    let count = run_all(cases);
    eprintln!("{count} damaged corpus files read");
}

/// A line of garbage (or a 200,000-character line) put between the rows
/// of a valid CSV is rejected, with its line, and every other row is kept.
#[test]
fn one_bad_line_never_costs_a_good_row() {
    let mut rng = Rng::new(seed() ^ 0x11E);
    let line_fixtures: Vec<Fixture> = fixtures::all()
        .into_iter()
        .filter(|f| f.line_rows)
        .collect();
    let n = (iterations(DEFAULT_ITERS) / 10).max(line_fixtures.len() as u64 * 2);
    for i in 0..n {
        let f = &line_fixtures[i as usize % line_fixtures.len()];
        let text = crate::ingest::text::decode(&f.bytes).text;
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let at = 1 + rng.below(lines.len());
        let bad = if i % 10 == 0 {
            "y".repeat(200_000)
        } else {
            garbage_line(&mut rng)
        };
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let damaged = [
            &lines[..at].concat(),
            bad.as_str(),
            eol,
            &lines[at..].concat(),
        ]
        .concat();
        let outcome = read_as(f.kind, &f.name, damaged.clone().into_bytes());
        let batch = &outcome.part.batch;
        let what = format!("{} with line {} = {:.60}", f.name, at + 1, bad);
        assert_eq!(records(batch), f.sessions, "{what}: {:?}", batch.rejected);
        let blank = bad.split([',', ';', '\t']).all(|c| c.trim().is_empty());
        if !blank {
            let lines: Vec<u64> = batch.rejected.iter().map(|r| r.line).collect();
            assert_eq!(lines, vec![at as u64 + 1], "{what}: {:?}", batch.rejected);
        }
    }
}
