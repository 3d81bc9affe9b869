//! Placing wall-clock times in a time zone, DST-correct: a time that does not
//! exist moves forward, an ambiguous one takes the earlier instant.

use chrono::{NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

/// A local time placed on the UTC time line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// Microseconds since the Unix epoch.
    pub utc_us: i64,
    /// Offset in force at that instant, seconds east of UTC.
    pub offset_s: i32,
    /// Set when the wall-clock time was skipped or repeated by a DST change.
    pub dst: Option<DstCase>,
}

/// What a DST change did to a wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DstCase {
    /// The time does not exist (clocks jumped forward); it was moved forward.
    Nonexistent,
    /// The time happened twice (clocks fell back); the earlier was taken.
    Ambiguous,
}

/// Places a wall-clock time of zone `tz` on the UTC time line.
pub fn place(tz: Tz, local: NaiveDateTime) -> Placed {
    let placed = |dt: chrono::DateTime<Tz>, dst| Placed {
        utc_us: dt.timestamp_micros(),
        offset_s: dt.offset().fix().local_minus_utc(),
        dst,
    };
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(dt) => placed(dt, None),
        chrono::LocalResult::Ambiguous(earlier, _) => placed(earlier, Some(DstCase::Ambiguous)),
        chrono::LocalResult::None => {
            // Read the time with the offset in force before the jump: 02:30 becomes 03:30.
            let before = tz
                .offset_from_utc_datetime(&(local - chrono::Duration::days(1)))
                .fix();
            let utc = local - chrono::Duration::seconds(i64::from(before.local_minus_utc()));
            placed(tz.from_utc_datetime(&utc), Some(DstCase::Nonexistent))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Amsterdam;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn winter_and_summer_offsets_differ() {
        assert_eq!(place(Amsterdam, at("2026-01-10 08:00")).offset_s, 3600);
        assert_eq!(place(Amsterdam, at("2026-07-10 08:00")).offset_s, 7200);
    }

    #[test]
    fn nonexistent_time_moves_forward() {
        let p = place(Amsterdam, at("2026-03-29 02:30"));
        assert_eq!(p.dst, Some(DstCase::Nonexistent));
        assert_eq!(p.utc_us, place(Amsterdam, at("2026-03-29 03:30")).utc_us);
    }

    #[test]
    fn ambiguous_time_takes_the_earlier_instant() {
        let p = place(Amsterdam, at("2026-10-25 02:30"));
        assert_eq!(p.dst, Some(DstCase::Ambiguous));
        assert_eq!(p.offset_s, 7200);
    }
}
