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
    /// An athlete exempt by status when `rules` leave `status` out of
    /// scope (the age is looked at later, with the first session's date).
    pub(crate) fn new(
        athlete_id: String,
        group: String,
        status: Status,
        power_focus: bool,
        rules: &Rules,
    ) -> AthleteInfo {
        AthleteInfo {
            athlete_id,
            group,
            status,
            power_focus,
            exempt_reason: (!rules.in_scope(status)).then_some(ExemptReason::Status),
        }
    }

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
        if !info.in_scope() {
            continue;
        }
        let birth = roster
            .athletes
            .get(&info.athlete_id)
            .and_then(|a| a.birth_date);
        let (Some(birth), Some(first)) = (birth, sessions[range.clone()].first()) else {
            continue;
        };
        if age_years(birth, first.local_date()) >= rules.exempt_from_age {
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

    /// Athletes `A`, `B`, `C` (B with a status out of scope), each born
    /// `born`, with one session on the test day (2026-03-02).
    fn exempted(born: NaiveDate, exempt_from_age: u32) -> Vec<Option<ExemptReason>> {
        use crate::model::Modality;
        let ids = ["A", "B", "C"];
        let mut athletes: Vec<AthleteInfo> = ids
            .iter()
            .map(|id| AthleteInfo {
                athlete_id: id.to_string(),
                group: "g".into(),
                status: if *id == "B" {
                    Status::Recreational
                } else {
                    Status::Trained
                },
                power_focus: false,
                exempt_reason: (*id == "B").then_some(ExemptReason::Status),
            })
            .collect();
        let sessions: Vec<Session> = (0..3)
            .map(|a| {
                let mut s = crate::test_support::session(ids[a], Modality::Strength, 600, 60);
                s.athlete = a as u32;
                s
            })
            .collect();
        let mut roster = Roster::default();
        for id in ["A", "B"] {
            let athlete = crate::model::Athlete {
                athlete_id: id.to_string(),
                group: "g".into(),
                status: Status::Trained,
                power_focus: false,
                timezone: None,
                birth_date: Some(born),
                weight_unit: None,
                name: String::new(),
                sources: Vec::new(),
            };
            roster.athletes.insert(id.to_string(), athlete);
        }
        let rules = Rules {
            exempt_from_age,
            ..Rules::default()
        };
        exempt_by_age(
            &mut athletes,
            &sessions,
            &[0..1, 1..2, 2..3],
            &roster,
            &rules,
        );
        athletes.iter().map(|a| a.exempt_reason).collect()
    }

    #[test]
    fn athletes_of_the_age_are_exempt_by_age_and_a_status_exemption_stays() {
        let (age, status) = (Some(ExemptReason::Age), Some(ExemptReason::Status));
        // 65 on the day of the first session; C has no birth date.
        assert_eq!(exempted(date(1961, 3, 2), 65), [age, status, None]);
        assert_eq!(exempted(date(1961, 3, 3), 65), [None, status, None]);
        // 0 turns the rule off.
        assert_eq!(exempted(date(1930, 1, 1), 0), [None, status, None]);
    }

    #[test]
    fn a_birthday_counts_on_its_day() {
        assert_eq!(age_years(date(1961, 3, 2), date(2026, 3, 2)), 65);
        assert_eq!(age_years(date(1961, 3, 3), date(2026, 3, 2)), 64);
        assert_eq!(age_years(date(2030, 1, 1), date(2026, 3, 2)), 0);
    }
}
