//! Sport names the modality table lacks: one note per name, with how many
//! sessions use it and its first spelling in input order.

use std::collections::BTreeMap;

use foldhash::HashMap;
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
    for (pair, seen) in pairs_seen(parts) {
        let [sport, sub_sport] = pairs.get(pair as usize).copied().unwrap_or([u32::MAX; 2]);
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

/// Sessions read at a time by one thread.
const PIECE_SESSIONS: usize = 1 << 16;

/// Per (sport, sub-sport) pair number: sessions without a given modality,
/// and the first. Counted over pieces of all parts taken as one list, in
/// maps of the pairs met: a run may meet a pair per session (free text in
/// a sport column), so nothing here is sized by the pairs or made per file.
fn pairs_seen(parts: &[Vec<Session>]) -> HashMap<u32, Seen> {
    let pieces: Vec<&[Session]> = parts
        .iter()
        .flat_map(|part| part.chunks(PIECE_SESSIONS))
        .collect();
    let add = |seen: &mut HashMap<u32, Seen>, pair: u32, more: Seen| {
        seen.entry(pair)
            .and_modify(|e| {
                e.sessions += more.sessions;
                e.first = e.first.min(more.first);
            })
            .or_insert(more);
    };
    pieces
        .par_iter()
        .fold(HashMap::default, |mut seen, piece| {
            for s in piece.iter().filter(|s| !s.modality_given()) {
                let one = Seen {
                    sessions: 1,
                    first: s.origin,
                };
                add(&mut seen, s.sports, one);
            }
            seen
        })
        .reduce(HashMap::default, |mut a, b| {
            for (pair, more) in b {
                add(&mut a, pair, more);
            }
            a
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Modality, Origin};
    use crate::test_support::session;

    /// Sessions over many files, with a sport pair each (free text in a
    /// sport column): one note per unknown name, counting its sessions in
    /// every file and naming the first file and line in input order.
    #[test]
    fn unknown_names_are_counted_over_all_files_with_the_first_place() {
        let names: Vec<CompactString> = ["", "Zorbing", "Quidditch"]
            .map(CompactString::from)
            .to_vec();
        // Pair 2k + 1 is (Zorbing, ""), pair 2k + 2 (Quidditch, "") for many k.
        let mut pairs = vec![[0, 0]];
        for _ in 0..500 {
            pairs.extend([[1, 0], [2, 0]]);
        }
        let files: Vec<SourceFile> = (0..300)
            .map(|f| SourceFile {
                path: format!("f{f}.csv"),
                format: crate::ingest::canonical::KIND,
            })
            .collect();
        let parts: Vec<Vec<Session>> = (0..300u32)
            .rev()
            .map(|f| {
                (0..3u32)
                    .map(|k| {
                        let mut s = session("x", Modality::Other, 0, 1);
                        s.marks = crate::model::Marks::new(false, false);
                        s.origin = Origin::new(f, u64::from(k) + 2);
                        s.sports = (f * 3 + k) % 1_000 + 1;
                        s
                    })
                    .collect()
            })
            .collect();
        let table = crate::config::Rules::default().sports;
        let notes = unknown_sport_notes(&parts, &names, &pairs, &table, &files);
        let details: Vec<(&str, u64, &str)> = notes
            .iter()
            .map(|n| (n.source_file.as_str(), n.line, n.detail.as_str()))
            .collect();
        assert_eq!(details.len(), 2, "{details:?}");
        // In name order: quidditch, then zorbing.
        assert_eq!((details[0].0, details[0].1), ("f0.csv", 3));
        assert!(
            details[0].2.contains("'Quidditch' (450 session(s))"),
            "{}",
            details[0].2
        );
        assert_eq!((details[1].0, details[1].1), ("f0.csv", 2));
        assert!(
            details[1].2.contains("'Zorbing' (450 session(s))"),
            "{}",
            details[1].2
        );
    }
}
