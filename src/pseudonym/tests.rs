use super::*;
use crate::config::Rules;

fn key(text: &str) -> PseudonymKey {
    PseudonymKey::new(text.as_bytes().to_vec()).unwrap()
}

/// The bundled sample season, classified, with its roster.
fn sample() -> (Frame, Roster) {
    let (frame, roster) = crate::test_support::sample_frame(&Rules::default());
    (frame, roster)
}

#[test]
fn pseudonyms_are_stable_per_key_and_differ_between_keys() {
    let a = key("a secret of the federation");
    assert_eq!(
        token(&a, Kind::Athlete, "S01"),
        token(&a, Kind::Athlete, "S01")
    );
    assert_ne!(
        token(&a, Kind::Athlete, "S01"),
        token(&a, Kind::Athlete, "S02")
    );
    assert_ne!(
        token(&a, Kind::Athlete, "S01"),
        token(&key("another"), Kind::Athlete, "S01")
    );
    let athlete = token(&a, Kind::Athlete, "S01");
    assert!(
        athlete.starts_with("A-") && athlete.len() == 12,
        "{athlete}"
    );
    assert_eq!(token(&a, Kind::Session, "S01-0001").len(), 18);
    assert_eq!(format!("{a:?}"), "PseudonymKey(<secret>)");
    assert!(PseudonymKey::new(Vec::new()).is_none());
}

#[test]
fn no_real_id_name_or_path_is_left_in_the_frame() {
    let (frame, roster) = sample();
    let inputs = ["data/sample".to_string()];
    let p = pseudonymize(frame, &inputs, &[], &roster, &key("k")).unwrap();
    let text = format!(
        "{:?} {:?} {:?} {:?}",
        p.frame.athletes, p.frame.files, p.frame.notes, p.inputs
    );
    let sessions: String = p
        .frame
        .sessions
        .iter()
        .map(|s| s.session_id.as_str())
        .collect();
    for a in roster.athletes.values() {
        assert!(
            !text.contains(&a.athlete_id) && !sessions.contains(&a.athlete_id),
            "{} left",
            a.athlete_id
        );
        assert!(!text.contains(&a.name), "{} left", a.name);
    }
    assert!(
        !text.contains("sample") && !text.contains(".csv"),
        "a path is left"
    );
    let athletes = p.map.iter().filter(|e| e.kind == "athlete").count();
    assert_eq!(athletes, roster.athletes.len());
    let s01 = p.map.iter().find(|e| e.real == "S01").unwrap();
    assert_eq!(
        (s01.name.as_str(), s01.pseudonym.len()),
        ("Athlete S01", 12)
    );
    assert!(p
        .map
        .iter()
        .any(|e| e.kind == "session" && e.real == "S03-0001"));
    assert!(p
        .map
        .iter()
        .any(|e| e.kind == "file" && e.real == "data/sample"));
}

#[test]
fn pseudonyms_change_nothing_the_rules_find() {
    let (frame, roster) = sample();
    let rules = Rules::default();
    let plain =
        crate::aggregate::aggregate(&frame, &crate::rules::evaluate(&frame, &rules.thresholds));
    let p = pseudonymize(frame, &[], &[], &roster, &key("k")).unwrap();
    let audit = crate::rules::evaluate(&p.frame, &rules.thresholds);
    let hidden = crate::aggregate::aggregate(&p.frame, &audit);
    // The gaps come in athlete order, which follows the pseudonyms.
    let measures = |agg: &crate::aggregate::Aggregates| {
        let mut all: Vec<_> = agg
            .groups
            .iter()
            .map(|(_, m)| m.clone())
            .chain([agg.all.clone()])
            .collect();
        for m in &mut all {
            m.nearest_gaps_h.sort_by(f64::total_cmp);
        }
        format!("{all:?}")
    };
    assert!(measures(&plain) == measures(&hidden), "the measures differ");
    assert_eq!(plain.groups.len(), hidden.groups.len());
}

#[test]
fn athletes_are_ordered_by_pseudonym_with_their_sessions_in_order() {
    let (frame, roster) = sample();
    let first = frame.athletes[0].athlete_id.clone();
    let first_start = frame.athlete_sessions(0)[0].start_us;
    let p = pseudonymize(frame, &[], &[], &roster, &key("k")).unwrap();
    let f = &p.frame;
    assert!(f
        .athletes
        .windows(2)
        .all(|w| w[0].athlete_id < w[1].athlete_id));
    for (a, range) in f.ranges.iter().enumerate() {
        let s = &f.sessions[range.clone()];
        assert!(s.iter().all(|s| s.athlete as usize == a));
        assert!(s.windows(2).all(|w| w[0].start_us <= w[1].start_us));
    }
    let pseudonym = token(&key("k"), Kind::Athlete, &first);
    let a = f
        .athletes
        .iter()
        .position(|a| a.athlete_id == pseudonym)
        .unwrap();
    assert_eq!(f.athlete_sessions(a)[0].start_us, first_start);
}
