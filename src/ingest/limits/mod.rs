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

pub(crate) use budget::{files_fit, unpacked_too_much, Allowance, Budget};

/// Longest CSV row (all its values together), in bytes.
pub(crate) const MAX_ROW_BYTES: usize = 64 * 1024;
/// Longest single CSV value, in bytes.
pub(crate) const MAX_FIELD_BYTES: usize = 32 * 1024;
