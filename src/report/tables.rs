//! The output tables as polars DataFrames, one function per file, rows in a
//! deterministic order (sessions.csv and flags.csv: `row_tables`). Polars
//! stays behind this module and `write`.

use polars::prelude::{Column, DataFrame, NamedFrom, PolarsResult, Series};

use crate::aggregate::{iso_week_label, Aggregates, Measures};
use crate::classify::Frame;
use crate::rules::Rule;

pub use super::row_tables::{FlagRows, SessionRows};

fn col<T, P>(name: &str, values: T) -> Column
where
    Series: NamedFrom<T, P>,
    P: ?Sized,
{
    Column::new(name.into(), values)
}

/// Columns shared by summary.csv, athletes.csv (without the athlete counts).
fn measure_columns(rows: &[&Measures], with_athlete_counts: bool) -> Vec<Column> {
    let count = |name: &str, f: &dyn Fn(&Measures) -> u64| {
        col(name, rows.iter().map(|m| f(m)).collect::<Vec<u64>>())
    };
    let mut cols = Vec::new();
    if with_athlete_counts {
        cols.push(count("athletes", &|m| m.athletes));
        cols.push(count("athletes_in_scope", &|m| m.athletes_in_scope));
    }
    cols.push(count("sessions", &|m| m.sessions));
    cols.push(count("strength_sessions", &|m| m.strength_sessions));
    cols.push(count("endurance_sessions", &|m| m.endurance_sessions));
    cols.push(count("warmups", &|m| m.warmups));
    cols.push(count("concurrent_pairs", &|m| m.concurrent_pairs));
    for rule in Rule::ALL {
        cols.push(count(rule.as_str(), &|m| m.rule_count(rule)));
    }
    cols.push(count("violations", &|m| m.violations));
    cols.push(count("advisories", &|m| m.advisories));
    cols.push(count("compromised_strength_sessions", &|m| {
        m.compromised_strength_sessions
    }));
    cols.push(col(
        "strength_compliance_pct",
        rows.iter()
            .map(|m| m.strength_compliance_pct())
            .collect::<Vec<_>>(),
    ));
    cols.push(count("exempt_concurrent_pairs", &|m| {
        m.exempt_concurrent_pairs
    }));
    cols.push(col(
        "median_nearest_gap_h",
        rows.iter()
            .map(|m| m.median_nearest_gap_h())
            .collect::<Vec<_>>(),
    ));
    cols
}

/// summary.csv: one row per group and a last row `ALL`.
pub fn summary_table(agg: &Aggregates) -> PolarsResult<DataFrame> {
    let mut names: Vec<&str> = agg.groups.iter().map(|(g, _)| g.as_str()).collect();
    names.push("ALL");
    let mut rows: Vec<&Measures> = agg.groups.iter().map(|(_, m)| m).collect();
    rows.push(&agg.all);
    let mut cols = vec![col("group", names)];
    cols.extend(measure_columns(&rows, true));
    DataFrame::new_infer_height(cols)
}

/// athletes.csv: the measures per athlete, by group and athlete id.
pub fn athletes_table(frame: &Frame, agg: &Aggregates) -> PolarsResult<DataFrame> {
    let mut order: Vec<usize> = (0..frame.athletes.len()).collect();
    order.sort_by(|&a, &b| frame.athletes[a].group.cmp(&frame.athletes[b].group));
    let info =
        |f: &dyn Fn(usize) -> String| -> Vec<String> { order.iter().map(|&a| f(a)).collect() };
    let mut cols = vec![
        col(
            "athlete_id",
            info(&|a| frame.athletes[a].athlete_id.clone()),
        ),
        col("group", info(&|a| frame.athletes[a].group.clone())),
        col("status", info(&|a| frame.athletes[a].status.to_string())),
        col(
            "power_focus",
            order
                .iter()
                .map(|&a| frame.athletes[a].power_focus)
                .collect::<Vec<bool>>(),
        ),
        col(
            "in_scope",
            order
                .iter()
                .map(|&a| frame.athletes[a].in_scope)
                .collect::<Vec<bool>>(),
        ),
    ];
    let rows: Vec<&Measures> = order.iter().map(|&a| &agg.athletes[a]).collect();
    cols.extend(measure_columns(&rows, false));
    DataFrame::new_infer_height(cols)
}

/// weekly.csv: per group and ISO week.
pub fn weekly_table(agg: &Aggregates) -> PolarsResult<DataFrame> {
    let w = &agg.weekly;
    let count = |name: &str, f: &dyn Fn(&Measures) -> u64| {
        col(name, w.iter().map(|r| f(&r.measures)).collect::<Vec<u64>>())
    };
    DataFrame::new_infer_height(vec![
        col(
            "group",
            w.iter().map(|r| r.group.clone()).collect::<Vec<String>>(),
        ),
        col(
            "week",
            w.iter()
                .map(|r| iso_week_label(r.monday))
                .collect::<Vec<String>>(),
        ),
        col(
            "week_start",
            w.iter()
                .map(|r| r.monday.to_string())
                .collect::<Vec<String>>(),
        ),
        count("concurrent_pairs", &|m| m.concurrent_pairs),
        count("violations", &|m| m.violations),
        count("advisories", &|m| m.advisories),
        count("strength_sessions", &|m| m.strength_sessions),
        count("compromised_strength_sessions", &|m| {
            m.compromised_strength_sessions
        }),
        col(
            "strength_compliance_pct",
            w.iter()
                .map(|r| r.measures.strength_compliance_pct())
                .collect::<Vec<_>>(),
        ),
    ])
}

fn line_cell(line: u64) -> Option<u64> {
    (line > 0).then_some(line)
}

/// rejected.csv: every row or file not accepted, in input order.
pub fn rejected_table(frame: &Frame) -> PolarsResult<DataFrame> {
    let r = &frame.rejected;
    DataFrame::new_infer_height(vec![
        col(
            "source_file",
            r.iter()
                .map(|x| x.source_file.clone())
                .collect::<Vec<String>>(),
        ),
        col(
            "line",
            r.iter()
                .map(|x| line_cell(x.line))
                .collect::<Vec<Option<u64>>>(),
        ),
        col(
            "column",
            r.iter().map(|x| x.column.clone()).collect::<Vec<String>>(),
        ),
        col(
            "reason",
            r.iter().map(|x| x.reason.clone()).collect::<Vec<String>>(),
        ),
    ])
}

/// data_quality.csv: every note, sorted by kind, file, line, athlete.
pub fn quality_table(frame: &Frame) -> PolarsResult<DataFrame> {
    let mut notes: Vec<&crate::model::Note> = frame.notes.iter().collect();
    notes.sort_by(|a, b| {
        (
            a.kind,
            &a.source_file,
            a.line,
            &a.athlete_id,
            &a.session_id,
            &a.detail,
        )
            .cmp(&(
                b.kind,
                &b.source_file,
                b.line,
                &b.athlete_id,
                &b.session_id,
                &b.detail,
            ))
    });
    DataFrame::new_infer_height(vec![
        col("kind", notes.iter().map(|n| n.kind).collect::<Vec<&str>>()),
        col(
            "athlete_id",
            notes
                .iter()
                .map(|n| n.athlete_id.clone())
                .collect::<Vec<String>>(),
        ),
        col(
            "session_id",
            notes
                .iter()
                .map(|n| n.session_id.clone())
                .collect::<Vec<String>>(),
        ),
        col(
            "source_file",
            notes
                .iter()
                .map(|n| n.source_file.clone())
                .collect::<Vec<String>>(),
        ),
        col(
            "line",
            notes
                .iter()
                .map(|n| line_cell(n.line))
                .collect::<Vec<Option<u64>>>(),
        ),
        col(
            "detail",
            notes
                .iter()
                .map(|n| n.detail.clone())
                .collect::<Vec<String>>(),
        ),
    ])
}
