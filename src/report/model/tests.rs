//! Tests of the report model.

use super::*;
use crate::config::Rules;

/// The bundled sample season through the whole pipeline.
pub(crate) fn sample() -> (Frame, Aggregates, Load, Rules) {
    let rules = Rules::default();
    let (frame, _) = crate::test_support::sample_frame(&rules);
    let audit = crate::rules::evaluate(&frame, &rules.thresholds);
    let agg = crate::aggregate::aggregate(&frame, &audit);
    let load = crate::load::measure(&frame, &audit, &agg);
    (frame, agg, load, rules)
}

pub(crate) fn made_at() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap()
}

/// The report model of the sample season, from its `sample()` parts.
fn sample_model(frame: &Frame, agg: &Aggregates, load: &Load, rules: &Rules) -> ReportModel {
    let inputs = ["data/sample".to_string()];
    build(frame, agg, load, rules, &inputs, made_at())
}

#[test]
fn sample_report_model_matches_the_snapshot() {
    let (frame, agg, load, rules) = sample();
    let model = sample_model(&frame, &agg, &load, &rules);
    insta::assert_debug_snapshot!("sample_report_model", model);
}

#[test]
fn the_guidance_keeps_the_reviews_gaps_and_names_a_rules_files_own() {
    let review = guidance(&Thresholds::default());
    assert_eq!(review.len(), 2);
    assert!(review[0].contains("at least 6 h, preferably 24 h"));
    let custom = Thresholds {
        min_gap_h: 8.0,
        preferred_gap_h: 36.0,
        ..Thresholds::default()
    };
    let custom = guidance(&custom);
    assert_eq!(custom[..2], review[..]);
    assert!(
        custom[2].contains("at least 8 h, preferably 36 h"),
        "{}",
        custom[2]
    );
}

#[test]
fn compliance_names_its_base_when_some_sessions_have_no_time() {
    let m = Measures {
        timed_strength_in_scope: 50,
        strength_in_scope: 1869,
        ..Measures::default()
    };
    assert_eq!(
        compliance_text(&m),
        "100.0 % of 50 with a time of day (of 1869 in-scope strength sessions)"
    );
    assert_eq!(compliance_text(&Measures::default()), "-");
}

#[test]
fn group_report_names_no_athlete_of_another_group() {
    let (frame, agg, load, rules) = sample();
    let model = sample_model(&frame, &agg, &load, &rules).for_group(&frame, "sprinters");
    let text = format!("{model:?}");
    assert_eq!(model.groups.len(), 1);
    assert!(text.contains("S0"), "the group's own athletes are named");
    for a in frame.athletes.iter().filter(|a| a.group != "sprinters") {
        assert!(
            !text.contains(&a.athlete_id),
            "{} of {} leaks",
            a.athlete_id,
            a.group
        );
    }
    assert!(model.inputs.is_empty());
}
