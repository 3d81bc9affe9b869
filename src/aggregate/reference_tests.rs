//! The parallel `aggregate` against the first, sequential version (kept here
//! as the reference) on a generated season: several groups, weeks across
//! year ends, 1970 and a DST change, date-only logs, exempt athletes.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::*;
use crate::classify::AthleteInfo;
use crate::config::Thresholds;
use crate::model::Status;
use crate::model::{US_PER_DAY, US_PER_MIN};
use crate::rules::{Rule, Severity};
use crate::test_support::session;

/// The first version of `aggregate`: one thread, a map lookup per session.
fn reference(frame: &Frame, audit: &Audit) -> Aggregates {
    let mut athletes: Vec<Measures> = (0..frame.athletes.len())
        .map(|a| reference_athlete(frame, audit, a))
        .collect();
    let mut weeks: BTreeMap<(String, NaiveDate), Measures> = BTreeMap::new();
    for flag in audit.flags() {
        let a = &frame.sessions[flag.first()];
        athletes[a.athlete as usize].count_flag(flag);
        week_of(&mut weeks, frame, flag.first()).count_flag(flag);
    }
    for (a, &exempt) in audit.exempt_pair_counts.iter().enumerate() {
        athletes[a].exempt_concurrent_pairs += exempt;
    }
    for (i, s) in frame.sessions.iter().enumerate() {
        let week = week_of(&mut weeks, frame, i);
        week.sessions += 1;
        if s.modality == Modality::Strength {
            week.strength_sessions += 1;
            if frame.athletes[s.athlete as usize].in_scope() && !s.date_only {
                week.timed_strength_in_scope += 1;
                week.compromised_strength_sessions += u64::from(audit.compromised[i]);
            }
        }
    }
    let mut groups: BTreeMap<String, Measures> = BTreeMap::new();
    let mut all = Measures::default();
    for (info, m) in frame.athletes.iter().zip(&athletes) {
        groups.entry(info.group.clone()).or_default().add(m);
        all.add(m);
    }
    Aggregates {
        athletes,
        groups: groups.into_iter().collect(),
        all,
        weekly: weeks::fill_weeks(weeks),
    }
}

fn reference_athlete(frame: &Frame, audit: &Audit, a: usize) -> Measures {
    let info = &frame.athletes[a];
    let range = frame.ranges[a].clone();
    let mut m = Measures {
        athletes: 1,
        athletes_in_scope: u64::from(info.in_scope()),
        ..Measures::default()
    };
    for (i, s) in frame.sessions[range.clone()].iter().enumerate() {
        m.sessions += 1;
        match s.modality {
            Modality::Strength => m.strength_sessions += 1,
            Modality::Endurance => m.endurance_sessions += 1,
            Modality::Warmup => m.warmups += 1,
            Modality::Mixed | Modality::Other => {}
        }
        if s.modality == Modality::Strength && info.in_scope() {
            m.strength_in_scope += 1;
            m.failure_known_strength_sessions += u64::from(s.to_failure.is_some());
        }
        if s.modality == Modality::Strength && !s.date_only && info.in_scope() {
            m.timed_strength_in_scope += 1;
            m.compromised_strength_sessions += u64::from(audit.compromised[range.start + i]);
            if let Some(gap_us) = audit.nearest_gap_us(range.start + i) {
                m.nearest_gaps_h.push(gap_us as f64 / US_PER_H as f64);
            }
        }
    }
    m
}

fn week_of<'w>(
    weeks: &'w mut BTreeMap<(String, NaiveDate), Measures>,
    frame: &Frame,
    i: usize,
) -> &'w mut Measures {
    let s = &frame.sessions[i];
    let date = s.local_date();
    let monday = date - chrono::Duration::days(i64::from(date.weekday().num_days_from_monday()));
    let group = &frame.athletes[s.athlete as usize].group;
    weeks.entry((group.clone(), monday)).or_default()
}

/// A small deterministic generator (splitmix64).
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.below(from.len() as u64) as usize]
    }
}

/// First days of the seasons (days from 1970-01-01): 1969-12-15 (weeks
/// across 1970), 2020-12-07 (ISO week 53), 2026-10-05 (the DST change of
/// 2026-10-25).
const SEASON_DAYS: [i64; 3] = [-17, 18_603, 20_731];
/// A season in the year 40000 (beyond the integer week path), of a group of
/// its own: a group's weeks are listed from its first to its last.
const FAR_SEASON_DAY: i64 = 13_890_000;
const FAR_GROUP: &str = "far";
/// 2026-10-25T01:00Z: central European clocks go back from +02:00 to +01:00.
const DST_END_US: i64 = 20_751 * US_PER_DAY + 60 * US_PER_MIN;
const GROUPS: [&str; 3] = ["zeta", "alpha", "unassigned"];
const MODALITIES: [Modality; 5] = [
    Modality::Strength,
    Modality::Strength,
    Modality::Endurance,
    Modality::Endurance,
    Modality::Warmup,
];
/// An athlete that has no session left (all dropped as duplicates).
const EMPTY_ATHLETE: u32 = 7;

/// The UTC offset of zone `zone` at `utc_us`: one zone with the DST change.
fn offset_s(zone: u64, utc_us: i64) -> i32 {
    match zone {
        0 if utc_us < DST_END_US => 7200,
        0 => 3600,
        _ => [0, -18_000, 19_800, 50_400, -43_200, 3600][zone as usize - 1],
    }
}

fn athlete(dice: &mut Dice, a: u32, first_day: i64) -> AthleteInfo {
    let status = dice.pick(&Status::ALL);
    let group = dice.pick(&GROUPS);
    let group = if first_day == FAR_SEASON_DAY {
        FAR_GROUP
    } else {
        group
    };
    let power_focus = dice.below(4) == 0;
    let rules = crate::config::Rules::default();
    AthleteInfo::new(
        format!("A{a:02}"),
        group.into(),
        status,
        power_focus,
        &rules,
    )
}

/// Athlete `a`'s sessions from `first_day`: up to 120, 0 to 36 hours
/// apart, some date-only.
fn athlete_sessions(dice: &mut Dice, a: u32, first_day: i64) -> Vec<Session> {
    let zone = dice.below(7);
    let mut utc_us = first_day * US_PER_DAY + dice.below(1440) as i64 * US_PER_MIN;
    (0..dice.below(120))
        .map(|k| {
            utc_us += dice.below(36 * 60) as i64 * US_PER_MIN;
            let len_min = 5 + dice.below(90) as i64;
            let mut s = session(&format!("{a}-{k}"), dice.pick(&MODALITIES), 0, len_min);
            s.athlete = a;
            s.offset_s = offset_s(zone, utc_us);
            s.date_only = dice.below(10) == 0;
            s.start_us = utc_us;
            if s.date_only {
                // 00:00 local of that day.
                let offset_us = i64::from(s.offset_s) * 1_000_000;
                s.start_us = (utc_us + offset_us).div_euclid(US_PER_DAY) * US_PER_DAY - offset_us;
            }
            // The end follows the start: it is derived from the duration.
            s.to_failure = dice.pick(&[None, Some(true), Some(false)]);
            s
        })
        .collect()
}

/// A generated season of 40 athletes with what the rules found in it.
fn season(seed: u64) -> (Frame, Audit) {
    let mut dice = Dice(seed);
    let mut athletes = Vec::new();
    let mut sessions = Vec::new();
    for a in 0..40 {
        let first_day = match a % 10 {
            9 => FAR_SEASON_DAY,
            _ => dice.pick(&SEASON_DAYS),
        };
        athletes.push(athlete(&mut dice, a, first_day));
        let mine = athlete_sessions(&mut dice, a, first_day);
        if a != EMPTY_ATHLETE {
            sessions.extend(mine);
        }
    }
    let frame = crate::test_support::frame(athletes, sessions);
    let audit = crate::rules::evaluate(&frame, &Thresholds::default());
    (frame, audit)
}

#[test]
fn generated_seasons_hold_what_the_comparison_needs() {
    let (frame, audit) = season(1);
    let agg = reference(&frame, &audit);
    assert!(frame.ranges[EMPTY_ATHLETE as usize].is_empty());
    assert!(frame.sessions.iter().any(|s| s.date_only));
    assert!(frame.sessions.iter().any(|s| s.start_us < 0));
    assert!(audit.flags().iter().any(|f| f.rule == Rule::ToFailure));
    assert!(audit
        .flags()
        .iter()
        .any(|f| f.severity == Severity::Violation));
    assert!(audit.exempt_pair_counts.iter().any(|&c| c > 0));
    assert!(agg.all.compromised_strength_sessions > 0);
    assert_eq!(agg.groups.len(), GROUPS.len() + 1);
    let mondays: Vec<String> = agg.weekly.iter().map(|w| w.monday.to_string()).collect();
    for monday in ["1969-12-29", "2020-12-28", "2026-10-19", "2026-10-26"] {
        assert!(mondays.iter().any(|m| m == monday), "{monday}");
    }
    assert!(agg.weekly.iter().any(|w| w.monday.year() > 30_000));
}

#[test]
fn parallel_measures_equal_the_sequential_reference() {
    for seed in 1..=8 {
        let (frame, audit) = season(seed);
        assert_eq!(
            aggregate(&frame, &audit),
            reference(&frame, &audit),
            "seed {seed}"
        );
    }
}

#[test]
fn measures_do_not_depend_on_the_thread_count() {
    let (frame, audit) = season(9);
    let expected = reference(&frame, &audit);
    for threads in [1, 3, 8] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        assert_eq!(pool.install(|| aggregate(&frame, &audit)), expected);
    }
}
