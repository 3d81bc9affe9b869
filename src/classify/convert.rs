//! Raw records to sessions, chunk by chunk while files are still being read:
//! times placed in the athlete's zone, modality decided from the sport
//! names, sport names and athlete ids interned. Athletes are numbered in the
//! order threads first meet them; `classify` renumbers them in id order.

use std::sync::Mutex;

use chrono_tz::Tz;
use foldhash::HashMap;

use super::clocks::{Clocks, Seen};
use super::met::{self, Known, Met, Owner};
use super::names::{Interner, Names, Pair};
use super::time::{place_start, DstCase, PlaceCache, Start};
use super::workout::{workout_sessions, Made, Placed, WorkoutRules};
use crate::config::sports::SportTable;
use crate::config::Rules;
use crate::ingest::{Convert, FileCtx};
use crate::model::{
    CompactString, Marks, Note, Origin, RawSession, RawWorkout, Roster, Session, StartTime,
    StrengthDetail, WeightUnit,
};

/// (sport, sub-sport) pairs a chunk compares before looking one up by hash.
const RECENT_PAIRS: usize = 8;

/// A reading thread's caches: wall-clock days placed, athletes met.
type Caches<'c> = (&'c mut PlaceCache, &'c mut Met);

/// Converts records into sessions; shared by the threads that read files.
pub(crate) struct Converter {
    default_tz: Tz,
    zones: HashMap<String, Tz>,
    sports: SportTable,
    exercises: SportTable,
    /// The roster's weight units, by athlete id.
    units: HashMap<String, WeightUnit>,
    /// The rules file's weight unit, for athletes without one.
    default_unit: WeightUnit,
    failure_min_rpe: f64,
    warmup_max_s: f64,
    athletes: Mutex<Interner>,
    /// Whose athletes a thread's `met` table holds.
    owner: Owner,
    names: Mutex<Names>,
    /// The kinds of clock each athlete's starts gave.
    clocks: Clocks,
}

impl Converter {
    /// A converter for the athletes of `roster` under `rules`.
    pub(crate) fn new(roster: &Roster, rules: &Rules, default_tz: Tz) -> Converter {
        let zones = roster.athletes.iter();
        let zones = zones.filter_map(|(id, a)| Some((id.clone(), a.timezone?)));
        let units = roster.athletes.iter();
        let units = units.filter_map(|(id, a)| Some((id.clone(), a.weight_unit?)));
        Converter {
            default_tz,
            zones: zones.collect(),
            sports: rules.sports.clone(),
            exercises: rules.exercises.clone(),
            units: units.collect(),
            default_unit: rules.weight_unit,
            failure_min_rpe: rules.thresholds.failure_min_rpe,
            warmup_max_s: rules.thresholds.warmup_max_min * 60.0,
            athletes: Mutex::new(Interner::default()),
            owner: Owner::new(),
            names: Mutex::new(Names::default()),
            clocks: Clocks::default(),
        }
    }

    /// The athlete ids met so far, by provisional number.
    pub(super) fn athlete_ids(&self) -> Vec<CompactString> {
        lock(&self.athletes).strings.clone()
    }

    /// The sport names met so far, by number, and the name numbers of
    /// each (sport, sub-sport) pair, by pair number.
    pub(super) fn sport_names_and_pairs(&self) -> (Vec<CompactString>, Vec<[u32; 2]>) {
        let names = lock(&self.names);
        (names.strings.strings.clone(), names.numbered.clone())
    }

    /// A note for each athlete (by provisional number, named by `ids`)
    /// whose local times were read in `--tz` beside UTC times.
    pub(super) fn clock_notes(&self, ids: &[CompactString]) -> Vec<Note> {
        self.clocks.notes(ids, self.default_tz.name())
    }

    /// The sport table the modality is decided from.
    pub(super) fn sports(&self) -> &SportTable {
        &self.sports
    }

    /// Athlete `id`'s number, zone, and whether the roster gives the zone:
    /// from the athletes this thread has met (`met`), else from the shared
    /// table, which numbers an athlete met for the first time.
    fn athlete(&self, met: &mut Met, id: &CompactString) -> Known {
        if let Some(&known) = met.get(id) {
            return known;
        }
        let number = lock(&self.athletes).get(id);
        let known = match self.zones.get(id.as_str()) {
            Some(&tz) => (number, tz, true),
            None => (number, self.default_tz, false),
        };
        met.insert(id.clone(), known);
        known
    }

    /// Runs `f` with this thread's caches: the wall-clock days placed and
    /// the athletes met.
    fn with_caches<R>(&self, f: impl FnOnce(Caches) -> R) -> R {
        PlaceCache::with(|places| met::with(self.owner, |met| f((places, met))))
    }

    fn pair(&self, sport: &CompactString, sub_sport: &CompactString) -> Pair {
        lock(&self.names).pair(&self.sports, sport, sub_sport)
    }
}

impl Convert for Converter {
    fn convert(
        &self,
        ctx: &FileCtx,
        raw: &mut Vec<RawSession>,
        out: &mut Vec<Session>,
        notes: &mut Vec<Note>,
    ) {
        out.reserve(raw.len());
        self.with_caches(|caches| self.convert_with(ctx, raw, out, notes, caches));
    }

    fn convert_workouts(
        &self,
        ctx: &FileCtx,
        workouts: Vec<RawWorkout>,
        out: &mut Vec<Session>,
        details: &mut Vec<(Origin, StrengthDetail)>,
        notes: &mut Vec<Note>,
    ) {
        self.with_caches(|caches| self.workouts_with(ctx, workouts, out, details, notes, caches));
    }
}

impl Converter {
    fn workouts_with(
        &self,
        ctx: &FileCtx,
        workouts: Vec<RawWorkout>,
        out: &mut Vec<Session>,
        details: &mut Vec<(Origin, StrengthDetail)>,
        notes: &mut Vec<Note>,
        (places, met): Caches,
    ) {
        let rules = WorkoutRules {
            exercises: &self.exercises,
            sports: &self.sports,
            failure_min_rpe: self.failure_min_rpe,
            warmup_max_s: self.warmup_max_s,
        };
        let mut made = Made::default();
        let mut unitless = (0u64, None);
        // A gym log is one athlete's: its file notes name them.
        let file_athlete = workouts
            .first()
            .map(|w| w.athlete_id.to_string())
            .unwrap_or_default();
        let mut seen = Seen::default();
        for w in workouts {
            let (number, tz, zoned) = self.athlete(met, &w.athlete_id);
            seen.add(number, &w.start, zoned);
            let athlete = (number, tz);
            let roster_unit = self.units.get(w.athlete_id.as_str()).copied();
            let unit = roster_unit.unwrap_or(self.default_unit);
            let weighed = w
                .sets
                .iter()
                .filter(|s| s.weight.is_some() && s.weight_unit.is_none());
            let count = weighed.count() as u64;
            if count > 0 {
                unitless = (unitless.0 + count, Some((unit, roster_unit.is_some())));
            }
            let at = Placed {
                athlete,
                unit,
                shown: ctx.shown,
            };
            workout_sessions(w, &at, &rules, places, &mut made);
        }
        self.clocks.join(seen);
        for (mut session, name) in made.sessions {
            session.sports = self.pair(&name, &CompactString::default()).number;
            out.push(session);
        }
        details.extend(made.details);
        notes.extend(made.notes);
        let first_note = notes.len();
        for (name, sets, line) in made.unknown.names {
            notes.push(Note::file("unknown_exercise", ctx.shown, line, format!(
                "exercise '{name}' ({sets} set(s)) is in neither the exercise nor the modality table; read as strength (add it under [exercises] in a rules file)"
            )));
        }
        if let Some((line, first)) = made.ends_first.first() {
            let count = made.ends_first.len();
            notes.push(Note::file("end_before_start", ctx.shown, *line, format!(
                "{count} workout(s), the first '{first}', end before they start: the end is not used (the length comes from a duration or the sets' durations, if given)"
            )));
        }
        if let Some((line, first)) = made.unknown_duration.first() {
            let count = made.unknown_duration.len();
            notes.push(Note::file("duration_unknown", ctx.shown, *line, format!(
                "{count} workout(s), the first '{first}', give no usable end, duration or set durations; read as 0 s long"
            )));
        }
        if let (count, Some((unit, from_roster))) = unitless {
            let whose = if from_roster {
                "the athlete's roster weight_unit"
            } else {
                "the rules file's [units] weight_unit"
            };
            notes.push(Note::file(
                "weight_unit_assumed",
                ctx.shown,
                0,
                format!(
                    "{count} set weight(s) without a unit in the file read as {} ({whose})",
                    unit.as_str()
                ),
            ));
        }
        for note in &mut notes[first_note..] {
            note.athlete_id.clone_from(&file_athlete);
        }
    }

    fn convert_with(
        &self,
        ctx: &FileCtx,
        raw: &mut Vec<RawSession>,
        out: &mut Vec<Session>,
        notes: &mut Vec<Note>,
        (places, met): Caches,
    ) {
        // Rows of one athlete often come together, and a chunk holds few
        // sport names: an athlete is looked up when the row before is
        // another's, and the shared, locked tables are asked only when a
        // thread meets an athlete or a chunk a pair of sport names first.
        let mut athlete: Option<(CompactString, Known)> = None;
        let mut seen = Seen::default();
        let mut pairs: HashMap<(CompactString, CompactString), Pair> = HashMap::default();
        // Compared before hashing: the pairs of the last rows, most recent first.
        let mut recent: Vec<((CompactString, CompactString), Pair)> = Vec::new();
        // By reference: a record is over 200 bytes, and moving each out of
        // the list copies it; only its id is taken.
        for r in raw.iter_mut() {
            let (number, tz, zoned) = match &athlete {
                Some((id, known)) if *id == r.athlete_id => *known,
                _ => {
                    let known = self.athlete(met, &r.athlete_id);
                    athlete = Some((r.athlete_id.clone(), known));
                    known
                }
            };
            seen.add(number, &r.start, zoned);
            let pair = match recent
                .iter()
                .position(|(p, _)| p.0 == r.sport && p.1 == r.sub_sport)
            {
                Some(i) => recent[i].1,
                None => {
                    let key = (r.sport.clone(), r.sub_sport.clone());
                    let pair = match pairs.get(&key) {
                        Some(&pair) => pair,
                        None => {
                            let pair = self.pair(&key.0, &key.1);
                            pairs.insert(key.clone(), pair);
                            pair
                        }
                    };
                    // Most recently met first; a chunk cycles through few pairs.
                    recent.truncate(RECENT_PAIRS - 1);
                    recent.insert(0, (key, pair));
                    pair
                }
            };
            let (session, note) = to_session(r, (number, tz), pair, ctx.shown, places);
            notes.extend(note);
            out.push(session);
        }
        raw.clear();
        self.clocks.join(seen);
    }
}

/// The session of the record `r`, whose id it takes.
fn to_session(
    r: &mut RawSession,
    (athlete, tz): (u32, Tz),
    pair: Pair,
    shown: &str,
    places: &mut PlaceCache,
) -> (Session, Option<Note>) {
    let mut note = None;
    let start = place_start(&r.start, tz, places);
    if let (Some(case), StartTime::Naive(local)) = (start.dst, r.start) {
        note = Some(dst_note(r, local, tz, case, shown));
    }
    let Start {
        utc_us: start_us,
        offset_s,
        date_only,
        ..
    } = start;
    // A local end is placed in the same zone: across a DST change the
    // elapsed time differs from the wall-clock difference.
    let duration_s = match r
        .wall_clock_end
        .map(|end| places.place(tz, end).utc_us - start_us)
    {
        Some(elapsed_us) if elapsed_us >= 0 => elapsed_us as f64 / 1e6,
        _ => r.duration_s,
    };
    // The detail itself is kept beside the sessions (`Batch::strength_details`).
    let mut marks = Marks::new(r.planned, r.modality.is_some());
    if r.has_strength_detail() {
        marks = marks.with_strength_detail();
    }
    let session = Session {
        session_id: std::mem::take(&mut r.session_id),
        start_us,
        duration_s,
        rpe: r.rpe.into(),
        origin: r.origin(),
        athlete,
        sports: pair.number,
        offset_s,
        date_only,
        modality: r.modality.unwrap_or(pair.modality),
        to_failure: r.to_failure,
        marks,
    };
    (session, note)
}

fn dst_note(
    r: &RawSession,
    local: chrono::NaiveDateTime,
    tz: Tz,
    case: DstCase,
    shown: &str,
) -> Note {
    let what = case.what();
    let mut note = Note::file(
        "dst_local_time",
        shown,
        r.line,
        format!("local time {local} in {} {what}", tz.name()),
    );
    note.athlete_id = r.athlete_id.to_string();
    note.session_id = r.session_id.to_string();
    note
}

/// Locks a mutex, also after a panic elsewhere (the data stays usable).
pub(super) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
