//! `--pseudonymize` settings: the secret key (from a file or
//! `CONCUR_PSEUDONYM_KEY`) and where the map back to real ids goes, which is
//! never inside the report folder handed to coaches.

use std::path::{Path, PathBuf};

use super::error::ConfigError;
use crate::model::PseudonymKey;

/// The environment variable holding the key when no key file is given.
pub(crate) const KEY_VARIABLE: &str = "CONCUR_PSEUDONYM_KEY";

/// The fewest bytes a key may have, so that pseudonyms cannot be guessed.
const MIN_KEY_BYTES: usize = 16;

/// How to pseudonymize a run.
#[derive(Debug, Clone)]
pub(crate) struct PseudonymPlan {
    /// The secret key.
    pub(crate) key: PseudonymKey,
    /// The map file for the data owner.
    pub(crate) map_path: PathBuf,
}

/// Reads the key from `file` (surrounding whitespace and the final newline
/// dropped), else from the value of `CONCUR_PSEUDONYM_KEY`.
pub(crate) fn load_key(
    file: Option<&Path>,
    variable: Option<String>,
) -> Result<PseudonymKey, ConfigError> {
    let (bytes, from) = match file {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| ConfigError::PseudonymKey {
                reason: format!("cannot read --pseudonym-key-file {}: {e}", path.display()),
            })?;
            (bytes, format!("--pseudonym-key-file {}", path.display()))
        }
        None => (
            variable.unwrap_or_default().into_bytes(),
            format!("${KEY_VARIABLE}"),
        ),
    };
    let trimmed = bytes.trim_ascii().to_vec();
    if trimmed.len() < MIN_KEY_BYTES {
        let what = if trimmed.is_empty() {
            format!("no key was given ({from} is empty or missing)")
        } else {
            format!("the key from {from} has {} bytes; at least {MIN_KEY_BYTES} are needed so that pseudonyms cannot be guessed", trimmed.len())
        };
        return Err(ConfigError::PseudonymKey { reason: what });
    }
    Ok(PseudonymKey::new(trimmed).expect("checked to be non-empty"))
}

/// `<out>.pseudonyms.csv` beside the report folder.
pub(crate) fn default_map_path(out: &Path) -> PathBuf {
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    out.with_file_name(format!("{name}.pseudonyms.csv"))
}

/// Checks that the map goes neither into the report folder nor over or into
/// a file or folder the run reads (`keep`: inputs, roster, rules, key file).
pub(crate) fn check_map_path(map: &Path, out: &Path, keep: &[PathBuf]) -> Result<(), ConfigError> {
    let refuse = |reason: &str| ConfigError::PseudonymMap {
        path: map.display().to_string(),
        reason: reason.to_string(),
    };
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| absolute(p));
    if absolute(map).starts_with(absolute(out)) || canonical(map).starts_with(canonical(out)) {
        return Err(refuse(
            "it is inside the report folder, which is handed to coaches; put it beside or elsewhere",
        ));
    }
    if keep
        .iter()
        .any(|k| canonical(map).starts_with(canonical(k)))
    {
        return Err(refuse(
            "it is, or is inside, a file this run reads (an input, the roster, the rules or the key file)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_comes_from_the_file_else_the_variable_without_its_newline() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("key");
        std::fs::write(&file, "0123456789abcdef0123\n").unwrap();
        let from_file = load_key(Some(&file), Some("ignored-ignored-ignored".into())).unwrap();
        let from_var = load_key(None, Some("0123456789abcdef0123".into())).unwrap();
        assert_eq!(from_file, from_var);
    }

    #[test]
    fn missing_empty_or_short_keys_are_refused_with_how_to_give_one() {
        for e in [
            load_key(None, None),
            load_key(None, Some("  \n".into())),
            load_key(None, Some("short".into())),
            load_key(Some(Path::new("/nonexistent/key")), None),
        ] {
            let e = e.unwrap_err().to_string();
            assert!(
                e.contains("--pseudonym-key-file") && e.contains(KEY_VARIABLE),
                "{e}"
            );
        }
    }

    #[test]
    fn map_goes_beside_the_report_never_into_it_or_an_input() {
        let out = Path::new("reports/sample");
        let map = default_map_path(out);
        assert_eq!(map, Path::new("reports/sample.pseudonyms.csv"));
        assert!(check_map_path(&map, out, &[]).is_ok());
        assert!(check_map_path(&out.join("map.csv"), out, &[]).is_err());
        let input = PathBuf::from("data/sample");
        assert!(check_map_path(&input.join("m.csv"), out, &[input]).is_err());
    }
}
