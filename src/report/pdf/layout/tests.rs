//! Tests of the PDF layout.

use super::*;

#[test]
fn wrapped_lines_fit_the_width() {
    let layout = Layout::new(595.0, 842.0);
    let text = "Well-trained athletes should plan at least six hours between strength and endurance sessions.";
    let lines = layout.wrap(text, 10.0, false, 150.0);
    assert!(lines.len() > 2);
    assert!(lines
        .iter()
        .all(|l| layout.measure(l, 10.0, false) <= 150.0));
    assert_eq!(lines.join(" "), text);
}

#[test]
fn a_long_path_is_broken_by_characters() {
    let layout = Layout::new(595.0, 842.0);
    let lines = layout.wrap(
        "data/a/very/long/path/without/any/spaces/at/all.csv",
        10.0,
        false,
        60.0,
    );
    assert!(lines.len() > 1);
    assert!(lines.iter().all(|l| layout.measure(l, 10.0, false) <= 60.0));
}

#[test]
fn a_long_word_between_short_ones_is_broken_too() {
    let layout = Layout::new(595.0, 842.0);
    let lines = layout.wrap(
        "from a/very/long/path/without/any/spaces.csv and more",
        10.0,
        false,
        60.0,
    );
    assert!(
        lines.iter().all(|l| layout.measure(l, 10.0, false) <= 60.0),
        "{lines:?}"
    );
}

#[test]
fn a_table_row_holds_every_line_of_its_cells() {
    let cell = ["the daily load (missing days as 0), λ = 2 / (N + 1), acute N = 7 ".repeat(3)];
    for width in 90..200 {
        let (mut layout, cols) = (Layout::new(595.0, 842.0), [(56.0, width as f32)]);
        let height = layout.row_height(&cell, &cols, 9.5, false);
        layout.table_row(&cell, &cols, 9.5, false);
        let last = layout.pages[0].iter().rev().find_map(|op| match op {
            Op::Text { y, .. } => Some(*y),
            _ => None,
        });
        assert!(last.unwrap() <= layout.margin + height, "{width} pt");
    }
}

#[test]
fn long_tables_continue_on_new_pages_with_the_header() {
    let mut layout = Layout::new(595.0, 842.0);
    let rows: Vec<Vec<String>> = (0..100).map(|i| vec![i.to_string(), "x".into()]).collect();
    layout.table(&["n", "value"], &rows, &[0.5, 0.5], 10.0);
    assert!(layout.pages.len() > 1);
    let headers = layout
        .pages
        .iter()
        .filter(|p| {
            p.iter()
                .any(|op| matches!(op, Op::Text { text, bold: true, .. } if text == "value"))
        })
        .count();
    assert_eq!(headers, layout.pages.len());
}
