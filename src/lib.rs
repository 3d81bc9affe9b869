//! concur: audits athletes' training logs against concurrent strength and
//! endurance training guidance (Ferguson et al. 2025) and writes reports per
//! athlete group. Stages in data-flow order: `cli` -> `config` -> `ingest`
//! -> `classify` -> `rules` -> `aggregate` -> `render` -> `report`.

#![warn(unreachable_pub)]

pub(crate) mod aggregate;
pub(crate) mod classify;
pub(crate) mod cli;
pub(crate) mod config;
pub(crate) mod generate;
pub(crate) mod ingest;
pub(crate) mod load;
pub(crate) mod memory;
pub(crate) mod model;
pub(crate) mod progress;
pub(crate) mod pseudonym;
pub(crate) mod render;
pub(crate) mod report;
pub(crate) mod rules;

// The public surface: what the binary (`main.rs`) and the chart example
// use; the integration tests drive the binary.
pub use aggregate::aggregate;
pub use cli::Cli;
pub use config::load_rules;
pub use ingest::guard::install_quiet_hook;
pub use ingest::parquet::child::{
    child_main as parquet_child_main, CHILD_ARG as PARQUET_CHILD_ARG,
};
pub use ingest::Options;
pub use load::measure as measure_load;
pub use memory::{advise_huge_pages, set_release, HUGE_BLOCK_MIN_BYTES};
pub use render::{group_charts, overview_chart, Chart};
pub use rules::evaluate;

#[cfg(test)]
pub(crate) mod test_support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context};
use rayon::prelude::*;

use cli::Command;

/// How a successful run ended, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was accepted (exit 0).
    Clean,
    /// The report was written but this many rows or files were rejected (exit 2).
    Rejected(usize),
}

/// Runs a parsed command line; `parquet_child` is the binary that decodes
/// each Parquet input in a child process (see `ingest::Options`).
pub fn run(cli: Cli, parquet_child: Option<std::path::PathBuf>) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Audit(args) => audit(&args, parquet_child),
        Command::Rules(args) => {
            let rules = config::load_rules(args.rules.as_deref())?;
            print!("{}", rules.to_toml());
            Ok(Outcome::Clean)
        }
        Command::Generate(args) => {
            let spec = generate::GenSpec {
                athletes: args.athletes,
                groups: args.groups.into(),
                weeks: args.weeks,
                seed: args.seed,
                start: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).context("start date")?,
                shape: match args.shape {
                    cli::ShapeArg::Tidy => generate::Shape::Tidy,
                    cli::ShapeArg::Exported => generate::Shape::Exported,
                },
            };
            let mut sink = report::DirSink::new(&args.out);
            let stats = generate::generate(&spec, &mut sink)
                .with_context(|| format!("cannot write the season into {}", args.out.display()))?;
            eprintln!(
                "wrote {} sessions of {} athletes in {} files to {}",
                stats.sessions,
                stats.athletes,
                stats.files,
                args.out.display()
            );
            Ok(Outcome::Clean)
        }
    }
}

/// A season to read: the inputs, how to read them, and what conversion
/// needs (rules and the default zone).
pub struct Season<'a> {
    /// Session files or folders.
    pub inputs: &'a [PathBuf],
    /// The roster, when given; else every `roster.csv` found in the inputs.
    pub roster: Option<&'a Path>,
    /// The report folder, never read as input.
    pub out_dir: &'a Path,
    /// The input limit and the Parquet child.
    pub options: ingest::Options,
    /// The rules (the sport table decides modalities).
    pub rules: &'a config::Rules,
    /// Zone for local times that neither the session nor the roster places.
    pub default_tz: chrono_tz::Tz,
}

impl Season<'_> {
    /// Reads every file, converting its records into sessions while it is
    /// read (the raw records of all files never exist at once).
    pub(crate) fn read(
        &self,
        progress: &progress::Progress,
    ) -> Result<(ingest::Ingested, Arc<classify::Converter>), ingest::IngestError> {
        let opened = ingest::open(self.inputs, self.roster, self.out_dir, &self.options)?;
        let converter = Arc::new(classify::Converter::new(
            opened.roster(),
            self.rules,
            self.default_tz,
        ));
        let ingested = opened.read(progress, converter.clone())?;
        // The files' bytes are freed: hand them back before classify allocates.
        memory::release();
        Ok((ingested, converter))
    }

    /// The session frame of the season: what `concur audit` reads and
    /// classifies, for the tests and the example.
    pub fn frame(&self) -> Result<classify::Frame, ingest::IngestError> {
        let (ingested, converter) = self.read(&progress::Progress::hidden())?;
        Ok(classify::classify(ingested, &converter, self.rules))
    }
}

/// `concur audit`: the whole pipeline.
fn audit(
    args: &cli::AuditArgs,
    parquet_child: Option<std::path::PathBuf>,
) -> anyhow::Result<Outcome> {
    let plan = config::audit_plan(args)?;
    let mut timings = progress::Timings::from_env();
    let progress = progress::Progress::new(plan.quiet);
    let say = |msg: String| {
        if !plan.quiet {
            progress.say(&msg);
        }
    };
    let season = Season {
        inputs: &plan.inputs,
        roster: plan.roster.as_deref(),
        out_dir: &plan.out_dir,
        options: ingest::Options {
            input_limit: plan.max_input,
            parquet_child,
        },
        rules: &plan.rules,
        default_tz: plan.default_tz,
    };
    let (ingested, converter) = season.read(&progress)?;
    timings.lap("ingest");
    let rejected_text = match ingested.rejected.len() {
        0 => String::new(),
        n => format!(", {n} row(s) or file(s) rejected"),
    };
    let sessions = ingested.session_count();
    say(format!(
        "read {sessions} session(s) from {} log file(s){rejected_text}; roster of {} athlete(s)",
        ingested.files.len(),
        ingested.roster.athletes.len()
    ));
    if sessions == 0 {
        eprintln!("warning: no training session was read from the input; the report is empty");
    }
    let roster = (plan.pseudonyms.is_some() || plan.names).then(|| ingested.roster.clone());
    let frame = classify::classify(ingested, &converter, &plan.rules);
    // Each middle stage frees what it worked with: it is handed back before
    // the next allocates, else the freed pages sit beside the next stage's
    // lists and raise the run's peak.
    memory::release();
    timings.lap("classify");
    let inputs: Vec<String> = plan
        .inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let (frame, inputs, map) = match (&plan.pseudonyms, &roster) {
        (Some(p), Some(roster)) => {
            let read: Vec<String> = plan
                .roster
                .iter()
                .chain(plan.rules_path.iter())
                .map(|p| p.display().to_string())
                .collect();
            let done = pseudonym::pseudonymize(frame, &inputs, &read, roster, &p.key)?;
            (done.frame, done.inputs, Some(done.map))
        }
        _ => (frame, inputs, None),
    };
    if plan.pseudonyms.is_some() {
        timings.lap("pseudonymize");
    }
    let names: Option<report::privacy::Names> = roster.filter(|_| plan.names).map(|r| {
        r.athletes
            .into_values()
            .filter(|a| !a.name.trim().is_empty())
            .map(|a| (a.athlete_id, a.name.trim().to_string()))
            .collect()
    });
    let audit = rules::evaluate(&frame, &plan.rules.thresholds);
    memory::release();
    timings.lap("rules");
    let aggregates = aggregate::aggregate(&frame, &audit);
    memory::release();
    timings.lap("aggregate");
    let load = load::measure(&frame, &audit, &aggregates);
    memory::release();
    timings.lap("load");
    let charts = render_charts(&plan, &frame, &audit, &aggregates, &load, &progress)?;
    timings.lap("charts");
    let input = report::ReportInput {
        frame: &frame,
        audit: &audit,
        aggregates: &aggregates,
        load: &load,
        charts: &charts,
        rules: &plan.rules,
        inputs: &inputs,
        made_at: plan.made_at,
        names: names.as_ref(),
        pseudonym_map: map
            .as_deref()
            .zip(plan.pseudonyms.as_ref().map(|p| p.map_path.as_path())),
    };
    let options = report::ReportOptions {
        formats: plan.formats,
        paper: plan.paper,
        group_reports: plan.group_reports,
        html_athletes: plan.html_athletes,
    };
    progress.stage("writing report", 1);
    report::write_report(&input, &plan.out_dir, options)?;
    timings.lap("report");
    progress.finish();
    if !plan.quiet {
        print!("{}", report::console::summary_text(&aggregates));
        print!(
            "{}",
            report::console::quality_text(&model::quality_counts(&frame.notes))
        );
    }
    let rejected = frame.rejected.len();
    say(format!("report written to {}", plan.out_dir.display()));
    if let Some(p) = &plan.pseudonyms {
        say(format!(
            "pseudonym map written to {} (keep it, and the key, away from the report)",
            p.map_path.display()
        ));
    }
    if rejected > 0 {
        // The table as this run wrote it, if it did.
        let f = plan.formats;
        let listed = match (f.table_extension(), f.pdf || f.html) {
            (Some(_), _) => plan
                .out_dir
                .join(f.table_file("rejected"))
                .display()
                .to_string(),
            (None, true) => {
                "the report's data-quality section (--format csv lists them all in rejected.csv)"
                    .into()
            }
            (None, false) => f.table_file("rejected"),
        };
        eprintln!("warning: {rejected} input row(s) or file(s) rejected; see {listed}");
        if plan.strict {
            bail!("{rejected} input row(s) or file(s) rejected and --strict was given");
        }
        return Ok(Outcome::Rejected(rejected));
    }
    Ok(Outcome::Clean)
}

/// The overview and every group's charts, when plots, a PDF or an HTML
/// report are wanted; the timeline charts of the athletes the PDF lists
/// unless only HTML is (it draws its own).
fn render_charts(
    plan: &config::AuditPlan,
    frame: &classify::Frame,
    audit: &rules::Audit,
    aggregates: &aggregate::Aggregates,
    load: &load::Load,
    progress: &progress::Progress,
) -> anyhow::Result<Vec<render::Chart>> {
    let f = plan.formats;
    if !(f.png || f.svg || f.pdf || f.html) {
        return Ok(Vec::new());
    }
    let timelines = f.png || f.svg || f.pdf;
    progress.stage("drawing charts", aggregates.groups.len() as u64 + 1);
    let mut charts = vec![render::overview_chart(aggregates, f.png)?];
    progress.step();
    // Groups are drawn in parallel; collecting keeps their order.
    let per_group: Vec<Vec<render::Chart>> = aggregates
        .groups
        .par_iter()
        .map(|(group, _)| {
            let charts = render::group_charts(
                frame,
                audit,
                aggregates,
                load,
                group,
                &plan.rules.thresholds,
                f.png,
            )
            .and_then(|mut charts| {
                if !timelines {
                    return Ok(charts);
                }
                let listed = report::most_violations(frame, aggregates, group);
                charts.extend(render::athlete_timelines(frame, audit, &listed, f.png)?);
                Ok(charts)
            });
            progress.step();
            charts
        })
        .collect::<Result<_, _>>()?;
    charts.extend(per_group.into_iter().flatten());
    Ok(charts)
}
