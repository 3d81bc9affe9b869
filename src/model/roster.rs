//! The roster: who each athlete is and how the rules treat them.

use std::collections::BTreeMap;

use super::modality::Status;
use super::workout::WeightUnit;

/// The group of athletes that are in the logs but not in the roster.
pub(crate) const UNASSIGNED_GROUP: &str = "unassigned";

/// The row of all athletes after the groups' in summary.csv and the
/// console: no group may have this name.
pub(crate) const ALL_GROUPS: &str = "ALL";

/// One roster row: who an athlete is and how the rules treat them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Athlete {
    /// The id that logs use for this athlete.
    pub(crate) athlete_id: String,
    /// The group reports are written for.
    pub(crate) group: String,
    /// Training status; decides whether the rules apply.
    pub(crate) status: Status,
    /// Needs much explosive power: stricter spacing.
    pub(crate) power_focus: bool,
    /// IANA zone for local wall-clock times without an offset.
    pub(crate) timezone: Option<chrono_tz::Tz>,
    /// Birth date (`birth_year` alone is read as 1 July), for the age rule.
    pub(crate) birth_date: Option<chrono::NaiveDate>,
    /// The unit of the athlete's gym-app files that do not say theirs.
    pub(crate) weight_unit: Option<WeightUnit>,
    /// Display name (never required).
    pub(crate) name: String,
    /// Glob patterns of files that belong to this athlete (for formats without an athlete id).
    pub(crate) sources: Vec<String>,
}

/// All roster rows by athlete id.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Roster {
    /// Athletes keyed by id.
    pub(crate) athletes: BTreeMap<String, Athlete>,
}
