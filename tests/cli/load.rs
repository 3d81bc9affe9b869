//! The load tables of the sample season read against the audit's own
//! tables: each athlete-week's violations are the violation flags whose
//! first session falls in that ISO week, each group-week's are weekly.csv's,
//! and the rows come in the order the README gives.

use std::collections::BTreeMap;

use super::*;

/// The ISO week label (`2026-W03`) of a local start (`2026-01-14` or
/// `2026-01-14T08:00:00+01:00`).
fn iso_week(start_local: &str) -> String {
    use chrono::Datelike;
    let date = chrono::NaiveDate::parse_from_str(&start_local[..10], "%Y-%m-%d").unwrap();
    let week = date.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

#[test]
fn athlete_weeks_count_the_violations_first_in_them() {
    let (_tmp, out) = sample_report("csv");
    let mut expected: BTreeMap<(String, String), u64> = BTreeMap::new();
    for flag in table(&out, "flags.csv") {
        if flag["severity"] == "violation" {
            let key = (
                flag["athlete_id"].clone(),
                iso_week(&flag["first_start_local"]),
            );
            *expected.entry(key).or_default() += 1;
        }
    }
    let weeks = table(&out, "load_weekly.csv");
    let mut counted = 0;
    for w in &weeks {
        let key = (w["athlete_id"].clone(), w["week"].clone());
        let want = expected.get(&key).copied().unwrap_or(0);
        assert_eq!(w["violations"], want.to_string(), "{key:?}");
        counted += want;
    }
    // Every violation falls in a week of its athlete's span.
    assert_eq!(counted, expected.values().sum::<u64>());
    assert!(counted > 100, "{counted} violations");
}

#[test]
fn group_weeks_count_the_violations_of_weekly_csv() {
    let (_tmp, out) = sample_report("csv");
    let weekly: BTreeMap<(String, String), String> = table(&out, "weekly.csv")
        .into_iter()
        .map(|r| {
            (
                (r["group"].clone(), r["week"].clone()),
                r["violations"].clone(),
            )
        })
        .collect();
    let groups = table(&out, "load_groups.csv");
    assert!(!groups.is_empty());
    // No week with violations is missing: the sums are the season's.
    let sum = |rows: &[BTreeMap<String, String>]| -> u64 {
        rows.iter()
            .map(|r| r["violations"].parse::<u64>().unwrap())
            .sum()
    };
    let all = table(&out, "summary.csv")
        .into_iter()
        .find(|r| r["group"] == "ALL")
        .unwrap();
    assert_eq!(sum(&groups), all["violations"].parse::<u64>().unwrap());
    assert!(sum(&groups) > 100);
    for g in &groups {
        let key = (g["group"].clone(), g["week"].clone());
        let want = weekly.get(&key).map_or("0", String::as_str);
        assert_eq!(g["violations"], want, "{key:?}");
    }
}

#[test]
fn load_rows_come_by_group_then_athlete_then_week() {
    let (_tmp, out) = sample_report("csv");
    let keys = |name: &str, columns: &[&str]| -> Vec<Vec<String>> {
        table(&out, name)
            .iter()
            .map(|r| columns.iter().map(|c| r[*c].clone()).collect())
            .collect()
    };
    for (name, columns) in [
        ("load_daily.csv", &["group", "athlete_id", "date"][..]),
        ("load_weekly.csv", &["group", "athlete_id", "week"][..]),
        ("load_groups.csv", &["group", "week"][..]),
    ] {
        let rows = keys(name, columns);
        assert!(rows.len() > 10, "{name}");
        assert!(
            rows.windows(2).all(|w| w[0] < w[1]),
            "{name} is not ordered by {columns:?}"
        );
    }
}
