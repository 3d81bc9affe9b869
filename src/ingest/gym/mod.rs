//! What the gym-app readers (Hevy, Strong, FitNotes) share: set rows
//! gathered into workouts by the app's workout key (`workouts`) and the
//! values of a set row read alike in every app (`values`).

pub(crate) mod values;
pub(crate) mod workouts;

#[cfg(test)]
mod tests;
