//! Session ids and athlete ids of the raw rows: repeated session ids are
//! dropped (the first row wins, the others are noted), and every row gets its
//! athlete's index in the sorted list of athlete ids. Keys are borrowed from
//! the rows: no id is copied per row.

use foldhash::HashMap;

use crate::model::{Note, RawSession, SourceFile};

/// Keeps the first row of each session id, noting the repeats.
pub(super) fn drop_duplicate_ids(
    parts: &mut [Vec<RawSession>],
    files: &[SourceFile],
    notes: &mut Vec<Note>,
) {
    let mut first_seen: HashMap<&str, (usize, usize)> = HashMap::default();
    first_seen.reserve(parts.iter().map(Vec::len).sum());
    let mut repeats = Vec::new();
    for (p, part) in parts.iter().enumerate() {
        for (i, r) in part.iter().enumerate() {
            match first_seen.get(r.session_id.as_str()) {
                Some(&first) => repeats.push(((p, i), first)),
                None => {
                    first_seen.insert(&r.session_id, (p, i));
                }
            }
        }
    }
    drop(first_seen);
    for &((p, i), (fp, fi)) in &repeats {
        let (r, f) = (&parts[p][i], &parts[fp][fi]);
        let mut note = Note::file(
            "duplicate_session_id",
            &files[r.source as usize].path,
            r.line,
            format!(
                "session id already read from {}:{}; this row is ignored",
                files[f.source as usize].path, f.line
            ),
        );
        note.athlete_id = r.athlete_id.to_string();
        note.session_id = r.session_id.to_string();
        notes.push(note);
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
}

/// The distinct athlete ids, sorted, and each row's index into them.
pub(super) fn athlete_index(parts: &[Vec<RawSession>]) -> (Vec<String>, Vec<Vec<u32>>) {
    let mut first_index: HashMap<&str, u32> = HashMap::default();
    let mut of_rows = Vec::with_capacity(parts.len());
    for part in parts {
        let mut of_row = Vec::with_capacity(part.len());
        let mut last: Option<(&str, u32)> = None;
        for r in part {
            let id = r.athlete_id.as_str();
            // Rows of one athlete usually come together: skip the hash then.
            let a = match last {
                Some((prev, a)) if prev == id => a,
                _ => {
                    let next = first_index.len() as u32;
                    *first_index.entry(id).or_insert(next)
                }
            };
            last = Some((id, a));
            of_row.push(a);
        }
        of_rows.push(of_row);
    }
    let mut ids: Vec<(&str, u32)> = first_index.into_iter().collect();
    ids.sort_unstable();
    let mut rank = vec![0u32; ids.len()];
    for (sorted, &(_, first)) in ids.iter().enumerate() {
        rank[first as usize] = sorted as u32;
    }
    for a in of_rows.iter_mut().flatten() {
        *a = rank[*a as usize];
    }
    (
        ids.into_iter().map(|(id, _)| id.to_string()).collect(),
        of_rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SourceFormat, StartTime, StrengthDetail};

    fn raw(id: &str, athlete: &str, source: u32, line: u64) -> RawSession {
        RawSession {
            session_id: id.into(),
            athlete_id: athlete.into(),
            start: StartTime::Utc(0),
            duration_s: 60.0,
            modality: None,
            sport: "running".into(),
            sub_sport: "".into(),
            rpe: None,
            to_failure: None,
            strength: StrengthDetail::default(),
            planned: false,
            wall_clock_end: None,
            source,
            line,
        }
    }

    fn files() -> Vec<SourceFile> {
        ["a.csv", "b.csv"]
            .map(|path| SourceFile {
                path: path.into(),
                format: SourceFormat::Canonical,
            })
            .to_vec()
    }

    #[test]
    fn repeated_ids_across_files_keep_the_first_row_and_note_the_others() {
        let mut parts = vec![
            vec![raw("x", "A", 0, 2), raw("y", "A", 0, 3)],
            vec![
                raw("y", "B", 1, 2),
                raw("z", "B", 1, 3),
                raw("x", "B", 1, 4),
            ],
        ];
        let mut notes = Vec::new();
        drop_duplicate_ids(&mut parts, &files(), &mut notes);
        let kept: Vec<Vec<&str>> = parts
            .iter()
            .map(|p| p.iter().map(|r| r.session_id.as_str()).collect())
            .collect();
        assert_eq!(kept, [vec!["x", "y"], vec!["z"]]);
        let details: Vec<(&str, u64, &str)> = notes
            .iter()
            .map(|n| (n.source_file.as_str(), n.line, n.detail.as_str()))
            .collect();
        assert_eq!(
            details,
            [
                (
                    "b.csv",
                    2,
                    "session id already read from a.csv:3; this row is ignored"
                ),
                (
                    "b.csv",
                    4,
                    "session id already read from a.csv:2; this row is ignored"
                ),
            ]
        );
    }

    #[test]
    fn athletes_are_numbered_in_sorted_id_order() {
        let parts = vec![
            vec![
                raw("1", "kim", 0, 2),
                raw("2", "kim", 0, 3),
                raw("3", "ann", 0, 4),
            ],
            vec![raw("4", "bo", 1, 2), raw("5", "ann", 1, 3)],
        ];
        let (ids, of_rows) = athlete_index(&parts);
        assert_eq!(ids, ["ann", "bo", "kim"]);
        assert_eq!(of_rows, [vec![2, 2, 0], vec![1, 0]]);
    }
}
