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
