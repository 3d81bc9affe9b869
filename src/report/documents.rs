//! Writing the plots (PNG and SVG per group, plus the overview) and the PDF
//! reports: the full one and, on request, one per group that holds only that
//! group's athletes and figures.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::error::ReportError;
use super::html::{self, Page};
use super::model::athletes::GroupAthletes;
use super::model::ChartRef;
use super::model::ReportModel;
use super::pdf;
use crate::config::Formats;
use crate::model::Paper;
use crate::render::Chart;

/// File-name-safe, distinct names for groups: `U23 / A` and `U23_/_A` would
/// share a slug, so later names (in sorted order) get `-2`, `-3`, ...
pub(crate) fn unique_slugs<'g>(
    groups: impl IntoIterator<Item = &'g str>,
) -> BTreeMap<&'g str, String> {
    let names: BTreeSet<&str> = groups.into_iter().collect();
    let mut taken = HashSet::new();
    let mut slugs = BTreeMap::new();
    for name in names {
        let base = slug(name);
        let mut candidate = base.clone();
        let mut n = 2;
        // Case-insensitive: two slugs differing in case collide on some file systems.
        while !taken.insert(candidate.to_lowercase()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        slugs.insert(name, candidate);
    }
    slugs
}

/// A file-name-safe form of a group name.
pub(crate) fn slug(group: &str) -> String {
    let s: String = group
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() {
        "group".into()
    } else {
        s
    }
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> ReportError + '_ {
    move |source| ReportError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Writes `plots/<group>/<name>.{png,svg}` and `plots/overview.{png,svg}`.
pub(crate) fn write_plots(
    charts: &[Chart],
    out_dir: &Path,
    formats: Formats,
) -> Result<Vec<PathBuf>, ReportError> {
    let mut written = Vec::new();
    let slugs = unique_slugs(charts.iter().filter_map(|c| c.group.as_deref()));
    for chart in charts {
        let dir = match chart.group.as_deref() {
            Some(group) => out_dir.join("plots").join(&slugs[group]),
            None => out_dir.join("plots"),
        };
        fs::create_dir_all(&dir).map_err(io_error(&dir))?;
        let files = [
            (formats.png, "png", chart.png.as_slice()),
            (formats.svg, "svg", chart.svg.as_bytes()),
        ];
        for (wanted, ext, bytes) in files {
            if wanted {
                let path = dir.join(format!("{}.{ext}", chart.name));
                fs::write(&path, bytes).map_err(io_error(&path))?;
                written.push(path);
            }
        }
    }
    Ok(written)
}

fn refs<'c>(charts: &'c [Chart], group: Option<&str>) -> Vec<ChartRef<'c>> {
    charts
        .iter()
        .filter(|c| group.is_none() || c.group.as_deref() == group)
        .map(|c| ChartRef {
            group: c.group.as_deref(),
            name: &c.name,
            title: &c.title,
            part: c.part,
            svg: &c.svg,
        })
        .collect()
}

fn write_pdf(
    model: &ReportModel,
    charts: &[ChartRef],
    (paper, formats): (Paper, Formats),
    path: &Path,
) -> Result<PathBuf, ReportError> {
    let bytes = pdf::render(model, charts, paper, formats).map_err(|source| ReportError::Pdf {
        path: path.display().to_string(),
        source,
    })?;
    fs::write(path, bytes).map_err(io_error(path))?;
    Ok(path.to_path_buf())
}

/// Writes `report.pdf`, and with group models a `report-<group>.pdf` per
/// group, on `paper`; `formats` say which tables are written beside them.
pub(crate) fn write_pdfs(
    model: &ReportModel,
    group_models: &[ReportModel],
    charts: &[Chart],
    (paper, formats): (Paper, Formats),
    out_dir: &Path,
) -> Result<Vec<PathBuf>, ReportError> {
    let mut written = vec![write_pdf(
        model,
        &refs(charts, None),
        (paper, formats),
        &out_dir.join("report.pdf"),
    )?];
    let slugs = unique_slugs(
        group_models
            .iter()
            .filter_map(|m| Some(m.groups.first()?.name.as_str())),
    );
    // Each group's PDF is laid out on its own: in parallel, in group order,
    // each to its own file (the slugs are distinct).
    let groups: Vec<PathBuf> = group_models
        .par_iter()
        .filter_map(|group_model| {
            let group = group_model.groups.first()?.name.as_str();
            let path = out_dir.join(format!("report-{}.pdf", slugs[group]));
            Some(write_pdf(
                group_model,
                &refs(charts, Some(group)),
                (paper, formats),
                &path,
            ))
        })
        .collect::<Result<_, _>>()?;
    written.extend(groups);
    Ok(written)
}

/// Writes `report.html`, and with group models a `report-<group>.html` per
/// group holding only that group's section, athletes and notes. A group's
/// athletes with their timelines (`group` makes them) and its section are made
/// once, written into both pages, then dropped: memory holds one group's
/// section, not the page. `formats` say which tables are written beside it.
pub(crate) fn write_htmls(
    model: &ReportModel,
    group_models: &[ReportModel],
    group: &dyn Fn(&str) -> GroupAthletes,
    charts: &[Chart],
    (cap, formats): (usize, Formats),
    out_dir: &Path,
) -> Result<Vec<PathBuf>, ReportError> {
    let slugs = unique_slugs(model.groups.iter().map(|g| g.name.as_str()));
    // Timeline charts are drawn for the page itself (`group`).
    let page_charts = |group: Option<&str>| -> Vec<ChartRef> {
        refs(charts, group)
            .into_iter()
            .filter(|c| !c.name.starts_with("timeline-"))
            .collect()
    };
    let all_charts = page_charts(None);
    let full = Page {
        model,
        charts: &all_charts,
        slugs: &slugs,
        formats,
    };
    let path = out_dir.join("report.html");
    let mut file = std::io::BufWriter::new(fs::File::create(&path).map_err(io_error(&path))?);
    let mut write = |text: &str| file.write_all(text.as_bytes());
    write(&html::head(&full)).map_err(io_error(&path))?;
    let mut written = Vec::new();
    for section_model in &model.groups {
        let name = section_model.name.as_str();
        let athletes = group(name);
        let section = html::section(&full, section_model, &athletes, cap);
        write(&section).map_err(io_error(&path))?;
        let alone = group_models
            .iter()
            .find(|m| m.groups.first().is_some_and(|g| g.name == name));
        if let Some(group_model) = alone {
            let charts = page_charts(Some(name));
            let page = Page {
                model: group_model,
                charts: &charts,
                ..full
            };
            let text = html::head(&page) + &section + &html::tail(&page);
            let group_path = out_dir.join(format!("report-{}.html", slugs[name]));
            fs::write(&group_path, text).map_err(io_error(&group_path))?;
            written.push(group_path);
        }
    }
    write(&html::tail(&full)).map_err(io_error(&path))?;
    file.flush().map_err(io_error(&path))?;
    written.insert(0, path);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_with_the_same_slug_get_distinct_file_names() {
        let slugs = unique_slugs(["U23 / A", "U23_/_A", "u23___a", "masters"]);
        assert_eq!(slugs["U23 / A"], "U23___A");
        assert_eq!(slugs["U23_/_A"], "U23___A-2");
        assert_eq!(slugs["u23___a"], "u23___a-3");
        assert_eq!(slugs["masters"], "masters");
    }

    #[test]
    fn group_names_become_safe_file_names() {
        assert_eq!(slug("U23 / sprint"), "U23___sprint");
        assert_eq!(slug("masters"), "masters");
        assert_eq!(slug(""), "group");
    }
}
