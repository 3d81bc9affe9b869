//! `ConfigError`: every setting (flag, environment variable, rules file
//! entry) that stops the run before any work, with the message shown.

use thiserror::Error;

/// A setting that stops the run before any work.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The rules file could not be read from disk.
    #[error("cannot read rules file {path}")]
    Read {
        /// Rules file path.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The rules file is not valid TOML.
    #[error("rules file {path} is not valid TOML: {message}")]
    Toml {
        /// Rules file path.
        path: String,
        /// The parser's message (with line and column).
        message: String,
    },
    /// A key the rules file may not have.
    #[error("rules file {path}: unknown key `{key}`; expected one of: {expected}")]
    UnknownKey {
        /// Rules file path.
        path: String,
        /// The full key.
        key: String,
        /// The keys allowed there.
        expected: String,
    },
    /// A value of the wrong type.
    #[error("rules file {path}: `{key}` must be {expected}, found {found}")]
    WrongType {
        /// Rules file path.
        path: String,
        /// The full key.
        key: String,
        /// What type was expected.
        expected: String,
        /// The value found.
        found: String,
    },
    /// A value that cannot hold.
    #[error("rules file {path}: `{key}` is impossible: {reason}")]
    Impossible {
        /// Rules file path.
        path: String,
        /// The full key.
        key: String,
        /// Why.
        reason: String,
    },
    /// `--tz` is not an IANA zone name.
    #[error("--tz '{0}' is not an IANA time zone name (expected e.g. UTC, Europe/Amsterdam)")]
    TimeZone(String),
    /// `--out` cannot take the report.
    #[error("cannot write the report to {path}: {reason}")]
    OutFolder {
        /// The `--out` folder.
        path: String,
        /// Why not.
        reason: String,
    },
    /// `--out` is a non-empty folder that concur did not write.
    #[error("--out {0} is a folder that is not empty and holds no concur report (no .concur-report file); a report replaces its folder whole, so what is there would be deleted. Choose a new or empty folder with --out, or give --force to replace its contents")]
    ForeignOutFolder(String),
    /// `--pseudonymize` without a usable key.
    #[error("--pseudonymize: {reason}. Give --pseudonym-key-file FILE or set CONCUR_PSEUDONYM_KEY; make a key with e.g. `openssl rand -hex 32 > concur.key` and keep it, like the map, away from the report")]
    PseudonymKey {
        /// What is wrong with the key.
        reason: String,
    },
    /// `--pseudonym-map` would land where it must not.
    #[error("--pseudonym-map {path}: {reason}")]
    PseudonymMap {
        /// The map path.
        path: String,
        /// Why not there.
        reason: String,
    },
    /// `SOURCE_DATE_EPOCH` is set but not a number of seconds.
    #[error("SOURCE_DATE_EPOCH '{0}' is not a Unix time (whole seconds since 1970-01-01 UTC, e.g. 1767225600); unset it or give a number")]
    SourceDateEpoch(String),
    /// `--max-input-gb` or `CONCUR_MAX_INPUT_GB` is not a positive number.
    #[error("{0}")]
    InputLimit(String),
    /// `--format` names something this build cannot write.
    #[error("--format '{0}' is not an output this build can write; expected a comma list of: csv, parquet, png, svg, pdf, html")]
    Format(String),
}
