//! Tests of reading and printing the rules file.

use super::*;

fn err(text: &str) -> String {
    Rules::from_toml(text, "r.toml").unwrap_err().to_string()
}

#[test]
fn empty_file_gives_the_defaults() {
    assert_eq!(Rules::from_toml("", "r.toml").unwrap(), Rules::default());
}

#[test]
fn printed_rules_read_back_to_the_same_rules() {
    let rules = Rules::default();
    assert_eq!(Rules::from_toml(&rules.to_toml(), "r.toml").unwrap(), rules);
}

#[test]
fn printed_rules_read_back_with_every_value_changed() {
    let text = "[thresholds]\nsame_session_max_gap_min = 25\nmin_gap_h = 7.5\n\
                preferred_gap_h = 30\npower_min_gap_h = 28\nwarmup_max_min = 12\n\
                failure_min_rpe = 9.5\n[scope]\nstatuses = [\"elite\"]\nexempt_from_age = 60\n\
                [units]\nweight_unit = \"lb\"\n[exercises]\n\"Sled Push\" = \"mixed\"\n\
                [modality]\nkorfball = \"other\"\n";
    let rules = Rules::from_toml(text, "r.toml").unwrap();
    let default = Rules::default();
    let t = (&rules.thresholds, &default.thresholds);
    assert_ne!(t.0.same_session_max_gap_min, t.1.same_session_max_gap_min);
    assert_ne!(t.0.min_gap_h, t.1.min_gap_h);
    assert_ne!(t.0.preferred_gap_h, t.1.preferred_gap_h);
    assert_ne!(t.0.power_min_gap_h, t.1.power_min_gap_h);
    assert_ne!(t.0.warmup_max_min, t.1.warmup_max_min);
    assert_ne!(t.0.failure_min_rpe, t.1.failure_min_rpe);
    assert_ne!(rules.scope, default.scope);
    assert_ne!(rules.exempt_from_age, default.exempt_from_age);
    assert_ne!(rules.weight_unit, default.weight_unit);
    assert_ne!(rules.exercises, default.exercises);
    assert_ne!(rules.sports, default.sports);
    assert_eq!(Rules::from_toml(&rules.to_toml(), "r.toml").unwrap(), rules);
}

#[test]
fn integer_and_float_thresholds_are_both_accepted() {
    let r = Rules::from_toml("[thresholds]\nmin_gap_h = 8\npreferred_gap_h = 30.5\n", "r").unwrap();
    assert_eq!(r.thresholds.min_gap_h, 8.0);
    assert_eq!(r.thresholds.preferred_gap_h, 30.5);
}

#[test]
fn unknown_key_is_named() {
    assert!(err("[thresholds]\nmin_gap = 3\n").contains("thresholds.min_gap"));
    assert!(err("[extra]\n").contains("`extra`"));
}

#[test]
fn wrong_type_is_named() {
    assert!(err("[thresholds]\nmin_gap_h = \"six\"\n").contains("thresholds.min_gap_h"));
}

#[test]
fn negative_threshold_is_impossible() {
    assert!(err("[thresholds]\nwarmup_max_min = -1\n").contains("thresholds.warmup_max_min"));
}

#[test]
fn min_gap_above_preferred_is_impossible() {
    assert!(err("[thresholds]\nmin_gap_h = 30\n").contains("thresholds.min_gap_h"));
    assert!(err("[thresholds]\npower_min_gap_h = 25\n").contains("thresholds.power_min_gap_h"));
}

#[test]
fn same_session_window_of_min_gap_or_more_is_impossible() {
    let e = err("[thresholds]\nmin_gap_h = 1\nsame_session_max_gap_min = 60\n");
    assert!(e.contains("thresholds.same_session_max_gap_min"), "{e}");
}

#[test]
fn unknown_status_or_modality_is_impossible() {
    assert!(err("[scope]\nstatuses = [\"pro\"]\n").contains("scope.statuses"));
    assert!(err("[modality]\nzumba = \"fun\"\n").contains("modality.zumba"));
}

#[test]
fn modality_entries_override_defaults_by_normalised_name() {
    let r = Rules::from_toml("[modality]\n\"Cardio Training\" = \"endurance\"\n", "r").unwrap();
    assert_eq!(r.sports.get("cardio_training"), Some(Modality::Endurance));
}

#[test]
fn scope_can_exempt_unknown_status() {
    let r = Rules::from_toml("[scope]\nstatuses = [\"elite\"]\n", "r").unwrap();
    assert!(!r.in_scope(Status::Unknown));
    assert!(r.in_scope(Status::Elite));
}

#[test]
fn gym_keys_are_read() {
    let text = "[thresholds]\nfailure_min_rpe = 9.5\n[scope]\nexempt_from_age = 70\n[units]\nweight_unit = \"lb\"\n[exercises]\n\"Assault Bike\" = \"mixed\"\n";
    let rules = Rules::from_toml(text, "r.toml").unwrap();
    assert_eq!(rules.thresholds.failure_min_rpe, 9.5);
    assert_eq!(rules.exempt_from_age, 70);
    assert_eq!(rules.weight_unit, WeightUnit::Lb);
    assert_eq!(rules.exercises.get("assault bike"), Some(Modality::Mixed));
    assert_eq!(rules.exercises.get("treadmill"), Some(Modality::Endurance));
}

#[test]
fn a_weight_unit_is_read_as_the_roster_spells_it() {
    for (spelling, unit) in [
        ("lbs", WeightUnit::Lb),
        ("kgs", WeightUnit::Kg),
        ("LB", WeightUnit::Lb),
    ] {
        let text = format!("[units]\nweight_unit = \"{spelling}\"\n");
        let rules = Rules::from_toml(&text, "r.toml").unwrap();
        assert_eq!(rules.weight_unit, unit, "{spelling}");
    }
}

#[test]
fn impossible_gym_keys_are_named() {
    assert!(err("[thresholds]\nfailure_min_rpe = 0").contains("thresholds.failure_min_rpe"));
    assert!(err("[thresholds]\nfailure_min_rpe = 11").contains("thresholds.failure_min_rpe"));
    assert!(err("[scope]\nexempt_from_age = -1").contains("scope.exempt_from_age"));
    assert!(err("[units]\nweight_unit = \"stone\"").contains("units.weight_unit"));
    assert!(err("[exercises]\nrower = \"warmup\"").contains("exercises.rower"));
    assert!(err("[units]\nsize = 1").contains("units.size"));
}

#[test]
fn printed_rules_hold_every_gym_key() {
    let text = Rules::default().to_toml();
    for key in [
        "failure_min_rpe = 10",
        "exempt_from_age = 65",
        "weight_unit = \"kg\"",
        "[exercises]",
        "Treadmill = \"endurance\"",
    ] {
        assert!(text.contains(key), "{key} in {text}");
    }
}
