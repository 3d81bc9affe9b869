//! The default exercise table on the real gym-app exports: every exercise
//! whose sets carry only a duration or a distance (no weight, no
//! repetitions) is cardio, conditioning or stretching, never strength,
//! unless it is on the reviewed list below.

use std::collections::BTreeSet;

use super::sets::{exercise_modality, WorkoutRules};
use crate::config::Rules;
use crate::ingest::{fitnotes, hevy, strong};
use crate::model::Modality;
use crate::test_support::{corpus, read_corpus_file, TextReader};

/// Timed holds, core work and plyometrics logged by duration or count of
/// seconds: strength, reviewed.
const REVIEWED_STRENGTH: [&str; 15] = [
    "Plank",
    "Low Plank",
    "Side Plank",
    "Hollow hold",
    "Superman",
    "Wall Sit",
    "Pogos",
    "Plank Fitball",
    "Plank Mix",
    "Dead Hang",
    "L-Sit Hold",
    "Isometric Bridge",
    "Pallof Press",
    "Pamela Reif Ab Workout",
    "Full Body Exercise",
];

#[test]
fn exercises_logged_by_time_or_distance_alone_are_not_strength() {
    let apps: [(&str, TextReader); 3] = [
        ("gym/hevy", hevy::read),
        ("gym/strong", strong::read),
        ("gym/fitnotes", fitnotes::read),
    ];
    let rules = Rules::default();
    let workout_rules = WorkoutRules {
        exercises: &rules.exercises,
        sports: &rules.sports,
        failure_min_rpe: rules.thresholds.failure_min_rpe,
        warmup_max_s: rules.thresholds.warmup_max_min * 60.0,
    };
    let (mut checked, mut strength) = (0, BTreeSet::new());
    for (folder, read) in apps {
        let Some(dir) = corpus(folder) else {
            return;
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for path in paths {
            let (_, batch) = read_corpus_file(read, &path);
            let sets = batch.workouts.iter().flat_map(|w| &w.sets);
            let timed = sets.filter(|s| {
                s.weight.is_none_or(|w| w == 0.0)
                    && s.reps.is_none_or(|r| r == 0)
                    && (s.duration_s.is_some() || s.distance_m.is_some())
            });
            for set in timed {
                checked += 1;
                let modality = exercise_modality(set, &workout_rules, &mut Default::default(), 0);
                if modality == Modality::Strength
                    && !REVIEWED_STRENGTH.contains(&set.exercise.as_str())
                {
                    strength.insert(set.exercise.to_string());
                }
            }
        }
    }
    assert!(checked > 500, "{checked} timed sets");
    assert!(strength.is_empty(), "read as strength: {strength:?}");
}
