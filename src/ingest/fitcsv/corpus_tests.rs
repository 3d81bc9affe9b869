//! FitCSVTool reader on the real files of `../shared/corpus` (skipped with a
//! message when the corpus is absent). Expected values of the generated
//! files were checked against the FIT SDK's own decoder on the matching .fit
//! files (`corpus/fit/jarkko_fit-analyzer__*`).

use std::path::{Path, PathBuf};

use super::message::Kind;
use super::*;
use crate::model::{RawSession, StartTime, StrengthDetail};

/// The files of a corpus folder, or `None` (with a message) when it is absent.
fn corpus_files(folder: &str) -> Option<Vec<PathBuf>> {
    let dir = crate::test_support::corpus(folder)?;
    let entries = std::fs::read_dir(&dir).ok()?;
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    Some(files)
}

fn text_of(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    crate::ingest::text::decode(&bytes).text.into_owned()
}

fn read_path(path: &Path) -> (Result<(), String>, Batch) {
    let ctx = FileCtx {
        shown: "corpus.csv",
        id_prefix: "corpus.csv",
        source: 0,
    };
    let mut batch = Batch::default();
    let result = read(&text_of(path), &ctx, &mut batch);
    (result, batch)
}

/// What a corpus file must give: sessions as (sport, sub_sport, duration_s),
/// or the rejection of the whole file with a reason containing a phrase.
enum Expect {
    Sessions(&'static [(&'static str, &'static str, f64)]),
    Rejected(&'static str),
}

/// Every FitCSVTool corpus file and what it gives (sports and durations as
/// the FIT SDK decodes the matching .fit files).
const EXPECTED: [(&str, Expect); 16] = [
    (
        "Daniel-Vitanza_Garmin-Strength-Training-Fit-File-Generator__Original.csv",
        Expect::Rejected("'workout'"),
    ),
    (
        "dgaff_fitsdk__Activity.csv",
        Expect::Sessions(&[("running", "generic", 13.749)]),
    ),
    (
        "muktihari_fit__Activity.csv",
        Expect::Sessions(&[("stand_up_paddleboarding", "generic", 3601.0)]),
    ),
    (
        "muktihari_fit__DeveloperData.csv",
        Expect::Rejected("activity file with no session message"),
    ),
    (
        "muktihari_fit__HrmPluginTestActivity.csv",
        Expect::Sessions(&[("walking", "generic", 308.545)]),
    ),
    (
        "muktihari_fit__Settings.csv",
        Expect::Rejected("'settings'"),
    ),
    ("muktihari_fit__TestEncode.csv", Expect::Sessions(&[])),
    (
        "muktihari_fit__WorkoutRepeatSteps.csv",
        Expect::Rejected("'workout'"),
    ),
    (
        "muktihari_fit__activity_multisport.csv",
        Expect::Sessions(&[
            ("cycling", "mountain", 55.353),
            ("running", "trail", 21.519),
        ]),
    ),
    (
        "muktihari_fit__activity_poolswim.csv",
        Expect::Sessions(&[("swimming", "lap_swimming", 840.0)]),
    ),
    (
        "muktihari_fit__activity_truncated.csv",
        Expect::Rejected("activity file with no session message"),
    ),
    (
        "FitCSVTool21.105__jarkko_20744294788_ACTIVITY.csv",
        Expect::Sessions(&[
            ("cycling", "indoor_cycling", 623.77),
            ("training", "strength_training", 3946.006),
        ]),
    ),
    (
        "FitCSVTool21.105__jarkko_20748058539_ACTIVITY.csv",
        Expect::Sessions(&[("training", "strength_training", 1857.71)]),
    ),
    (
        "FitCSVTool21.105_data-filtered__jarkko_20555050352_ACTIVITY.csv",
        Expect::Sessions(STRENGTH_RUN_STRENGTH),
    ),
    (
        "FitCSVTool21.105_data-filtered__jarkko_20555050352_ACTIVITY_data.csv",
        Expect::Sessions(STRENGTH_RUN_STRENGTH),
    ),
    (
        "FitCSVTool21.105_e_iso8601__jarkko_20748058539_ACTIVITY.csv",
        Expect::Sessions(&[("training", "strength_training", 1857.71)]),
    ),
];

const STRENGTH_RUN_STRENGTH: &[(&str, &str, f64)] = &[
    ("training", "strength_training", 586.131),
    ("running", "generic", 1282.457),
    ("training", "strength_training", 1183.76),
];

fn summary(sessions: &[RawSession]) -> Vec<(&str, &str, f64)> {
    sessions
        .iter()
        .map(|s| (s.sport.as_str(), s.sub_sport.as_str(), s.duration_s))
        .collect()
}

#[test]
fn every_fitcsv_corpus_file_gives_its_sessions_or_a_reason() {
    for folder in ["fitcsv", "fitcsv_generated"] {
        let Some(files) = corpus_files(folder) else {
            continue;
        };
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            assert!(sniff(&text_of(&path)), "{name} not recognised");
            let (result, batch) = read_path(&path);
            let notes: Vec<&str> = batch.notes.iter().map(|n| n.kind).collect();
            eprintln!(
                "{name}: {} session(s), {} rejection(s), notes {notes:?}: {result:?}",
                batch.sessions.len(),
                batch.rejected.len(),
            );
            match EXPECTED.iter().find(|(n, _)| *n == name).map(|(_, e)| e) {
                Some(Expect::Sessions(want)) => {
                    assert_eq!(result, Ok(()), "{name}");
                    assert_eq!(summary(&batch.sessions), *want, "{name}");
                }
                Some(Expect::Rejected(phrase)) => {
                    let reason = result.expect_err(&name);
                    assert!(reason.contains(phrase), "{name}: {reason}");
                    assert!(batch.sessions.is_empty(), "{name}");
                }
                None => assert!(
                    result.is_err() || !batch.sessions.is_empty() || !batch.rejected.is_empty(),
                    "{name}: neither sessions nor a reason"
                ),
            }
        }
    }
}

#[test]
fn sdk_examples_carry_their_local_offsets() {
    let Some(files) = corpus_files("fitcsv") else {
        return;
    };
    // (file, FIT start_time of each session, activity local - UTC seconds), from the FIT SDK.
    let want: [(&str, &[i64], i32); 3] = [
        ("dgaff_fitsdk__Activity.csv", &[702_940_946], -4 * 3600),
        ("muktihari_fit__Activity.csv", &[995_749_880], -7 * 3600),
        (
            "muktihari_fit__activity_multisport.csv",
            &[956_346_980, 956_347_035],
            -6 * 3600,
        ),
    ];
    for (name, starts, offset_s) in want {
        let Some(path) = files.iter().find(|p| p.ends_with(name)) else {
            panic!("{name} missing from the corpus");
        };
        let (_, batch) = read_path(path);
        let got: Vec<StartTime> = batch.sessions.iter().map(|s| s.start).collect();
        let expected: Vec<StartTime> = starts
            .iter()
            .map(|fit_s| StartTime::Instant {
                utc_us: (fit_s + 631_065_600) * 1_000_000,
                offset_s,
            })
            .collect();
        assert_eq!(got, expected, "{name}");
    }
}

#[test]
fn session_without_times_in_test_encode_is_rejected_on_its_line() {
    let Some(dir) = crate::test_support::corpus("fitcsv") else {
        return;
    };
    let path = dir.join("muktihari_fit__TestEncode.csv");
    let (result, batch) = read_path(&path);
    assert_eq!(result, Ok(()));
    assert_eq!(batch.rejected.len(), 1);
    assert_eq!(
        (batch.rejected[0].line, batch.rejected[0].column.as_str()),
        (7, "start_time")
    );
}

/// The generated files' sessions, if the corpus is there.
fn generated(name: &str) -> Option<Vec<RawSession>> {
    let path = crate::test_support::corpus("fitcsv_generated")?.join(name);
    let (result, batch) = read_path(&path);
    assert_eq!(result, Ok(()), "{name}");
    Some(batch.sessions)
}

fn instant(fit_s: i64) -> StartTime {
    StartTime::Instant {
        utc_us: (fit_s + 631_065_600) * 1_000_000,
        offset_s: 3 * 3600,
    }
}

fn detail(sets: u32, reps: u32, volume_kg: f64) -> StrengthDetail {
    StrengthDetail {
        sets: Some(sets),
        reps: Some(reps),
        volume_kg: Some(volume_kg),
        ..StrengthDetail::default()
    }
}

#[test]
fn strength_file_matches_the_fit_sdk_in_raw_and_iso_modes() {
    let Some(raw) = generated("FitCSVTool21.105__jarkko_20748058539_ACTIVITY.csv") else {
        return;
    };
    // 2025-10-20T17:44:06Z, local +03:00, 14 active sets, 74 reps (= total_cycles).
    assert_eq!(raw[0].start, instant(1_129_916_646));
    assert_eq!(raw[0].strength, detail(14, 74, 336.0));
    let Some(iso) = generated("FitCSVTool21.105_e_iso8601__jarkko_20748058539_ACTIVITY.csv") else {
        return;
    };
    assert_eq!(raw, iso);
}

#[test]
fn indoor_cycling_then_strength_keeps_all_sets_in_the_strength_session() {
    let Some(s) = generated("FitCSVTool21.105__jarkko_20744294788_ACTIVITY.csv") else {
        return;
    };
    assert_eq!(s[0].start, instant(1_129_889_388));
    assert_eq!(s[0].strength, StrengthDetail::default());
    assert_eq!(s[1].start, instant(1_129_890_090));
    assert_eq!(s[1].strength, detail(41, 376, 7961.0));
    assert_eq!(s[1].session_id, "corpus.csv:2");
}

#[test]
fn strength_run_strength_reads_the_same_in_long_and_wide_form() {
    let name = "FitCSVTool21.105_data-filtered__jarkko_20555050352_ACTIVITY";
    let (Some(long), Some(wide)) = (
        generated(&format!("{name}.csv")),
        generated(&format!("{name}_data.csv")),
    ) else {
        return;
    };
    let starts = [1_128_244_226, 1_128_244_911, 1_128_246_097];
    let details = [
        detail(4, 27, 0.0),
        StrengthDetail::default(),
        detail(16, 151, 500.0),
    ];
    for form in [&long, &wide] {
        for (i, s) in form.iter().enumerate() {
            assert_eq!(s.start, instant(starts[i]));
            assert_eq!(s.strength, details[i]);
        }
    }
}

#[test]
fn reps_equal_total_cycles_in_every_generated_strength_session() {
    let Some(files) = corpus_files("fitcsv_generated") else {
        return;
    };
    for path in files {
        let text = text_of(&path);
        let messages = if long::sniff(&text) {
            long::parse(&text).messages
        } else {
            wide::parse(&text).unwrap().messages
        };
        let cycles: Vec<Option<u32>> = messages
            .iter()
            .filter(|m| m.kind == Kind::Session)
            .map(|m| m.get("total_cycles").and_then(|c| c.parse().ok()))
            .collect();
        let (_, batch) = read_path(&path);
        let strength: Vec<(Option<u32>, Option<u32>)> = batch
            .sessions
            .iter()
            .zip(&cycles)
            .filter(|(s, _)| s.sub_sport == "strength_training")
            .map(|(s, c)| (s.strength.reps, *c))
            .collect();
        assert!(!strength.is_empty(), "{}", path.display());
        for (reps, cycles) in strength {
            assert!(
                reps.is_some() && reps == cycles,
                "{}: {reps:?} vs {cycles:?}",
                path.display()
            );
        }
    }
}

#[test]
fn corpus_files_cut_off_anywhere_never_panic() {
    for folder in ["fitcsv", "fitcsv_generated"] {
        let Some(files) = corpus_files(folder) else {
            continue;
        };
        for path in files {
            let text = text_of(&path);
            // Cut points over the first 64 KiB (big files only repeat records after that).
            let len = text.len().min(64 * 1024);
            for cut in (1..=16).map(|i| i * len / 16) {
                let end = (0..=cut)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                let mut batch = Batch::default();
                let ctx = FileCtx {
                    shown: "cut.csv",
                    id_prefix: "cut.csv",
                    source: 0,
                };
                if sniff(&text[..end]) {
                    match read(&text[..end], &ctx, &mut batch) {
                        Ok(()) => assert!(batch.sessions.iter().all(|s| s.duration_s >= 0.0)),
                        Err(reason) => assert!(!reason.is_empty()),
                    }
                }
            }
        }
    }
}
