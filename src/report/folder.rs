//! The report folder as a whole: a run writes everything into a staging
//! folder beside `--out` (same parent, so renames are atomic) and only then
//! swaps it into place, so an interrupted or failed run leaves the previous
//! report as it was. A marker file tells concur's own reports from other
//! folders, which are never replaced without `--force`.

use crate::model::REPORT_MARKER_FILE;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The marker's text: fixed, so that reports stay byte-identical.
const MARKER_TEXT: &str = "This folder is a report written by concur; the next run with the same --out replaces it whole.\n";

/// A staging folder beside the report folder; removed again unless committed.
#[derive(Debug)]
pub(crate) struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

/// `<parent>/.<name>.concur-<what>-<pid>` beside `target`.
fn sibling(target: &Path, what: &str, pid: u32) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(format!(".{name}.concur-{what}-{pid}"))
}

/// The parent folder of `target` (`.` for a bare name).
fn parent(target: &Path) -> &Path {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

impl Staging {
    /// Creates an empty staging folder for `target`, after putting back a
    /// previous report a killed run left aside and removing its leftovers.
    pub(crate) fn begin(target: &Path) -> io::Result<Staging> {
        fs::create_dir_all(parent(target))?;
        recover(target)?;
        let dir = sibling(target, "tmp", std::process::id());
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir(&dir)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// The folder to write the report into.
    pub(crate) fn path(&self) -> &Path {
        &self.dir
    }

    /// Marks the staged report as concur's and swaps it into place.
    pub(crate) fn commit(mut self) -> io::Result<()> {
        fs::write(self.dir.join(REPORT_MARKER_FILE), MARKER_TEXT)?;
        replace_dir(&self.dir, &self.target)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: a failed run must not leave its half-written folder.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Moves the folder `new` to `target`, replacing what is there. On Linux the
/// two are exchanged in one atomic rename, so `target` always names a whole
/// report; elsewhere (or where the file system cannot exchange) the old one
/// is renamed aside first and removed only once `new` is in place.
pub(crate) fn replace_dir(new: &Path, target: &Path) -> io::Result<()> {
    if fs::symlink_metadata(target).is_err() {
        return fs::rename(new, target);
    }
    if exchange(new, target).is_ok() {
        // `new` now names the previous report (or what --out pointed to).
        return remove_entry(new);
    }
    let old = sibling(target, "old", std::process::id());
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    fs::rename(target, &old)?;
    if let Err(e) = fs::rename(new, target) {
        // Put the previous report back before giving up.
        let _ = fs::rename(&old, target);
        return Err(e);
    }
    remove_entry(&old)
}

/// Removes a folder, or a symlink without following it (its target stays).
fn remove_entry(path: &Path) -> io::Result<()> {
    if fs::symlink_metadata(path)?.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}

/// Swaps the names of two entries atomically (Linux `renameat2` with
/// `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// No atomic exchange here: the caller falls back to two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Whether the process of a leftover folder is still running; without
/// `/proc` nobody can tell, so the folder is left alone.
fn may_be_running(pid: &str) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid).exists()
}

/// Clears what killed runs left beside `target`: a previous report moved
/// aside (put back when `target` is missing) and staging folders.
fn recover(target: &Path) -> io::Result<()> {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!(".{name}.concur-");
    let Ok(entries) = fs::read_dir(parent(target)) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let Some((what, pid)) = rest.split_once('-') else {
            continue;
        };
        if !pid.bytes().all(|b| b.is_ascii_digit()) || may_be_running(pid) {
            continue;
        }
        let path = entry.path();
        match what {
            "old" if fs::symlink_metadata(target).is_err() => fs::rename(&path, target)?,
            "old" | "tmp" => fs::remove_dir_all(&path)?,
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn committed_report_replaces_the_previous_one_and_leaves_nothing_beside() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("old.csv"), "old").unwrap();
        let staging = Staging::begin(&out).unwrap();
        fs::write(staging.path().join("summary.csv"), "new").unwrap();
        staging.commit().unwrap();
        assert_eq!(tree(&out), [REPORT_MARKER_FILE, "summary.csv"]);
        assert_eq!(tree(tmp.path()), ["out"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_report_goes_whole_but_not_what_its_links_point_to() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, outside) = (tmp.path().join("out"), tmp.path().join("outside"));
        fs::create_dir_all(out.join("plots/g")).unwrap();
        fs::create_dir_all(&outside).unwrap();
        fs::write(out.join("plots/g/load.svg"), "svg").unwrap();
        fs::write(outside.join("keep.csv"), "keep").unwrap();
        std::os::unix::fs::symlink(&outside, out.join("linked")).unwrap();
        std::os::unix::fs::symlink(outside.join("keep.csv"), out.join("file")).unwrap();
        let staging = Staging::begin(&out).unwrap();
        fs::write(staging.path().join("summary.csv"), "new").unwrap();
        staging.commit().unwrap();
        assert_eq!(tree(&out), [REPORT_MARKER_FILE, "summary.csv"]);
        assert_eq!(tree(&outside), ["keep.csv"]);
    }

    #[test]
    fn dropped_staging_is_removed_and_the_previous_report_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("summary.csv"), "old").unwrap();
        {
            let staging = Staging::begin(&out).unwrap();
            fs::write(staging.path().join("summary.csv"), "half").unwrap();
        }
        assert_eq!(fs::read_to_string(out.join("summary.csv")).unwrap(), "old");
        assert_eq!(tree(tmp.path()), ["out"]);
    }

    #[test]
    fn failed_swap_puts_the_previous_report_back() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("summary.csv"), "old").unwrap();
        let missing = tmp.path().join("never-written");
        assert!(replace_dir(&missing, &out).is_err());
        assert_eq!(fs::read_to_string(out.join("summary.csv")).unwrap(), "old");
        assert_eq!(tree(tmp.path()), ["out"]);
    }

    #[test]
    fn leftovers_of_a_killed_run_are_cleared_and_a_report_moved_aside_restored() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        // No process has pid 4294967295: both folders are stale.
        let dead = u32::MAX;
        fs::create_dir(sibling(&out, "tmp", dead)).unwrap();
        fs::create_dir(sibling(&out, "old", dead)).unwrap();
        fs::write(sibling(&out, "old", dead).join("summary.csv"), "old").unwrap();
        fs::create_dir(tmp.path().join(".other.concur-tmp-1")).unwrap();
        recover(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("summary.csv")).unwrap(), "old");
        assert_eq!(tree(tmp.path()), [".other.concur-tmp-1", "out"]);
    }
}
