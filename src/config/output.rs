//! Checks of where a run writes, made before any work: the report folder
//! replaces what is at `--out` whole, so it must be new, empty, a previous
//! concur report, or given up with `--force`, and must never hold an input.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::error::ConfigError;
use crate::model::REPORT_MARKER_FILE;

/// Checks that the report may go to `out`; `keep` are the files the run
/// reads (inputs, roster, rules, key), which replacing `out` must not delete.
pub(crate) fn check_out_dir(out: &Path, force: bool, keep: &[PathBuf]) -> Result<(), ConfigError> {
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

/// Files and folders a concur report holds; a folder of only these (from a
/// version before the marker) counts as a report too.
const REPORT_ENTRIES: [&str; 9] = [
    "sessions",
    "flags",
    "summary",
    "athletes",
    "weekly",
    "rejected",
    "data_quality",
    "plots",
    "report",
];

/// What `--out` is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FolderState {
    /// Nothing there yet.
    Absent,
    /// An empty folder.
    Empty,
    /// A report concur wrote before.
    Report,
    /// A non-empty folder that is not a concur report.
    Foreign,
    /// A file or something else that is not a folder.
    NotAFolder,
}

/// Looks at `--out` without changing anything.
pub(crate) fn folder_state(path: &Path) -> io::Result<FolderState> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(FolderState::Absent),
        Err(e) => return Err(e),
    };
    if !meta.is_dir() {
        return Ok(FolderState::NotAFolder);
    }
    if path.join(REPORT_MARKER_FILE).is_file() {
        return Ok(FolderState::Report);
    }
    let names: Vec<OsString> = fs::read_dir(path)?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<io::Result<_>>()?;
    if names.is_empty() {
        return Ok(FolderState::Empty);
    }
    let ours = |name: &OsString| {
        let name = name.to_string_lossy();
        let stem = name.split('.').next().unwrap_or_default();
        REPORT_ENTRIES.contains(&stem) || stem.starts_with("report-")
    };
    let has_table = names
        .iter()
        .any(|n| n == "summary.csv" || n == "report.pdf");
    Ok(if has_table && names.iter().all(ours) {
        FolderState::Report
    } else {
        FolderState::Foreign
    })
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

    #[test]
    fn folders_are_told_apart_by_marker_and_content() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = |name: &str, files: &[&str]| {
            let d = tmp.path().join(name);
            fs::create_dir(&d).unwrap();
            for f in files {
                fs::write(d.join(f), "").unwrap();
            }
            folder_state(&d).unwrap()
        };
        assert_eq!(
            folder_state(&tmp.path().join("none")).unwrap(),
            FolderState::Absent
        );
        assert_eq!(dir("empty", &[]), FolderState::Empty);
        assert_eq!(
            dir("marked", &[REPORT_MARKER_FILE, "x.txt"]),
            FolderState::Report
        );
        assert_eq!(
            dir("legacy", &["summary.csv", "flags.csv", "report-a.pdf"]),
            FolderState::Report
        );
        assert_eq!(
            dir("foreign", &["summary.csv", "thesis.docx"]),
            FolderState::Foreign
        );
        assert_eq!(dir("readme", &["README.md"]), FolderState::Foreign);
        fs::write(tmp.path().join("file"), "").unwrap();
        assert_eq!(
            folder_state(&tmp.path().join("file")).unwrap(),
            FolderState::NotAFolder
        );
    }
}
