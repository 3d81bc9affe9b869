//! summary.csv, athletes.csv and weekly.csv: the measures per group (and
//! `ALL`), per athlete (by group and athlete id) and per group and ISO week.

use crate::aggregate::{days_of_date, iso_week_label, Aggregates, Measures};
use crate::classify::Frame;
use crate::load::Load;
use crate::model::ALL_GROUPS;
use crate::report::privacy::Names;
use crate::report::row::{Cells, Kind};
use crate::report::table::Table;
use crate::rules::Rule;

/// The measure columns; summary.csv has the athlete counts too.
fn measure_columns(with_athlete_counts: bool) -> Vec<(&'static str, Kind)> {
    let mut columns = Vec::new();
    if with_athlete_counts {
        columns.extend([("athletes", Kind::U64), ("athletes_in_scope", Kind::U64)]);
    }
    let counts = [
        "sessions",
        "strength_sessions",
        "endurance_sessions",
        "warmups",
        "concurrent_pairs",
    ];
    columns.extend(counts.map(|name| (name, Kind::U64)));
    columns.extend(Rule::ALL.map(|rule| (rule.as_str(), Kind::U64)));
    columns.extend([
        ("violations", Kind::U64),
        ("advisories", Kind::U64),
        ("compromised_strength_sessions", Kind::U64),
        ("strength_compliance_pct", Kind::Float),
        ("exempt_concurrent_pairs", Kind::U64),
        ("median_nearest_gap_h", Kind::Float),
        ("failure_known_strength_sessions", Kind::U64),
        ("failure_known_pct", Kind::Float),
    ]);
    columns
}

/// The cells of [`measure_columns`].
fn measure_cells(m: &Measures, with_athlete_counts: bool, out: &mut dyn Cells) {
    if with_athlete_counts {
        out.int(Some(m.athletes));
        out.int(Some(m.athletes_in_scope));
    }
    for count in [
        m.sessions,
        m.strength_sessions,
        m.endurance_sessions,
        m.warmups,
        m.concurrent_pairs,
    ] {
        out.int(Some(count));
    }
    for rule in Rule::ALL {
        out.int(Some(m.rule_count(rule)));
    }
    out.int(Some(m.violations));
    out.int(Some(m.advisories));
    out.int(Some(m.compromised_strength_sessions));
    out.float(m.strength_compliance_pct());
    out.int(Some(m.exempt_concurrent_pairs));
    out.float(m.median_nearest_gap_h());
    out.int(Some(m.failure_known_strength_sessions));
    out.float(m.failure_known_pct());
}

/// summary.csv: one row per group and a last row `ALL`; after the
/// measures, how complete the load is (LOAD.md).
pub(crate) struct Summary<'a> {
    aggregates: &'a Aggregates,
    load: &'a Load,
    columns: Vec<(&'static str, Kind)>,
}

impl<'a> Summary<'a> {
    /// The summary of `aggregates` and `load`.
    pub(crate) fn new(aggregates: &'a Aggregates, load: &'a Load) -> Summary<'a> {
        let mut columns = vec![("group", Kind::Label)];
        columns.extend(measure_columns(true));
        columns.extend([
            ("rpe_known_pct", Kind::Float),
            ("monotony_weeks", Kind::U64),
        ]);
        Summary {
            aggregates,
            load,
            columns,
        }
    }
}

impl Table for Summary<'_> {
    fn columns(&self) -> &[(&str, Kind)] {
        &self.columns
    }

    fn len(&self) -> usize {
        self.aggregates.groups.len() + 1
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        let (group, measures) = match self.aggregates.groups.get(i) {
            Some((group, measures)) => (group.as_str(), measures),
            None => (ALL_GROUPS, &self.aggregates.all),
        };
        out.text(group);
        measure_cells(measures, true, out);
        let load = match self.aggregates.groups.get(i) {
            Some((group, _)) => self.load.group_measures(group),
            None => self.load.all,
        };
        out.float(load.rpe_known_pct());
        out.int(Some(load.monotony_weeks));
    }
}

/// athletes.csv: the measures per athlete, by group and athlete id; with
/// roster names (`--names`), a `name` column after the id.
pub(crate) struct Athletes<'a> {
    frame: &'a Frame,
    aggregates: &'a Aggregates,
    names: Option<&'a Names>,
    /// Athletes (frame indices) in row order.
    order: Vec<usize>,
    columns: Vec<(&'static str, Kind)>,
}

impl<'a> Athletes<'a> {
    /// The athletes of `frame`, with their names when `names` is given.
    pub(crate) fn new(
        frame: &'a Frame,
        aggregates: &'a Aggregates,
        names: Option<&'a Names>,
    ) -> Athletes<'a> {
        let mut order: Vec<usize> = (0..frame.athletes.len()).collect();
        // Stable: within a group, the frame's order (by athlete id).
        order.sort_by(|&a, &b| frame.athletes[a].group.cmp(&frame.athletes[b].group));
        let mut columns = vec![("athlete_id", Kind::Text)];
        if names.is_some() {
            columns.push(("name", Kind::Text));
        }
        columns.extend([
            ("group", Kind::Label),
            ("status", Kind::Label),
            ("power_focus", Kind::Bool),
            ("in_scope", Kind::Bool),
        ]);
        columns.extend(measure_columns(false));
        columns.push(("exempt_reason", Kind::Label));
        Athletes {
            frame,
            aggregates,
            names,
            order,
            columns,
        }
    }
}

impl Table for Athletes<'_> {
    fn columns(&self) -> &[(&str, Kind)] {
        &self.columns
    }

    fn len(&self) -> usize {
        self.order.len()
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        let a = self.order[i];
        let athlete = &self.frame.athletes[a];
        out.text(&athlete.athlete_id);
        if let Some(names) = self.names {
            out.maybe_text(names.get(&athlete.athlete_id).map(String::as_str));
        }
        out.text(&athlete.group);
        out.text(athlete.status.as_str());
        out.bool(Some(athlete.power_focus));
        out.bool(Some(athlete.in_scope()));
        measure_cells(&self.aggregates.athletes[a], false, out);
        out.plain_text(athlete.exempt_reason.map_or("", |r| r.as_str()));
    }
}

/// weekly.csv: per group and ISO week.
pub(crate) struct Weekly<'a> {
    aggregates: &'a Aggregates,
}

impl<'a> Weekly<'a> {
    /// The weeks of `aggregates`.
    pub(crate) fn new(aggregates: &'a Aggregates) -> Weekly<'a> {
        Weekly { aggregates }
    }
}

impl Table for Weekly<'_> {
    fn columns(&self) -> &[(&str, Kind)] {
        &[
            ("group", Kind::Label),
            ("week", Kind::Label),
            ("week_start", Kind::Date),
            ("concurrent_pairs", Kind::U64),
            ("violations", Kind::U64),
            ("advisories", Kind::U64),
            ("strength_sessions", Kind::U64),
            ("compromised_strength_sessions", Kind::U64),
            ("strength_compliance_pct", Kind::Float),
        ]
    }

    fn len(&self) -> usize {
        self.aggregates.weekly.len()
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        let week = &self.aggregates.weekly[i];
        let m = &week.measures;
        out.text(&week.group);
        out.text(&iso_week_label(week.monday));
        out.date(days_of_date(week.monday));
        for count in [
            m.concurrent_pairs,
            m.violations,
            m.advisories,
            m.strength_sessions,
            m.compromised_strength_sessions,
        ] {
            out.int(Some(count));
        }
        out.float(m.strength_compliance_pct());
    }
}
