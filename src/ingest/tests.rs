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
        frame.files[frame.sessions[0].source as usize].format,
        SourceFormat::Fit
    );
    assert!(frame.sessions[0]
        .session_id
        .contains("export.zip!activities/1.fit"));
    assert!(frame.notes.iter().any(|n| n.kind == "duplicate_activity"));
}
