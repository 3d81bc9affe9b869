//! From decoded FIT messages to session facts: start instant, local offset,
//! duration, sport names, RPE, and the strength detail of the `set` messages.

use fitparser::profile::FieldDataType;

use super::messages::{
    profile_name, Activity, SessionMsg, SetMsg, FIRST_ABSOLUTE_FIT_S, FIT_EPOCH_UNIX_S,
    SET_TYPE_ACTIVE,
};
pub(super) use crate::model::sane_offset_s;
use crate::model::{StartTime, StrengthDetail};

/// A session problem: the field involved and what was wrong.
pub(super) type SessionError = (&'static str, String);

/// Session facts read from one `session` message.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SessionFacts {
    /// Start, with the offset when the file gives a believable one.
    pub(crate) start: StartTime,
    /// `total_elapsed_time`, seconds (decimals kept).
    pub(crate) duration_s: f64,
    /// Sport as a FIT profile name (empty when missing).
    pub(crate) sport: String,
    /// Sub-sport as a FIT profile name (empty when missing).
    pub(crate) sub_sport: String,
    /// Session RPE (CR-10) from `workout_rpe`.
    pub(crate) rpe: Option<f64>,
}

/// Reads one session's facts; `offset_s` is the file's believable offset.
pub(super) fn session_facts(
    msg: &SessionMsg,
    offset_s: Option<i32>,
) -> Result<SessionFacts, SessionError> {
    let utc_us = start_utc_us(msg.start_time_s)?;
    let elapsed_ms = msg.total_elapsed_ms.ok_or((
        "total_elapsed_time",
        "the session message has no total_elapsed_time, so its end is unknown".to_string(),
    ))?;
    let name = |kind, value: Option<u8>| value.map(|v| profile_name(kind, v)).unwrap_or_default();
    Ok(SessionFacts {
        start: match offset_s {
            Some(offset_s) => StartTime::Instant { utc_us, offset_s },
            None => StartTime::Utc(utc_us),
        },
        duration_s: f64::from(elapsed_ms) / 1000.0,
        sport: name(FieldDataType::Sport, msg.sport),
        sub_sport: name(FieldDataType::SubSport, msg.sub_sport),
        // workout_rpe is the 0-10 scale times 10; anything above is not an RPE.
        rpe: msg
            .workout_rpe_x10
            .filter(|&x10| x10 <= 100)
            .map(|x10| f64::from(x10) / 10.0),
    })
}

/// Microseconds since the Unix epoch of a session `start_time`.
fn start_utc_us(start_time_s: Option<u32>) -> Result<i64, SessionError> {
    match start_time_s {
        None => Err((
            "start_time",
            "the session message has no start_time; expected its start as a FIT date_time".to_string(),
        )),
        Some(s) if s < FIRST_ABSOLUTE_FIT_S => Err((
            "start_time",
            format!(
                "start_time is {s}: a FIT date_time below 0x10000000 counts seconds since the device was switched on, not a date; expected a date_time of 0x10000000 or more"
            ),
        )),
        Some(s) => Ok((i64::from(s) + FIT_EPOCH_UNIX_S) * 1_000_000),
    }
}

/// The raw offset of the activity message for a session in FIT file `part`:
/// that part's activity, else the file's first activity that has one.
pub(super) fn activity_offset_s(activities: &[Activity], part: usize) -> Option<i64> {
    activities
        .iter()
        .filter(|a| a.part == part)
        .find_map(Activity::offset_s)
        .or_else(|| activities.iter().find_map(Activity::offset_s))
}

/// Running totals of the sets given to one session.
#[derive(Debug, Clone, Copy, Default)]
struct SetTotals {
    any: bool,
    active: u32,
    reps: Option<u32>,
    volume_kg: Option<f64>,
}

impl SetTotals {
    fn add(&mut self, set: &SetMsg) {
        self.any = true;
        if set.set_type != Some(SET_TYPE_ACTIVE) {
            return;
        }
        self.active = self.active.saturating_add(1);
        if let Some(reps) = set.repetitions {
            self.reps = Some(self.reps.unwrap_or(0).saturating_add(u32::from(reps)));
            if let Some(weight) = set.weight_16th_kg {
                let kg = f64::from(weight) / 16.0;
                self.volume_kg = Some(self.volume_kg.unwrap_or(0.0) + f64::from(reps) * kg);
            }
        }
    }

    fn detail(self) -> StrengthDetail {
        if !self.any {
            return StrengthDetail::default();
        }
        StrengthDetail {
            sets: Some(self.active),
            reps: self.reps,
            volume_kg: self.volume_kg,
            ..StrengthDetail::default()
        }
    }
}

/// Strength detail per session (same order as `sessions`) and the number of
/// sets no session could take. A set goes to the session with the latest
/// `start_time` at or before the set's `start_time` (`set.timestamp` is often
/// the session start on real files); `None` sessions take no sets.
pub(super) fn strength_by_session(
    sessions: &[Option<&SessionMsg>],
    sets: &[SetMsg],
) -> (Vec<StrengthDetail>, usize) {
    let mut totals = vec![SetTotals::default(); sessions.len()];
    let mut unassigned = 0;
    for set in sets {
        match owner(sessions, set.start_time_s) {
            Some(i) => {
                if let Some(t) = totals.get_mut(i) {
                    t.add(set);
                }
            }
            None => unassigned += 1,
        }
    }
    (
        totals.into_iter().map(SetTotals::detail).collect(),
        unassigned,
    )
}

/// Index of the session with the latest absolute start at or before `set_start_s`.
fn owner(sessions: &[Option<&SessionMsg>], set_start_s: Option<u32>) -> Option<usize> {
    let set_start_s = set_start_s.filter(|&s| s >= FIRST_ABSOLUTE_FIT_S)?;
    sessions
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((s.as_ref()?.start_time_s?, i)))
        .filter(|&(start, _)| start >= FIRST_ABSOLUTE_FIT_S && start <= set_start_s)
        .max()
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_within_14_hours_on_quarter_hours_are_believed() {
        assert_eq!(sane_offset_s(7200), Some(7200));
        assert_eq!(sane_offset_s(-5 * 3600 - 1800), Some(-19800));
        assert_eq!(sane_offset_s(14 * 3600), Some(50400));
        assert_eq!(sane_offset_s(-14 * 3600), Some(-50400));
        assert_eq!(sane_offset_s(14 * 3600 + 1800), None);
        assert_eq!(sane_offset_s(7 * 60), None);
        assert_eq!(sane_offset_s(681_625_390), None);
    }
}
