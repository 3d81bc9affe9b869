//! The charts of a report: a pure stage from the frame, the audit and the
//! measures to charts in memory, each drawn twice by the same code (SVG at
//! screen size, PNG at print resolution). Owns the drawing style, the bundled
//! font and the group's view of the data; writes no files.

mod athletes_weeks;
mod axes;
#[cfg(test)]
mod fixture;
mod nearest_gap;
mod overview;
mod rules;
mod style;
mod weekly;

use std::collections::BTreeSet;
use std::io::BufWriter;
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};
use thiserror::Error;

use crate::aggregate::Aggregates;
use crate::classify::{AthleteInfo, Frame};
use crate::config::Thresholds;
use crate::model::{Modality, Session};
use crate::rules::Audit;

pub use style::FAMILY;

/// Size of the SVG in pixels (a screen size).
pub const SVG_SIZE: (u32, u32) = (800, 500);
/// The PNG is this many times the SVG size: 2400 x 1500 px, 8 x 5 in at 300 dpi.
pub const PNG_SCALE: u32 = 3;
/// Dots per inch written into the PNG, so print layouts place it at 8 x 5 in.
const PNG_DPI: f64 = 300.0;

/// A chart rendered both ways.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// What the chart shows, e.g. `nearest_gap`.
    pub name: String,
    /// The group it is about; `None` for the overview.
    pub group: Option<String>,
    /// SVG document (text kept as `<text>` in font family [`FAMILY`]).
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
    #[error("cannot encode chart {chart} as PNG: {source}")]
    Png {
        /// Chart, e.g. `sprinters/nearest_gap`.
        chart: String,
        /// The encoder's error.
        source: png::EncodingError,
    },
}

/// The four charts of one group, in report order: `nearest_gap`, `weekly`,
/// `athletes_weeks`, `rules`.
pub fn group_charts(
    frame: &Frame,
    audit: &Audit,
    agg: &Aggregates,
    group: &str,
    thresholds: &Thresholds,
    png: bool,
) -> Result<Vec<Chart>, RenderError> {
    let view = GroupView::new(frame, group);
    let g = Some(group);
    Ok(vec![
        render_as(
            "nearest_gap",
            g,
            &nearest_gap::NearestGap::new(&view, audit, thresholds),
            png,
        )?,
        render_as("weekly", g, &weekly::Weekly::new(&view, agg), png)?,
        render_as(
            "athletes_weeks",
            g,
            &athletes_weeks::AthletesWeeks::new(&view, audit, agg),
            png,
        )?,
        render_as("rules", g, &rules::RuleCounts::new(&view, audit), png)?,
    ])
}

/// Strength compliance of every group side by side, with the ALL value as reference.
pub fn overview_chart(agg: &Aggregates, png: bool) -> Result<Chart, RenderError> {
    render_as("overview", None, &overview::Overview::new(agg), png)
}

/// Result of drawing on one backend.
type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A chart's prepared data, drawable on any backend at any scale.
trait Plot {
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
fn render(name: &str, group: Option<&str>, plot: &impl Plot) -> Result<Chart, RenderError> {
    render_as(name, group, plot, true)
}

/// Draws `plot` as SVG, and as PNG when `png` (rasterising is most of the cost).
fn render_as(
    name: &str,
    group: Option<&str>,
    plot: &impl Plot,
    png: bool,
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
        let root = SVGBackend::with_string(&mut svg, SVG_SIZE).into_drawing_area();
        draw_on(&root, plot, 1.0).map_err(failed("SVG"))?;
    }
    let png = if png {
        let (w, h) = (SVG_SIZE.0 * PNG_SCALE, SVG_SIZE.1 * PNG_SCALE);
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

/// Why a chart has nothing to draw: a headline and the reason.
#[derive(Debug, Clone, PartialEq)]
struct Empty {
    headline: String,
    detail: String,
}

/// The athletes of one group and what the charts say about its scope.
struct GroupView<'a> {
    name: &'a str,
    frame: &'a Frame,
    /// Indices into `Frame::athletes`, in id order.
    athletes: Vec<usize>,
}

impl<'a> GroupView<'a> {
    fn new(frame: &'a Frame, name: &'a str) -> Self {
        let athletes = (0..frame.athletes.len())
            .filter(|&a| frame.athletes[a].group == name)
            .collect();
        GroupView {
            name,
            frame,
            athletes,
        }
    }

    fn info(&self, a: usize) -> &AthleteInfo {
        &self.frame.athletes[a]
    }

    /// Athletes the rules apply to.
    fn in_scope(&self) -> impl Iterator<Item = usize> + '_ {
        self.athletes
            .iter()
            .copied()
            .filter(|&a| self.info(a).in_scope)
    }

    /// Indices into `Frame::sessions` of strength sessions of in-scope athletes.
    fn in_scope_strength(&self) -> impl Iterator<Item = usize> + '_ {
        self.in_scope().flat_map(|a| {
            self.frame.ranges[a]
                .clone()
                .filter(|&i| self.frame.sessions[i].modality == Modality::Strength)
        })
    }

    fn session(&self, i: usize) -> &Session {
        &self.frame.sessions[i]
    }

    /// Why nothing can be measured for this group, if so: no athletes, or all exempt.
    fn out_of_scope(&self) -> Option<String> {
        if self.athletes.is_empty() {
            return Some(format!("group {} has no athlete in this run", self.name));
        }
        if self.in_scope().next().is_some() {
            return None;
        }
        let statuses: BTreeSet<&str> = self
            .athletes
            .iter()
            .map(|&a| self.info(a).status.as_str())
            .collect();
        let statuses: Vec<&str> = statuses.into_iter().collect();
        Some(format!(
            "{} athletes are exempt: the guidance does not apply to {} athletes",
            self.name,
            statuses.join(" or ")
        ))
    }

    /// Why no in-scope strength session has a time of day, if so; when the
    /// logs give dates only, followed by `consequence` (", so ...").
    fn no_timed_strength(&self, consequence: &str) -> Option<String> {
        if let Some(why) = self.out_of_scope() {
            return Some(why);
        }
        let strength: Vec<usize> = self.in_scope_strength().collect();
        if strength.is_empty() {
            return Some(format!(
                "the in-scope athletes of {} logged no strength session",
                self.name
            ));
        }
        if strength.iter().all(|&i| self.session(i).date_only) {
            return Some(format!(
                "the {} logs give dates only ({} strength sessions without a time of day){consequence}",
                self.name,
                strength.len()
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::{decode_png, season};
    use super::*;

    fn charts_of(group: &str) -> Vec<Chart> {
        let s = season();
        group_charts(
            &s.frame,
            &s.audit,
            &s.agg,
            group,
            &Thresholds::default(),
            true,
        )
        .unwrap()
    }

    #[test]
    fn group_charts_come_in_report_order_named_for_their_group() {
        let charts = charts_of("g");
        let names: Vec<&str> = charts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["nearest_gap", "weekly", "athletes_weeks", "rules"]);
        assert!(charts.iter().all(|c| c.group.as_deref() == Some("g")));
        assert_eq!(overview_chart(&season().agg, true).unwrap().group, None);
    }

    #[test]
    fn same_input_renders_the_same_svg_and_png() {
        let (a, b) = (charts_of("g"), charts_of("g"));
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.svg, y.svg, "{}", x.name);
            assert_eq!(x.png, y.png, "{}", x.name);
        }
    }

    #[test]
    fn png_is_print_size_and_svg_screen_size() {
        let chart = &charts_of("g")[0];
        assert!(chart.png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(decode_png(&chart.png), (2400, 1500));
        assert!(chart.svg.contains(r#"width="800" height="500""#));
    }

    #[test]
    fn svg_keeps_text_as_text_in_the_registered_family() {
        for chart in charts_of("g") {
            let texts = chart.svg.matches("<text ").count();
            let in_family = chart.svg.matches(r#"font-family="DejaVu Sans""#).count();
            assert!(texts >= 10, "{}: {texts} texts", chart.name);
            assert_eq!(in_family, texts, "{}", chart.name);
            assert!(!chart.svg.contains("sans-serif"));
        }
    }

    #[test]
    fn group_not_in_the_run_says_so_in_every_chart() {
        for chart in charts_of("nobody") {
            assert!(
                chart.svg.contains("no athlete in this run")
                    || chart.svg.contains("no session in this run"),
                "{}",
                chart.name
            );
        }
    }
}
