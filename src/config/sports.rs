//! The default sport-name to modality table of RULES.md section 7, and the
//! name normalisation every format shares.

use std::collections::BTreeMap;

use crate::model::Modality;

/// Normalises a sport name: lower case without spaces, hyphens or underscores.
pub(crate) fn normalize_sport(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a name never decides a modality (empty or `generic`).
pub(crate) fn is_undecided(normalized: &str) -> bool {
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
    // Garmin Connect activity types (English) and Strava types not above.
    "Pool Swimming",
    "Track Running",
    "Virtual Running",
    "Cyclocross",
    "Cross Country Classic Skiing",
    "Cross Country Skate Skiing",
    "Mountain Bike Ride",
    "Gravel Ride",
    "Inline Skate",
    "Roller Ski",
    "Handcycle",
    "Velomobile",
    // Garmin Connect activity types in Dutch, German, Danish, Swedish, French, Spanish.
    "Loopband",
    "Indoor fietsen",
    "Wielrennen",
    "Mountainbiken",
    "Gravelfietsen",
    "Zwembadzwemmen",
    "Openwaterzwemmen",
    "Indoor roeien",
    "Crosstrainer",
    "Laufband",
    "Indoor-Radfahren",
    "Rennradfahren",
    "Bahnlauf",
    "Schwimmbadschwimmen",
    "Freiwasserschwimmen",
    "Indoor-Rudern",
    "Langlauf",
    "Løbebånd",
    "Løb terræn",
    "Indendørs cykling",
    "Landevejscykling",
    "Bjergcykling",
    "Cykling på grusveje",
    "Svøm i pool",
    "Svømning i åbent vand",
    "Indendørs roning",
    "Löpband",
    "Terränglöpning",
    "Inomhuscykling",
    "Landsvägscykling",
    "Simbassäng",
    "Simning i öppet vatten",
    "Inomhusrodd",
    "Längdskidåkning",
    "Längdskidåkning klassisk stil",
    "Längdskidåkning fristil",
    "Course sur tapis roulant",
    "Course sur piste",
    "Cyclisme en salle",
    "Vélo d'intérieur",
    "Cyclisme sur route",
    "VTT",
    "Natation en piscine",
    "Natation en eau libre",
    "Aviron en salle",
    "Elliptique",
    "Ski de fond",
    "Carrera en cinta",
    "Carrera en pista",
    "Ciclismo en sala",
    "Ciclismo en carretera",
    "Ciclismo de montaña",
    "Natación en piscina",
    "Natación en aguas abiertas",
    "Remo en interior",
    "Elíptica",
    "Esquí de fondo",
];

const MIXED: &[&str] = &[
    "hiit",
    "cardio_training",
    "crossfit",
    "HighIntensityIntervalTraining",
    // Garmin Connect "Cardio" (FIT cardio_training) and its Swedish name.
    "Cardio",
    "Konditionspass",
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
    // FIT multisport transitions and commuting rides are not training bouts.
    "transition",
    "commuting",
    "Hike",
    "Day Off",
    "Other",
    "Wandelen",
    "Gehen",
    "Gåtur",
    "Promenade",
    "Caminar",
    // Garmin Connect and Strava activity types that are neither strength nor endurance.
    "Resort Skiing/Snowboarding",
    "Resort Skiing",
    "Surfing",
    "Breathwork",
    "Indoor Climbing",
    "Bouldering",
    "Rock Climbing",
    "Alpine Ski",
    "Backcountry Ski",
    "Snowboard",
    "E-Bike Ride",
    "E-Mountain Bike Ride",
    "Pickleball",
    "Discgolf",
    "Padel",
    "Badminton",
    "Squash",
    "Table Tennis",
    "Gang",
    "Gång",
    "Vandring",
    "Andet",
    "Annan",
    "Utförsåkning i pist",
    "Wandern",
    "Sonstiges",
    "Hiken",
    "Overig",
    "Marche",
    "Randonnée",
    "Autre",
    "Senderismo",
    "Otro",
];

/// Sport names to modalities, looked up by normalised name; each entry keeps
/// the spelling it was given so that printed rules stay readable.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct SportTable {
    /// Normalised name -> (name as given, modality).
    entries: BTreeMap<String, (String, Modality)>,
}

impl SportTable {
    /// The default table of RULES.md section 7.
    pub(crate) fn defaults() -> SportTable {
        SportTable::from_lists(&[
            (STRENGTH, Modality::Strength),
            (ENDURANCE, Modality::Endurance),
            (MIXED, Modality::Mixed),
            (OTHER, Modality::Other),
        ])
    }

    /// A table of every name in `lists` with its list's modality.
    pub(crate) fn from_lists(lists: &[(&[&str], Modality)]) -> SportTable {
        let mut table = SportTable::default();
        for &(names, modality) in lists {
            for name in names {
                table.insert(name, modality);
            }
        }
        table
    }

    /// Adds or replaces the entry for `name` (any spelling).
    pub(crate) fn insert(&mut self, name: &str, modality: Modality) {
        self.entries
            .insert(normalize_sport(name), (name.trim().to_string(), modality));
    }

    /// The modality of a name, if the table knows it.
    pub(crate) fn get(&self, name: &str) -> Option<Modality> {
        self.entries.get(&normalize_sport(name)).map(|(_, m)| *m)
    }

    /// Entries as (name as given, modality), sorted by normalised name.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, Modality)> {
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
