//! The output tables as polars DataFrames, one function per file, rows in a
//! deterministic order. Polars stays behind this module and `write`.

use chrono::{DateTime, SecondsFormat};
use polars::prelude::{Column, DataFrame, NamedFrom, PolarsResult, Series};

use crate::aggregate::{iso_week_label, Aggregates, Measures};
use crate::classify::Frame;
use crate::model::{local_datetime, Session};
use crate::rules::{Audit, Flag, Rule};

const US_PER_H: f64 = 3_600_000_000.0;

fn col<T, P>(name: &str, values: T) -> Column
where
    Series: NamedFrom<T, P>,
    P: ?Sized,
{
    Column::new(name.into(), values)
}

/// RFC 3339 in UTC with `Z`.
pub fn utc_text(utc_us: i64) -> String {
    DateTime::from_timestamp_micros(utc_us)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Local start as RFC 3339 with the offset used, or the bare date of a date-only session.
pub fn local_text(s: &Session) -> String {
    if s.date_only {
        return s.local_date().to_string();
    }
    let offset = chrono::FixedOffset::east_opt(s.offset_s)
        .unwrap_or(chrono::FixedOffset::east_opt(0).unwrap());
    local_datetime(s.start_us, s.offset_s)
        .and_local_timezone(offset)
        .single()
        .map(|dt| dt.to_rfc3339_opts(SecondsFormat::AutoSi, false))
        .unwrap_or_default()
}

/// Session indices ordered by group, then athlete id, then start.
pub fn session_order(frame: &Frame) -> Vec<usize> {
    let mut order: Vec<usize> = (0..frame.sessions.len()).collect();
    let group = |i: usize| &frame.athletes[frame.sessions[i].athlete as usize].group;
    order.sort_by(|&a, &b| group(a).cmp(group(b)));
    order
}

/// sessions.csv: every accepted session.
pub fn sessions_table(frame: &Frame, audit: &Audit) -> PolarsResult<DataFrame> {
    let order = session_order(frame);
    let pick = |f: &dyn Fn(&Session) -> String| -> Vec<String> {
        order.iter().map(|&i| f(&frame.sessions[i])).collect()
    };
    let athlete = |s: &Session| &frame.athletes[s.athlete as usize];
    let file = |s: &Session| &frame.files[s.source as usize];
    DataFrame::new_infer_height(vec![
        col("session_id", pick(&|s| s.session_id.clone())),
        col("athlete_id", pick(&|s| athlete(s).athlete_id.clone())),
        col("group", pick(&|s| athlete(s).group.clone())),
        col("modality", pick(&|s| s.modality.to_string())),
        col("sport", pick(&|s| s.sport.clone())),
        col("sub_sport", pick(&|s| s.sub_sport.clone())),
        col("start_utc", pick(&|s| utc_text(s.start_us))),
        col("start_local", pick(&|s| local_text(s))),
        col(
            "duration_s",
            order
                .iter()
                .map(|&i| frame.sessions[i].duration_s)
                .collect::<Vec<f64>>(),
        ),
        col(
            "rpe",
            order
                .iter()
                .map(|&i| frame.sessions[i].rpe)
                .collect::<Vec<Option<f64>>>(),
        ),
        col(
            "to_failure",
            order
                .iter()
                .map(|&i| frame.sessions[i].to_failure)
                .collect::<Vec<Option<bool>>>(),
        ),
        col(
            "sets",
            order
                .iter()
                .map(|&i| frame.sessions[i].strength.sets)
                .collect::<Vec<Option<u32>>>(),
        ),
        col(
            "reps",
            order
                .iter()
                .map(|&i| frame.sessions[i].strength.reps)
                .collect::<Vec<Option<u32>>>(),
        ),
        col(
            "volume_kg",
            order
                .iter()
                .map(|&i| frame.sessions[i].strength.volume_kg)
                .collect::<Vec<Option<f64>>>(),
        ),
        col(
            "planned",
            order
                .iter()
                .map(|&i| frame.sessions[i].planned)
                .collect::<Vec<bool>>(),
        ),
        col("source_file", pick(&|s| file(s).path.clone())),
        col(
            "source_format",
            pick(&|s| file(s).format.as_str().to_string()),
        ),
        col(
            "nearest_gap_h",
            order
                .iter()
                .map(|&i| audit.nearest_gap_us[i].map(|g| g as f64 / US_PER_H))
                .collect::<Vec<Option<f64>>>(),
        ),
    ])
}

/// flags.csv: one row per flag, by group, athlete and session order.
pub fn flags_table(frame: &Frame, flags: &[Flag]) -> PolarsResult<DataFrame> {
    let mut order: Vec<&Flag> = flags.iter().collect();
    let group = |f: &Flag| &frame.athletes[frame.sessions[f.first].athlete as usize].group;
    order.sort_by(|a, b| group(a).cmp(group(b)));
    let first = |f: &Flag| &frame.sessions[f.first];
    let second = |f: &Flag| f.second.map(|j| &frame.sessions[j]);
    let text =
        |g: &dyn Fn(&Flag) -> String| -> Vec<String> { order.iter().map(|f| g(f)).collect() };
    let athlete = |f: &Flag| &frame.athletes[first(f).athlete as usize];
    DataFrame::new_infer_height(vec![
        col("athlete_id", text(&|f| athlete(f).athlete_id.clone())),
        col("group", text(&|f| athlete(f).group.clone())),
        col("rule", text(&|f| f.rule.to_string())),
        col("severity", text(&|f| f.severity.to_string())),
        col("first_session_id", text(&|f| first(f).session_id.clone())),
        col(
            "second_session_id",
            text(&|f| second(f).map(|s| s.session_id.clone()).unwrap_or_default()),
        ),
        col("first_modality", text(&|f| first(f).modality.to_string())),
        col(
            "second_modality",
            text(&|f| {
                second(f)
                    .map(|s| s.modality.to_string())
                    .unwrap_or_default()
            }),
        ),
        col("first_start_local", text(&|f| local_text(first(f)))),
        col(
            "second_start_local",
            text(&|f| second(f).map(local_text).unwrap_or_default()),
        ),
        col(
            "gap_h",
            order
                .iter()
                .map(|f| f.gap_us.map(|g| g as f64 / US_PER_H))
                .collect::<Vec<Option<f64>>>(),
        ),
    ])
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
