//! The input limit: how much input one run reads into memory, derived from
//! the memory available or set by `--max-input-gb` / `CONCUR_MAX_INPUT_GB`,
//! and the [`Budget`] that files and unpacked archive members are taken from.

use crate::ingest::bytes::{map_large, Bytes};
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

/// Environment variable that sets the input limit in GB (like `--max-input-gb`).
pub const ENV_MAX_INPUT_GB: &str = "CONCUR_MAX_INPUT_GB";
/// Bytes of memory a run needs per byte of input (peak RSS / CSV bytes: 5.7x to 7x measured, with margin).
pub const MEMORY_PER_INPUT_BYTE: u64 = 8;
/// Input limit when the available memory cannot be read (no `/proc/meminfo`).
pub const FALLBACK_MAX_INPUT_BYTES: u64 = 1 << 30;

/// How much input one run may read into memory, and where that number comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InputLimit {
    /// The limit in bytes.
    pub bytes: u64,
    /// Where the limit comes from, for messages.
    pub origin: Origin,
}

/// Where an input limit comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Origin {
    /// A share of the memory available (bytes available).
    Memory(u64),
    /// `--max-input-gb` or `CONCUR_MAX_INPUT_GB`.
    Setting,
    /// The fixed fallback (available memory unknown).
    Fallback,
}

impl InputLimit {
    /// The limit: `gb` when given (the flag), else `CONCUR_MAX_INPUT_GB`,
    /// else derived from `/proc/meminfo`, else the fallback.
    pub fn resolve(gb: Option<f64>) -> Result<InputLimit, String> {
        let from_env = std::env::var(ENV_MAX_INPUT_GB).ok();
        let setting = match (gb, from_env.as_deref()) {
            (Some(gb), _) => Some(gb),
            (None, Some(text)) => Some(text.trim().parse::<f64>().map_err(|_| {
                format!("{ENV_MAX_INPUT_GB}='{text}' is not a number of GB (e.g. 4 or 0.5)")
            })?),
            (None, None) => None,
        };
        match setting {
            Some(gb) => InputLimit::from_gb(gb),
            None => Ok(InputLimit::from_meminfo(
                std::fs::read_to_string("/proc/meminfo").ok().as_deref(),
            )),
        }
    }

    /// A limit given in GB (10^9 bytes); must be a positive finite number.
    pub fn from_gb(gb: f64) -> Result<InputLimit, String> {
        if !(gb.is_finite() && gb > 0.0) {
            return Err(format!(
                "the input limit must be a positive number of GB, found {gb}"
            ));
        }
        Ok(InputLimit {
            bytes: (gb * 1e9).max(1.0) as u64,
            origin: Origin::Setting,
        })
    }

    /// The limit derived from the text of `/proc/meminfo` (`MemAvailable`), if any.
    pub fn from_meminfo(meminfo: Option<&str>) -> InputLimit {
        let available = meminfo.and_then(|text| {
            let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
            let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb.saturating_mul(1024))
        });
        match available {
            Some(bytes) => InputLimit {
                bytes: (bytes / MEMORY_PER_INPUT_BYTE).max(1),
                origin: Origin::Memory(bytes),
            },
            None => InputLimit {
                bytes: FALLBACK_MAX_INPUT_BYTES,
                origin: Origin::Fallback,
            },
        }
    }

    /// "the input limit of 3.0 GB (1/8 of the 24.0 GB available memory)".
    pub fn describe(&self) -> String {
        let raise = format!("raise it with --max-input-gb or {ENV_MAX_INPUT_GB}");
        let why = match self.origin {
            Origin::Memory(avail) => format!(
                "1/{MEMORY_PER_INPUT_BYTE} of the {} of available memory; {raise}",
                size(avail)
            ),
            Origin::Setting => format!("set by --max-input-gb or {ENV_MAX_INPUT_GB}"),
            Origin::Fallback => {
                format!("the fixed limit, as the available memory is unknown; {raise}")
            }
        };
        format!("the input limit of {} ({why})", size(self.bytes))
    }
}

/// A byte count for people: `812 bytes`, `3.4 MB`, `1.50 GB` (powers of 10).
pub fn size(bytes: u64) -> String {
    let b = bytes as f64;
    if bytes < 10_000 {
        format!("{bytes} bytes")
    } else if b < 1e9 {
        format!("{:.1} MB", b / 1e6)
    } else {
        format!("{:.2} GB", b / 1e9)
    }
}

static CURRENT: Mutex<Option<InputLimit>> = Mutex::new(None);

/// Sets the input limit of this process's runs (`concur audit` does, from its plan).
pub fn set_input_limit(limit: InputLimit) {
    *CURRENT.lock().unwrap_or_else(|e| e.into_inner()) = Some(limit);
}

/// The input limit set by [`set_input_limit`], else the one derived from memory.
pub fn input_limit() -> InputLimit {
    let set = *CURRENT.lock().unwrap_or_else(|e| e.into_inner());
    set.unwrap_or_else(|| {
        InputLimit::from_meminfo(std::fs::read_to_string("/proc/meminfo").ok().as_deref())
    })
}

/// What a run may still read into memory: the input limit minus the bytes
/// taken so far (files on disk, then archive members as they unpack).
/// Shared by reference, so files may be read in parallel.
#[derive(Debug)]
pub struct Budget {
    limit: InputLimit,
    used: AtomicU64,
    /// Set when the files' unpacking together passed the limit (see [`Allowance`]).
    overflowed: AtomicBool,
}

impl Budget {
    /// A budget of `limit` with nothing used yet.
    pub fn new(limit: InputLimit) -> Budget {
        Budget {
            limit,
            used: AtomicU64::new(0),
            overflowed: AtomicBool::new(false),
        }
    }

    /// Whether the unpacking of all files together passed the limit: the run
    /// stops, as when the files on disk together do.
    pub fn overflowed(&self) -> bool {
        self.overflowed.load(Ordering::Relaxed)
    }

    /// The limit this budget enforces.
    pub fn limit(&self) -> InputLimit {
        self.limit
    }

    /// Bytes still free.
    pub fn remaining(&self) -> u64 {
        self.limit
            .bytes
            .saturating_sub(self.used.load(Ordering::Relaxed))
    }

    /// Counts `bytes` as read; `Err` (and nothing counted) when that would
    /// pass the limit, saying so for `what`.
    pub fn take(&self, bytes: u64, what: &str) -> Result<(), String> {
        let mut used = self.used.load(Ordering::Relaxed);
        loop {
            let total = used.saturating_add(bytes);
            if total > self.limit.bytes {
                return Err(format!(
                    "{what}: {} would bring the input read into memory to {}, over {}; not read",
                    size(bytes),
                    size(total),
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
    pub fn read_file(&self, path: &Path) -> Result<Bytes, String> {
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
pub struct Allowance<'b> {
    budget: &'b Budget,
    bytes: u64,
    used: u64,
}

impl<'b> Allowance<'b> {
    /// An allowance of `bytes` for one file, also counted in `budget`.
    pub fn new(budget: &'b Budget, bytes: u64) -> Allowance<'b> {
        Allowance {
            budget,
            bytes,
            used: 0,
        }
    }

    /// Bytes this file may still unpack.
    pub fn left(&self) -> u64 {
        self.bytes.saturating_sub(self.used)
    }

    /// The limit of the run, for messages.
    pub fn limit(&self) -> InputLimit {
        self.budget.limit
    }

    /// Counts `bytes` unpacked for `what`; `Err` (nothing counted) when that
    /// passes this file's allowance, or when all files together pass the
    /// limit (the budget is then marked overflowed).
    pub fn take(&mut self, bytes: u64, what: &str) -> Result<(), String> {
        if bytes > self.left() {
            return Err(format!(
                "{what}: {} is more than {}, what the files on disk leave of {}; not read",
                size(bytes),
                size(self.left()),
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
pub fn unpacked_too_much(allowance: u64, limit: &InputLimit) -> String {
    format!(
        "the archives and Parquet files in the inputs together unpack to more than {}, what the files on disk leave of {}. Audit fewer files at once or raise the limit",
        size(allowance),
        limit.describe()
    )
}

/// The reason a file larger than the limit by itself is rejected unread.
pub fn too_large(len: u64, limit: &InputLimit) -> String {
    format!(
        "the file is {}, larger than {}; not read",
        size(len),
        limit.describe()
    )
}

/// Counts the files (path shown, size on disk) a run will read against
/// `budget`: files larger than the limit by themselves are left out (they
/// are rejected when read); `Err` names the total, the largest file and the
/// limit when the others together exceed it.
pub fn files_fit(budget: &Budget, files: &[(String, u64)]) -> Result<(), String> {
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
        size(total),
        limit.describe(),
        size(largest_len)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny(bytes: u64) -> InputLimit {
        InputLimit {
            bytes,
            origin: Origin::Setting,
        }
    }

    #[test]
    fn limit_is_a_share_of_available_memory_else_the_fallback() {
        let limit = InputLimit::from_meminfo(Some("MemTotal: 100 kB\nMemAvailable:   1600 kB\n"));
        assert_eq!(limit.bytes, 1600 * 1024 / MEMORY_PER_INPUT_BYTE);
        assert_eq!(limit.origin, Origin::Memory(1600 * 1024));
        assert_eq!(
            InputLimit::from_meminfo(Some("nonsense")).bytes,
            FALLBACK_MAX_INPUT_BYTES
        );
        assert_eq!(InputLimit::from_meminfo(None).origin, Origin::Fallback);
    }

    #[test]
    fn limit_in_gb_must_be_positive() {
        assert_eq!(InputLimit::from_gb(0.5).unwrap().bytes, 500_000_000);
        assert!(InputLimit::from_gb(0.0).is_err());
        assert!(InputLimit::from_gb(f64::NAN).is_err());
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
