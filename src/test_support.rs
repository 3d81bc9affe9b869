//! Builders for unit tests: sessions on a minute grid from a fixed day.

use crate::model::{Modality, Session};

/// 2026-03-02T00:00:00Z in microseconds.
pub const DAY0_US: i64 = 1_772_409_600_000_000;

/// A timed session of athlete 0 starting `start_min` minutes after DAY0, lasting `len_min`.
pub fn session(id: &str, modality: Modality, start_min: i64, len_min: i64) -> Session {
    let start_us = DAY0_US + start_min * 60_000_000;
    Session {
        session_id: id.into(),
        athlete: 0,
        start_us,
        end_us: start_us + len_min * 60_000_000,
        offset_s: 0,
        duration_s: (len_min * 60) as f64,
        date_only: false,
        modality,
        sport: crate::model::CompactString::default(),
        sub_sport: crate::model::CompactString::default(),
        rpe: None,
        to_failure: None,
        strength: Default::default(),
        planned: false,
        source: 0,
        line: 0,
    }
}

/// A folder of the shared real-data corpus: `$CONCUR_CORPUS/<sub>` when that
/// variable is set, else `../shared/corpus/<sub>` beside the project; `None`
/// (with a message saying the tests skip) when it is absent.
pub fn corpus(sub: &str) -> Option<std::path::PathBuf> {
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

/// The bundled sample season (`data/sample`) as ingest reads it.
pub fn sample_ingested() -> crate::ingest::Ingested {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    crate::ingest::ingest(
        &[dir],
        None,
        std::path::Path::new("/nonexistent"),
        &crate::progress::Progress::hidden(),
    )
    .expect("the bundled sample reads")
}
