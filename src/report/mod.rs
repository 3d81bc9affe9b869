//! The report writer: the only stage that writes files. Turns the frame,
//! the audit, the measures and the rendered charts into the report folder:
//! CSV (and Parquet) tables, plots, and the PDF reports; also writes
//! generated sample seasons. This file writes the report folder; its
//! children own the parts (the error type in `error.rs`, the plots and PDFs
//! in `documents.rs`, the tables, the PDF layout, the folder swap).

mod cells;
pub(crate) mod console;
mod csv_file;
pub(crate) mod documents;
mod error;
pub(crate) mod folder;
mod html;
pub(crate) mod model;
mod parquet_columns;
mod parquet_file;
pub(crate) mod pdf;
mod piece;
pub(crate) mod privacy;
mod row;
pub(crate) mod stamp;
mod table;
mod tables;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::aggregate::Aggregates;
use crate::classify::Frame;
use crate::config::Formats;
use crate::generate::GenSink;
use crate::rules::Audit;
pub(crate) use error::ReportError;
pub(crate) use model::most_violations;
use table::Table;

/// What to write besides the tables.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReportOptions {
    /// Output formats.
    pub(crate) formats: Formats,
    /// Paper size of the PDFs.
    pub(crate) paper: crate::model::Paper,
    /// Also one PDF (and HTML report) per group.
    pub(crate) group_reports: bool,
    /// Athletes per group with a drill-down in the HTML report.
    pub(crate) html_athletes: usize,
}

/// Everything the report shows.
pub(crate) struct ReportInput<'a> {
    /// The session frame with rejections and notes.
    pub(crate) frame: &'a Frame,
    /// What the rules found.
    pub(crate) audit: &'a Audit,
    /// The measures.
    pub(crate) aggregates: &'a Aggregates,
    /// The training load.
    pub(crate) load: &'a crate::load::Load,
    /// Rendered charts (empty when no plot or PDF is wanted).
    pub(crate) charts: &'a [crate::render::Chart],
    /// The effective rules (for the report's cover and glossary).
    pub(crate) rules: &'a crate::config::Rules,
    /// The inputs as given.
    pub(crate) inputs: &'a [String],
    /// When the report is made (`SOURCE_DATE_EPOCH` when set).
    pub(crate) made_at: chrono::DateTime<chrono::Utc>,
    /// Roster names to show (`--names`); `None` shows none.
    pub(crate) names: Option<&'a privacy::Names>,
    /// With `--pseudonymize`: the map and the file it goes to, beside the report.
    pub(crate) pseudonym_map: Option<(&'a [crate::pseudonym::MapEntry], &'a Path)>,
}

/// Writes the whole report into a staging folder beside `out_dir`, then
/// swaps it into place (replacing a previous report); returns the files
/// written, as paths under `out_dir`. On error nothing changes at `out_dir`.
pub(crate) fn write_report(
    input: &ReportInput,
    out_dir: &Path,
    options: ReportOptions,
) -> Result<Vec<PathBuf>, ReportError> {
    let folder_error = |source| ReportError::Folder {
        path: out_dir.display().to_string(),
        source,
    };
    let staging = folder::Staging::begin(out_dir).map_err(folder_error)?;
    let mut written: Vec<PathBuf> = write_files(input, staging.path(), options)?
        .iter()
        .map(|p| out_dir.join(p.strip_prefix(staging.path()).unwrap_or(p)))
        .collect();
    if let Some((entries, path)) = input.pseudonym_map {
        let map_error = |source| ReportError::Io {
            path: path.display().to_string(),
            source,
        };
        // The map first: should it fail, the previous report stays.
        privacy::StagedMap::write(entries, path)
            .and_then(privacy::StagedMap::commit)
            .map_err(map_error)?;
        written.push(path.to_path_buf());
    }
    staging.commit().map_err(folder_error)?;
    Ok(written)
}

/// Writes every table, plot and PDF of the report into the folder `out_dir`.
fn write_files(
    input: &ReportInput,
    out_dir: &Path,
    options: ReportOptions,
) -> Result<Vec<PathBuf>, ReportError> {
    let formats = options.formats;
    let ReportInput {
        frame,
        audit,
        aggregates,
        ..
    } = input;
    let mut written = Vec::new();
    let (sessions, flags) = rayon::join(
        || tables::SessionRows::new(frame, audit),
        || tables::FlagRows::new(frame, audit),
    );
    let load = input.load;
    let quality = tables::QualitySummary::new(crate::model::quality_counts(&frame.notes));
    // About the largest first (sessions, flags and the daily load by far):
    // the writers take them in this order.
    let all: [(&str, &dyn Table); 11] = [
        ("sessions", &sessions),
        ("flags", &flags),
        ("load_daily", &tables::LoadDaily::new(frame, load)),
        ("load_weekly", &tables::LoadWeekly::new(frame, audit, load)),
        ("summary", &tables::Summary::new(aggregates, load)),
        (
            "athletes",
            &tables::Athletes::new(frame, aggregates, input.names),
        ),
        ("weekly", &tables::Weekly::new(aggregates)),
        ("rejected", &tables::Rejected::new(frame)),
        ("data_quality", &tables::Quality::new(frame)),
        ("data_quality_summary", &quality),
        ("load_groups", &tables::LoadGroups::new(load)),
    ];
    if formats.csv {
        written.extend(write_csvs(&all, out_dir)?);
    }
    if formats.parquet {
        written.extend(write_parquets(&all, out_dir)?);
    }
    if formats.png || formats.svg {
        written.extend(documents::write_plots(input.charts, out_dir, formats)?);
    }
    if formats.pdf || formats.html {
        written.extend(write_documents(input, out_dir, options)?);
    }
    Ok(written)
}

/// Writes the PDF and HTML reports: the full ones and, with
/// `group_reports`, one of each per group.
fn write_documents(
    input: &ReportInput,
    out_dir: &Path,
    options: ReportOptions,
) -> Result<Vec<PathBuf>, ReportError> {
    let ReportInput {
        frame,
        audit,
        aggregates,
        ..
    } = input;
    let mut model = model::build(
        frame,
        aggregates,
        input.load,
        input.rules,
        input.inputs,
        input.made_at,
    );
    if let Some(names) = input.names {
        privacy::name_athletes(&mut model, names);
    }
    let group_models: Vec<model::ReportModel> = if options.group_reports {
        aggregates
            .groups
            .iter()
            .map(|(g, _)| model.for_group(frame, g))
            .collect()
    } else {
        Vec::new()
    };
    let mut written = Vec::new();
    if options.formats.pdf {
        written.extend(documents::write_pdfs(
            &model,
            &group_models,
            input.charts,
            (options.paper, options.formats),
            out_dir,
        )?);
    }
    if options.formats.html {
        let group = |name: &str| {
            let cap = options.html_athletes;
            let mut athletes = model::athletes::group_athletes(frame, audit, aggregates, name, cap);
            if let Some(names) = input.names {
                privacy::name_rows(&mut athletes, names);
            }
            athletes.drill_downs.par_iter_mut().for_each(|d| {
                d.timeline = crate::render::web_timeline(frame, audit, d.index);
            });
            athletes
        };
        written.extend(documents::write_htmls(
            &model,
            &group_models,
            &group,
            input.charts,
            (options.html_athletes, options.formats),
            out_dir,
        )?);
    }
    Ok(written)
}

/// Writes the Parquet files of `tables`, two at a time (see
/// [`two_at_a_time`]).
fn write_parquets(
    tables: &[(&str, &dyn Table)],
    out_dir: &Path,
) -> Result<Vec<PathBuf>, ReportError> {
    two_at_a_time(tables, |name, table| {
        let path = out_dir.join(format!("{name}.parquet"));
        match parquet_file::write_parquet(table, &path) {
            Ok(()) => Ok(path),
            Err(source) => Err(ReportError::Table {
                path: path.display().to_string(),
                source,
            }),
        }
    })
}

/// Writes the CSV files of `tables`, two at a time (see [`two_at_a_time`]).
fn write_csvs(tables: &[(&str, &dyn Table)], out_dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
    two_at_a_time(tables, |name, table| {
        let path = out_dir.join(format!("{name}.csv"));
        match csv_file::write_csv(table, &path) {
            Ok(()) => Ok(path),
            Err(source) => Err(ReportError::Io {
                path: path.display().to_string(),
                source,
            }),
        }
    })
}

/// What `write` gives for each of `tables`, in their order, written by two
/// writers that each take the next table in order when done with one (the
/// largest should come first). Every writer is parallel inside, but leaves
/// cores idle while its first rows are made with nothing to write yet, while
/// its last are written with nothing left to make, and through a small
/// table: the other writer fills those gaps (BENCHMARKS.md). Two, not one
/// per table, so that memory holds the buffers of two tables at most.
fn two_at_a_time(
    tables: &[(&str, &dyn Table)],
    write: impl Fn(&str, &dyn Table) -> Result<PathBuf, ReportError> + Sync,
) -> Result<Vec<PathBuf>, ReportError> {
    let next = AtomicUsize::new(0);
    let writer = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(&(name, table)) = tables.get(i) else {
                return done;
            };
            done.push((i, write(name, table)));
        }
    };
    let (mut first, second) = rayon::join(writer, writer);
    first.extend(second);
    first.sort_by_key(|(i, _)| *i);
    first.into_iter().map(|(_, written)| written).collect()
}

/// Writes generated files under a folder.
pub(crate) struct DirSink {
    root: PathBuf,
}

impl DirSink {
    /// A sink writing under `root` (created when needed).
    pub(crate) fn new(root: &Path) -> DirSink {
        DirSink {
            root: root.to_path_buf(),
        }
    }
}

impl GenSink for DirSink {
    fn file(&mut self, rel_path: &str) -> io::Result<Box<dyn Write + '_>> {
        let path = self.root.join(rel_path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(Box::new(BufWriter::new(fs::File::create(path)?)))
    }
}

#[cfg(test)]
mod tests;
