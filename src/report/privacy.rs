//! What the report writer does for privacy: roster names shown only on
//! request (`--names`), and the pseudonym map written for the data owner,
//! beside the report folder and never inside it.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::model::athletes::GroupAthletes;
use super::model::ReportModel;
use crate::pseudonym::MapEntry;

/// Roster names by athlete id (only athletes with a name).
pub(crate) type Names = BTreeMap<String, String>;

/// The PDF's athlete tables show `id (name)`.
pub(crate) fn name_athletes(model: &mut ReportModel, names: &Names) {
    for group in &mut model.groups {
        for row in &mut group.top_athletes {
            if let Some(name) = names.get(&row[0]) {
                row[0] = format!("{} ({name})", row[0]);
            }
        }
    }
}

/// The HTML report's athlete rows show `id (name)` too.
pub(crate) fn name_rows(athletes: &mut GroupAthletes, names: &Names) {
    for row in &mut athletes.rows {
        if let Some(name) = names.get(&row.label) {
            row.label = format!("{} ({name})", row.label);
        }
    }
}

/// The map written to a temporary file beside `path`, to be moved into
/// place with [`StagedMap::commit`]; removed again when dropped uncommitted.
#[derive(Debug)]
pub(crate) struct StagedMap {
    temp: PathBuf,
    path: PathBuf,
    committed: bool,
}

impl StagedMap {
    /// Writes `entries` as CSV (kind, real, name, pseudonym) next to `path`,
    /// readable by its owner only where the system has such permissions.
    pub(crate) fn write(entries: &[MapEntry], path: &Path) -> io::Result<StagedMap> {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let temp = path.with_file_name(format!(".{name}.concur-tmp-{}", std::process::id()));
        let staged = StagedMap {
            temp,
            path: path.to_path_buf(),
            committed: false,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
        let mut file = owner_only(&staged.temp)?;
        let mut csv = csv::Writer::from_writer(Vec::new());
        csv.write_record(["kind", "real", "name", "pseudonym"])?;
        for e in entries {
            csv.write_record([e.kind, &e.real, &e.name, &e.pseudonym])?;
        }
        let bytes = csv.into_inner().map_err(|e| e.into_error())?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        Ok(staged)
    }

    /// Moves the map into place.
    pub(crate) fn commit(mut self) -> io::Result<()> {
        fs::rename(&self.temp, &self.path)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for StagedMap {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

#[cfg(unix)]
fn owner_only(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn owner_only(path: &Path) -> io::Result<fs::File> {
    fs::File::create(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_is_written_only_when_committed() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("out.pseudonyms.csv");
        let entries = [MapEntry {
            kind: "athlete",
            real: "S01".into(),
            name: "Anna, Berg".into(),
            pseudonym: "A-0123456789".into(),
        }];
        drop(StagedMap::write(&entries, &path).unwrap());
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0);
        StagedMap::write(&entries, &path).unwrap().commit().unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "kind,real,name,pseudonym\nathlete,S01,\"Anna, Berg\",A-0123456789\n"
        );
    }
}
