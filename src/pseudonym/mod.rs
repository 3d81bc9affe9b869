//! `--pseudonymize`: a value transformation between `classify` and `rules`
//! that replaces every athlete id, session id and source file path of the
//! frame (and the inputs shown on the PDF cover) with a keyed pseudonym,
//! HMAC-SHA256 of the real value under a secret key, and scrubs them and
//! roster names out of free text. The same key gives the same pseudonyms in
//! every run; the mapping back is returned for the data owner's file.
//! The free-text scrubber is `scrub.rs`'s, the error type `error.rs`'s.

mod error;
mod scrub;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::classify::Frame;
use crate::model::{PseudonymKey, Roster};
pub(crate) use error::PseudonymError;
use scrub::Scrubber;

/// `<prefix>` and the first `hex` hex digits of HMAC-SHA256(key, kind NUL real).
fn token(key: &PseudonymKey, kind: Kind, real: &str) -> String {
    let (prefix, hex) = kind.shape();
    let mut mac = Hmac::<Sha256>::new_from_slice(key.bytes()).expect("HMAC takes any key length");
    mac.update(kind.name().as_bytes());
    mac.update(&[0]);
    mac.update(real.as_bytes());
    let digest = mac.finalize().into_bytes();
    let mut out = String::from(prefix);
    for b in digest.iter().take(hex.div_ceil(2)) {
        out.push_str(&format!("{b:02x}"));
    }
    out.truncate(prefix.len() + hex);
    out
}

/// What a pseudonym stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    Athlete,
    Session,
    File,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Athlete => "athlete",
            Kind::Session => "session",
            Kind::File => "file",
        }
    }

    /// Prefix and hex digits: sessions can number millions, so they get more.
    fn shape(self) -> (&'static str, usize) {
        match self {
            Kind::Athlete => ("A-", 10),
            Kind::Session => ("S-", 16),
            Kind::File => ("F-", 10),
        }
    }
}

/// One line of the pseudonym map.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct MapEntry {
    /// `athlete`, `session` or `file`.
    pub(crate) kind: &'static str,
    /// The real value.
    pub(crate) real: String,
    /// The roster name of an athlete (empty otherwise).
    pub(crate) name: String,
    /// What the report shows instead.
    pub(crate) pseudonym: String,
}

/// The frame and inputs with pseudonyms, and the map back to real values.
#[derive(Debug)]
pub(crate) struct Pseudonymized {
    /// The frame, athletes sorted by pseudonym, each athlete's sessions in their original order.
    pub(crate) frame: Frame,
    /// The inputs as the report shows them.
    pub(crate) inputs: Vec<String>,
    /// Every real value and its pseudonym, sorted by kind and real value.
    pub(crate) map: Vec<MapEntry>,
}

/// Collects real values and their pseudonyms.
struct Mapper<'k> {
    key: &'k PseudonymKey,
    seen: BTreeMap<(Kind, String), String>,
}

impl Mapper<'_> {
    fn map(&mut self, kind: Kind, real: &str) -> String {
        if real.is_empty() {
            return String::new();
        }
        let key = self.key;
        self.seen
            .entry((kind, real.to_string()))
            .or_insert_with(|| token(key, kind, real))
            .clone()
    }
}

/// Replaces every identifying value of `frame` and `inputs`; `read` are the
/// other files the run read (roster, rules), whose paths notes may quote;
/// `roster` gives the names to scrub and to list in the map.
pub(crate) fn pseudonymize(
    mut frame: Frame,
    inputs: &[String],
    read: &[String],
    roster: &Roster,
    key: &PseudonymKey,
) -> Result<Pseudonymized, PseudonymError> {
    let mut m = Mapper {
        key,
        seen: BTreeMap::new(),
    };
    for id in roster.athletes.keys() {
        m.map(Kind::Athlete, id);
    }
    let inputs: Vec<String> = inputs.iter().map(|p| m.map(Kind::File, p)).collect();
    for path in read {
        m.map(Kind::File, path);
    }
    for a in &mut frame.athletes {
        a.athlete_id = m.map(Kind::Athlete, &a.athlete_id);
    }
    for (id, _) in &mut frame.without_sessions {
        *id = m.map(Kind::Athlete, id);
    }
    for f in &mut frame.files {
        f.path = m.map(Kind::File, &f.path);
    }
    let mut sessions: HashMap<String, String> = HashMap::with_capacity(frame.sessions.len());
    for s in &mut frame.sessions {
        let token = token(m.key, Kind::Session, &s.session_id);
        let real = std::mem::replace(&mut s.session_id, token.as_str().into());
        sessions.insert(real.into(), token);
    }
    for n in &frame.notes {
        m.map(Kind::Athlete, &n.athlete_id);
        m.map(Kind::File, &n.source_file);
        if !n.session_id.is_empty() && !sessions.contains_key(&n.session_id) {
            sessions.insert(
                n.session_id.clone(),
                token(key, Kind::Session, &n.session_id),
            );
        }
    }
    for r in &frame.rejected {
        m.map(Kind::File, &r.source_file);
    }
    let scrubber = scrubber(&m, &sessions, roster)?;
    for n in &mut frame.notes {
        n.athlete_id = m.map(Kind::Athlete, &n.athlete_id);
        n.source_file = m.map(Kind::File, &n.source_file);
        n.session_id = sessions.get(&n.session_id).cloned().unwrap_or_default();
        n.detail = scrubber.scrub(&n.detail);
    }
    for r in &mut frame.rejected {
        r.source_file = m.map(Kind::File, &r.source_file);
        r.reason = scrubber.scrub(&r.reason);
    }
    frame.notes.sort();
    frame.rejected.sort();
    drop(scrubber);
    sort_athletes(&mut frame);
    let map = map_entries(m.seen, sessions, roster)?;
    Ok(Pseudonymized { frame, inputs, map })
}

/// Athlete ids, names and paths found anywhere in text; session ids as whole words.
fn scrubber<'s>(
    m: &Mapper,
    sessions: &'s HashMap<String, String>,
    roster: &Roster,
) -> Result<Scrubber<'s>, PseudonymError> {
    let mut patterns: Vec<(String, String)> = m
        .seen
        .iter()
        .map(|((_, real), token)| (real.clone(), token.clone()))
        .collect();
    for a in roster.athletes.values() {
        if let Some(token) = m.seen.get(&(Kind::Athlete, a.athlete_id.clone())) {
            patterns.push((a.name.trim().to_string(), token.clone()));
        }
    }
    Scrubber::new(sessions, patterns)
}

/// Puts the athletes in the order of their pseudonyms, so that no output is
/// ordered by the real ids; each athlete's sessions keep their order.
fn sort_athletes(frame: &mut Frame) {
    let mut order: Vec<usize> = (0..frame.athletes.len()).collect();
    order.sort_by(|&a, &b| {
        frame.athletes[a]
            .athlete_id
            .cmp(&frame.athletes[b].athlete_id)
    });
    let mut new_index = vec![0u32; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new as u32;
    }
    // A stable sort keeps each athlete's sessions in their order.
    frame
        .sessions
        .sort_by_key(|s| new_index[s.athlete as usize]);
    let mut ranges: Vec<Range<usize>> = Vec::with_capacity(order.len());
    let mut start = 0;
    for &old in &order {
        let len = frame.ranges[old].len();
        ranges.push(start..start + len);
        start += len;
    }
    for s in &mut frame.sessions {
        s.athlete = new_index[s.athlete as usize];
    }
    let mut athletes = std::mem::take(&mut frame.athletes);
    let mut slots: Vec<_> = athletes.drain(..).map(Some).collect();
    frame.athletes = order.iter().filter_map(|&old| slots[old].take()).collect();
    frame.ranges = ranges;
}

/// The map, checked for pseudonyms shared by two real values.
fn map_entries(
    seen: BTreeMap<(Kind, String), String>,
    sessions: HashMap<String, String>,
    roster: &Roster,
) -> Result<Vec<MapEntry>, PseudonymError> {
    let sessions = sessions.into_iter().map(|(r, t)| ((Kind::Session, r), t));
    let mut entries: Vec<MapEntry> = Vec::with_capacity(seen.len() + sessions.len());
    let mut taken: HashSet<(Kind, String)> = HashSet::new();
    for ((kind, real), pseudonym) in seen.into_iter().chain(sessions) {
        if !taken.insert((kind, pseudonym.clone())) {
            return Err(PseudonymError::Collision {
                kind: kind.name(),
                pseudonym,
            });
        }
        let name = match kind {
            Kind::Athlete => roster
                .athletes
                .get(&real)
                .map(|a| a.name.trim().to_string())
                .unwrap_or_default(),
            _ => String::new(),
        };
        entries.push(MapEntry {
            kind: kind.name(),
            real,
            name,
            pseudonym,
        });
    }
    entries.sort();
    Ok(entries)
}

#[cfg(test)]
mod tests;
