//! Command-line arguments: what a user can type, parsed by clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const AFTER_HELP: &str = "\
Exit codes:
  0  the report was written and all input was accepted
  1  fatal error: bad arguments, roster or rules file, or nothing could be written
  2  the report was written but some input was rejected (the warning says where they are listed)";

/// Audits training logs against concurrent strength/endurance training guidance.
#[derive(Debug, Parser)]
#[command(name = "concur", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Audit session logs and write a report folder.
    #[command(after_help = AFTER_HELP)]
    Audit(AuditArgs),
    /// Print the effective rules (defaults, or --rules merged in) as an editable TOML file.
    Rules(RulesArgs),
    /// Write a deterministic synthetic season (roster plus sessions CSVs).
    Generate(GenerateArgs),
}

/// Arguments of `concur audit`.
#[derive(Debug, Args)]
pub(crate) struct AuditArgs {
    /// Session files or folders (folders are read recursively).
    #[arg(required = true, value_name = "INPUT")]
    pub(crate) inputs: Vec<PathBuf>,
    /// Roster CSV (default: every roster.csv found in the input folders).
    #[arg(long, value_name = "FILE")]
    pub(crate) roster: Option<PathBuf>,
    /// Rules TOML overriding the defaults (see `concur rules`).
    #[arg(long, value_name = "FILE")]
    pub(crate) rules: Option<PathBuf>,
    /// IANA time zone for local times that neither the session nor the roster places.
    #[arg(long, value_name = "ZONE", default_value = "UTC")]
    pub(crate) tz: String,
    /// Report folder (default: reports/<name of the first input>).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
    /// Comma list of outputs: csv, parquet, png, svg, pdf, html.
    #[arg(long, value_name = "LIST", default_value = "csv,png,svg,pdf,html")]
    pub(crate) format: String,
    /// Paper size of the PDF report.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub(crate) paper: PaperArg,
    /// Also write report-<group>.pdf and .html per group, naming only that group's athletes.
    #[arg(long)]
    pub(crate) group_reports: bool,
    /// Athletes per group with a timeline and flag list in report.html, most violations first.
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub(crate) html_athletes: usize,
    /// Fail (exit 1) when any input is rejected.
    #[arg(long)]
    pub(crate) strict: bool,
    /// No progress or summary table; warnings and errors only.
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// Replace --out even when it is a non-empty folder that is not a concur report (its contents are deleted).
    #[arg(long)]
    pub(crate) force: bool,
    /// Replace athlete ids, session ids and file paths in every output with keyed pseudonyms.
    #[arg(long)]
    pub(crate) pseudonymize: bool,
    /// File holding the secret pseudonym key (default: $CONCUR_PSEUDONYM_KEY).
    #[arg(long, value_name = "FILE", requires = "pseudonymize")]
    pub(crate) pseudonym_key_file: Option<PathBuf>,
    /// Where to write the pseudonym map for the data owner (default: <out>.pseudonyms.csv beside the report folder).
    #[arg(long, value_name = "FILE", requires = "pseudonymize")]
    pub(crate) pseudonym_map: Option<PathBuf>,
    /// Show roster names next to athlete ids (athletes.csv, the PDF and HTML reports); off by default.
    #[arg(long, conflicts_with = "pseudonymize")]
    pub(crate) names: bool,
    /// Most input, in GB, read into memory (default: 1/8 of the available memory;
    /// also CONCUR_MAX_INPUT_GB).
    #[arg(long, value_name = "GB")]
    pub(crate) max_input_gb: Option<f64>,
}

/// Paper sizes of `--paper`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PaperArg {
    /// ISO A4.
    A4,
    /// US Letter.
    Letter,
}

/// Arguments of `concur rules`.
#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// Rules TOML to merge over the defaults before printing.
    #[arg(long, value_name = "FILE")]
    pub(crate) rules: Option<PathBuf>,
}

/// Arguments of `concur generate`.
#[derive(Debug, Args)]
pub(crate) struct GenerateArgs {
    /// Number of athletes.
    #[arg(long, default_value_t = 40)]
    pub(crate) athletes: usize,
    /// Number of groups (at least 4): the four kinds of athletes repeated as `<kind>-2`...
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(4..))]
    pub(crate) groups: u16,
    /// Number of weeks, starting Monday 2026-01-05.
    #[arg(long, default_value_t = 16)]
    pub(crate) weeks: usize,
    /// Seed of the generator: the same seed gives the same files.
    #[arg(long, default_value_t = 2026)]
    pub(crate) seed: u64,
    /// How the files look: `tidy`, a CSV per group with rows by athlete and
    /// time; `exported`, one sessions.csv as concatenated exports are (rows in
    /// a random order, some sessions twice from a second device, about 2 %
    /// of rows unreadable).
    #[arg(long, value_enum, default_value_t = ShapeArg::Tidy)]
    pub(crate) shape: ShapeArg,
    /// Folder to write roster.csv and the sessions into (a CSV per group,
    /// or one sessions.csv with `--shape exported`) and the athletes' gym logs.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: PathBuf,
}

/// Shapes of `concur generate --shape`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ShapeArg {
    /// A CSV per group, rows by athlete and time.
    Tidy,
    /// One sessions.csv as concatenated exports are.
    Exported,
}
