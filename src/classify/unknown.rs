//! Sport names the modality table lacks: one note per name, with how many
//! sessions use it and its first spelling in input order.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::sports::{is_undecided, normalize_sport, SportTable};
use crate::model::{CompactString, Note, Origin, Session, SourceFile};

/// Sessions of one (sport, sub-sport) pair whose input gave no modality.
#[derive(Clone, Copy)]
struct Seen {
    sessions: u64,
    /// The first one in input order.
    first: Origin,
}

/// A sport name the table lacks, over every pair that uses it.
struct Unknown {
    spelling: String,
    sessions: u64,
    first: Origin,
}

/// Notes every sport name of sessions without a given modality that the
/// table lacks (names that say nothing, like `generic`, are not noted).
pub(super) fn unknown_sport_notes(
    parts: &[Vec<Session>],
    names: &[CompactString],
    pairs: &[[u32; 2]],
    table: &SportTable,
    files: &[SourceFile],
) -> Vec<Note> {
    let mut unknown: BTreeMap<String, Unknown> = BTreeMap::new();
    let seen = pairs_seen(parts, pairs.len()).into_iter();
    for (&[sport, sub_sport], seen) in pairs.iter().zip(seen).filter(|(_, s)| s.sessions > 0) {
        for sym in [sub_sport, sport] {
            let name = names.get(sym as usize).map_or("", CompactString::as_str);
            let key = normalize_sport(name);
            if is_undecided(&key) || table.get(&key).is_some() {
                continue;
            }
            let entry = unknown.entry(key).or_insert_with(|| Unknown {
                spelling: name.trim().to_string(),
                sessions: 0,
                first: seen.first,
            });
            entry.sessions += seen.sessions;
            if seen.first < entry.first {
                entry.spelling = name.trim().to_string();
                entry.first = seen.first;
            }
        }
    }
    unknown.into_values().map(|u| {
        let (name, count) = (u.spelling, u.sessions);
        Note::file("unknown_sport", &files[u.first.source() as usize].path, u.first.line(), format!(
            "sport name '{name}' ({count} session(s)) is not in the modality table; a session is other unless its other sport name is known (add it under [modality] in a rules file)"
        ))
    }).collect()
}

/// Per (sport, sub-sport) pair number, for `pairs` pairs: sessions without
/// a given modality, and the first. A list, not a map: a run meets few
/// pairs, and a lookup by hash for each of ten million sessions cost 0.1 s.
fn pairs_seen(parts: &[Vec<Session>], pairs: usize) -> Vec<Seen> {
    let none = Seen {
        sessions: 0,
        first: Origin::new(Origin::MAX_SOURCE, Origin::MAX_LINE),
    };
    let join = |mut a: Vec<Seen>, b: Vec<Seen>| {
        for (a, b) in a.iter_mut().zip(b) {
            a.sessions += b.sessions;
            a.first = a.first.min(b.first);
        }
        a
    };
    parts
        .par_iter()
        .flat_map(|part| part.par_chunks(65_536))
        .fold(
            || vec![none; pairs],
            |mut seen, chunk| {
                for s in chunk.iter().filter(|s| !s.modality_given()) {
                    if let Some(e) = seen.get_mut(s.sports as usize) {
                        e.sessions += 1;
                        e.first = e.first.min(s.origin);
                    }
                }
                seen
            },
        )
        .reduce(|| vec![none; pairs], join)
}
