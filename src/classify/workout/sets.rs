//! The sets of a workout: each exercise's modality, and a strength
//! session's working sets counted with their evidence of failure (RULES.md
//! section 10, "Exercise modality", "Sets", "Evidence of training to
//! failure").

use compact_str::CompactString;

use crate::config::exercises::without_qualifier;
use crate::config::sports::{is_undecided, normalize_sport, SportTable};
use crate::model::{Modality, RawSet, StrengthDetail, WeightUnit};

/// What turning workouts into sessions needs from the rules and roster.
pub(crate) struct WorkoutRules<'a> {
    /// Exercise name -> modality (`[exercises]`).
    pub(crate) exercises: &'a SportTable,
    /// Sport name -> modality (`[modality]`), asked after the exercises.
    pub(crate) sports: &'a SportTable,
    /// A working set at this RPE or above is to failure.
    pub(crate) failure_min_rpe: f64,
    /// The longest first endurance segment that is a warm-up, seconds.
    pub(crate) warmup_max_s: f64,
}

/// Exercise names the tables lack, in the order first met: (name, sets,
/// first line).
#[derive(Debug, Default)]
pub(crate) struct Unknown {
    pub(crate) names: Vec<(CompactString, u64, u64)>,
    index: foldhash::HashMap<CompactString, usize>,
}

/// An RPE from which a set counts as hard.
const HARD_MIN_RPE: f64 = 8.0;
/// Repetitions in reserve up to which a set counts as hard.
const HARD_MAX_RIR: f64 = 2.0;

/// What a strength session's working sets say of training to failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Evidence {
    /// A working set was marked as a failure set, or reached the failure
    /// RPE, or had 0 repetitions in reserve.
    Failure,
    /// Every working set has an RPE or RIR, and none reached failure.
    NoFailure,
    /// Neither.
    Unknown,
}

/// The modality of a set's exercise: the exercise table (the name, then
/// the name without its qualifier), the sport table, then the app's
/// category; else strength, and the name is listed in `unknown` (name,
/// sets, first line).
pub(super) fn exercise_modality(
    set: &RawSet,
    rules: &WorkoutRules<'_>,
    unknown: &mut Unknown,
    workout_line: u64,
) -> Modality {
    let name = set.exercise.as_str();
    let base = without_qualifier(name);
    let known = lookup(rules.exercises, name)
        .or_else(|| base.and_then(|b| lookup(rules.exercises, b)))
        .or_else(|| lookup(rules.sports, name))
        .or_else(|| base.and_then(|b| lookup(rules.sports, b)))
        .or_else(|| lookup(rules.exercises, &set.category))
        .or_else(|| lookup(rules.sports, &set.category));
    if let Some(modality) = known {
        return modality;
    }
    match unknown.index.get(name) {
        Some(&k) => unknown.names[k].1 += 1,
        None => {
            unknown
                .index
                .insert(set.exercise.clone(), unknown.names.len());
            let line = set.line.max(workout_line);
            unknown.names.push((set.exercise.clone(), 1, line));
        }
    }
    Modality::Strength
}

fn lookup(table: &SportTable, name: &str) -> Option<Modality> {
    let key = normalize_sport(name);
    if is_undecided(&key) {
        return None;
    }
    table.get(&key)
}

/// A strength session's detail from its sets (`modalities` of the same
/// rows): the working sets among its strength rows, their repetitions,
/// volume in kg (`unit` where a set does not say its own), failure and
/// hard sets and highest RPE; and what they say of failure.
pub(super) fn strength_detail(
    sets: &[RawSet],
    modalities: &[Modality],
    unit: WeightUnit,
    failure_min_rpe: f64,
) -> (StrengthDetail, Evidence) {
    let working = sets
        .iter()
        .zip(modalities)
        .filter(|(s, m)| s.kind.is_working() && **m == Modality::Strength)
        .map(|(s, _)| s);
    let (mut count, mut failure, mut hard, mut rated) = (0u32, 0u32, 0u32, 0u32);
    let (mut reps, mut volume_kg, mut max_rpe): (Option<u32>, Option<f64>, Option<f64>) =
        (None, None, None);
    for set in working {
        count += 1;
        let rpe = set.rpe.filter(|r| *r > 0.0);
        let failed = set.kind == crate::model::SetKind::Failure
            || rpe.is_some_and(|r| r >= failure_min_rpe)
            || set.rir.is_some_and(|r| r <= 0.0);
        failure += u32::from(failed);
        let is_hard = failed
            || rpe.is_some_and(|r| r >= HARD_MIN_RPE)
            || set.rir.is_some_and(|r| r <= HARD_MAX_RIR);
        hard += u32::from(is_hard);
        rated += u32::from(rpe.is_some() || set.rir.is_some());
        if let Some(r) = rpe {
            max_rpe = Some(max_rpe.map_or(r, |m: f64| m.max(r)));
        }
        if let Some(n) = set.reps {
            reps = Some(reps.unwrap_or(0).saturating_add(n));
            if let Some(w) = set.weight.filter(|w| w.is_finite()) {
                let kg = w * set.weight_unit.unwrap_or(unit).kg();
                volume_kg = Some(volume_kg.unwrap_or(0.0) + f64::from(n) * kg);
            }
        }
    }
    let evidence = if failure > 0 {
        Evidence::Failure
    } else if count > 0 && rated == count {
        Evidence::NoFailure
    } else {
        Evidence::Unknown
    };
    let counted = (count > 0).then_some(());
    // Pounds give kilograms of many decimals: kept to the gram.
    let volume_kg = volume_kg.map(|kg| crate::model::round_half_away(kg * 1000.0) / 1000.0);
    let detail = StrengthDetail {
        sets: counted.map(|()| count),
        reps,
        volume_kg,
        failure_sets: counted.map(|()| failure),
        hard_sets: counted.map(|()| hard),
        max_set_rpe: max_rpe,
    };
    (detail, evidence)
}
