//! Drawing of one timeline chart: week rows, day tracks, flag brackets,
//! codes and daily loads.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::*;
use crate::render::chart::{DrawResult, Plot};
use crate::render::style::{
    anchored, text_width, LegendItem, Mark, Page, Style, ADVISORY, BLUE, BLUISH_GREEN, GRID, INK,
    PANEL, VIOLATION,
};

impl Plot for TimelinePage<'_> {
    fn layout(&self) -> Page {
        let t = self.t;
        let weeks = self.week_range();
        let monday = |w: usize| t.first_monday + Duration::days(7 * w as i64);
        let pages = t.pages();
        let part = if pages > 1 {
            format!(" ({} of {pages})", self.page + 1)
        } else {
            String::new()
        };
        let count = |s: Severity| t.flags.iter().filter(|f| f.severity == s).count();
        let flags = match &t.exempt {
            Some(why) => why.clone(),
            None => format!(
                "{} violations, {} advisories over the span",
                count(Severity::Violation),
                count(Severity::Advisory)
            ),
        };
        let mut legend = vec![
            LegendItem::new(Mark::Swatch(BLUE), "Strength"),
            LegendItem::new(Mark::Swatch(BLUISH_GREEN), "Endurance"),
            LegendItem::new(Mark::Swatch(WARMUP), "Warm-up"),
            LegendItem::new(Mark::Swatch(OTHER), "Other or mixed"),
        ];
        if t.exempt.is_none() {
            legend.push(LegendItem::new(
                Mark::LineDot(VIOLATION),
                "Violation (bold code)",
            ));
            legend.push(LegendItem::new(Mark::LineDot(ADVISORY), "Advisory"));
        }
        Page {
            title: format!("Timeline — athlete {} ({}){part}", t.athlete, t.group),
            subtitle: format!(
                "{} to {} · {} sessions over {} weeks · {flags}",
                iso_week_label(monday(weeks.start)),
                iso_week_label(monday(weeks.end - 1)),
                t.sessions,
                t.weeks,
            ),
            legend,
            footnote: Some(
                "Each day spans 00–24 h local time (grid at 06, 12, 18 h); sessions without a time \
                 of day sit in the hatched band under it. The number is the day's sRPE load (AU) where an RPE is known. \
                 Flag codes: ORD order, CMB combined_session, MIN spacing_min, PREF \
                 spacing_preferred, DAY same_day_unknown_time, FAIL to_failure; a bracket joins \
                 the pair; +n counts the codes a crowded day has no room for."
                    .into(),
            ),
        }
    }

    fn why_empty(&self) -> Option<&Empty> {
        None
    }

    fn draw_body<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        body: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> DrawResult<DB> {
        let t = self.t;
        let (w, h) = body.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        let small = st.text(SMALL);
        let label_w = text_width(root, "2026-W00", &small)? + st.px(8.0);
        let header = st.line_height(SMALL) + st.px(2.0);
        let cell_w = (w - label_w) / 7;
        let row_h = (h - header) / WEEKS_PER_PAGE as i32;
        let track = (row_h as f64 * 0.34) as i32;
        let band = (row_h as f64 * 0.14) as i32;
        let text_top = st.px(2.0) + track + band + st.px(1.0);
        let days = self.days();
        let x_of = |day: usize, hour: f64| {
            let col = (day % 7) as i32;
            label_w
                + col * cell_w
                + st.px(2.0)
                + ((cell_w - st.px(4.0)) as f64 * hour / 24.0) as i32
        };
        let y_of = |day: usize| header + ((day - days.start) / 7) as i32 * row_h;
        let centre = anchored(&small, HPos::Center, VPos::Top);
        for (k, name) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            .iter()
            .enumerate()
        {
            body.draw_text(name, &centre, (label_w + k as i32 * cell_w + cell_w / 2, 0))?;
        }
        for (r, week) in self.week_range().enumerate() {
            let y = header + r as i32 * row_h;
            let monday = t.first_monday + Duration::days(7 * week as i64);
            body.draw_text(
                &iso_week_label(monday),
                &st.muted(SMALL),
                (0, y + st.px(2.0)),
            )?;
            for col in 0..7 {
                let x = label_w + col * cell_w;
                let cell = [(x, y), (x + cell_w, y + row_h)];
                if t.exempt.is_some() {
                    body.draw(&Rectangle::new(cell, PANEL.filled()))?;
                }
                body.draw(&Rectangle::new(cell, st.stroke(GRID, 1.0)))?;
                let day = week * 7 + col as usize;
                for q in [6.0, 12.0, 18.0] {
                    let gx = x_of(day, q);
                    body.draw(&PathElement::new(
                        vec![(gx, y + st.px(2.0)), (gx, y + st.px(2.0) + track)],
                        st.stroke(GRID, 1.0),
                    ))?;
                }
                // The band of sessions without a time of day, hatched.
                let by = y + st.px(2.0) + track + st.px(1.0);
                let mut hx = x + st.px(2.0);
                while hx < x + cell_w - st.px(2.0) {
                    body.draw(&PathElement::new(
                        vec![(hx, by + band), (hx + band, by)],
                        st.stroke(GRID, 1.0),
                    ))?;
                    hx += st.px(5.0);
                }
            }
        }
        for bar in t.bars.iter().filter(|b| days.contains(&b.day)) {
            let y = y_of(bar.day) + st.px(2.0);
            let (top, bottom) = if bar.date_only {
                (y + track + st.px(1.0), y + track + st.px(1.0) + band)
            } else {
                (y, y + track)
            };
            let (x0, x1) = (x_of(bar.day, bar.from_h), x_of(bar.day, bar.to_h));
            let corners = [(x0, top), ((x1).max(x0 + st.px(2.0)), bottom)];
            body.draw(&Rectangle::new(
                corners,
                modality_colour(bar.modality).filled(),
            ))?;
            if bar.date_only {
                body.draw(&Rectangle::new(corners, st.stroke(INK, 0.5)))?;
            }
        }
        let point = |a: Anchor| {
            let y = y_of(a.day) + st.px(2.0);
            let y = if a.band { y + track + band } else { y + track };
            (x_of(a.day, a.hour), y)
        };
        for f in t.flags.iter().filter(|f| days.contains(&f.from.day)) {
            let colour = match f.severity {
                Severity::Violation => VIOLATION,
                Severity::Advisory => ADVISORY,
            };
            let stroke = st.stroke(colour, 2.0);
            let (fx, fy) = point(f.from);
            let low = |y: i32| y + st.px(3.0);
            match f.to {
                Some(to) if days.contains(&to.day) && y_of(to.day) == y_of(f.from.day) => {
                    let (tx, ty) = point(to);
                    let under = low(fy.max(ty));
                    body.draw(&PathElement::new(
                        vec![(fx, fy), (fx, under), (tx, under), (tx, ty)],
                        stroke,
                    ))?;
                }
                Some(to) => {
                    // The pair crosses rows: a stub out of each session.
                    let edge = x_of(f.from.day, 24.0) + st.px(2.0);
                    body.draw(&PathElement::new(
                        vec![(fx, fy), (fx, low(fy)), (edge, low(fy))],
                        stroke,
                    ))?;
                    if days.contains(&to.day) {
                        let (tx, ty) = point(to);
                        let edge = x_of(to.day, 0.0) - st.px(2.0);
                        body.draw(&PathElement::new(
                            vec![(edge, low(ty)), (tx, low(ty)), (tx, ty)],
                            stroke,
                        ))?;
                    }
                }
                None => {
                    body.draw(&Circle::new((fx, low(fy)), st.px(2.5), colour.filled()))?;
                }
            }
        }
        let right = anchored(&st.muted(SMALL), HPos::Right, VPos::Top);
        for (k, list) in self.day_codes().iter().enumerate() {
            let day = days.start + k;
            let (left, y) = (label_w + (day % 7) as i32 * cell_w, y_of(day) + text_top);
            let load = self.day_load(day);
            let mut end = left + cell_w - st.px(2.0);
            if let Some(text) = &load {
                body.draw_text(text, &right, (end, y))?;
                end -= text_width(root, text, &st.muted(SMALL))? + st.px(3.0);
            }
            draw_codes(root, body, st, list, (left, y), end)?;
        }
        Ok(())
    }
}

/// A day's flag codes from `at` rightwards, bold for violations; those
/// that would reach past `end` (the load number) are counted as "+n".
fn draw_codes<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    body: &DrawingArea<DB, Shift>,
    st: &Style,
    list: &[(Rule, Severity, usize)],
    at: (i32, i32),
    end: i32,
) -> DrawResult<DB> {
    let (mut x, y) = at;
    let gap = st.px(3.0);
    for (i, (rule, severity, n)) in list.iter().enumerate() {
        let text = match n {
            1 => rule_code(*rule).to_string(),
            n => format!("{}×{n}", rule_code(*rule)),
        };
        let style = match severity {
            Severity::Violation => st.bold(SMALL),
            Severity::Advisory => st.text(SMALL),
        };
        let width = text_width(root, &text, &style)?;
        let rest = list.len() - i - 1;
        let more = match rest {
            0 => 0,
            _ => text_width(root, &format!("+{rest}"), &st.text(SMALL))? + gap,
        };
        if x + width + more > end {
            let more = format!("+{}", list.len() - i);
            return body.draw_text(&more, &st.text(SMALL), (x, y));
        }
        body.draw_text(&text, &style, (x, y))?;
        x += width + gap;
    }
    Ok(())
}
