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

const US_PER_HOUR: i64 = 3_600_000_000;
/// Slots of a [`PlaceCache`]: a season's training hours in a few zones.
const CACHE_SLOTS: usize = 1 << 12;

/// The offsets of wall-clock hours placed before, per zone: nearly every
/// session starts in an hour some session started in before, and placing a
/// time through the zone's rules was a sixth of reading a canonical CSV.
pub struct PlaceCache {
    /// Direct-mapped by zone and hour: (zone, local hour, offset in seconds).
    slots: Vec<Option<(Tz, i64, i32)>>,
}

impl Default for PlaceCache {
    fn default() -> PlaceCache {
        PlaceCache {
            slots: vec![None; CACHE_SLOTS],
        }
    }
}

impl PlaceCache {
    /// Places `local` as [`place`] does.
    pub fn place(&mut self, tz: Tz, local: NaiveDateTime) -> Placed {
        let local_us = local.and_utc().timestamp_micros();
        let hour = local_us.div_euclid(US_PER_HOUR);
        let slot = (hour as usize ^ (tz as usize).wrapping_mul(0x9e37_79b9)) % CACHE_SLOTS;
        if let Some((zone, h, offset_s)) = self.slots[slot] {
            if zone == tz && h == hour {
                let utc_us = local_us - i64::from(offset_s) * 1_000_000;
                return Placed {
                    utc_us,
                    offset_s,
                    dst: None,
                };
            }
        }
        let placed = place(tz, local);
        if placed.dst.is_none() && hour_has_one_offset(tz, hour, placed.offset_s) {
            self.slots[slot] = Some((tz, hour, placed.offset_s));
        }
        placed
    }
}

/// Whether every wall-clock time of local `hour` has the one offset
/// `offset_s`: its first and last microsecond do, so no offset change lies
/// inside it (zones change offset at most once within an hour).
fn hour_has_one_offset(tz: Tz, hour: i64, offset_s: i32) -> bool {
    let first_us = hour.saturating_mul(US_PER_HOUR);
    [first_us, first_us.saturating_add(US_PER_HOUR - 1)]
        .into_iter()
        .all(|us| {
            let Some(local) = chrono::DateTime::from_timestamp_micros(us) else {
                return false;
            };
            let p = place(tz, local.naive_utc());
            p.dst.is_none() && p.offset_s == offset_s
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Amsterdam;

    #[test]
    fn cached_placing_is_placing_across_dst_changes_and_zones() {
        let mut cache = PlaceCache::default();
        let zones = [
            Amsterdam,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::America::St_Johns,
            chrono_tz::UTC,
        ];
        let start = at("2026-03-27 00:00");
        // Every 7 minutes over two DST changes, twice: the second pass from the cache.
        for _ in 0..2 {
            for step in 0..(220 * 24 * 60 / 7) {
                let local = start + chrono::Duration::minutes(7 * step);
                for tz in zones {
                    assert_eq!(cache.place(tz, local), place(tz, local), "{tz} {local}");
                }
            }
        }
    }

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
