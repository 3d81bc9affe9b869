//! The [`Budget`] that files and unpacked archive members are taken from:
//! the plan's input limit, shared by the threads that read files.

use crate::config::InputLimit;
use crate::ingest::bytes::{map_large, Bytes};
use crate::model::byte_size;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// What a run may still read into memory: the input limit minus the bytes
/// taken so far (files on disk, then archive members as they unpack).
/// Shared by reference, so files may be read in parallel.
#[derive(Debug)]
pub(crate) struct Budget {
    limit: InputLimit,
    used: AtomicU64,
    /// Set when the files' unpacking together passed the limit (see [`Allowance`]).
    overflowed: AtomicBool,
}

impl Budget {
    /// A budget of `limit` with nothing used yet.
    pub(crate) fn new(limit: InputLimit) -> Budget {
        Budget {
            limit,
            used: AtomicU64::new(0),
            overflowed: AtomicBool::new(false),
        }
    }

    /// Whether the unpacking of all files together passed the limit: the run
    /// stops, as when the files on disk together do.
    pub(crate) fn overflowed(&self) -> bool {
        self.overflowed.load(Ordering::Relaxed)
    }

    /// The limit this budget enforces.
    pub(crate) fn limit(&self) -> InputLimit {
        self.limit
    }

    /// Bytes still free.
    pub(crate) fn remaining(&self) -> u64 {
        self.limit
            .bytes
            .saturating_sub(self.used.load(Ordering::Relaxed))
    }

    /// Counts `bytes` as read; `Err` (and nothing counted) when that would
    /// pass the limit, saying so for `what`.
    pub(crate) fn take(&self, bytes: u64, what: &str) -> Result<(), String> {
        let mut used = self.used.load(Ordering::Relaxed);
        loop {
            let total = used.saturating_add(bytes);
            if total > self.limit.bytes {
                return Err(format!(
                    "{what}: {} would bring the input read into memory to {}, over {}; not read",
                    byte_size(bytes),
                    byte_size(total),
                    self.limit.describe()
                ));
            }
            match self
                .used
                .compare_exchange_weak(used, total, Ordering::Relaxed, Ordering::Relaxed)
            {
                Ok(_) => return Ok(()),
                Err(now) => used = now,
            }
        }
    }

    /// Reads a file into memory unless it is larger than the limit by itself
    /// (its bytes were counted when the run started, see [`files_fit`]).
    /// A large file is mapped rather than copied (see [`crate::ingest::bytes`]).
    pub(crate) fn read_file(&self, path: &Path) -> Result<Bytes, String> {
        let file = std::fs::File::open(path).map_err(|e| format!("cannot read the file: {e}"))?;
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        if len > self.limit.bytes {
            return Err(too_large(len, &self.limit));
        }
        if let Some(mapped) = map_large(&file, len) {
            return Ok(mapped);
        }
        let mut bytes = Vec::with_capacity(len as usize);
        // A file that grew since it was measured is cut at the limit and refused.
        file.take(self.limit.bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read the file: {e}"))?;
        if bytes.len() as u64 > self.limit.bytes {
            return Err(too_large(bytes.len() as u64, &self.limit));
        }
        Ok(bytes.into())
    }
}

/// What one file's archives and decoders may unpack: a fixed allowance, the
/// same for every file (what the files on disk leave of the limit, known
/// before any is read), so whether a file is refused never depends on what
/// other files, read at the same time on other threads, have unpacked.
///
/// What each file unpacks also counts in the shared [`Budget`]; when all
/// files together pass the limit the budget is marked [`Budget::overflowed`]
/// and the run stops. Each file's unpacking is fixed by its own bytes, so
/// whether that happens does not depend on threads either.
#[derive(Debug)]
pub(crate) struct Allowance<'b> {
    budget: &'b Budget,
    bytes: u64,
    used: u64,
}

impl<'b> Allowance<'b> {
    /// An allowance of `bytes` for one file, also counted in `budget`.
    pub(crate) fn new(budget: &'b Budget, bytes: u64) -> Allowance<'b> {
        Allowance {
            budget,
            bytes,
            used: 0,
        }
    }

    /// Bytes this file may still unpack.
    pub(crate) fn left(&self) -> u64 {
        self.bytes.saturating_sub(self.used)
    }

    /// The limit of the run, for messages.
    pub(crate) fn limit(&self) -> InputLimit {
        self.budget.limit
    }

    /// Counts `bytes` unpacked for `what`; `Err` (nothing counted) when that
    /// passes this file's allowance, or when all files together pass the
    /// limit (the budget is then marked overflowed).
    pub(crate) fn take(&mut self, bytes: u64, what: &str) -> Result<(), String> {
        if bytes > self.left() {
            return Err(format!(
                "{what}: {} is more than {}, what the files on disk leave of {}; not read",
                byte_size(bytes),
                byte_size(self.left()),
                self.budget.limit.describe()
            ));
        }
        if let Err(reason) = self.budget.take(bytes, what) {
            self.budget.overflowed.store(true, Ordering::Relaxed);
            return Err(reason);
        }
        self.used += bytes;
        Ok(())
    }
}

/// The fatal error of a run whose files together unpack to more than
/// `allowance`, what the files on disk leave of `limit`.
pub(crate) fn unpacked_too_much(allowance: u64, limit: &InputLimit) -> String {
    format!(
        "the archives and Parquet files in the inputs together unpack to more than {}, what the files on disk leave of {}. Audit fewer files at once or raise the limit",
        byte_size(allowance),
        limit.describe()
    )
}

/// The reason a file larger than the limit by itself is rejected unread.
pub(crate) fn too_large(len: u64, limit: &InputLimit) -> String {
    format!(
        "the file is {}, larger than {}; not read",
        byte_size(len),
        limit.describe()
    )
}

/// Counts the files (path shown, size on disk) a run will read against
/// `budget`: files larger than the limit by themselves are left out (they
/// are rejected when read); `Err` names the total, the largest file and the
/// limit when the others together exceed it.
pub(crate) fn files_fit(budget: &Budget, files: &[(String, u64)]) -> Result<(), String> {
    let limit = budget.limit();
    let fitting: Vec<&(String, u64)> = files
        .iter()
        .filter(|(_, len)| *len <= limit.bytes)
        .collect();
    let total: u64 = fitting.iter().map(|(_, len)| *len).sum();
    if budget.take(total, "the inputs").is_ok() {
        return Ok(());
    }
    let (largest, largest_len) = fitting
        .iter()
        .max_by_key(|(_, len)| *len)
        .map(|(p, len)| (p.as_str(), *len))
        .unwrap_or(("", 0));
    Err(format!(
        "the {} input files total {}, over {}; the largest is {largest} ({}). Audit fewer files at once or raise the limit",
        fitting.len(),
        byte_size(total),
        limit.describe(),
        byte_size(largest_len)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny(bytes: u64) -> InputLimit {
        InputLimit {
            bytes,
            origin: crate::config::LimitSource::Setting,
        }
    }

    #[test]
    fn budget_refuses_what_would_pass_the_limit_and_counts_nothing_then() {
        let budget = Budget::new(tiny(100));
        budget.take(60, "a").unwrap();
        let e = budget.take(41, "b.csv").unwrap_err();
        assert!(e.starts_with("b.csv: 41 bytes would bring the input read into memory to 101 bytes, over the input limit of 100 bytes"), "{e}");
        assert!(e.contains("--max-input-gb"), "{e}");
        assert_eq!(budget.remaining(), 40);
    }

    #[test]
    fn inputs_over_the_limit_together_name_total_and_largest_file() {
        let budget = Budget::new(tiny(100));
        let files = vec![
            ("a.csv".to_string(), 60),
            ("b.csv".into(), 50),
            ("huge.bin".into(), 500),
        ];
        let e = files_fit(&budget, &files).unwrap_err();
        assert!(e.contains("2 input files total 110 bytes"), "{e}");
        assert!(e.contains("the largest is a.csv (60 bytes)"), "{e}");
        assert!(files_fit(&Budget::new(tiny(200)), &files).is_ok());
    }

    #[test]
    fn each_file_may_unpack_its_allowance_whatever_others_took() {
        let budget = Budget::new(tiny(1000));
        let mut first = Allowance::new(&budget, 600);
        first.take(500, "a.gz").unwrap();
        // The second file is judged by its own allowance, not what is left.
        let mut second = Allowance::new(&budget, 600);
        let e = second.take(601, "b.gz").unwrap_err();
        assert!(e.contains("b.gz: 601 bytes is more than 600 bytes"), "{e}");
        assert!(!budget.overflowed());
        second.take(400, "b.gz").unwrap();
        assert!(!budget.overflowed());
        // Together they pass the limit: the run stops.
        assert!(second.take(150, "b.gz").is_err());
        assert!(budget.overflowed());
    }

    #[test]
    fn file_larger_than_the_limit_is_refused_unread() {
        let tmp = tempfile::TempDir::new().unwrap();
        let path = tmp.path().join("big.csv");
        std::fs::write(&path, vec![b'x'; 2000]).unwrap();
        let e = Budget::new(tiny(1000)).read_file(&path).unwrap_err();
        assert!(
            e.contains("the file is 2000 bytes, larger than the input limit of 1000 bytes"),
            "{e}"
        );
        assert_eq!(
            Budget::new(tiny(2000)).read_file(&path).unwrap().len(),
            2000
        );
    }
}
