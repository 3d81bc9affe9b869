//! A strip of counts above a plot, one per category (week): a small bar
//! scaled to the largest count with the count on top, or, when the counts
//! do not fit their categories, the bars with the largest count as scale.
//! Lets a chart show a second measure without a third axis.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::chart::DrawResult;
use super::style::{anchored, text_width, Style, GRID, LABEL};

/// Height of the tallest bar, at SVG scale.
const BAR_H: f64 = 14.0;
/// Width of a bar as a share of its category.
const BAR_W: f64 = 0.68;

/// The room the strip takes above the plot, in output pixels.
pub(super) fn strip_height(st: &Style) -> i32 {
    st.line_height(LABEL) + st.px(BAR_H + 14.0)
}

/// Draws `counts` (one per category, centred at `centres`) in `color` on a
/// baseline `base` from `left` to `right`, with `caption` left of it.
pub(super) fn count_strip<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: &Style,
    (caption, color): (&str, RGBColor),
    counts: &[u64],
    centres: &[i32],
    (left, right, base): (i32, i32, i32),
) -> DrawResult<DB> {
    let label = st.label();
    let middle = base - st.px(7.0);
    let caption_style = anchored(&label, HPos::Right, VPos::Center);
    root.draw_text(caption, &caption_style, (left - st.px(8.0), middle))?;
    root.draw(&PathElement::new(
        vec![(left, base), (right, base)],
        st.stroke(GRID, 1.0),
    ))?;
    let most = counts.iter().copied().max().unwrap_or(0);
    if most == 0 {
        let none = anchored(&st.muted(LABEL), HPos::Left, VPos::Bottom);
        let at = (left + st.px(4.0), base - st.px(2.0));
        return root.draw_text("none in these weeks", &none, at);
    }
    let step = match centres {
        [a, b, ..] => b - a,
        _ => right - left,
    };
    let fits = text_width(root, &most.to_string(), &label)? + st.px(2.0) <= step;
    let half = (f64::from(step) * BAR_W / 2.0).round() as i32;
    let on_top = anchored(&label, HPos::Center, VPos::Bottom);
    for (&x, &n) in centres.iter().zip(counts).filter(|(_, n)| **n > 0) {
        let h = (f64::from(st.px(BAR_H)) * n as f64 / most as f64)
            .round()
            .max(1.0) as i32;
        let bar = [(x - half, base - h), (x + half, base)];
        root.draw(&Rectangle::new(bar, color.filled()))?;
        if fits {
            root.draw_text(&n.to_string(), &on_top, (x, base - h - st.px(2.0)))?;
        }
    }
    if !fits {
        // Too many categories for a count each: the scale instead.
        let scale = anchored(&label, HPos::Left, VPos::Center);
        root.draw_text(&format!("max {most}"), &scale, (right + st.px(8.0), middle))?;
    }
    Ok(())
}
