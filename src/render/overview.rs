//! `overview`: strength compliance of every group side by side, with the
//! value of all groups together as a dashed reference line.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{category, house_mesh, num, Axis};
use super::chart::{DrawResult, Plot};
use super::style::{self, anchored, text_width, LegendItem, Mark, Page, Style, COMPLIANCE, INK};
use super::view::Empty;
use crate::aggregate::Aggregates;

/// Width of a bar as a share of its slot.
const BAR: f64 = 0.56;

/// One group's bar.
#[derive(Debug, Clone, PartialEq)]
struct Bar {
    group: String,
    compliance: Option<f64>,
    /// In-scope strength sessions with a time of day (the base of the percentage).
    base: u64,
}

/// The overview's data.
pub(super) struct Overview {
    bars: Vec<Bar>,
    all: Option<f64>,
    empty: Option<Empty>,
}

impl Overview {
    /// Compliance per group (`agg.groups`) and of ALL.
    pub(super) fn new(agg: &Aggregates) -> Self {
        let bars: Vec<Bar> = agg
            .groups
            .iter()
            .map(|(g, m)| Bar {
                group: g.clone(),
                compliance: m.strength_compliance_pct(),
                base: m.timed_strength_in_scope,
            })
            .collect();
        let empty = bars.iter().all(|b| b.compliance.is_none()).then(|| Empty {
            headline: "No strength compliance to show".into(),
            detail: if bars.is_empty() {
                "the run has no group".into()
            } else {
                "no group has an in-scope strength session with a time of day: athletes are exempt \
                 or logs give dates only"
                    .into()
            },
        });
        Overview {
            bars,
            all: agg.all.strength_compliance_pct(),
            empty,
        }
    }

    fn page(&self) -> Page {
        let mut page = Page {
            title: "Strength compliance by group".into(),
            ..Page::default()
        };
        if self.empty.is_some() {
            return page;
        }
        let base: u64 = self.bars.iter().map(|b| b.base).sum();
        page.subtitle = format!(
            "Share of in-scope strength sessions with a time of day that are in no violating pair · \
             {} groups, {base} sessions",
            self.bars.len()
        );
        page.legend
            .push(LegendItem::new(Mark::Swatch(COMPLIANCE), "Group"));
        if let Some(all) = self.all {
            page.legend.push(LegendItem::new(
                Mark::Dashed(INK),
                format!("All groups ({all:.1} %)"),
            ));
        }
        if self.bars.iter().any(|b| b.compliance.is_none()) {
            page.footnote = Some(
                "n/a: no in-scope strength session with a time of day (the athletes are exempt or \
                 the logs give dates only)."
                    .into(),
            );
        }
        page
    }
}

impl Plot for Overview {
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
        let n = self.bars.len();
        let pct_ticks = (0..=5).map(|k| f64::from(k) * 20.0).collect();
        let names: Vec<String> = self.bars.iter().map(|b| b.group.clone()).collect();
        let mut chart = ChartBuilder::on(body)
            .margin_top(st.line_height(style::LABEL) + st.px(6.0))
            .margin_right(st.px(16.0))
            .x_label_area_size(st.px(64.0))
            .y_label_area_size(st.px(62.0))
            .build_cartesian_2d(Axis::categories(n, 1), Axis::new(0.0..100.0, pct_ticks))?;
        house_mesh(&mut chart, st)
            .disable_x_mesh()
            .x_label_formatter(&|v| names.get(category(*v)).cloned().unwrap_or_default())
            .y_label_formatter(&|v| num(*v))
            .x_desc("Group")
            .y_desc("Strength compliance (%)")
            .draw()?;
        // The reference line goes behind the bars and their labels.
        if let Some(all) = self.all {
            chart.draw_series(DashedLineSeries::new(
                vec![(0.0, all), (n as f64, all)],
                st.px(8.0) as u32,
                st.px(5.0) as u32,
                st.stroke(INK, 2.0),
            ))?;
        }
        let left = |i: usize| i as f64 + (1.0 - BAR) / 2.0;
        chart.draw_series(self.bars.iter().enumerate().filter_map(|(i, b)| {
            let pct = b.compliance?;
            Some(Rectangle::new(
                [(left(i), 0.0), (left(i) + BAR, pct)],
                COMPLIANCE.filled(),
            ))
        }))?;
        let tops: Vec<(i32, i32)> = (0..n)
            .map(|i| chart.backend_coord(&(i as f64 + 0.5, self.bars[i].compliance.unwrap_or(0.0))))
            .collect();
        let base_y = chart.backend_coord(&(0.0, 0.0)).1;
        self.draw_labels(root, st, &tops, base_y)
    }
}

impl Overview {
    /// Writes each bar's value above it (on white, so the reference line
    /// never runs through it) and its base ("n = 341") under its group name.
    fn draw_labels<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &Style,
        tops: &[(i32, i32)],
        base_y: i32,
    ) -> DrawResult<DB> {
        let value = anchored(&st.bold(style::LABEL), HPos::Center, VPos::Bottom);
        let missing = anchored(&st.muted(style::LABEL), HPos::Center, VPos::Bottom);
        let base = anchored(&st.muted(style::LABEL * 0.92), HPos::Center, VPos::Top);
        for (b, &(x, y)) in self.bars.iter().zip(tops) {
            let (text, style) = match b.compliance {
                Some(pct) => (format!("{pct:.1} %"), &value),
                None => ("n/a".to_string(), &missing),
            };
            let w = text_width(root, &text, style)?;
            let (bottom, h) = (y - st.px(5.0), st.line_height(style::LABEL));
            let pad = st.px(3.0);
            // Down to the bar, so the reference line never shows between the two.
            let corners = [(x - w / 2 - pad, bottom - h), (x + w / 2 + pad, y - 1)];
            root.draw(&Rectangle::new(corners, WHITE.filled()))?;
            root.draw_text(&text, style, (x, bottom))?;
            root.draw_text(&format!("n = {}", b.base), &base, (x, base_y + st.px(26.0)))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{assert_drawn, assert_says_instead, season};
    use super::super::overview_chart;
    use super::*;

    #[test]
    fn overview_shows_each_group_and_the_all_reference() {
        let s = season();
        let chart = overview_chart(&s.agg, true).unwrap();
        let all = s.agg.all.strength_compliance_pct().unwrap();
        let texts = [
            "Strength compliance by group".to_string(),
            "Strength compliance (%)".into(),
            format!("All groups ({all:.1} %)"),
            "dates".into(),
            "masters".into(),
            "n/a".into(),
        ];
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert_drawn(&chart, &texts, 3);
    }

    #[test]
    fn bars_carry_compliance_and_its_base() {
        let o = Overview::new(&season().agg);
        let g = o.bars.iter().find(|b| b.group == "g").unwrap();
        assert_eq!(g.base, 7);
        assert!(o
            .bars
            .iter()
            .find(|b| b.group == "masters")
            .unwrap()
            .compliance
            .is_none());
    }

    #[test]
    fn run_without_any_compliance_says_so_instead_of_drawing_axes() {
        let chart = overview_chart(&Aggregates::default(), true).unwrap();
        assert_says_instead(
            &chart,
            &["No strength compliance to show"],
            "Strength compliance (%)",
        );
    }
}
