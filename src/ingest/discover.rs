//! Finding the files under the inputs: logs and rosters, in input order and
//! sorted path order, with each file's folder-based athlete identity. Hidden
//! files, this run's report folder and every other concur report folder
//! (one holding the `.concur-report` marker) are skipped.

use std::path::{Path, PathBuf};

use super::error::IngestError;
use crate::model::REPORT_MARKER_FILE;

/// What the inputs hold.
#[derive(Debug, Clone, Default)]
pub(crate) struct Discovered {
    /// Log files, in input order and sorted path order.
    pub(crate) logs: Vec<Found>,
    /// Roster files (`roster.csv`).
    pub(crate) rosters: Vec<Found>,
    /// Concur report folders under the inputs, not read (paths as shown).
    pub(crate) reports: Vec<String>,
}

/// A file found under an input.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// Path on disk.
    pub(crate) path: PathBuf,
    /// Path as shown to the user.
    pub(crate) shown: String,
    /// Prefix for derived session ids: path relative to its input.
    pub(crate) id_prefix: String,
    /// The path under its input folder (`anna/run.fit`), and that path
    /// after the input folder's name (`season/anna/run.fit`): the forms a
    /// roster's `sources` pattern may be written in, besides `shown`.
    pub(crate) under_input: [String; 2],
    /// Athlete id taken from the folder the file sits in, if any.
    pub(crate) folder_athlete: Option<String>,
    /// Every folder that may name the file's athlete, nearest the input
    /// first (`activities` aside), then the input folder's own name: the
    /// first that is a roster athlete names it, before `folder_athlete`.
    pub(crate) folders: Vec<String>,
}

/// A path with forward slashes, as shown in reports.
pub(crate) fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Log files and roster files under `inputs`, skipping hidden files,
/// `out_dir` and other concur report folders.
pub(crate) fn discover(inputs: &[PathBuf], out_dir: &Path) -> Result<Discovered, IngestError> {
    let out_canonical = out_dir.canonicalize().ok();
    let mut found_all = Discovered::default();
    let Discovered {
        logs,
        rosters,
        reports,
    } = &mut found_all;
    for input in inputs {
        // With several inputs, derived session ids start with the input's name,
        // so that `A1/log.csv` and `B1/log.csv` given separately stay apart.
        // Canonicalising is a system call: once per input, not per file.
        let name = input_name(input);
        let id_root = name.as_ref().filter(|_| inputs.len() > 1);
        if input.is_file() {
            let folder_athlete = input
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned());
            let file_name = input
                .file_name()
                .map_or(String::new(), |n| shown(Path::new(n)));
            let found = Found {
                path: input.clone(),
                shown: shown(input),
                id_prefix: shown(input),
                under_input: [
                    file_name.clone(),
                    folder_athlete
                        .as_ref()
                        .map_or_else(|| file_name.clone(), |f| format!("{f}/{file_name}")),
                ],
                folders: folder_athlete.iter().cloned().collect(),
                folder_athlete,
            };
            if is_roster_name(input) {
                rosters.push(found)
            } else {
                logs.push(found)
            }
            continue;
        }
        if !input.is_dir() {
            return Err(IngestError::Missing(shown(input)));
        }
        let walker = walkdir::WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                let is_out =
                    out_canonical.is_some() && e.path().canonicalize().ok() == out_canonical;
                if hidden || is_out {
                    return false;
                }
                let is_report =
                    e.file_type().is_dir() && e.path().join(REPORT_MARKER_FILE).is_file();
                if is_report {
                    reports.push(shown(e.path()));
                }
                !is_report
            });
        for entry in walker
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let rel = entry.path().strip_prefix(input).unwrap_or(entry.path());
            let named = name
                .as_ref()
                .map_or(shown(rel), |n| format!("{n}/{}", shown(rel)));
            let found = Found {
                path: entry.path().to_path_buf(),
                shown: shown(entry.path()),
                id_prefix: match &id_root {
                    Some(root) => format!("{root}/{}", shown(rel)),
                    None => shown(rel),
                },
                under_input: [shown(rel), named],
                folder_athlete: folder_athlete(name.as_deref(), rel),
                folders: athlete_folders(name.as_deref(), rel),
            };
            if is_roster_name(entry.path()) {
                rosters.push(found)
            } else {
                logs.push(found)
            }
        }
    }
    Ok(found_all)
}

/// The athlete folder of a file: the first folder under the input
/// (`logs/<athlete>/...`), else the input folder's own name. Strava's
/// `activities/` folder belongs to the export around it.
/// `input_name` is the input folder's name.
pub(super) fn folder_athlete(input_name: Option<&str>, rel: &Path) -> Option<String> {
    let mut parts = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let first = parts.next()?;
    let in_subfolder = parts.next().is_some();
    if in_subfolder && !first.eq_ignore_ascii_case("activities") {
        return Some(first);
    }
    input_name.map(str::to_string)
}

/// The folders that may name a file's athlete (see [`Found::folders`]).
pub(super) fn athlete_folders(input_name: Option<&str>, rel: &Path) -> Vec<String> {
    let folders = rel.parent().into_iter().flat_map(Path::components);
    let folders = folders.map(|c| c.as_os_str().to_string_lossy().into_owned());
    let folders = folders.filter(|f| !f.eq_ignore_ascii_case("activities"));
    folders.chain(input_name.map(str::to_string)).collect()
}

/// The name of an input folder (canonical first, so that `.` gets a real name).
fn input_name(input: &Path) -> Option<String> {
    let named = input
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_os_string()));
    let name = named.or_else(|| input.file_name().map(|n| n.to_os_string()))?;
    Some(name.to_string_lossy().into_owned())
}

fn is_roster_name(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case("roster.csv"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn athlete_folder_is_the_first_folder_under_the_input() {
        let got = folder_athlete(Some("logs"), Path::new("A12/2026/run.fit"));
        assert_eq!(got.as_deref(), Some("A12"));
    }

    #[test]
    fn file_directly_in_the_input_takes_the_input_folder_name() {
        assert_eq!(
            folder_athlete(Some("anna"), Path::new("run.fit")).as_deref(),
            Some("anna")
        );
    }

    #[test]
    fn strava_activities_folder_belongs_to_its_export() {
        let got = folder_athlete(Some("anna"), Path::new("activities/1.fit.gz"));
        assert_eq!(got.as_deref(), Some("anna"));
    }

    #[test]
    fn concur_report_folders_under_an_input_are_skipped_and_named() {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("season");
        let old = input.join("reports/march");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(input.join("logs.csv"), "x").unwrap();
        std::fs::write(old.join(REPORT_MARKER_FILE), "concur").unwrap();
        std::fs::write(old.join("summary.csv"), "x").unwrap();
        std::fs::write(old.join("roster.csv"), "x").unwrap();
        let found = discover(std::slice::from_ref(&input), Path::new("/nonexistent")).unwrap();
        let logs: Vec<&str> = found.logs.iter().map(|f| f.id_prefix.as_str()).collect();
        assert_eq!(logs, ["logs.csv"]);
        assert!(found.rosters.is_empty());
        assert_eq!(found.reports, [shown(&old)]);
    }
}
