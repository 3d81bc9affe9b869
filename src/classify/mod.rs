//! From raw rows to the canonical session frame: duplicate ids dropped,
//! roster joined, times placed in their zones, modality decided from the
//! sport table, warm-ups marked, sessions sorted by athlete and start.

pub mod dedupe;
mod ids;
pub mod time;
pub mod warmup;

use std::collections::BTreeMap;
use std::sync::Mutex;

use foldhash::HashSet;
use rayon::prelude::*;
use std::ops::Range;

use chrono::{Offset, TimeZone};
use chrono_tz::Tz;

use crate::config::sports::{is_undecided, normalize_sport, SportTable};
use crate::config::Rules;
use crate::ingest::Ingested;
use crate::model::{
    local_datetime, Modality, Note, RawSession, Rejection, Session, SourceFile, StartTime, Status,
    UNASSIGNED_GROUP,
};
use ids::{athlete_index, drop_duplicate_ids};
use time::{place, DstCase};

/// An athlete of the frame with what the rules need to know.
#[derive(Debug, Clone, PartialEq)]
pub struct AthleteInfo {
    /// Athlete id.
    pub athlete_id: String,
    /// Report group.
    pub group: String,
    /// Training status.
    pub status: Status,
    /// Stricter spacing applies.
    pub power_focus: bool,
    /// The rules apply (status in scope).
    pub in_scope: bool,
}

/// The canonical session frame: every accepted session, sorted by athlete,
/// start and session id, with each athlete's sessions one contiguous range.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    /// Athletes with at least one accepted session, sorted by id.
    pub athletes: Vec<AthleteInfo>,
    /// Sessions sorted by (athlete, start, session_id).
    pub sessions: Vec<Session>,
    /// For each athlete, its range in `sessions`.
    pub ranges: Vec<Range<usize>>,
    /// Source files, indexed by `Session::source`.
    pub files: Vec<SourceFile>,
    /// Rejected rows and files.
    pub rejected: Vec<Rejection>,
    /// Data-quality notes of every stage so far.
    pub notes: Vec<Note>,
}

impl Frame {
    /// The sessions of athlete `a`.
    pub fn athlete_sessions(&self, a: usize) -> &[Session] {
        &self.sessions[self.ranges[a].clone()]
    }
}

/// Builds the frame from what ingest read.
pub fn classify(ingested: Ingested, rules: &Rules, default_tz: Tz) -> Frame {
    let Ingested {
        roster,
        files,
        sessions: mut parts,
        rejected,
        mut notes,
    } = ingested;
    drop_duplicate_ids(&mut parts, &files, &mut notes);
    let (athlete_ids, athlete_of) = athlete_index(&parts);
    let mut counts = vec![0u64; athlete_ids.len()];
    for &a in athlete_of.iter().flatten() {
        counts[a as usize] += 1;
    }
    let index: HashSet<&str> = athlete_ids.iter().map(String::as_str).collect();
    let mut zones = Vec::with_capacity(athlete_ids.len());
    let mut athletes = Vec::with_capacity(athlete_ids.len());
    for (id, count) in athlete_ids.iter().zip(&counts) {
        let entry = roster.athletes.get(id);
        if entry.is_none() {
            notes.push(Note::athlete("not_in_roster", id, format!(
                "{count} session(s) of an athlete not in the roster; group '{UNASSIGNED_GROUP}', status unknown"
            )));
        }
        let status = entry.map_or(Status::Unknown, |a| a.status);
        zones.push(entry.and_then(|a| a.timezone).unwrap_or(default_tz));
        athletes.push(AthleteInfo {
            athlete_id: id.clone(),
            group: entry.map_or(UNASSIGNED_GROUP.to_string(), |a| a.group.clone()),
            status,
            power_focus: entry.is_some_and(|a| a.power_focus),
            in_scope: rules.in_scope(status),
        });
    }
    for id in roster
        .athletes
        .keys()
        .filter(|id| !index.contains(id.as_str()))
    {
        notes.push(Note::athlete(
            "no_sessions",
            id,
            "in the roster but no accepted session".into(),
        ));
    }
    let namer = SportNamer::new(rules);
    let dst_notes = Mutex::new(Vec::new());
    let mut sessions: Vec<Session> = Vec::with_capacity(counts.iter().sum::<u64>() as usize);
    // File by file, so each file's raw records are freed once converted; the
    // rows of a file are converted in parallel, straight into `sessions`.
    for (raw, athlete_of) in parts.into_iter().zip(athlete_of) {
        sessions.par_extend(raw.into_par_iter().zip(athlete_of).map(|(r, athlete)| {
            let modality = r.modality.unwrap_or_else(|| namer.decide(&r));
            let tz = zones[athlete as usize];
            let (session, note) = to_session(r, athlete, modality, tz, &files);
            if let Some(note) = note {
                lock(&dst_notes).push(((session.source, session.line), note));
            }
            session
        }));
    }
    // Notes in input order, whatever order the threads found them in.
    let mut dst_notes = dst_notes.into_inner().unwrap_or_else(|e| e.into_inner());
    dst_notes.sort_by_key(|(at, _)| *at);
    notes.extend(dst_notes.into_iter().map(|(_, note)| note));
    notes.extend(namer.into_notes(&files));
    note_date_only(&sessions, &files, &mut notes);
    note_long_sessions(&sessions, &files, &athlete_ids, &mut notes);
    // Each file's sessions usually arrive sorted: a parallel merge sort uses
    // those runs and both cores.
    sessions.par_sort_by(|a, b| {
        (a.athlete, a.start_us, &a.session_id).cmp(&(b.athlete, b.start_us, &b.session_id))
    });
    dedupe::drop_same_activity(&mut sessions, &files, &athlete_ids, &mut notes);
    let ranges = athlete_ranges(&sessions, athletes.len());
    for range in &ranges {
        warmup::mark_warmups(&mut sessions[range.clone()], &rules.thresholds);
        for (i, j) in warmup::overlaps(&sessions[range.clone()]) {
            notes.push(overlap_note(
                &sessions[range.start + i],
                &sessions[range.start + j],
                &athletes,
            ));
        }
    }
    Frame {
        athletes,
        sessions,
        ranges,
        files,
        rejected,
        notes,
    }
}

fn to_session(
    r: RawSession,
    athlete: u32,
    modality: Modality,
    tz: Tz,
    files: &[SourceFile],
) -> (Session, Option<Note>) {
    let mut note = None;
    let (start_us, offset_s, date_only) = match r.start {
        StartTime::Instant { utc_us, offset_s } => (utc_us, offset_s, false),
        StartTime::Utc(utc_us) => {
            let offset_s = tz
                .offset_from_utc_datetime(&local_datetime(utc_us, 0))
                .fix()
                .local_minus_utc();
            (utc_us, offset_s, false)
        }
        StartTime::Naive(local) => {
            let placed = place(tz, local);
            if let Some(case) = placed.dst {
                note = Some(dst_note(&r, local, tz, case, files));
            }
            (placed.utc_us, placed.offset_s, false)
        }
        StartTime::Date(date) => {
            // 00:00 exists in nearly every zone; where it does not, place() moves it.
            let placed = place(tz, date.and_hms_opt(0, 0, 0).unwrap_or_default());
            (placed.utc_us, placed.offset_s, true)
        }
    };
    // A local end is placed in the same zone: across a DST change the
    // elapsed time differs from the wall-clock difference.
    let duration_s = match r.wall_clock_end.map(|end| place(tz, end).utc_us - start_us) {
        Some(elapsed_us) if elapsed_us >= 0 => elapsed_us as f64 / 1e6,
        _ => r.duration_s,
    };
    let duration_us = (duration_s * 1e6).round() as i64;
    let session = Session {
        session_id: r.session_id,
        athlete,
        start_us,
        end_us: start_us.saturating_add(duration_us),
        offset_s,
        duration_s,
        date_only,
        modality,
        sport: r.sport,
        sub_sport: r.sub_sport,
        rpe: r.rpe,
        to_failure: r.to_failure,
        strength: r.strength,
        planned: r.planned,
        source: r.source,
        line: r.line,
    };
    (session, note)
}

fn dst_note(
    r: &RawSession,
    local: chrono::NaiveDateTime,
    tz: Tz,
    case: DstCase,
    files: &[SourceFile],
) -> Note {
    let what = match case {
        DstCase::Nonexistent => "does not exist (clocks went forward); moved forward",
        DstCase::Ambiguous => "happens twice (clocks went back); the earlier one is used",
    };
    let mut note = Note::file(
        "dst_local_time",
        &files[r.source as usize].path,
        r.line,
        format!("local time {local} in {} {what}", tz.name()),
    );
    note.athlete_id = r.athlete_id.to_string();
    note.session_id = r.session_id.to_string();
    note
}

/// Decides modality from sport names, remembering the names the table lacks.
/// Shared by the threads that convert rows, so the memory is behind a lock
/// (taken only for names the table lacks).
struct SportNamer<'r> {
    table: &'r SportTable,
    /// Normalised unknown name -> what was seen of it.
    unknown: Mutex<BTreeMap<String, UnknownSport>>,
}

/// A sport name the table lacks: its first spelling in input order
/// (lowest file index, then line), and how many sessions use it.
struct UnknownSport {
    spelling: String,
    sessions: u64,
    source: u32,
    line: u64,
}

impl<'r> SportNamer<'r> {
    fn new(rules: &'r Rules) -> Self {
        SportNamer {
            table: &rules.sports,
            unknown: Mutex::new(BTreeMap::new()),
        }
    }

    /// The modality of a row whose input gave none (RULES.md section 7).
    fn decide(&self, s: &RawSession) -> Modality {
        let mut decided = None;
        for name in [&s.sub_sport, &s.sport] {
            let key = normalize_sport(name);
            if is_undecided(&key) {
                continue;
            }
            match self.table.get(&key) {
                Some(m) => decided = decided.or(Some(m)),
                None => self.remember(key, name, s),
            }
        }
        decided.unwrap_or(Modality::Other)
    }

    fn remember(&self, key: String, name: &str, s: &RawSession) {
        let mut unknown = lock(&self.unknown);
        let entry = unknown.entry(key).or_insert_with(|| UnknownSport {
            spelling: name.trim().to_string(),
            sessions: 0,
            source: s.source,
            line: s.line,
        });
        entry.sessions += 1;
        if (s.source, s.line) < (entry.source, entry.line) {
            entry.spelling = name.trim().to_string();
            (entry.source, entry.line) = (s.source, s.line);
        }
    }

    fn into_notes(self, files: &[SourceFile]) -> Vec<Note> {
        let unknown = self.unknown.into_inner().unwrap_or_else(|e| e.into_inner());
        unknown.into_values().map(|u| {
            let (name, count) = (u.spelling, u.sessions);
            Note::file("unknown_sport", &files[u.source as usize].path, u.line, format!(
                "sport name '{name}' ({count} session(s)) is not in the modality table; a session is other unless its other sport name is known (add it under [modality] in a rules file)"
            ))
        }).collect()
    }
}

/// Locks a mutex, also after a panic elsewhere (the data stays usable).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn note_date_only(sessions: &[Session], files: &[SourceFile], notes: &mut Vec<Note>) {
    let mut per_file: BTreeMap<u32, u64> = BTreeMap::new();
    for s in sessions.iter().filter(|s| s.date_only) {
        *per_file.entry(s.source).or_default() += 1;
    }
    for (source, count) in per_file {
        notes.push(Note::file("date_only", &files[source as usize].path, 0, format!(
            "{count} session(s) with a date but no time of day: spacing cannot be checked, same-day pairs are advisories"
        )));
    }
}

/// Sessions longer than a day are kept as written but are worth a look
/// (a watch left recording, a unit mix-up): they hide every gap they span.
fn note_long_sessions(
    sessions: &[Session],
    files: &[SourceFile],
    athlete_ids: &[String],
    notes: &mut Vec<Note>,
) {
    const DAY_S: f64 = 86_400.0;
    for s in sessions.iter().filter(|s| s.duration_s > DAY_S) {
        let mut note = Note::file(
            "long_session",
            &files[s.source as usize].path,
            s.line,
            format!("lasts {:.1} h; kept as written", s.duration_s / 3600.0),
        );
        note.athlete_id = athlete_ids[s.athlete as usize].clone();
        note.session_id = s.session_id.to_string();
        notes.push(note);
    }
}

fn athlete_ranges(sessions: &[Session], athletes: usize) -> Vec<Range<usize>> {
    let mut ranges = vec![0..0; athletes];
    let mut start = 0;
    while start < sessions.len() {
        let a = sessions[start].athlete;
        let end = start + sessions[start..].partition_point(|s| s.athlete == a);
        ranges[a as usize] = start..end;
        start = end;
    }
    ranges
}

fn overlap_note(a: &Session, b: &Session, athletes: &[AthleteInfo]) -> Note {
    let overlap_min = (a.end_us.min(b.end_us) - b.start_us) as f64 / 60e6;
    let mut note = Note::athlete(
        "overlap",
        &athletes[a.athlete as usize].athlete_id,
        format!(
            "sessions '{}' ({}) and '{}' ({}) overlap by {overlap_min:.1} min; gap read as 0",
            a.session_id, a.modality, b.session_id, b.modality
        ),
    );
    note.session_id = b.session_id.to_string();
    note
}
