//! Builders for unit tests: sessions on a minute grid from a fixed day.

use crate::model::{Marks, Modality, Origin, Session};

/// 2026-03-02T00:00:00Z in microseconds.
pub(crate) const DAY0_US: i64 = 1_772_409_600_000_000;

/// Microseconds since the epoch of an RFC 3339 instant such as
/// `2025-02-23T10:13:53Z`.
pub(crate) fn utc_us(iso: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(iso)
        .unwrap()
        .timestamp_micros()
}

/// A timed session of athlete 0 starting `start_min` minutes after DAY0, lasting `len_min`.
pub(crate) fn session(id: &str, modality: Modality, start_min: i64, len_min: i64) -> Session {
    let start_us = DAY0_US + start_min * 60_000_000;
    Session {
        session_id: id.into(),
        athlete: 0,
        start_us,
        offset_s: 0,
        duration_s: (len_min * 60) as f64,
        date_only: false,
        modality,
        rpe: None.into(),
        origin: Origin::default(),
        sports: 0,
        to_failure: None,
        marks: Marks::new(false, true),
    }
}

/// A frame of `athletes` and their `sessions`, sorted and ranged as classify leaves them.
pub(crate) fn frame(
    athletes: Vec<crate::classify::AthleteInfo>,
    mut sessions: Vec<Session>,
) -> crate::classify::Frame {
    sessions.sort_by(|a, b| {
        (a.athlete, a.start_us, &a.session_id).cmp(&(b.athlete, b.start_us, &b.session_id))
    });
    let ranges = (0..athletes.len() as u32)
        .map(|a| {
            let start = sessions.partition_point(|s| s.athlete < a);
            start..sessions.partition_point(|s| s.athlete <= a)
        })
        .collect();
    crate::classify::Frame {
        athletes,
        sessions,
        ranges,
        ..crate::classify::Frame::default()
    }
}

/// A folder of the shared real-data corpus: `$CONCUR_CORPUS/<sub>` when that
/// variable is set, else `../shared/corpus/<sub>` beside the project; `None`
/// (with a message saying the tests skip) when it is absent.
pub(crate) fn corpus(sub: &str) -> Option<std::path::PathBuf> {
    let root = std::env::var_os("CONCUR_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
        });
    let dir = root.join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: no corpus at {}", dir.display());
        None
    }
}

/// The bundled sample season (`data/sample`) read and classified as
/// `concur audit` does, with its roster.
pub(crate) fn sample_frame(
    rules: &crate::config::Rules,
) -> (crate::classify::Frame, crate::model::Roster) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let season = crate::Season {
        inputs: &[dir],
        roster: None,
        out_dir: std::path::Path::new("/nonexistent"),
        options: crate::ingest::Options::in_process(),
        rules,
        default_tz: chrono_tz::UTC,
    };
    let (ingested, converter) = season
        .read(&crate::progress::Progress::hidden())
        .expect("the bundled sample reads");
    let roster = ingested.roster.clone();
    (
        crate::classify::classify(ingested, &converter, rules),
        roster,
    )
}

/// How a text format's reader is called (`canonical::read`, `strava::read`, ...).
pub(crate) type TextReader =
    fn(&str, &crate::ingest::FileCtx, &mut crate::ingest::Batch) -> Result<(), String>;

/// Runs `read` on `text` into a fresh batch.
pub(crate) fn read_into(
    read: TextReader,
    text: &str,
    ctx: &crate::ingest::FileCtx,
) -> Result<crate::ingest::Batch, String> {
    let mut batch = crate::ingest::Batch::default();
    read(text, ctx, &mut batch)?;
    Ok(batch)
}

/// A corpus file decoded to text and read by `read` (shown as `corpus.csv`).
pub(crate) fn read_corpus_file(
    read: TextReader,
    path: &std::path::Path,
) -> (String, crate::ingest::Batch) {
    let bytes = std::fs::read(path).expect("corpus file reads");
    let text = crate::ingest::text::decode(&bytes).text.into_owned();
    let ctx = crate::ingest::FileCtx {
        shown: "corpus.csv",
        id_prefix: "corpus.csv",
        source: 0,
    };
    let batch = read_into(read, &text, &ctx).expect("corpus file is read");
    (text, batch)
}

/// Records with any non-blank field in CSV text, counted by the csv crate
/// alone: what a reader must account for, as sessions or rejections.
pub(crate) fn non_blank_records(csv_text: &str) -> usize {
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(csv_text.as_bytes())
        .records()
        .filter(|r| {
            r.as_ref()
                .map_or(true, |r| r.iter().any(|f| !f.trim().is_empty()))
        })
        .count()
}
