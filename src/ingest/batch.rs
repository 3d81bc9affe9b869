//! Where a reader puts what it reads: accepted records, rejections and notes
//! of one file on disk, and the sessions those records were converted into
//! while the file was still being read; and where the records of a file
//! come from ([`FileCtx`]).

use std::sync::Arc;

use super::bytes::Pages;
use crate::model::{
    CompactString, Note, Origin, RawSession, RawWorkout, Rejection, Session, StrengthDetail,
};

/// Where the records of one file come from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FileCtx<'a> {
    /// The file's path as shown to the user.
    pub(crate) shown: &'a str,
    /// Prefix for derived session ids: path relative to its input.
    pub(crate) id_prefix: &'a str,
    /// Index of the file in the run's file list.
    pub(crate) source: u32,
}

/// Records converted at a time: bounds the raw records a reading thread holds.
const CHUNK_RECORDS: usize = 16_384;

/// Turns raw records into sessions while files are still being read, so the
/// raw records of all files never exist at once (`classify` implements it).
pub(crate) trait Convert: Send + Sync {
    /// Moves the records of the file `ctx` (each with an athlete id) out of
    /// `raw` into `out` as sessions, adding any notes.
    fn convert(
        &self,
        ctx: &FileCtx,
        raw: &mut Vec<RawSession>,
        out: &mut Vec<Session>,
        notes: &mut Vec<Note>,
    );

    /// Makes sessions of the workouts of the gym-app log `ctx` (each with
    /// an athlete id): a session per workout or segment of one (RULES.md
    /// section 10), the strength details of their working sets into
    /// `details`, and any notes.
    fn convert_workouts(
        &self,
        ctx: &FileCtx,
        workouts: Vec<RawWorkout>,
        out: &mut Vec<Session>,
        details: &mut Vec<(Origin, StrengthDetail)>,
        notes: &mut Vec<Note>,
    );
}

/// Sessions, rejections and notes gathered from inputs.
pub(crate) struct Batch {
    /// Accepted records not converted (yet), in input order.
    pub(crate) sessions: Vec<RawSession>,
    /// Records and files not accepted.
    pub(crate) rejected: Vec<Rejection>,
    /// Data-quality notes.
    pub(crate) notes: Vec<Note>,
    /// Sessions converted so far (only with a converter), in input order,
    /// after those of `segments`.
    pub(crate) converted: Vec<Session>,
    /// Sessions converted in chunks read in parallel, in input order (kept
    /// apart: joining them would copy every session once more).
    pub(crate) segments: Vec<Vec<Session>>,
    /// Strength details of the converted sessions that have one (few do:
    /// they are kept here, not in each session), by origin.
    pub(crate) strength_details: Vec<(Origin, StrengthDetail)>,
    /// Workouts of the current file's gym-app log (sets grouped by the
    /// app's workout key), not converted yet.
    pub(crate) workouts: Vec<RawWorkout>,
    /// Records accepted so far, converted or not.
    pub(crate) accepted: u64,
    convert: Option<Arc<dyn Convert>>,
    /// The athlete of records without an athlete id (a format without the column).
    athlete: Option<CompactString>,
    /// Where the current file's records start in `sessions`.
    file_start: usize,
    /// Texts longer than this are read in parallel chunks (`split`).
    pub(super) split_bytes: usize,
    /// Texts without a quote longer than this are read in parallel chunks.
    pub(super) split_quote_free_bytes: usize,
    /// The mapped pages of the file being read, handed back as it is read.
    pub(crate) pages: Pages,
}

impl std::fmt::Debug for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("sessions", &self.sessions)
            .field("rejected", &self.rejected)
            .field("notes", &self.notes)
            .field("converted", &self.converted)
            .field("segments", &self.segments)
            .field("converting", &self.convert.is_some())
            .finish_non_exhaustive()
    }
}

impl Default for Batch {
    fn default() -> Batch {
        Batch {
            sessions: Vec::new(),
            rejected: Vec::new(),
            notes: Vec::new(),
            converted: Vec::new(),
            segments: Vec::new(),
            strength_details: Vec::new(),
            workouts: Vec::new(),
            accepted: 0,
            convert: None,
            athlete: None,
            file_start: 0,
            split_bytes: usize::MAX,
            split_quote_free_bytes: usize::MAX,
            pages: Pages::default(),
        }
    }
}

impl Batch {
    /// A batch that converts records in chunks as they are read.
    pub(crate) fn converting(convert: Arc<dyn Convert>) -> Batch {
        Batch {
            convert: Some(convert),
            ..Batch::default()
        }
    }

    /// Makes room for about `records` more records at once: one allocation
    /// instead of a doubling series, each copying and touching fresh memory.
    /// Room never used costs address space, not memory.
    pub(crate) fn expect_records(&mut self, records: usize) {
        if self.convert.is_some() {
            self.converted.reserve(records);
            self.sessions.reserve(records.min(CHUNK_RECORDS));
        } else {
            self.sessions.reserve(records);
        }
    }

    /// Adds an accepted record of the file `ctx`.
    pub(crate) fn push(&mut self, ctx: &FileCtx, session: RawSession) {
        self.sessions.push(session);
        self.accepted += 1;
        if self.sessions.len() >= CHUNK_RECORDS {
            self.flush(ctx);
        }
    }

    /// Adds an accepted workout of a gym-app log (its sets are checked).
    pub(crate) fn push_workout(&mut self, workout: RawWorkout) {
        self.workouts.push(workout);
        self.accepted += 1;
    }

    /// An empty batch for a chunk of the current file, converting like this one.
    pub(crate) fn fork(&self) -> Batch {
        Batch {
            convert: self.convert.clone(),
            athlete: self.athlete.clone(),
            pages: self.pages.clone(),
            ..Batch::default()
        }
    }

    /// Ends a forked chunk of the file `ctx`: its records are converted.
    pub(crate) fn finish_chunk(&mut self, ctx: &FileCtx) {
        self.flush(ctx);
    }

    /// Appends what a chunk forked from this batch read, after what this one holds.
    pub(crate) fn absorb(&mut self, chunk: Batch) {
        self.sessions.extend(chunk.sessions);
        self.rejected.extend(chunk.rejected);
        self.notes.extend(chunk.notes);
        if !self.converted.is_empty() {
            self.segments.push(std::mem::take(&mut self.converted));
        }
        self.segments.extend(chunk.segments);
        if !chunk.converted.is_empty() {
            self.segments.push(chunk.converted);
        }
        self.strength_details.extend(chunk.strength_details);
        self.accepted += chunk.accepted;
    }

    /// Whether a text of `bytes` is read in parallel chunks.
    pub(crate) fn splits(&self, bytes: usize) -> bool {
        bytes > self.split_bytes
    }

    /// Starts a file whose records without an athlete id belong to `athlete`.
    pub(super) fn start_file(&mut self, athlete: Option<&str>) {
        self.athlete = athlete.map(CompactString::from);
        self.file_start = self.sessions.len();
    }

    /// Ends the file `ctx`: its last records get their athlete and are converted.
    pub(super) fn finish_file(&mut self, ctx: &FileCtx) {
        self.fill_workout_athletes(ctx);
        if let Some(convert) = self.convert.clone().filter(|_| !self.workouts.is_empty()) {
            let workouts = std::mem::take(&mut self.workouts);
            convert.convert_workouts(
                ctx,
                workouts,
                &mut self.converted,
                &mut self.strength_details,
                &mut self.notes,
            );
        }
        if self.convert.is_some() {
            self.flush(ctx);
        } else {
            self.fill_athletes(ctx);
        }
        self.file_start = self.sessions.len();
    }

    /// With a converter, converts the records read so far (the current file's).
    fn flush(&mut self, ctx: &FileCtx) {
        let Some(convert) = self.convert.clone() else {
            return;
        };
        self.fill_athletes(ctx);
        let detailed = self.sessions.iter().filter(|r| r.has_strength_detail());
        let details = detailed.map(|r| (r.origin(), r.strength));
        self.strength_details.extend(details);
        convert.convert(
            ctx,
            &mut self.sessions,
            &mut self.converted,
            &mut self.notes,
        );
        self.sessions.clear();
        self.file_start = 0;
    }

    /// Gives the current file's records without an athlete id the file's
    /// athlete, or rejects them when it has none.
    fn fill_athletes(&mut self, ctx: &FileCtx) {
        let start = self.file_start.min(self.sessions.len());
        let rows = &mut self.sessions[start..];
        if rows.iter().all(|s| !s.athlete_id.is_empty()) {
            return;
        }
        if let Some(athlete) = &self.athlete {
            for s in rows.iter_mut().filter(|s| s.athlete_id.is_empty()) {
                s.athlete_id = athlete.clone();
            }
            return;
        }
        let rejected = &mut self.rejected;
        let mut index = 0;
        self.sessions.retain(|s| {
            index += 1;
            let keep = index <= self.file_start || !s.athlete_id.is_empty();
            if !keep {
                rejected.push(Rejection {
                    source_file: ctx.shown.to_string(),
                    line: s.line,
                    column: String::new(),
                    reason: "no athlete: the format has no athlete column, no roster `sources` pattern matches the file and it is not in an athlete folder".into(),
                });
            }
            keep
        });
    }

    /// Gives the current file's workouts the file's athlete; a gym-app log
    /// is one person's, so without one the whole file is rejected.
    fn fill_workout_athletes(&mut self, ctx: &FileCtx) {
        if self.workouts.iter().all(|w| !w.athlete_id.is_empty()) {
            return;
        }
        match &self.athlete {
            Some(athlete) => {
                for w in self.workouts.iter_mut().filter(|w| w.athlete_id.is_empty()) {
                    w.athlete_id = athlete.clone();
                }
            }
            None => {
                let sets: usize = self.workouts.iter().map(|w| w.sets.len()).sum();
                self.accepted -= self.workouts.len() as u64;
                self.workouts.clear();
                let reason = format!("no athlete for this gym-app log ({sets} set rows): the app exports one person's workouts without naming them, no roster `sources` pattern matches the file and it is not in an athlete folder");
                self.reject(ctx, 0, "", reason);
            }
        }
    }

    /// Notes how many all-empty rows of a file were skipped (none: no note).
    pub(crate) fn note_empty_rows(&mut self, ctx: &FileCtx, empty_rows: u64) {
        if empty_rows > 0 {
            let detail = format!("{empty_rows} empty row(s) skipped");
            self.notes
                .push(Note::file("empty_rows", ctx.shown, 0, detail));
        }
    }

    /// A session RPE as an activity export writes it (CR-10, 0 to 10):
    /// `None` for an empty cell or 0 (intervals.icu and Strava write 0 or
    /// nothing for no rating); any other value is noted
    /// (`unreadable_value`) and read as empty, never a reason to reject the
    /// session. `at` is the record's line and session id.
    pub(crate) fn export_rpe(
        &mut self,
        text: &str,
        column: &str,
        ctx: &FileCtx,
        at: (u64, &str),
    ) -> Option<f64> {
        match super::columns::number(text) {
            _ if text.is_empty() => None,
            Some(v) if (0.0..=10.0).contains(&v) => Some(v).filter(|v| *v > 0.0),
            _ => {
                let detail =
                    format!("{column}: '{text}' is not a number from 0 to 10; read as empty");
                let mut note = Note::file("unreadable_value", ctx.shown, at.0, detail);
                note.session_id = at.1.to_string();
                self.notes.push(note);
                None
            }
        }
    }

    /// Records a rejected record (line > 0) or file (line 0).
    pub(crate) fn reject(&mut self, ctx: &FileCtx, line: u64, column: &str, reason: String) {
        self.rejected.push(Rejection {
            source_file: ctx.shown.to_string(),
            line,
            column: column.to_string(),
            reason: crate::model::clip(reason),
        });
    }
}
