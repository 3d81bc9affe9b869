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
//!   [`Budget`] and [`Allowance`]).

mod memory;

use super::columns::Fields;

pub use memory::{
    files_fit, input_limit, set_input_limit, size, too_large, unpacked_too_much, Allowance, Budget,
    InputLimit, Origin, ENV_MAX_INPUT_GB, FALLBACK_MAX_INPUT_BYTES, MEMORY_PER_INPUT_BYTE,
};

/// Longest CSV row (all its values together), in bytes.
pub const MAX_ROW_BYTES: usize = 64 * 1024;
/// Longest single CSV value, in bytes.
pub const MAX_FIELD_BYTES: usize = 32 * 1024;

/// Longest message (rejection reason, fatal error) in characters; a longer
/// one quotes a long value or header and is cut in the middle by [`clip`].
pub const MAX_MESSAGE_CHARS: usize = 600;

/// A message of at most [`MAX_MESSAGE_CHARS`]: a longer one keeps its start
/// (the column and the start of the value) and its end (what was expected)
/// around a note of how much was left out.
pub fn clip(message: String) -> String {
    let chars = message.chars().count();
    if chars <= MAX_MESSAGE_CHARS {
        return message;
    }
    let (head, tail) = (400, 150);
    let start: String = message.chars().take(head).collect();
    let end: String = message.chars().skip(chars - tail).collect();
    format!(
        "{start}[... {} characters left out ...]{end}",
        chars - head - tail
    )
}

/// A value as quoted in a message: at most 80 characters, a longer one cut
/// with how long it was (`xxxx... (70000 characters)`).
pub fn clip_value(value: &str) -> String {
    let chars = value.chars().count();
    if chars <= 80 {
        return value.to_string();
    }
    let start: String = value.chars().take(60).collect();
    format!("{start}... ({chars} characters)")
}

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

    #[test]
    fn long_messages_keep_their_start_and_end() {
        let long = format!(
            "start '{}' is not a date-time; expected 2026-03-02",
            "9".repeat(5000)
        );
        let clipped = clip(long);
        assert!(
            clipped.chars().count() < MAX_MESSAGE_CHARS + 50,
            "{clipped}"
        );
        assert!(clipped.starts_with("start '999"), "{clipped}");
        assert!(
            clipped.ends_with("' is not a date-time; expected 2026-03-02"),
            "{clipped}"
        );
        assert!(
            clipped.contains("[... 4498 characters left out ...]"),
            "{clipped}"
        );
        assert_eq!(clip("short".into()), "short");
    }
}
