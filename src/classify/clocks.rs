//! Which athletes' logs mix two kinds of clock with nothing to join them:
//! local wall-clock times (gym apps, Garmin lists, canonical rows without an
//! offset) read in `--tz` because the roster gives the athlete no zone,
//! beside UTC instants (Strava, FIT). Gaps between the two kinds are then
//! off by the athlete's real offset, silently; each such athlete gets a
//! note (`local_time_in_default_zone`).

use std::sync::Mutex;

use foldhash::HashMap;

use crate::model::{Note, StartTime};

/// A local wall-clock time placed in `--tz` (the athlete has no zone).
const LOCAL_IN_DEFAULT: u8 = 1;
/// A UTC instant.
const INSTANT: u8 = 2;

/// The kind of clock `start` gives an athlete with (`zoned`) or without a
/// roster zone; 0 for a date, or for any start of a zoned athlete.
fn kind(start: &StartTime, zoned: bool) -> u8 {
    match start {
        _ if zoned => 0,
        StartTime::Naive(_) => LOCAL_IN_DEFAULT,
        StartTime::Utc(_) | StartTime::Instant { .. } => INSTANT,
        StartTime::Date(_) => 0,
    }
}

/// The kinds of clock one file (or chunk) gave the athletes it met, joined
/// into [`Clocks`] once: a file of one athlete costs one entry, whatever
/// the number of athletes in the run.
#[derive(Default)]
pub(super) struct Seen {
    kinds: HashMap<u32, u8>,
    /// The last athlete added and the kinds it has so far: rows of one
    /// athlete come together, and then no lookup is made.
    last: Option<(u32, u8)>,
}

impl Seen {
    /// Notes the clock of `start`, of athlete `number`.
    pub(super) fn add(&mut self, number: u32, start: &StartTime, zoned: bool) {
        let k = kind(start, zoned);
        if k == 0
            || self
                .last
                .is_some_and(|(n, kinds)| n == number && kinds & k != 0)
        {
            return;
        }
        let kinds = self.kinds.entry(number).or_default();
        *kinds |= k;
        self.last = Some((number, *kinds));
    }
}

/// The kinds of clock every athlete's starts gave, by athlete number.
#[derive(Default)]
pub(super) struct Clocks(Mutex<Vec<u8>>);

impl Clocks {
    /// Adds what one file gave.
    pub(super) fn join(&self, seen: Seen) {
        if seen.kinds.is_empty() {
            return;
        }
        let mut all = self.0.lock().unwrap_or_else(|e| e.into_inner());
        for (number, k) in seen.kinds {
            let i = number as usize;
            if all.len() <= i {
                all.resize(i + 1, 0);
            }
            all[i] |= k;
        }
    }

    /// A note for each athlete (by number, named by `ids`) whose starts
    /// gave both kinds; `zone` is `--tz`.
    pub(super) fn notes(&self, ids: &[impl AsRef<str>], zone: &str) -> Vec<Note> {
        let all = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let mixed = all
            .iter()
            .enumerate()
            .filter(|(_, k)| **k == LOCAL_IN_DEFAULT | INSTANT);
        mixed
            .filter_map(|(n, _)| ids.get(n))
            .map(|id| {
                let detail = format!(
                    "local wall-clock times (a gym app's, say) beside UTC times (Strava's, FIT's), and no time zone in the roster: the local times were read in {zone} (--tz); if that is not the athlete's zone, gaps between the two are off by the difference (give the athlete a timezone in the roster)"
                );
                Note::athlete("local_time_in_default_zone", id.as_ref(), detail)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive() -> StartTime {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        StartTime::Naive(day.and_hms_opt(17, 40, 0).unwrap())
    }

    #[test]
    fn only_an_athlete_without_a_zone_and_with_both_clocks_is_noted() {
        let clocks = Clocks::default();
        let mut first = Seen::default();
        first.add(0, &naive(), false);
        first.add(1, &naive(), false);
        first.add(2, &naive(), true);
        clocks.join(first);
        let mut second = Seen::default();
        second.add(0, &StartTime::Utc(0), false);
        second.add(2, &StartTime::Utc(0), true);
        second.add(3, &StartTime::Utc(0), false);
        clocks.join(second);
        let notes = clocks.notes(&["eva", "ben", "zoe", "max"], "UTC");
        let named: Vec<&str> = notes.iter().map(|n| n.athlete_id.as_str()).collect();
        assert_eq!(named, ["eva"]);
        assert_eq!(notes[0].kind, "local_time_in_default_zone");
        assert!(notes[0].detail.contains("read in UTC (--tz)"));
    }
}
