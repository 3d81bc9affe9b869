//! sessions.csv and flags.csv, the tables with a row per session or flag
//! (millions of rows), in a deterministic order (by group, then athlete and
//! start): each row cell by cell for Parquet, and as CSV bytes straight into
//! the buffer, names quoted once per table (the two give the same bytes, a
//! test checks).

use std::borrow::Cow;
use std::ops::Range;

use crate::classify::Frame;
use crate::model::{Modality, Session};
use crate::rules::{Audit, Flag, Rule, Severity};

use super::rows::piece::{push_u64, Piece};
use super::rows::{push_csv_text, Cells, Kind, Rows};
use super::stamp::{self, Stamp};
use super::write::push_float;
use crate::model::US_PER_H;
use order::RowOrder;

/// Local start as RFC 3339 with the offset used, or the bare date of a date-only session.
fn local_stamp(s: &Session) -> Stamp {
    if s.date_only {
        stamp::local_date(s.start_us, s.offset_s)
    } else {
        stamp::local(s.start_us, s.offset_s)
    }
}

/// sessions.csv: every accepted session, by group, athlete and start.
pub struct SessionRows<'a> {
    frame: &'a Frame,
    audit: &'a Audit,
    order: RowOrder,
    pieces: Pieces,
}

/// The CSV bytes of the names rows take from the frame, each with the
/// separator after it, quoted where needed: made once per table, not once
/// per row, and appended in blocks (see `rows::piece`).
struct Pieces {
    /// Per athlete: `id,group,`.
    athletes: Vec<Piece>,
    /// Per (sport, sub-sport) pair: `sport,sub_sport,`; one more, empty,
    /// for a number past the pairs.
    sport_pairs: Vec<Piece>,
    /// Per file: `path,format,`.
    files: Vec<Piece>,
    /// Per modality, in declaration order: `name,`.
    modalities: Vec<Piece>,
}

/// The CSV bytes of `texts` as cells, each followed by a comma.
fn piece(texts: &[&str]) -> Piece {
    let mut bytes = Vec::new();
    for text in texts {
        push_csv_text(&mut bytes, text);
        bytes.push(b',');
    }
    Piece::new(&bytes)
}

impl Pieces {
    fn of(frame: &Frame) -> Pieces {
        let athletes = frame.athletes.iter();
        let pairs = (0..=frame.sport_pairs.len() as u32).map(|n| frame.sport_pair(n));
        let files = frame.files.iter();
        Pieces {
            athletes: athletes
                .map(|a| piece(&[&a.athlete_id, &a.group]))
                .collect(),
            sport_pairs: pairs.map(|(sport, sub)| piece(&[sport, sub])).collect(),
            files: files
                .map(|f| piece(&[&f.path, f.format.as_str()]))
                .collect(),
            modalities: MODALITIES.iter().map(|m| piece(&[m.as_str()])).collect(),
        }
    }

    fn sport_pair(&self, n: u32) -> &Piece {
        let last = self.sport_pairs.len() - 1;
        &self.sport_pairs[(n as usize).min(last)]
    }

    fn modality(&self, m: Modality) -> &Piece {
        &self.modalities[m as usize]
    }
}

/// Every modality, in declaration order (a test checks), so that `m as usize` indexes it.
const MODALITIES: [Modality; 5] = [
    Modality::Strength,
    Modality::Endurance,
    Modality::Mixed,
    Modality::Other,
    Modality::Warmup,
];

/// Appends a true/false cell's text (nothing when unknown).
fn push_bool(buf: &mut Vec<u8>, value: Option<bool>) {
    match value {
        Some(true) => buf.extend_from_slice(b"true"),
        Some(false) => buf.extend_from_slice(b"false"),
        None => {}
    }
}

impl<'a> SessionRows<'a> {
    /// The rows of `frame`'s sessions.
    pub fn new(frame: &'a Frame, audit: &'a Audit) -> SessionRows<'a> {
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

impl Rows for SessionRows<'_> {
    fn columns(&self) -> &[(&str, Kind)] {
        &[
            ("session_id", Kind::Text),
            ("athlete_id", Kind::Text),
            ("group", Kind::Text),
            ("modality", Kind::Text),
            ("sport", Kind::Text),
            ("sub_sport", Kind::Text),
            ("start_utc", Kind::Text),
            ("start_local", Kind::Text),
            ("duration_s", Kind::Float),
            ("rpe", Kind::Float),
            ("to_failure", Kind::Bool),
            ("sets", Kind::U32),
            ("reps", Kind::U32),
            ("volume_kg", Kind::Float),
            ("planned", Kind::Bool),
            ("source_file", Kind::Text),
            ("source_format", Kind::Text),
            ("nearest_gap_h", Kind::Float),
        ]
    }

    fn len(&self) -> usize {
        self.order.rows
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        self.session_cells(self.order.item(i), out);
    }

    fn rows(&self, rows: Range<usize>, out: &mut dyn Cells) {
        for index in self.order.items(rows) {
            self.session_cells(index, out);
        }
    }

    fn push_csv_rows(&self, rows: Range<usize>, buf: &mut Vec<u8>) -> bool {
        for index in self.order.items(rows) {
            self.push_session(index, buf);
        }
        true
    }
}

impl SessionRows<'_> {
    /// The cells of the frame's session `index`.
    fn session_cells(&self, index: usize, out: &mut dyn Cells) {
        let s = &self.frame.sessions[index];
        let athlete = &self.frame.athletes[s.athlete as usize];
        let file = &self.frame.files[s.source() as usize];
        let (sport, sub_sport) = self.frame.sport_pair(s.sports);
        out.text(&s.session_id);
        out.text(&athlete.athlete_id);
        out.text(&athlete.group);
        out.plain_text(s.modality.as_str());
        out.text(sport);
        out.text(sub_sport);
        out.plain_text(stamp::utc(s.start_us).as_str());
        out.plain_text(local_stamp(s).as_str());
        out.float(Some(s.duration_s));
        out.float(s.rpe());
        out.bool(s.to_failure);
        let strength = self.frame.strength_detail(s);
        out.int(strength.sets.map(u64::from));
        out.int(strength.reps.map(u64::from));
        out.float(strength.volume_kg);
        out.bool(Some(s.planned()));
        out.text(&file.path);
        out.plain_text(file.format.as_str());
        out.float(self.nearest_gap_h(index));
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
        buf.push(b'\n');
    }
}

/// flags.csv: one row per flag, by group, athlete and session order.
pub struct FlagRows<'a> {
    frame: &'a Frame,
    flags: Cow<'a, [Flag]>,
    order: RowOrder,
    pieces: Pieces,
    /// Per rule, in `Rule::ALL` order, and per severity: `name,`.
    rules: Vec<Piece>,
    severities: [Piece; 2],
}

impl<'a> FlagRows<'a> {
    /// The rows of `flags`, which the rules give sorted by first session
    /// (`Audit::flags`), so that each athlete's flags are one run (others
    /// are sorted so first, in a copy).
    pub fn new(frame: &'a Frame, flags: &'a [Flag]) -> FlagRows<'a> {
        let flags: Cow<'a, [Flag]> = if flags.is_sorted_by_key(Flag::first) {
            Cow::Borrowed(flags)
        } else {
            let mut sorted = flags.to_vec();
            // The rules' own order (`rules::athlete_flags`).
            sorted.sort_by_key(|f| (f.first(), f.second(), f.rule));
            Cow::Owned(sorted)
        };
        let of_athlete = |a: usize| {
            let sessions = &frame.ranges[a];
            let from = flags.partition_point(|f| f.first() < sessions.start);
            from..flags.partition_point(|f| f.first() < sessions.end)
        };
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

impl Rows for FlagRows<'_> {
    fn columns(&self) -> &[(&str, Kind)] {
        &[
            ("athlete_id", Kind::Text),
            ("group", Kind::Text),
            ("rule", Kind::Text),
            ("severity", Kind::Text),
            ("first_session_id", Kind::Text),
            ("second_session_id", Kind::Text),
            ("first_modality", Kind::Text),
            ("second_modality", Kind::Text),
            ("first_start_local", Kind::Text),
            ("second_start_local", Kind::Text),
            ("gap_h", Kind::Float),
        ]
    }

    fn len(&self) -> usize {
        self.order.rows
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        self.flag_cells(self.order.item(i), out);
    }

    fn rows(&self, rows: Range<usize>, out: &mut dyn Cells) {
        for index in self.order.items(rows) {
            self.flag_cells(index, out);
        }
    }

    fn push_csv_rows(&self, rows: Range<usize>, buf: &mut Vec<u8>) -> bool {
        for index in self.order.items(rows) {
            self.push_flag(index, buf);
        }
        true
    }
}

impl FlagRows<'_> {
    /// The cells of flag `index`.
    fn flag_cells(&self, index: usize, out: &mut dyn Cells) {
        let f = &self.flags[index];
        let first = &self.frame.sessions[f.first()];
        let second = f.second().map(|j| &self.frame.sessions[j]);
        let athlete = &self.frame.athletes[first.athlete as usize];
        out.text(&athlete.athlete_id);
        out.text(&athlete.group);
        out.plain_text(f.rule.as_str());
        out.plain_text(f.severity.as_str());
        out.text(&first.session_id);
        out.text(second.map_or("", |s| s.session_id.as_str()));
        out.plain_text(first.modality.as_str());
        out.text(second.map_or("", |s| s.modality.as_str()));
        out.plain_text(local_stamp(first).as_str());
        match second {
            Some(s) => out.plain_text(local_stamp(s).as_str()),
            None => out.text(""),
        }
        out.float(f.gap_us().map(|g| g as f64 / US_PER_H as f64));
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
        buf.push(b'\n');
    }
}

/// The place of `rule` in `Rule::ALL`.
fn rule_index(rule: Rule) -> usize {
    Rule::ALL.iter().position(|&r| r == rule).unwrap_or(0)
}

mod order;

#[cfg(test)]
mod tests;
