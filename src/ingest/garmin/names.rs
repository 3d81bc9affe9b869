//! Garmin Connect column names in the account's language (English, Dutch,
//! German, Danish, Swedish, French, Spanish) and finding the columns the
//! reader needs in a header.

use crate::ingest::columns::{Column, Header};

/// The activity type ("Running", "Styrketræning"...).
pub(super) const ACTIVITY_TYPE: &[&str] = &[
    "Activity Type",
    "Activiteittype",
    "Activiteitstype",
    "Aktivitätstyp",
    "Aktivitetstype",
    "Aktivitetstyp",
    "Type d'activité",
    "Tipo de actividad",
];

/// The local start; `Start` is the 2012 layout's.
pub(super) const DATE: &[&str] = &["Date", "Start", "Datum", "Dato", "Fecha"];

/// Elapsed time: the duration the audit wants (RULES.md section 2).
pub(super) const ELAPSED: &[&str] = &[
    "Elapsed Time",
    "Verstreken tijd",
    "Verstrichene Zeit",
    "Tidsforbrug",
    "Total tid",
    "Temps écoulé",
    "Tiempo transcurrido",
];

/// The list's main time (timer time), when there is no elapsed time.
pub(super) const TIME: &[&str] = &["Time", "Tijd", "Zeit", "Tid", "Durée", "Temps", "Tiempo"];

/// Moving time: the last resort, as it leaves out pauses.
pub(super) const MOVING: &[&str] = &[
    "Moving Time",
    "Tijd bewogen",
    "Tijd in beweging",
    "Zeit in Bewegung",
    "Tid i bevægelse",
    "Färdtid",
    "Temps de déplacement",
    "Tiempo en movimiento",
];

/// A Garmin activity id, where the list view has one.
pub(super) const ACTIVITY_ID: &[&str] = &[
    "Activity ID",
    "Activiteit-ID",
    "Aktivitäts-ID",
    "Aktivitets-ID",
    "ID d'activité",
    "ID de actividad",
];

/// Whether a header row is a Garmin Connect activity list's (the names
/// in any language).
pub(super) fn is_header(header: &Header) -> bool {
    Column::find(header, ACTIVITY_TYPE).is_some() && Column::find(header, DATE).is_some()
}

/// The columns of one file.
#[derive(Debug, Clone)]
pub(super) struct Columns {
    /// Cells in the header row.
    pub(crate) width: usize,
    /// Activity type, read as the sport.
    pub(crate) sport: Column,
    /// Local start date-time.
    pub(crate) date: Column,
    /// Duration columns present, most wanted first: elapsed, time, moving.
    pub(crate) durations: Vec<Column>,
    /// Activity id, if the list view has one.
    pub(crate) id: Option<Column>,
}

impl Columns {
    /// Finds the columns, or says what is missing.
    pub(super) fn find(header: &Header) -> Result<Columns, String> {
        let column = |names: &[&str]| Column::find(header, names);
        let durations: Vec<Column> = [ELAPSED, TIME, MOVING]
            .into_iter()
            .filter_map(column)
            .collect();
        match (column(ACTIVITY_TYPE), column(DATE)) {
            (Some(sport), Some(date)) if !durations.is_empty() => Ok(Columns {
                width: header.raw.len(),
                sport,
                date,
                durations,
                id: column(ACTIVITY_ID),
            }),
            (sport, date) => Err(missing_reason(sport.is_none(), date.is_none(), header)),
        }
    }
}

fn missing_reason(no_type: bool, no_date: bool, header: &Header) -> String {
    let wanted = [
        (
            no_type,
            "an activity type (Activity Type, Aktivitetstype, ...)",
        ),
        (no_date, "a date (Date, Datum, Dato, Fecha, Start)"),
        (
            !no_type && !no_date,
            "a duration (Elapsed Time, Time, Moving Time or the same in the account's language)",
        ),
    ];
    let missing: Vec<&str> = wanted.iter().filter(|(m, _)| *m).map(|(_, w)| *w).collect();
    format!(
        "Garmin Connect activity list without {} (found: {})",
        missing.join(" and "),
        header.raw.join(", ")
    )
}
