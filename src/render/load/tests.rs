//! Tests of the load chart.

use super::super::chart::render;
use super::super::fixture::{assert_drawn, assert_says_instead, season, words};
use super::*;

fn chart_of(group: &str) -> LoadChart {
    let s = season();
    LoadChart::new(&GroupView::new(&s.frame, group), &s.load)
}

#[test]
fn weeks_carry_the_groups_minutes_load_and_violations() {
    let c = chart_of("g");
    assert_eq!(c.mondays.len(), 3);
    assert_eq!(c.violations, [3, 0, 2]);
    // Week 2: A1 and A3 train 60 min strength at RPE 7 and 45 min
    // endurance at RPE 5 (645 AU); A2 rests (0 AU).
    assert_eq!(c.minutes[1], [60.0, 45.0, 0.0]);
    assert_eq!(c.load[1], Some([645.0, 322.5, 645.0]));
    assert_eq!(c.rpe_known_pct, Some(100.0));
}

#[test]
fn load_chart_draws_minutes_load_and_violations() {
    let chart = render("load", Some("g"), &chart_of("g")).unwrap();
    let texts = [
        "Training load per week — g",
        "Median minutes per week",
        "Median load (AU)",
        "Violations",
        "ISO week (2026)",
        "W10",
        "W12",
        "RPE known for 100 % of sessions",
    ];
    assert_drawn(&chart, &texts, 10);
}

#[test]
fn group_without_rpe_has_bars_but_no_load_axis() {
    let c = chart_of("dates");
    assert!(c.empty.is_none() && !c.has_load());
    let chart = render("load", Some("dates"), &c).unwrap();
    assert!(!words(&chart).contains("Median load (AU)"));
    assert!(words(&chart).contains("no session of this group has an RPE"));
    assert!(c.load_runs().is_empty(), "rest days' 0 is no load line");
}

#[test]
fn group_without_weeks_says_so_instead_of_drawing_axes() {
    let chart = render("load", Some("nobody"), &chart_of("nobody")).unwrap();
    let words = [
        "No weeks to show",
        "group nobody has no session in this run",
    ];
    assert_says_instead(&chart, &words, "Median minutes per week");
}

#[test]
fn narrow_weeks_get_a_line_of_segments_and_no_points() {
    let mut c = chart_of("g");
    let weeks = 600;
    let first = c.mondays[0];
    c.mondays = (0..weeks)
        .map(|k| first + chrono::Days::new(7 * k))
        .collect();
    c.minutes = vec![[60.0, 30.0, 0.0]; weeks as usize];
    // A steep zigzag: the joins that drew spikes past the axis.
    c.load = (0..weeks)
        .map(|k| Some([(k % 2) as f64 * 2000.0, 0.0, 2000.0]))
        .collect();
    c.violations = vec![0; weeks as usize];
    let svg = render("load", Some("g"), &c).unwrap().svg;
    let points = svg.matches("<circle").count();
    assert!(points <= 2, "{points} circles: only the legend's");
    assert!(svg.matches("<polyline").count() > weeks as usize / 2);
    // Three weeks are wide: one line with a point per week.
    let wide = render("load", Some("g"), &chart_of("g")).unwrap().svg;
    assert!(wide.matches("<circle").count() >= 6);
}

#[test]
fn load_line_breaks_at_weeks_without_a_load() {
    let mut c = chart_of("g");
    c.load = vec![Some([1.0, 0.5, 2.0]), None, Some([3.0, 2.0, 4.0])];
    let runs = c.load_runs();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[1], vec![(2.5, [3.0, 2.0, 4.0])]);
}
