//! Whose a file is, for formats that carry no athlete id: the roster's
//! `sources` column (glob patterns that say which files belong to which
//! athlete), else the folders on the file's path.

use std::collections::BTreeSet;

use std::sync::atomic::{AtomicBool, Ordering};

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::discover::Found;
use super::error::IngestError;
use crate::model::{Note, Roster};

/// Splits a `sources` cell into patterns (separated by `;` or `|`).
pub(crate) fn split_patterns(cell: &str) -> Vec<String> {
    cell.split([';', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect()
}

/// Parses one pattern, or says why it is not a glob.
pub(crate) fn compile(pattern: &str) -> Result<Glob, String> {
    Glob::new(pattern).map_err(|e| format!("'{pattern}' is not a glob pattern: {e}"))
}

/// Every athlete's patterns, in athlete-id order, matched at once, and the
/// roster's ids.
#[derive(Debug, Default)]
pub(crate) struct SourceMap {
    set: GlobSet,
    /// Per pattern: its athlete, and its place among the athlete's patterns.
    owners: Vec<(String, usize)>,
    /// Per pattern: whether some file's path has matched it (files are read
    /// on several threads).
    matched: Vec<AtomicBool>,
    athletes: BTreeSet<String>,
}

impl SourceMap {
    /// Builds the map from the roster's `sources`.
    pub(crate) fn new(roster: &Roster) -> Result<SourceMap, IngestError> {
        let mut set = GlobSetBuilder::new();
        let mut owners = Vec::new();
        let bad = |message| IngestError::Roster {
            path: "roster".into(),
            line: 0,
            column: "sources".into(),
            message,
        };
        for athlete in roster.athletes.values() {
            for (k, pattern) in athlete.sources.iter().enumerate() {
                set.add(compile(pattern).map_err(bad)?);
                owners.push((athlete.athlete_id.clone(), k + 1));
            }
        }
        let set = set.build().map_err(|e| bad(e.to_string()))?;
        let matched = owners.iter().map(|_| AtomicBool::new(false)).collect();
        let athletes = roster.athletes.keys().cloned().collect();
        Ok(SourceMap {
            set,
            owners,
            matched,
            athletes,
        })
    }

    /// The athlete whose pattern (the first in the roster) matches `path`,
    /// if any; every pattern that matches is marked as used.
    fn athlete_for(&self, path: &str) -> Option<&str> {
        let hits = self.set.matches(path);
        for &i in &hits {
            self.matched[i].store(true, Ordering::Relaxed);
        }
        hits.first().map(|&i| self.owners[i].0.as_str())
    }

    /// The athlete of a file: the one whose `sources` pattern matches its
    /// path as shown, under its input folder or after the input folder's
    /// name (so that a roster reads the same wherever the input is given
    /// from); else the first folder on its path that is a roster athlete
    /// (an input given as the folder above the athletes' folders); else
    /// its athlete folder.
    pub(crate) fn athlete_of<'f>(&'f self, found: &'f Found) -> Option<&'f str> {
        // Every form is matched, so that each pattern it meets counts as used.
        let [under, after] = &found.under_input;
        let by_pattern = [&found.shown, under, after].map(|p| self.athlete_for(p));
        let by_roster = || {
            let mut folders = found.folders.iter();
            folders
                .find(|f| self.athletes.contains(*f))
                .map(String::as_str)
        };
        by_pattern
            .into_iter()
            .flatten()
            .next()
            .or_else(by_roster)
            .or(found.folder_athlete.as_deref())
    }

    /// A note per pattern that no file read so far has matched: a roster's
    /// misspelt pattern would otherwise leave its files to another athlete
    /// without a word. The note names the pattern by its place in the
    /// athlete's `sources` cell, not by its text, which may hold a name.
    pub(crate) fn unmatched(&self) -> Vec<Note> {
        let unused = self.owners.iter().zip(&self.matched);
        unused
            .filter(|(_, matched)| !matched.load(Ordering::Relaxed))
            .map(|((athlete, k), _)| {
                let detail = format!(
                    "pattern {k} of the athlete's roster sources matches no input file (patterns are matched against each file's path as shown, under its input folder, and after the input folder's name)"
                );
                Note::athlete("sources_unmatched", athlete, detail)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Athlete, Status};

    /// A roster of athletes `ids`, the first with the `sources` cell `cell`.
    fn roster(ids: &[&str], cell: &str) -> SourceMap {
        let mut roster = Roster::default();
        for (k, id) in ids.iter().enumerate() {
            roster.athletes.insert(
                id.to_string(),
                Athlete {
                    athlete_id: id.to_string(),
                    group: "g".into(),
                    status: Status::Elite,
                    power_focus: false,
                    timezone: None,
                    name: String::new(),
                    sources: split_patterns(if k == 0 { cell } else { "" }),
                    birth_date: None,
                    weight_unit: None,
                },
            );
        }
        SourceMap::new(&roster).unwrap()
    }

    /// A file `rel` found under the input folder `/data/<input>`.
    fn found(input: &str, rel: &str) -> Found {
        use crate::ingest::discover::{athlete_folders, folder_athlete};
        let rel_path = std::path::Path::new(rel);
        let folders = athlete_folders(Some(input), rel_path);
        let folder_athlete = folder_athlete(Some(input), rel_path);
        Found {
            path: format!("/data/{input}/{rel}").into(),
            shown: format!("/data/{input}/{rel}"),
            id_prefix: rel.to_string(),
            under_input: [rel.to_string(), format!("{input}/{rel}")],
            folder_athlete,
            folders,
        }
    }

    #[test]
    fn pattern_assigns_files_to_an_athlete() {
        let map = roster(&["A1"], "**/anna/**; exports/anna_*.zip");
        assert_eq!(map.athlete_for("logs/anna/run.fit"), Some("A1"));
        assert_eq!(map.athlete_for("exports/anna_2026.zip"), Some("A1"));
        assert_eq!(map.athlete_for("logs/bob/run.fit"), None);
    }

    #[test]
    fn a_pattern_matches_the_path_under_the_input_wherever_the_input_is() {
        let map = roster(&["B1"], "ben_*; flat/bo_*");
        let ben = found("flat", "ben_hevy.csv");
        assert_eq!(ben.shown, "/data/flat/ben_hevy.csv");
        assert_eq!(map.athlete_of(&ben), Some("B1"));
        assert_eq!(map.athlete_of(&found("flat", "bo_strong.csv")), Some("B1"));
        assert_eq!(map.athlete_of(&found("flat", "eva.csv")), Some("flat"));
    }

    #[test]
    fn the_first_folder_naming_a_roster_athlete_is_the_files_athlete() {
        let map = roster(&["D01", "S01"], "");
        let parent = found("data", "sample/D01/hevy.csv");
        assert_eq!(parent.folder_athlete.as_deref(), Some("sample"));
        assert_eq!(map.athlete_of(&parent), Some("D01"));
        // No folder in the roster: the first folder under the input.
        assert_eq!(
            map.athlete_of(&found("data", "sample/X9/hevy.csv")),
            Some("sample")
        );
        // Strava's activities folder belongs to the export around it.
        let strava = found("S01", "activities/1.fit.gz");
        assert_eq!(strava.folders, ["S01"]);
        assert_eq!(map.athlete_of(&strava), Some("S01"));
    }

    #[test]
    fn a_pattern_that_matches_no_file_is_noted_for_its_athlete() {
        let map = roster(&["A1"], "anna/**; ana_*.csv; **/*.fit");
        // A later pattern that also matches is used too.
        assert_eq!(map.athlete_of(&found("logs", "anna/run.fit")), Some("A1"));
        let notes = map.unmatched();
        assert_eq!(notes.len(), 1);
        assert_eq!(
            (notes[0].kind, notes[0].athlete_id.as_str()),
            ("sources_unmatched", "A1")
        );
        // Named by its place: the pattern's text may hold a name.
        let detail = &notes[0].detail;
        assert!(
            detail.starts_with("pattern 2 of the athlete's roster sources"),
            "{detail}"
        );
        assert!(!detail.contains("ana_"), "{detail}");
    }

    #[test]
    fn bad_pattern_is_explained() {
        assert!(compile("logs/[a").unwrap_err().contains("logs/[a"));
    }
}
