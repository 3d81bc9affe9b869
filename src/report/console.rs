//! The short per-group table printed on stdout at the end of an audit.

use crate::aggregate::{Aggregates, Measures};

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
        .chain([("ALL", &agg.all)]);
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
}
