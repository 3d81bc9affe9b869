//! Tests of the timeline chart: its model and what it draws.

use super::super::chart::render_sized;
use super::super::fixture::{count_tag, decode_png, season, words};
use super::*;
use crate::classify::AthleteInfo;
use crate::config::Thresholds;
use crate::model::Status;
use crate::rules::evaluate;
use crate::test_support::session;

fn draw(t: &Timeline, page: usize) -> super::super::Chart {
    render_sized("timeline", Some("g"), &t.page(page), true, SIZE).unwrap()
}

#[test]
fn flagged_athlete_shows_sessions_flags_codes_and_load() {
    let s = season();
    let t = Timeline::new(&s.frame, &s.audit, 0);
    assert_eq!((t.weeks, t.pages()), (3, 1));
    assert_eq!(t.first_monday, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    // Strength at 08:00 for 1 h on the first Monday.
    assert_eq!(
        (t.bars[0].day, t.bars[0].from_h, t.bars[0].to_h),
        (0, 8.0, 9.0)
    );
    assert!(t
        .flags
        .iter()
        .any(|f| f.rule == Rule::SpacingMin && f.to.is_some()));
    assert!(!t.loads.is_empty());
    let chart = draw(&t, 0);
    let all = words(&chart);
    for text in [
        "Timeline — athlete A1 (g)",
        "2026-W10",
        "Mon",
        "Sun",
        "MIN",
        "spacing_min",
    ] {
        assert!(all.contains(text), "lacks {text:?} in {all:?}");
    }
    assert!(count_tag(&chart, "polyline") >= 2, "no flag brackets");
    assert_eq!(decode_png(&chart.png), (2400, 3180));
    assert!(chart.svg.contains(r#"width="800" height="1060""#));
}

#[test]
fn exempt_athlete_says_why_and_shows_no_flags() {
    let s = season();
    let t = Timeline::new(&s.frame, &s.audit, 2);
    assert!(t.flags.is_empty());
    let all = words(&draw(&t, 0));
    assert!(all.contains("exempt by status (recreational)"), "{all}");
    assert!(!all.contains("violations"), "{all}");
}

#[test]
fn a_year_wraps_onto_charts_of_26_weeks() {
    let info = AthleteInfo {
        athlete_id: "Y1".into(),
        group: "g".into(),
        status: Status::Trained,
        power_focus: false,
        exempt_reason: None,
    };
    // From the Monday of 2026-W10, every other day at 17:00.
    let sessions = (0..52 * 7)
        .step_by(2)
        .map(|d| session(&format!("y{d}"), Modality::Strength, d * 1440 + 17 * 60, 90))
        .collect();
    let frame = crate::test_support::frame(vec![info], sessions);
    let audit = evaluate(&frame, &Thresholds::default());
    let t = Timeline::new(&frame, &audit, 0);
    assert_eq!((t.weeks, t.pages()), (52, 2));
    let second = words(&draw(&t, 1));
    assert!(second.contains("(2 of 2)"), "{second}");
    assert!(
        second.contains("2026-W36") && second.contains("2027-W08"),
        "{second}"
    );
    assert!(!second.contains("2026-W35"), "{second}");
}

#[test]
fn half_years_without_a_session_get_no_chart() {
    let info = AthleteInfo {
        athlete_id: "Z1".into(),
        group: "g".into(),
        status: Status::Trained,
        power_focus: false,
        exempt_reason: None,
    };
    // A session in 2026-W10 and one four years later: 209 weeks apart.
    let later_min = 209 * 7 * 1440 + 17 * 60;
    let sessions = vec![
        session("early", Modality::Strength, 17 * 60, 90),
        session("late", Modality::Strength, later_min, 90),
    ];
    let frame = crate::test_support::frame(vec![info], sessions);
    let audit = evaluate(&frame, &Thresholds::default());
    let t = Timeline::new(&frame, &audit, 0);
    assert_eq!((t.weeks, t.pages()), (210, 2));
    let second = words(&draw(&t, 1));
    assert!(second.contains("(2 of 2)"), "{second}");
    assert!(second.contains("2030-W10"), "{second}");
    assert!(!second.contains("2029-"), "{second}");
}

#[test]
fn daily_load_is_placed_on_its_day_and_rounded_half_away_from_zero() {
    let info = AthleteInfo {
        athlete_id: "L1".into(),
        group: "g".into(),
        status: Status::Trained,
        power_focus: false,
        exempt_reason: None,
    };
    // Wednesday of the first week: RPE 6.5 for 45 min is 292.5 AU.
    let mut rated = session("rated", Modality::Endurance, 2 * 1440 + 7 * 60, 45);
    rated.rpe = Some(6.5).into();
    let unrated = session("unrated", Modality::Strength, 4 * 1440 + 7 * 60, 60);
    let frame = crate::test_support::frame(vec![info], vec![rated, unrated]);
    let audit = evaluate(&frame, &Thresholds::default());
    let t = Timeline::new(&frame, &audit, 0);
    assert_eq!(t.loads, vec![(2, 292.5)]);
    let all = words(&draw(&t, 0));
    let body = all.split("2026-W10").last().unwrap();
    assert!(body.split_whitespace().any(|w| w == "293"), "{body}");
    assert!(!body.split_whitespace().any(|w| w == "292"), "{body}");
}

#[test]
fn session_past_midnight_continues_on_the_next_day() {
    let s = season();
    let mut frame = s.frame.clone();
    let i = frame.ranges[0].start;
    frame.sessions[i].start_us += 15 * 3_600_000_000;
    frame.sessions[i].duration_s = 2.0 * 3600.0;
    let t = Timeline::new(&frame, &s.audit, 0);
    let first: Vec<_> = t
        .bars
        .iter()
        .take(2)
        .map(|b| (b.day, b.from_h, b.to_h))
        .collect();
    assert_eq!(first, [(0, 23.0, 24.0), (1, 0.0, 1.0)]);
}

#[test]
fn crowded_day_counts_the_codes_without_room_and_keeps_the_load() {
    let s = season();
    let mut t = Timeline::new(&s.frame, &s.audit, 0);
    let at = Anchor {
        day: 0,
        hour: 8.0,
        band: false,
    };
    let rules = [
        Rule::Order,
        Rule::CombinedSession,
        Rule::SpacingMin,
        Rule::SpacingPreferred,
        Rule::SameDayUnknownTime,
        Rule::ToFailure,
    ];
    t.flags = rules
        .iter()
        .map(|&rule| FlagMark {
            rule,
            severity: Severity::Advisory,
            from: at,
            to: None,
        })
        .collect();
    t.loads = vec![(0, 12345.0)];
    let all = words(&draw(&t, 0));
    // The body's text comes after the last week label.
    let body = all.split("2026-W12").last().unwrap();
    assert!(body.contains("12345"), "load lost: {body}");
    let shown = ["ORD", "CMB", "MIN", "PREF", "DAY", "FAIL"]
        .iter()
        .filter(|code| body.split_whitespace().any(|w| w == **code))
        .count();
    let more = body.split_whitespace().find_map(|w| w.strip_prefix('+'));
    let more: usize = more.expect("no +n").parse().unwrap();
    assert!(shown < 6, "all codes drawn in one cell: {body}");
    assert_eq!(shown + more, 6, "{body}");
}
