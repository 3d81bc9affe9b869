//! From raw rows to the canonical session frame: duplicate ids dropped,
//! roster joined, times placed in their zones, modality decided from the
//! sport table, warm-ups marked, sessions sorted by athlete and start.

mod clocks;
pub(crate) mod convert;
pub(crate) mod dedupe;
mod ids;
mod kept;
mod merge;
mod met;
mod names;
mod order;
mod scope;
pub(crate) mod time;
mod unknown;
pub(crate) mod warmup;
mod workout;

use std::collections::{BTreeMap, HashSet as StdHashSet};
use std::ops::Range;

use foldhash::HashSet;
use rayon::prelude::*;

use crate::config::Rules;
use crate::ingest::Ingested;
use crate::model::{
    CompactString, Note, Origin, Rejection, Session, SourceFile, Status, StrengthDetail,
    UNASSIGNED_GROUP,
};
pub(crate) use convert::Converter;
use ids::{drop_duplicate_ids, renumber_athletes};
use order::{athlete_ranges, sort_sessions};
use scope::exempt_by_age;
pub(crate) use scope::AthleteInfo;

/// The canonical session frame: every accepted session, sorted by athlete,
/// start and session id, with each athlete's sessions one contiguous range.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    /// Athletes with at least one accepted session, sorted by id.
    pub(crate) athletes: Vec<AthleteInfo>,
    /// Sessions sorted by (athlete, start, session_id).
    pub(crate) sessions: Vec<Session>,
    /// For each athlete, its range in `sessions`.
    pub(crate) ranges: Vec<Range<usize>>,
    /// Source files, indexed by `Session::source`.
    pub(crate) files: Vec<SourceFile>,
    /// Sport names, indexed by the numbers in `sport_pairs`.
    pub(crate) sport_names: Vec<CompactString>,
    /// The (sport, sub-sport) name numbers of each pair, indexed by `Session::sports`.
    pub(crate) sport_pairs: Vec<[u32; 2]>,
    /// Strength details (sets, repetitions, volume) of the sessions that
    /// have one (`Session::has_strength_detail`), sorted by origin.
    pub(crate) strength_details: Vec<(Origin, StrengthDetail)>,
    /// Rejected rows and files.
    pub(crate) rejected: Vec<Rejection>,
    /// Data-quality notes of every stage so far.
    pub(crate) notes: Vec<Note>,
    /// Roster athletes without an accepted session: id and group, so that
    /// their notes go to their group's report too.
    pub(crate) without_sessions: Vec<(String, String)>,
}

impl Frame {
    /// The sessions of athlete `a`.
    pub(crate) fn athlete_sessions(&self, a: usize) -> &[Session] {
        &self.sessions[self.ranges[a].clone()]
    }

    /// The sport name numbered `n` (empty for a number the frame lacks).
    pub(crate) fn sport_name(&self, n: u32) -> &str {
        self.sport_names
            .get(n as usize)
            .map_or("", CompactString::as_str)
    }

    /// The sport and sub-sport names of the pair numbered `n` (empty for a
    /// number the frame lacks).
    pub(crate) fn sport_pair(&self, n: u32) -> (&str, &str) {
        let [sport, sub_sport] = self
            .sport_pairs
            .get(n as usize)
            .copied()
            .unwrap_or([u32::MAX; 2]);
        (self.sport_name(sport), self.sport_name(sub_sport))
    }

    /// The strength detail of `s`, empty where its format had none.
    pub(crate) fn strength_detail(&self, s: &Session) -> StrengthDetail {
        if !s.has_strength_detail() {
            return StrengthDetail::default();
        }
        let details = &self.strength_details;
        let at = details.partition_point(|(origin, _)| *origin < s.origin);
        match details.get(at) {
            Some(&(origin, detail)) if origin == s.origin => detail,
            _ => StrengthDetail::default(),
        }
    }
}

/// Builds the frame from what ingest read, converted by `converter` while
/// the files were read (the one path from records to the frame).
pub(crate) fn classify(ingested: Ingested, converter: &Converter, rules: &Rules) -> Frame {
    let Ingested {
        roster,
        files,
        converted: mut parts,
        mut strength_details,
        rejected,
        mut notes,
    } = ingested;
    strength_details.sort_unstable_by_key(|&(origin, _)| origin);
    let met = converter.athlete_ids();
    notes.extend(converter.clock_notes(&met));
    let dropped = drop_duplicate_ids(&mut parts, &files, &met, &mut notes);
    forget_dropped_dst_notes(&dropped, &files, &mut notes);
    let (athlete_ids, counts) = renumber_athletes(&mut parts, &met);
    let athletes = athlete_infos(&roster, rules, &athlete_ids, &counts, &mut notes);
    let without_sessions = without_sessions(&roster, &athlete_ids, &mut notes);
    let (sport_names, sport_pairs) = converter.sport_names_and_pairs();
    notes.extend(unknown::unknown_sport_notes(
        &parts,
        &sport_names,
        &sport_pairs,
        converter.sports(),
        &files,
    ));
    let mut sessions = crate::memory::concat(parts);
    // The emptied parts are freed: hand them back before the sort.
    crate::memory::release();
    note_dates_and_lengths(&sessions, &files, &athlete_ids, &mut notes);
    sort_sessions(&mut sessions);
    let matched =
        merge::match_gym_workouts(&mut sessions, &files, &mut strength_details, &athlete_ids);
    if !matched.is_empty() {
        let mut gone = vec![false; sessions.len()];
        for (i, note) in matched {
            gone[i] = true;
            notes.push(note);
        }
        let mut keep = gone.iter().map(|g| !g);
        sessions.retain(|_| keep.next().unwrap_or(true));
        // Workouts moved to a FIT file's times may sort elsewhere.
        sort_sessions(&mut sessions);
    }
    dedupe::drop_same_activity(
        &mut sessions,
        &files,
        &athlete_ids,
        &mut notes,
        &mut strength_details,
    );
    strength_details.sort_unstable_by_key(|&(origin, _)| origin);
    let ranges = athlete_ranges(&sessions, athletes.len());
    let mut athletes = athletes;
    exempt_by_age(&mut athletes, &sessions, &ranges, &roster, rules);
    mark_warmups(&mut sessions, &ranges, rules, &athletes, &mut notes);
    Frame {
        athletes,
        sessions,
        ranges,
        files,
        sport_names,
        sport_pairs,
        strength_details,
        rejected,
        notes,
        without_sessions,
    }
}

/// A row dropped for its repeated id says nothing about time zones.
fn forget_dropped_dst_notes(dropped: &[(u32, u64)], files: &[SourceFile], notes: &mut Vec<Note>) {
    if dropped.is_empty() {
        return;
    }
    let gone: StdHashSet<(&str, u64)> = dropped
        .iter()
        .map(|&(source, line)| (files[source as usize].path.as_str(), line))
        .collect();
    notes.retain(|n| {
        n.kind != "dst_local_time" || !gone.contains(&(n.source_file.as_str(), n.line))
    });
}

/// The roster facts of each athlete with sessions, noting athletes missing
/// from either side.
fn athlete_infos(
    roster: &crate::model::Roster,
    rules: &Rules,
    athlete_ids: &[String],
    counts: &[u64],
    notes: &mut Vec<Note>,
) -> Vec<AthleteInfo> {
    let mut athletes = Vec::with_capacity(athlete_ids.len());
    for (id, count) in athlete_ids.iter().zip(counts) {
        let entry = roster.athletes.get(id);
        if entry.is_none() {
            notes.push(Note::athlete("not_in_roster", id, format!(
                "{count} session(s) of an athlete not in the roster; group '{UNASSIGNED_GROUP}', status unknown"
            )));
        }
        let status = entry.map_or(Status::Unknown, |a| a.status);
        athletes.push(AthleteInfo::new(
            id.clone(),
            entry.map_or(UNASSIGNED_GROUP.to_string(), |a| a.group.clone()),
            status,
            entry.is_some_and(|a| a.power_focus),
            rules,
        ));
    }
    athletes
}

/// The roster's athletes without an accepted session (id and group), each
/// noted.
fn without_sessions(
    roster: &crate::model::Roster,
    athlete_ids: &[String],
    notes: &mut Vec<Note>,
) -> Vec<(String, String)> {
    let index: HashSet<&str> = athlete_ids.iter().map(String::as_str).collect();
    let absent = roster.athletes.values();
    let absent = absent.filter(|a| !index.contains(a.athlete_id.as_str()));
    absent
        .map(|a| {
            let detail = "in the roster but no accepted session".into();
            notes.push(Note::athlete("no_sessions", &a.athlete_id, detail));
            (a.athlete_id.clone(), a.group.clone())
        })
        .collect()
}

/// Marks warm-ups and notes overlaps, athlete by athlete in parallel.
fn mark_warmups(
    sessions: &mut [Session],
    ranges: &[Range<usize>],
    rules: &Rules,
    athletes: &[AthleteInfo],
    notes: &mut Vec<Note>,
) {
    let mut slices = Vec::with_capacity(ranges.len());
    let mut rest = sessions;
    for range in ranges {
        let (head, tail) = rest.split_at_mut(range.len());
        slices.push(head);
        rest = tail;
    }
    let found: Vec<Vec<Note>> = slices
        .into_par_iter()
        .map(|slice| {
            warmup::mark_warmups(slice, &rules.thresholds);
            warmup::overlaps(slice)
                .into_iter()
                .map(|(i, j)| overlap_note(&slice[i], &slice[j], athletes))
                .collect()
        })
        .collect();
    // Moved on all threads: a season of two devices has an overlap note
    // for every copied session.
    crate::memory::append(notes, found);
}

/// Notes the date-only sessions (a count per file and athlete, so that the
/// summary counts the athletes they concern) and every session longer than
/// a day, in one pass over the sessions on all threads.
fn note_dates_and_lengths(
    sessions: &[Session],
    files: &[SourceFile],
    athlete_ids: &[String],
    notes: &mut Vec<Note>,
) {
    let found = sessions
        .par_chunks(SCAN_CHUNK_SESSIONS)
        .enumerate()
        .map(|(c, chunk)| DatesAndLengths::scan(chunk, c * SCAN_CHUNK_SESSIONS))
        .reduce(DatesAndLengths::default, DatesAndLengths::join);
    for ((source, athlete), count) in found.date_only {
        let mut note = Note::file("date_only", &files[source as usize].path, 0, format!(
            "{count} session(s) with a date but no time of day: spacing cannot be checked, same-day pairs are advisories"
        ));
        note.athlete_id = athlete_ids[athlete as usize].clone();
        notes.push(note);
    }
    let long = found.long.into_iter();
    notes.extend(long.map(|i| long_note(&sessions[i], files, athlete_ids)));
}

/// Sessions scanned at a time by one thread.
const SCAN_CHUNK_SESSIONS: usize = 1 << 16;

/// Date-only sessions per file and athlete, and the sessions longer than a
/// day.
#[derive(Default)]
struct DatesAndLengths {
    date_only: BTreeMap<(u32, u32), u64>,
    long: Vec<usize>,
}

impl DatesAndLengths {
    /// What `chunk` holds, whose first session is number `first`.
    fn scan(chunk: &[Session], first: usize) -> DatesAndLengths {
        const DAY_S: f64 = 86_400.0;
        let mut found = DatesAndLengths::default();
        for (i, s) in chunk.iter().enumerate() {
            if s.date_only {
                *found.date_only.entry((s.source(), s.athlete)).or_default() += 1;
            }
            if s.duration_s > DAY_S {
                found.long.push(first + i);
            }
        }
        found
    }

    /// What `self` and then `next` hold.
    fn join(mut self, next: DatesAndLengths) -> DatesAndLengths {
        for (key, count) in next.date_only {
            *self.date_only.entry(key).or_default() += count;
        }
        self.long.extend(next.long);
        self
    }
}

/// Sessions longer than a day are kept as written but are worth a look
/// (a watch left recording, a unit mix-up): they hide every gap they span.
fn long_note(s: &Session, files: &[SourceFile], athlete_ids: &[String]) -> Note {
    let mut note = Note::file(
        "long_session",
        &files[s.source() as usize].path,
        s.line(),
        format!("lasts {:.1} h; kept as written", s.duration_s / 3600.0),
    );
    note.athlete_id = athlete_ids[s.athlete as usize].clone();
    note.session_id = s.session_id.to_string();
    note
}

fn overlap_note(a: &Session, b: &Session, athletes: &[AthleteInfo]) -> Note {
    let overlap_min = (a.end_us().min(b.end_us()) - b.start_us) as f64 / 60e6;
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
