//! The default sport-name to modality table of RULES.md section 7, and the
//! name normalisation every format shares.

use crate::model::Modality;

/// Normalises a sport name: lower case without spaces, hyphens or underscores.
pub fn normalize_sport(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a name never decides a modality (empty or `generic`).
pub fn is_undecided(normalized: &str) -> bool {
    normalized.is_empty() || normalized == "generic"
}

const STRENGTH: &[&str] = &[
    "strength_training",
    "WeightTraining",
    "Weight Training",
    "Strength",
    // Garmin Connect and other platforms in the account's language.
    "Krachttraining",
    "Krafttraining",
    "Styrketræning",
    "Styrketräning",
    "Styrketrening",
    "Musculation",
    "Entrenamiento de fuerza",
    "Allenamento della forza",
];

const ENDURANCE: &[&str] = &[
    // FIT sports
    "running",
    "cycling",
    "swimming",
    "rowing",
    "cross_country_skiing",
    "paddling",
    "kayaking",
    "stand_up_paddleboarding",
    "inline_skating",
    // FIT sub-sports
    "indoor_rowing",
    "indoor_cycling",
    "elliptical",
    "stair_climbing",
    "treadmill",
    "indoor_running",
    "lap_swimming",
    "open_water",
    "road",
    "mountain",
    "trail",
    "virtual_activity",
    "gravel_cycling",
    // Strava
    "Run",
    "Ride",
    "Swim",
    "NordicSki",
    "VirtualRide",
    "VirtualRun",
    "TrailRun",
    "StairStepper",
    "Canoeing",
    // Garmin Connect and TrainingPeaks
    "Indoor Cycling",
    "Treadmill Running",
    "Pool Swim",
    "Open Water Swimming",
    "Bike",
    "XC-Ski",
    "Trail Running",
    "Road Cycling",
    "Mountain Biking",
    "Virtual Cycling",
    "Indoor Running",
    // Translations (Dutch, German, Danish, Swedish, French, Spanish)
    "Hardlopen",
    "Fietsen",
    "Zwemmen",
    "Roeien",
    "Laufen",
    "Radfahren",
    "Schwimmen",
    "Rudern",
    "Løb",
    "Cykling",
    "Svømning",
    "Roning",
    "Löpning",
    "Simning",
    "Rodd",
    "Course à pied",
    "Vélo",
    "Cyclisme",
    "Natation",
    "Aviron",
    "Carrera",
    "Ciclismo",
    "Natación",
    "Remo",
];

const MIXED: &[&str] = &[
    "hiit",
    "cardio_training",
    "crossfit",
    "HighIntensityIntervalTraining",
];

// Named so that they are not reported as unknown names; they are "other" anyway.
const OTHER: &[&str] = &[
    "training",
    "walking",
    "hiking",
    "yoga",
    "pilates",
    "flexibility_training",
    "e_biking",
    "Workout",
    "soccer",
    "basketball",
    "tennis",
    "volleyball",
    "hockey",
    "rugby",
    "golf",
    "fitness_equipment",
    "Walk",
    "Hike",
    "Day Off",
    "Other",
    "Wandelen",
    "Gehen",
    "Gåtur",
    "Promenade",
    "Caminar",
];

/// The default table as (normalised name, modality) pairs.
pub fn default_sport_table() -> Vec<(String, Modality)> {
    let lists = [
        (STRENGTH, Modality::Strength),
        (ENDURANCE, Modality::Endurance),
        (MIXED, Modality::Mixed),
        (OTHER, Modality::Other),
    ];
    lists
        .iter()
        .flat_map(|(names, m)| names.iter().map(move |n| (normalize_sport(n), *m)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_joins_spellings_of_one_name() {
        assert_eq!(normalize_sport("Weight Training"), "weighttraining");
        assert_eq!(normalize_sport("weight_training"), "weighttraining");
        assert_eq!(normalize_sport("Weight-Training"), "weighttraining");
        assert_eq!(normalize_sport("Styrketræning"), "styrketræning");
    }

    #[test]
    fn generic_and_empty_never_decide() {
        assert!(is_undecided(""));
        assert!(is_undecided("generic"));
        assert!(!is_undecided("running"));
    }

    #[test]
    fn default_table_has_no_conflicting_entries() {
        let table = default_sport_table();
        for (name, m) in &table {
            for (other, m2) in &table {
                assert!(name != other || m == m2, "{name} maps to {m} and {m2}");
            }
        }
    }
}
