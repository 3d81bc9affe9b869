//! A chart in memory (`Chart`), what can go wrong drawing one
//! (`RenderError`), and drawing it: the `Plot` every chart implements, drawn
//! as SVG at screen size and as PNG at print resolution in the bundled font.

use std::io::BufWriter;
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};
use thiserror::Error;

use super::style::{self, FAMILY};
use super::view::Empty;

/// Size of the SVG in pixels (a screen size).
pub(crate) const SVG_SIZE: (u32, u32) = (800, 500);
/// The PNG is this many times the SVG size: 2400 x 1500 px, 8 x 5 in at 300 dpi.
pub(crate) const PNG_SCALE: u32 = 3;
/// Dots per inch written into the PNG, so print layouts place it at 8 x 5 in.
const PNG_DPI: f64 = 300.0;

/// A chart rendered both ways.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// What the chart shows, e.g. `nearest_gap`.
    pub name: String,
    /// The group it is about; `None` for the overview.
    pub group: Option<String>,
    /// The title drawn at its top: its text alternative in the HTML report.
    pub title: String,
    /// Which chart of a figure drawn on several (from 0) and how many there
    /// are: a long timeline's half-years; `None` for a chart on its own.
    pub part: Option<(usize, usize)>,
    /// SVG document (text kept as `<text>` in font family `FAMILY`).
    pub svg: String,
    /// Encoded PNG bytes.
    pub png: Vec<u8>,
}

/// A chart that could not be rendered.
#[derive(Debug, Error)]
pub enum RenderError {
    /// The bundled font could not be read.
    #[error("cannot load the bundled chart font {0}")]
    Font(&'static str),
    /// Drawing failed.
    #[error("cannot draw chart {chart} as {format}: {message}")]
    Draw {
        /// Chart, e.g. `sprinters/nearest_gap`.
        chart: String,
        /// `SVG` or `PNG`.
        format: &'static str,
        /// What plotters reported.
        message: String,
    },
    /// The drawn pixels could not be encoded.
    #[error("cannot encode chart {chart} as PNG")]
    Png {
        /// Chart, e.g. `sprinters/nearest_gap`.
        chart: String,
        /// The encoder's error.
        source: png::EncodingError,
    },
}

/// Result of drawing on one backend.
pub(super) type DrawResult<DB> =
    Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A chart's prepared data, drawable on any backend at any scale.
pub(super) trait Plot {
    /// Title, subtitle, legend and footnote around the chart.
    fn layout(&self) -> style::Page;

    /// Why there is nothing to draw, if so.
    fn why_empty(&self) -> Option<&Empty>;

    /// Draws the chart itself inside the page's body area (`root` is the
    /// whole canvas, for text measuring and guides that cross the body).
    fn draw_body<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        body: &DrawingArea<DB, Shift>,
        st: &style::Style,
    ) -> DrawResult<DB>;

    /// Draws the whole chart onto `root`: the page, then the words saying
    /// why there is nothing to show, or the chart.
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: &style::Style,
    ) -> DrawResult<DB> {
        let body = style::page(root, st, &self.layout())?;
        match self.why_empty() {
            Some(empty) => style::no_data(&body, st, empty),
            None => self.draw_body(root, &body, st),
        }
    }
}

/// Draws `plot` as SVG and as PNG.
#[cfg(test)]
pub(super) fn render(
    name: &str,
    group: Option<&str>,
    plot: &impl Plot,
) -> Result<Chart, RenderError> {
    render_as(name, group, plot, true)
}

/// Draws `plot` as SVG, and as PNG when `png` (rasterising is most of the cost).
pub(super) fn render_as(
    name: &str,
    group: Option<&str>,
    plot: &impl Plot,
    png: bool,
) -> Result<Chart, RenderError> {
    render_sized(name, group, plot, png, SVG_SIZE)
}

/// Draws `plot` like [`render_as`] on a canvas of `size` SVG pixels.
pub(super) fn render_sized(
    name: &str,
    group: Option<&str>,
    plot: &impl Plot,
    png: bool,
    size: (u32, u32),
) -> Result<Chart, RenderError> {
    register_fonts()?;
    let label = match group {
        Some(g) => format!("{g}/{name}"),
        None => name.to_string(),
    };
    let failed = |format: &'static str| {
        let chart = label.clone();
        move |e: String| RenderError::Draw {
            chart,
            format,
            message: e,
        }
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw_on(&root, plot, 1.0).map_err(failed("SVG"))?;
    }
    let png = if png {
        let (w, h) = (size.0 * PNG_SCALE, size.1 * PNG_SCALE);
        let mut rgb = vec![0u8; (w * h * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
            draw_on(&root, plot, f64::from(PNG_SCALE)).map_err(failed("PNG"))?;
        }
        encode_png(&rgb, w, h).map_err(|source| RenderError::Png {
            chart: label,
            source,
        })?
    } else {
        Vec::new()
    };
    Ok(Chart {
        name: name.to_string(),
        group: group.map(str::to_string),
        title: plot.layout().title,
        part: None,
        svg,
        png,
    })
}

fn draw_on<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &impl Plot,
    scale: f64,
) -> Result<(), String> {
    plot.draw(root, &style::Style::new(scale))
        .and_then(|()| root.present())
        .map_err(|e| e.to_string())
}

/// Encodes 8-bit RGB pixels as PNG, tagged with the print resolution.
fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(BufWriter::new(&mut out), w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        // Flat-colour charts compress well even at the fast level, which
        // keeps debug builds quick.
        enc.set_compression(png::Compression::Fast);
        let per_metre = (PNG_DPI / 0.0254).round() as u32;
        enc.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: png::Unit::Meter,
        }));
        let mut writer = enc.write_header()?;
        writer.write_image_data(rgb)?;
        writer.finish()?;
    }
    Ok(out)
}

static FONTS: OnceLock<Result<(), &'static str>> = OnceLock::new();

/// Registers the bundled font under [`FAMILY`] once: plotters (built without
/// system fonts) knows no font until then and fails with `FontUnavailable`.
fn register_fonts() -> Result<(), RenderError> {
    let fonts: [(FontStyle, &'static [u8], &'static str); 2] = [
        (
            FontStyle::Normal,
            include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
            "DejaVuSans.ttf",
        ),
        (
            FontStyle::Bold,
            include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf"),
            "DejaVuSans-Bold.ttf",
        ),
    ];
    let registered = FONTS.get_or_init(|| {
        fonts.into_iter().try_for_each(|(style, bytes, file)| {
            register_font(FAMILY, style, bytes).map_err(|_| file)
        })
    });
    registered.map_err(RenderError::Font)
}
