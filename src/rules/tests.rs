//! Boundary tests of RULES.md sections 3-6, one behaviour each.

use super::*;
use crate::classify::{AthleteInfo, Frame};
use crate::model::{Modality, Session, Status};
use crate::test_support::session;

const S: Modality = Modality::Strength;
const E: Modality = Modality::Endurance;
const H: i64 = 60;

fn athlete(status: Status, power_focus: bool) -> AthleteInfo {
    let rules = crate::config::Rules::default();
    AthleteInfo::new("A1".into(), "g".into(), status, power_focus, &rules)
}

fn audit_of(info: AthleteInfo, mut sessions: Vec<Session>) -> (Frame, Audit) {
    sessions.sort_by(|a, b| (a.start_us, &a.session_id).cmp(&(b.start_us, &b.session_id)));
    let frame = Frame {
        ranges: std::iter::once(0..sessions.len()).collect(),
        athletes: vec![info],
        sessions,
        ..Frame::default()
    };
    let audit = evaluate(&frame, &Thresholds::default());
    (frame, audit)
}

fn trained(sessions: Vec<Session>) -> (Frame, Audit) {
    audit_of(athlete(Status::Trained, false), sessions)
}

/// Rule and severity of the only flag.
fn only_flag(sessions: Vec<Session>) -> (Rule, Severity) {
    let (_, audit) = trained(sessions);
    assert_eq!(audit.flags.len(), 1, "{:?}", audit.flags);
    (audit.flags[0].rule, audit.flags[0].severity)
}

/// Strength 60 min at 08:00, endurance starting `gap_min` after it ends.
fn strength_then_endurance(gap_min: i64) -> Vec<Session> {
    vec![
        session("a", S, 8 * H, 60),
        session("b", E, 9 * H + gap_min, 45),
    ]
}

#[test]
fn gap_of_exactly_20_min_is_one_session() {
    assert_eq!(
        only_flag(strength_then_endurance(20)),
        (Rule::CombinedSession, Severity::Advisory)
    );
}

#[test]
fn gap_of_21_min_is_spacing_min() {
    assert_eq!(
        only_flag(strength_then_endurance(21)),
        (Rule::SpacingMin, Severity::Violation)
    );
}

#[test]
fn endurance_first_within_20_min_is_order_violation() {
    let s = vec![session("a", E, 8 * H, 60), session("b", S, 9 * H + 20, 45)];
    assert_eq!(only_flag(s), (Rule::Order, Severity::Violation));
}

#[test]
fn gap_just_under_6_h_is_spacing_min() {
    assert_eq!(
        only_flag(strength_then_endurance(6 * H - 1)),
        (Rule::SpacingMin, Severity::Violation)
    );
}

#[test]
fn gap_of_exactly_6_h_is_spacing_preferred() {
    assert_eq!(
        only_flag(strength_then_endurance(6 * H)),
        (Rule::SpacingPreferred, Severity::Advisory)
    );
}

#[test]
fn gap_just_under_24_h_is_concurrent() {
    assert_eq!(
        only_flag(strength_then_endurance(24 * H - 1)),
        (Rule::SpacingPreferred, Severity::Advisory)
    );
}

#[test]
fn gap_of_exactly_24_h_is_not_a_pair() {
    let (_, audit) = trained(strength_then_endurance(24 * H));
    assert!(audit.flags.is_empty());
}

#[test]
fn overlap_counts_as_gap_zero() {
    let s = vec![session("a", E, 8 * H, 60), session("b", S, 8 * H + 30, 45)];
    let (_, audit) = trained(s);
    assert_eq!(audit.flags[0].rule, Rule::Order);
    assert_eq!(audit.flags[0].gap_us(), Some(0));
}

#[test]
fn same_start_ties_are_ordered_by_session_id() {
    // Both start at 08:00: "a-run" sorts first, so endurance is A: order.
    let s = vec![
        session("b-lift", S, 8 * H, 30),
        session("a-run", E, 8 * H, 30),
    ];
    let (frame, audit) = trained(s);
    assert_eq!(frame.sessions[audit.flags[0].first()].session_id, "a-run");
    assert_eq!(audit.flags[0].rule, Rule::Order);
}

#[test]
fn every_pair_in_the_window_is_counted() {
    let s = vec![
        session("a", S, 8 * H, 60),
        session("b", E, 10 * H, 30),
        session("c", E, 13 * H, 30),
    ];
    let (_, audit) = trained(s);
    let rules: Vec<Rule> = audit.flags.iter().map(|f| f.rule).collect();
    assert_eq!(rules, vec![Rule::SpacingMin, Rule::SpacingMin]);
}

#[test]
fn same_modality_never_pairs() {
    let s = vec![session("a", S, 8 * H, 60), session("b", S, 9 * H, 60)];
    assert!(trained(s).1.flags.is_empty());
}

#[test]
fn mixed_and_other_never_pair() {
    let s = vec![
        session("a", Modality::Mixed, 8 * H, 60),
        session("b", E, 9 * H, 30),
        session("c", Modality::Other, 10 * H, 30),
    ];
    assert!(trained(s).1.flags.is_empty());
}

#[test]
fn power_focus_combined_session_is_a_violation() {
    let (_, audit) = audit_of(athlete(Status::Elite, true), strength_then_endurance(10));
    assert_eq!(
        (audit.flags[0].rule, audit.flags[0].severity),
        (Rule::CombinedSession, Severity::Violation)
    );
}

#[test]
fn power_focus_gap_of_23_h_is_spacing_min() {
    let (_, audit) = audit_of(
        athlete(Status::Elite, true),
        strength_then_endurance(23 * H),
    );
    assert_eq!(
        (audit.flags[0].rule, audit.flags[0].severity),
        (Rule::SpacingMin, Severity::Violation)
    );
}

#[test]
fn untrained_athlete_is_exempt_but_counted() {
    let (_, audit) = audit_of(
        athlete(Status::Untrained, false),
        strength_then_endurance(5),
    );
    assert!(audit.flags.is_empty());
    assert_eq!(audit.exempt_pair_counts, vec![1]);
}

#[test]
fn recreational_athlete_is_exempt_but_counted() {
    let (_, audit) = audit_of(
        athlete(Status::Recreational, false),
        strength_then_endurance(5),
    );
    assert!(audit.flags.is_empty());
    assert_eq!(audit.exempt_pair_counts, vec![1]);
}

#[test]
fn unknown_status_is_in_scope() {
    let (_, audit) = audit_of(athlete(Status::Unknown, false), strength_then_endurance(5));
    assert_eq!(audit.flags.len(), 1);
}

#[test]
fn exempt_athlete_gets_no_to_failure_flag() {
    let mut s = vec![session("a", S, 8 * H, 60)];
    s[0].to_failure = Some(true);
    let (_, audit) = audit_of(athlete(Status::Untrained, false), s);
    assert!(audit.flags.is_empty() && audit.exempt_pair_counts == vec![0]);
}

fn date_only(mut s: Session) -> Session {
    s.date_only = true;
    s
}

#[test]
fn date_only_pair_on_the_same_day_is_an_advisory() {
    let s = vec![
        date_only(session("a", S, 0, 60)),
        session("b", E, 20 * H, 30),
    ];
    let (_, audit) = trained(s);
    assert_eq!(audit.flags.len(), 1);
    assert_eq!(
        (audit.flags[0].rule, audit.flags[0].severity),
        (Rule::SameDayUnknownTime, Severity::Advisory)
    );
    assert_eq!(audit.flags[0].gap_us(), None);
}

/// A date-only segment of the gym workout `w`.
fn segment(id: &str, modality: Modality, start_min: i64) -> Session {
    let mut s = date_only(session(id, modality, start_min, 30));
    s.marks = s.marks.with_segment();
    s
}

#[test]
fn segments_of_one_date_only_workout_are_a_same_session_pair() {
    let order = vec![segment("w#1", E, 0), segment("w#2", S, 30)];
    assert_eq!(only_flag(order), (Rule::Order, Severity::Violation));
    let combined = vec![segment("w#1", S, 0), segment("w#2", E, 30)];
    assert_eq!(
        only_flag(combined),
        (Rule::CombinedSession, Severity::Advisory)
    );
    // Segments of two workouts on one day are like any date-only sessions.
    let two = vec![segment("v#1", S, 0), segment("w#2", E, 30)];
    assert_eq!(
        only_flag(two),
        (Rule::SameDayUnknownTime, Severity::Advisory)
    );
}

#[test]
fn date_only_pair_on_the_next_day_is_not_a_pair() {
    let s = vec![
        date_only(session("a", S, 0, 60)),
        session("b", E, 24 * H + 30, 30),
    ];
    assert!(trained(s).1.flags.is_empty());
}

#[test]
fn two_date_only_sessions_on_one_day_pair() {
    let s = vec![
        date_only(session("a", S, 0, 60)),
        date_only(session("b", E, 0, 30)),
    ];
    assert_eq!(only_flag(s), (Rule::SameDayUnknownTime, Severity::Advisory));
}

#[test]
fn to_failure_with_endurance_within_24_h_is_a_violation() {
    let mut s = vec![
        session("a", S, 8 * H, 60),
        session("b", E, 30 * H, 30),
        session("c", E, 31 * H, 30),
    ];
    s[0].to_failure = Some(true);
    let (_, audit) = trained(s);
    let f = audit
        .flags
        .iter()
        .find(|f| f.rule == Rule::ToFailure)
        .unwrap();
    assert_eq!(
        (f.severity, f.second(), f.gap_us()),
        (Severity::Violation, Some(1), None)
    );
}

#[test]
fn to_failure_alone_is_an_advisory() {
    let mut s = vec![
        session("a", S, 8 * H, 60),
        session("b", E, 9 * H + 24 * H, 30),
    ];
    s[0].to_failure = Some(true);
    assert_eq!(only_flag(s), (Rule::ToFailure, Severity::Advisory));
}

#[test]
fn to_failure_unknown_or_false_is_never_flagged() {
    let mut s = vec![session("a", S, 8 * H, 60), session("b", S, 50 * H, 60)];
    s[1].to_failure = Some(false);
    assert!(trained(s).1.flags.is_empty());
}

#[test]
fn to_failure_on_a_date_only_session_is_an_advisory() {
    let mut s = vec![
        date_only(session("a", S, 0, 60)),
        session("b", E, 30 * H, 30),
    ];
    s[0].to_failure = Some(true);
    assert_eq!(only_flag(s), (Rule::ToFailure, Severity::Advisory));
}

#[test]
fn to_failure_does_not_by_itself_compromise() {
    let mut s = vec![
        session("a", S, 8 * H, 60),
        session("b", E, 9 * H + 7 * H, 30),
    ];
    s[0].to_failure = Some(true);
    let (_, audit) = trained(s);
    assert!(audit
        .flags
        .iter()
        .any(|f| f.rule == Rule::ToFailure && f.severity == Severity::Violation));
    assert!(!audit.compromised[0]);
}

#[test]
fn violating_pair_compromises_the_strength_session() {
    let (_, audit) = trained(strength_then_endurance(60));
    assert_eq!(audit.compromised, vec![true, false]);
}

#[test]
fn nearest_gap_looks_both_ways_within_7_days() {
    let s = vec![
        session("e1", E, 0, 60),
        session("s", S, 5 * H, 60),
        session("e2", E, 8 * H, 60),
    ];
    let (_, audit) = trained(s);
    assert_eq!(audit.nearest_gap_us(1), Some(2 * 60 * 60_000_000));
}

#[test]
fn nearest_gap_is_empty_beyond_7_days() {
    let s = vec![session("s", S, 0, 60), session("e", E, 60 + 7 * 24 * H, 60)];
    assert_eq!(trained(s).1.nearest_gap_us(0), None);
}

#[test]
fn warmup_sessions_never_pair() {
    let s = vec![
        session("w", Modality::Warmup, 8 * H, 10),
        session("s", S, 8 * H + 15, 60),
    ];
    assert!(trained(s).1.flags.is_empty());
}

#[test]
fn planned_workouts_pair_only_with_planned_ones() {
    let mut s = vec![
        date_only(session("a", S, 0, 60)),
        date_only(session("b", E, 0, 30)),
        date_only(session("c", E, 0, 30)),
    ];
    s[0].marks = crate::model::Marks::new(true, true);
    s[1].marks = crate::model::Marks::new(true, true);
    let (_, audit) = trained(s);
    assert_eq!(audit.flags.len(), 1);
    assert_eq!(audit.flags[0].second(), Some(1));
}

#[test]
fn a_flag_is_24_bytes_and_reads_back_what_it_was_given() {
    assert_eq!(std::mem::size_of::<Flag>(), 24);
    let f = Flag::new(Rule::ToFailure, Severity::Advisory, 7, None, None);
    assert_eq!((f.first(), f.second(), f.gap_us()), (7, None, None));
    let f = Flag::new(Rule::SpacingMin, Severity::Violation, 1, Some(2), Some(0));
    assert_eq!((f.first(), f.second(), f.gap_us()), (1, Some(2), Some(0)));
}

#[test]
fn athletes_of_many_batches_each_get_their_own_flags_and_gaps() {
    // More athletes than one parallel batch, with a different gap each
    // (and one athlete with no pair), so that a flag or gap filed under
    // the wrong athlete shows.
    let n = 2 * ATHLETES_PER_BATCH as u32 + 7;
    let mut athletes = Vec::new();
    let mut sessions = Vec::new();
    for a in 0..n {
        let mut info = athlete(Status::Trained, false);
        info.athlete_id = format!("A{a:05}");
        athletes.push(info);
        let mut strength = session(&format!("{a}-s"), Modality::Strength, 0, 30);
        strength.athlete = a;
        sessions.push(strength);
        if a != 5 {
            let gap_min = 31 + i64::from(a % 300);
            let mut run = session(&format!("{a}-r"), Modality::Endurance, 30 + gap_min, 30);
            run.athlete = a;
            sessions.push(run);
        }
    }
    let frame = crate::test_support::frame(athletes, sessions);
    let audit = evaluate(&frame, &Thresholds::default());
    assert_eq!(audit.flags.len(), n as usize - 1);
    for flag in &audit.flags {
        let (s, r) = (
            &frame.sessions[flag.first()],
            &frame.sessions[flag.second().unwrap()],
        );
        assert_eq!(
            (s.athlete, s.modality, r.athlete),
            (r.athlete, Modality::Strength, s.athlete)
        );
        let gap_us = (31 + i64::from(s.athlete % 300)) * 60_000_000;
        assert_eq!(flag.gap_us(), Some(gap_us));
        assert_eq!(audit.nearest_gap_us(flag.first()), Some(gap_us));
    }
    let lone = frame.ranges[5].start;
    assert_eq!(audit.nearest_gap_us(lone), None);
}

#[test]
fn flags_come_by_first_session_second_and_rule_across_batches() {
    // More athletes than a batch, each with a strength session between two
    // endurance ones and a to-failure set: several flags per first session.
    let rules = crate::config::Rules::default();
    let athletes = ATHLETES_PER_BATCH + 50;
    let mut infos = Vec::new();
    let mut sessions = Vec::new();
    for a in 0..athletes {
        let id = format!("A{a:05}");
        infos.push(AthleteInfo::new(
            id.clone(),
            "g".into(),
            Status::Trained,
            a % 3 == 0,
            &rules,
        ));
        let day = (a % 5) as i64 * 24 * H;
        for (k, (modality, start)) in [(E, 6 * H), (S, 8 * H), (E, 9 * H)].into_iter().enumerate() {
            let mut s = session(&format!("{id}-{k}"), modality, day + start, 45);
            s.athlete = a as u32;
            if modality == S {
                s.to_failure = Some(true);
            }
            sessions.push(s);
        }
    }
    let frame = crate::test_support::frame(infos, sessions);
    let audit = evaluate(&frame, &Thresholds::default());
    let flags = audit.flags();
    assert!(flags.len() >= 3 * athletes, "{} flags", flags.len());
    // Several flags share a first session: the second and the rule order them.
    assert!(flags.windows(2).any(|w| w[0].first() == w[1].first()));
    let key = |f: &Flag| (f.first(), f.second(), f.rule);
    assert!(flags.is_sorted_by_key(key));
}
