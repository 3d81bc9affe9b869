//! Tests of the heatmap of violations per athlete and week.

use super::super::chart::render;
use super::super::fixture::{assert_drawn, assert_says_instead, count_tag, crowd, season, texts};
use super::*;

fn heatmap(group: &str) -> AthletesWeeks {
    let s = season();
    AthletesWeeks::new(&GroupView::new(&s.frame, group), &s.audit, &s.agg)
}

#[test]
fn heatmap_has_one_row_per_athlete_of_the_group() {
    let h = heatmap("g");
    let ids: Vec<&str> = h.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["A1", "A2", "A3"]);
    let chart = render("athletes_weeks", Some("g"), &h).unwrap();
    let labels = texts(&chart);
    for id in ids {
        assert!(labels.iter().any(|t| t == id), "{id}");
    }
    // A filled and an outlined rect per cell, plus page and legend rects.
    assert!(count_tag(&chart, "rect") >= 2 * 3 * 3);
    assert_drawn(
        &chart,
        &[
            "Violations per athlete and week — g",
            "Athlete",
            "ISO week (2026)",
        ],
        18,
    );
}

#[test]
fn violations_count_in_the_week_of_their_first_session() {
    let h = heatmap("g");
    assert_eq!(h.rows[0].counts, [2, 0, 0]);
    assert_eq!(h.rows[1].counts, [1, 0, 2]);
    assert_eq!(h.rows[1].active, [true, false, true]);
}

#[test]
fn exempt_athletes_keep_a_marked_row() {
    let h = heatmap("g");
    assert_eq!(h.rows[2].exempt, Some("recreational"));
    assert_eq!(h.rows[2].counts, [0, 0, 0]);
    let chart = render("athletes_weeks", Some("g"), &h).unwrap();
    assert!(texts(&chart)
        .iter()
        .any(|t| t == "exempt (recreational): not audited"));
}

#[test]
fn a_large_group_keeps_the_rows_of_most_violations_in_id_order() {
    let row = |id: &str, violations: u32| Row {
        id: id.to_string(),
        exempt: None,
        counts: vec![violations],
        active: vec![true],
    };
    let mut rows = vec![
        row("a", 1),
        row("b", 5),
        row("c", 0),
        row("d", 5),
        row("e", 2),
    ];
    keep_most_violations(&mut rows, 3);
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["b", "d", "e"]);
    keep_most_violations(&mut rows, 5);
    assert_eq!(rows.len(), 3);
}

#[test]
fn a_capped_heatmap_counts_every_athlete_in_its_subtitle_and_footnote() {
    let athletes = MAX_ROWS as u32 + 5;
    let s = crowd(athletes);
    let h = AthletesWeeks::new(&GroupView::new(&s.frame, "big"), &s.audit, &s.agg);
    assert_eq!(h.rows.len(), MAX_ROWS);
    // Athlete i has i % 3 + 1 violations.
    let violations: u32 = (0..athletes).map(|i| i % 3 + 1).sum();
    let page = h.page();
    let counted = format!("{violations} violations of {athletes} in-scope athletes");
    assert!(page.subtitle.starts_with(&counted), "{}", page.subtitle);
    let footnote = page.footnote.unwrap_or_default();
    let rows = format!("Rows: the {MAX_ROWS} of {athletes} athletes with most violations");
    assert!(footnote.contains(&rows), "{footnote}");
}

#[test]
fn legend_keys_every_count_up_to_seven_else_seven_spread_out() {
    assert_eq!(AthletesWeeks::key_counts(3), [0, 1, 2, 3]);
    assert_eq!(AthletesWeeks::key_counts(25), [0, 1, 5, 9, 13, 17, 21, 25]);
}

#[test]
fn group_without_violations_says_so_instead_of_drawing_axes() {
    let chart = render("athletes_weeks", Some("dates"), &heatmap("dates")).unwrap();
    let words = [
        "No violations in dates",
        "give dates only",
        "same-day pairs are advisories",
    ];
    assert_says_instead(&chart, &words, "Athlete");
}
