//! sessions.csv and flags.csv, the tables with a row per session or flag
//! (millions of rows): each row written cell by cell by `rows`, in a
//! deterministic order (by group, then athlete and start).

use crate::classify::Frame;
use crate::model::Session;
use crate::rules::{Audit, Flag};

use super::rows::{needs_quotes, Cells, Kind, Rows};
use super::stamp::{self, Stamp};

const US_PER_H: f64 = 3_600_000_000.0;

/// Local start as RFC 3339 with the offset used, or the bare date of a date-only session.
fn local_stamp(s: &Session) -> Stamp {
    if s.date_only {
        stamp::local_date(s.start_us, s.offset_s)
    } else {
        stamp::local(s.start_us, s.offset_s)
    }
}

/// Each athlete's rank in group-name order: rows go by group, then athlete.
fn group_ranks(frame: &Frame) -> Vec<u32> {
    let mut groups: Vec<&str> = frame.athletes.iter().map(|a| a.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    frame
        .athletes
        .iter()
        .map(|a| groups.binary_search(&a.group.as_str()).unwrap_or(0) as u32)
        .collect()
}

/// sessions.csv: every accepted session, by group, athlete and start.
pub struct SessionRows<'a> {
    frame: &'a Frame,
    audit: &'a Audit,
    order: Vec<u32>,
    /// Which names need quoting, checked once per name, not once per row.
    quoted: Quoted,
}

/// Per athlete (id, group), sport name and file: whether it needs quoting.
struct Quoted {
    athletes: Vec<(bool, bool)>,
    sports: Vec<bool>,
    files: Vec<bool>,
}

impl Quoted {
    fn of(frame: &Frame) -> Quoted {
        let athletes = frame.athletes.iter();
        let athletes = athletes.map(|a| (needs_quotes(&a.athlete_id), needs_quotes(&a.group)));
        let sports = frame.sport_names.iter().map(|n| needs_quotes(n));
        Quoted {
            athletes: athletes.collect(),
            sports: sports.collect(),
            files: frame.files.iter().map(|f| needs_quotes(&f.path)).collect(),
        }
    }
}

/// A text cell whose need for quoting is known.
fn cell(out: &mut dyn Cells, value: &str, quoted: bool) {
    if quoted {
        out.text(value);
    } else {
        out.plain_text(value);
    }
}

impl<'a> SessionRows<'a> {
    /// The rows of `frame`'s sessions.
    pub fn new(frame: &'a Frame, audit: &'a Audit) -> SessionRows<'a> {
        let ranks = group_ranks(frame);
        let mut order: Vec<u32> = (0..frame.sessions.len() as u32).collect();
        // Stable: within a group the frame's athlete and start order stays.
        order.sort_by_key(|&i| ranks[frame.sessions[i as usize].athlete as usize]);
        SessionRows {
            frame,
            audit,
            order,
            quoted: Quoted::of(frame),
        }
    }
}

impl Rows for SessionRows<'_> {
    fn columns(&self) -> &'static [(&'static str, Kind)] {
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
        self.order.len()
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        let index = self.order[i] as usize;
        let s = &self.frame.sessions[index];
        let athlete = &self.frame.athletes[s.athlete as usize];
        let file = &self.frame.files[s.source as usize];
        let q = &self.quoted;
        let (id_quoted, group_quoted) = q.athletes[s.athlete as usize];
        let sport_quoted = |n: u32| q.sports.get(n as usize).copied().unwrap_or(false);
        out.text(&s.session_id);
        cell(out, &athlete.athlete_id, id_quoted);
        cell(out, &athlete.group, group_quoted);
        out.plain_text(s.modality.as_str());
        cell(out, self.frame.sport_name(s.sport), sport_quoted(s.sport));
        let sub_sport = self.frame.sport_name(s.sub_sport);
        cell(out, sub_sport, sport_quoted(s.sub_sport));
        out.plain_text(stamp::utc(s.start_us).as_str());
        out.plain_text(local_stamp(s).as_str());
        out.float(Some(s.duration_s));
        out.float(s.rpe());
        out.bool(s.to_failure);
        let strength = s.strength();
        out.int(strength.sets.map(u64::from));
        out.int(strength.reps.map(u64::from));
        out.float(strength.volume_kg);
        out.bool(Some(s.planned()));
        cell(out, &file.path, q.files[s.source as usize]);
        out.plain_text(file.format.as_str());
        out.float(
            self.audit
                .nearest_gap_us(index)
                .map(|g| g as f64 / US_PER_H),
        );
    }
}

/// flags.csv: one row per flag, by group, athlete and session order.
pub struct FlagRows<'a> {
    frame: &'a Frame,
    order: Vec<&'a Flag>,
}

impl<'a> FlagRows<'a> {
    /// The rows of `flags`.
    pub fn new(frame: &'a Frame, flags: &'a [Flag]) -> FlagRows<'a> {
        let ranks = group_ranks(frame);
        let mut order: Vec<&Flag> = flags.iter().collect();
        order.sort_by_key(|f| ranks[frame.sessions[f.first()].athlete as usize]);
        FlagRows { frame, order }
    }
}

impl Rows for FlagRows<'_> {
    fn columns(&self) -> &'static [(&'static str, Kind)] {
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
        self.order.len()
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        let f = self.order[i];
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
        out.float(f.gap_us().map(|g| g as f64 / US_PER_H));
    }
}
