//! From FIT messages to sessions, with the raw FIT reader's meaning: one
//! session per `session` message, start = `start_time`, duration =
//! `total_elapsed_time` (never `timestamp`, which some watches set to the
//! start), the UTC offset from the `activity` message, strength detail from
//! `set` messages.

use fitparser::profile::field_types::{File, Sport, SubSport};

use super::message::{Kind, Message};
use super::values::{
    count, fit_seconds, local_fit_seconds, number, profile_name, FIT_EPOCH_UNIX_S,
};
use crate::ingest::batch::{Batch, FileCtx};
use crate::model::{Note, RawSession, StartTime, StrengthDetail};

/// A FIT `date_time` below 0x10000000 counts seconds since the device was
/// switched on, not since the FIT epoch.
const FIT_MIN_DATE_S: f64 = 268_435_456.0;

/// The largest FIT `date_time` (uint32).
const FIT_MAX_DATE_S: f64 = 4_294_967_295.0;

/// What a FIT time value should look like, for messages.
const EXPECTED_FIT_TIME: &str =
    "expected FIT seconds since 1989-12-31T00:00:00Z (e.g. 1129916646) or ISO 8601 (2025-10-20T17:44:06Z)";

/// A session problem: the field and what was wrong and expected.
type RowError = (&'static str, String);

/// Adds a session per `session` message to `batch` (damaged ones rejected);
/// `Err` when there is no session message at all.
pub(super) fn build(messages: &[Message], ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
    let sessions: Vec<&Message> = of_kind(messages, Kind::Session).collect();
    if sessions.is_empty() {
        return Err(no_session_reason(messages));
    }
    let offset_s = local_offset_s(messages, ctx, batch);
    let starts_s: Vec<Option<f64>> = sessions.iter().map(|m| start_time_s(m).ok()).collect();
    let tallies = tally_sets(messages, &starts_s, ctx, batch);
    for (i, m) in sessions.iter().enumerate() {
        match session(m, i + 1, offset_s, ctx) {
            Ok(mut s) => {
                s.strength = tallies[i].detail();
                batch.push(ctx, s);
            }
            Err((column, reason)) => batch.reject(ctx, m.line, column, reason),
        }
    }
    Ok(())
}

fn of_kind(messages: &[Message], kind: Kind) -> impl Iterator<Item = &Message> {
    messages.iter().filter(move |m| m.kind == kind)
}

/// Why a file without session messages is not read: what kind of FIT file it is.
fn no_session_reason(messages: &[Message]) -> String {
    let file_type = of_kind(messages, Kind::FileId)
        .find_map(|m| m.get("type"))
        .map(profile_name::<File>);
    match file_type.as_deref() {
        Some("activity") => "an activity file with no session message (cut off, or records \
             only): nothing says where sessions start and end; expected session Data rows"
            .into(),
        Some(kind) => format!(
            "not an activity: a FIT '{kind}' file, with no session message; \
             expected an activity with session Data rows"
        ),
        None => "no session message (and no file_id type): not an activity; \
             expected session Data rows"
            .into(),
    }
}

/// One session from its message; `k` is its 1-based index among the file's sessions.
fn session(
    m: &Message,
    k: usize,
    offset_s: Option<i32>,
    ctx: &FileCtx,
) -> Result<RawSession, RowError> {
    let start_s = start_time_s(m)?;
    let duration_s = elapsed_s(m)?;
    let utc_us = ((start_s + FIT_EPOCH_UNIX_S) * 1e6).round() as i64;
    let start = match offset_s {
        Some(offset_s) => StartTime::Instant { utc_us, offset_s },
        None => StartTime::Utc(utc_us),
    };
    Ok(RawSession {
        session_id: format!("{}:{k}", ctx.id_prefix).into(),
        athlete_id: crate::model::CompactString::default(),
        start,
        duration_s,
        modality: None,
        sport: m
            .get("sport")
            .map(profile_name::<Sport>)
            .unwrap_or_default()
            .into(),
        sub_sport: m
            .get("sub_sport")
            .map(profile_name::<SubSport>)
            .unwrap_or_default()
            .into(),
        rpe: None,
        to_failure: None,
        strength: StrengthDetail::default(),
        planned: false,
        wall_clock_end: None,
        source: ctx.source,
        line: m.line,
    })
}

/// The session's `start_time` in FIT seconds, a real date.
fn start_time_s(m: &Message) -> Result<f64, RowError> {
    let column = "start_time";
    let text = m.get(column).ok_or_else(|| {
        (
            column,
            format!("the session has no start_time; {EXPECTED_FIT_TIME}"),
        )
    })?;
    let s = fit_seconds(text).ok_or_else(|| {
        (
            column,
            format!("start_time '{text}' is not a time; {EXPECTED_FIT_TIME}"),
        )
    })?;
    if s < FIT_MIN_DATE_S {
        return Err((column, format!(
            "start_time '{text}' is before 1998-07-03: below 0x10000000 a FIT time counts seconds since the device was switched on, not a date"
        )));
    }
    if s > FIT_MAX_DATE_S {
        return Err((
            column,
            format!("start_time '{text}' is after the last FIT date (2126-02-06)"),
        ));
    }
    Ok(s)
}

/// The session's `total_elapsed_time`: seconds, finite, >= 0.
fn elapsed_s(m: &Message) -> Result<f64, RowError> {
    let column = "total_elapsed_time";
    let text = m.get(column).ok_or_else(|| {
        (
            column,
            "the session has no total_elapsed_time; expected seconds >= 0 (the end is start_time + total_elapsed_time)".to_string(),
        )
    })?;
    match number(text) {
        Some(s) if s >= 0.0 => Ok(s),
        _ => Err((
            column,
            format!("total_elapsed_time '{text}' is not a number of seconds >= 0"),
        )),
    }
}

/// The local offset from the first `activity` with both times, if plausible.
///
/// FIT gives the offset nowhere else; a difference that is not a whole
/// quarter hour within 14 h is a device error, and the roster zone is better.
fn local_offset_s(messages: &[Message], ctx: &FileCtx, batch: &mut Batch) -> Option<i32> {
    let activity = of_kind(messages, Kind::Activity)
        .find(|m| m.get("timestamp").is_some() && m.get("local_timestamp").is_some())?;
    let utc_text = activity.get("timestamp").unwrap_or_default();
    let local_text = activity.get("local_timestamp").unwrap_or_default();
    let offset_s = fit_seconds(utc_text)
        .zip(local_fit_seconds(local_text))
        .map(|(utc, local)| (local - utc).round())
        // Range-checked as a float: a wild difference must not overflow.
        .filter(|o| o.abs() <= 1e9)
        .and_then(|o| crate::model::sane_offset_s(o as i64));
    if offset_s.is_none() {
        batch.notes.push(Note::file(
            "unusable_utc_offset",
            ctx.shown,
            activity.line,
            format!(
                "activity local_timestamp '{local_text}' - timestamp '{utc_text}' is not a whole quarter hour within 14 h; session starts read as UTC and placed with the roster's timezone"
            ),
        ));
    }
    offset_s
}

/// Sets, repetitions and volume gathered for one session.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    /// Whether any set message (active or rest) belongs to the session.
    any_set: bool,
    active_sets: u32,
    reps: Option<u32>,
    volume_kg: Option<f64>,
}

impl Tally {
    fn add(&mut self, set: &Message) {
        self.any_set = true;
        let active = set
            .get("set_type")
            .is_some_and(|t| t == "1" || t.eq_ignore_ascii_case("active"));
        if !active {
            return;
        }
        self.active_sets += 1;
        let reps = set.get("repetitions").and_then(count);
        if let Some(r) = reps {
            self.reps = Some(self.reps.unwrap_or(0).saturating_add(r));
        }
        let weight_kg = set.get("weight").and_then(number).filter(|w| *w >= 0.0);
        if let (Some(r), Some(w)) = (reps, weight_kg) {
            self.volume_kg = Some(self.volume_kg.unwrap_or(0.0) + f64::from(r) * w);
        }
    }

    /// Detail only for sessions that have set messages: others say nothing.
    fn detail(&self) -> StrengthDetail {
        if !self.any_set {
            return StrengthDetail::default();
        }
        StrengthDetail {
            sets: Some(self.active_sets),
            reps: self.reps,
            // Absurd weights can overflow the sum: no volume beats an infinite one.
            volume_kg: self.volume_kg.filter(|v| v.is_finite()),
            ..StrengthDetail::default()
        }
    }
}

/// Gives each set to the session with the latest start at or before the
/// set's `start_time` (its `timestamp` is often the activity's start).
fn tally_sets(
    messages: &[Message],
    starts_s: &[Option<f64>],
    ctx: &FileCtx,
    batch: &mut Batch,
) -> Vec<Tally> {
    let mut tallies = vec![Tally::default(); starts_s.len()];
    let mut unassigned = 0u64;
    for set in of_kind(messages, Kind::Set) {
        let owner = set
            .get("start_time")
            .and_then(fit_seconds)
            .and_then(|s| owner(starts_s, s));
        match owner {
            Some(i) => tallies[i].add(set),
            None => unassigned += 1,
        }
    }
    if unassigned > 0 {
        batch.notes.push(Note::file(
            "unassigned_sets",
            ctx.shown,
            0,
            format!("{unassigned} set message(s) without a readable start_time or starting before every session: not counted in any session"),
        ));
    }
    tallies
}

/// Index of the session with the latest start at or before `set_start_s`
/// (the later in the file on a tie).
fn owner(starts_s: &[Option<f64>], set_start_s: f64) -> Option<usize> {
    starts_s
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.filter(|s| *s <= set_start_s).map(|s| (i, s)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_goes_to_the_latest_session_started_at_or_before_it() {
        let starts = [Some(100.0), None, Some(300.0), Some(200.0)];
        assert_eq!(owner(&starts, 50.0), None);
        assert_eq!(owner(&starts, 100.0), Some(0));
        assert_eq!(owner(&starts, 250.0), Some(3));
        assert_eq!(owner(&starts, 300.0), Some(2));
        assert_eq!(owner(&[Some(5.0), Some(5.0)], 6.0), Some(1));
    }
}
