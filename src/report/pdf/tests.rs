//! Tests of the PDF report.

use super::*;
use crate::report::model::{GroupSection, QualityAppendix};

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500"><rect x="10" y="10" width="300" height="200" fill="#0072B2"/><text x="40" y="40" font-family="sans-serif" font-size="20">Gap (h)</text></svg>"##;

pub(crate) fn model() -> ReportModel {
    ReportModel {
        title: "Concurrent-training audit".into(),
        made_at: chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
        date_range: Some(("2026-01-05".into(), "2026-04-26".into())),
        inputs: vec!["data/sample".into()],
        athletes: 2,
        sessions: 10,
        rejected: 0,
        rules_used: vec!["Minimum gap 6 h".into()],
        guidance: vec!["Plan at least 6 h.".into()],
        groups: ["sprint", "distance"]
            .iter()
            .map(|g| GroupSection {
                name: g.to_string(),
                key_figures: vec![("Sessions".into(), "5".into())],
                load_note: "The ACWR describes; it does not predict injury.".into(),
                top_athletes: vec![[
                    format!("{g}-A1"),
                    "elite".into(),
                    "3".into(),
                    "1".into(),
                    "50.0 %".into(),
                ]],
            })
            .collect(),
        quality: QualityAppendix::default(),
        glossary: vec![("order".into(), "Endurance first.".into())],
    }
}

/// The sprint group's nearest-gap chart, drawn as a plain rectangle.
fn sprint_gap_chart() -> ChartRef<'static> {
    ChartRef {
        group: Some("sprint"),
        name: "nearest_gap",
        title: "Gap",
        part: None,
        svg: SVG,
    }
}

#[test]
fn report_is_a_pdf_with_cover_contents_groups_and_appendices() {
    let charts = [sprint_gap_chart()];
    let pdf = render(&model(), &charts, Paper::A4, pdf_only()).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // cover, contents, 2 groups, 2 appendices
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/Count 6"), "expected 6 pages");
    assert!(pdf.len() > 10_000);
}

/// The outputs of a run writing only the PDF.
fn pdf_only() -> Formats {
    Formats::parse("pdf").unwrap()
}

#[test]
fn a_long_timeline_prints_its_last_year() {
    let part = |k, n| ChartRef {
        group: Some("sprint"),
        name: "timeline-A",
        title: "Timeline",
        part: Some((k, n)),
        svg: SVG,
    };
    let printed: Vec<bool> = (0..5).map(|k| in_print(&part(k, 5))).collect();
    assert_eq!(printed, [false, false, false, true, true]);
    assert!(in_print(&part(0, 2)) && in_print(&part(0, 1)));
    let three = [part(0, 3), part(1, 3), part(2, 3)];
    let two = [part(1, 3), part(2, 3)];
    let pages = |charts: &[ChartRef]| render(&model(), charts, Paper::A4, pdf_only()).unwrap();
    // The page count, as the report test reads it: `/Count n`.
    let count = |pdf: Vec<u8>| {
        let text = String::from_utf8_lossy(&pdf).into_owned();
        let at = text.find("/Count ").expect("a page tree");
        let digits = text[at + 7..].split(|c: char| !c.is_ascii_digit()).next();
        digits.unwrap().parse::<usize>().unwrap()
    };
    let (all, last) = (count(pages(&three)), count(pages(&two)));
    assert_eq!(all, last);
    assert!(all > count(pages(&[])), "the timelines take pages");
}

#[test]
fn a_shortened_timeline_says_where_the_rest_is_or_how_to_write_it() {
    let note = |list: &str| shortened_note(Formats::parse(list).unwrap());
    let whole = |outputs: &str| {
        format!("A timeline longer than a year shows its last year here; every half-year is in {outputs}.")
    };
    assert_eq!(
        note("pdf,html,svg"),
        whole("report.html and in the plots folder")
    );
    assert_eq!(note("pdf,html"), whole("report.html"));
    assert_eq!(note("pdf,png"), whole("the plots folder"));
    assert!(note("pdf,csv").ends_with("; --format html or svg writes every half-year."));
}

#[test]
fn same_model_gives_the_same_bytes_dated_when_it_was_made() {
    let a = render(&model(), &[], Paper::A4, pdf_only()).unwrap();
    assert_eq!(a, render(&model(), &[], Paper::A4, pdf_only()).unwrap());
    let text = String::from_utf8_lossy(&a);
    assert!(text.contains("D:20260101000000"), "no creation date");
}

#[test]
fn invalid_chart_svg_is_an_error_naming_the_chart() {
    let charts = [ChartRef {
        group: None,
        name: "overview",
        title: "Overview",
        part: None,
        svg: "<svg",
    }];
    let e = render(&model(), &charts, Paper::A4, pdf_only())
        .unwrap_err()
        .to_string();
    assert!(e.contains("overview"), "{e}");
}

#[test]
#[ignore = "writes /tmp/concur-test.pdf to look at"]
fn write_sample_pdf() {
    let charts = [sprint_gap_chart()];
    std::fs::write(
        "/tmp/concur-test.pdf",
        render(&model(), &charts, Paper::A4, pdf_only()).unwrap(),
    )
    .unwrap();
}
