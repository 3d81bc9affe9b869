//! Flags and the rules file validated once into a typed plan: after this
//! stage nothing asks whether a setting is valid again. The children own the
//! parts (the error type, the input limit, the out folder, pseudonym
//! settings, rules, sports); this file holds the plan and builds it.

mod error;
pub(crate) mod exercises;
mod input_limit;
pub(crate) mod output;
mod print;
pub(crate) mod privacy;
pub(crate) mod rules;
pub(crate) mod sports;

use std::path::{Path, PathBuf};

use crate::cli::{AuditArgs, PaperArg};
use crate::model::{parse_tz, Paper};
pub(crate) use error::ConfigError;
pub(crate) use input_limit::{InputLimit, LimitSource};
pub(crate) use rules::{Rules, Thresholds};

/// The output formats of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Formats {
    /// Write the CSV tables.
    pub(crate) csv: bool,
    /// Write the tables as Parquet too.
    pub(crate) parquet: bool,
    /// Write the plots as PNG.
    pub(crate) png: bool,
    /// Write the plots as SVG.
    pub(crate) svg: bool,
    /// Write the PDF report.
    pub(crate) pdf: bool,
    /// Write the HTML report.
    pub(crate) html: bool,
}

impl Formats {
    /// The extension of the tables this run writes: `csv`, else `parquet`,
    /// else none (a run of plots or documents only).
    pub(crate) fn table_extension(self) -> Option<&'static str> {
        match (self.csv, self.parquet) {
            (true, _) => Some("csv"),
            (false, true) => Some("parquet"),
            (false, false) => None,
        }
    }

    /// A table as the reports and the console name it: the file this run
    /// writes (`.csv`, else `.parquet`), or, in a run that writes neither,
    /// how to get it.
    pub(crate) fn table_file(self, name: &str) -> String {
        match self.table_extension() {
            Some(extension) => format!("{name}.{extension}"),
            None => format!("{name}.csv (written with --format csv)"),
        }
    }

    /// Reads a comma list such as `csv,parquet`.
    pub(crate) fn parse(list: &str) -> Result<Formats, ConfigError> {
        let mut formats = Formats::default();
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match item.to_ascii_lowercase().as_str() {
                "csv" => formats.csv = true,
                "parquet" => formats.parquet = true,
                "png" => formats.png = true,
                "svg" => formats.svg = true,
                "pdf" => formats.pdf = true,
                "html" => formats.html = true,
                _ => return Err(ConfigError::Format(item.to_string())),
            }
        }
        if formats == Formats::default() {
            return Err(ConfigError::Format(list.to_string()));
        }
        Ok(formats)
    }
}

/// Everything `concur audit` needs, validated.
#[derive(Debug, Clone)]
pub(crate) struct AuditPlan {
    /// Files and folders to read, in the order given.
    pub(crate) inputs: Vec<PathBuf>,
    /// Explicit roster file, if given.
    pub(crate) roster: Option<PathBuf>,
    /// Rules file, if given.
    pub(crate) rules_path: Option<PathBuf>,
    /// Effective rules.
    pub(crate) rules: Rules,
    /// Zone for local times no session or roster places.
    pub(crate) default_tz: chrono_tz::Tz,
    /// Report folder.
    pub(crate) out_dir: PathBuf,
    /// What to write.
    pub(crate) formats: Formats,
    /// Rejected input fails the run.
    pub(crate) strict: bool,
    /// Paper size of the PDF report.
    pub(crate) paper: Paper,
    /// Also write one PDF and HTML report per group holding only that group.
    pub(crate) group_reports: bool,
    /// Athletes per group with a drill-down in the HTML report.
    pub(crate) html_athletes: usize,
    /// No progress or summary on the terminal.
    pub(crate) quiet: bool,
    /// When the report is made: `SOURCE_DATE_EPOCH` when set, else now.
    pub(crate) made_at: chrono::DateTime<chrono::Utc>,
    /// Pseudonymize ids and paths (`--pseudonymize`).
    pub(crate) pseudonyms: Option<privacy::PseudonymPlan>,
    /// Show roster names (`--names`).
    pub(crate) names: bool,
    /// Most input read into memory (see `ingest::limits`).
    pub(crate) max_input: InputLimit,
}

/// Reads the effective rules: defaults, with the given file merged in.
pub fn load_rules(path: Option<&Path>) -> Result<Rules, ConfigError> {
    let Some(path) = path else {
        return Ok(Rules::default());
    };
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: shown.clone(),
        source,
    })?;
    Rules::from_toml(&text, &shown)
}

/// Validates `concur audit` arguments into a plan.
pub(crate) fn audit_plan(args: &AuditArgs) -> Result<AuditPlan, ConfigError> {
    let rules = load_rules(args.rules.as_deref())?;
    let default_tz = parse_tz(&args.tz).ok_or_else(|| ConfigError::TimeZone(args.tz.clone()))?;
    let formats = Formats::parse(&args.format)?;
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| default_out_dir(&args.inputs[0]));
    let made_at = report_time(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())?;
    let mut keep = args.inputs.clone();
    keep.extend(args.roster.iter().chain(&args.rules).cloned());
    // The key file is protected before the map path is checked, so the map
    // can never overwrite the secret key.
    keep.extend(args.pseudonym_key_file.iter().cloned());
    let pseudonyms = if args.pseudonymize {
        let key = privacy::load_key(
            args.pseudonym_key_file.as_deref(),
            std::env::var(privacy::KEY_VARIABLE).ok(),
        )?;
        let map_path = args
            .pseudonym_map
            .clone()
            .unwrap_or_else(|| privacy::default_map_path(&out_dir));
        privacy::check_map_path(&map_path, &out_dir, &keep)?;
        Some(privacy::PseudonymPlan { key, map_path })
    } else {
        None
    };
    output::check_out_dir(&out_dir, args.force, &keep)?;
    Ok(AuditPlan {
        inputs: args.inputs.clone(),
        roster: args.roster.clone(),
        rules_path: args.rules.clone(),
        rules,
        default_tz,
        out_dir,
        formats,
        strict: args.strict,
        paper: if args.paper == PaperArg::Letter {
            Paper::Letter
        } else {
            Paper::A4
        },
        group_reports: args.group_reports,
        html_athletes: args.html_athletes,
        quiet: args.quiet,
        made_at,
        pseudonyms,
        names: args.names,
        max_input: InputLimit::resolve(args.max_input_gb).map_err(ConfigError::InputLimit)?,
    })
}

/// The time a report states it was made: `SOURCE_DATE_EPOCH` (whole seconds
/// since 1970, as reproducible builds define it) when set and not empty, else now.
pub(crate) fn report_time(
    source_date_epoch: Option<&str>,
) -> Result<chrono::DateTime<chrono::Utc>, ConfigError> {
    match source_date_epoch.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(chrono::Utc::now()),
        Some(text) => text
            .parse::<i64>()
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .ok_or_else(|| ConfigError::SourceDateEpoch(text.to_string())),
    }
}

/// `reports/<name of the input>` without its extension.
fn default_out_dir(input: &Path) -> PathBuf {
    let name = input
        .file_stem()
        .map(|n| n.to_os_string())
        .or_else(|| input.canonicalize().ok()?.file_name().map(|n| n.to_owned()))
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty() && n != "." && n != "..")
        .unwrap_or_else(|| "audit".to_string());
    Path::new("reports").join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_list_reads_every_output() {
        let f = Formats::parse("csv, parquet,PNG,svg,pdf,html").unwrap();
        assert!(f.csv && f.parquet && f.png && f.svg && f.pdf && f.html);
        assert!(!Formats::parse("csv").unwrap().pdf);
    }

    #[test]
    fn a_table_is_named_by_the_file_the_run_wrote() {
        let file = |list: &str| Formats::parse(list).unwrap().table_file("rejected");
        assert_eq!(file("csv,parquet,pdf"), "rejected.csv");
        assert_eq!(file("parquet,pdf"), "rejected.parquet");
        assert_eq!(file("pdf"), "rejected.csv (written with --format csv)");
    }

    #[test]
    fn unknown_format_is_named() {
        let e = Formats::parse("csv,xlsx").unwrap_err().to_string();
        assert!(e.contains("xlsx"), "{e}");
    }

    #[test]
    fn default_out_dir_is_named_after_the_input() {
        assert_eq!(
            default_out_dir(Path::new("data/sample")),
            Path::new("reports/sample")
        );
        assert_eq!(
            default_out_dir(Path::new("x/log.csv")),
            Path::new("reports/log")
        );
    }

    #[test]
    fn source_date_epoch_sets_the_report_time_and_a_bad_one_is_named() {
        let t = report_time(Some("1767225600")).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-01-01T00:00:00+00:00");
        assert!(report_time(Some("")).is_ok());
        let e = report_time(Some("yesterday")).unwrap_err().to_string();
        assert!(e.contains("SOURCE_DATE_EPOCH 'yesterday'"), "{e}");
    }
}
