//! The short per-group table printed on stdout at the end of an audit, and
//! a line on the data-quality notes, most frequent kinds first.

use crate::aggregate::{Aggregates, Measures};
use crate::model::ALL_GROUPS;

/// A line naming the most frequent kinds of data-quality notes (`kind`,
/// rows, athletes as `data_quality_summary.csv` counts them); empty
/// without notes.
pub(crate) fn quality_text(counts: &[(&str, u64, u64)]) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let mut by_rows: Vec<&(&str, u64, u64)> = counts.iter().collect();
    by_rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let named: Vec<String> = by_rows
        .iter()
        .take(3)
        .map(|(k, rows, _)| format!("{rows} {k}"))
        .collect();
    let more = match counts.len().saturating_sub(3) {
        0 => String::new(),
        n => format!(" and {n} more kind(s)"),
    };
    format!(
        "data-quality notes: {}{more} (see data_quality_summary.csv)\n",
        named.join(", ")
    )
}

/// The table, one line per group and a last line `ALL`.
pub(crate) fn summary_text(agg: &Aggregates) -> String {
    let mut out = format!(
        "{:<16} {:>8} {:>9} {:>7} {:>10} {:>10} {:>11} {:>10}\n",
        "group",
        "athletes",
        "sessions",
        "pairs",
        "violations",
        "advisories",
        "compliance",
        "median gap"
    );
    let rows = agg
        .groups
        .iter()
        .map(|(g, m)| (g.as_str(), m))
        .chain([(ALL_GROUPS, &agg.all)]);
    for (group, m) in rows {
        out.push_str(&line(group, m));
    }
    out
}

fn line(group: &str, m: &Measures) -> String {
    let pct = m
        .strength_compliance_pct()
        .map_or("-".to_string(), |p| format!("{p:.1} %"));
    let gap = m
        .median_nearest_gap_h()
        .map_or("-".to_string(), |g| format!("{g:.1} h"));
    format!(
        "{:<16} {:>8} {:>9} {:>7} {:>10} {:>10} {:>11} {:>10}\n",
        group, m.athletes, m.sessions, m.concurrent_pairs, m.violations, m.advisories, pct, gap
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_a_line_per_group_and_all() {
        let agg = Aggregates {
            groups: vec![(
                "sprint".into(),
                Measures {
                    athletes: 2,
                    ..Measures::default()
                },
            )],
            all: Measures {
                athletes: 2,
                ..Measures::default()
            },
            ..Aggregates::default()
        };
        let text = summary_text(&agg);
        assert_eq!(text.lines().count(), 3);
        assert!(text.lines().nth(1).unwrap().starts_with("sprint"));
        assert!(text.lines().nth(2).unwrap().starts_with("ALL"));
    }

    #[test]
    fn quality_line_names_the_most_frequent_kinds() {
        assert_eq!(quality_text(&[]), "");
        let counts = [("a", 1, 1), ("b", 9, 2), ("c", 5, 0), ("d", 5, 1)];
        assert_eq!(
            quality_text(&counts),
            "data-quality notes: 9 b, 5 c, 5 d and 1 more kind(s) (see data_quality_summary.csv)\n"
        );
    }
}
