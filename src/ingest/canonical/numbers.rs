//! Numbers of the canonical CSV's cells: durations in seconds or minutes,
//! finite numbers with a decimal point or comma, and RPE from 0 to 10.

use crate::ingest::columns::number;

/// A row problem: the column and what was wrong and expected.
pub(crate) type RowError = (&'static str, String);

/// A non-negative duration in seconds from a value in seconds or minutes.
pub(super) fn parse_duration(
    text: &str,
    column: &'static str,
    seconds_per_unit: f64,
) -> Result<f64, RowError> {
    let value = parse_number(text, column)?;
    if value < 0.0 {
        return Err((
            column,
            format!("{column} '{text}' is negative; expected a number >= 0"),
        ));
    }
    let seconds = value * seconds_per_unit;
    if seconds_per_unit == 1.0 {
        return Ok(seconds);
    }
    // Minutes times 60 carry the float's error (64.9 min is
    // 3894.0000000000005 s): kept to the microsecond, as times are.
    let us = crate::model::round_half_away(seconds * 1e6);
    Ok(if us.is_finite() { us / 1e6 } else { seconds })
}

/// Reads a finite number as every reader does (`columns::number`: a
/// decimal comma when there is no dot).
pub(super) fn parse_number(text: &str, column: &'static str) -> Result<f64, RowError> {
    number(text).ok_or_else(|| {
        (
            column,
            format!("{column} '{text}' is not a finite number; expected e.g. 45 or 45.5"),
        )
    })
}

/// An RPE from 0 to 10, `None` for an empty cell; `Err` gives the cell back.
pub(super) fn read_rpe(text: &str) -> Result<Option<f64>, &str> {
    if text.is_empty() {
        return Ok(None);
    }
    match parse_number(text, "rpe") {
        Ok(v) if (0.0..=10.0).contains(&v) => Ok(Some(v)),
        _ => Err(text),
    }
}
