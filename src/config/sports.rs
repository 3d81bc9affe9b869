//! The default sport-name to modality table of RULES.md section 7, and the
//! name normalisation every format shares.

use std::collections::BTreeMap;

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

/// Sport names to modalities, looked up by normalised name; each entry keeps
/// the spelling it was given so that printed rules stay readable.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SportTable {
    /// Normalised name -> (name as given, modality).
    entries: BTreeMap<String, (String, Modality)>,
}

impl SportTable {
    /// The default table of RULES.md section 7.
    pub fn defaults() -> SportTable {
        let mut table = SportTable::default();
        let lists = [
            (STRENGTH, Modality::Strength),
            (ENDURANCE, Modality::Endurance),
            (MIXED, Modality::Mixed),
            (OTHER, Modality::Other),
        ];
        for (names, modality) in lists {
            for name in names {
                table.insert(name, modality);
            }
        }
        table
    }

    /// Adds or replaces the entry for `name` (any spelling).
    pub fn insert(&mut self, name: &str, modality: Modality) {
        self.entries
            .insert(normalize_sport(name), (name.trim().to_string(), modality));
    }

    /// The modality of a name, if the table knows it.
    pub fn get(&self, name: &str) -> Option<Modality> {
        self.entries.get(&normalize_sport(name)).map(|(_, m)| *m)
    }

    /// Entries as (name as given, modality), sorted by normalised name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Modality)> {
        self.entries.values().map(|(n, m)| (n.as_str(), *m))
    }
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
        let lists = [STRENGTH, ENDURANCE, MIXED, OTHER];
        let mut seen = BTreeMap::new();
        for (i, names) in lists.iter().enumerate() {
            for name in *names {
                let previous = seen.insert(normalize_sport(name), i);
                assert!(previous.is_none_or(|p| p == i), "{name} is in two lists");
            }
        }
    }

    #[test]
    fn lookup_ignores_spelling() {
        let table = SportTable::defaults();
        assert_eq!(table.get("Weight-Training"), Some(Modality::Strength));
        assert_eq!(table.get("INDOOR_ROWING"), Some(Modality::Endurance));
        assert_eq!(table.get("zumba"), None);
    }
}
