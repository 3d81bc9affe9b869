//! Session ids and athlete ids of the converted sessions: repeated session
//! ids are dropped (the first in input order wins, the others are noted), and
//! athletes are renumbered in sorted id order. Keys are borrowed from the
//! sessions: no id is copied per session.

use std::hash::BuildHasher;

use rayon::prelude::*;

use crate::model::{CompactString, Note, Session, SourceFile};

/// A session's place: (part, index in the part).
type At = (usize, usize);

/// Keeps the first session of each session id, noting the repeats; returns
/// the (source, line) of each session dropped.
pub(super) fn drop_duplicate_ids(
    parts: &mut [Vec<Session>],
    files: &[SourceFile],
    athlete_ids: &[CompactString],
    notes: &mut Vec<Note>,
) -> Vec<(u32, u64)> {
    let mut repeats = repeated_ids(parts);
    repeats.sort_unstable();
    let mut dropped = Vec::with_capacity(repeats.len());
    for &((p, i), (fp, fi)) in &repeats {
        let (r, f) = (&parts[p][i], &parts[fp][fi]);
        let mut note = Note::file(
            "duplicate_session_id",
            &files[r.source() as usize].path,
            r.line(),
            format!(
                "session id already read from {}:{}; this row is ignored",
                files[f.source() as usize].path,
                f.line()
            ),
        );
        note.athlete_id = athlete_ids[r.athlete as usize].to_string();
        note.session_id = r.session_id.to_string();
        notes.push(note);
        dropped.push((r.source(), r.line()));
    }
    let mut keep: Vec<Vec<bool>> = Vec::new();
    for ((p, i), _) in repeats {
        keep.resize_with(parts.len(), Vec::new);
        if keep[p].is_empty() {
            keep[p] = vec![true; parts[p].len()];
        }
        keep[p][i] = false;
    }
    for (part, keep) in parts.iter_mut().zip(keep) {
        let mut flags = keep.into_iter();
        part.retain(|_| flags.next().unwrap_or(true));
    }
    dropped
}

/// Every session whose id an earlier one has, with that earlier one.
fn repeated_ids(parts: &[Vec<Session>]) -> Vec<(At, At)> {
    repeated_ids_by(
        parts,
        foldhash::fast::FixedState::with_seed(0x636f_6e63_7572),
    )
}

/// Sessions counted or renumbered at a time by one thread.
const COUNT_PIECE_SESSIONS: usize = 1 << 16;

/// Bits of a packed key that number the session; the others are the top of
/// its id's hash.
const INDEX_BITS: u32 = 28;

/// Sorts (hash of the id, place) of every session: a session's id can only
/// repeat within its run of equal hashes, which the sort puts in input
/// order. A sort streams through memory on both cores, where a hash map of
/// ten million ids waits on a cache miss per session. Up to 2^28 sessions
/// each key is one u64, the top 36 bits of the hash above the session's
/// number in input order (half the bytes of a tuple to write and sort; ids
/// sharing 36 bits are told apart by comparing them, as for whole hashes).
fn repeated_ids_by(parts: &[Vec<Session>], hasher: impl BuildHasher + Sync) -> Vec<(At, At)> {
    let total: usize = parts.iter().map(Vec::len).sum();
    if total >= 1 << INDEX_BITS {
        return repeated_ids_wide(parts, hasher);
    }
    let starts: Vec<usize> = parts
        .iter()
        .scan(0, |start, part| {
            let here = *start;
            *start += part.len();
            Some(here)
        })
        .collect();
    let mut keys: Vec<u64> = Vec::with_capacity(total);
    for (part, &start) in parts.iter().zip(&starts) {
        keys.par_extend(part.par_iter().enumerate().map(|(i, s)| {
            let hash = hasher.hash_one(s.session_id.as_str());
            (hash >> INDEX_BITS << INDEX_BITS) | (start + i) as u64
        }));
    }
    keys.par_sort_unstable();
    let at = |key: &u64| {
        let n = (key & ((1 << INDEX_BITS) - 1)) as usize;
        let p = starts.partition_point(|&start| start <= n) - 1;
        (p, n - starts[p])
    };
    repeats_in_runs(parts, &keys, |a, b| a >> INDEX_BITS == b >> INDEX_BITS, at)
}

/// In `keys` sorted by hash, then input order: each session whose id an
/// earlier one of its run of equal hashes has, with the first such one.
fn repeats_in_runs<K: Sync>(
    parts: &[Vec<Session>],
    keys: &[K],
    same_hash: impl Fn(&K, &K) -> bool + Sync + Send,
    at: impl Fn(&K) -> At + Sync,
) -> Vec<(At, At)> {
    let id = |key: &K| {
        let (p, i) = at(key);
        parts[p][i].session_id.as_str()
    };
    keys.par_chunk_by(same_hash)
        .filter(|run| run.len() > 1)
        .flat_map_iter(|run| {
            // Usually one id; distinct ids with one hash are told apart here.
            (1..run.len()).filter_map(|k| {
                let first = run[..k].iter().find(|earlier| id(earlier) == id(&run[k]))?;
                Some((at(&run[k]), at(first)))
            })
        })
        .collect()
}

/// [`repeated_ids_by`] for runs of 2^28 sessions and more: (hash, part, index) keys.
fn repeated_ids_wide(parts: &[Vec<Session>], hasher: impl BuildHasher + Sync) -> Vec<(At, At)> {
    let total: usize = parts.iter().map(Vec::len).sum();
    let mut keys: Vec<(u64, u32, u32)> = Vec::with_capacity(total);
    for (p, part) in parts.iter().enumerate() {
        keys.par_extend(
            part.par_iter()
                .enumerate()
                .map(|(i, s)| (hasher.hash_one(s.session_id.as_str()), p as u32, i as u32)),
        );
    }
    keys.par_sort_unstable();
    let at = |&(_, p, i): &(u64, u32, u32)| (p as usize, i as usize);
    repeats_in_runs(parts, &keys, |a, b| a.0 == b.0, at)
}

/// Renumbers the athletes of `parts` (numbered in the order they were met)
/// in sorted id order, keeping only athletes with a session; returns the ids
/// and each one's sessions.
pub(super) fn renumber_athletes(
    parts: &mut [Vec<Session>],
    met: &[CompactString],
) -> (Vec<String>, Vec<u64>) {
    // Counted on all threads, over pieces of every part taken as one list:
    // a fold per part would zero a count per athlete for each file.
    let pieces: Vec<&[Session]> = parts
        .iter()
        .flat_map(|part| part.chunks(COUNT_PIECE_SESSIONS))
        .collect();
    let counts_met = pieces
        .par_iter()
        .fold(
            || vec![0u64; met.len()],
            |mut counts, piece| {
                for s in piece.iter() {
                    counts[s.athlete as usize] += 1;
                }
                counts
            },
        )
        .reduce(
            || vec![0u64; met.len()],
            |mut counts, more| {
                counts.iter_mut().zip(more).for_each(|(c, m)| *c += m);
                counts
            },
        );
    let mut ids: Vec<(&str, u32)> = met
        .iter()
        .zip(0u32..)
        .filter(|(_, n)| counts_met[*n as usize] > 0)
        .map(|(id, n)| (id.as_str(), n))
        .collect();
    ids.sort_unstable();
    let mut rank = vec![0u32; met.len()];
    for (sorted, &(_, n)) in ids.iter().enumerate() {
        rank[n as usize] = sorted as u32;
    }
    parts
        .par_iter_mut()
        .flat_map(|part| part.par_chunks_mut(COUNT_PIECE_SESSIONS))
        .for_each(|chunk| {
            for s in chunk {
                s.athlete = rank[s.athlete as usize];
            }
        });
    let counts = ids.iter().map(|&(_, n)| counts_met[n as usize]).collect();
    (
        ids.into_iter().map(|(id, _)| id.to_string()).collect(),
        counts,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Modality, Origin};
    use crate::test_support::session;

    fn at(id: &str, athlete: u32, source: u32, line: u64) -> Session {
        let mut s = session(id, Modality::Endurance, 0, 60);
        (s.athlete, s.origin) = (athlete, Origin::new(source, line));
        s
    }

    fn files() -> Vec<SourceFile> {
        ["a.csv", "b.csv"]
            .map(|path| SourceFile {
                path: path.into(),
                format: crate::ingest::canonical::KIND,
            })
            .to_vec()
    }

    #[test]
    fn repeated_ids_across_files_keep_the_first_row_and_note_the_others() {
        let mut parts = vec![
            vec![at("x", 0, 0, 2), at("y", 0, 0, 3)],
            vec![at("y", 1, 1, 2), at("z", 1, 1, 3), at("x", 1, 1, 4)],
        ];
        let mut notes = Vec::new();
        let ids = ["A".into(), "B".into()];
        let dropped = drop_duplicate_ids(&mut parts, &files(), &ids, &mut notes);
        let kept: Vec<Vec<&str>> = parts
            .iter()
            .map(|p| p.iter().map(|r| r.session_id.as_str()).collect())
            .collect();
        assert_eq!(kept, [vec!["x", "y"], vec!["z"]]);
        assert_eq!(dropped, [(1, 2), (1, 4)]);
        let details: Vec<(&str, u64, &str, &str)> = notes
            .iter()
            .map(|n| {
                (
                    n.source_file.as_str(),
                    n.line,
                    n.athlete_id.as_str(),
                    n.detail.as_str(),
                )
            })
            .collect();
        assert_eq!(
            details,
            [
                (
                    "b.csv",
                    2,
                    "B",
                    "session id already read from a.csv:3; this row is ignored"
                ),
                (
                    "b.csv",
                    4,
                    "B",
                    "session id already read from a.csv:2; this row is ignored"
                ),
            ]
        );
    }

    /// Every id hashes alike: the first session of each id must still win.
    #[derive(Clone, Copy)]
    struct AllCollide;

    impl BuildHasher for AllCollide {
        type Hasher = Zero;
        fn build_hasher(&self) -> Zero {
            Zero
        }
    }

    struct Zero;

    impl std::hash::Hasher for Zero {
        fn finish(&self) -> u64 {
            0
        }
        fn write(&mut self, _: &[u8]) {}
    }

    #[test]
    fn ids_with_the_same_hash_are_still_told_apart() {
        let parts = vec![
            vec![at("x", 0, 0, 2), at("y", 0, 0, 3), at("x", 0, 0, 4)],
            vec![at("z", 1, 1, 2), at("y", 1, 1, 3), at("z", 1, 1, 4)],
        ];
        let mut repeats = repeated_ids_by(&parts, AllCollide);
        repeats.sort_unstable();
        assert_eq!(
            repeats,
            [((0, 2), (0, 0)), ((1, 1), (0, 1)), ((1, 2), (1, 0))]
        );
    }

    #[test]
    fn packed_and_wide_keys_find_the_same_repeats() {
        let ids = ["x", "y", "x", "z", "y", "x", "w"];
        let parts: Vec<Vec<Session>> = (0..3)
            .map(|p| {
                let ids = ids.iter().skip(p).step_by(2);
                ids.map(|id| at(id, 0, p as u32, 2)).collect()
            })
            .collect();
        let seeded = || foldhash::fast::FixedState::with_seed(7);
        let mut packed = repeated_ids_by(&parts, seeded());
        let mut wide = repeated_ids_wide(&parts, seeded());
        packed.sort_unstable();
        wide.sort_unstable();
        assert_eq!(packed, wide);
        assert_eq!(packed.len(), 6);
        let mut packed = repeated_ids_by(&parts, AllCollide);
        let mut wide = repeated_ids_wide(&parts, AllCollide);
        packed.sort_unstable();
        wide.sort_unstable();
        assert_eq!(packed, wide);
    }

    #[test]
    fn athletes_are_renumbered_in_sorted_id_order_without_unused_ones() {
        let met: Vec<CompactString> = ["kim", "gone", "ann", "bo"].map(Into::into).to_vec();
        let mut parts = vec![
            vec![at("1", 0, 0, 2), at("2", 0, 0, 3), at("3", 2, 0, 4)],
            vec![at("4", 3, 1, 2), at("5", 2, 1, 3)],
        ];
        let (ids, counts) = renumber_athletes(&mut parts, &met);
        assert_eq!(ids, ["ann", "bo", "kim"]);
        assert_eq!(counts, [2, 1, 2]);
        let numbers: Vec<Vec<u32>> = parts
            .iter()
            .map(|p| p.iter().map(|s| s.athlete).collect())
            .collect();
        assert_eq!(numbers, [vec![2, 2, 0], vec![1, 0]]);
    }
}
