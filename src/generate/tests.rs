//! End-to-end tests of the generator: whole seasons written to memory.

use super::*;
use chrono::NaiveDateTime;
use std::collections::BTreeMap;

#[derive(Default)]
struct MemSink(BTreeMap<String, Vec<u8>>);

impl GenSink for MemSink {
    fn file(&mut self, rel_path: &str) -> io::Result<Box<dyn Write + '_>> {
        Ok(Box::new(self.0.entry(rel_path.to_owned()).or_default()))
    }
}

const GROUP_FILES: [&str; 4] = ["sprinters.csv", "distance.csv", "masters.csv", "club.csv"];

fn run(athletes: usize, weeks: usize, seed: u64) -> (GenStats, BTreeMap<String, String>) {
    run_groups(athletes, 4, weeks, seed)
}

fn run_groups(
    athletes: usize,
    groups: usize,
    weeks: usize,
    seed: u64,
) -> (GenStats, BTreeMap<String, String>) {
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let mut sink = MemSink::default();
    let stats = generate(
        &GenSpec {
            athletes,
            groups,
            weeks,
            seed,
            start,
            shape: Shape::Tidy,
        },
        &mut sink,
    )
    .unwrap();
    let text = |bytes| String::from_utf8(bytes).unwrap();
    (
        stats,
        sink.0.into_iter().map(|(k, v)| (k, text(v))).collect(),
    )
}

/// Data rows split at commas; only the last field (notes) may hold a quoted comma.
fn rows(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .skip(1)
        .map(|line| line.splitn(10, ',').collect())
        .collect()
}

fn session_rows(files: &BTreeMap<String, String>) -> Vec<Vec<&str>> {
    GROUP_FILES.iter().flat_map(|f| rows(&files[*f])).collect()
}

#[test]
fn same_seed_gives_identical_bytes() {
    assert_eq!(run(25, 6, 7), run(25, 6, 7));
}

#[test]
fn different_seed_gives_different_bytes() {
    assert_ne!(run(25, 6, 7).1, run(25, 6, 8).1);
}

/// The gym-app logs of a season: Hevy workouts of a few athletes.
fn gym_logs(files: &BTreeMap<String, String>) -> Vec<(&String, &String)> {
    files
        .iter()
        .filter(|(name, _)| name.ends_with("/hevy_workouts.csv"))
        .collect()
}

/// Workouts in a Hevy log: distinct (title, start) keys.
fn workouts(log: &str) -> usize {
    let mut keys: Vec<&str> = log
        .lines()
        .skip(1)
        .map(|l| l.splitn(3, "\",\"").take(2).last().unwrap_or(""))
        .collect();
    keys.dedup();
    keys.len()
}

#[test]
fn every_group_file_has_the_exact_header() {
    let (stats, files) = run(10, 2, 1);
    // Four groups, the roster, and the Hevy logs of the first two sprinters and distance runners.
    assert_eq!((stats.files, files.len()), (9, 9));
    assert_eq!(gym_logs(&files).len(), 4);
    assert!(gym_logs(&files)
        .iter()
        .all(|(_, log)| log.as_bytes().starts_with(hevy::HEADER)));
    assert!(GROUP_FILES
        .iter()
        .all(|f| files[*f].as_bytes().starts_with(SESSIONS_HEADER)));
    assert!(files["roster.csv"].as_bytes().starts_with(ROSTER_HEADER));
}

#[test]
fn roster_has_every_athlete_split_30_30_25_15() {
    let files = run(100, 1, 3).1;
    let roster = rows(&files["roster.csv"]);
    let count = |g: &str| roster.iter().filter(|r| r[2] == g).count();
    let counts = GROUP_FILES.map(|f| count(f.trim_end_matches(".csv")));
    assert_eq!(counts, [30, 30, 25, 15]);
    assert!(roster
        .iter()
        .all(|r| r.len() == 7 && r[5].starts_with("Europe/")));
    // Birth years for the masters only.
    assert!(roster
        .iter()
        .all(|r| (r[2] == "masters") != r[6].is_empty()));
}

#[test]
fn more_groups_repeat_the_four_kinds_with_suffixed_names() {
    let (stats, files) = run_groups(203, 10, 2, 3);
    assert_eq!((stats.files, files.len()), (15, 15));
    let roster = rows(&files["roster.csv"]);
    let count = |g: &str| roster.iter().filter(|r| r[2] == g).count();
    let groups = [
        "sprinters",
        "distance",
        "masters",
        "club",
        "sprinters-2",
        "distance-2",
        "masters-2",
        "club-2",
        "sprinters-3",
        "distance-3",
    ];
    // Kinds split 60/60/50/33 as with four groups, then evenly over their copies.
    assert_eq!(groups.map(count), [20, 20, 25, 17, 20, 20, 25, 16, 20, 20]);
    assert!(groups
        .iter()
        .all(|g| files.contains_key(&format!("{g}.csv"))));
    let mut ids: Vec<&str> = roster.iter().map(|r| r[0]).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 203);
    assert!(roster
        .iter()
        .any(|r| r[0] == "S3-20" && r[2] == "sprinters-3"));
    // The copies are other athletes, not the same logs under new ids.
    let tail = |f: &str| files[f].split_once(',').unwrap().1.to_string();
    assert_ne!(tail("sprinters.csv"), tail("sprinters-2.csv"));
}

#[test]
fn first_four_groups_of_a_larger_season_keep_their_athletes() {
    let four = run_groups(40, 4, 2, 9).1;
    let eight = run_groups(80, 8, 2, 9).1;
    for f in GROUP_FILES {
        assert_eq!(four[f], eight[f], "{f}");
    }
    assert_eq!(run_groups(40, 1, 2, 9), run(40, 2, 9));
}

#[test]
fn fewer_than_four_athletes_fill_groups_in_order() {
    let files = run(2, 1, 3).1;
    let groups: Vec<&str> = rows(&files["roster.csv"]).iter().map(|r| r[2]).collect();
    assert_eq!(groups, ["sprinters", "distance"]);
    assert!(
        !files.contains_key("club.csv"),
        "a group without athletes has no file"
    );
}

#[test]
fn zero_athletes_or_weeks_write_the_roster_only() {
    for (athletes, weeks) in [(0, 8), (12, 0)] {
        let (stats, files) = run(athletes, weeks, 5);
        assert_eq!((stats.sessions, stats.files, files.len()), (0, 1, 1));
        assert!(files.contains_key("roster.csv"));
    }
}

#[test]
fn groups_without_athletes_write_no_header_only_file() {
    let (stats, files) = run_groups(40, 40, 2, 7);
    let roster = rows(&files["roster.csv"]);
    assert_eq!(roster.len(), 40);
    let group_files = files.len() - gym_logs(&files).len();
    assert!(group_files < 41, "every one of 40 groups has a file");
    assert_eq!(stats.files, files.len());
    let is_group = |n: &String| n != "roster.csv" && !n.contains('/');
    for (name, text) in files.iter().filter(|(n, _)| is_group(n)) {
        assert!(text.as_bytes() != SESSIONS_HEADER, "{name} is header-only");
        let group = name.trim_end_matches(".csv");
        assert!(
            roster.iter().any(|r| r[2] == group),
            "{name} has no athletes"
        );
    }
}

#[test]
fn stats_count_every_row_and_every_athlete_has_a_session() {
    let (stats, files) = run(40, 3, 11);
    let sessions = session_rows(&files);
    let gym: usize = gym_logs(&files).iter().map(|(_, log)| workouts(log)).sum();
    assert!(gym > 0);
    assert_eq!(stats.sessions, (sessions.len() + gym) as u64);
    assert!(sessions.iter().all(|r| r.len() == 10));
    for athlete in rows(&files["roster.csv"]) {
        assert!(
            sessions.iter().any(|r| r[1] == athlete[0]),
            "{}",
            athlete[0]
        );
    }
}

#[test]
fn notes_with_a_comma_or_quote_are_quoted() {
    let files = run(40, 4, 2).1;
    let notes: Vec<&str> = session_rows(&files).iter().map(|r| r[9]).collect();
    assert!(notes.contains(&"\"legs heavy, cut short\""));
    assert!(notes.contains(&"\"coach said \"\"easy\"\"\""));
    assert!(notes.iter().all(|n| !n.contains(',') || n.starts_with('"')));
}

#[test]
fn club_rows_have_bare_dates_and_others_a_time_of_day() {
    let files = run(40, 4, 2).1;
    let is_date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok();
    assert!(rows(&files["club.csv"]).iter().all(|r| is_date(r[2])));
    let timed = rows(&files["sprinters.csv"]);
    assert!(timed.iter().all(|r| r[2].len() == 16 || r[2].len() == 25));
    assert!(timed.iter().any(|r| r[2].ends_with(":00+01:00")));
}

#[test]
fn sessions_are_sorted_by_start_within_each_athlete() {
    let files = run(30, 5, 4).1;
    let sessions = session_rows(&files);
    for pair in sessions.windows(2).filter(|p| p[0][1] == p[1][1]) {
        let len = pair[0][2].len().min(16);
        assert!(pair[0][2][..len] <= pair[1][2][..len], "{pair:?}");
    }
}

#[test]
fn only_strength_sessions_go_to_failure() {
    let files = run(40, 8, 6).1;
    let sessions = session_rows(&files);
    let to_failure: Vec<_> = sessions.iter().filter(|r| r[8] == "true").collect();
    assert!(!to_failure.is_empty());
    assert!(to_failure
        .iter()
        .all(|r| r[6] == "strength_training" || r[5] == "Strength"));
}

#[test]
fn most_sprinter_lifts_lie_a_day_from_every_run() {
    let files = run(40, 16, 2026).1;
    let sprinters = rows(&files["sprinters.csv"]);
    let span = |r: &[&str]| {
        let start = NaiveDateTime::parse_from_str(&r[2][..16], "%Y-%m-%dT%H:%M").unwrap();
        let seconds = r[3].parse::<f64>().unwrap() * 60.0;
        (start, start + chrono::Duration::seconds(seconds as i64))
    };
    let day = chrono::Duration::hours(24);
    let is_lift = |r: &&Vec<&str>| r[6] == "strength_training";
    let lifts: Vec<_> = sprinters.iter().filter(is_lift).collect();
    let spaced = lifts.iter().filter(|lift| {
        let (start, end) = span(lift);
        let runs = sprinters
            .iter()
            .filter(|r| r[1] == lift[1] && r[5] == "running");
        runs.map(|r| span(r))
            .all(|(run_start, run_end)| run_end + day <= start || end + day <= run_start)
    });
    let pct = 100 * spaced.count() / lifts.len();
    assert!((55..=75).contains(&pct), "{pct} % of sprinter lifts spaced");
}

#[test]
fn distance_group_has_warm_ups_before_lifting() {
    let files = run(20, 4, 9).1;
    let distance = rows(&files["distance.csv"]);
    let start = |r: &[&str]| NaiveDateTime::parse_from_str(&r[2][..16], "%Y-%m-%dT%H:%M").unwrap();
    let is_warm_up = |w: &Vec<&str>| {
        let minutes: f64 = w[3].parse().unwrap();
        let lifts_soon_after = |s: &Vec<&str>| {
            let gap_min = (start(s) - start(w)).num_seconds() as f64 / 60.0 - minutes;
            s[1] == w[1] && s[6] == "strength_training" && start(w) <= start(s) && gap_min <= 20.0
        };
        w[6].starts_with("indoor_") && minutes <= 15.0 && distance.iter().any(lifts_soon_after)
    };
    assert!(distance.iter().any(is_warm_up));
}

#[test]
fn every_sport_the_plans_write_for_endurance_is_an_endurance_sport() {
    use schedule::{plan_club, plan_distance, plan_masters, plan_sprinters};
    let plans: [fn(&mut schedule::Week); 4] =
        [plan_sprinters, plan_distance, plan_masters, plan_club];
    let mut sports = std::collections::BTreeSet::new();
    for (k, plan) in plans.iter().enumerate() {
        for week in 0..200 {
            let rng = rng::Rng::new(week, k as u64);
            let mut w = schedule::Week {
                rng,
                plan: Vec::new(),
            };
            plan(&mut w);
            for p in &w.plan {
                let (modality, sport, _) = p.kind;
                sports.insert(sport);
                assert_eq!(
                    schedule::is_endurance_sport(sport),
                    modality == "endurance",
                    "{sport}"
                );
            }
        }
    }
    assert!(
        sports.contains("fitness_equipment") && sports.contains("Swim"),
        "{sports:?}"
    );
}
