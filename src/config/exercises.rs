//! The default exercise table of the gym apps (RULES.md section 10): the
//! cardio exercises of Hevy's, Strong's and FitNotes' libraries as
//! `endurance`, conditioning circuits as `mixed`, stretching, walking,
//! yoga and the like as `other`, in the languages their exports show.
//! Names are compared as sport names are (`sports::normalize_sport`); a
//! name the table does not know is looked up again without its
//! parenthesised qualifier (`Cycling (Indoor)` as `Cycling`), then in the
//! sport table, then by the app's category, else it is strength.

use super::sports::SportTable;
use crate::model::Modality;

/// Cardio machines and cardio exercises.
const ENDURANCE: [&str; 57] = [
    "Treadmill",
    "Treadmill Max Incline",
    "Running",
    "Running (Treadmill)",
    "Running (Outdoor)",
    "Jogging",
    "Cycling",
    "Cycling (Indoor)",
    "Indoor Cycling",
    "Stationary Bike",
    "Exercise Bike",
    "Spinning",
    "Spin Bike",
    "Assault Bike",
    "Air Bike",
    "Elliptical",
    "Elliptical Trainer",
    "Cross Trainer",
    "Rowing",
    "Rowing Machine",
    "Rowing (Machine)",
    "Rower",
    "Indoor Rowing",
    "Ski Erg",
    "SkiErg",
    "Ski Ergometer",
    "Stair Machine",
    "Stair Machine (Floors)",
    "Stair Machine (Steps)",
    "Stairmaster",
    "Stair Climber",
    "Stepper",
    "Swimming",
    "Jump Rope",
    "Skipping",
    "Aerobics",
    // Hevy's `Warm Up`: a cardio warm-up logged as an exercise.
    "Warm Up",
    // Portuguese, Spanish, French, German, Dutch, Italian.
    "Bicicleta",
    "Bicicleta Ergométrica",
    "Esteira",
    "Corrida",
    "Correr",
    "Cinta de Correr",
    "Remo",
    "Natação",
    "Natación",
    "Elíptico",
    "Vélo",
    "Course",
    "Tapis de Course",
    "Rameur",
    "Natation",
    "Laufband",
    "Laufen",
    "Radfahren",
    "Rudern",
    "Loopband",
];

/// Conditioning circuits: strength and endurance at once, never paired.
const MIXED: [&str; 8] = [
    "Burpees",
    "Burpee",
    "HIIT",
    "HIIT Running",
    "HIIT Stationary Bike",
    "Circuit Training",
    "CrossFit",
    "Boxing",
];

/// Neither strength nor endurance training.
const OTHER: [&str; 21] = [
    "Walking",
    "Hiking",
    "Backpacking",
    "Stretching",
    "Couch Stretch",
    "Foam Rolling",
    "Mobility",
    "Yoga",
    "Pilates",
    "Climbing",
    "Caminhada",
    "Alongamento",
    "Caminar",
    "Estiramiento",
    "Marche",
    "Étirements",
    "Gehen",
    "Dehnen",
    "Wandelen",
    "Rekken",
    "Camminata",
];

/// The default exercise table.
pub(crate) fn default_exercises() -> SportTable {
    let mut table = SportTable::default();
    let lists: [(&[&str], Modality); 3] = [
        (&ENDURANCE, Modality::Endurance),
        (&MIXED, Modality::Mixed),
        (&OTHER, Modality::Other),
    ];
    for (names, modality) in lists {
        for name in names {
            table.insert(name, modality);
        }
    }
    table
}

/// An exercise name without its parenthesised or dashed qualifier
/// (`Cycling (Indoor)` -> `Cycling`, `Burpees - Easy` -> `Burpees`), when
/// it has one.
pub(crate) fn without_qualifier(name: &str) -> Option<&str> {
    let cut = name.find(['(', '-'])?;
    let base = name[..cut].trim();
    (!base.is_empty()).then_some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cardio_machines_are_endurance_and_stretching_other() {
        let table = default_exercises();
        assert_eq!(table.get("treadmill"), Some(Modality::Endurance));
        assert_eq!(table.get("Rowing (Machine)"), Some(Modality::Endurance));
        assert_eq!(table.get("Warm Up"), Some(Modality::Endurance));
        assert_eq!(table.get("Couch Stretch"), Some(Modality::Other));
        assert_eq!(table.get("Burpees"), Some(Modality::Mixed));
        assert_eq!(table.get("Squat (Barbell)"), None);
    }

    #[test]
    fn qualifiers_are_cut_at_a_parenthesis_or_dash() {
        assert_eq!(without_qualifier("Cycling (Indoor)"), Some("Cycling"));
        assert_eq!(without_qualifier("Burpees - Pushup"), Some("Burpees"));
        assert_eq!(without_qualifier("Squat"), None);
        assert_eq!(without_qualifier("(x)"), None);
    }
}
