//! Strength work kept in a gym app: for a few athletes of a season (the
//! first two sprinters and distance runners), timed strength sessions are
//! written as workouts of a Hevy export (`<athlete>/hevy_workouts.csv`, one
//! row per set, every field quoted as Hevy quotes it) instead of canonical
//! rows: warm-up and failure sets, per-set RPE, and now and then a
//! treadmill block before the lifting, short (a warm-up) or long.

use chrono::{Duration, NaiveDate, NaiveTime};

use super::athlete::{Athlete, Group};
use super::rng::Rng;
use super::schedule::Planned;

/// The header of Hevy's workout export.
pub(super) const HEADER: &[u8] = b"\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"\n";

/// Barbell and machine lifts, with a working weight in kg.
const LIFTS: [(&str, u32); 8] = [
    ("Squat (Barbell)", 100),
    ("Bench Press (Barbell)", 75),
    ("Deadlift (Barbell)", 130),
    ("Romanian Deadlift (Barbell)", 90),
    ("Overhead Press (Barbell)", 45),
    ("Hip Thrust (Barbell)", 110),
    ("Leg Press", 160),
    ("Pull Up", 0),
];

const TITLES: [&str; 3] = ["Lower body", "Upper body", "Full body"];

/// Whether an athlete logs lifting in the gym app.
pub(super) fn logs_lifting(a: &Athlete) -> bool {
    a.slot.copy == 0 && a.number <= 2 && matches!(a.group, Group::Sprinters | Group::Distance)
}

/// Whether a planned session is one the app logs: timed strength work.
pub(super) fn is_lifting(s: &Planned) -> bool {
    s.kind.0 == "strength"
}

/// Appends the set rows of the workout of session `s` on `date`.
pub(super) fn push_workout(out: &mut Vec<u8>, date: NaiveDate, s: &Planned, rng: &mut Rng) {
    let time = NaiveTime::from_hms_opt(s.start_min_of_day / 60, s.start_min_of_day % 60, 0)
        .unwrap_or_default();
    let start = date.and_time(time);
    let end = start + Duration::minutes(i64::from(s.duration_min));
    let stamp = |t: chrono::NaiveDateTime| t.format("%-d %b %Y, %H:%M").to_string();
    let title = TITLES[rng.below(TITLES.len() as u64) as usize];
    let (start, end) = (stamp(start), stamp(end));
    let rated = rng.chance(70);
    let to_failure = rng.chance(15);
    let mut row = |exercise: &str, index: u32, kind: &str, cells: [String; 5]| {
        let fields = [
            title,
            &start,
            &end,
            "",
            exercise,
            "",
            "",
            &index.to_string(),
            kind,
            &cells[0],
            &cells[1],
            &cells[2],
            &cells[3],
            &cells[4],
        ];
        let quoted: Vec<String> = fields.iter().map(|f| format!("\"{f}\"")).collect();
        out.extend_from_slice(quoted.join(",").as_bytes());
        out.push(b'\n');
    };
    if rng.chance(25) {
        // A short block is a warm-up; a long one makes endurance come first.
        let minutes = if rng.chance(60) {
            rng.range(6, 12)
        } else {
            rng.range(20, 30)
        };
        let km = f64::from(minutes) * 0.15;
        let cells = [
            String::new(),
            String::new(),
            format!("{km:.2}"),
            (minutes * 60).to_string(),
            String::new(),
        ];
        row("Treadmill", 0, "normal", cells);
    }
    let first = rng.below(LIFTS.len() as u64) as usize;
    let exercises = rng.range(3, 4) as usize;
    for k in 0..exercises {
        let (lift, kg) = LIFTS[(first + k * 3) % LIFTS.len()];
        let sets = rng.range(3, 4);
        let warmup = k == 0;
        for set in 0..sets + u32::from(warmup) {
            let (kind, kg, reps, rpe) = if warmup && set == 0 {
                ("warmup", kg / 2, 10, None)
            } else if to_failure && k == exercises - 1 && set == sets - 1 + u32::from(warmup) {
                ("failure", kg * 9 / 10, rng.range(6, 10), Some(10.0))
            } else {
                let rpe = f64::from(rng.range(13, 19)) / 2.0;
                ("normal", kg, rng.range(4, 8), Some(rpe))
            };
            let rpe = rpe
                .filter(|_| rated)
                .map_or(String::new(), |r| format!("{r}"));
            let weight = if kg == 0 {
                String::new()
            } else {
                format!("{kg}")
            };
            let cells = [weight, reps.to_string(), String::new(), String::new(), rpe];
            row(lift, set, kind, cells);
        }
    }
}
