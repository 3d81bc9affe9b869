//! FitNotes exports, one row per set (RULES.md section 10): recognising
//! the Android app's export and the iOS app's from their headers, and
//! reading either into gym-app workouts (`RawWorkout`, left in
//! `Batch::workouts` for the exercise table to make sessions of).
//!
//! - `android`: date-only workouts, the rows of one date; exercise names
//!   with an unquoted comma joined again; the weight unit from the header
//!   (`Weight (kgs)`, `Weight (lbs)`) or a `Weight Unit` column.
//! - `ios`: workouts keyed by their UTC start, with end, warm-up, status
//!   (failed, not done), RPE and RIR per set; decimal commas.
//! - `dates`: the Android dates, ISO or re-saved by a spreadsheet.
//!
//! The rows of one key are one workout, gathered as every gym log's are
//! (`gym::workouts`).
//!
//! Comments, notes and workout names are never read: they are people's words.

mod android;
mod dates;
mod ios;
mod values;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_ios;

use super::batch::{Batch, FileCtx};
use super::columns::{first_header, Header};
use super::format::TextFormat;
use crate::model::SourceFormat;

/// FitNotes export (Android or iOS).
pub(crate) const FORMAT: TextFormat = TextFormat {
    kind: KIND,
    sniff,
    read,
};

/// The format's name in reports.
pub(crate) const KIND: SourceFormat = SourceFormat::per_set("fitnotes_csv");

/// Which app wrote a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum App {
    Android,
    Ios,
}

/// The app whose export header this is, if either's.
fn app(header: &Header) -> Option<App> {
    if header.missing(&ios::MARKS).is_empty() {
        Some(App::Ios)
    } else if header.missing(&android::MARKS).is_empty() {
        Some(App::Android)
    } else {
        None
    }
}

/// Whether a text is a FitNotes export: the Android header (`Date`,
/// `Exercise`, `Category`) or the iOS one (`StartTime`, `Exercise`, `Reps`).
pub(crate) fn sniff(text: &str) -> bool {
    first_header(text).is_some_and(|h| app(&h).is_some())
}

/// Reads a FitNotes export into `batch.workouts`; `Err` rejects the whole
/// file (not a FitNotes header, or a required column missing).
pub(crate) fn read(text: &str, ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
    let header = first_header(text)
        .ok_or("empty file or unreadable header; expected a FitNotes export header")?;
    match app(&header) {
        Some(App::Android) => android::read(text, ctx, batch),
        Some(App::Ios) => ios::read(text, ctx, batch),
        None => Err(format!(
            "not a FitNotes export: expected the columns Date, Exercise and Category (Android) or StartTime, Exercise and Reps (iOS); found: {}",
            header.raw.join(", ")
        )),
    }
}
