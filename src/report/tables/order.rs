//! The order of the rows of sessions.csv and flags.csv: by group, then
//! athlete, each athlete's sessions (or flags) one run of the frame's.

use std::ops::Range;

use crate::classify::Frame;

/// Each athlete's rank in group-name order: rows go by group, then athlete.
fn group_ranks(frame: &Frame) -> Vec<u32> {
    let mut groups: Vec<&str> = frame.athletes.iter().map(|a| a.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    frame
        .athletes
        .iter()
        .map(|a| groups.binary_search(&a.group.as_str()).unwrap_or(0) as u32)
        .collect()
}

/// The rows of a table in report order (by group, then athlete), each
/// athlete's items (its sessions or flags, in frame order) one run: no
/// index per row (at ten million sessions that was tens of MB and a sort).
pub(super) struct RowOrder {
    /// Per athlete with items, in report order: its first row and its items.
    runs: Vec<(usize, Range<usize>)>,
    /// Rows in all.
    pub(super) rows: usize,
}

impl RowOrder {
    /// The order of the items `items_of` gives each athlete of `frame`.
    pub(super) fn new(frame: &Frame, items_of: impl Fn(usize) -> Range<usize>) -> RowOrder {
        let ranks = group_ranks(frame);
        let mut athletes: Vec<usize> = (0..frame.athletes.len()).collect();
        // Stable: within a group the frame's athlete order stays.
        athletes.sort_by_key(|&a| ranks[a]);
        let mut runs = Vec::with_capacity(athletes.len());
        let mut rows = 0;
        for items in athletes.into_iter().map(items_of) {
            if !items.is_empty() {
                runs.push((rows, items.clone()));
                rows += items.len();
            }
        }
        RowOrder { runs, rows }
    }

    /// The items of the rows `rows`, in order: the run of the first is
    /// searched for, the rest walked.
    pub(super) fn items(&self, rows: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let first = self.runs.partition_point(|&(start, _)| start <= rows.start);
        let first = first.saturating_sub(1);
        let skip = rows.start - self.runs.get(first).map_or(rows.start, |&(start, _)| start);
        let runs = self.runs.get(first..).unwrap_or_default().iter();
        runs.flat_map(|(_, items)| items.clone())
            .skip(skip)
            .take(rows.len())
    }

    /// The item of row `row`.
    pub(super) fn item(&self, row: usize) -> usize {
        self.items(row..row + 1).next().unwrap_or(usize::MAX)
    }
}
