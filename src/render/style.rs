//! The one look of every chart: Okabe-Ito colours and a sequential scale,
//! sizes given at SVG scale and multiplied for print, the bundled font
//! family, and the furniture all charts share (title, subtitle, legend
//! strip, footnote, "no data" panel).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

use super::view::Empty;

/// Font family every text is drawn in; the SVG names it in `font-family`.
pub(crate) const FAMILY: &str = "DejaVu Sans";

// Okabe-Ito palette (Okabe & Ito 2008), distinguishable with any colour vision.
/// Okabe-Ito sky blue.
pub(super) const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Okabe-Ito blue.
pub(super) const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe-Ito bluish green.
pub(super) const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Okabe-Ito vermillion.
pub(super) const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

/// Colour of violations, everywhere.
pub(super) const VIOLATION: RGBColor = VERMILLION;
/// Colour of advisories, everywhere.
pub(super) const ADVISORY: RGBColor = SKY_BLUE;
/// Colour of strength compliance, everywhere.
pub(super) const COMPLIANCE: RGBColor = BLUE;
/// Text and reference lines.
pub(super) const INK: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
/// Secondary text.
pub(super) const MUTED: RGBColor = RGBColor(0x5A, 0x5A, 0x5A);
/// Grid lines and panel borders.
pub(super) const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
/// Background of "no data" panels and exempt rows.
pub(super) const PANEL: RGBColor = RGBColor(0xF2, 0xF2, 0xF2);

/// ColorBrewer OrRd from its 3rd class on: sequential in lightness, so
/// readable with any colour vision; 1 violation is the lightest.
const SEQUENTIAL: [RGBColor; 7] = [
    RGBColor(0xFD, 0xD4, 0x9E),
    RGBColor(0xFD, 0xBB, 0x84),
    RGBColor(0xFC, 0x8D, 0x59),
    RGBColor(0xEF, 0x65, 0x48),
    RGBColor(0xD7, 0x30, 0x1F),
    RGBColor(0xB3, 0x00, 0x00),
    RGBColor(0x7F, 0x00, 0x00),
];
// Type sizes in plotters units at SVG scale.
const TITLE: f64 = 19.0;
const SUBTITLE: f64 = 14.0;
/// Legend, tick labels and value labels.
pub(super) const LABEL: f64 = 13.0;
/// Axis descriptions.
pub(super) const AXIS: f64 = 14.0;
const NOTE: f64 = 12.5;
/// Outer padding of the canvas.
pub(super) const PAD: f64 = 18.0;

/// Sizes and fonts for one output: scale 1 for SVG, 3 for the print PNG.
pub(super) struct Style {
    scale: f64,
}

impl Style {
    /// A style drawing `scale` pixels per SVG pixel.
    pub(super) fn new(scale: f64) -> Self {
        Style { scale }
    }

    /// `v` SVG pixels in output pixels.
    pub(super) fn px(&self, v: f64) -> i32 {
        (v * self.scale).round() as i32
    }

    /// A line `width` SVG pixels wide.
    pub(super) fn stroke(&self, color: RGBColor, width: f64) -> ShapeStyle {
        color.stroke_width(self.px(width).max(1) as u32)
    }

    /// Regular text of `size`, anchored at its top-left corner.
    pub(super) fn text(&self, size: f64) -> TextStyle<'static> {
        self.font(size, FontStyle::Normal, INK)
    }

    /// Secondary (grey) text of `size`.
    pub(super) fn muted(&self, size: f64) -> TextStyle<'static> {
        self.font(size, FontStyle::Normal, MUTED)
    }

    /// Bold text of `size`.
    pub(super) fn bold(&self, size: f64) -> TextStyle<'static> {
        self.font(size, FontStyle::Bold, INK)
    }

    fn font(&self, size: f64, style: FontStyle, color: RGBColor) -> TextStyle<'static> {
        (FAMILY, size * self.scale, style)
            .into_font()
            .color(&color)
            .pos(Pos::new(HPos::Left, VPos::Top))
    }

    /// Tick and value labels.
    pub(super) fn label(&self) -> TextStyle<'static> {
        self.text(LABEL)
    }

    /// Axis descriptions.
    pub(super) fn axis(&self) -> TextStyle<'static> {
        self.text(AXIS)
    }

    /// Line advance of text of `size`, in output pixels.
    pub(super) fn line_height(&self, size: f64) -> i32 {
        self.px(size * 1.2)
    }
}

/// Anchors a text style at another point of the text box.
pub(super) fn anchored(style: &TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.clone().pos(Pos::new(h, v))
}

/// Error of a drawing area on backend `DB`.
pub(super) type AreaError<DB> = DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>;

/// Width of `text` in output pixels.
pub(super) fn text_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
) -> Result<i32, AreaError<DB>> {
    Ok(area.estimate_text_size(text, style)?.0 as i32)
}

/// Greedy word wrap of `text` into lines at most `width` pixels wide.
pub(super) fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    width: i32,
) -> Result<Vec<String>, AreaError<DB>> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(area, &candidate, style)? > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    Ok(lines)
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy)]
pub(super) enum Mark {
    /// A filled square (bars, cells).
    Swatch(RGBColor),
    /// A translucent square with an outline (shaded zones).
    Shade(RGBColor, f64),
    /// A line with a dot (a series).
    LineDot(RGBColor),
    /// A dashed line (a reference).
    Dashed(RGBColor),
    /// A heatmap cell: filled, with the grid's outline.
    Cell(RGBColor),
    /// No mark: a lead-in label.
    Text,
}

/// One legend entry.
#[derive(Debug, Clone)]
pub(super) struct LegendItem {
    /// Its mark.
    pub(crate) mark: Mark,
    /// Its words.
    pub(crate) label: String,
}

impl LegendItem {
    /// An entry of `mark` saying `label`.
    pub(super) fn new(mark: Mark, label: impl Into<String>) -> Self {
        LegendItem {
            mark,
            label: label.into(),
        }
    }
}

/// What every chart has around its plot.
#[derive(Debug, Clone, Default)]
pub(super) struct Page {
    /// Bold title (includes the group name).
    pub(crate) title: String,
    /// One or two lines of context under the title.
    pub(crate) subtitle: String,
    /// Legend strip under the subtitle.
    pub(crate) legend: Vec<LegendItem>,
    /// Small print at the bottom.
    pub(crate) footnote: Option<String>,
}

/// Paints the background, title, subtitle, legend and footnote; returns the
/// area left for the plot (inside the outer padding).
pub(super) fn page<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: &Style,
    page: &Page,
) -> Result<DrawingArea<DB, Shift>, AreaError<DB>> {
    root.fill(&WHITE)?;
    let pad = st.px(PAD);
    let width = root.dim_in_pixel().0 as i32 - 2 * pad;
    let mut y = pad;
    y = text_block(
        root,
        &page.title,
        &st.bold(TITLE),
        st.line_height(TITLE),
        (pad, y),
        width,
    )?;
    y += st.px(2.0);
    y = text_block(
        root,
        &page.subtitle,
        &st.muted(SUBTITLE),
        st.line_height(SUBTITLE),
        (pad, y),
        width,
    )?;
    if !page.legend.is_empty() {
        y += st.px(8.0);
        y = legend(root, st, &page.legend, (pad, y), width)?;
    }
    let mut bottom = pad;
    if let Some(note) = &page.footnote {
        let style = st.muted(NOTE);
        let lines = wrap(root, note, &style, width)?;
        let height = lines.len() as i32 * st.line_height(NOTE);
        let top = root.dim_in_pixel().1 as i32 - pad - height;
        text_block(root, note, &style, st.line_height(NOTE), (pad, top), width)?;
        bottom += height + st.px(6.0);
    }
    Ok(root.margin(y + st.px(6.0), bottom, pad, pad))
}

/// Draws wrapped text from `(x, y)`; returns the y under it.
fn text_block<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    advance: i32,
    (x, mut y): (i32, i32),
    width: i32,
) -> Result<i32, AreaError<DB>> {
    for line in wrap(area, text, style, width)? {
        area.draw_text(&line, style, (x, y))?;
        y += advance;
    }
    Ok(y)
}

/// Lays the entries out left to right, wrapping; returns the y under them.
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    st: &Style,
    items: &[LegendItem],
    (x0, mut y): (i32, i32),
    width: i32,
) -> Result<i32, AreaError<DB>> {
    let style = st.text(LABEL);
    let row = st.line_height(LABEL) + st.px(4.0);
    let mut x = x0;
    for item in items {
        let (mark_w, space) = match item.mark {
            Mark::Swatch(_) | Mark::Shade(..) | Mark::Cell(_) => (st.px(13.0), st.px(6.0)),
            Mark::LineDot(_) | Mark::Dashed(_) => (st.px(24.0), st.px(6.0)),
            Mark::Text => (0, 0),
        };
        let item_w = mark_w + space + text_width(area, &item.label, &style)?;
        if x > x0 && x + item_w > x0 + width {
            x = x0;
            y += row;
        }
        draw_mark(area, st, item.mark, (x, y + st.px(LABEL * 0.45)), mark_w)?;
        area.draw_text(&item.label, &style, (x + mark_w + space, y))?;
        x += item_w
            + if matches!(item.mark, Mark::Cell(_)) {
                st.px(10.0)
            } else {
                st.px(20.0)
            };
    }
    Ok(y + row)
}

/// Draws a legend mark whose left edge is at `x` and vertical middle at `y`.
pub(super) fn draw_mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    st: &Style,
    mark: Mark,
    (x, y): (i32, i32),
    width: i32,
) -> Result<(), AreaError<DB>> {
    let half = st.px(6.5);
    match mark {
        Mark::Swatch(c) => area.draw(&Rectangle::new(
            [(x, y - half), (x + width, y + half)],
            c.filled(),
        )),
        Mark::Shade(c, alpha) => {
            let corners = [(x, y - half), (x + width, y + half)];
            area.draw(&Rectangle::new(corners, c.mix(alpha).filled()))?;
            area.draw(&Rectangle::new(
                corners,
                c.mix(0.6).stroke_width(st.px(1.0) as u32),
            ))
        }
        Mark::LineDot(c) => {
            area.draw(&PathElement::new(
                vec![(x, y), (x + width, y)],
                st.stroke(c, 2.5),
            ))?;
            area.draw(&Circle::new((x + width / 2, y), st.px(4.0), c.filled()))
        }
        Mark::Cell(c) => {
            let corners = [(x, y - half), (x + width, y + half)];
            area.draw(&Rectangle::new(corners, c.filled()))?;
            area.draw(&Rectangle::new(corners, st.stroke(GRID, 1.0)))
        }
        Mark::Text => Ok(()),
        Mark::Dashed(c) => {
            let dash = width / 5;
            for k in [0, 2, 4] {
                let from = x + k * dash;
                area.draw(&PathElement::new(
                    vec![(from, y), (from + dash, y)],
                    st.stroke(c, 2.0),
                ))?;
            }
            Ok(())
        }
    }
}

/// Fills the plot area with a panel that says, in words, why there is no chart.
pub(super) fn no_data<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    st: &Style,
    empty: &Empty,
) -> Result<(), AreaError<DB>> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    area.draw(&Rectangle::new([(0, 0), (w, h)], PANEL.filled()))?;
    area.draw(&Rectangle::new([(0, 0), (w, h)], st.stroke(GRID, 1.0)))?;
    let head = anchored(&st.bold(16.0), HPos::Center, VPos::Top);
    let detail = anchored(&st.muted(SUBTITLE), HPos::Center, VPos::Top);
    let width = w - st.px(80.0);
    let head_lines = wrap(area, &empty.headline, &head, width)?;
    let detail_lines = wrap(area, &empty.detail, &detail, width)?;
    let total = head_lines.len() as i32 * st.line_height(16.0)
        + st.px(8.0)
        + detail_lines.len() as i32 * st.line_height(SUBTITLE);
    let mut y = (h - total) / 2;
    for line in &head_lines {
        area.draw_text(line, &head, (w / 2, y))?;
        y += st.line_height(16.0);
    }
    y += st.px(8.0);
    for line in &detail_lines {
        area.draw_text(line, &detail, (w / 2, y))?;
        y += st.line_height(SUBTITLE);
    }
    Ok(())
}

/// Colour of a count on the scale up to `max`; 0 is white.
pub(super) fn sequential(count: u32, max: u32) -> RGBColor {
    if count == 0 {
        return WHITE;
    }
    let t = if max <= 1 {
        0.0
    } else {
        f64::from(count - 1) / f64::from(max - 1)
    };
    let pos = t * (SEQUENTIAL.len() - 1) as f64;
    let (i, frac) = (pos.floor() as usize, pos.fract());
    let (a, b) = (SEQUENTIAL[i], SEQUENTIAL[(i + 1).min(SEQUENTIAL.len() - 1)]);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * frac).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequential_scale_gets_darker_with_the_count() {
        let luma = |c: RGBColor| {
            0.2126 * f64::from(c.0) + 0.7152 * f64::from(c.1) + 0.0722 * f64::from(c.2)
        };
        let shades: Vec<f64> = (0..=9).map(|n| luma(sequential(n, 9))).collect();
        assert!(shades.windows(2).all(|w| w[1] < w[0]), "{shades:?}");
        assert_eq!(sequential(0, 9), WHITE);
        assert_eq!(sequential(1, 1), SEQUENTIAL[0]);
    }
}
