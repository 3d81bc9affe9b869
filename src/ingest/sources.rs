//! The roster's `sources` column: glob patterns that say which files belong
//! to which athlete, for formats that carry no athlete id.

use globset::{Glob, GlobMatcher};

use super::error::IngestError;
use crate::model::Roster;

/// Splits a `sources` cell into patterns (separated by `;` or `|`).
pub(crate) fn split_patterns(cell: &str) -> Vec<String> {
    cell.split([';', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect()
}

/// Compiles one pattern, or says why it is not a glob.
pub(crate) fn compile(pattern: &str) -> Result<GlobMatcher, String> {
    Glob::new(pattern)
        .map(|g| g.compile_matcher())
        .map_err(|e| format!("'{pattern}' is not a glob pattern: {e}"))
}

/// Every athlete's patterns, in athlete-id order.
#[derive(Debug, Clone, Default)]
pub(crate) struct SourceMap {
    patterns: Vec<(GlobMatcher, String)>,
}

impl SourceMap {
    /// Builds the map from the roster's `sources`.
    pub(crate) fn new(roster: &Roster) -> Result<SourceMap, IngestError> {
        let mut patterns = Vec::new();
        for athlete in roster.athletes.values() {
            for pattern in &athlete.sources {
                let matcher = compile(pattern).map_err(|message| IngestError::Roster {
                    path: "roster".into(),
                    line: 0,
                    column: "sources".into(),
                    message,
                })?;
                patterns.push((matcher, athlete.athlete_id.clone()));
            }
        }
        Ok(SourceMap { patterns })
    }

    /// The athlete whose pattern matches the path (as shown), if any.
    pub(crate) fn athlete_for(&self, shown: &str) -> Option<&str> {
        self.patterns
            .iter()
            .find(|(m, _)| m.is_match(shown))
            .map(|(_, a)| a.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Athlete, Status};

    #[test]
    fn pattern_assigns_files_to_an_athlete() {
        let mut roster = Roster::default();
        roster.athletes.insert(
            "A1".into(),
            Athlete {
                athlete_id: "A1".into(),
                group: "g".into(),
                status: Status::Elite,
                power_focus: false,
                timezone: None,
                name: String::new(),
                sources: split_patterns("**/anna/**; exports/anna_*.zip"),
                birth_date: None,
                weight_unit: None,
            },
        );
        let map = SourceMap::new(&roster).unwrap();
        assert_eq!(map.athlete_for("logs/anna/run.fit"), Some("A1"));
        assert_eq!(map.athlete_for("exports/anna_2026.zip"), Some("A1"));
        assert_eq!(map.athlete_for("logs/bob/run.fit"), None);
    }

    #[test]
    fn bad_pattern_is_explained() {
        assert!(compile("logs/[a").unwrap_err().contains("logs/[a"));
    }
}
