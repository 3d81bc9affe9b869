//! `rules`: a group's flags per rule (names as in flags.csv), stacked by
//! severity, every rule listed so a zero shows the check was made.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{category, count_axis, house_mesh, num, Axis};
use super::chart::{DrawResult, Plot};
use super::style::{anchored, text_width, LegendItem, Mark, Page, Style, ADVISORY, VIOLATION};
use super::view::{Empty, GroupView};
use crate::rules::{Audit, Rule, Severity};

/// Height of a bar as a share of its row.
const BAR: f64 = 0.62;

/// The rule chart's data.
pub(super) struct RuleCounts {
    group: String,
    /// (rule, violations, advisories) in `Rule::ALL` order.
    counts: Vec<(Rule, u64, u64)>,
    athletes: usize,
    empty: Option<Empty>,
}

impl RuleCounts {
    /// Flags of the group's athletes per rule and severity.
    pub(super) fn new(view: &GroupView, audit: &Audit) -> Self {
        let mut counts: Vec<(Rule, u64, u64)> = Rule::ALL.iter().map(|r| (*r, 0, 0)).collect();
        let in_group = |i: usize| view.info(view.session(i).athlete as usize).group == view.name;
        for flag in audit.flags().iter().filter(|f| in_group(f.first())) {
            let Some(entry) = counts.iter_mut().find(|c| c.0 == flag.rule) else {
                continue;
            };
            match flag.severity {
                Severity::Violation => entry.1 += 1,
                Severity::Advisory => entry.2 += 1,
            }
        }
        let exempt_pairs: u64 = audit
            .exempt_pair_counts
            .iter()
            .enumerate()
            .filter(|&(a, _)| view.info(a).group == view.name)
            .map(|(_, &count)| count)
            .sum();
        let total: u64 = counts.iter().map(|c| c.1 + c.2).sum();
        let empty = (total == 0).then(|| empty_reason(view, exempt_pairs));
        RuleCounts {
            group: view.name.to_string(),
            counts,
            athletes: view.in_scope().count(),
            empty,
        }
    }

    fn page(&self) -> Page {
        let mut page = Page {
            title: format!("Flags by rule and severity — {}", self.group),
            ..Page::default()
        };
        if self.empty.is_some() {
            return page;
        }
        let violations: u64 = self.counts.iter().map(|c| c.1).sum();
        let advisories: u64 = self.counts.iter().map(|c| c.2).sum();
        page.subtitle = format!(
            "{} flags of {} in-scope athletes: {violations} violations, {advisories} advisories",
            violations + advisories,
            self.athletes
        );
        page.legend = vec![
            LegendItem::new(Mark::Swatch(VIOLATION), "Violations"),
            LegendItem::new(Mark::Swatch(ADVISORY), "Advisories"),
        ];
        page.footnote = Some(
            "Rule names as in flags.csv. to_failure (strength to failure) is a violation when an \
             endurance session follows within the preferred gap, else an advisory."
                .into(),
        );
        page
    }
}

impl Plot for RuleCounts {
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
        let n = self.counts.len();
        let label = st.label();
        let mut name_w = 0;
        for (rule, ..) in &self.counts {
            name_w = name_w.max(text_width(root, rule.as_str(), &label)?);
        }
        let max = self.counts.iter().map(|c| c.1 + c.2).max().unwrap_or(0);
        // Headroom for the count written after the longest bar.
        let (top, ticks) = count_axis(max as f64 * 1.1);
        let names: Vec<&str> = self.counts.iter().rev().map(|c| c.0.as_str()).collect();
        let mut chart = ChartBuilder::on(body)
            .margin_top(st.px(6.0))
            .margin_right(st.px(16.0))
            .x_label_area_size(st.px(48.0))
            .y_label_area_size(name_w + st.px(40.0))
            .build_cartesian_2d(Axis::new(0.0..top, ticks), Axis::categories(n, 1))?;
        house_mesh(&mut chart, st)
            .disable_y_mesh()
            .label_style(label.clone())
            .x_label_formatter(&|v| num(*v))
            .y_label_formatter(&|v| {
                names
                    .get(category(*v))
                    .map(|s| s.to_string())
                    .unwrap_or_default()
            })
            .x_desc("Flags")
            .y_desc("Rule")
            .draw()?;
        // The first rule is drawn at the top.
        let y_of = |i: usize| (n - 1 - i) as f64 + (1.0 - BAR) / 2.0;
        let bar = |i: usize, from: u64, to: u64, color: RGBColor| {
            Rectangle::new(
                [(from as f64, y_of(i)), (to as f64, y_of(i) + BAR)],
                color.filled(),
            )
        };
        let counts = &self.counts;
        chart.draw_series(
            (0..n)
                .filter(|&i| counts[i].1 > 0)
                .map(|i| bar(i, 0, counts[i].1, VIOLATION)),
        )?;
        chart.draw_series(
            (0..n)
                .filter(|&i| counts[i].2 > 0)
                .map(|i| bar(i, counts[i].1, counts[i].1 + counts[i].2, ADVISORY)),
        )?;
        let value = anchored(&label, HPos::Left, VPos::Center);
        chart.draw_series((0..n).map(|i| {
            let total = counts[i].1 + counts[i].2;
            EmptyElement::at((total as f64, y_of(i) + BAR / 2.0))
                + Text::new(total.to_string(), (st.px(6.0), 0), value.clone())
        }))?;
        Ok(())
    }
}

fn empty_reason(view: &GroupView, exempt_pairs: u64) -> Empty {
    let headline = format!("No flags in {}", view.name);
    let detail = match view.out_of_scope() {
        Some(why) if exempt_pairs > 0 => {
            format!("{why}; {exempt_pairs} concurrent pairs were counted but not flagged")
        }
        Some(why) => why,
        None => format!(
            "no in-scope athlete of {} has strength and endurance closer than the preferred gap \
             or strength to failure",
            view.name
        ),
    };
    Empty { headline, detail }
}

#[cfg(test)]
mod tests {
    use super::super::chart::render;
    use super::super::fixture::{assert_drawn, assert_says_instead, season};
    use super::*;

    fn rule_counts(group: &str) -> RuleCounts {
        let s = season();
        RuleCounts::new(&GroupView::new(&s.frame, group), &s.audit)
    }

    #[test]
    fn flags_are_counted_per_rule_and_severity() {
        let r = rule_counts("g");
        let spacing_min = r.counts.iter().find(|c| c.0 == Rule::SpacingMin).unwrap();
        assert_eq!((spacing_min.1, spacing_min.2), (5, 0));
        let dates = rule_counts("dates");
        let same_day = dates
            .counts
            .iter()
            .find(|c| c.0 == Rule::SameDayUnknownTime)
            .unwrap();
        assert_eq!((same_day.1, same_day.2), (0, 2));
    }

    #[test]
    fn rule_chart_lists_every_rule_by_its_flags_csv_name() {
        let chart = render("rules", Some("g"), &rule_counts("g")).unwrap();
        let mut texts: Vec<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
        texts.extend([
            "Flags by rule and severity — g",
            "Flags",
            "Rule",
            "Violations",
            "Advisories",
        ]);
        assert_drawn(&chart, &texts, 4);
    }

    #[test]
    fn exempt_group_says_so_instead_of_drawing_axes() {
        let chart = render("rules", Some("masters"), &rule_counts("masters")).unwrap();
        let words = [
            "No flags in masters",
            "masters athletes are exempt",
            "2 concurrent pairs were counted",
        ];
        assert_says_instead(&chart, &words, "spacing_min");
    }
}
