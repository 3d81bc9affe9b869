//! Strong's column names across app versions and languages (English and
//! French headers; `kg`/`km` in the 2016 format, `Weight (kg)` and
//! `Distance (meters)` in the 2019 `Workout #` format, `Weight Unit` and
//! `Distance Unit` columns in the semicolon formats) and finding the
//! columns the reader needs in a header, with the units their names give.

use crate::ingest::columns::Column;
use crate::ingest::columns::Header;
use crate::ingest::gym::values::{M_PER_KM, M_PER_MILE};
use crate::model::WeightUnit;

const DATE: &[&str] = &["Date"];
const WORKOUT_NAME: &[&str] = &["Workout Name", "Nom de l'entraînement"];
/// The 2019 format numbers its workouts.
const WORKOUT_NO: &[&str] = &["Workout #"];
/// Written like `1h 5m`, `46min`, `22s`.
const DURATION: &[&str] = &["Duration", "Workout Duration", "Durée"];
/// Seconds.
const DURATION_S: &[&str] = &["Duration (sec)", "Duration (s)"];
const EXERCISE: &[&str] = &["Exercise Name", "Nom de l'exercice"];
const SET_ORDER: &[&str] = &["Set Order", "Ordre de la série"];
/// In the unit the app was set to, which the file does not say.
const WEIGHT: &[&str] = &["Weight", "Poids"];
const WEIGHT_KG: &[&str] = &["kg", "Weight (kg)"];
const WEIGHT_LB: &[&str] = &["lbs", "lb", "Weight (lbs)", "Weight (lb)"];
const WEIGHT_UNIT: &[&str] = &["Weight Unit"];
const REPS: &[&str] = &["Reps", "Réps"];
/// In the unit the app was set to, which the file does not say.
const DISTANCE: &[&str] = &["Distance"];
const DISTANCE_M: &[&str] = &["Distance (meters)", "Distance (m)"];
const DISTANCE_KM: &[&str] = &["km", "Distance (km)"];
const DISTANCE_MI: &[&str] = &["mi", "miles", "Distance (mi)", "Distance (miles)"];
const DISTANCE_UNIT: &[&str] = &["Distance Unit"];
const SECONDS: &[&str] = &["Seconds", "Secondes"];
const RPE: &[&str] = &["RPE"];

/// Whether a header is a Strong export's: a date, an exercise name, a set
/// order and a workout name or number, in a supported language.
pub(super) fn is_header(header: &Header) -> bool {
    let has = |names: &[&str]| Column::find(header, names).is_some();
    has(DATE) && has(EXERCISE) && has(SET_ORDER) && (has(WORKOUT_NAME) || has(WORKOUT_NO))
}

/// How a workout's duration is written.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Duration {
    /// `1h 5m`, `46min`, `22s`.
    Text(Column),
    /// A number of seconds.
    Seconds(Column),
}

/// Where a set's weight unit comes from.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum WeightUnits {
    /// The weight column's name gives it.
    Header(WeightUnit),
    /// A `Weight Unit` column gives it per row (empty on body-weight rows).
    PerRow(Column),
    /// The file does not say (the app's setting applies).
    Unknown,
}

/// Where a set's distance unit comes from.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum DistanceUnits {
    /// The distance column's name gives it: metres per unit.
    Header(f64),
    /// A `Distance Unit` column gives it per row (`km`, `mi.`).
    PerRow(Column),
    /// The file does not say: distances are not read (and noted).
    Unknown,
}

/// The columns of one export.
#[derive(Debug, Clone)]
pub(super) struct Columns {
    pub(super) width: usize,
    pub(super) date: Column,
    /// The workout key: its number, else its date and name.
    pub(super) workout_no: Option<Column>,
    pub(super) workout_name: Option<Column>,
    pub(super) duration: Option<Duration>,
    pub(super) exercise: Column,
    pub(super) set_order: Option<Column>,
    pub(super) weight: Option<Column>,
    pub(super) weight_units: WeightUnits,
    pub(super) reps: Option<Column>,
    pub(super) distance: Option<Column>,
    pub(super) distance_units: DistanceUnits,
    pub(super) seconds: Option<Column>,
    pub(super) rpe: Option<Column>,
}

impl Columns {
    /// Finds the columns, or names those missing.
    pub(super) fn find(header: &Header) -> Result<Columns, String> {
        let col = |names: &[&str]| Column::find(header, names);
        let (workout_no, workout_name) = (col(WORKOUT_NO), col(WORKOUT_NAME));
        let (date, exercise) = match (col(DATE), col(EXERCISE)) {
            (Some(date), Some(exercise)) if workout_no.is_some() || workout_name.is_some() => {
                (date, exercise)
            }
            (date, exercise) => {
                let wanted = [
                    (date.is_none(), "Date"),
                    (
                        workout_name.is_none() && workout_no.is_none(),
                        "Workout Name",
                    ),
                    (exercise.is_none(), "Exercise Name"),
                ];
                let missing: Vec<&str> =
                    wanted.iter().filter(|(m, _)| *m).map(|(_, n)| *n).collect();
                return Err(format!(
                    "Strong export without the column(s) {} (or the same in the app's language); expected Strong's header (Date, Workout Name, Duration, Exercise Name, Set Order, Weight, Reps, ...)",
                    missing.join(", ")
                ));
            }
        };
        let duration = col(DURATION_S)
            .map(Duration::Seconds)
            .or_else(|| col(DURATION).map(Duration::Text));
        let (weight, weight_units) = if let Some(c) = col(WEIGHT_KG) {
            (Some(c), WeightUnits::Header(WeightUnit::Kg))
        } else if let Some(c) = col(WEIGHT_LB) {
            (Some(c), WeightUnits::Header(WeightUnit::Lb))
        } else {
            let units = col(WEIGHT_UNIT).map_or(WeightUnits::Unknown, WeightUnits::PerRow);
            (col(WEIGHT), units)
        };
        let fixed = [
            (DISTANCE_M, 1.0),
            (DISTANCE_KM, M_PER_KM),
            (DISTANCE_MI, M_PER_MILE),
        ];
        let (distance, distance_units) = match fixed
            .iter()
            .find_map(|(names, m)| col(names).map(|c| (c, *m)))
        {
            Some((c, m)) => (Some(c), DistanceUnits::Header(m)),
            None => {
                let units =
                    col(DISTANCE_UNIT).map_or(DistanceUnits::Unknown, DistanceUnits::PerRow);
                (col(DISTANCE), units)
            }
        };
        Ok(Columns {
            width: header.raw.len(),
            date,
            workout_no,
            workout_name,
            duration,
            exercise,
            set_order: col(SET_ORDER),
            weight,
            weight_units,
            reps: col(REPS),
            distance,
            distance_units,
            seconds: col(SECONDS),
            rpe: col(RPE),
        })
    }
}
