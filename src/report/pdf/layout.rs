//! A small page layout engine: places wrapped text, tables and charts on
//! pages as drawing operations, so that page numbers and the table of
//! contents are known before anything is drawn.

use ab_glyph::{Font as _, FontRef};

/// The bundled regular font.
pub(super) const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
/// The bundled bold font.
pub(super) const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// One thing to draw on a page (points, y down, text y = baseline).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Op {
    /// A line of text.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        gray: u8,
        text: String,
    },
    /// A filled rectangle in an RGB colour.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        rgb: (u8, u8, u8),
    },
    /// Chart number `index`, scaled into the box.
    Chart {
        index: usize,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

/// Pages of operations and a cursor.
pub(super) struct Layout {
    /// Page width in points.
    pub(crate) width: f32,
    /// Page height in points.
    pub(crate) height: f32,
    /// Margin on every side, points.
    pub(crate) margin: f32,
    /// Operations of each page.
    pub(crate) pages: Vec<Vec<Op>>,
    y: f32,
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

const LINE: f32 = 1.35;
/// Text wraps at this share of its width: shaping can set a line slightly
/// wider than the sum of advances. Table rows are measured the same way.
const SLACK: f32 = 0.97;

impl Layout {
    /// An empty layout of one page.
    pub(super) fn new(width: f32, height: f32) -> Layout {
        let font = |bytes| FontRef::try_from_slice(bytes).expect("bundled font parses");
        Layout {
            width,
            height,
            margin: 56.0,
            pages: vec![Vec::new()],
            y: 56.0,
            regular: font(REGULAR_TTF),
            bold: font(BOLD_TTF),
        }
    }

    /// Index of the current page (0-based).
    pub(super) fn page(&self) -> usize {
        self.pages.len() - 1
    }

    /// Usable width between the margins.
    pub(super) fn text_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    /// Starts a new page.
    pub(super) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.margin;
    }

    /// Moves to a new page unless `height_pt` more fits on this one.
    pub(super) fn ensure(&mut self, height_pt: f32) {
        if self.y + height_pt > self.height - self.margin - 20.0 {
            self.new_page();
        }
    }

    /// Vertical space.
    pub(super) fn gap(&mut self, height_pt: f32) {
        self.y += height_pt;
    }

    fn push(&mut self, op: Op) {
        let page = self.page();
        self.pages[page].push(op);
    }

    /// Width of `text` in points.
    pub(super) fn measure(&self, text: &str, size: f32, bold: bool) -> f32 {
        let font = if bold { &self.bold } else { &self.regular };
        let units = font.units_per_em().unwrap_or(1000.0);
        text.chars()
            .map(|c| font.h_advance_unscaled(font.glyph_id(c)))
            .sum::<f32>()
            * size
            / units
    }

    /// Splits text into lines no wider than `width_pt`.
    pub(super) fn wrap(&self, text: &str, size: f32, bold: bool, width_pt: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ') {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.measure(&candidate, size, bold) <= width_pt || line.is_empty() {
                    line = candidate;
                } else {
                    let full = std::mem::replace(&mut line, word.to_string());
                    lines.extend(self.break_long(full, size, bold, width_pt));
                }
            }
            lines.extend(self.break_long(line, size, bold, width_pt));
        }
        lines
    }

    /// Breaks a single over-long word (a path, say) by characters.
    fn break_long(&self, line: String, size: f32, bold: bool, width_pt: f32) -> Vec<String> {
        if self.measure(&line, size, bold) <= width_pt {
            return vec![line];
        }
        let mut out = vec![String::new()];
        for c in line.chars() {
            let last = out.last_mut().expect("never empty");
            last.push(c);
            if self.measure(last, size, bold) > width_pt && last.chars().count() > 1 {
                last.pop();
                out.push(c.to_string());
            }
        }
        out
    }

    /// Text wrapped to the given box width, starting at `x`.
    pub(super) fn text(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        x: f32,
        width_pt: f32,
        gray: u8,
    ) {
        for line in self.wrap(text, size, bold, width_pt * SLACK) {
            self.ensure(size * LINE);
            self.y += size;
            self.push(Op::Text {
                x,
                y: self.y,
                size,
                bold,
                gray,
                text: line,
            });
            self.y += size * (LINE - 1.0);
        }
    }

    /// A paragraph across the full width.
    pub(super) fn paragraph(&mut self, text: &str, size: f32) {
        let (x, w) = (self.margin, self.text_width());
        self.text(text, size, false, x, w, 30);
        self.gap(size * 0.5);
    }

    /// A level-1 heading at the top of a page (a new one unless this one is empty).
    pub(super) fn heading_on_fresh_page(&mut self, text: &str) -> usize {
        if !self.pages[self.page()].is_empty() {
            self.new_page();
        }
        self.heading(text, 1)
    }

    /// A heading (level 0 for the cover title, 1 to 3 below); returns its page index.
    pub(super) fn heading(&mut self, text: &str, level: u8) -> usize {
        let size = match level {
            0 => 26.0,
            1 => 20.0,
            2 => 14.0,
            _ => 11.5,
        };
        self.ensure(size * 3.0);
        self.gap(size * 0.6);
        let (x, w) = (self.margin, self.text_width());
        self.text(text, size, true, x, w, 0);
        if level <= 1 {
            let y = self.y + 2.0;
            self.push(Op::Rect {
                x,
                y,
                w,
                h: 1.2,
                rgb: (0, 114, 178),
            });
            self.gap(8.0);
        }
        self.gap(size * 0.3);
        self.page()
    }

    /// A table with a bold header row; widths are fractions of the text width.
    pub(super) fn table(
        &mut self,
        header: &[&str],
        rows: &[Vec<String>],
        widths: &[f32],
        size: f32,
    ) {
        let total = self.text_width();
        let cols: Vec<(f32, f32)> = widths
            .iter()
            .scan(self.margin, |x, w| {
                let col = (*x, w * total);
                *x += w * total;
                Some(col)
            })
            .collect();
        let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        self.table_row(&header, &cols, size, true);
        for (i, row) in rows.iter().enumerate() {
            let height = self.row_height(row, &cols, size, false);
            if self.y + height > self.height - self.margin - 20.0 {
                self.new_page();
                self.table_row(&header, &cols, size, true);
            }
            if i % 2 == 1 {
                let y = self.y;
                self.push(Op::Rect {
                    x: self.margin,
                    y,
                    w: total,
                    h: height,
                    rgb: (242, 242, 242),
                });
            }
            self.table_row(row, &cols, size, false);
        }
        self.gap(size);
    }

    fn row_height(&self, row: &[String], cols: &[(f32, f32)], size: f32, bold: bool) -> f32 {
        let lines = row
            .iter()
            .zip(cols)
            .map(|(cell, (_, w))| self.wrap(cell, size, bold, (w - 6.0) * SLACK).len())
            .max()
            .unwrap_or(1);
        lines as f32 * size * LINE + 4.0
    }

    fn table_row(&mut self, row: &[String], cols: &[(f32, f32)], size: f32, bold: bool) {
        let height = self.row_height(row, cols, size, bold);
        self.ensure(height);
        let top = self.y;
        for (cell, (x, w)) in row.iter().zip(cols) {
            self.y = top + 2.0;
            self.text(cell, size, bold, x + 3.0, w - 6.0, 20);
        }
        self.y = top + height;
        if bold {
            let y = self.y - 1.0;
            self.push(Op::Rect {
                x: self.margin,
                y,
                w: self.text_width(),
                h: 0.6,
                rgb: (120, 120, 120),
            });
        }
    }

    /// A chart across the full width with the given aspect ratio (height / width).
    /// A chart taller than a page is narrowed (and centred) to fit one.
    pub(super) fn chart(&mut self, index: usize, aspect: f32) {
        let room = self.height - 2.0 * self.margin - 28.0;
        let w = self.text_width().min(room / aspect);
        let h = w * aspect;
        self.ensure(h + 8.0);
        self.push(Op::Chart {
            index,
            x: self.margin + (self.text_width() - w) / 2.0,
            y: self.y,
            w,
            h,
        });
        self.gap(h + 10.0);
    }

    /// Places text at an exact spot (cover and footers).
    pub(super) fn text_at(
        &mut self,
        page: usize,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        text: String,
    ) {
        self.pages[page].push(Op::Text {
            x,
            y,
            size,
            bold,
            gray: if bold { 0 } else { 40 },
            text,
        });
    }
}

#[cfg(test)]
mod tests;
