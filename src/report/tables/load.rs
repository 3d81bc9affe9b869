//! load_daily.csv, load_weekly.csv and load_groups.csv (LOAD.md section
//! 6). The daily and weekly rows are made again athlete by athlete as they
//! are written (`load::athlete_days`), so no table of athlete-days is held.

use std::ops::Range;

use chrono::Datelike;

use super::load_rows::push_day;
use super::pieces::athlete_pieces;
use crate::aggregate::{days_of_date, iso_week_label};
use crate::classify::Frame;
use crate::load::{athlete_days, athlete_weeks, Day, Load, Week};
use crate::report::parquet_columns::Collect;
use crate::report::piece::Piece;
use crate::report::row::{Cells, Kind};
use crate::report::table::Table;
use crate::rules::Audit;

/// The athlete (position in `load.order`) holding row `i` of a table whose
/// athletes start at `starts`.
fn athlete_at(starts: &[u64], i: usize) -> usize {
    starts.partition_point(|&r| r <= i as u64) - 1
}

/// Writes the rows `rows` of a table whose athletes start at `starts`,
/// making each athlete's rows once with `make` and writing each with `write`.
fn athlete_rows<T>(
    load: &Load,
    starts: &[u64],
    rows: Range<usize>,
    make: impl Fn(usize) -> Vec<T>,
    mut write: impl FnMut(usize, &T),
) {
    let mut i = rows.start;
    while i < rows.end {
        let k = athlete_at(starts, i);
        let a = load.order[k];
        let items = make(a);
        let from = i - starts[k] as usize;
        let to = (rows.end - starts[k] as usize).min(items.len());
        for item in &items[from..to] {
            write(a, item);
        }
        i = starts[k + 1] as usize;
    }
}

/// The load and minutes columns both tables share.
const SPLIT_COLUMNS: [(&str, Kind); 7] = [
    ("load_au", Kind::Fixed2),
    ("strength_au", Kind::Fixed2),
    ("endurance_au", Kind::Fixed2),
    ("other_au", Kind::Fixed2),
    ("strength_min", Kind::Fixed2),
    ("endurance_min", Kind::Fixed2),
    ("other_min", Kind::Fixed2),
];

/// `first`, the shared columns, then `last`.
fn columns(
    first: &[(&'static str, Kind)],
    last: &[(&'static str, Kind)],
) -> Vec<(&'static str, Kind)> {
    [first, &SPLIT_COLUMNS, last].concat()
}

fn split<C: Cells + ?Sized>(out: &mut C, values: Option<[f64; 3]>) {
    out.float(values.map(|v| v.iter().sum()));
    for k in 0..3 {
        out.float(values.map(|v| v[k]));
    }
}

/// load_daily.csv: athlete and date of the span.
pub(crate) struct LoadDaily<'a> {
    frame: &'a Frame,
    load: &'a Load,
    columns: Vec<(&'static str, Kind)>,
    /// Per athlete: `id,group,` as CSV bytes, quoted once per table.
    athletes: Vec<Piece>,
}

impl<'a> LoadDaily<'a> {
    /// The daily load of `load`'s athletes.
    pub(crate) fn new(frame: &'a Frame, load: &'a Load) -> LoadDaily<'a> {
        let columns = columns(
            &[
                ("athlete_id", Kind::Label),
                ("group", Kind::Label),
                ("date", Kind::Date),
            ],
            &[
                ("sessions", Kind::U64),
                ("sessions_without_rpe", Kind::U64),
                ("status", Kind::Label),
                ("acute_ewma", Kind::Fixed2),
                ("chronic_ewma", Kind::Fixed2),
                ("acwr", Kind::Fixed2),
            ],
        );
        LoadDaily {
            frame,
            load,
            columns,
            athletes: athlete_pieces(frame),
        }
    }

    /// The cells of the rows `rows`, to any kind of [`Cells`].
    fn cells_of<C: Cells + ?Sized>(&self, rows: Range<usize>, out: &mut C) {
        let make = |a| athlete_days(self.frame, a);
        athlete_rows(self.load, &self.load.day_rows, rows, make, |a, d| {
            self.day_cells(a, d, out)
        });
    }

    fn day_cells<C: Cells + ?Sized>(&self, a: usize, d: &Day, out: &mut C) {
        let athlete = &self.frame.athletes[a];
        out.label(a as u64, &athlete.athlete_id);
        out.label(a as u64, &athlete.group);
        out.date(d.day);
        split(out, d.load_au);
        for minutes in d.minutes {
            out.float(Some(minutes));
        }
        out.int(Some(u64::from(d.sessions)));
        out.int(Some(u64::from(d.without_rpe)));
        out.label(d.status as u64, d.status.as_str());
        out.float(Some(d.acute));
        out.float(Some(d.chronic));
        out.float(d.acwr);
    }
}

impl Table for LoadDaily<'_> {
    fn columns(&self) -> &[(&str, Kind)] {
        &self.columns
    }

    fn len(&self) -> usize {
        self.load.day_rows.last().copied().unwrap_or(0) as usize
    }

    fn run_starts(&self) -> &[u64] {
        &self.load.day_rows
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        self.cells_of(i..i + 1, out);
    }

    // As many rows as sessions: written straight as bytes (the same as
    // `day_cells` gives, a test checks).
    fn push_csv_rows(&self, rows: Range<usize>, buf: &mut Vec<u8>) -> bool {
        let make = |a| athlete_days(self.frame, a);
        athlete_rows(self.load, &self.load.day_rows, rows, make, |a, d| {
            self.athletes[a].push_to(buf);
            push_day(buf, d);
        });
        true
    }

    fn collect_rows(&self, rows: Range<usize>, out: &mut Collect) {
        self.cells_of(rows, out);
    }
}

/// load_weekly.csv: athlete and ISO week of the span.
pub(crate) struct LoadWeekly<'a> {
    frame: &'a Frame,
    audit: &'a Audit,
    load: &'a Load,
    columns: Vec<(&'static str, Kind)>,
}

impl<'a> LoadWeekly<'a> {
    /// The weekly load of `load`'s athletes.
    pub(crate) fn new(frame: &'a Frame, audit: &'a Audit, load: &'a Load) -> LoadWeekly<'a> {
        let columns = columns(
            &[
                ("athlete_id", Kind::Label),
                ("group", Kind::Label),
                ("week", Kind::Label),
                ("week_start", Kind::Date),
            ],
            &[
                ("days_missing", Kind::U64),
                ("days_partial", Kind::U64),
                ("monotony", Kind::Fixed2),
                ("strain", Kind::Fixed2),
                ("acwr", Kind::Fixed2),
                ("load_change_pct", Kind::Fixed2),
                ("working_sets", Kind::U64),
                ("hard_sets", Kind::U64),
                ("volume_kg", Kind::Fixed2),
                ("violations", Kind::U64),
            ],
        );
        LoadWeekly {
            frame,
            audit,
            load,
            columns,
        }
    }

    fn week_cells(&self, a: usize, w: &Week, out: &mut dyn Cells) {
        let athlete = &self.frame.athletes[a];
        out.label(a as u64, &athlete.athlete_id);
        out.label(a as u64, &athlete.group);
        let week = w.monday.num_days_from_ce() as u64;
        out.label(week, &iso_week_label(w.monday));
        out.date(days_of_date(w.monday));
        split(out, w.load_au);
        for minutes in w.minutes {
            out.float(Some(minutes));
        }
        out.int(Some(u64::from(w.days_missing)));
        out.int(Some(u64::from(w.days_partial)));
        out.float(w.monotony);
        out.float(w.strain());
        out.float(w.acwr);
        out.float(w.load_change_pct);
        out.int(w.working_sets);
        out.int(w.hard_sets);
        out.float(w.volume_kg);
        out.int(Some(w.violations));
    }
}

impl Table for LoadWeekly<'_> {
    fn columns(&self) -> &[(&str, Kind)] {
        &self.columns
    }

    fn len(&self) -> usize {
        self.load.week_rows.last().copied().unwrap_or(0) as usize
    }

    fn run_starts(&self) -> &[u64] {
        &self.load.week_rows
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        self.rows(i..i + 1, out);
    }

    fn rows(&self, rows: Range<usize>, out: &mut dyn Cells) {
        let make = |a| {
            let days = athlete_days(self.frame, a);
            let flags = self.audit.flags_within(self.frame.ranges[a].clone());
            athlete_weeks(self.frame, flags, a, &days)
        };
        athlete_rows(self.load, &self.load.week_rows, rows, make, |a, w| {
            self.week_cells(a, w, out)
        });
    }
}

/// load_groups.csv: group and ISO week.
pub(crate) struct LoadGroups<'a> {
    load: &'a Load,
}

impl<'a> LoadGroups<'a> {
    /// The group weeks of `load`.
    pub(crate) fn new(load: &'a Load) -> LoadGroups<'a> {
        LoadGroups { load }
    }
}

impl Table for LoadGroups<'_> {
    fn columns(&self) -> &[(&str, Kind)] {
        &[
            ("group", Kind::Label),
            ("week", Kind::Label),
            ("week_start", Kind::Date),
            ("athletes_with_load", Kind::U64),
            ("load_median_au", Kind::Fixed2),
            ("load_q1_au", Kind::Fixed2),
            ("load_q3_au", Kind::Fixed2),
            ("strength_min_median", Kind::Fixed2),
            ("endurance_min_median", Kind::Fixed2),
            ("monotony_median", Kind::Fixed2),
            ("acwr_median", Kind::Fixed2),
            ("violations", Kind::U64),
        ]
    }

    fn len(&self) -> usize {
        self.load.groups.len()
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        let g = &self.load.groups[i];
        out.text(&g.group);
        let week = g.monday.num_days_from_ce() as u64;
        out.label(week, &iso_week_label(g.monday));
        out.date(days_of_date(g.monday));
        out.int(Some(g.athletes_with_load));
        for k in 0..3 {
            out.float(g.load_au.map(|q| q[k]));
        }
        out.float(g.strength_min_median);
        out.float(g.endurance_min_median);
        out.float(g.monotony_median);
        out.float(g.acwr_median);
        out.int(Some(g.violations));
    }
}
