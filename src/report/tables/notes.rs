//! rejected.csv and data_quality.csv: every row or file not accepted, in
//! input order, and every data-quality note, sorted by kind, file, line
//! and athlete; data_quality_summary.csv: the notes counted per kind.

use rayon::prelude::*;

use crate::classify::Frame;
use crate::model::{Note, Rejection};
use crate::report::row::{Cells, Kind};
use crate::report::table::Table;

/// A line cell: empty for a whole file (line 0).
fn line_cell(line: u64) -> Option<u64> {
    (line > 0).then_some(line)
}

/// rejected.csv.
pub(crate) struct Rejected<'a> {
    rejected: &'a [Rejection],
}

impl<'a> Rejected<'a> {
    /// The rejections of `frame`.
    pub(crate) fn new(frame: &'a Frame) -> Rejected<'a> {
        Rejected {
            rejected: &frame.rejected,
        }
    }
}

impl Table for Rejected<'_> {
    fn columns(&self) -> &[(&str, Kind)] {
        &[
            ("source_file", Kind::Label),
            ("line", Kind::U64),
            ("column", Kind::Label),
            ("reason", Kind::Label),
        ]
    }

    fn len(&self) -> usize {
        self.rejected.len()
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        let r = &self.rejected[i];
        out.text(&r.source_file);
        out.int(line_cell(r.line));
        out.text(&r.column);
        out.text(&r.reason);
    }
}

/// data_quality.csv.
pub(crate) struct Quality<'a> {
    notes: Vec<&'a Note>,
}

impl<'a> Quality<'a> {
    /// The notes of `frame`, in report order.
    pub(crate) fn new(frame: &'a Frame) -> Quality<'a> {
        let mut notes: Vec<&Note> = frame.notes.iter().collect();
        let key = |n: &&'a Note| {
            (
                n.kind,
                &n.source_file,
                n.line,
                &n.athlete_id,
                &n.session_id,
                &n.detail,
            )
        };
        // On all threads: a season of two devices has an overlap note for
        // every copied session.
        notes.par_sort_by(|a, b| key(a).cmp(&key(b)));
        Quality { notes }
    }
}

impl Table for Quality<'_> {
    fn columns(&self) -> &[(&str, Kind)] {
        &[
            ("kind", Kind::Label),
            ("athlete_id", Kind::Label),
            ("session_id", Kind::Text),
            ("source_file", Kind::Label),
            ("line", Kind::U64),
            ("detail", Kind::Text),
        ]
    }

    fn len(&self) -> usize {
        self.notes.len()
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        let n = self.notes[i];
        out.text(n.kind);
        out.text(&n.athlete_id);
        out.text(&n.session_id);
        out.text(&n.source_file);
        out.int(line_cell(n.line));
        out.text(&n.detail);
    }
}

/// data_quality_summary.csv: a row per kind of note.
pub(crate) struct QualitySummary {
    counts: Vec<(&'static str, u64, u64)>,
}

impl QualitySummary {
    /// The counts of `quality_counts`.
    pub(crate) fn new(counts: Vec<(&'static str, u64, u64)>) -> QualitySummary {
        QualitySummary { counts }
    }
}

impl Table for QualitySummary {
    fn columns(&self) -> &[(&str, Kind)] {
        &[
            ("kind", Kind::Label),
            ("rows", Kind::U64),
            ("athletes", Kind::U64),
        ]
    }

    fn len(&self) -> usize {
        self.counts.len()
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        let (kind, rows, athletes) = self.counts[i];
        out.text(kind);
        out.int(Some(rows));
        out.int(Some(athletes));
    }
}
