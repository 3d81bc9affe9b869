//! Axes and reference lines shared by the charts: a linear axis with given
//! ticks (category centres, whole counts, hours), ISO week labels, label
//! thinning, and labelled vertical guidance lines that never cross a label.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::chart::DrawResult;
use plotters::chart::{DualCoordChartContext, MeshStyle, SecondaryMeshStyle};

use super::style::{anchored, text_width, Style, GRID, LABEL, MUTED};

/// Labels of ISO weeks for an axis, and the axis description: `W07` when
/// every week is in one ISO year (named in the description), else `2025-W52`.
pub(super) fn week_labels(mondays: &[chrono::NaiveDate]) -> (Vec<String>, String) {
    let labels: Vec<String> = mondays
        .iter()
        .map(|d| crate::aggregate::iso_week_label(*d))
        .collect();
    let years: std::collections::BTreeSet<&str> = labels.iter().map(|l| &l[..4]).collect();
    match years.into_iter().collect::<Vec<_>>()[..] {
        [year] => {
            let desc = format!("ISO week ({year})");
            (labels.iter().map(|l| l[5..].to_string()).collect(), desc)
        }
        _ => (labels, "ISO week".to_string()),
    }
}

/// A linear axis whose tick positions are given: category centres,
/// whole counts, days. (plotters' own key-point wrapper cannot take a label
/// formatter.)
#[derive(Debug, Clone)]
pub(super) struct Axis {
    range: Range<f64>,
    ticks: Vec<f64>,
}

impl Axis {
    /// An axis over `range` with ticks at `ticks`.
    pub(super) fn new(range: Range<f64>, ticks: Vec<f64>) -> Self {
        Axis { range, ticks }
    }

    /// An axis of `count` categories, category `i` centred at `i + 0.5`,
    /// ticked every `step`-th category.
    pub(super) fn categories(count: usize, step: usize) -> Self {
        let ticks = (0..count)
            .step_by(step.max(1))
            .map(|i| i as f64 + 0.5)
            .collect();
        Axis::new(0.0..count.max(1) as f64, ticks)
    }
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let frac = (v - self.range.start) / (self.range.end - self.range.start);
        limit.0 + (frac * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

/// The category index of a tick at a category centre.
pub(super) fn category(v: f64) -> usize {
    v.max(0.0).floor() as usize
}

/// Every how many categories to label so that labels `label_w` wide (plus a
/// gap) fit along `span` pixels.
pub(super) fn label_step(count: usize, label_w: i32, gap: i32, span: i32) -> usize {
    if count == 0 || span <= 0 {
        return 1;
    }
    let fits = (span / (label_w + gap).max(1)).max(1) as usize;
    count.div_ceil(fits)
}

/// An axis for counts up to `max`: its top and its ticks, whole numbers
/// at a round step (1, 2, 5 x 10^k), at most six of them, with headroom.
pub(super) fn count_axis(max: f64) -> (f64, Vec<f64>) {
    let max = max.max(1.0);
    let step = (0..)
        .flat_map(|k| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(k)))
        .find(|step| max / step <= 5.0)
        .unwrap_or(1.0);
    let top = step * (max * 1.06 / step).ceil();
    let ticks = (0..)
        .map(|k| f64::from(k) * step)
        .take_while(|t| *t <= top + 1e-9)
        .collect();
    (top, ticks)
}

/// Hours or percentages for labels: whole numbers without decimals, else one.
pub(super) fn num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A labelled vertical reference line (a guidance threshold).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Guide {
    /// Where it stands on the x axis.
    pub(crate) at: f64,
    /// Its words, e.g. "6 h minimum gap".
    pub(crate) label: String,
    /// Its colour.
    pub(crate) color: RGBColor,
}

/// Dashed guidance lines from the x axis up to their labels above the plot.
/// Placed right to left, a label goes one row above any label or line it
/// would touch, so no line crosses a label.
pub(super) fn draw_guides<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: &Style,
    guides: &[Guide],
    xs: &[i32],
    (bottom, plot_top, right): (i32, i32, i32),
) -> DrawResult<DB> {
    let style = st.text(LABEL);
    let row_h = st.line_height(LABEL);
    let (gap, clear) = (st.px(5.0), st.px(8.0));
    // (line x, row, label left, label right) of the labels placed so far.
    let mut placed: Vec<(i32, usize, i32, i32)> = Vec::new();
    for (guide, &x) in guides.iter().zip(xs).rev() {
        let w = text_width(root, &guide.label, &style)?;
        let (left, text_x, anchor) = if x + gap + w <= right {
            (x + gap, x + gap, HPos::Left)
        } else {
            (x - gap - w, x - gap, HPos::Right)
        };
        let row = placed
            .iter()
            .filter(|(px, _, l, r)| {
                let crosses_line = (left - clear..=left + w + clear).contains(px);
                crosses_line || (*l < left + w + clear && left < *r + clear)
            })
            .map(|p| p.1 + 1)
            .max()
            .unwrap_or(0);
        placed.push((x, row, left, left + w));
        let label_y = plot_top - st.px(3.0) - row as i32 * row_h;
        root.draw_text(
            &guide.label,
            &anchored(&style, anchor, VPos::Bottom),
            (text_x, label_y),
        )?;
        dashed_vline(
            root,
            st,
            x,
            (label_y - row_h + st.px(2.0), bottom),
            guide.color,
        )?;
    }
    Ok(())
}

fn dashed_vline<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: &Style,
    x: i32,
    (from, to): (i32, i32),
    color: RGBColor,
) -> DrawResult<DB> {
    let (dash, space) = (st.px(6.0), st.px(3.0));
    let mut y = from;
    while y < to {
        let end = (y + dash).min(to);
        root.draw(&PathElement::new(
            vec![(x, y), (x, end)],
            st.stroke(color, 2.0),
        ))?;
        y = end + space;
    }
    Ok(())
}

/// The house mesh of a chart: grid lines at the major ticks only, muted
/// axes, 4 px tick marks, label and description styles. The caller adds
/// which grid to leave out, the formatters and the descriptions.
pub(super) fn house_mesh<'a, 'b, DB: DrawingBackend>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<Axis, Axis>>,
    st: &Style,
) -> MeshStyle<'a, 'b, Axis, Axis, DB> {
    let mut mesh = chart.configure_mesh();
    mesh.bold_line_style(st.stroke(GRID, 1.0))
        .light_line_style(TRANSPARENT)
        .axis_style(st.stroke(MUTED, 1.0))
        .set_all_tick_mark_size(st.px(4.0))
        .label_style(st.label())
        .axis_desc_style(st.axis());
    mesh
}

/// A right-hand axis in the house style, numbers as `num`, described `desc`.
pub(super) fn draw_right_axis<DB: DrawingBackend>(
    chart: &mut DualCoordChartContext<'_, DB, Cartesian2d<Axis, Axis>, Cartesian2d<Axis, Axis>>,
    st: &Style,
    desc: &str,
) -> DrawResult<DB> {
    let mut axis: SecondaryMeshStyle<'_, '_, Axis, Axis, DB> = chart.configure_secondary_axes();
    axis.axis_style(st.stroke(MUTED, 1.0))
        .set_all_tick_mark_size(st.px(4.0))
        .label_style(st.label())
        .axis_desc_style(st.axis())
        .y_label_formatter(&|v| num(*v))
        .y_desc(desc);
    axis.draw()
}

/// Width of the widest of `labels` in the label style.
pub(super) fn widest_label<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &[String],
    st: &Style,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    labels
        .iter()
        .map(|l| text_width(root, l, &st.label()))
        .try_fold(0, |m, w| w.map(|w| w.max(m)))
}

/// Runs of consecutive categories with a value, as (category centre,
/// value) points: a line is drawn per run, broken where a value is missing.
pub(super) fn runs<T: Copy>(values: &[Option<T>]) -> Vec<Vec<(f64, T)>> {
    let mut runs: Vec<Vec<(f64, T)>> = vec![Vec::new()];
    for (i, v) in values.iter().enumerate() {
        match (v, runs.last_mut()) {
            (Some(v), Some(run)) => run.push((i as f64 + 0.5, *v)),
            _ => runs.push(Vec::new()),
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn weeks_of_one_year_are_labelled_short_with_the_year_on_the_axis() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let (labels, desc) = week_labels(&[d(1, 5), d(1, 12)]);
        assert_eq!(labels, vec!["W02", "W03"]);
        assert_eq!(desc, "ISO week (2026)");
    }

    #[test]
    fn weeks_across_a_year_end_keep_the_year_in_each_label() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let (labels, desc) = week_labels(&[d(2025, 12, 22), d(2026, 1, 5)]);
        assert_eq!(labels, vec!["2025-W52", "2026-W02"]);
        assert_eq!(desc, "ISO week");
        // 2025-12-29 is in ISO week 2026-W01: one ISO year.
        let (labels, _) = week_labels(&[d(2025, 12, 29), d(2026, 1, 5)]);
        assert_eq!(labels, vec!["W01", "W02"]);
    }

    #[test]
    fn label_step_thins_labels_that_would_collide() {
        assert_eq!(label_step(16, 30, 10, 640), 1);
        assert_eq!(label_step(52, 30, 10, 640), 4);
    }

    #[test]
    fn count_axis_has_whole_round_ticks_and_headroom() {
        assert_eq!(count_axis(0.0), (2.0, vec![0.0, 1.0, 2.0]));
        assert_eq!(count_axis(9.0), (10.0, vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]));
        assert_eq!(count_axis(47.0).0, 50.0);
        assert_eq!(count_axis(50.0).0, 60.0);
    }
}
