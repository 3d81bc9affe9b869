//! flags.csv: a row per flag, by group, athlete and session order; each row
//! cell by cell for Parquet, and as CSV bytes straight into the buffer (the
//! two give the same bytes, a test checks).

use std::ops::Range;

use super::order::RowOrder;
use super::pieces::{local_stamp, piece, push_bool, Pieces};
use crate::classify::Frame;
use crate::model::push_csv_text;
use crate::model::US_PER_H;
use crate::report::cells::push_float;
use crate::report::parquet_columns::Collect;
use crate::report::piece::Piece;
use crate::report::row::{Cells, Kind};
use crate::report::table::Table;
use crate::rules::{Audit, Flag, Rule, Severity};

/// flags.csv: one row per flag, by group, athlete and session order.
pub(crate) struct FlagRows<'a> {
    frame: &'a Frame,
    flags: &'a [Flag],
    order: RowOrder,
    pieces: Pieces,
    /// Per rule, in `Rule::ALL` order, and per severity: `name,`.
    rules: Vec<Piece>,
    severities: [Piece; 2],
}

impl<'a> FlagRows<'a> {
    /// The rows of `audit`'s flags, in its order (each athlete's flags are
    /// one run).
    pub(crate) fn new(frame: &'a Frame, audit: &'a Audit) -> FlagRows<'a> {
        let flags = audit.flags();
        let of_athlete = |a: usize| audit.flags_range(frame.ranges[a].clone());
        let severities = [Severity::Violation, Severity::Advisory];
        let order = RowOrder::new(frame, of_athlete);
        FlagRows {
            frame,
            flags,
            order,
            pieces: Pieces::of(frame),
            rules: Rule::ALL.iter().map(|r| piece(&[r.as_str()])).collect(),
            severities: severities.map(|s| piece(&[s.as_str()])),
        }
    }
}

impl Table for FlagRows<'_> {
    fn columns(&self) -> &[(&str, Kind)] {
        &[
            ("athlete_id", Kind::Label),
            ("group", Kind::Label),
            ("rule", Kind::Label),
            ("severity", Kind::Label),
            ("first_session_id", Kind::Text),
            ("second_session_id", Kind::Text),
            ("first_modality", Kind::Label),
            ("second_modality", Kind::Label),
            ("first_start_local", Kind::Text),
            ("second_start_local", Kind::Text),
            ("gap_h", Kind::Float),
            ("planned", Kind::Bool),
        ]
    }

    fn len(&self) -> usize {
        self.order.rows
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        self.flag_cells(self.order.item(i), out);
    }

    fn push_csv_rows(&self, rows: Range<usize>, buf: &mut Vec<u8>) -> bool {
        for index in self.order.items(rows) {
            self.push_flag(index, buf);
        }
        true
    }

    fn collect_rows(&self, rows: Range<usize>, out: &mut Collect) {
        for index in self.order.items(rows) {
            self.flag_cells(index, out);
        }
    }
}

impl FlagRows<'_> {
    /// The cells of flag `index`.
    fn flag_cells<C: Cells + ?Sized>(&self, index: usize, out: &mut C) {
        let f = &self.flags[index];
        let first = &self.frame.sessions[f.first()];
        let second = f.second().map(|j| &self.frame.sessions[j]);
        let athlete = &self.frame.athletes[first.athlete as usize];
        let a = u64::from(first.athlete);
        out.label(a, &athlete.athlete_id);
        out.label(a, &athlete.group);
        out.label(f.rule as u64, f.rule.as_str());
        out.label(f.severity as u64, f.severity.as_str());
        out.text(&first.session_id);
        out.text(second.map_or("", |s| s.session_id.as_str()));
        out.label(first.modality as u64, first.modality.as_str());
        match second {
            Some(s) => out.label(s.modality as u64, s.modality.as_str()),
            None => out.label(u64::MAX, ""),
        }
        out.plain_text(local_stamp(first).as_str());
        match second {
            Some(s) => out.plain_text(local_stamp(s).as_str()),
            None => out.text(""),
        }
        out.float(f.gap_us().map(|g| g as f64 / US_PER_H as f64));
        // Planned sessions pair only with planned ones: a flag of a plan.
        out.bool(Some(first.planned()));
    }

    /// The CSV row of flag `index`.
    fn push_flag(&self, index: usize, buf: &mut Vec<u8>) {
        let f = &self.flags[index];
        let first = &self.frame.sessions[f.first()];
        let second = f.second().map(|j| &self.frame.sessions[j]);
        let p = &self.pieces;
        p.athletes[first.athlete as usize].push_to(buf);
        self.rules[rule_index(f.rule)].push_to(buf);
        self.severities[f.severity as usize].push_to(buf);
        push_csv_text(buf, &first.session_id);
        buf.push(b',');
        if let Some(s) = second {
            push_csv_text(buf, &s.session_id);
        }
        buf.push(b',');
        p.modality(first.modality).push_to(buf);
        match second {
            Some(s) => p.modality(s.modality).push_to(buf),
            None => buf.push(b','),
        }
        local_stamp(first).push_to(buf);
        buf.push(b',');
        if let Some(s) = second {
            local_stamp(s).push_to(buf);
        }
        buf.push(b',');
        if let Some(gap_us) = f.gap_us() {
            push_float(buf, gap_us as f64 / US_PER_H as f64, true);
        }
        buf.push(b',');
        push_bool(buf, Some(first.planned()));
        buf.push(b'\n');
    }
}

/// The place of `rule` in `Rule::ALL`.
fn rule_index(rule: Rule) -> usize {
    Rule::ALL.iter().position(|&r| r == rule).unwrap_or(0)
}
