//! `athletes_weeks`: a heatmap of violations per athlete (rows, by id) and
//! ISO week (columns), on a sequential colour-blind-safe scale, so a coach
//! sees who breaks the guidance when. Exempt athletes keep their row, marked.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{category, label_step, week_labels, Axis};
use super::chart::{DrawResult, Plot};
use super::style::{
    self, anchored, sequential, text_width, LegendItem, Mark, Page, Style, INK, MUTED, PANEL,
};
use super::view::{Empty, GroupView};
use crate::aggregate::{iso_week_label, most_violations_first, Aggregates};
use crate::rules::{Audit, Severity};

/// A week in which the athlete logged nothing.
const IDLE: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
/// At most this many counts get a swatch in the legend.
const KEY_SWATCHES: u32 = 7;
/// At most this many athletes get a row: more could not be told apart on a
/// page (nor labelled), and a group of thousands would make a chart of
/// megabytes. Those with most violations keep theirs.
const MAX_ROWS: usize = 60;

/// One athlete's row.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: String,
    /// Training status, when the athlete is exempt.
    exempt: Option<&'static str>,
    /// Violations per week.
    counts: Vec<u32>,
    /// Whether the athlete logged any session that week.
    active: Vec<bool>,
}

/// The heatmap's data.
pub(super) struct AthletesWeeks {
    group: String,
    mondays: Vec<NaiveDate>,
    rows: Vec<Row>,
    /// The group's athletes, in scope, and violations: also those without a row.
    athletes: usize,
    in_scope: usize,
    violations: u32,
    empty: Option<Empty>,
}

/// Monday of the ISO week of `date`.
fn monday(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

impl AthletesWeeks {
    /// Violations of the group's athletes by the week of each flag's first session.
    pub(super) fn new(view: &GroupView, audit: &Audit, agg: &Aggregates) -> Self {
        let mondays: Vec<NaiveDate> = agg
            .group_weekly(view.name)
            .iter()
            .map(|r| r.monday)
            .collect();
        let week: HashMap<NaiveDate, usize> =
            mondays.iter().enumerate().map(|(i, d)| (*d, i)).collect();
        let mut rows: Vec<Row> = view
            .athletes
            .iter()
            .map(|&a| {
                let info = view.info(a);
                let mut active = vec![false; mondays.len()];
                for s in view.frame.athlete_sessions(a) {
                    if let Some(&w) = week.get(&monday(s.local_date())) {
                        active[w] = true;
                    }
                }
                Row {
                    id: info.athlete_id.clone(),
                    exempt: (!info.in_scope()).then(|| info.status.as_str()),
                    counts: vec![0; mondays.len()],
                    active,
                }
            })
            .collect();
        let row_of: HashMap<usize, usize> = view
            .athletes
            .iter()
            .enumerate()
            .map(|(r, &a)| (a, r))
            .collect();
        for flag in audit
            .flags()
            .iter()
            .filter(|f| f.severity == Severity::Violation)
        {
            let s = view.session(flag.first());
            let (Some(&r), Some(&w)) = (
                row_of.get(&(s.athlete as usize)),
                week.get(&monday(s.local_date())),
            ) else {
                continue;
            };
            rows[r].counts[w] += 1;
        }
        let empty = empty_reason(view, &rows, &mondays);
        let (athletes, in_scope) = (
            rows.len(),
            rows.iter().filter(|r| r.exempt.is_none()).count(),
        );
        let violations = rows.iter().flat_map(|r| r.counts.iter()).sum();
        keep_most_violations(&mut rows, MAX_ROWS);
        AthletesWeeks {
            group: view.name.to_string(),
            mondays,
            rows,
            athletes,
            in_scope,
            violations,
            empty,
        }
    }

    fn max(&self) -> u32 {
        self.rows
            .iter()
            .flat_map(|r| r.counts.iter().copied())
            .max()
            .unwrap_or(0)
    }

    /// Counts that get a legend swatch: all up to 7, else 7 spread from 1 to max.
    fn key_counts(max: u32) -> Vec<u32> {
        if max <= KEY_SWATCHES {
            return (0..=max).collect();
        }
        let mut keys: Vec<u32> = (0..KEY_SWATCHES)
            .map(|k| {
                1 + ((max - 1) as f64 * f64::from(k) / f64::from(KEY_SWATCHES - 1)).round() as u32
            })
            .collect();
        keys.insert(0, 0);
        keys.dedup();
        keys
    }

    fn page(&self) -> Page {
        let mut page = Page {
            title: format!("Violations per athlete and week — {}", self.group),
            ..Page::default()
        };
        if self.empty.is_some() {
            return page;
        }
        page.subtitle = format!(
            "{} violations of {} in-scope athletes, {} to {} · at most {} in one athlete-week",
            self.violations,
            self.in_scope,
            iso_week_label(self.mondays[0]),
            iso_week_label(self.mondays[self.mondays.len() - 1]),
            self.max()
        );
        let max = self.max();
        page.legend.push(LegendItem::new(Mark::Text, "Violations:"));
        for count in Self::key_counts(max) {
            page.legend.push(LegendItem::new(
                Mark::Cell(sequential(count, max)),
                count.to_string(),
            ));
        }
        if self
            .rows
            .iter()
            .any(|r| r.exempt.is_none() && r.active.contains(&false))
        {
            page.legend
                .push(LegendItem::new(Mark::Cell(IDLE), "no session that week"));
        }
        if self.rows.iter().any(|r| r.exempt.is_some()) {
            page.legend
                .push(LegendItem::new(Mark::Cell(PANEL), "exempt athlete"));
        }
        let mut note =
            "A violation counts in the ISO week of its first session's local date.".to_string();
        if self.rows.len() < self.athletes {
            note.push_str(&format!(
                " Rows: the {} of {} athletes with most violations; every athlete is in athletes.csv.",
                self.rows.len(),
                self.athletes
            ));
        }
        if self.rows.iter().any(|r| r.exempt.is_some()) {
            note.push_str(" Exempt athletes keep their row but are not audited.");
        }
        page.footnote = Some(note);
        page
    }
}

impl Plot for AthletesWeeks {
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
        let (weeks, athletes) = (self.mondays.len(), self.rows.len());
        let (labels, x_desc) = week_labels(&self.mondays);
        let label = st.label();
        let mut id_w = 0;
        for row in &self.rows {
            id_w = id_w.max(text_width(root, &row.id, &label)?);
        }
        let mut week_w = 0;
        for l in &labels {
            week_w = week_w.max(text_width(root, l, &label)?);
        }
        let y_area = id_w + st.px(38.0);
        let (body_w, body_h) = body.dim_in_pixel();
        let x_step = label_step(
            weeks,
            week_w,
            st.px(12.0),
            body_w as i32 - y_area - st.px(12.0),
        );
        let y_step = label_step(
            athletes,
            st.line_height(style::LABEL),
            st.px(2.0),
            body_h as i32 - st.px(56.0),
        );
        let mut chart = ChartBuilder::on(body)
            .margin_top(st.px(6.0))
            .margin_right(st.px(12.0))
            .x_label_area_size(st.px(48.0))
            .y_label_area_size(y_area)
            .build_cartesian_2d(
                Axis::categories(weeks, x_step),
                Axis::categories(athletes, y_step),
            )?;
        // Row 0 (the first id) is drawn at the top.
        let y_of = |r: usize| (athletes - 1 - r) as f64;
        chart
            .configure_mesh()
            .disable_mesh()
            .axis_style(st.stroke(MUTED, 1.0))
            .set_all_tick_mark_size(st.px(4.0))
            .label_style(label.clone())
            .axis_desc_style(st.axis())
            .x_label_formatter(&|v| labels.get(category(*v)).cloned().unwrap_or_default())
            .y_label_formatter(&|v| {
                self.rows
                    .get(athletes - 1 - category(*v).min(athletes - 1))
                    .map(|r| r.id.clone())
                    .unwrap_or_default()
            })
            .x_desc(x_desc)
            .y_desc("Athlete")
            .draw()?;
        let max = self.max();
        let cells = self.rows.iter().enumerate().flat_map(|(r, row)| {
            (0..weeks).map(move |w| {
                let fill = match (row.exempt, row.active[w]) {
                    (Some(_), _) => PANEL,
                    (None, false) => IDLE,
                    (None, true) => sequential(row.counts[w], max),
                };
                ((w as f64, y_of(r)), fill)
            })
        });
        let cells: Vec<((f64, f64), RGBColor)> = cells.collect();
        chart.draw_series(
            cells
                .iter()
                .map(|((x, y), c)| Rectangle::new([(*x, *y), (x + 1.0, y + 1.0)], c.filled())),
        )?;
        chart.draw_series(cells.iter().map(|((x, y), _)| {
            Rectangle::new([(*x, *y), (x + 1.0, y + 1.0)], st.stroke(WHITE, 1.5))
        }))?;
        let cell_w = chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0;
        let cell_h = chart.backend_coord(&(0.0, 0.0)).1 - chart.backend_coord(&(0.0, 1.0)).1;
        if cell_w >= st.px(18.0) && cell_h >= st.px(13.0) {
            self.draw_counts(&mut chart, st, max)?;
        }
        if cell_h < st.line_height(style::LABEL) {
            return Ok(());
        }
        let note = anchored(&st.muted(style::LABEL), HPos::Center, VPos::Center);
        chart.draw_series(self.rows.iter().enumerate().filter_map(|(r, row)| {
            let status = row.exempt?;
            let text = format!("exempt ({status}): not audited");
            Some(Text::new(
                text,
                (weeks as f64 / 2.0, y_of(r) + 0.5),
                note.clone(),
            ))
        }))?;
        Ok(())
    }
}

impl AthletesWeeks {
    /// Writes each non-zero count in its cell, white on the dark half of the scale.
    fn draw_counts<DB: DrawingBackend, CT: plotters::coord::CoordTranslate<From = (f64, f64)>>(
        &self,
        chart: &mut ChartContext<DB, CT>,
        st: &Style,
        max: u32,
    ) -> DrawResult<DB> {
        let athletes = self.rows.len();
        let size = style::LABEL * 0.92;
        let dark = anchored(&st.text(size).color(&WHITE), HPos::Center, VPos::Center);
        let light = anchored(&st.text(size).color(&INK), HPos::Center, VPos::Center);
        let texts = self.rows.iter().enumerate().flat_map(|(r, row)| {
            row.counts
                .iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .map(move |(w, &c)| (r, w, c))
        });
        chart.draw_series(texts.map(|(r, w, c)| {
            let on_dark = max > 1 && f64::from(c - 1) / f64::from(max - 1) > 0.45;
            let style = if on_dark { dark.clone() } else { light.clone() };
            Text::new(
                c.to_string(),
                (w as f64 + 0.5, (athletes - 1 - r) as f64 + 0.5),
                style,
            )
        }))?;
        Ok(())
    }
}

/// Keeps the `max` rows with most violations (ties: the earlier row), in
/// their order.
fn keep_most_violations(rows: &mut Vec<Row>, max: usize) {
    if rows.len() <= max {
        return;
    }
    let total = |r: &Row| r.counts.iter().map(|&c| u64::from(c)).sum::<u64>();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    most_violations_first(&mut order, |i| total(&rows[i]));
    let mut keep = vec![false; rows.len()];
    for &i in &order[..max] {
        keep[i] = true;
    }
    let mut k = 0;
    rows.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

fn empty_reason(view: &GroupView, rows: &[Row], mondays: &[NaiveDate]) -> Option<Empty> {
    let headline = format!("No violations in {}", view.name);
    if let Some(detail) = view.out_of_scope() {
        return Some(Empty { headline, detail });
    }
    if mondays.is_empty() || rows.iter().any(|r| r.counts.iter().any(|c| *c > 0)) {
        return (mondays.is_empty()).then(|| Empty {
            headline,
            detail: format!("group {} has no session in this run", view.name),
        });
    }
    let mut detail = format!(
        "none of the {} in-scope athletes has a violation from {} to {}",
        view.in_scope().count(),
        iso_week_label(mondays[0]),
        iso_week_label(mondays[mondays.len() - 1])
    );
    let consequence = ", so same-day pairs are advisories, not violations";
    if let Some(why) = view.no_timed_strength(consequence) {
        detail.push_str(&format!("; {why}"));
    }
    Some(Empty { headline, detail })
}

#[cfg(test)]
mod tests;
