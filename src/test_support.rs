//! Builders for unit tests: sessions on a minute grid from a fixed day.

use crate::model::{Modality, Session};

/// 2026-03-02T00:00:00Z in microseconds.
pub const DAY0_US: i64 = 1_772_409_600_000_000;

/// A timed session of athlete 0 starting `start_min` minutes after DAY0, lasting `len_min`.
pub fn session(id: &str, modality: Modality, start_min: i64, len_min: i64) -> Session {
    let start_us = DAY0_US + start_min * 60_000_000;
    Session {
        session_id: id.to_string(),
        athlete: 0,
        start_us,
        end_us: start_us + len_min * 60_000_000,
        offset_s: 0,
        duration_s: (len_min * 60) as f64,
        date_only: false,
        modality,
        sport: String::new(),
        sub_sport: String::new(),
        rpe: None,
        to_failure: None,
        strength: Default::default(),
        planned: false,
        source: 0,
        line: 0,
    }
}
