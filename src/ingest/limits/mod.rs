//! Limits against hostile or oversized input, so that no file can make concur
//! panic, hang or be killed for memory:
//!
//! - one CSV row may be at most [`MAX_ROW_BYTES`] and one value
//!   [`MAX_FIELD_BYTES`] (the longest row of the real exports in the test
//!   corpus is under 4 KB); a longer row is rejected, naming the limit;
//! - a run reads at most an input limit into memory: a limit derived from
//!   the memory available ([`MEMORY_PER_INPUT_BYTE`] bytes of memory per
//!   byte of input, the peak measured in BENCHMARKS.md), or given by
//!   `--max-input-gb` / `CONCUR_MAX_INPUT_GB`. A file larger than the limit
//!   is rejected unread; inputs that together exceed it stop the run before
//!   any work; archive members count as they unpack, so an archive bomb is
//!   refused when it reaches the limit: each file may unpack a fixed
//!   allowance, what the files on disk leave of the limit, whatever other
//!   files do, and files that together unpack more stop the run (see
//!   [`Budget`] and [`Allowance`]); the limit itself is the plan's
//!   (`config::InputLimit`).

mod budget;

use super::columns::Fields;

pub use budget::{files_fit, too_large, unpacked_too_much, Allowance, Budget};

/// Longest CSV row (all its values together), in bytes.
pub const MAX_ROW_BYTES: usize = 64 * 1024;
/// Longest single CSV value, in bytes.
pub const MAX_FIELD_BYTES: usize = 32 * 1024;

/// Why a CSV row is too long to read, or `None` when it is within the limits.
pub fn row_problem(record: &impl Fields) -> Option<String> {
    let len = record.bytes();
    if len > MAX_ROW_BYTES {
        return Some(format!(
            "the row is {len} bytes long, over the limit of {MAX_ROW_BYTES} bytes per row; not read (a line without line ends, an unclosed quote or a binary file?)"
        ));
    }
    if len <= MAX_FIELD_BYTES {
        // No value can be longer than its whole row.
        return None;
    }
    let (index, longest) = (0..record.count())
        .filter_map(|i| record.cell(i))
        .enumerate()
        .max_by_key(|(_, f)| f.len())
        .map(|(i, f)| (i, f.len()))?;
    (longest > MAX_FIELD_BYTES).then(|| {
        format!(
            "value {} of the row is {longest} bytes long, over the limit of {MAX_FIELD_BYTES} bytes per value; not read",
            index + 1
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_longer_than_the_limit_is_named_with_its_length() {
        let long = "x".repeat(MAX_ROW_BYTES / 2 + 10);
        let record = csv::StringRecord::from(vec![long.as_str(), long.as_str(), "y"]);
        let problem = row_problem(&record).unwrap();
        assert!(
            problem.contains(&format!("{MAX_ROW_BYTES} bytes per row")),
            "{problem}"
        );
        assert!(
            problem.contains(&format!("{} bytes long", MAX_ROW_BYTES + 21)),
            "{problem}"
        );
    }

    #[test]
    fn value_longer_than_the_limit_is_named_by_position() {
        let long = "x".repeat(MAX_FIELD_BYTES + 1);
        let record = csv::StringRecord::from(vec!["a", long.as_str()]);
        let problem = row_problem(&record).unwrap();
        assert!(problem.starts_with("value 2 of the row"), "{problem}");
        assert!(row_problem(&csv::StringRecord::from(vec!["a", "b"])).is_none());
    }
}
