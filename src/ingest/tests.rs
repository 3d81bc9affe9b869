//! Ingest tests that cross formats: an archive holding both a CSV row and
//! a FIT file of the same activity.

use super::*;

/// The season of `inputs` with the default zone, read in this process.
fn season<'a>(
    inputs: &'a [PathBuf],
    out_dir: &'a Path,
    rules: &'a crate::config::Rules,
) -> crate::Season<'a> {
    crate::Season {
        inputs,
        roster: None,
        out_dir,
        options: Options::in_process(),
        rules,
        default_tz: chrono_tz::UTC,
    }
}

/// A Strava export (zip) holds the CSV row and the FIT file of one run:
/// both are read, in memory, and the run counts once, as its FIT record.
#[test]
fn strava_export_zip_counts_each_activity_once() {
    use std::io::Write;
    let start = fit::encode::fit_at("2026-03-02T07:00:00Z");
    let fit_bytes = fit::encode::FitFile::new()
        .file_id(4)
        .session(start, 3_600_000, 1, 0)
        .activity(start + 3600, start + 3600 + 3600)
        .bytes();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&fit_bytes).unwrap();
    let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Filename\n\
               1,\"Mar 2, 2026, 7:00:00 AM\",Morning run,Run,3600,activities/1.fit.gz\n";
    let mut zip_bytes = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut zip_bytes);
        let opts = zip::write::SimpleFileOptions::default();
        w.start_file("activities.csv", opts).unwrap();
        w.write_all(csv.as_bytes()).unwrap();
        w.start_file("activities/1.fit.gz", opts).unwrap();
        w.write_all(&gz.finish().unwrap()).unwrap();
        w.finish().unwrap();
    }
    let tmp = tempfile::TempDir::new().unwrap();
    let anna = tmp.path().join("anna");
    std::fs::create_dir_all(&anna).unwrap();
    std::fs::write(anna.join("export.zip"), zip_bytes.into_inner()).unwrap();
    let rules = crate::config::Rules::default();
    let (inputs, out) = ([tmp.path().to_path_buf()], tmp.path().join("out"));
    let season = season(&inputs, &out, &rules);
    let (ingested, converter) = season.read(&Progress::hidden()).unwrap();
    assert_eq!(ingested.session_count(), 2, "{:?}", ingested.rejected);
    let frame = crate::classify::classify(ingested, &converter, &rules);
    assert_eq!(frame.athletes.len(), 1);
    assert_eq!(frame.athletes[0].athlete_id, "anna");
    assert_eq!(frame.sessions.len(), 1);
    assert_eq!(
        frame.files[frame.sessions[0].source() as usize].format,
        crate::ingest::fit::KIND
    );
    assert!(frame.sessions[0]
        .session_id
        .contains("export.zip!activities/1.fit"));
    assert!(frame.notes.iter().any(|n| n.kind == "duplicate_activity"));
}

/// Strength details are kept beside the sessions, found again by the
/// session's file and line: also for files read after others by another
/// thread (numbered anew when the threads' files are joined), for members
/// of an archive. Each lift has its own
/// number of sets, so a detail found for the wrong session shows.
#[test]
fn strength_details_follow_their_sessions_into_the_frame() {
    use std::io::Write;
    let start = fit::encode::fit_at("2026-03-02T07:00:00Z");
    // `sets` sets of 10 reps at 40 kg, starting `minutes` after `start`.
    let lift = |minutes: u32, sets: u32| {
        let at = start + minutes * 60;
        let mut file = fit::encode::FitFile::new()
            .file_id(4)
            .session(at, 1_800_000, 10, 20);
        for k in 0..sets {
            file = file.set(at + 10 + 60 * k, at, true, 10, 40 * 16);
        }
        file.activity(at + 1800, at + 1800).bytes()
    };
    let tmp = tempfile::TempDir::new().unwrap();
    for (i, athlete) in ["anna", "bert", "carl"].into_iter().enumerate() {
        let folder = tmp.path().join(athlete);
        std::fs::create_dir_all(&folder).unwrap();
        // Runs in a CSV before the lifts in a FIT file, in each folder.
        let csv = format!(
            "athlete_id,start,duration_min,sport\n{athlete},2026-03-01T07:00:00Z,40,running\n"
        );
        std::fs::write(folder.join("a.csv"), csv).unwrap();
        std::fs::write(folder.join("b.fit"), lift(0, i as u32 + 1)).unwrap();
    }
    // Two more lifts of carl's, in one archive.
    let mut zip_bytes = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut zip_bytes);
        let opts = zip::write::SimpleFileOptions::default();
        for (name, minutes, sets) in [("c.fit", 120, 4), ("d.fit", 240, 5)] {
            w.start_file(name, opts).unwrap();
            w.write_all(&lift(minutes, sets)).unwrap();
        }
        w.finish().unwrap();
    }
    std::fs::write(tmp.path().join("carl/c.zip"), zip_bytes.into_inner()).unwrap();
    let rules = crate::config::Rules::default();
    let inputs = [tmp.path().to_path_buf()];
    let out = tmp.path().join("out");
    {
        let frame = season(&inputs, &out, &rules).frame().unwrap();
        assert_eq!(frame.sessions.len(), 8, "{:?}", frame.rejected);
        let mut lifts = Vec::new();
        for s in &frame.sessions {
            let file = &frame.files[s.source() as usize];
            let detail = frame.strength_detail(s);
            if file.format != crate::ingest::fit::KIND {
                assert_eq!(detail, crate::model::StrengthDetail::default());
                continue;
            }
            let sets = detail.sets.unwrap_or(0);
            assert_eq!(detail.reps, Some(10 * sets), "{}", file.path);
            assert_eq!(detail.volume_kg, Some(400.0 * f64::from(sets)));
            lifts.push((file.path.rsplit('/').next().unwrap_or("").to_string(), sets));
        }
        lifts.sort();
        let expected = [
            ("b.fit", 1),
            ("b.fit", 2),
            ("b.fit", 3),
            ("c.zip!c.fit", 4),
            ("c.zip!d.fit", 5),
        ];
        let expected: Vec<(String, u32)> =
            expected.iter().map(|(p, n)| (p.to_string(), *n)).collect();
        assert_eq!(lifts, expected);
    }
}

/// An intervals.icu row of the activity a FIT file holds: the FIT record
/// is kept and takes the session RPE that only intervals.icu carries.
#[test]
fn fit_session_kept_over_its_intervals_icu_row_takes_the_rpe() {
    let start = fit::encode::fit_at("2026-03-02T07:00:00Z");
    let fit_bytes = fit::encode::FitFile::new()
        .file_id(4)
        .session(start, 3_600_000, 1, 0)
        .activity(start + 3600, start + 3600 + 3600)
        .bytes();
    let csv = "id,start_date_local,name,type,moving_time,distance,elapsed_time,icu_training_load,icu_rpe,start_date,timezone\n\
               i1,2026-03-02T08:00:00,Morning run,Run,3500,10000,3600,50,7,2026-03-02T07:00:00Z,Europe/Amsterdam\n";
    let tmp = tempfile::TempDir::new().unwrap();
    let anna = tmp.path().join("anna");
    std::fs::create_dir_all(&anna).unwrap();
    std::fs::write(anna.join("run.fit"), fit_bytes).unwrap();
    std::fs::write(anna.join("activities.csv"), csv).unwrap();
    let rules = crate::config::Rules::default();
    let (inputs, out) = ([tmp.path().to_path_buf()], tmp.path().join("out"));
    let frame = season(&inputs, &out, &rules).frame().unwrap();
    assert_eq!(frame.sessions.len(), 1, "{:?}", frame.rejected);
    let kept = &frame.sessions[0];
    assert_eq!(frame.files[kept.source() as usize].format, fit::KIND);
    assert_eq!(kept.rpe(), Some(7.0));
    assert!(frame.notes.iter().any(|n| n.kind == "duplicate_activity"));
}

/// A real strength FIT file and a gym-app log of the same workout (a
/// FitNotes iOS export of our own whose times overlap the watch's): the
/// gym workout is kept, with the watch's start and end, and the FIT
/// session is listed as a duplicate.
#[test]
fn gym_workout_and_the_watch_file_of_it_are_one_workout() {
    let Some(dir) = crate::test_support::corpus("fit") else {
        return;
    };
    let fit_path = dir.join("jarkko_fit-analyzer__20474406937_ACTIVITY.fit");
    let tmp = tempfile::TempDir::new().unwrap();
    let anna = tmp.path().join("anna");
    std::fs::create_dir_all(&anna).unwrap();
    std::fs::copy(&fit_path, anna.join("lift.fit")).unwrap();
    let rules = crate::config::Rules::default();
    let (inputs, out) = ([tmp.path().to_path_buf()], tmp.path().join("out"));
    let watch = season(&inputs, &out, &rules).frame().unwrap();
    let lift = watch
        .sessions
        .iter()
        .find(|s| s.modality == crate::model::Modality::Strength)
        .expect("the file holds a strength session")
        .clone();
    let stamp = |us: i64| {
        chrono::DateTime::from_timestamp_micros(us)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    // The app's clock: started 3 minutes early, stopped 2 minutes late.
    let (from, to) = (
        stamp(lift.start_us - 180_000_000),
        stamp(lift.end_us() + 120_000_000),
    );
    let header = "Name,StartTime,EndTime,BodyWeight,Exercise,Equipment,Reps,Weight,Time,Distance,Status,IsWarmup,RPE,RIR,Categories,Note\n";
    let mut log = header.to_string();
    for rpe in ["7", "8", "9"] {
        log.push_str(&format!(
            "Legs,{from},{to},,Squat,Barbell,5,100,,,Done,false,{rpe},,Legs,\n"
        ));
    }
    std::fs::write(anna.join("fitnotes.csv"), log).unwrap();
    let frame = season(&inputs, &out, &rules).frame().unwrap();
    let strength: Vec<_> = frame
        .sessions
        .iter()
        .filter(|s| s.modality == crate::model::Modality::Strength)
        .collect();
    assert_eq!(strength.len(), 1, "{:?}", frame.sessions);
    let kept = strength[0];
    assert!(frame.files[kept.source() as usize].format.is_per_set());
    // The watch's start, its length in whole seconds.
    assert_eq!(kept.start_us, lift.start_us);
    assert!((kept.end_us() - lift.end_us()).abs() < 1_000_000);
    assert_eq!(kept.to_failure, Some(false));
    let duplicate = frame
        .notes
        .iter()
        .find(|n| n.kind == "duplicate_activity")
        .unwrap();
    assert!(duplicate.source_file.ends_with("lift.fit"), "{duplicate:?}");
}

/// A gym-app log names no athlete: without the file's athlete (no roster
/// `sources` pattern, no athlete folder) the whole file is rejected, with
/// how many set rows it held.
#[test]
fn gym_log_without_an_athlete_is_rejected_whole() {
    use crate::model::{RawSet, RawWorkout, StartTime};
    let ctx = FileCtx {
        shown: "hevy.csv",
        id_prefix: "hevy.csv",
        source: 0,
    };
    let workout = RawWorkout {
        workout_id: "hevy.csv:1".into(),
        athlete_id: Default::default(),
        start: StartTime::Date(chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()),
        end: None,
        duration_s: None,
        rpe: None,
        sets: vec![RawSet::default(); 3],
        source: 0,
        line: 2,
    };
    let mut batch = Batch::default();
    batch.start_file(None);
    batch.push_workout(workout.clone());
    batch.finish_file(&ctx);
    assert!(batch.workouts.is_empty());
    assert_eq!(batch.rejected.len(), 1);
    assert_eq!(batch.rejected[0].line, 0);
    assert!(batch.rejected[0]
        .reason
        .contains("no athlete for this gym-app log (3 set rows)"));
    // With the file's athlete, the workout is the athlete's.
    let mut batch = Batch::default();
    batch.start_file(Some("anna"));
    batch.push_workout(workout);
    batch.finish_file(&ctx);
    assert!(batch.rejected.is_empty());
    assert_eq!(batch.workouts[0].athlete_id, "anna");
}

#[test]
fn files_are_handed_out_largest_first_ties_in_discovery_order() {
    assert_eq!(largest_first(&[5, 9, 5, 1, 0]), vec![1, 0, 2, 3, 4]);
    assert!(largest_first(&[]).is_empty());
}

#[test]
fn parts_read_in_any_order_are_joined_in_discovery_order() {
    let parts = vec![(2, "c"), (0, "a"), (1, "b")];
    assert_eq!(in_discovery_order(parts), ["a", "b", "c"]);
}
