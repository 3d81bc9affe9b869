//! The load part of the report model (LOAD.md): a group's load key figures
//! (how complete its load is, its last median ACWR), the sentence that keeps
//! the ACWR descriptive, and the load terms of the glossary.

use crate::aggregate::iso_week_label;
use crate::load::Load;
use crate::report::cells::format_float;

/// Said under every group's key figures, next to its ACWR.
pub(super) const ACWR_NOTE: &str = "The ACWR describes how this week's load compares with \
     the last four weeks; it does not predict injury (Impellizzeri et al. 2020).";

/// The load key figures of the group `group`.
pub(super) fn key_figures(load: &Load, group: &str) -> Vec<(String, String)> {
    let m = load.group_measures(group);
    let last_acwr = load
        .group_weeks(group)
        .iter()
        .rev()
        .find_map(|w| Some((w.monday, w.acwr_median?)));
    vec![
        (
            "Load known for".into(),
            m.rpe_known_pct()
                .map_or("-".into(), |p| format!("{:.0} % of sessions", p.round())),
        ),
        (
            "Weeks with a monotony".into(),
            format!("{} athlete-weeks", m.monotony_weeks),
        ),
        (
            "Median ACWR (last week)".into(),
            last_acwr.map_or("-".into(), |(monday, acwr)| {
                let acwr = two_decimals(Some(acwr));
                format!("{acwr} ({})", iso_week_label(monday))
            }),
        ),
    ]
}

/// A value with 2 decimals rounded half away from zero, as the load tables
/// write it ("-" for none).
pub(super) fn two_decimals(value: Option<f64>) -> String {
    value.map_or("-".to_string(), |v| format_float(v, true))
}

/// The load terms: sRPE load, monotony, strain and ACWR.
pub(super) fn glossary() -> Vec<(String, String)> {
    [
        ("sRPE load", "Session RPE (CR-10) × elapsed minutes, in arbitrary units (AU) (Foster et al. 2001); a session without an RPE has an unknown load, never 0. Summed per day and ISO week. Load describes training: it is no rule and no injury risk."),
        ("monotony", "Mean over standard deviation of a week's 7 daily loads, rest days as 0, with the population SD (divided by 7; Foster 1998). None when a day's load is missing or partial, the week is not wholly in the athlete's span, or the SD is 0."),
        ("strain", "A week's load × its monotony (Foster 1998); none when the monotony is none."),
        ("ACWR", "Acute:chronic workload ratio: two exponentially weighted averages of the daily load (missing days as 0), λ = 2 / (N + 1), acute N = 7 and chronic N = 28 days (Williams et al. 2017); from an athlete's 28th day, the value on the week's last day. Descriptive: its link with injury is disputed (Impellizzeri et al. 2020)."),
        ("Weeks with a monotony", "Athlete-weeks of the group whose monotony could be computed."),
    ]
    .into_iter()
    .map(|(term, text)| (term.to_string(), text.to_string()))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{made_at, sample};
    use super::*;

    #[test]
    fn group_sections_carry_the_load_figures_and_the_acwr_sentence() {
        let (frame, agg, load, rules) = sample();
        let model = super::super::build(&frame, &agg, &load, &rules, &[], made_at());
        let club = model.groups.iter().find(|g| g.name == "club").unwrap();
        let figure = |label: &str| {
            let found = club.key_figures.iter().find(|(l, _)| l == label);
            found
                .map(|(_, v)| v.as_str())
                .unwrap_or_else(|| panic!("no {label}"))
        };
        // summary.csv: rpe_known_pct 77.43, monotony_weeks 23; load_groups.csv:
        // club's last week, 2026-W17, has a median ACWR of 1.19.
        assert_eq!(figure("Load known for"), "77 % of sessions");
        assert_eq!(figure("Weeks with a monotony"), "23 athlete-weeks");
        assert_eq!(figure("Median ACWR (last week)"), "1.19 (2026-W17)");
        assert!(club.load_note.contains("does not predict injury"));
        assert!(club.load_note.contains("Impellizzeri et al. 2020"));
        let terms: Vec<&str> = model.glossary.iter().map(|(t, _)| t.as_str()).collect();
        for term in ["sRPE load", "monotony", "strain", "ACWR"] {
            assert!(terms.contains(&term), "glossary lacks {term}");
        }
        let acwr = &model.glossary.iter().find(|(t, _)| t == "ACWR").unwrap().1;
        assert!(acwr.contains("N = 7") && acwr.contains("N = 28") && acwr.contains("Williams"));
    }

    #[test]
    fn a_group_without_load_shows_dashes() {
        let figures = key_figures(&Load::default(), "nobody");
        assert_eq!(figures[0].1, "-");
        assert_eq!(figures[1].1, "0 athlete-weeks");
        assert_eq!(figures[2].1, "-");
    }
}
