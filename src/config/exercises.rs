//! The default exercise table of the gym apps (RULES.md section 10): the
//! cardio exercises of Hevy's, Strong's and FitNotes' libraries as
//! `endurance`, conditioning circuits as `mixed`, stretching, walking,
//! yoga and the like as `other`, in the languages their exports show; and
//! the common lifts as `strength`, so that only names the table does not
//! know are noted.
//! Names are compared as sport names are (`sports::normalize_sport`); a
//! name the table does not know is looked up again without its
//! parenthesised qualifier (`Cycling (Indoor)` as `Cycling`), then in the
//! sport table, then by the app's category, else it is strength.

use super::sports::SportTable;
use crate::model::Modality;

/// Lifts and other resistance exercises: strength (a name not in any
/// table is strength too, but noted; these common ones are not).
const STRENGTH: [&str; 107] = [
    "Squat",
    "Front Squat",
    "Back Squat",
    "Goblet Squat",
    "Hack Squat",
    "Bulgarian Split Squat",
    "Split Squat",
    "Lunge",
    "Walking Lunge",
    "Step Up",
    "Leg Press",
    "Leg Extension",
    "Leg Curl",
    "Seated Leg Curl",
    "Lying Leg Curl",
    "Standing Leg Curls",
    "Calf Raise",
    "Standing Calf Raise",
    "Seated Calf Raise",
    "Calf Press",
    "Hip Thrust",
    "Glute Bridge",
    "Hip Abduction",
    "Hip Adduction",
    "Deadlift",
    "Romanian Deadlift",
    "Sumo Deadlift",
    "Trap Bar Deadlift",
    "Rack Pull",
    "Good Morning",
    "Back Extension",
    "Bench Press",
    "Incline Bench Press",
    "Decline Bench Press",
    "Chest Press",
    "Chest Fly",
    "Cable Fly Crossovers",
    "Butterfly",
    "Push Up",
    "Dip",
    "Triceps Dip",
    "Overhead Press",
    "Shoulder Press",
    "Seated Shoulder Press",
    "Arnold Press",
    "Lateral Raise",
    "Single Arm Lateral Raise",
    "Front Raise",
    "Rear Delt Reverse Fly",
    "Face Pull",
    "Shrug",
    "Upright Row",
    "Bent Over Row",
    "Dumbbell Row",
    "Seated Row",
    "Seated Cable Row",
    "Iso-Lateral Row",
    "T Bar Row",
    "Lat Pulldown",
    "Straight Arm Lat Pulldown",
    "Single Arm Lat Pulldown",
    "Pull Up",
    "Chin Up",
    "Bicep Curl",
    "Biceps Curl",
    "EZ Bar Biceps Curl",
    "Hammer Curl",
    "Preacher Curl",
    "Seated Incline Curl",
    "Triceps Pushdown",
    "Triceps Rope Pushdown",
    "Single Arm Triceps Pushdown",
    "Triceps Extension",
    "Skullcrusher",
    "Clean",
    "Power Clean",
    "Hang Clean",
    "Clean and Jerk",
    "Snatch",
    "Power Snatch",
    "Push Press",
    "Kettlebell Swing",
    "Farmers Walk",
    "Plank",
    "Side Plank",
    "Dead Hang",
    "Crunch",
    "Cable Crunch",
    "Sit Up",
    "Hanging Leg Raise",
    "Russian Twist",
    "Ab Wheel",
    "Agachamento",
    "Supino",
    "Levantamento Terra",
    "Remada",
    "Sentadilla",
    "Press de Banca",
    "Peso Muerto",
    "Dominadas",
    "Kniebeuge",
    "Bankdrücken",
    "Kreuzheben",
    "Klimmzug",
    "Développé Couché",
    "Soulevé de Terre",
    "Tractions",
];

/// Cardio machines and cardio exercises.
const ENDURANCE: [&str; 58] = [
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
    "Cardio",
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
const OTHER: [&str; 22] = [
    "Walking",
    "Hiking",
    "Backpacking",
    "Stretching",
    "Couch Stretch",
    "90/90 Hold",
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
    SportTable::from_lists(&[
        (&STRENGTH, Modality::Strength),
        (&ENDURANCE, Modality::Endurance),
        (&MIXED, Modality::Mixed),
        (&OTHER, Modality::Other),
    ])
}

/// An exercise name without its parenthesised or dashed qualifier
/// (`Cycling (Indoor)` -> `Cycling`, `Burpees - Easy` -> `Burpees`), when
/// it has one; a hyphen inside a word (`Iso-Lateral`) is no qualifier.
pub(crate) fn without_qualifier(name: &str) -> Option<&str> {
    let cut = [name.find('('), name.find(" - ")]
        .into_iter()
        .flatten()
        .min()?;
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
        assert_eq!(
            table.get("Squat (Barbell)"),
            None,
            "found without its qualifier"
        );
        assert_eq!(table.get("Squat"), Some(Modality::Strength));
    }

    #[test]
    fn qualifiers_are_cut_at_a_parenthesis_or_dash() {
        assert_eq!(without_qualifier("Cycling (Indoor)"), Some("Cycling"));
        assert_eq!(without_qualifier("Burpees - Pushup"), Some("Burpees"));
        assert_eq!(without_qualifier("Squat"), None);
        assert_eq!(
            without_qualifier("Iso-Lateral Row (Machine)"),
            Some("Iso-Lateral Row")
        );
        assert_eq!(without_qualifier("(x)"), None);
    }
}
