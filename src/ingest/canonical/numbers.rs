//! Numbers of the canonical CSV's cells: durations in seconds or minutes,
//! finite numbers with a decimal point or comma, and RPE from 0 to 10.

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

/// Reads a finite number; a decimal comma is accepted when there is no dot.
pub(super) fn parse_number(text: &str, column: &'static str) -> Result<f64, RowError> {
    let parsed = match whole_number(text) {
        Some(v) => Ok(v),
        None if text.contains(',') && !text.contains('.') => text.replace(',', ".").parse(),
        None => text.parse::<f64>(),
    };
    match parsed {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err((
            column,
            format!("{column} '{text}' is not a finite number; expected e.g. 45 or 45.5"),
        )),
    }
}

/// Up to 15 ASCII digits and nothing else, the common cell (`45`, `7`),
/// read without the float parser: every such number is exact in an f64, so
/// the value is the one `str::parse` gives.
fn whole_number(text: &str) -> Option<f64> {
    if text.is_empty() || text.len() > 15 {
        return None;
    }
    let mut value = 0u64;
    for b in text.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u64::from(b - b'0');
    }
    Some(value as f64)
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
