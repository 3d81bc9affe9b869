//! The PDF writer: turns the laid-out pages' drawing operations into a
//! krilla document, with the bundled fonts and the charts' SVG trees.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};

use super::error::PdfError;
use super::layout::{Layout, Op, BOLD_TTF, REGULAR_TTF};

/// Draws the laid-out pages, their charts and `metadata` into PDF bytes.
pub(super) fn write(
    layout: &Layout,
    trees: &[usvg::Tree],
    metadata: Metadata,
) -> Result<Vec<u8>, PdfError> {
    let regular =
        Font::new(REGULAR_TTF.into(), 0).ok_or_else(|| PdfError::Write("bundled font".into()))?;
    let bold =
        Font::new(BOLD_TTF.into(), 0).ok_or_else(|| PdfError::Write("bundled font".into()))?;
    let mut document = Document::new();
    document.set_metadata(metadata);
    for ops in &layout.pages {
        let settings = PageSettings::from_wh(layout.width, layout.height)
            .ok_or_else(|| PdfError::Write("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, op, &regular, &bold, trees);
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))
}

fn fill(rgb: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(rgb.0, rgb.1, rgb.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn draw(surface: &mut Surface, op: &Op, regular: &Font, bold: &Font, trees: &[usvg::Tree]) {
    // A stroke left set would outline text too.
    surface.set_stroke(None);
    match op {
        Op::Text {
            x,
            y,
            size,
            bold: b,
            gray,
            text,
        } => {
            surface.set_fill(Some(fill((*gray, *gray, *gray))));
            let font = if *b { bold.clone() } else { regular.clone() };
            surface.draw_text(
                Point::from_xy(*x, *y),
                font,
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Rect { x, y, w, h, rgb } => {
            let mut pb = PathBuilder::new();
            pb.push_rect(
                krilla::geom::Rect::from_xywh(*x, *y, *w, *h).unwrap_or(
                    krilla::geom::Rect::from_xywh(0.0, 0.0, 1.0, 1.0).expect("unit rect"),
                ),
            );
            if let Some(path) = pb.finish() {
                surface.set_fill(Some(fill(*rgb)));
                surface.draw_path(&path);
            }
        }
        Op::Chart { index, x, y, w, h } => {
            if let (Some(tree), Some(size)) = (trees.get(*index), Size::from_wh(*w, *h)) {
                surface.push_transform(&Transform::from_translate(*x, *y));
                surface.draw_svg(tree, size, SvgSettings::default());
                surface.pop();
            }
        }
    }
}
