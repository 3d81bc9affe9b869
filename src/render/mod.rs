//! The charts of a report: a pure stage from the frame, the audit and the
//! measures to charts in memory, each drawn twice by the same code (SVG at
//! screen size, PNG at print resolution). Owns the drawing style, the bundled
//! font and the group's view of the data; writes no files.
//!
//! `chart.rs` holds the chart type, its errors and the drawing on both
//! backends; `view.rs` the group's view; `style.rs`, `axes.rs` and
//! `strip.rs` the look and pieces charts share; each other file is one
//! chart. This file makes a group's charts and the overview.

mod athletes_weeks;
mod axes;
mod chart;
#[cfg(test)]
mod fixture;
mod load;
mod nearest_gap;
mod overview;
mod rules;
mod strip;
mod style;
mod timeline;
mod view;
mod weekly;

use crate::aggregate::Aggregates;
use crate::classify::Frame;
use crate::config::Thresholds;
use crate::load::Load;
use crate::rules::Audit;
pub use chart::Chart;
pub(crate) use chart::RenderError;
use chart::{render_as, render_sized};
pub(crate) use timeline::web::{escape_xml, web_css, web_defs, WEB_WIDTH};
use view::GroupView;

/// The five charts of one group, in report order: `nearest_gap`, `weekly`,
/// `load`, `athletes_weeks`, `rules`.
pub fn group_charts(
    frame: &Frame,
    audit: &Audit,
    agg: &Aggregates,
    load: &Load,
    group: &str,
    thresholds: &Thresholds,
    png: bool,
) -> Result<Vec<Chart>, RenderError> {
    let view = GroupView::new(frame, group);
    let g = Some(group);
    Ok(vec![
        render_as(
            "nearest_gap",
            g,
            &nearest_gap::NearestGap::new(&view, audit, thresholds),
            png,
        )?,
        render_as("weekly", g, &weekly::Weekly::new(&view, agg), png)?,
        render_as("load", g, &load::LoadChart::new(&view, load), png)?,
        render_as(
            "athletes_weeks",
            g,
            &athletes_weeks::AthletesWeeks::new(&view, audit, agg),
            png,
        )?,
        render_as("rules", g, &rules::RuleCounts::new(&view, audit), png)?,
    ])
}

/// The timeline charts of athletes `athletes` (indices into the frame's
/// athletes), in that order: `timeline-<id>` each, then `timeline-<id>-2`
/// and on for a span longer than one chart holds.
pub(crate) fn athlete_timelines(
    frame: &Frame,
    audit: &Audit,
    athletes: &[usize],
    png: bool,
) -> Result<Vec<Chart>, RenderError> {
    let mut charts = Vec::new();
    let mut used = std::collections::HashSet::new();
    for &a in athletes {
        let info = &frame.athletes[a];
        let t = timeline::Timeline::new(frame, audit, a);
        let base = format!("timeline-{}", file_safe(&info.athlete_id));
        for page in 0..t.pages() {
            let name = match page {
                0 => base.clone(),
                n => format!("{base}-{}", n + 1),
            };
            let name = unused_name(name, &mut used);
            let mut chart =
                render_sized(&name, Some(&info.group), &t.page(page), png, timeline::SIZE)?;
            chart.part = Some((page, t.pages()));
            charts.push(chart);
        }
    }
    Ok(charts)
}

/// The timeline of athlete `a` (an index into the frame's athletes) for
/// the HTML report: each chart as web SVG (see `timeline::web`), its
/// element ids starting `t<a>`.
pub(crate) fn web_timeline(frame: &Frame, audit: &Audit, a: usize) -> Vec<String> {
    timeline::Timeline::new(frame, audit, a).web_svgs(&format!("t{a}"))
}

/// An athlete id as part of a file name: letters, digits, `-` and `_` kept,
/// anything else `_`.
fn file_safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `name`, or `name_2`, `name_3`... if an earlier chart has it: ids that
/// differ only where `file_safe` replaces characters, or an id like `D01-2`
/// beside D01's second chart, still get a file each.
fn unused_name(name: String, used: &mut std::collections::HashSet<String>) -> String {
    let mut candidate = name.clone();
    let mut n = 1;
    while used.contains(&candidate) {
        n += 1;
        candidate = format!("{name}_{n}");
    }
    used.insert(candidate.clone());
    candidate
}

/// Strength compliance of every group side by side, with the ALL value as reference.
pub fn overview_chart(agg: &Aggregates, png: bool) -> Result<Chart, RenderError> {
    render_as("overview", None, &overview::Overview::new(agg), png)
}

#[cfg(test)]
mod tests {
    use super::fixture::{decode_png, season};
    use super::*;

    fn charts_of(group: &str) -> Vec<Chart> {
        let s = season();
        group_charts(
            &s.frame,
            &s.audit,
            &s.agg,
            &s.load,
            group,
            &Thresholds::default(),
            true,
        )
        .unwrap()
    }

    #[test]
    fn group_charts_come_in_report_order_named_for_their_group() {
        let charts = charts_of("g");
        let names: Vec<&str> = charts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["nearest_gap", "weekly", "load", "athletes_weeks", "rules"]
        );
        assert!(charts.iter().all(|c| c.group.as_deref() == Some("g")));
        assert_eq!(overview_chart(&season().agg, true).unwrap().group, None);
    }

    #[test]
    fn same_input_renders_the_same_svg_and_png() {
        let (a, b) = (charts_of("g"), charts_of("g"));
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.svg, y.svg, "{}", x.name);
            assert_eq!(x.png, y.png, "{}", x.name);
        }
    }

    #[test]
    fn png_is_print_size_and_svg_screen_size() {
        let chart = &charts_of("g")[0];
        assert!(chart.png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(decode_png(&chart.png), (2400, 1500));
        assert!(chart.svg.contains(r#"width="800" height="500""#));
    }

    #[test]
    fn svg_keeps_text_as_text_in_the_registered_family() {
        for chart in charts_of("g") {
            let texts = chart.svg.matches("<text ").count();
            let in_family = chart.svg.matches(r#"font-family="DejaVu Sans""#).count();
            assert!(texts >= 10, "{}: {texts} texts", chart.name);
            assert_eq!(in_family, texts, "{}", chart.name);
            assert!(!chart.svg.contains("sans-serif"));
        }
    }

    #[test]
    fn group_not_in_the_run_says_so_in_every_chart() {
        for chart in charts_of("nobody") {
            assert!(
                chart.svg.contains("no athlete in this run")
                    || chart.svg.contains("no session in this run"),
                "{}",
                chart.name
            );
        }
    }

    #[test]
    fn timeline_names_that_would_collide_get_a_suffix() {
        let mut used = std::collections::HashSet::new();
        let names: Vec<String> = ["timeline-A_1", "timeline-A_1", "timeline-A_1", "timeline-B"]
            .iter()
            .map(|n| unused_name(n.to_string(), &mut used))
            .collect();
        assert_eq!(
            names,
            [
                "timeline-A_1",
                "timeline-A_1_2",
                "timeline-A_1_3",
                "timeline-B"
            ]
        );
    }
}
