//! The values Strong writes its own way: the workout's `Date` (local
//! wall-clock, 24-hour or with am/pm), its duration (`1h 5m`, `46min`,
//! `1h 15min`, `22s`), the set order (numbers, `W` warm-up, `D` drop set,
//! `F` failure, `Rest Timer` and `Note` rows) and the units of the
//! semicolon formats' `Weight Unit` and `Distance Unit` columns.

use chrono::NaiveDate;

use crate::ingest::gym::values::{clock, number, plain_spaces, split_meridiem};
use crate::ingest::timefmt::parse_time;
use crate::model::{SetKind, StartTime};

/// What a date should look like, for messages.
pub(super) const EXPECTED_DATE: &str =
    "expected a local date-time like '2022-07-28 20:14:20' or '2025-01-30 1:34:56 pm'";

/// What a duration should look like, for messages.
pub(super) const EXPECTED_DURATION: &str =
    "expected a duration like '1h 5m', '47m', '46min', '1h 15min' or '22s'";

/// What a set order should look like, for messages.
pub(super) const EXPECTED_SET_ORDER: &str =
    "expected a set number, W (warm-up), D (drop set), F (failure), 'Rest Timer' or 'Note'";

/// A `Date`: `2022-07-28 20:14:20` (local wall-clock), the same on a
/// 12-hour clock (`2025-01-30 1:34:56 pm`, maybe with U+202F before pm),
/// or any form of the canonical CSV's starts.
pub(super) fn parse_date(text: &str) -> Option<StartTime> {
    let text = plain_spaces(text);
    let (text, meridiem) = split_meridiem(&text);
    if meridiem.is_none() {
        if let Some(t) = parse_time(text) {
            return Some(t);
        }
    }
    let (date, time) = text.split_once([' ', 'T'])?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    Some(StartTime::Naive(
        date.and_time(clock(time.trim(), meridiem)?),
    ))
}

/// A workout duration in seconds: hours, minutes and seconds each with its
/// unit (`1h 5m`, `2h 18m`, `46min`, `1h 15min`, `22s`), or `1:05:00`.
pub(super) fn parse_duration_s(text: &str) -> Option<f64> {
    let text = text.to_lowercase();
    if text.contains(':') {
        return crate::ingest::columns::clock_s(text.trim());
    }
    let (mut rest, mut total_s, mut last_rank) = (text.trim(), 0.0, 0);
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let amount: f64 = rest[..end].parse().ok()?;
        rest = rest[end..].trim_start();
        let end = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let (s_per_unit, rank) = match &rest[..end] {
            "h" | "hr" | "hrs" | "hour" | "hours" => (3600.0, 1),
            "m" | "min" | "mins" | "minute" | "minutes" => (60.0, 2),
            "s" | "sec" | "secs" | "second" | "seconds" => (1.0, 3),
            _ => return None,
        };
        // Each unit once, largest first.
        if rank <= last_rank {
            return None;
        }
        last_rank = rank;
        total_s += amount * s_per_unit;
        rest = rest[end..].trim_start();
    }
    (last_rank > 0).then_some(total_s)
}

/// A row's kind from its set order (and a `Rest Timer` exercise); `None`
/// for an order Strong does not write.
pub(super) fn set_kind(order: &str, exercise: &str) -> Option<SetKind> {
    if exercise.eq_ignore_ascii_case("rest timer") {
        return Some(SetKind::Rest);
    }
    match order.to_ascii_lowercase().as_str() {
        "" | "d" => Some(SetKind::Working),
        "w" => Some(SetKind::Warmup),
        "f" => Some(SetKind::Failure),
        // A note row is not a set either; `Rest` is the model's kind for
        // rows that are not sets.
        "rest timer" | "note" => Some(SetKind::Rest),
        _ => number(order)
            .filter(|n| *n >= 0.0 && n.fract() == 0.0)
            .map(|_| SetKind::Working),
    }
}

pub(super) use crate::ingest::gym::values::metres_per;
