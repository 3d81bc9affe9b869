//! A small season for chart tests, built in memory: group `g` with a
//! trained athlete, a power-focus athlete and an exempt one over three weeks;
//! group `masters` all exempt; group `dates` with date-only logs and no RPE.
//! And `crowd`: one group of many athletes, for charts that cap their rows.

use crate::aggregate::{aggregate, Aggregates};
use crate::classify::{AthleteInfo, Frame};
use crate::config::Thresholds;
use crate::load::{measure, Load};
use crate::model::{Modality, Session, Status};
use crate::rules::{evaluate, Audit};
use crate::test_support::session;

use super::chart::Chart;

const S: Modality = Modality::Strength;
const E: Modality = Modality::Endurance;
/// Minutes in an hour and a day.
const H: i64 = 60;
const DAY: i64 = 24 * H;

/// A frame with what the rules and the measures made of it.
pub(super) struct Season {
    pub(crate) frame: Frame,
    pub(crate) audit: Audit,
    pub(crate) agg: Aggregates,
    pub(crate) load: Load,
}

fn athlete(id: &str, group: &str, status: Status, power_focus: bool) -> AthleteInfo {
    let rules = crate::config::Rules::default();
    AthleteInfo::new(id.into(), group.into(), status, power_focus, &rules)
}

/// Strength at 08:00 on `day` at RPE 7, then endurance at RPE 5 `gap_h`
/// hours after it ends.
fn pair(athlete: u32, day: i64, gap_h: i64) -> [Session; 2] {
    let id = |kind: &str| format!("{athlete}-{day}-{kind}");
    let mut s = session(&id("s"), S, day * DAY + 8 * H, 60);
    let mut e = session(&id("e"), E, day * DAY + 9 * H + gap_h * H, 45);
    s.athlete = athlete;
    e.athlete = athlete;
    s.rpe = Some(7.0).into();
    e.rpe = Some(5.0).into();
    [s, e]
}

/// The test season (weeks of 2026-03-02, -09 and -16).
pub(super) fn season() -> Season {
    let athletes = vec![
        athlete("A1", "g", Status::Trained, false),
        athlete("A2", "g", Status::Elite, true),
        athlete("A3", "g", Status::Recreational, false),
        athlete("D1", "dates", Status::Trained, false),
        athlete("M1", "masters", Status::Untrained, false),
    ];
    let mut sessions = Vec::new();
    // A1: 2 h gaps (spacing_min violations) in week 1, 30 h gaps after.
    for (day, gap) in [(0, 2), (2, 2), (7, 30), (14, 30)] {
        sessions.extend(pair(0, day, gap));
    }
    // A2 (power focus): 10 h gaps, violations for power focus; none in week 2.
    for day in [1, 15, 17] {
        sessions.extend(pair(1, day, 10));
    }
    for (a, days) in [(2, [0, 8]), (4, [3, 10])] {
        for day in days {
            sessions.extend(pair(a, day, 1));
        }
    }
    for day in [0, 9] {
        for mut s in pair(3, day, 1) {
            s.date_only = true;
            s.rpe = None.into();
            sessions.push(s);
        }
    }
    measured(crate::test_support::frame(athletes, sessions))
}

/// `frame` with what the rules and the measures make of it.
fn measured(frame: Frame) -> Season {
    let audit = evaluate(&frame, &Thresholds::default());
    let agg = aggregate(&frame, &audit);
    let load = measure(&frame, &audit, &agg);
    Season {
        frame,
        audit,
        agg,
        load,
    }
}

/// Width and height of a PNG, decoding all of its pixels.
pub(super) fn decode_png(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(bytes);
    let mut reader = decoder.read_info().expect("PNG header");
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).expect("PNG pixels");
    (info.width, info.height)
}

/// The contents of the SVG's `<text>` elements, in drawing order.
pub(super) fn texts(chart: &Chart) -> Vec<String> {
    chart
        .svg
        .split("<text ")
        .skip(1)
        .filter_map(|t| {
            let (_, rest) = t.split_once('>')?;
            let (content, _) = rest.split_once("</text>")?;
            Some(content.trim().to_string())
        })
        .collect()
}

/// All words of the chart as one line (wrapped lines joined).
pub(super) fn words(chart: &Chart) -> String {
    texts(chart).join(" ")
}

/// How many elements of an SVG tag (`rect`, `text`, ...) the chart has.
pub(super) fn count_tag(chart: &Chart, tag: &str) -> usize {
    chart.svg.matches(&format!("<{tag} ")).count()
}

/// Asserts the chart is drawn both ways: SVG with `texts` and at least
/// `shapes` rect/polyline/circle elements, PNG that decodes at print size.
pub(super) fn assert_drawn(chart: &Chart, texts: &[&str], shapes: usize) {
    let all = words(chart);
    for text in texts {
        assert!(
            all.contains(text),
            "{} lacks {text:?} in {all:?}",
            chart.name
        );
    }
    let drawn = ["rect", "polyline", "circle", "line"]
        .iter()
        .map(|t| count_tag(chart, t))
        .sum::<usize>();
    assert!(
        drawn >= shapes,
        "{}: {drawn} shapes, want {shapes}",
        chart.name
    );
    assert!(
        chart.png.len() > 20_000,
        "{}: PNG of {} bytes",
        chart.name,
        chart.png.len()
    );
    assert_eq!(decode_png(&chart.png), (2400, 1500));
}

/// Asserts the chart says `words` in place of a plot: no axis description.
pub(super) fn assert_says_instead(chart: &Chart, expected: &[&str], axis: &str) {
    let all = words(chart);
    for w in expected {
        assert!(all.contains(w), "{} lacks {w:?} in {all:?}", chart.name);
    }
    assert!(!all.contains(axis), "{} still draws its axes", chart.name);
    assert!(chart.png.len() > 10_000);
}

/// Group `big` of `athletes` trained athletes: athlete `i` has `i % 3 + 1`
/// strength-then-endurance pairs 2 h apart (one violation each) in the
/// first week.
pub(super) fn crowd(athletes: u32) -> Season {
    let infos = (0..athletes)
        .map(|i| athlete(&format!("B{i:03}"), "big", Status::Trained, false))
        .collect();
    let mut sessions = Vec::new();
    for a in 0..athletes {
        for day in 0..i64::from(a % 3 + 1) {
            sessions.extend(pair(a, 2 * day, 2));
        }
    }
    measured(crate::test_support::frame(infos, sessions))
}
