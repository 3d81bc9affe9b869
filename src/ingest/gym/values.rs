//! The values of a gym-app set row, read alike for every app: weights,
//! repetitions, distances, set durations and RPE as numbers (an empty cell
//! is no value; a decimal comma is read as a point), and times of day on a
//! 24-hour or 12-hour clock. Each reader returns the reason a value is
//! unreadable, quoting it and saying what was expected.

/// Metres per kilometre.
pub(crate) const M_PER_KM: f64 = 1000.0;
/// Metres per international mile.
pub(crate) const M_PER_MILE: f64 = 1609.344;

pub(crate) use crate::ingest::columns::number;
use crate::ingest::numeric_dates::small_number;

/// A weight (any number >= 0); `Ok(None)` when the cell is empty.
pub(crate) fn weight(text: &str, column: &str) -> Result<Option<f64>, String> {
    match text {
        "" => Ok(None),
        _ => match number(text) {
            Some(w) if w >= 0.0 => Ok(Some(w)),
            _ => Err(format!(
                "{column} '{text}' is not a weight; expected a number >= 0 like 82.5"
            )),
        },
    }
}

/// Repetitions: a whole number >= 0 (`12`, or `12.0` as spreadsheets
/// write it).
pub(crate) fn whole_reps(text: &str) -> Option<u32> {
    let value = number(text)?;
    (value >= 0.0 && value.fract() == 0.0 && value <= f64::from(u32::MAX)).then_some(value as u32)
}

/// Repetitions (as [`whole_reps`]); `Ok(None)` when empty.
pub(crate) fn reps(text: &str, column: &str) -> Result<Option<u32>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    match whole_reps(text) {
        Some(r) => Ok(Some(r)),
        None => Err(format!(
            "{column} '{text}' is not a number of repetitions; expected a whole number >= 0 like 8"
        )),
    }
}

/// A distance in metres from a value in a unit of `m_per_unit` metres; an
/// empty cell or 0 is no distance.
pub(crate) fn distance_m(text: &str, column: &str, m_per_unit: f64) -> Result<Option<f64>, String> {
    match positive(text) {
        Ok(d) => Ok(d.map(|d| d * m_per_unit)),
        Err(()) => Err(format!(
            "{column} '{text}' is not a distance; expected a number >= 0 like 5.2"
        )),
    }
}

/// A set's duration in seconds; an empty cell or 0 is no duration.
pub(crate) fn seconds(text: &str, column: &str) -> Result<Option<f64>, String> {
    positive(text).map_err(|()| {
        format!("{column} '{text}' is not a number of seconds; expected a number >= 0 like 90")
    })
}

/// A set's RPE on the 1-10 scale; an empty cell or 0 is no rating (apps
/// write 0 for an empty cell, RULES.md section 10).
pub(crate) fn rpe(text: &str, column: &str) -> Result<Option<f64>, String> {
    match positive(text) {
        Ok(r) if r.is_none_or(|r| r <= 10.0) => Ok(r),
        _ => Err(format!(
            "{column} '{text}' is not an RPE; expected a number from 1 to 10 like 8.5, or empty"
        )),
    }
}

/// A number >= 0 where an empty cell and 0 mean none; `Err` when unreadable.
fn positive(text: &str) -> Result<Option<f64>, ()> {
    if text.is_empty() {
        return Ok(None);
    }
    match number(text) {
        Some(v) if v > 0.0 => Ok(Some(v)),
        // 0 (or -0): none.
        Some(v) if v >= 0.0 => Ok(None),
        _ => Err(()),
    }
}

/// Morning or afternoon on a 12-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Meridiem {
    /// `AM`, `am`, `a.m.`, `a. m.`
    Am,
    /// `PM`, `pm`, `p.m.`, `p. m.`
    Pm,
}

/// Splits a trailing AM/PM marker (any case, with or without dots and
/// spaces: `PM`, `pm`, `p.m.`, `p. m.`) off a date-time; the text is
/// returned trimmed.
pub(crate) fn split_meridiem(text: &str) -> (&str, Option<Meridiem>) {
    let text = text.trim();
    let cut = text
        .rfind(|c: char| c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let marker = &text[cut..];
    if marker
        .chars()
        .any(|c| !(c.is_ascii_alphabetic() || c == '.' || c == ' '))
    {
        return (text, None);
    }
    let letters: String = marker
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let meridiem = match letters.as_str() {
        "am" => Meridiem::Am,
        "pm" => Meridiem::Pm,
        _ => return (text, None),
    };
    (text[..cut].trim_end(), Some(meridiem))
}

/// A time of day `H:MM` or `H:MM:SS` (hour 0-23), or on a 12-hour clock
/// (hour 1-12) when a meridiem is given.
pub(crate) fn clock(text: &str, meridiem: Option<Meridiem>) -> Option<chrono::NaiveTime> {
    let mut parts = text.split(':');
    let hour: u32 = small_number(parts.next()?, 1..=2)?;
    let minute: u32 = small_number(parts.next()?, 2..=2)?;
    let second: u32 = match parts.next() {
        Some(s) => small_number(s, 2..=2)?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let hour = match meridiem {
        None => hour,
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(Meridiem::Am) => hour % 12,
        Some(Meridiem::Pm) => hour % 12 + 12,
    };
    chrono::NaiveTime::from_hms_opt(hour, minute, second)
}

/// A text with the no-break spaces some locales write (U+202F before AM/PM,
/// U+00A0) made plain spaces.
pub(crate) fn plain_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\u{202f}', '\u{a0}']) {
        text.replace(['\u{202f}', '\u{a0}'], " ").into()
    } else {
        text.into()
    }
}
/// Metres per unit of a distance unit as gym apps write it (`m`, `km`,
/// `mi`, `ft`, `yd`, spelt out or not, any case, a trailing dot allowed);
/// `None` for anything else (FitNotes writes `kg` there: an app quirk).
pub(crate) fn metres_per(unit: &str) -> Option<f64> {
    match unit.trim_end_matches('.').to_ascii_lowercase().as_str() {
        "m" | "meter" | "meters" | "metre" | "metres" => Some(1.0),
        "km" | "kms" | "kilometer" | "kilometers" | "kilometre" | "kilometres" => Some(M_PER_KM),
        "mi" | "mile" | "miles" => Some(M_PER_MILE),
        "ft" | "feet" | "foot" => Some(0.3048),
        "yd" | "yds" | "yard" | "yards" => Some(0.9144),
        _ => None,
    }
}
