//! sessions.csv: a row per accepted session (millions of rows), by group,
//! athlete and start; each row cell by cell for Parquet, and as CSV bytes
//! straight into the buffer, names quoted once per table (the two give the
//! same bytes, a test checks).

use std::ops::Range;

use super::order::RowOrder;
use super::pieces::{local_stamp, push_bool, Pieces};
use crate::classify::Frame;
use crate::model::push_csv_text;
use crate::model::US_PER_H;
use crate::report::cells::push_float;
use crate::report::parquet_columns::Collect;
use crate::report::piece::push_u64;
use crate::report::row::{Cells, Kind};
use crate::report::stamp;
use crate::report::table::Table;
use crate::rules::Audit;

/// sessions.csv: every accepted session, by group, athlete and start.
pub(crate) struct SessionRows<'a> {
    frame: &'a Frame,
    audit: &'a Audit,
    order: RowOrder,
    pieces: Pieces,
}

impl<'a> SessionRows<'a> {
    /// The rows of `frame`'s sessions.
    pub(crate) fn new(frame: &'a Frame, audit: &'a Audit) -> SessionRows<'a> {
        SessionRows {
            frame,
            audit,
            order: RowOrder::new(frame, |a| frame.ranges[a].clone()),
            pieces: Pieces::of(frame),
        }
    }

    fn nearest_gap_h(&self, index: usize) -> Option<f64> {
        let gap_us = self.audit.nearest_gap_us(index);
        gap_us.map(|g| g as f64 / US_PER_H as f64)
    }
}

impl Table for SessionRows<'_> {
    fn columns(&self) -> &[(&str, Kind)] {
        &[
            ("session_id", Kind::Text),
            ("athlete_id", Kind::Label),
            ("group", Kind::Label),
            ("modality", Kind::Label),
            ("sport", Kind::Label),
            ("sub_sport", Kind::Label),
            ("start_utc", Kind::Instant),
            ("start_local", Kind::Text),
            ("duration_s", Kind::Float),
            ("rpe", Kind::Float),
            ("to_failure", Kind::Bool),
            ("sets", Kind::U32),
            ("reps", Kind::U32),
            ("volume_kg", Kind::Float),
            ("planned", Kind::Bool),
            ("source_file", Kind::Label),
            ("source_format", Kind::Label),
            ("nearest_gap_h", Kind::Float),
            ("failure_sets", Kind::U32),
            ("hard_sets", Kind::U32),
            ("max_set_rpe", Kind::Float),
        ]
    }

    fn len(&self) -> usize {
        self.order.rows
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        self.session_cells(self.order.item(i), out);
    }

    fn push_csv_rows(&self, rows: Range<usize>, buf: &mut Vec<u8>) -> bool {
        for index in self.order.items(rows) {
            self.push_session(index, buf);
        }
        true
    }

    fn collect_rows(&self, rows: Range<usize>, out: &mut Collect) {
        for index in self.order.items(rows) {
            self.session_cells(index, out);
        }
    }
}

impl SessionRows<'_> {
    /// The cells of the frame's session `index`.
    fn session_cells<C: Cells + ?Sized>(&self, index: usize, out: &mut C) {
        let s = &self.frame.sessions[index];
        let athlete = &self.frame.athletes[s.athlete as usize];
        let file = &self.frame.files[s.source() as usize];
        let (sport, sub_sport) = self.frame.sport_pair(s.sports);
        out.text(&s.session_id);
        let a = u64::from(s.athlete);
        out.label(a, &athlete.athlete_id);
        out.label(a, &athlete.group);
        out.label(s.modality as u64, s.modality.as_str());
        out.label(u64::from(s.sports), sport);
        out.label(u64::from(s.sports), sub_sport);
        out.instant(s.start_us);
        out.plain_text(local_stamp(s).as_str());
        out.float(Some(s.duration_s));
        out.float(s.rpe());
        out.bool(s.to_failure);
        let strength = self.frame.strength_detail(s);
        out.int(strength.sets.map(u64::from));
        out.int(strength.reps.map(u64::from));
        out.float(strength.volume_kg);
        out.bool(Some(s.planned()));
        out.label(u64::from(s.source()), &file.path);
        out.label(u64::from(s.source()), file.format.as_str());
        out.float(self.nearest_gap_h(index));
        out.int(strength.failure_sets.map(u64::from));
        out.int(strength.hard_sets.map(u64::from));
        out.float(strength.max_set_rpe);
    }

    /// The CSV row of the frame's session `index`.
    fn push_session(&self, index: usize, buf: &mut Vec<u8>) {
        let s = &self.frame.sessions[index];
        let p = &self.pieces;
        push_csv_text(buf, &s.session_id);
        buf.push(b',');
        p.athletes[s.athlete as usize].push_to(buf);
        p.modality(s.modality).push_to(buf);
        p.sport_pair(s.sports).push_to(buf);
        stamp::utc(s.start_us).push_to(buf);
        buf.push(b',');
        local_stamp(s).push_to(buf);
        buf.push(b',');
        push_float(buf, s.duration_s, false);
        buf.push(b',');
        if let Some(rpe) = s.rpe() {
            push_float(buf, rpe, false);
        }
        buf.push(b',');
        push_bool(buf, s.to_failure);
        buf.push(b',');
        let strength = self.frame.strength_detail(s);
        for count in [strength.sets, strength.reps] {
            if let Some(n) = count {
                push_u64(buf, u64::from(n));
            }
            buf.push(b',');
        }
        if let Some(kg) = strength.volume_kg {
            push_float(buf, kg, false);
        }
        buf.push(b',');
        push_bool(buf, Some(s.planned()));
        buf.push(b',');
        p.files[s.source() as usize].push_to(buf);
        if let Some(gap_h) = self.nearest_gap_h(index) {
            push_float(buf, gap_h, true);
        }
        for count in [strength.failure_sets, strength.hard_sets] {
            buf.push(b',');
            if let Some(n) = count {
                push_u64(buf, u64::from(n));
            }
        }
        buf.push(b',');
        if let Some(rpe) = strength.max_set_rpe {
            push_float(buf, rpe, false);
        }
        buf.push(b'\n');
    }
}
