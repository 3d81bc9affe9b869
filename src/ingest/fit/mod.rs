//! Raw FIT activity files (`.fit`; `.fit.gz` arrives unpacked): one session
//! per `session` message, with strength detail from the `set` messages.
//!
//! Owns the FIT rules of the audit:
//! - start = `session.start_time`; end = start + `total_elapsed_time` (never
//!   `session.timestamp`: some watches write the summary first, timestamped at
//!   the start); sport and sub-sport as FIT profile names;
//! - the local offset is `activity.local_timestamp - activity.timestamp` when it
//!   is believable (within 14 h, whole quarter hours), else unknown and the
//!   roster's zone gives it;
//! - a `date_time` below 0x10000000 counts from device power-on: such a session
//!   is rejected, never given an invented date;
//! - each set goes to the session with the latest start at or before the set's
//!   `start_time`; active sets give sets, repetitions and volume;
//! - chained files, developer fields and compressed timestamps are read; a file
//!   that is not an activity, or has no session, is rejected with that reason;
//! - damage (bad CRC, truncation, corrupt bytes) keeps every session message
//!   decoded whole before it, with a `fit_damaged` note; with nothing usable
//!   the file is rejected naming the damage.
//!
//! For FIT, `RawSession::line` (and the rejection line) is the 1-based index k
//! of the session message in the file, and the session id is `<prefix>:k`.

mod crc;
mod decode;
mod definition;
#[cfg(test)]
pub(crate) mod encode;
mod header;
mod messages;
mod sessions;
mod skip;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_corpus;
#[cfg(test)]
mod tests_sdk;

use super::batch::{Batch, FileCtx};
use super::format::{Content, FileRead, Format};
use crate::model::{Note, RawSession, SourceFormat, StrengthDetail};
use decode::Decoded;
use messages::{FileId, SessionMsg, FILE_TYPE_ACTIVITY};
use sessions::{
    activity_offset_s, sane_offset_s, session_facts, strength_by_session, SessionError,
};

/// A raw FIT activity file.
pub(crate) struct Fit;

/// The format's name in reports.
pub(crate) const KIND: SourceFormat = SourceFormat::device("fit", 4);

impl Format for Fit {
    fn kind(&self) -> SourceFormat {
        KIND
    }

    fn sniff(&self, content: Content<'_>) -> bool {
        matches!(content, Content::Bytes(bytes) if is_fit(bytes))
    }

    fn read(&self, content: Content<'_>, file: FileRead<'_, '_>) -> Result<(), String> {
        read(super::format::bytes(content)?, file.ctx, file.batch)
    }
}

/// Whether bytes start with a FIT file header.
pub(crate) fn is_fit(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && &bytes[8..12] == b".FIT"
}

/// Reads the sessions of a FIT file into `batch`; `Err` rejects the whole file.
pub(crate) fn read(bytes: &[u8], ctx: &FileCtx, batch: &mut Batch) -> Result<(), String> {
    let decoded = decode::decode(bytes);
    let in_activity = activity_parts(&decoded.parts);
    if !in_activity.contains(&true) {
        return Err(not_activity_reason(&decoded));
    }
    // Sessions of non-activity parts of a chain keep their number but are not read.
    let usable: Vec<Option<&SessionMsg>> = decoded
        .sessions
        .iter()
        .map(|s| {
            in_activity
                .get(s.part)
                .copied()
                .unwrap_or(false)
                .then_some(s)
        })
        .collect();
    if usable.iter().all(Option::is_none) {
        return Err(no_session_reason(&decoded));
    }
    let (strength, unassigned_sets) = strength_by_session(&usable, &decoded.sets);
    for (index, (msg, strength)) in usable.iter().zip(strength).enumerate() {
        let Some(msg) = msg else { continue };
        let k = index as u64 + 1;
        let offset_s = activity_offset_s(&decoded.activities, msg.part).and_then(sane_offset_s);
        match raw_session(msg, k, offset_s, strength, ctx) {
            Ok(session) => batch.push(ctx, session),
            Err((column, reason)) => batch.reject(ctx, k, column, reason),
        }
    }
    push_notes(&decoded, unassigned_sets, ctx, batch);
    Ok(())
}

/// The session of the k-th session message, or why it has none.
fn raw_session(
    msg: &SessionMsg,
    k: u64,
    offset_s: Option<i32>,
    strength: StrengthDetail,
    ctx: &FileCtx,
) -> Result<RawSession, SessionError> {
    let facts = session_facts(msg, offset_s)?;
    Ok(RawSession {
        session_id: format!("{}:{}", ctx.id_prefix, k).into(),
        athlete_id: crate::model::CompactString::default(),
        start: facts.start,
        duration_s: facts.duration_s,
        modality: None,
        sport: facts.sport.into(),
        sub_sport: facts.sub_sport.into(),
        rpe: facts.rpe,
        to_failure: None,
        strength,
        planned: false,
        wall_clock_end: None,
        source: ctx.source,
        line: k,
    })
}

/// Per FIT file of the chain: whether it is an activity. A part without a
/// `file_id` continues the one before; a `file_id` without a type (seen on
/// real files) does not make a file something else.
fn activity_parts(parts: &[Option<FileId>]) -> Vec<bool> {
    let mut current = None;
    parts
        .iter()
        .map(|file_id| {
            if let Some(file_id) = file_id {
                current = file_id.file_type;
            }
            current.is_none_or(|t| t == FILE_TYPE_ACTIVITY)
        })
        .collect()
}

/// Why a file without any activity part is rejected.
fn not_activity_reason(decoded: &Decoded) -> String {
    match decoded.parts.iter().flatten().next() {
        Some(file_id) => format!(
            "not an activity file: the FIT file type is {} (only activity files hold sessions)",
            file_id.type_name()
        ),
        // Nothing decoded at all: the damage says what the bytes are not.
        None => decoded.damage.join("; "),
    }
}

/// Why an activity file without any session is rejected.
fn no_session_reason(decoded: &Decoded) -> String {
    if decoded.damage.is_empty() {
        "FIT activity file without a session message: nothing to audit".into()
    } else {
        format!(
            "{}; no whole session message before the damage",
            damage_summary(decoded)
        )
    }
}

fn damage_summary(decoded: &Decoded) -> String {
    match decoded.damage.as_slice() {
        [] => "no FIT data".into(),
        damage => format!("damaged FIT file: {}", damage.join("; ")),
    }
}

/// File-level notes: damage survived, sets without a session, offsets ignored.
fn push_notes(decoded: &Decoded, unassigned_sets: usize, ctx: &FileCtx, batch: &mut Batch) {
    if !decoded.damage.is_empty() {
        let kept = decoded.sessions.len();
        let detail = format!(
            "{}; kept the {kept} session message(s) that decoded whole",
            damage_summary(decoded)
        );
        batch
            .notes
            .push(Note::file("fit_damaged", ctx.shown, 0, detail));
    }
    if unassigned_sets > 0 {
        let detail = format!(
            "{unassigned_sets} set message(s) not counted: no start_time, or it is before every session's start"
        );
        batch
            .notes
            .push(Note::file("fit_sets_unassigned", ctx.shown, 0, detail));
    }
    let odd = decoded
        .activities
        .iter()
        .filter_map(|a| a.offset_s())
        .find(|&o| sane_offset_s(o).is_none());
    if let Some(offset_s) = odd {
        let detail = format!(
            "activity local_timestamp - timestamp = {offset_s} s is not a UTC offset (more than 14 h or not whole quarter hours); the roster's timezone is used"
        );
        batch
            .notes
            .push(Note::file("fit_offset_ignored", ctx.shown, 0, detail));
    }
}
