//! `weekly`: a group's violations and advisories per ISO week as stacked
//! bars, with its strength compliance per week as a line on a 0-100 % axis
//! (the rows of weekly.csv).

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::axes::{
    category, count_axis, draw_right_axis, house_mesh, label_step, num, runs, week_labels,
    widest_label, Axis,
};
use super::chart::{DrawResult, Plot};
use super::style::{LegendItem, Mark, Page, Style, ADVISORY, COMPLIANCE, VIOLATION};
use super::view::{Empty, GroupView};
use crate::aggregate::{iso_week_label, Aggregates};

/// Width of a bar as a share of its week.
const BAR: f64 = 0.68;

/// The weekly chart's data.
pub(super) struct Weekly {
    group: String,
    mondays: Vec<NaiveDate>,
    violations: Vec<u64>,
    advisories: Vec<u64>,
    compliance: Vec<Option<f64>>,
    /// Compliance over the whole period (the group's row of summary.csv).
    overall: Option<f64>,
    /// Why there is no compliance line, when there is none.
    no_compliance: Option<String>,
    empty: Option<Empty>,
}

impl Weekly {
    /// The group's rows of `agg.weekly`.
    pub(super) fn new(view: &GroupView, agg: &Aggregates) -> Self {
        let rows: Vec<_> = agg.group_weekly(view.name).iter().collect();
        let compliance: Vec<Option<f64>> = rows
            .iter()
            .map(|r| r.measures.strength_compliance_pct())
            .collect();
        let violations: Vec<u64> = rows.iter().map(|r| r.measures.violations).collect();
        let advisories: Vec<u64> = rows.iter().map(|r| r.measures.advisories).collect();
        let flags: u64 = violations.iter().chain(&advisories).sum();
        let has_compliance = compliance.iter().any(Option::is_some);
        let no_compliance = (!has_compliance).then(|| {
            view.no_timed_strength(", so compliance cannot be computed")
                .unwrap_or_else(|| "no strength session with a time of day in scope".into())
        });
        let empty = if rows.is_empty() {
            Some(Empty {
                headline: "No weeks to show".into(),
                detail: format!("group {} has no session in this run", view.name),
            })
        } else if flags == 0 && !has_compliance {
            Some(Empty {
                headline: "No flags and no strength compliance to show".into(),
                detail: no_compliance.clone().unwrap_or_default(),
            })
        } else {
            None
        };
        Weekly {
            group: view.name.to_string(),
            mondays: rows.iter().map(|r| r.monday).collect(),
            violations,
            advisories,
            compliance,
            overall: agg
                .groups
                .iter()
                .find(|(g, _)| g == view.name)
                .and_then(|(_, m)| m.strength_compliance_pct()),
            no_compliance,
            empty,
        }
    }

    fn page(&self) -> Page {
        let mut page = Page {
            title: format!("Flags and strength compliance per week — {}", self.group),
            ..Page::default()
        };
        if self.empty.is_some() {
            return page;
        }
        let (first, last) = (self.mondays[0], self.mondays[self.mondays.len() - 1]);
        let overall = match self.overall {
            Some(pct) => format!(" · strength compliance {pct:.1} % over the period"),
            None => String::new(),
        };
        page.subtitle = format!(
            "{} weeks, {} to {} · {} violations, {} advisories{overall}",
            self.mondays.len(),
            iso_week_label(first),
            iso_week_label(last),
            self.violations.iter().sum::<u64>(),
            self.advisories.iter().sum::<u64>(),
        );
        page.legend = vec![
            LegendItem::new(Mark::Swatch(VIOLATION), "Violations"),
            LegendItem::new(Mark::Swatch(ADVISORY), "Advisories"),
        ];
        if self.no_compliance.is_none() {
            page.legend.push(LegendItem::new(
                Mark::LineDot(COMPLIANCE),
                "Strength compliance (right axis)",
            ));
        }
        page.footnote = Some(self.footnote());
        page
    }

    fn footnote(&self) -> String {
        let mut note =
            "Flags count in the ISO week of their first session's local date.".to_string();
        match &self.no_compliance {
            Some(why) => note.push_str(&format!(" No strength compliance: {why}.")),
            None if self.compliance.iter().any(Option::is_none) => note.push_str(
                " Compliance is missing in weeks without timed strength sessions of in-scope athletes.",
            ),
            None => {}
        }
        note
    }

    /// Runs of consecutive weeks with a compliance value, as line points.
    fn compliance_runs(&self) -> Vec<Vec<(f64, f64)>> {
        runs(&self.compliance)
    }
}

impl Plot for Weekly {
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
        let side = st.px(62.0);
        let plot_w = body.dim_in_pixel().0 as i32 - 2 * side;
        let step = label_step(n, label_w, st.px(12.0), plot_w);
        let stacks: Vec<u64> = (0..n)
            .map(|i| self.violations[i] + self.advisories[i])
            .collect();
        let (top, ticks) = count_axis(stacks.iter().copied().max().unwrap_or(0) as f64);
        let has_line = self.no_compliance.is_none();
        let pct_ticks = (0..=5).map(|k| f64::from(k) * 20.0).collect();
        let mut chart = ChartBuilder::on(body)
            .margin_top(st.px(10.0))
            .margin_right(if has_line { 0 } else { st.px(12.0) })
            .x_label_area_size(st.px(48.0))
            .y_label_area_size(side)
            .right_y_label_area_size(if has_line { side } else { 0 })
            .build_cartesian_2d(Axis::categories(n, step), Axis::new(0.0..top, ticks))?
            .set_secondary_coord(Axis::categories(n, step), Axis::new(0.0..100.0, pct_ticks));
        house_mesh(&mut chart, st)
            .disable_x_mesh()
            .x_label_formatter(&|v| labels.get(category(*v)).cloned().unwrap_or_default())
            .y_label_formatter(&|v| num(*v))
            .x_desc(x_desc)
            .y_desc("Flags per week")
            .draw()?;
        if has_line {
            draw_right_axis(&mut chart, st, "Strength compliance (%)")?;
        }
        let bar = |i: usize, from: u64, to: u64, color: RGBColor| {
            let x = i as f64 + (1.0 - BAR) / 2.0;
            Rectangle::new([(x, from as f64), (x + BAR, to as f64)], color.filled())
        };
        chart.draw_series(
            (0..n)
                .filter(|&i| self.violations[i] > 0)
                .map(|i| bar(i, 0, self.violations[i], VIOLATION)),
        )?;
        chart.draw_series(
            (0..n)
                .filter(|&i| self.advisories[i] > 0)
                .map(|i| bar(i, self.violations[i], stacks[i], ADVISORY)),
        )?;
        // Points shrink with the weeks so that many weeks stay a line, not beads.
        let week_px =
            f64::from(chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0);
        let radius = (week_px * 0.16).clamp(f64::from(st.px(1.5)), f64::from(st.px(4.0))) as i32;
        for run in self.compliance_runs() {
            chart
                .draw_secondary_series(LineSeries::new(run.clone(), st.stroke(COMPLIANCE, 2.5)))?;
            // A white ring keeps each point readable where it sits on a bar.
            let ring = radius + st.px(1.5);
            chart
                .draw_secondary_series(run.iter().map(|p| Circle::new(*p, ring, WHITE.filled())))?;
            chart.draw_secondary_series(
                run.into_iter()
                    .map(|p| Circle::new(p, radius, COMPLIANCE.filled())),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::chart::render;
    use super::super::fixture::{assert_drawn, assert_says_instead, season, words};
    use super::*;

    fn weekly(group: &str) -> Weekly {
        let s = season();
        Weekly::new(&GroupView::new(&s.frame, group), &s.agg)
    }

    #[test]
    fn weeks_carry_the_groups_flags_and_compliance() {
        let w = weekly("g");
        assert_eq!(w.mondays.len(), 3);
        // Week 1: A1's two 2 h pairs and A2's power-focus pair.
        assert_eq!(w.violations, [3, 0, 2]);
        assert_eq!(w.compliance[1], Some(100.0));
    }

    #[test]
    fn weekly_chart_stacks_bars_under_a_compliance_axis() {
        let chart = render("weekly", Some("g"), &weekly("g")).unwrap();
        let texts = [
            "Flags and strength compliance per week — g",
            "Flags per week",
            "Strength compliance (%)",
            "ISO week (2026)",
            "W10",
            "W12",
        ];
        assert_drawn(&chart, &texts, 6);
    }

    #[test]
    fn compliance_line_breaks_at_weeks_without_a_value() {
        let mut w = weekly("g");
        w.compliance = vec![Some(50.0), None, Some(100.0)];
        assert_eq!(
            w.compliance_runs(),
            vec![vec![(0.5, 50.0)], vec![(2.5, 100.0)]]
        );
    }

    #[test]
    fn date_only_group_has_bars_but_no_compliance_axis() {
        let w = weekly("dates");
        assert!(w.empty.is_none());
        let chart = render("weekly", Some("dates"), &w).unwrap();
        assert!(!words(&chart).contains("Strength compliance (%)"));
        assert!(words(&chart).contains("compliance cannot be computed"));
    }

    #[test]
    fn exempt_group_says_so_instead_of_drawing_axes() {
        let chart = render("weekly", Some("masters"), &weekly("masters")).unwrap();
        let words = [
            "No flags and no strength compliance to show",
            "masters athletes are exempt",
        ];
        assert_says_instead(&chart, &words, "Flags per week");
    }
}
