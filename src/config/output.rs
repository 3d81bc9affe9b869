//! Checks of where a run writes, made before any work: the report folder
//! replaces what is at `--out` whole, so it must be new, empty, a previous
//! concur report, or given up with `--force`, and must never hold an input.

use std::path::{Path, PathBuf};

use super::error::ConfigError;
use crate::report::folder::{folder_state, FolderState};

/// Checks that the report may go to `out`; `keep` are the files the run
/// reads (inputs, roster, rules, key), which replacing `out` must not delete.
pub fn check_out_dir(out: &Path, force: bool, keep: &[PathBuf]) -> Result<(), ConfigError> {
    let refuse = |reason: String| ConfigError::OutFolder {
        path: out.display().to_string(),
        reason,
    };
    let named = out
        .file_name()
        .is_some_and(|n| n != "." && n != ".." && !n.is_empty());
    if !named {
        return Err(refuse(
            "--out must name a folder of its own (not `.`, `..` or a root)".into(),
        ));
    }
    let state = folder_state(out).map_err(|e| refuse(e.to_string()))?;
    if state == FolderState::Absent {
        return Ok(());
    }
    let canonical = out.canonicalize().map_err(|e| refuse(e.to_string()))?;
    if std::env::current_dir().is_ok_and(|cwd| cwd.starts_with(&canonical)) {
        return Err(refuse(
            "it is the working folder or holds it; choose another --out".into(),
        ));
    }
    for path in keep {
        if path.canonicalize().is_ok_and(|p| p.starts_with(&canonical)) {
            return Err(refuse(format!(
                "it holds {}, which this run reads; a new report replaces the folder whole. Choose another --out",
                path.display()
            )));
        }
    }
    match state {
        FolderState::NotAFolder => Err(refuse("it exists and is not a folder".into())),
        FolderState::Foreign if !force => {
            Err(ConfigError::ForeignOutFolder(out.display().to_string()))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_folder_is_refused_unless_forced() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("thesis");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("chapter1.docx"), "x").unwrap();
        let e = check_out_dir(&out, false, &[]).unwrap_err().to_string();
        assert!(e.contains("thesis") && e.contains("--force"), "{e}");
        assert!(check_out_dir(&out, true, &[]).is_ok());
    }

    #[test]
    fn folder_holding_an_input_is_refused_even_when_forced() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("season");
        let log = out.join("logs/a.csv");
        std::fs::create_dir_all(log.parent().unwrap()).unwrap();
        std::fs::write(&log, "x").unwrap();
        let e = check_out_dir(&out, true, &[log]).unwrap_err().to_string();
        assert!(e.contains("a.csv"), "{e}");
    }

    #[test]
    fn new_empty_and_unnamed_out_folders() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(check_out_dir(&tmp.path().join("new"), false, &[]).is_ok());
        assert!(check_out_dir(tmp.path(), false, &[]).is_ok());
        assert!(check_out_dir(Path::new(".."), true, &[]).is_err());
        std::fs::write(tmp.path().join("file"), "").unwrap();
        assert!(check_out_dir(&tmp.path().join("file"), true, &[]).is_err());
    }
}
