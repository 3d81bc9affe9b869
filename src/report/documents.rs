//! Writing the plots (PNG and SVG per group, plus the overview) and the PDF
//! reports: the full one and, on request, one per group that holds only that
//! group's athletes and figures.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::model::ReportModel;
use super::pdf::{self, ChartRef, Paper};
use super::ReportError;
use crate::config::Formats;
use crate::render::Chart;

/// A file-name-safe form of a group name.
pub fn slug(group: &str) -> String {
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
pub fn write_plots(
    charts: &[Chart],
    out_dir: &Path,
    formats: Formats,
) -> Result<Vec<PathBuf>, ReportError> {
    let mut written = Vec::new();
    for chart in charts {
        let dir = match &chart.group {
            Some(group) => out_dir.join("plots").join(slug(group)),
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
            svg: &c.svg,
        })
        .collect()
}

fn write_pdf(
    model: &ReportModel,
    charts: &[ChartRef],
    paper: Paper,
    path: &Path,
) -> Result<PathBuf, ReportError> {
    let bytes = pdf::render(model, charts, paper).map_err(|source| ReportError::Pdf {
        path: path.display().to_string(),
        source,
    })?;
    fs::write(path, bytes).map_err(io_error(path))?;
    Ok(path.to_path_buf())
}

/// Writes `report.pdf`, and with `per_group` a `report-<group>.pdf` per group.
pub fn write_pdfs(
    model: &ReportModel,
    group_models: &[ReportModel],
    charts: &[Chart],
    paper: Paper,
    out_dir: &Path,
) -> Result<Vec<PathBuf>, ReportError> {
    let mut written = vec![write_pdf(
        model,
        &refs(charts, None),
        paper,
        &out_dir.join("report.pdf"),
    )?];
    // Each group's PDF is laid out on its own: in parallel, in group order.
    let groups: Vec<PathBuf> = group_models
        .par_iter()
        .filter_map(|group_model| {
            let group = group_model.groups.first()?.name.as_str();
            let path = out_dir.join(format!("report-{}.pdf", slug(group)));
            Some(write_pdf(
                group_model,
                &refs(charts, Some(group)),
                paper,
                &path,
            ))
        })
        .collect::<Result<_, _>>()?;
    written.extend(groups);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_become_safe_file_names() {
        assert_eq!(slug("U23 / sprint"), "U23___sprint");
        assert_eq!(slug("masters"), "masters");
        assert_eq!(slug(""), "group");
    }
}
