//! Ingest tests that cross formats: an archive holding both a CSV row and
//! a FIT file of the same activity.

use super::*;
use crate::model::SourceFormat;

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
    let ingested = ingest(
        &[tmp.path().to_path_buf()],
        None,
        &tmp.path().join("out"),
        &Progress::hidden(),
    )
    .unwrap();
    assert_eq!(ingested.session_count(), 2, "{:?}", ingested.rejected);
    assert!(ingested
        .sessions
        .iter()
        .flatten()
        .all(|s| s.athlete_id == "anna"));
    let frame =
        crate::classify::classify(ingested, &crate::config::Rules::default(), chrono_tz::UTC);
    assert_eq!(frame.sessions.len(), 1);
    assert_eq!(
        frame.files[frame.sessions[0].source() as usize].format,
        SourceFormat::Fit
    );
    assert!(frame.sessions[0]
        .session_id
        .contains("export.zip!activities/1.fit"));
    assert!(frame.notes.iter().any(|n| n.kind == "duplicate_activity"));
}

/// Strength details are kept beside the sessions, found again by the
/// session's file and line: also for files read after others by another
/// thread (numbered anew when the threads' files are joined), converted
/// while read or afterwards.
#[test]
fn strength_details_follow_their_sessions_into_the_frame() {
    let start = fit::encode::fit_at("2026-03-02T07:00:00Z");
    let lift = fit::encode::FitFile::new()
        .file_id(4)
        .session(start, 1_800_000, 10, 20)
        .set(start + 10, start, true, 10, 40 * 16)
        .set(start + 200, start, true, 5, 50 * 16)
        .activity(start + 1800, start + 1800)
        .bytes();
    let tmp = tempfile::TempDir::new().unwrap();
    for athlete in ["anna", "bert", "carl"] {
        std::fs::create_dir_all(tmp.path().join(athlete)).unwrap();
        // Runs in a CSV before the lifts in a FIT file, in each folder.
        let csv = format!(
            "athlete_id,start,duration_min,sport\n{athlete},2026-03-01T07:00:00Z,40,running\n"
        );
        std::fs::write(tmp.path().join(athlete).join("a.csv"), csv).unwrap();
        std::fs::write(tmp.path().join(athlete).join("b.fit"), &lift).unwrap();
    }
    let rules = crate::config::Rules::default();
    let inputs = [tmp.path().to_path_buf()];
    let out = tmp.path().join("out");
    let frames = [false, true].map(|while_read| {
        let opened = open(&inputs, None, &out).unwrap();
        let converter = Arc::new(crate::classify::Converter::new(
            opened.roster(),
            &rules,
            chrono_tz::UTC,
        ));
        let convert = while_read.then(|| converter.clone() as Arc<dyn Convert>);
        let ingested = opened.read(&Progress::hidden(), convert).unwrap();
        crate::classify::classify_converted(ingested, &converter, &rules)
    });
    for frame in frames {
        assert_eq!(frame.sessions.len(), 6, "{:?}", frame.rejected);
        for s in &frame.sessions {
            let file = &frame.files[s.source() as usize];
            let detail = frame.strength_detail(s);
            if file.format == SourceFormat::Fit {
                assert!(file.path.ends_with("b.fit"), "{}", file.path);
                assert_eq!((detail.sets, detail.reps), (Some(2), Some(15)));
                assert_eq!(detail.volume_kg, Some(650.0));
            } else {
                assert_eq!(detail, crate::model::StrengthDetail::default());
            }
        }
    }
}
