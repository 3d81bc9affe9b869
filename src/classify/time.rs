//! Placing wall-clock times in a time zone, DST-correct: a time that does not
//! exist moves forward, an ambiguous one takes the earlier instant; and the
//! start of a session or a workout, in whichever form its file gives it.

use crate::model::{local_datetime, StartTime, US_PER_DAY};
use chrono::{NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

/// A local time placed on the UTC time line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placed {
    /// Microseconds since the Unix epoch.
    pub(crate) utc_us: i64,
    /// Offset in force at that instant, seconds east of UTC.
    pub(crate) offset_s: i32,
    /// Set when the wall-clock time was skipped or repeated by a DST change.
    pub(crate) dst: Option<DstCase>,
}

/// What a DST change did to a wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DstCase {
    /// The time does not exist (clocks jumped forward); it was moved forward.
    Nonexistent,
    /// The time happened twice (clocks fell back); the earlier was taken.
    Ambiguous,
}

impl DstCase {
    /// What the change did, as the notes say it.
    pub(crate) fn what(self) -> &'static str {
        match self {
            DstCase::Nonexistent => "does not exist (clocks went forward); moved forward",
            DstCase::Ambiguous => "happens twice (clocks went back); the earlier one is used",
        }
    }
}

/// A start placed on the time line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Start {
    /// Microseconds since the Unix epoch.
    pub(crate) utc_us: i64,
    /// Offset in force at the start, seconds east of UTC.
    pub(crate) offset_s: i32,
    /// A date without a time of day, placed at its 00:00.
    pub(crate) date_only: bool,
    /// Set when a wall-clock start was skipped or repeated by a DST change.
    pub(crate) dst: Option<DstCase>,
}

/// Places a start (a session's or a workout's) in the athlete's zone `tz`:
/// an instant keeps its offset, a UTC time takes the zone's, a wall-clock
/// time is placed DST-correct, and a date is its 00:00 (00:00 exists in
/// nearly every zone; where it does not, it moves forward).
pub(super) fn place_start(time: &StartTime, tz: Tz, places: &mut PlaceCache) -> Start {
    let fixed = |utc_us, offset_s| Start {
        utc_us,
        offset_s,
        date_only: false,
        dst: None,
    };
    match *time {
        StartTime::Instant { utc_us, offset_s } => fixed(utc_us, offset_s),
        StartTime::Utc(utc_us) => {
            let offset = tz.offset_from_utc_datetime(&local_datetime(utc_us, 0));
            fixed(utc_us, offset.fix().local_minus_utc())
        }
        StartTime::Naive(local) => {
            let p = places.place(tz, local);
            Start {
                dst: p.dst,
                ..fixed(p.utc_us, p.offset_s)
            }
        }
        StartTime::Date(date) => {
            let p = places.place(tz, date.and_hms_opt(0, 0, 0).unwrap_or_default());
            Start {
                date_only: true,
                ..fixed(p.utc_us, p.offset_s)
            }
        }
    }
}

/// Places a wall-clock time of zone `tz` on the UTC time line.
pub(crate) fn place(tz: Tz, local: NaiveDateTime) -> Placed {
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

/// Days a [`PlaceCache`] holds per zone (direct-mapped by day: a span of
/// 2.8 years without two days in one slot) and zones it holds at most.
const CACHE_DAYS: usize = 1 << 10;
const CACHE_ZONES: usize = 32;

/// The offsets of wall-clock days placed before, per zone: nearly every
/// session starts on a day some session started on before, and placing a
/// time through the zone's rules is dear (BENCHMARKS.md).
#[derive(Default)]
pub(crate) struct PlaceCache {
    /// Per zone met, by day modulo `CACHE_DAYS`: (local day, offset in seconds).
    zones: Vec<(Tz, Vec<(i64, i32)>)>,
}

impl PlaceCache {
    /// Places `local` as [`place`] does.
    pub(crate) fn place(&mut self, tz: Tz, local: NaiveDateTime) -> Placed {
        let local_us = local.and_utc().timestamp_micros();
        let day = local_us.div_euclid(US_PER_DAY);
        let slot = day.rem_euclid(CACHE_DAYS as i64) as usize;
        let days = self.days(tz);
        let (d, offset_s) = days[slot];
        if d == day {
            let utc_us = local_us - i64::from(offset_s) * 1_000_000;
            return Placed {
                utc_us,
                offset_s,
                dst: None,
            };
        }
        let placed = place(tz, local);
        if placed.dst.is_none() && day_has_one_offset(tz, day, placed.offset_s) {
            days[slot] = (day, placed.offset_s);
        }
        placed
    }

    /// The day slots of zone `tz`, made when first met (past `CACHE_ZONES`
    /// zones, the last one's are taken over).
    fn days(&mut self, tz: Tz) -> &mut [(i64, i32)] {
        let i = match self.zones.iter().position(|(zone, _)| *zone == tz) {
            Some(i) => i,
            None => {
                let empty = vec![(i64::MIN, 0); CACHE_DAYS];
                if self.zones.len() == CACHE_ZONES {
                    self.zones.pop();
                }
                self.zones.push((tz, empty));
                self.zones.len() - 1
            }
        };
        &mut self.zones[i].1
    }

    /// Runs `f` with this thread's cache: the readers' threads keep theirs
    /// from chunk to chunk and file to file.
    pub(crate) fn with<R>(f: impl FnOnce(&mut PlaceCache) -> R) -> R {
        thread_local! {
            static CACHE: std::cell::RefCell<PlaceCache> = std::cell::RefCell::default();
        }
        CACHE.with(|cache| f(&mut cache.borrow_mut()))
    }
}

/// Whether every wall-clock time of local `day` has the one offset
/// `offset_s`: it does at 00:00, every 6 hours and at the day's last
/// microsecond, so no offset change lies inside it (a zone changes its
/// offset at most once in 6 hours).
fn day_has_one_offset(tz: Tz, day: i64, offset_s: i32) -> bool {
    let first_us = day.saturating_mul(US_PER_DAY);
    let quarter_us = US_PER_DAY / 4;
    let points = [
        0,
        quarter_us,
        2 * quarter_us,
        3 * quarter_us,
        US_PER_DAY - 1,
    ];
    points.into_iter().all(|after_us| {
        let Some(local) =
            chrono::DateTime::from_timestamp_micros(first_us.saturating_add(after_us))
        else {
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

    /// 2026-03-29, when Amsterdam skips 02:00-03:00.
    fn spring_day() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 29).unwrap()
    }

    #[test]
    fn a_skipped_wall_clock_start_moves_forward_and_says_so() {
        let skipped = StartTime::Naive(spring_day().and_hms_opt(2, 30, 0).unwrap());
        let start = place_start(&skipped, Amsterdam, &mut PlaceCache::default());
        let at = Amsterdam.with_ymd_and_hms(2026, 3, 29, 3, 30, 0).unwrap();
        assert_eq!(start.utc_us, at.timestamp_micros());
        assert_eq!(
            (start.offset_s, start.dst),
            (7200, Some(DstCase::Nonexistent))
        );
    }

    #[test]
    fn a_date_is_its_midnight_and_date_only() {
        let date = place_start(
            &StartTime::Date(spring_day()),
            Amsterdam,
            &mut PlaceCache::default(),
        );
        assert_eq!(
            (date.offset_s, date.date_only, date.dst),
            (3600, true, None)
        );
        let midnight = Amsterdam.with_ymd_and_hms(2026, 3, 29, 0, 0, 0).unwrap();
        assert_eq!(date.utc_us, midnight.timestamp_micros());
    }

    #[test]
    fn a_utc_start_takes_the_zones_offset_and_an_instant_keeps_its_own() {
        let noon_us = spring_day()
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp_micros();
        let mut cache = PlaceCache::default();
        let utc = place_start(&StartTime::Utc(noon_us), Amsterdam, &mut cache);
        assert_eq!(
            (utc.utc_us, utc.offset_s, utc.date_only),
            (noon_us, 7200, false)
        );
        let instant = StartTime::Instant {
            utc_us: noon_us,
            offset_s: -18_000,
        };
        assert_eq!(
            place_start(&instant, Amsterdam, &mut cache).offset_s,
            -18_000
        );
    }
}
