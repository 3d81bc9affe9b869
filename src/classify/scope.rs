//! Who the rules apply to (RULES.md section 3): the status decides, and
//! athletes of at least `exempt_from_age` years on the date of their first
//! session are exempt too; each exempt athlete says why.

use std::ops::Range;

use crate::config::Rules;
use crate::model::{Roster, Session, Status};

/// An athlete of the frame with what the rules need to know.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AthleteInfo {
    /// Athlete id.
    pub(crate) athlete_id: String,
    /// Report group.
    pub(crate) group: String,
    /// Training status.
    pub(crate) status: Status,
    /// Stricter spacing applies.
    pub(crate) power_focus: bool,
    /// Why the athlete is exempt (RULES.md section 3); `None`: the rules apply.
    pub(crate) exempt_reason: Option<ExemptReason>,
}

/// Why an athlete is exempt: the status alone (whatever the age), else the age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExemptReason {
    /// The roster status is not one the rules apply to.
    Status,
    /// At least `exempt_from_age` years old on the date of the first session.
    Age,
}

impl ExemptReason {
    /// The name in athletes.csv.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ExemptReason::Status => "status",
            ExemptReason::Age => "age",
        }
    }
}

impl AthleteInfo {
    /// The rules apply: the status is in scope and the athlete not exempt by age.
    pub(crate) fn in_scope(&self) -> bool {
        self.exempt_reason.is_none()
    }

    /// Why the athlete is exempt, in words (`exempt by age`, `exempt by
    /// status (recreational)`), or `None` when the rules apply.
    pub(crate) fn exempt_words(&self) -> Option<String> {
        self.exempt_reason.map(|reason| match reason {
            ExemptReason::Age => "exempt by age".to_string(),
            ExemptReason::Status => format!("exempt by status ({})", self.status),
        })
    }
}

/// Exempts athletes in scope whose age on the local date of their first
/// session is at least `exempt_from_age` (RULES.md section 3).
pub(super) fn exempt_by_age(
    athletes: &mut [AthleteInfo],
    sessions: &[Session],
    ranges: &[Range<usize>],
    roster: &Roster,
    rules: &Rules,
) {
    if rules.exempt_from_age == 0 {
        return;
    }
    for (info, range) in athletes.iter_mut().zip(ranges) {
        let birth = roster
            .athletes
            .get(&info.athlete_id)
            .and_then(|a| a.birth_date);
        let (Some(birth), Some(first)) = (birth, sessions.get(range.start)) else {
            continue;
        };
        if !info.in_scope() || range.is_empty() {
            continue;
        }
        let first_date = crate::model::local_datetime(first.start_us, first.offset_s).date();
        if age_years(birth, first_date) >= rules.exempt_from_age {
            info.exempt_reason = Some(ExemptReason::Age);
        }
    }
}

/// Completed years from `birth` to `on` (a birthday counts on its day).
fn age_years(birth: chrono::NaiveDate, on: chrono::NaiveDate) -> u32 {
    on.years_since(birth).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_birthday_counts_on_its_day() {
        assert_eq!(age_years(date(1961, 3, 2), date(2026, 3, 2)), 65);
        assert_eq!(age_years(date(1961, 3, 3), date(2026, 3, 2)), 64);
        assert_eq!(age_years(date(2030, 1, 1), date(2026, 3, 2)), 0);
    }
}
