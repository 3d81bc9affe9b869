//! The session schedule per kind of athlete: the session kinds as written,
//! the week being planned and each group's weekly plan.

use super::rng::Rng;

/// What a session is, as written: (modality, sport, sub_sport), with FIT profile
/// names except in the TrainingPeaks-style `TP_*` kinds.
pub(super) type Kind = (&'static str, &'static str, &'static str);
const STRENGTH: Kind = ("strength", "training", "strength_training");
const RUN: Kind = ("endurance", "running", "");
const TRAIL_RUN: Kind = ("endurance", "running", "trail");
const ROAD_RIDE: Kind = ("endurance", "cycling", "road");
const INDOOR_RIDE: Kind = ("endurance", "cycling", "indoor_cycling");
const INDOOR_ROW: Kind = ("endurance", "fitness_equipment", "indoor_rowing");
const SWIM: Kind = ("endurance", "swimming", "lap_swimming");
const TP_RUN: Kind = ("endurance", "Run", "");
const TP_BIKE: Kind = ("endurance", "Bike", "");
const TP_SWIM: Kind = ("endurance", "Swim", "");
const TP_STRENGTH: Kind = ("strength", "Strength", "");
const LIGHT_KINDS: [Kind; 4] = [
    ("mixed", "training", "cardio_training"),
    ("mixed", "hiit", ""),
    ("other", "walking", ""),
    ("other", "training", "yoga"),
];
const EASY_KINDS: [Kind; 5] = [RUN, RUN, TRAIL_RUN, ROAD_RIDE, SWIM];
const CLUB_KINDS: [Kind; 5] = [TP_RUN, TP_RUN, TP_BIKE, TP_SWIM, TP_STRENGTH];
/// Every endurance kind the schedules write.
const ENDURANCE_KINDS: [Kind; 9] = [
    RUN,
    TRAIL_RUN,
    ROAD_RIDE,
    INDOOR_RIDE,
    INDOOR_ROW,
    SWIM,
    TP_RUN,
    TP_BIKE,
    TP_SWIM,
];
const SPRINT_LIFT_STARTS: [u32; 5] = [hm(10, 0), hm(10, 0), hm(10, 0), hm(9, 0), hm(10, 30)];
const EASY_STARTS: [u32; 4] = [hm(6, 30), hm(7, 0), hm(17, 30), hm(18, 0)];

/// Whether the schedules write `sport` for endurance sessions only.
pub(super) fn is_endurance_sport(sport: &str) -> bool {
    ENDURANCE_KINDS.iter().any(|&(_, s, _)| s == sport)
}

/// One planned session of a week.
pub(super) struct Planned {
    pub(super) day: usize,
    pub(super) start_min_of_day: u32,
    pub(super) duration_min: u32,
    pub(super) kind: Kind,
}

/// A week being planned: the athlete's random stream and the sessions so far.
pub(super) struct Week {
    pub(super) rng: Rng,
    pub(super) plan: Vec<Planned>,
}

impl Week {
    /// Adds a session of `lo..=hi` minutes and returns its end as minute of day.
    fn add(&mut self, day: usize, start_min_of_day: u32, (lo, hi): (u32, u32), kind: Kind) -> u32 {
        let duration_min = self.rng.range(lo, hi);
        let planned = Planned {
            day,
            start_min_of_day,
            duration_min,
            kind,
        };
        self.plan.push(planned);
        start_min_of_day + duration_min
    }

    /// A quarter hour from `earliest` to `latest` (minutes of day).
    fn time(&mut self, earliest: u32, latest: u32) -> u32 {
        earliest + 15 * self.rng.range(0, (latest - earliest) / 15)
    }

    /// Sometimes a short mixed or other session, at a time the group leaves free.
    fn maybe_light(&mut self, pct: u64, start_min_of_day: u32) {
        if self.rng.chance(pct) {
            let (day, kind) = (self.rng.below(7) as usize, self.rng.pick(&LIGHT_KINDS));
            self.add(day, start_min_of_day, (20, 45), kind);
        }
    }
}

const fn hm(hour: u32, minute: u32) -> u32 {
    hour * 60 + minute
}

/// Sprinter weeks, Monday first: `L` a lift (from 09:00-10:30, done by 11:45 unless
/// a mistake), `T` track (from 15:00-17:30), `E` early track (done by 08:00), `-`
/// rest. Every lift lies at least 24 h from every run, also across the week's ends.
const SPRINT_WEEKS: [&[u8; 7]; 4] = [b"LTELTEL", b"LLTTEL-", b"LTELLTE", b"LTTELT-"];

/// Two or three lifts kept 24 h from three or four track sessions, and now and
/// then the classic mistakes of power athletes.
pub(super) fn plan_sprinters(w: &mut Week) {
    for (day, slot) in w.rng.pick(&SPRINT_WEEKS).iter().enumerate() {
        let (start, longest_min) = match slot {
            b'L' => {
                plan_sprinter_lift(w, day);
                continue;
            }
            b'T' => (w.time(hm(15, 0), hm(17, 30)), 90),
            // Done by 08:00, so a 09:00 lift is still 24 h away when summer time starts.
            b'E' => (w.time(hm(6, 30), hm(7, 0)), 60),
            _ => continue,
        };
        w.add(day, start, (45, longest_min), RUN);
    }
    w.maybe_light(40, hm(20, 0));
}

fn plan_sprinter_lift(w: &mut Week, day: usize) {
    let (start, mistake) = (w.rng.pick(&SPRINT_LIFT_STARTS), w.rng.below(100));
    if mistake < 6 {
        // Run first, lifting straight after: the order breach.
        let run_end = w.add(day, start, (25, 40), RUN);
        let gap_min = w.rng.range(0, 10);
        w.add(day, run_end + gap_min, (45, 75), STRENGTH);
    } else {
        w.add(day, start, (45, 75), STRENGTH);
    }
    if (6..30).contains(&mistake) {
        // Track the same afternoon: far under the 24 h a power athlete needs.
        let run_start = w.rng.pick(&[hm(16, 0), hm(17, 30)]);
        w.add(day, run_start, (45, 90), RUN);
    }
}

/// Two lifts and five to eight endurance sessions, with double days and warm-ups.
pub(super) fn plan_distance(w: &mut Week) {
    let first_lift_day = w.rng.below(2) as usize;
    for day in 0..7 {
        if day == first_lift_day || day == first_lift_day + 3 {
            plan_distance_lift_day(w, day);
        } else if day == 6 {
            let (start, kind) = (w.time(hm(8, 0), hm(9, 30)), w.rng.pick(&EASY_KINDS));
            w.add(day, start, (90, 150), kind);
        } else if w.rng.chance(85) {
            let (start, kind) = (w.rng.pick(&EASY_STARTS), w.rng.pick(&EASY_KINDS));
            w.add(day, start, (30, 90), kind);
            if start < hm(12, 0) && w.rng.chance(20) {
                w.add(day, hm(18, 30), (30, 45), SWIM);
            }
        }
    }
    w.maybe_light(25, hm(21, 0));
}

fn plan_distance_lift_day(w: &mut Week, day: usize) {
    let gap_min = w.rng.range(0, 20);
    let lift_start = match w.rng.below(100) {
        // Easy run at 07:00, lifting 4-11 h later.
        0..=39 => {
            w.add(day, hm(7, 0), (30, 50), RUN);
            let start = w.time(hm(12, 0), hm(18, 0));
            w.add(day, start, (40, 60), STRENGTH);
            start
        }
        // A run straight into lifting: the order breach (no warm-up: the run is one).
        40..=54 => {
            let start = w.time(hm(17, 0), hm(17, 45));
            let run_end = w.add(day, start, (30, 60), RUN);
            w.add(day, run_end + gap_min, (40, 60), STRENGTH);
            return;
        }
        // Lifting, then a run within 20 min: a combined session.
        55..=69 => {
            let start = w.time(hm(17, 0), hm(17, 45));
            let lift_end = w.add(day, start, (40, 60), STRENGTH);
            w.add(day, lift_end + gap_min, (30, 60), RUN);
            start
        }
        // Lifting alone: the neighbouring days' runs lie 6-24 h away.
        _ => {
            let start = w.time(hm(12, 0), hm(18, 30));
            w.add(day, start, (40, 60), STRENGTH);
            start
        }
    };
    // Watch files often hold a short ride or row before lifting; 16-25 min probes the 15-min limit.
    let warm_up_min = match w.rng.below(100) {
        0..=39 => w.rng.range(8, 14),
        40..=44 => w.rng.range(16, 25),
        _ => return,
    };
    let warm_up_start = lift_start - w.rng.range(0, 10) - warm_up_min;
    let kind = w.rng.pick(&[INDOOR_RIDE, INDOOR_ROW]);
    w.add(day, warm_up_start, (warm_up_min, warm_up_min), kind);
}

/// Two lifts and three or four endurance sessions, often back to back (exempt athletes).
pub(super) fn plan_masters(w: &mut Week) {
    let first_lift_day = w.rng.below(2) as usize;
    let is_lift_day = |day| day == first_lift_day || day == first_lift_day + 3;
    let mut endurance_left = w.rng.range(3, 4);
    for day in 0..7 {
        let (start, kind) = (w.time(hm(9, 0), hm(10, 15)), w.rng.pick(&EASY_KINDS[1..]));
        let free_days_left = (day..7).filter(|d| !is_lift_day(*d)).count() as u32;
        if is_lift_day(day) {
            let lift_end = w.add(day, start, (40, 60), STRENGTH);
            if endurance_left > 0 && w.rng.chance(60) {
                endurance_left -= 1;
                let (gap_min, endurance_min) = (w.rng.range(0, 15), w.rng.range(30, 60));
                let before = start - gap_min - endurance_min;
                let endurance_start = w.rng.pick(&[before, lift_end + gap_min]);
                w.add(day, endurance_start, (endurance_min, endurance_min), kind);
            }
        } else if endurance_left > 0 && (free_days_left <= endurance_left || w.rng.chance(60)) {
            endurance_left -= 1;
            w.add(day, start, (30, 60), kind);
        }
    }
    w.maybe_light(30, hm(16, 0));
}

/// A date-only diary of four to six TrainingPeaks-named sessions.
pub(super) fn plan_club(w: &mut Week) {
    let sessions = w.rng.range(4, 6) as usize;
    if w.rng.chance(40) {
        let day = w.rng.below(7) as usize;
        w.add(day, 0, (30, 60), TP_STRENGTH);
        w.add(day, 0, (30, 75), TP_RUN);
    }
    while w.plan.len() < sessions {
        let (day, kind) = (w.rng.below(7) as usize, w.rng.pick(&CLUB_KINDS));
        let longest_min = if kind == TP_BIKE { 180 } else { 75 };
        w.add(day, 0, (30, longest_min), kind);
    }
}
