//! Tests of the nearest-gap chart.

use super::super::chart::render;
use super::super::fixture::{assert_drawn, assert_says_instead, season};
use super::*;

fn histogram(group: &str) -> NearestGap {
    let s = season();
    NearestGap::new(
        &GroupView::new(&s.frame, group),
        &s.audit,
        &Thresholds::default(),
    )
}

#[test]
fn gaps_are_those_of_in_scope_timed_strength_sessions() {
    let h = histogram("g");
    // A1: 4 sessions, A2: 3; the exempt A3 is left out.
    let mut gaps: Vec<f64> = h.gaps_h.iter().map(|g| g.0).collect();
    gaps.sort_by(f64::total_cmp);
    assert_eq!(gaps, [2.0, 2.0, 10.0, 10.0, 10.0, 30.0, 30.0]);
    assert_eq!(h.athletes, 2);
    let bins = h.bins();
    assert_eq!((bins[1], bins[5], bins[15]), (2, 3, 2));
    assert_eq!(bins.iter().sum::<u32>(), 7);
}

#[test]
fn histogram_draws_bars_guides_and_axis_labels() {
    let s = season();
    let plot = NearestGap::new(
        &GroupView::new(&s.frame, "g"),
        &s.audit,
        &Thresholds::default(),
    );
    let chart = render("nearest_gap", Some("g"), &plot).unwrap();
    let texts = [
        "Gap from strength to the nearest endurance session — g",
        "Gap to nearest endurance session (h)",
        "Strength sessions",
        "6 h minimum gap",
        "24 h minimum gap for power focus = preferred gap",
    ];
    // Background, zones and three bars at least.
    assert_drawn(&chart, &texts, 6);
}

#[test]
fn exempt_group_says_so_instead_of_drawing_axes() {
    let s = season();
    let plot = NearestGap::new(
        &GroupView::new(&s.frame, "masters"),
        &s.audit,
        &Thresholds::default(),
    );
    let chart = render("nearest_gap", Some("masters"), &plot).unwrap();
    let words = [
        "No strength sessions with a time of day in scope",
        "masters athletes are exempt",
    ];
    assert_says_instead(&chart, &words, "Gap to nearest endurance session (h)");
}

#[test]
fn date_only_group_says_gaps_cannot_be_measured() {
    let empty = histogram("dates").empty.expect("nothing to draw");
    assert!(empty.detail.contains("give dates only"), "{}", empty.detail);
    assert!(empty.detail.contains("gaps cannot be measured"));
}

#[test]
fn power_focus_only_group_has_one_line_for_its_minimum_and_the_preferred_gap() {
    let g = guides(&Thresholds::default(), true, false);
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].label, "24 h minimum gap (power focus) = preferred gap");
    let z = zones(&Thresholds::default(), true, false);
    assert_eq!((z.len(), z[0].to_h), (1, 24.0));
}

#[test]
fn group_without_power_focus_shades_violation_and_advisory_zones() {
    let z = zones(&Thresholds::default(), false, true);
    let bands: Vec<(f64, f64)> = z.iter().map(|z| (z.from_h, z.to_h)).collect();
    assert_eq!(bands, [(0.0, 6.0), (6.0, 24.0)]);
    let labels: Vec<String> = guides(&Thresholds::default(), false, true)
        .into_iter()
        .map(|g| g.label)
        .collect();
    assert_eq!(labels, ["6 h minimum gap", "24 h preferred gap"]);
}

#[test]
fn axis_spans_whole_days_past_the_largest_gap() {
    assert_eq!(histogram("g").span_h(), 48.0);
}
