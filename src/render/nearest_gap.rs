//! `nearest_gap`, the main histogram of RULES.md section 6: each in-scope
//! timed strength session's gap to its nearest endurance session, with the
//! guidance's minimum and preferred gaps drawn in and the zone under them shaded.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axes::{count_axis, draw_guides, house_mesh, num, Axis, Guide};
use super::chart::{DrawResult, Plot};
use super::style::{self, LegendItem, Mark, Page, Style, ADVISORY, BLUE, INK, VIOLATION};
use super::view::{Empty, GroupView};
use crate::aggregate::median;
use crate::config::Thresholds;
use crate::model::US_PER_H;
use crate::rules::{Audit, NEAREST_WINDOW_US};

/// Width of a histogram bin in hours.
const BIN_H: f64 = 2.0;
/// Opacity of the shaded zones.
const SHADE: f64 = 0.16;

/// A shaded band of gaps under a guidance threshold.
#[derive(Debug, Clone, PartialEq)]
struct Zone {
    to_h: f64,
    from_h: f64,
    color: RGBColor,
    label: String,
}

/// The histogram's data.
pub(super) struct NearestGap {
    group: String,
    /// (nearest gap, the athlete's minimum gap) in hours.
    gaps_h: Vec<(f64, f64)>,
    athletes: usize,
    /// Timed strength sessions without an endurance session within 7 days.
    without_gap: usize,
    guides: Vec<Guide>,
    zones: Vec<Zone>,
    empty: Option<Empty>,
}

impl NearestGap {
    /// Gaps of the group's in-scope timed strength sessions.
    pub(super) fn new(view: &GroupView, audit: &Audit, t: &Thresholds) -> Self {
        let mut gaps_h = Vec::new();
        let mut without_gap = 0;
        for i in view.in_scope_strength() {
            let s = view.session(i);
            if s.date_only {
                continue;
            }
            let power = view.info(s.athlete as usize).power_focus;
            let min_h = if power {
                t.power_min_gap_h
            } else {
                t.min_gap_h
            };
            match audit.nearest_gap_us(i) {
                Some(us) => gaps_h.push((us as f64 / US_PER_H as f64, min_h)),
                None => without_gap += 1,
            }
        }
        let power = view.in_scope().any(|a| view.info(a).power_focus);
        let other = view.in_scope().any(|a| !view.info(a).power_focus);
        let empty = gaps_h.is_empty().then(|| empty_reason(view, without_gap));
        NearestGap {
            group: view.name.to_string(),
            gaps_h,
            athletes: view.in_scope().count(),
            without_gap,
            guides: guides(t, power, other),
            zones: zones(t, power, other),
            empty,
        }
    }

    /// Hours shown: whole days up to the largest gap (at least two, at most
    /// the 7-day window nearest gaps are looked for in), and past every
    /// threshold, so that no bar is cut and the axis is not mostly empty.
    fn span_h(&self) -> f64 {
        let window = NEAREST_WINDOW_US as f64 / US_PER_H as f64;
        let largest = self.gaps_h.iter().map(|g| g.0 + BIN_H).fold(0.0, f64::max);
        let furthest = self
            .guides
            .iter()
            .map(|g| g.at + BIN_H)
            .fold(largest.min(window), f64::max);
        ((furthest / 24.0).ceil() * 24.0).max(48.0)
    }

    /// Sessions per bin; gaps beyond the span go into the last bin.
    fn bins(&self) -> Vec<u32> {
        let n = (self.span_h() / BIN_H) as usize;
        let mut counts = vec![0u32; n];
        for (gap, _) in &self.gaps_h {
            counts[((gap / BIN_H) as usize).min(n - 1)] += 1;
        }
        counts
    }

    fn page(&self) -> Page {
        let title = format!(
            "Gap from strength to the nearest endurance session — {}",
            self.group
        );
        let mut page = Page {
            title,
            ..Page::default()
        };
        if self.empty.is_some() {
            return page;
        }
        let gaps: Vec<f64> = self.gaps_h.iter().map(|g| g.0).collect();
        let under = self.gaps_h.iter().filter(|(g, min)| g < min).count();
        page.subtitle = format!(
            "{} timed strength sessions of {} in-scope athletes · median {} h · {:.0} % closer than the athlete's minimum gap",
            gaps.len(),
            self.athletes,
            num((median(&gaps).unwrap_or(0.0) * 10.0).round() / 10.0),
            100.0 * under as f64 / gaps.len() as f64
        );
        page.legend
            .push(LegendItem::new(Mark::Swatch(BLUE), "Strength sessions"));
        for z in &self.zones {
            page.legend.push(LegendItem::new(
                Mark::Shade(z.color, SHADE * 1.6),
                z.label.clone(),
            ));
        }
        page.footnote = self.footnote();
        page
    }

    fn footnote(&self) -> Option<String> {
        let mut notes = Vec::new();
        if self.without_gap > 0 {
            notes.push(format!(
                "{} timed strength session(s) with no endurance session within 7 days are not shown.",
                self.without_gap
            ));
        }
        let span = self.span_h();
        let over = self.gaps_h.iter().filter(|(g, _)| *g >= span).count();
        if over > 0 {
            notes.push(format!(
                "{over} gap(s) of {} h or more are counted in the last bin.",
                num(span)
            ));
        }
        notes.push(format!(
            "Bins are {} h wide; a gap on a line falls in the bin to its right.",
            num(BIN_H)
        ));
        // The shaded zone reads as "violations", which it is not quite.
        if self.gaps_h.iter().any(|(g, min)| g < min) {
            notes.push(
                "Not every gap under the minimum is a violation: endurance right after strength is one session in the right order (an advisory for an athlete without power focus), so strength compliance can be higher than this share suggests.".into(),
            );
        }
        Some(notes.join(" "))
    }
}

impl Plot for NearestGap {
    fn layout(&self) -> Page {
        self.page()
    }

    fn why_empty(&self) -> Option<&Empty> {
        self.empty.as_ref()
    }

    fn draw_body<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        body: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> DrawResult<DB> {
        let bins = self.bins();
        let span = self.span_h();
        let (top, y_ticks) = count_axis(f64::from(bins.iter().copied().max().unwrap_or(0)));
        let step = if span <= 72.0 { 12.0 } else { 24.0 };
        let x_ticks: Vec<f64> = (0..)
            .map(|k| f64::from(k) * step)
            .take_while(|h| *h <= span)
            .collect();
        let mut chart = ChartBuilder::on(body)
            .margin_top(self.guides.len() as i32 * st.line_height(style::LABEL) + st.px(4.0))
            .margin_right(st.px(12.0))
            .x_label_area_size(st.px(48.0))
            .y_label_area_size(st.px(62.0))
            .build_cartesian_2d(Axis::new(0.0..span, x_ticks), Axis::new(0.0..top, y_ticks))?;
        house_mesh(&mut chart, st)
            .disable_x_mesh()
            .x_label_formatter(&|h| num(*h))
            .y_label_formatter(&|n| num(*n))
            .x_desc("Gap to nearest endurance session (h)")
            .y_desc("Strength sessions")
            .draw()?;
        chart.draw_series(self.zones.iter().map(|z| {
            Rectangle::new(
                [(z.from_h, 0.0), (z.to_h, top)],
                z.color.mix(SHADE).filled(),
            )
        }))?;
        let inset = BIN_H * 0.06;
        chart.draw_series(
            bins.iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .map(|(i, c)| {
                    let lo = i as f64 * BIN_H;
                    Rectangle::new(
                        [(lo + inset, 0.0), (lo + BIN_H - inset, f64::from(*c))],
                        BLUE.filled(),
                    )
                }),
        )?;
        let bottom = chart.backend_coord(&(0.0, 0.0)).1;
        let plot_top = chart.backend_coord(&(0.0, top)).1;
        let right = chart.backend_coord(&(span, 0.0)).0;
        let xs: Vec<i32> = self
            .guides
            .iter()
            .map(|g| chart.backend_coord(&(g.at, 0.0)).0)
            .collect();
        draw_guides(root, st, &self.guides, &xs, (bottom, plot_top, right))
    }
}

/// The thresholds that apply to the group's in-scope athletes, equal ones merged.
fn guides(t: &Thresholds, power: bool, other: bool) -> Vec<Guide> {
    let mut marks: Vec<(f64, &str, RGBColor)> = Vec::new();
    if other {
        marks.push((t.min_gap_h, "minimum gap", VIOLATION));
    }
    if power {
        let name = if other {
            "minimum gap for power focus"
        } else {
            "minimum gap (power focus)"
        };
        marks.push((t.power_min_gap_h, name, VIOLATION));
    }
    marks.push((t.preferred_gap_h, "preferred gap", INK));
    marks.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut guides: Vec<Guide> = Vec::new();
    for (at, name, color) in marks {
        match guides.last_mut() {
            Some(g) if g.at == at => g.label = format!("{} = {name}", g.label),
            _ => guides.push(Guide {
                at,
                label: format!("{} h {name}", num(at)),
                color,
            }),
        }
    }
    guides
}

/// Shaded bands: under the strictest minimum that applies to everyone, and
/// from there to the preferred gap.
fn zones(t: &Thresholds, power: bool, other: bool) -> Vec<Zone> {
    let strict = if other || !power {
        t.min_gap_h
    } else {
        t.power_min_gap_h
    };
    let mut zones = vec![Zone {
        from_h: 0.0,
        to_h: strict,
        color: VIOLATION,
        label: format!("Under the minimum gap ({} h)", num(strict)),
    }];
    if t.preferred_gap_h > strict {
        zones.push(Zone {
            from_h: strict,
            to_h: t.preferred_gap_h,
            color: ADVISORY,
            label: format!("Under the preferred gap ({} h)", num(t.preferred_gap_h)),
        });
    }
    zones
}

fn empty_reason(view: &GroupView, without_gap: usize) -> Empty {
    match view.no_timed_strength(", so gaps cannot be measured") {
        Some(detail) => Empty {
            headline: "No strength sessions with a time of day in scope".into(),
            detail,
        },
        None => Empty {
            headline: "No endurance session within 7 days of a strength session".into(),
            detail: format!(
                "none of the {without_gap} timed strength sessions of in-scope {} athletes has an \
                 endurance session with a time of day within 7 days",
                view.name
            ),
        },
    }
}

#[cfg(test)]
mod tests;
