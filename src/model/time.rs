//! Time units and zones shared by every stage: microsecond constants,
//! IANA zone names, wall-clock times of instants.

/// Microseconds in a minute.
pub(crate) const US_PER_MIN: i64 = 60_000_000;
/// Microseconds in an hour.
pub(crate) const US_PER_H: i64 = 60 * US_PER_MIN;
/// Microseconds in a day of 24 hours.
pub(crate) const US_PER_DAY: i64 = 24 * US_PER_H;

/// The widest real UTC offset (UTC+14; UTC-12 is inside it).
const MAX_OFFSET_S: i64 = 14 * 3600;
/// Real UTC offsets are whole quarter hours.
const OFFSET_STEP_S: i64 = 15 * 60;

/// `offset_s` if it is a believable UTC offset (within 14 h, whole quarter
/// hours); else `None`, and the roster's zone places the time.
pub(crate) fn sane_offset_s(offset_s: i64) -> Option<i32> {
    if offset_s.abs() <= MAX_OFFSET_S && offset_s % OFFSET_STEP_S == 0 {
        i32::try_from(offset_s).ok()
    } else {
        None
    }
}

/// Parses an IANA zone name.
pub(crate) fn parse_tz(name: &str) -> Option<chrono_tz::Tz> {
    name.trim().parse().ok()
}

/// Wall-clock time of a UTC instant at a fixed offset.
pub(crate) fn local_datetime(utc_us: i64, offset_s: i32) -> chrono::NaiveDateTime {
    let local_us = utc_us + i64::from(offset_s) * 1_000_000;
    chrono::DateTime::from_timestamp_micros(local_us)
        .unwrap_or_default()
        .naive_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timezone_names_are_checked() {
        assert!(parse_tz("Europe/Amsterdam").is_some());
        assert!(parse_tz("Mars/Olympus").is_none());
    }

    #[test]
    fn units_nest() {
        assert_eq!(US_PER_DAY, 86_400_000_000);
        assert_eq!(US_PER_H, 3_600_000_000);
    }
}
