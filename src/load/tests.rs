//! Hand-computed cases of LOAD.md: statuses, sums, monotony, EWMA, ACWR.

use chrono::Datelike;

use super::daily::Status;
use super::*;
use crate::classify::AthleteInfo;
use crate::model::{Modality, Session, Status as RosterStatus};
use crate::rules::{Flag, Rule, Severity};
use crate::test_support::{frame, session};

const S: Modality = Modality::Strength;
const E: Modality = Modality::Endurance;
const DAY: i64 = 24 * 60;

fn athlete() -> AthleteInfo {
    AthleteInfo {
        athlete_id: "A".into(),
        group: "g".into(),
        status: RosterStatus::Trained,
        power_focus: false,
        exempt_reason: None,
    }
}

/// A session on day `day` (0 = Monday 2026-03-02) at 08:00 of `minutes`, with an RPE.
fn on(day: i64, modality: Modality, minutes: i64, rpe: Option<f64>) -> Session {
    let mut s = session(
        &format!("s{day}-{minutes}"),
        modality,
        day * DAY + 8 * 60,
        minutes,
    );
    s.rpe = rpe.into();
    s
}

fn days_of(sessions: Vec<Session>) -> Vec<Day> {
    athlete_days(&frame(vec![athlete()], sessions), 0)
}

fn weeks_of(sessions: Vec<Session>) -> Vec<Week> {
    let f = frame(vec![athlete()], sessions);
    let days = athlete_days(&f, 0);
    athlete_weeks(&f, &[], 0, &days)
}

#[test]
fn session_load_is_rpe_times_elapsed_minutes_by_modality() {
    let days = days_of(vec![on(0, S, 60, Some(7.0)), on(0, E, 30, Some(4.0))]);
    assert_eq!(days[0].load_au, Some([420.0, 120.0, 0.0]));
    assert_eq!(days[0].minutes, [60.0, 30.0, 0.0]);
    assert_eq!((days[0].status, days[0].sessions), (Status::Known, 2));
}

#[test]
fn rest_missing_and_partial_days_are_told_apart() {
    let days = days_of(vec![
        on(0, S, 60, Some(5.0)),
        on(2, E, 30, None),
        on(3, S, 60, Some(5.0)),
        on(3, E, 30, None),
    ]);
    let statuses: Vec<Status> = days.iter().map(|d| d.status).collect();
    assert_eq!(
        statuses,
        [
            Status::Known,
            Status::Rest,
            Status::Missing,
            Status::Partial
        ]
    );
    assert_eq!(days[1].load_au, Some([0.0; 3]));
    assert_eq!(days[2].load_au, None);
    assert_eq!(days[3].total_au(), Some(300.0));
    assert_eq!(days[3].without_rpe, 1);
}

#[test]
fn a_warmup_without_rpe_leaves_the_day_known() {
    let mut warmup = on(0, E, 10, None);
    warmup.modality = Modality::Warmup;
    let days = days_of(vec![warmup, on(0, S, 60, Some(6.0))]);
    assert_eq!(days[0].status, Status::Known);
    assert_eq!(days[0].minutes, [60.0, 0.0, 10.0]);
}

#[test]
fn monotony_is_mean_over_population_sd_of_a_whole_known_week() {
    // Loads 300, 0, 300, 0, 300, 0, 600 over Monday to Sunday.
    let mut s: Vec<Session> = [0, 2, 4].iter().map(|&d| on(d, S, 60, Some(5.0))).collect();
    s.push(on(6, S, 60, Some(10.0)));
    let weeks = weeks_of(s);
    let values = [300.0, 0.0, 300.0, 0.0, 300.0, 0.0, 600.0];
    let mean = 1500.0 / 7.0;
    let sd = (values.iter().map(|v: &f64| (v - mean).powi(2)).sum::<f64>() / 7.0).sqrt();
    assert_eq!(weeks[0].monotony, Some(mean / sd));
    let strain = weeks[0].strain().unwrap();
    assert!((strain - 1500.0 * mean / sd).abs() < 1e-9, "{strain}");
}

#[test]
fn monotony_is_empty_for_a_missing_day_a_partial_week_or_no_spread() {
    let mut missing: Vec<Session> = (0..7).map(|d| on(d, S, 60, Some(5.0))).collect();
    missing[3].rpe = None.into();
    assert_eq!(weeks_of(missing)[0].monotony, None);
    // Every day the same load: SD 0, also where the mean is not exact.
    let flat: Vec<Session> = (0..7).map(|d| on(d, S, 60, Some(5.0))).collect();
    assert_eq!(weeks_of(flat)[0].monotony, None);
    let mut inexact: Vec<Session> = (0..7).map(|d| on(d, S, 50, Some(7.0))).collect();
    for s in &mut inexact {
        s.duration_s = 50.1 * 60.0;
    }
    assert_eq!(weeks_of(inexact)[0].monotony, None);
    // The span starts on Wednesday: the first week is not whole.
    let late: Vec<Session> = (2..9).map(|d| on(d, S, 30 + d, Some(5.0))).collect();
    let weeks = weeks_of(late);
    assert_eq!((weeks[0].monotony, weeks.len()), (None, 2));
}

#[test]
fn a_week_of_only_missing_days_has_no_load_but_its_minutes() {
    // The span starts on Sunday, a missing day: the first week's only day.
    let weeks = weeks_of(vec![on(6, E, 30, None), on(7, E, 30, Some(3.0))]);
    assert_eq!(weeks[0].load_au, None);
    assert_eq!(weeks[0].minutes, [0.0, 30.0, 0.0]);
    assert_eq!((weeks[0].days_missing, weeks[1].load_change_pct), (1, None));
    // Rest days are a load of 0: a week with one missing day and rest has 0.
    let weeks = weeks_of(vec![on(0, E, 30, None), on(7, E, 30, Some(3.0))]);
    assert_eq!(weeks[0].load_au, Some([0.0; 3]));
    assert_eq!(weeks[1].load_change_pct, None, "last week's load is 0");
}

#[test]
fn load_change_is_against_last_weeks_load() {
    let weeks = weeks_of(vec![on(0, E, 40, Some(5.0)), on(7, E, 60, Some(5.0))]);
    assert_eq!(weeks[0].load_change_pct, None);
    assert_eq!(weeks[1].load_change_pct, Some(50.0));
}

#[test]
fn ewma_is_seeded_with_the_first_day_and_the_ratio_waits_for_day_28() {
    let days = days_of(
        (0..30)
            .map(|d| on(d, E, 60, Some(if d == 0 { 4.0 } else { 2.0 })))
            .collect(),
    );
    assert_eq!((days[0].acute, days[0].chronic), (240.0, 240.0));
    assert_eq!(days[1].acute, 0.25 * 120.0 + 0.75 * 240.0);
    assert_eq!(days[1].chronic, 2.0 / 29.0 * 120.0 + 27.0 / 29.0 * 240.0);
    assert_eq!(days[26].acwr, None);
    let d = &days[27];
    assert_eq!(d.acwr, Some(d.acute / d.chronic));
}

#[test]
fn a_date_only_session_counts_on_its_own_date() {
    let mut s = on(1, S, 45, Some(6.0));
    s.date_only = true;
    s.start_us -= 8 * 3_600_000_000;
    let days = days_of(vec![on(0, E, 30, Some(3.0)), s]);
    assert_eq!(days[1].load_au, Some([270.0, 0.0, 0.0]));
}

#[test]
fn weekly_sums_equal_the_daily_sums() {
    // Sessions on many days, some without RPE, over five weeks.
    let sessions: Vec<Session> = (0..35)
        .filter(|d| d % 3 != 1)
        .map(|d| {
            on(
                d,
                [S, E][d as usize % 2],
                20 + d,
                (d % 5 != 0).then_some((d % 9) as f64),
            )
        })
        .collect();
    let f = frame(vec![athlete()], sessions);
    let days = athlete_days(&f, 0);
    let weeks = athlete_weeks(&f, &[], 0, &days);
    let minutes: f64 = days.iter().map(|d| d.minutes.iter().sum::<f64>()).sum();
    let weekly_minutes: f64 = weeks.iter().map(|w| w.minutes.iter().sum::<f64>()).sum();
    assert!((minutes - weekly_minutes).abs() < 1e-9);
    let load: f64 = days.iter().filter_map(Day::total_au).sum();
    let weekly_load: f64 = weeks.iter().filter_map(Week::total_au).sum();
    assert!((load - weekly_load).abs() < 1e-9);
    for w in &weeks {
        let inside = days
            .iter()
            .filter(|d| daily::date_of(weekly::monday_of(d.day)) == w.monday);
        let missing = inside.filter(|d| d.status == Status::Missing).count() as u32;
        assert_eq!(w.days_missing, missing);
    }
}

#[test]
fn quartiles_are_inclusive_linear_interpolation() {
    assert_eq!(
        groups::quartiles(&[1.0, 2.0, 3.0, 4.0]),
        Some([1.75, 2.5, 3.25])
    );
    assert_eq!(groups::quartiles(&[7.0]), Some([7.0; 3]));
    assert_eq!(groups::quartiles(&[]), None);
}

#[test]
fn quartiles_are_the_bits_python_computes() {
    // `statistics.quantiles(data, n=4, method="inclusive")`: where
    // `x[j] + h x (x[j + 1] - x[j])` gives 188.52499999999998 (written
    // 188.52) and 847.525 (847.53), Python gives these, written 188.53 and
    // 847.52.
    assert_eq!(
        groups::quartiles(&[40.7, 632.0]),
        Some([188.525, 336.35, 484.175])
    );
    assert_eq!(
        groups::quartiles(&[62.0, 220.5, 810.3, 959.2]),
        Some([180.875, 515.4, 847.5249999999999])
    );
}

#[test]
fn violations_count_in_the_week_of_their_first_session() {
    let f = frame(
        vec![athlete()],
        vec![on(0, S, 60, Some(5.0)), on(8, E, 30, Some(3.0))],
    );
    let days = athlete_days(&f, 0);
    let flag = |severity, first| Flag::new(Rule::SpacingMin, severity, first, None, None);
    let flags = [
        flag(Severity::Violation, 0),
        flag(Severity::Advisory, 0),
        flag(Severity::Violation, 1),
        flag(Severity::Violation, 1),
    ];
    let weeks = athlete_weeks(&f, &flags, 0, &days);
    // Advisories do not count.
    assert_eq!((weeks[0].violations, weeks[1].violations), (1, 2));
}

#[test]
fn group_weeks_are_the_groups_own_rows() {
    let mut b = athlete();
    b.athlete_id = "B".into();
    b.group = "h".into();
    let mut later = on(14, E, 30, Some(4.0));
    later.athlete = 1;
    let f = frame(vec![athlete(), b], vec![on(0, S, 60, Some(5.0)), later]);
    let audit = crate::rules::evaluate(&f, &crate::config::Thresholds::default());
    let agg = crate::aggregate::aggregate(&f, &audit);
    let load = measure(&f, &audit, &agg);
    let weeks = |g: &str| -> Vec<(String, u32)> {
        let w = load.group_weeks(g);
        w.iter()
            .map(|w| (w.group.clone(), w.monday.iso_week().week()))
            .collect()
    };
    assert_eq!(weeks("g"), [("g".to_string(), 10)]);
    assert_eq!(weeks("h"), [("h".to_string(), 12)]);
    assert!(load.group_weeks("nobody").is_empty());
}

#[test]
fn each_group_is_measured_on_its_own_athletes_and_all_on_every_one() {
    let named = |id: &str, group: &str| {
        let mut a = athlete();
        a.athlete_id = id.into();
        a.group = group.into();
        a
    };
    // Frame order A (g), B (h), C (g): the tables go g's A and C, then h's B.
    let athletes = vec![named("A", "g"), named("B", "h"), named("C", "g")];
    let mut sessions = vec![on(0, S, 60, Some(5.0)), on(0, E, 30, Some(4.0))];
    sessions.push(on(2, S, 45, None));
    sessions.push(on(3, S, 45, Some(6.0)));
    for (s, a) in sessions.iter_mut().zip([0, 1, 2, 2]) {
        s.athlete = a;
    }
    let f = frame(athletes, sessions);
    let audit = crate::rules::evaluate(&f, &crate::config::Thresholds::default());
    let agg = crate::aggregate::aggregate(&f, &audit);
    let load = measure(&f, &audit, &agg);
    assert_eq!(load.order, [0, 2, 1]);
    // A: one day; C: days 2 to 3; B: one day.
    assert_eq!(load.day_rows, [0, 1, 3, 4]);
    let pct = |g: &str| load.group_measures(g).rpe_known_pct();
    assert_eq!((pct("g"), pct("h")), (Some(100.0 * 2.0 / 3.0), Some(100.0)));
    assert_eq!(load.all.rpe_known_pct(), Some(75.0));
}

#[test]
fn the_strength_dose_sums_the_weeks_strength_sessions_with_set_data() {
    use crate::model::{Marks, Origin, StrengthDetail};
    let detail = |sets, hard_sets, volume_kg| StrengthDetail {
        sets: Some(sets),
        hard_sets,
        volume_kg,
        ..StrengthDetail::default()
    };
    // Week 1: two strength sessions with sets, an endurance one marked with
    // a detail (not counted); week 2: a strength session without set data.
    let with_detail = [(0, S, 1), (2, S, 2), (1, E, 3), (8, S, 0)];
    let sessions: Vec<Session> = with_detail
        .iter()
        .map(|&(day, modality, line)| {
            let mut s = on(day, modality, 45, Some(6.0));
            s.origin = Origin::new(0, line);
            if line > 0 {
                s.marks = Marks::new(false, true).with_strength_detail();
            }
            s
        })
        .collect();
    let mut f = frame(vec![athlete()], sessions);
    f.strength_details = vec![
        (Origin::new(0, 1), detail(3, Some(2), Some(1000.0))),
        (Origin::new(0, 2), detail(4, None, Some(500.5))),
        (Origin::new(0, 3), detail(9, Some(9), Some(9.0))),
    ];
    let days = athlete_days(&f, 0);
    let weeks = athlete_weeks(&f, &[], 0, &days);
    let dose = |w: &Week| (w.working_sets, w.hard_sets, w.volume_kg);
    assert_eq!(dose(&weeks[0]), (Some(7), Some(2), Some(1500.5)));
    assert_eq!(dose(&weeks[1]), (None, None, None));
}
