//! The PDF report: lays the report model out on A4 or Letter pages (cover,
//! contents, a section per group with its charts as vector graphics, the
//! data-quality appendix and a glossary), with page numbers and the bundled
//! font embedded, so nothing depends on the fonts of the reader's machine.
//! This file lays the report out; `layout.rs` places text, tables and charts
//! on pages, `writer.rs` writes the pages with krilla, `error.rs` says what
//! can go wrong.

mod error;
mod layout;
mod writer;

use std::sync::Arc;

use chrono::{Datelike, Timelike};
use krilla::metadata::{DateTime, Metadata};

use crate::config::Formats;
use crate::model::Paper;

use super::model::ChartRef;
use super::model::ReportModel;
pub(crate) use error::PdfError;
use layout::{Layout, BOLD_TTF, REGULAR_TTF};
use writer::write;

/// The font family charts name and the PDF maps to the bundled font.
pub(crate) const CHART_FONT_FAMILY: &str = "DejaVu Sans";

/// Charts of one athlete's timeline the PDF shows at most: its last year.
const PRINTED_TIMELINE_CHARTS: usize = 2;

/// Whether the PDF shows `chart`: a long timeline's last charts only.
fn in_print(chart: &ChartRef) -> bool {
    chart
        .part
        .is_none_or(|(k, n)| k + PRINTED_TIMELINE_CHARTS >= n)
}

/// The order of a group's charts in its section.
const CHART_ORDER: [&str; 5] = ["nearest_gap", "weekly", "load", "athletes_weeks", "rules"];

/// The sentence under a long timeline shown by its last year: it names
/// the outputs of the run (`formats`) that hold every half-year, or how to
/// write them.
fn shortened_note(formats: Formats) -> String {
    let first = "A timeline longer than a year shows its last year here";
    let outputs = match (formats.html, formats.png || formats.svg) {
        (true, true) => "report.html and in the plots folder",
        (true, false) => "report.html",
        (false, true) => "the plots folder",
        (false, false) => return format!("{first}; --format html or svg writes every half-year."),
    };
    format!("{first}; every half-year is in {outputs}.")
}

/// Renders the report model and its charts as PDF bytes; `formats` are the
/// run's outputs, which the PDF names where it shows part of a timeline.
pub(crate) fn render(
    model: &ReportModel,
    charts: &[ChartRef],
    paper: Paper,
    formats: Formats,
) -> Result<Vec<u8>, PdfError> {
    let options = svg_options();
    let trees = charts
        .iter()
        .map(|c| parse_svg(c, &options))
        .collect::<Result<Vec<_>, _>>()?;
    let aspect = |i: usize| trees[i].size().height() / trees[i].size().width();
    let (w, h) = paper.size_pt();
    let mut layout = Layout::new(w, h);
    cover(&mut layout, model);
    layout.new_page();
    let contents_page = layout.page();
    // The contents are drawn last, once the page of every section is known.
    layout.new_page();
    let mut toc: Vec<(String, usize)> = Vec::new();
    if let Some(i) = charts.iter().position(|c| c.group.is_none()) {
        toc.push(("Overview".into(), layout.heading_on_fresh_page("Overview")));
        layout.paragraph("Strength compliance per group: the share of in-scope strength sessions with a time of day that take part in no violating pair.", 10.0);
        layout.chart(i, aspect(i));
    }
    for group in &model.groups {
        let title = format!("Group {}", group.name);
        toc.push((title.clone(), layout.heading_on_fresh_page(&title)));
        let rows: Vec<Vec<String>> = group
            .key_figures
            .iter()
            .map(|(k, v)| vec![k.clone(), v.clone()])
            .collect();
        layout.table(&["Key figure", "Value"], &rows, &[0.7, 0.3], 9.5);
        if !group.load_note.is_empty() {
            layout.paragraph(&group.load_note, 9.5);
        }
        // Each chart carries its own title; two fit on a page.
        for name in CHART_ORDER {
            if let Some(i) = charts
                .iter()
                .position(|c| c.group == Some(group.name.as_str()) && c.name == name)
            {
                layout.chart(i, aspect(i));
            }
        }
        layout.heading("Athletes with most violations", 2);
        if group.top_athletes.is_empty() {
            layout.paragraph("No athlete of this group has a violation.", 10.0);
        } else {
            let rows: Vec<Vec<String>> = group.top_athletes.iter().map(|r| r.to_vec()).collect();
            layout.table(
                &[
                    "Athlete",
                    "Status",
                    "Violations",
                    "Advisories",
                    "Compliance",
                ],
                &rows,
                &[0.3, 0.2, 0.17, 0.17, 0.16],
                9.5,
            );
            // The listed athletes' timelines, a page each, in table order;
            // of a longer span, its last year.
            let mut shortened = false;
            for (i, chart) in charts.iter().enumerate() {
                if chart.group == Some(group.name.as_str()) && chart.name.starts_with("timeline-") {
                    if in_print(chart) {
                        layout.chart(i, aspect(i));
                    } else {
                        shortened = true;
                    }
                }
            }
            if shortened {
                layout.paragraph(&shortened_note(formats), 9.5);
            }
        }
    }
    toc.push((
        "Appendix A: data quality".into(),
        appendix(&mut layout, model, formats),
    ));
    toc.push(("Appendix B: glossary".into(), glossary(&mut layout, model)));
    contents(&mut layout, contents_page, &toc);
    footers(&mut layout, &model.title);
    write(&layout, &trees, metadata(model))
}

/// Title, language, tool and creation date: fixed by the model, so the same
/// report (and `SOURCE_DATE_EPOCH`) gives the same bytes.
fn metadata(model: &ReportModel) -> Metadata {
    let t = model.made_at;
    // The year fits: chrono's range ends before 2^16.
    let year = u16::try_from(t.year()).unwrap_or(1970);
    let date = DateTime::new(year)
        .month(t.month() as u8)
        .day(t.day() as u8)
        .hour(t.hour() as u8)
        .minute(t.minute() as u8)
        .second(t.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    Metadata::new()
        .title(model.title.clone())
        .language("en".into())
        .creator(format!("concur {}", env!("CARGO_PKG_VERSION")))
        .creation_date(date)
}

/// SVG reading options whose only fonts are the bundled ones.
fn svg_options() -> usvg::Options<'static> {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(REGULAR_TTF.to_vec());
    db.load_font_data(BOLD_TTF.to_vec());
    // Charts name "DejaVu Sans"; "sans-serif" maps there too, since usvg
    // silently drops text it cannot resolve.
    db.set_sans_serif_family(CHART_FONT_FAMILY);
    usvg::Options {
        font_family: CHART_FONT_FAMILY.to_string(),
        fontdb: Arc::new(db),
        ..usvg::Options::default()
    }
}

fn parse_svg(chart: &ChartRef, options: &usvg::Options) -> Result<usvg::Tree, PdfError> {
    usvg::Tree::from_str(chart.svg, options).map_err(|e| PdfError::Svg {
        name: chart.name.to_string(),
        message: e.to_string(),
    })
}

fn cover(layout: &mut Layout, model: &ReportModel) {
    layout.gap(100.0);
    layout.heading(&model.title, 0);
    let range = model
        .date_range
        .as_ref()
        .map_or("no sessions".to_string(), |(a, b)| format!("{a} to {b}"));
    layout.paragraph(
        &format!(
            "Report made {} UTC.",
            model.made_at.format("%Y-%m-%d %H:%M")
        ),
        10.0,
    );
    layout.paragraph(&format!("Sessions from {range}. {} athletes, {} sessions counted; {} input rows or files rejected.", model.athletes, model.sessions, model.rejected), 11.0);
    if !model.inputs.is_empty() {
        layout.paragraph(&format!("Inputs: {}", model.inputs.join(", ")), 9.5);
    }
    layout.heading("The guidance", 3);
    for line in &model.guidance {
        layout.paragraph(line, 10.0);
    }
    layout.heading("Rules and thresholds used", 3);
    for line in &model.rules_used {
        layout.paragraph(&format!("• {line}"), 10.0);
    }
}

fn contents(layout: &mut Layout, page: usize, toc: &[(String, usize)]) {
    let x = layout.margin;
    let right = layout.width - layout.margin;
    let mut y = layout.margin + 20.0;
    layout.text_at(page, x, y, 20.0, true, "Contents".into());
    for (title, target) in toc {
        y += 22.0;
        layout.text_at(page, x, y, 11.0, false, title.clone());
        let number = (target + 1).to_string();
        let nx = right - layout.measure(&number, 11.0, false);
        layout.text_at(page, nx, y, 11.0, false, number);
    }
}

/// The data-quality appendix; `formats` say which tables it names are
/// written beside it.
fn appendix(layout: &mut Layout, model: &ReportModel, formats: Formats) -> usize {
    let file = |name: &str| formats.table_file(name);
    let page = layout.heading_on_fresh_page("Appendix A: data quality");
    let q = &model.quality;
    layout.heading("Rejected input", 2);
    if q.rejected.is_empty() && q.rejected_more == 0 {
        let text = if model.inputs.is_empty() && model.rejected > 0 {
            format!(
                "{} input rows or files were rejected; see {} of the full report.",
                model.rejected,
                file("rejected")
            )
        } else {
            "All input rows and files were accepted.".to_string()
        };
        layout.paragraph(&text, 10.0);
    } else {
        let rows: Vec<Vec<String>> = q.rejected.iter().map(|r| r.to_vec()).collect();
        layout.table(&["File", "Line", "Reason"], &rows, &[0.3, 0.08, 0.62], 8.5);
        if q.rejected_more > 0 {
            layout.paragraph(
                &format!(
                    "… and {} more; all are listed in {}.",
                    q.rejected_more,
                    file("rejected")
                ),
                9.5,
            );
        }
    }
    layout.heading("Observations", 2);
    if q.note_counts.is_empty() {
        layout.paragraph("No data-quality observations.", 10.0);
    } else {
        let rows: Vec<Vec<String>> = q
            .note_counts
            .iter()
            .map(|(k, rows, athletes)| vec![k.clone(), rows.to_string(), athletes.to_string()])
            .collect();
        layout.table(&["Kind", "Rows", "Athletes"], &rows, &[0.6, 0.2, 0.2], 9.5);
        let rows: Vec<Vec<String>> = q
            .notes
            .iter()
            .map(|(k, d)| vec![k.clone(), d.clone()])
            .collect();
        if !rows.is_empty() {
            layout.table(&["Kind", "Detail"], &rows, &[0.25, 0.75], 8.5);
        }
        let all = format!("Every observation is listed in {}.", file("data_quality"));
        layout.paragraph(&all, 9.5);
    }
    page
}

fn glossary(layout: &mut Layout, model: &ReportModel) -> usize {
    let page = layout.heading_on_fresh_page("Appendix B: glossary");
    let rows: Vec<Vec<String>> = model
        .glossary
        .iter()
        .map(|(k, d)| vec![k.clone(), d.clone()])
        .collect();
    layout.table(&["Term", "Meaning"], &rows, &[0.32, 0.68], 9.5);
    page
}

fn footers(layout: &mut Layout, title: &str) {
    let total = layout.pages.len();
    let y = layout.height - layout.margin / 2.0;
    for page in 1..total {
        let text = format!("{title} — page {} of {total}", page + 1);
        let x = layout.width - layout.margin - layout.measure(&text, 8.0, false);
        layout.text_at(page, x, y, 8.0, false, text);
    }
}

#[cfg(test)]
mod tests;
