//! The input limit: how much input one run reads into memory, derived from
//! the memory available or set by `--max-input-gb` / `CONCUR_MAX_INPUT_GB`.
//! The plan carries it; `ingest` takes files and archive members from a
//! budget of this size.

use crate::model::byte_size;

/// Environment variable that sets the input limit in GB (like `--max-input-gb`).
pub(crate) const ENV_MAX_INPUT_GB: &str = "CONCUR_MAX_INPUT_GB";
/// Bytes of memory a run may need per byte of input: the derived limit is
/// the memory available over this, well above the peak a run measures
/// (BENCHMARKS.md), so that a limit never refuses what memory can hold.
pub(crate) const MEMORY_PER_INPUT_BYTE: u64 = 8;
/// Input limit when the available memory cannot be read (no `/proc/meminfo`).
pub(crate) const FALLBACK_MAX_INPUT_BYTES: u64 = 1 << 30;

/// How much input one run may read into memory, and where that number comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct InputLimit {
    /// The limit in bytes.
    pub(crate) bytes: u64,
    /// Where the limit comes from, for messages.
    pub(crate) origin: LimitSource,
}

/// Where an input limit comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum LimitSource {
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
    pub(crate) fn resolve(gb: Option<f64>) -> Result<InputLimit, String> {
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
    pub(crate) fn from_gb(gb: f64) -> Result<InputLimit, String> {
        if !(gb.is_finite() && gb > 0.0) {
            return Err(format!(
                "the input limit must be a positive number of GB, found {gb}"
            ));
        }
        Ok(InputLimit {
            bytes: (gb * 1e9).max(1.0) as u64,
            origin: LimitSource::Setting,
        })
    }

    /// The limit derived from the text of `/proc/meminfo` (`MemAvailable`), if any.
    pub(crate) fn from_meminfo(meminfo: Option<&str>) -> InputLimit {
        let available = meminfo.and_then(|text| {
            let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
            let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb.saturating_mul(1024))
        });
        match available {
            Some(bytes) => InputLimit {
                bytes: (bytes / MEMORY_PER_INPUT_BYTE).max(1),
                origin: LimitSource::Memory(bytes),
            },
            None => InputLimit {
                bytes: FALLBACK_MAX_INPUT_BYTES,
                origin: LimitSource::Fallback,
            },
        }
    }

    /// "the input limit of 3.0 GB (1/8 of the 24.0 GB available memory)".
    pub(crate) fn describe(&self) -> String {
        let raise = format!("raise it with --max-input-gb or {ENV_MAX_INPUT_GB}");
        let why = match self.origin {
            LimitSource::Memory(avail) => format!(
                "1/{MEMORY_PER_INPUT_BYTE} of the {} of available memory; {raise}",
                byte_size(avail)
            ),
            LimitSource::Setting => format!("set by --max-input-gb or {ENV_MAX_INPUT_GB}"),
            LimitSource::Fallback => {
                format!("the fixed limit, as the available memory is unknown; {raise}")
            }
        };
        format!("the input limit of {} ({why})", byte_size(self.bytes))
    }
}

impl InputLimit {
    /// The limit derived from this machine's available memory.
    pub(crate) fn from_system() -> InputLimit {
        InputLimit::from_meminfo(std::fs::read_to_string("/proc/meminfo").ok().as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_is_a_share_of_available_memory_else_the_fallback() {
        let limit = InputLimit::from_meminfo(Some("MemTotal: 100 kB\nMemAvailable:   1600 kB\n"));
        assert_eq!(limit.bytes, 1600 * 1024 / MEMORY_PER_INPUT_BYTE);
        assert_eq!(limit.origin, LimitSource::Memory(1600 * 1024));
        assert_eq!(
            InputLimit::from_meminfo(Some("nonsense")).bytes,
            FALLBACK_MAX_INPUT_BYTES
        );
        assert_eq!(InputLimit::from_meminfo(None).origin, LimitSource::Fallback);
    }

    #[test]
    fn limit_in_gb_must_be_positive() {
        assert_eq!(InputLimit::from_gb(0.5).unwrap().bytes, 500_000_000);
        assert!(InputLimit::from_gb(0.0).is_err());
        assert!(InputLimit::from_gb(f64::NAN).is_err());
    }
}
