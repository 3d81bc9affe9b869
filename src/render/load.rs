//! `load`: a group's training load per ISO week (the rows of
//! load_groups.csv, LOAD.md section 5): the median weekly minutes of
//! strength, endurance and other sessions as stacked bars, the median weekly
//! sRPE load with its inter-quartile band as a line on its own axis, and the
//! week's violations in a strip above the plot, so load and clashes sit
//! side by side.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::axes::{
    category, count_axis, draw_right_axis, house_mesh, label_step, num, runs, week_labels,
    widest_label, Axis,
};
use super::chart::{DrawResult, Plot};
use super::strip::{count_strip, strip_height};
use super::style::{text_width, LegendItem, Mark, Page, Style, BLUE, BLUISH_GREEN, INK, VIOLATION};
use super::view::{Empty, GroupView};
use crate::aggregate::iso_week_label;
use crate::load::Load;

/// Width of a bar as a share of its week.
const BAR: f64 = 0.68;
/// Opacity of the inter-quartile band.
const BAND: f64 = 0.18;
/// Colours of the strength, endurance and other minutes.
const MODALITIES: [(RGBColor, &str); 3] = [
    (BLUE, "Strength"),
    (BLUISH_GREEN, "Endurance"),
    (RGBColor(0xBB, 0xBB, 0xBB), "Other"),
];

/// The load chart's data.
pub(super) struct LoadChart {
    group: String,
    mondays: Vec<NaiveDate>,
    /// Median minutes of strength, endurance and other per week.
    minutes: Vec<[f64; 3]>,
    /// Median, first and third quartile of the weekly load, when known.
    load: Vec<Option<[f64; 3]>>,
    violations: Vec<u64>,
    /// Share of the group's sessions with an RPE.
    rpe_known_pct: Option<f64>,
    empty: Option<Empty>,
}

impl LoadChart {
    /// The group's weeks of `load`.
    pub(super) fn new(view: &GroupView, load: &Load) -> Self {
        let weeks = load.group_weeks(view.name);
        let empty = weeks.is_empty().then(|| Empty {
            headline: "No weeks to show".into(),
            detail: format!("group {} has no session in this run", view.name),
        });
        let rpe_known_pct = load.group_measures(view.name).rpe_known_pct();
        // Every week from the first to the last, those without a row of
        // the group's (no athlete's span reaches them) drawn empty.
        let (mut mondays, mut minutes, mut loads, mut violations) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut next = weeks.first().map(|w| w.monday);
        for w in weeks {
            while let Some(monday) = next.filter(|m| *m < w.monday) {
                mondays.push(monday);
                minutes.push([0.0; 3]);
                loads.push(None);
                violations.push(0);
                next = monday.checked_add_days(chrono::Days::new(7));
            }
            mondays.push(w.monday);
            minutes.push(
                [
                    w.strength_min_median,
                    w.endurance_min_median,
                    w.other_min_median,
                ]
                .map(|m| m.unwrap_or(0.0)),
            );
            loads.push(w.load_au);
            violations.push(w.violations);
            next = w.monday.checked_add_days(chrono::Days::new(7));
        }
        LoadChart {
            group: view.name.to_string(),
            mondays,
            minutes,
            load: loads,
            violations,
            rpe_known_pct,
            empty,
        }
    }

    /// Whether there is a load to draw: weeks with one, and some session
    /// with an RPE (without any, every known load is only rest days' 0).
    fn has_load(&self) -> bool {
        self.load.iter().any(Option::is_some) && self.rpe_known_pct.is_some_and(|p| p > 0.0)
    }

    fn page(&self) -> Page {
        let mut page = Page {
            title: format!("Training load per week — {}", self.group),
            ..Page::default()
        };
        if self.empty.is_some() {
            return page;
        }
        let (first, last) = (self.mondays[0], self.mondays[self.mondays.len() - 1]);
        let rpe = match self.rpe_known_pct {
            // Rounded half away from zero, as the report's key figure.
            Some(pct) => format!(" · RPE known for {:.0} % of sessions", pct.round()),
            None => String::new(),
        };
        page.subtitle = format!(
            "{}, {} to {}{rpe} · {}",
            counted(self.mondays.len() as u64, "week"),
            iso_week_label(first),
            iso_week_label(last),
            counted(self.violations.iter().sum(), "violation"),
        );
        page.legend = MODALITIES
            .iter()
            .map(|(c, name)| LegendItem::new(Mark::Swatch(*c), format!("{name} min")))
            .collect();
        if self.has_load() {
            page.legend.extend([
                LegendItem::new(Mark::LineDot(INK), "Median load (right axis)"),
                LegendItem::new(Mark::Shade(INK, BAND), "Load q1–q3"),
            ]);
        }
        if self.violations.iter().any(|&v| v > 0) {
            page.legend.push(LegendItem::new(
                Mark::Swatch(VIOLATION),
                "Violations (top strip)",
            ));
        }
        page.footnote = Some(self.footnote());
        page
    }

    fn footnote(&self) -> String {
        let mut note =
            "Bars: each modality's median minutes per athlete (other: mixed, other, warm-ups; \
                        medians need not add up)."
                .to_string();
        if self.has_load() {
            note.push_str(
                " Load: RPE × elapsed minutes of the sessions with an RPE (sRPE), median and q1–q3 \
                 over athletes; it describes training, it does not predict injury.",
            );
            if self.load.iter().any(Option::is_none) {
                note.push_str(" The line breaks in weeks without a known load.");
            }
        } else {
            note.push_str(" No load: no session of this group has an RPE.");
        }
        note
    }

    /// Runs of consecutive weeks with a load, as (week centre, [median, q1,
    /// q3]); none when there is no load to draw.
    fn load_runs(&self) -> Vec<Vec<(f64, [f64; 3])>> {
        if !self.has_load() {
            return Vec::new();
        }
        runs(&self.load)
    }
}

/// The inter-quartile band of consecutive weeks (week centre, [median, q1,
/// q3]) as a polygon: q3 forwards, q1 back; one week alone a narrow box.
fn band(weeks: &[(f64, [f64; 3])]) -> Vec<(f64, f64)> {
    match weeks {
        [(x, [_, q1, q3])] => vec![
            (x - 0.15, *q1),
            (x + 0.15, *q1),
            (x + 0.15, *q3),
            (x - 0.15, *q3),
        ],
        _ => weeks
            .iter()
            .map(|(x, l)| (*x, l[2]))
            .chain(weeks.iter().rev().map(|(x, l)| (*x, l[1])))
            .collect(),
    }
}

/// `n` and `noun`, plural unless one.
fn counted(n: u64, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

impl Plot for LoadChart {
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
        let n = self.mondays.len();
        let (labels, x_desc) = week_labels(&self.mondays);
        let label_w = widest_label(root, &labels, st)?;
        let caption_w = text_width(root, "Violations", &st.label())?;
        let side = st.px(62.0).max(caption_w + st.px(12.0));
        let has_line = self.has_load();
        let right_side = if has_line { st.px(62.0) } else { 0 };
        let plot_w = body.dim_in_pixel().0 as i32 - side - right_side.max(st.px(12.0));
        let step = label_step(n, label_w, st.px(12.0), plot_w);
        let stacks = self.minutes.iter().map(|m| m.iter().sum::<f64>());
        let (top, ticks) = count_axis(stacks.fold(0.0, f64::max));
        let most_load = self.load.iter().flatten().map(|l| l[2]).fold(0.0, f64::max);
        let (load_top, load_ticks) = count_axis(most_load);
        let strip = strip_height(st);
        let mut chart = ChartBuilder::on(body)
            .margin_top(strip)
            .margin_right(if has_line { 0 } else { st.px(12.0) })
            .x_label_area_size(st.px(48.0))
            .y_label_area_size(side)
            .right_y_label_area_size(right_side)
            .build_cartesian_2d(Axis::categories(n, step), Axis::new(0.0..top, ticks))?
            .set_secondary_coord(
                Axis::categories(n, step),
                Axis::new(0.0..load_top, load_ticks),
            );
        house_mesh(&mut chart, st)
            .disable_x_mesh()
            .x_label_formatter(&|v| labels.get(category(*v)).cloned().unwrap_or_default())
            .y_label_formatter(&|v| num(*v))
            .x_desc(x_desc)
            .y_desc("Median minutes per week")
            .draw()?;
        if has_line {
            draw_right_axis(&mut chart, st, "Median load (AU)")?;
        }
        for (k, (color, _)) in MODALITIES.iter().enumerate() {
            chart.draw_series((0..n).filter(|&i| self.minutes[i][k] > 0.0).map(|i| {
                let from: f64 = self.minutes[i][..k].iter().sum();
                let x = i as f64 + (1.0 - BAR) / 2.0;
                let to = from + self.minutes[i][k];
                Rectangle::new([(x, from), (x + BAR, to)], color.filled())
            }))?;
        }
        let week_px =
            f64::from(chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0);
        for run in self.load_runs() {
            // The band only where it has a height: a polygon along a long
            // stretch of q1 = q3 (weeks of 0) has nothing to show.
            let spread = run.chunk_by(|a, b| (a.1[2] > a.1[1]) == (b.1[2] > b.1[1]));
            for part in spread.filter(|part| part[0].1[2] > part[0].1[1]) {
                chart.draw_secondary_series(std::iter::once(Polygon::new(
                    band(part),
                    INK.mix(BAND).filled(),
                )))?;
            }
            let line: Vec<(f64, f64)> = run.iter().map(|(x, l)| (*x, l[0])).collect();
            // Where weeks are too narrow to tell one from the next, the line
            // is drawn segment by segment and without points: the bitmap
            // joins the steep zigzags of narrow weeks with spikes far past
            // the axis, and the points would merge into a bar.
            if week_px < f64::from(st.px(4.0)) {
                let segments = line
                    .windows(2)
                    .map(|w| PathElement::new(w.to_vec(), st.stroke(INK, 2.5)));
                chart.draw_secondary_series(segments)?;
                if let [alone] = line[..] {
                    chart.draw_secondary_series(std::iter::once(Circle::new(
                        alone,
                        st.px(1.5),
                        INK.filled(),
                    )))?;
                }
                continue;
            }
            chart.draw_secondary_series(LineSeries::new(line.clone(), st.stroke(INK, 2.5)))?;
            // Points shrink with the weeks; a white ring keeps them readable on a bar.
            let radius =
                (week_px * 0.14).clamp(f64::from(st.px(1.5)), f64::from(st.px(3.5))) as i32;
            let ring = radius + st.px(1.5);
            chart.draw_secondary_series(
                line.iter().map(|p| Circle::new(*p, ring, WHITE.filled())),
            )?;
            chart.draw_secondary_series(
                line.into_iter()
                    .map(|p| Circle::new(p, radius, INK.filled())),
            )?;
        }
        let centres: Vec<i32> = (0..n)
            .map(|i| chart.backend_coord(&(i as f64 + 0.5, 0.0)).0)
            .collect();
        let (left, plot_top) = chart.backend_coord(&(0.0, top));
        let right = chart.backend_coord(&(n as f64, top)).0;
        let base = plot_top - st.px(8.0);
        let caption = ("Violations", VIOLATION);
        count_strip(
            root,
            st,
            caption,
            &self.violations,
            &centres,
            (left, right, base),
        )
    }
}

#[cfg(test)]
mod tests;
