//! Reading the date-times of the canonical CSV: RFC 3339 with an offset, a
//! local wall-clock date-time, or a bare date.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::model::StartTime;

/// What a time field should look like, for messages.
pub(crate) const EXPECTED_TIME: &str =
    "expected RFC 3339 (2026-03-02T08:00:00+01:00 or ...Z), a local date-time (2026-03-02 08:00) or a date (2026-03-02)";

const NAIVE_FORMATS: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

const OFFSET_FORMATS: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f%#z",
    "%Y-%m-%d %H:%M:%S%.f%#z",
    "%Y-%m-%dT%H:%M%#z",
    "%Y-%m-%d %H:%M%#z",
];

/// Parses a start or end value; `None` if it is not one of the accepted forms.
pub(crate) fn parse_time(text: &str) -> Option<StartTime> {
    let text = super::columns::trim(text);
    // Most rows are a plain local time or a date: read those without chrono's
    // format interpreter, which dominated reading large files.
    if let Some(fast) = parse_plain(text.as_bytes()) {
        return Some(fast);
    }
    if text.len() == 10 {
        return NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .map(StartTime::Date);
    }
    let with_z = text.strip_suffix(['Z', 'z']).map(|t| format!("{t}+00:00"));
    let offset_text = with_z.as_deref().unwrap_or(text);
    for format in OFFSET_FORMATS {
        if let Ok(dt) = DateTime::parse_from_str(offset_text, format) {
            return Some(StartTime::Instant {
                utc_us: dt.timestamp_micros(),
                offset_s: dt.offset().local_minus_utc(),
            });
        }
    }
    NAIVE_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .map(StartTime::Naive)
}

/// `YYYY-MM-DD`, or that with `T` or a space and `HH:MM` or `HH:MM:SS`,
/// optionally followed by `Z` or `±HH:MM`; `None` for anything else
/// (including impossible dates), left to the formats.
fn parse_plain(b: &[u8]) -> Option<StartTime> {
    let (b, offset_s) = match split_offset(b) {
        Some((local, offset_s)) => (local, Some(offset_s)),
        None => (b, None),
    };
    let local = parse_local(b)?;
    match (local, offset_s) {
        (local, None) => Some(local),
        (StartTime::Naive(n), Some(offset_s)) => Some(StartTime::Instant {
            utc_us: n.and_utc().timestamp_micros() - i64::from(offset_s) * 1_000_000,
            offset_s,
        }),
        _ => None,
    }
}

/// Splits a trailing `Z` or `±HH:MM` (hours below 24) off a date-time.
fn split_offset(b: &[u8]) -> Option<(&[u8], i32)> {
    match b.len() {
        17 | 20 if matches!(b[b.len() - 1], b'Z' | b'z') => Some((&b[..b.len() - 1], 0)),
        22 | 25 => {
            let (local, tail) = b.split_at(b.len() - 6);
            let sign = match tail[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hours = digits(&tail[1..3])?;
            let minutes = digits(&tail[4..6])?;
            (tail[3] == b':' && hours < 24 && minutes < 60)
                .then(|| (local, sign * (hours * 3600 + minutes * 60) as i32))
        }
        _ => None,
    }
}

/// The number an all-digit byte run spells; `None` for any other byte.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// `YYYY-MM-DD`, or that with `T` or a space and `HH:MM` or `HH:MM:SS`.
fn parse_local(b: &[u8]) -> Option<StartTime> {
    let num = |range: std::ops::Range<usize>| digits(b.get(range)?);
    if !matches!(b.len(), 10 | 16 | 19) || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
    if b.len() == 10 {
        return Some(StartTime::Date(date));
    }
    if !matches!(b[10], b'T' | b' ') || b[13] != b':' || (b.len() == 19 && b[16] != b':') {
        return None;
    }
    let second = if b.len() == 19 { num(17..19)? } else { 0 };
    let time = chrono::NaiveTime::from_hms_opt(num(11..13)?, num(14..16)?, second)?;
    Some(StartTime::Naive(date.and_time(time)))
}

/// Seconds from `start` to `end` when both are written the same way.
///
/// Two instants differ exactly; otherwise wall-clock readings are compared,
/// which is what a hand-kept log means by "from 08:00 to 09:15".
pub(crate) fn seconds_between(start: &StartTime, end: &StartTime) -> f64 {
    match (start, end) {
        (StartTime::Instant { utc_us: a, .. }, StartTime::Instant { utc_us: b, .. }) => {
            (b - a) as f64 / 1e6
        }
        _ => {
            let (a, b) = (wall_clock(start), wall_clock(end));
            (b - a).num_microseconds().unwrap_or(i64::MAX) as f64 / 1e6
        }
    }
}

fn wall_clock(t: &StartTime) -> NaiveDateTime {
    match t {
        StartTime::Instant { utc_us, offset_s } => crate::model::local_datetime(*utc_us, *offset_s),
        StartTime::Utc(utc_us) => crate::model::local_datetime(*utc_us, 0),
        StartTime::Naive(n) => *n,
        StartTime::Date(d) => d.and_hms_opt(0, 0, 0).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the chrono formats alone make of a text with an offset.
    fn by_formats(text: &str) -> Option<StartTime> {
        let with_z = text.strip_suffix(['Z', 'z']).map(|t| format!("{t}+00:00"));
        let text = with_z.as_deref().unwrap_or(text);
        OFFSET_FORMATS.iter().find_map(|f| {
            let dt = DateTime::parse_from_str(text, f).ok()?;
            Some(StartTime::Instant {
                utc_us: dt.timestamp_micros(),
                offset_s: dt.offset().local_minus_utc(),
            })
        })
    }

    #[test]
    fn fast_offsets_read_as_the_chrono_formats_do() {
        for text in [
            "2026-03-02T08:00:00+01:00",
            "2026-03-02 08:00:00-05:30",
            "2026-03-02T08:00+14:00",
            "2026-12-31T23:59-00:00",
            "1969-12-31T23:59:59+23:59",
            "2026-03-02T08:00:00Z",
            "2026-03-02T08:00z",
        ] {
            let fast = parse_plain(text.as_bytes());
            assert!(fast.is_some(), "{text} takes the fast path");
            assert_eq!(fast, by_formats(text), "{text}");
        }
    }

    #[test]
    fn odd_offsets_are_left_to_the_formats() {
        for text in [
            "2026-03-02T08:00:00+24:00",
            "2026-03-02T08:00:00+01:60",
            "2026-03-02T08:00:00+0100",
            "2026-03-02T08:00:00*01:00",
            "2026-02-30T08:00:00+01:00",
            "2026-03-02+01:00",
        ] {
            assert_eq!(parse_plain(text.as_bytes()), None, "{text}");
        }
    }

    #[test]
    fn rfc3339_with_offset_gives_the_instant() {
        let t = parse_time("2026-03-02T08:00:00+01:00").unwrap();
        assert_eq!(
            t,
            StartTime::Instant {
                utc_us: 1_772_434_800_000_000,
                offset_s: 3600
            }
        );
    }

    #[test]
    fn z_suffix_means_utc() {
        let t = parse_time("2026-03-02T07:00:00Z").unwrap();
        assert!(matches!(
            t,
            StartTime::Instant {
                utc_us: 1_772_434_800_000_000,
                offset_s: 0
            }
        ));
    }

    #[test]
    fn offset_without_colon_and_fractions_are_read() {
        assert!(matches!(
            parse_time("2026-03-02 08:00:00.5+0100"),
            Some(StartTime::Instant { .. })
        ));
    }

    #[test]
    fn naive_date_time_is_local() {
        assert!(matches!(
            parse_time("2026-03-02 08:00"),
            Some(StartTime::Naive(_))
        ));
        assert!(matches!(
            parse_time("2026-03-02T08:00:30"),
            Some(StartTime::Naive(_))
        ));
    }

    #[test]
    fn plain_forms_read_like_the_formats() {
        for text in [
            "2026-03-02",
            "2026-03-02T08:00",
            "2026-03-02 08:00:30",
            "2026-12-31T23:59:59",
        ] {
            let fast = parse_plain(text.as_bytes());
            assert!(fast.is_some(), "{text}");
            let slow = if text.len() == 10 {
                NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .ok()
                    .map(StartTime::Date)
            } else {
                NAIVE_FORMATS
                    .iter()
                    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
                    .map(StartTime::Naive)
            };
            assert_eq!(fast, slow, "{text}");
        }
    }

    #[test]
    fn plain_reader_leaves_other_forms_to_the_formats() {
        for text in [
            "2026-02-30",
            "2026-03-02T24:00",
            "2026-03-02X08:00",
            "2026-3-2",
            "+2026-03-02",
        ] {
            assert_eq!(parse_plain(text.as_bytes()), None, "{text}");
        }
    }

    #[test]
    fn bare_date_is_date_only() {
        assert!(matches!(parse_time("2026-03-02"), Some(StartTime::Date(_))));
    }

    #[test]
    fn impossible_dates_and_garbage_are_rejected() {
        assert_eq!(parse_time("2026-02-30 10:00"), None);
        assert_eq!(parse_time("2026-03-02T25:00"), None);
        assert_eq!(parse_time("yesterday"), None);
        assert_eq!(parse_time(""), None);
    }

    #[test]
    fn end_minus_start_uses_wall_clock_for_naive_times() {
        let a = parse_time("2026-03-02 08:00").unwrap();
        let b = parse_time("2026-03-02 09:15").unwrap();
        assert_eq!(seconds_between(&a, &b), 4500.0);
    }
}
