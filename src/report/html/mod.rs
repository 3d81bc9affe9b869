//! The HTML report: one self-contained file (inline CSS, charts as inline
//! SVG, a little inline JavaScript to sort tables and open drill-downs; no
//! request leaves it) holding the PDF's content plus, per group, a table of
//! every athlete and a drill-down per athlete up to a cap. Laid out for a
//! phone first: the page never scrolls sideways, wide tables and charts
//! scroll inside their own box; a print stylesheet gives clean pages.
//! This file lays out the page; `athletes.rs` the athlete table and
//! drill-downs; `page.css` and `page.js` are inlined as they are.

mod athletes;

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::model::athletes::GroupAthletes;
use super::model::{ChartRef, GroupSection, ReportModel};
use crate::config::Formats;

/// The order of a group's charts in its section (as in the PDF).
const CHART_ORDER: [&str; 5] = ["nearest_gap", "weekly", "load", "athletes_weeks", "rules"];

/// One HTML page: the report model it shows (the full one or a group's),
/// its charts, the groups' slugs its element ids are made of, and whether
/// the CSV tables are beside it.
pub(crate) struct Page<'a> {
    pub(crate) model: &'a ReportModel,
    /// The overview and group charts (timeline charts are left out).
    pub(crate) charts: &'a [ChartRef<'a>],
    /// Group names and their file-name slugs (`documents::unique_slugs`):
    /// distinct, so the element ids made of them are.
    pub(crate) slugs: &'a std::collections::BTreeMap<&'a str, String>,
    /// The run's outputs: which tables are written beside the page.
    pub(crate) formats: Formats,
}

/// The page up to its group sections: head, cover, contents, guidance and
/// overview. The page is written in parts, so that only one group's
/// section is in memory at a time: `head`, each `section`, `tail`.
pub(crate) fn head(page: &Page) -> String {
    let m = page.model;
    let overview = page.charts.iter().find(|c| c.group.is_none());
    let head = html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="generator" content=(format!("concur {}", env!("CARGO_PKG_VERSION")));
            title { (m.title) }
            style {
                (PreEscaped(include_str!("page.css")))
                (PreEscaped(format!(":root{{--tl-width:{}px}}", crate::render::WEB_WIDTH)))
                (PreEscaped(crate::render::web_css()))
            }
        }
    };
    let top = html! {
        a.skip href="#main" { "Skip to the report" }
        (cover(m))
        (contents(page, overview.is_some()))
    };
    let first = html! {
        (guidance(m))
        @if let Some(chart) = overview {
            section #overview aria-labelledby="overview-h" {
                h2 #overview-h { "Overview" }
                p { "Strength compliance per group: the share of in-scope strength sessions with a time of day that take part in no violating pair." }
                (figure(chart))
            }
        }
    };
    format!(
        "{}<html lang=\"en\">{}<body>{}{}<main id=\"main\">{}",
        DOCTYPE.into_string(),
        head.into_string(),
        crate::render::web_defs(),
        top.into_string(),
        first.into_string()
    )
}

/// The page after its group sections: data quality, glossary, footer and script.
pub(crate) fn tail(page: &Page) -> String {
    let m = page.model;
    let tables_note = match page.formats.table_extension() {
        Some("csv") => "Every row behind this report is in the CSV tables beside it.",
        Some(_) => "Every row behind this report is in the Parquet tables beside it.",
        None => "The tables behind this report are written with --format csv.",
    };
    let end = html! {
        footer {
            p { "Made by concur " (env!("CARGO_PKG_VERSION")) " on " (m.made_at.format("%Y-%m-%d %H:%M")) " UTC. " (tables_note) }
        }
        script { (PreEscaped(include_str!("page.js"))) }
    };
    format!(
        "{}{}</main>{}</body></html>",
        quality(page).into_string(),
        glossary(m).into_string(),
        end.into_string()
    )
}

/// Element ids of a group's section, its heading and its athletes table:
/// a prefix of their own and the group's slug, so no two can be equal.
fn group_ids(slug: &str) -> [String; 3] {
    ["g-", "gh-", "ga-"].map(|prefix| format!("{prefix}{slug}"))
}

fn cover(m: &ReportModel) -> Markup {
    let range = m
        .date_range
        .as_ref()
        .map_or("no sessions".to_string(), |(a, b)| format!("{a} to {b}"));
    html! {
        header {
            h1 { (m.title) }
            p.muted { "Report made " (m.made_at.format("%Y-%m-%d %H:%M")) " UTC." }
            p {
                "Sessions from " (range) ". " (m.athletes) " athletes, " (m.sessions)
                " sessions counted; " (m.rejected) " input rows or files rejected."
            }
            @if !m.inputs.is_empty() {
                p.muted { "Inputs: " (m.inputs.join(", ")) }
            }
        }
    }
}

fn contents(page: &Page, overview: bool) -> Markup {
    html! {
        nav aria-labelledby="contents-h" {
            h2 #contents-h { "Contents" }
            ol {
                li { a href="#guidance" { "The guidance and thresholds" } }
                @if overview { li { a href="#overview" { "Overview" } } }
                @for g in &page.model.groups {
                    li { a href={ "#" (group_ids(&page.slugs[g.name.as_str()])[0]) } { "Group " (g.name) } }
                }
                li { a href="#quality" { "Data quality" } }
                li { a href="#glossary" { "Glossary" } }
            }
        }
    }
}

fn guidance(m: &ReportModel) -> Markup {
    html! {
        section #guidance aria-labelledby="guidance-h" {
            h2 #guidance-h { "The guidance" }
            @for line in &m.guidance { p { (line) } }
            h3 { "Rules and thresholds used" }
            ul { @for line in &m.rules_used { li { (line) } } }
        }
    }
}

/// A chart as a figure: inline SVG with its title as text alternative and caption.
fn figure(chart: &ChartRef) -> Markup {
    let label = crate::render::escape_xml(chart.title);
    let svg = chart.svg.replacen(
        "<svg ",
        &format!(r#"<svg role="img" aria-label="{label}" "#),
        1,
    );
    html! {
        figure {
            // A box that scrolls is focusable, so a keyboard can scroll it.
            div.fig role="region" aria-label=(chart.title) tabindex="0" { (PreEscaped(svg)) }
            figcaption { (chart.title) }
        }
    }
}

/// A group's section: key figures, charts, the athletes table and the
/// drill-downs (`timelines` holds each drill-down's web timelines).
pub(crate) fn section(
    page: &Page,
    group: &GroupSection,
    athletes: &GroupAthletes,
    cap: usize,
) -> String {
    let [id, heading, table] = group_ids(&page.slugs[group.name.as_str()]);
    let charts = CHART_ORDER.iter().filter_map(|name| {
        page.charts
            .iter()
            .find(|c| c.group == Some(group.name.as_str()) && c.name == *name)
    });
    let markup = html! {
        section.group id=(id) data-group=(group.name) aria-labelledby=(heading) {
            h2 id=(heading) { "Group " (group.name) }
            h3 { "Key figures" }
            div.scroll role="region" aria-label={ "Key figures of group " (group.name) } tabindex="0" {
                table {
                    thead { tr { th scope="col" { "Key figure" } th scope="col" { "Value" } } }
                    tbody {
                        @for (label, value) in &group.key_figures {
                            tr { th scope="row" { (label) } td { (value) } }
                        }
                    }
                }
            }
            @if !group.load_note.is_empty() { p.note { (group.load_note) } }
            h3 { "Charts" }
            @for chart in charts { (figure(chart)) }
            (athletes::table(athletes, &table))
            (athletes::drill_downs(athletes, cap, &group.load_note, (&page.formats.table_file("athletes"), &page.formats.table_file("flags"))))
        }
    };
    markup.into_string()
}

fn quality(page: &Page) -> Markup {
    let m = page.model;
    let q = &m.quality;
    html! {
        section #quality aria-labelledby="quality-h" {
            h2 #quality-h { "Data quality" }
            h3 { "Rejected input" }
            @if q.rejected.is_empty() && q.rejected_more == 0 {
                @if m.inputs.is_empty() && m.rejected > 0 {
                    p { (m.rejected) " input rows or files were rejected; see " (page.formats.table_file("rejected")) " of the full report." }
                } @else {
                    p { "All input rows and files were accepted." }
                }
            } @else {
                div.scroll role="region" aria-label="Rejected input" tabindex="0" {
                    table {
                        thead { tr { th scope="col" { "File" } th scope="col" { "Line" } th scope="col" { "Reason" } } }
                        tbody { @for r in &q.rejected { tr { td.path { (r[0]) } td.n { (r[1]) } td { (r[2]) } } } }
                    }
                }
                @if q.rejected_more > 0 { p { "… and " (q.rejected_more) " more; all are listed in " (page.formats.table_file("rejected")) "." } }
            }
            h3 { "Observations" }
            @if q.note_counts.is_empty() {
                p { "No data-quality observations." }
            } @else {
                div.scroll role="region" aria-label="Observations by kind" tabindex="0" {
                    table {
                        thead { tr { th scope="col" { "Kind" } th.n scope="col" { "Rows" } th.n scope="col" { "Athletes" } } }
                        tbody { @for (kind, rows, athletes) in &q.note_counts { tr { td { (kind) } td.n { (rows) } td.n { (athletes) } } } }
                    }
                }
                @if !q.notes.is_empty() {
                    div.scroll role="region" aria-label="Observations to read one by one" tabindex="0" {
                        table {
                            thead { tr { th scope="col" { "Kind" } th scope="col" { "Detail" } } }
                            tbody { @for (kind, detail) in &q.notes { tr { td { (kind) } td { (detail) } } } }
                        }
                    }
                }
                p { "Every observation is listed in " (page.formats.table_file("data_quality")) "." }
            }
        }
    }
}

fn glossary(m: &ReportModel) -> Markup {
    html! {
        section #glossary aria-labelledby="glossary-h" {
            h2 #glossary-h { "Glossary" }
            dl { @for (term, meaning) in &m.glossary { dt { (term) } dd { (meaning) } } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::documents::unique_slugs;
    use crate::report::model::athletes::group_athletes;
    use crate::report::model::tests::{made_at, sample};

    /// The sample's page without charts, drill-downs capped at `cap`.
    fn sample_page(cap: usize) -> String {
        let (frame, agg, load, rules) = sample();
        let audit = crate::rules::evaluate(&frame, &rules.thresholds);
        let model = crate::report::model::build(&frame, &agg, &load, &rules, &[], made_at());
        let slugs = unique_slugs(model.groups.iter().map(|g| g.name.as_str()));
        let page = Page {
            model: &model,
            charts: &[],
            slugs: &slugs,
            formats: Formats::parse("csv,html").unwrap(),
        };
        let mut text = head(&page);
        for (group, (name, _)) in model.groups.iter().zip(&agg.groups) {
            let mut athletes = group_athletes(&frame, &audit, &agg, name, cap);
            for d in &mut athletes.drill_downs {
                d.timeline = vec!["<svg/>".to_string()];
            }
            text += &section(&page, group, &athletes, cap);
        }
        text + &tail(&page)
    }

    fn between<'t>(text: &'t str, open: &str, close: char) -> Vec<&'t str> {
        text.split(open)
            .skip(1)
            .map(|rest| &rest[..rest.find(close).unwrap_or(rest.len())])
            .collect()
    }

    #[test]
    fn headings_go_down_one_level_at_a_time() {
        let page = sample_page(500);
        let levels: Vec<u32> = page
            .match_indices("<h")
            .filter_map(|(i, _)| page[i + 2..].chars().next()?.to_digit(10))
            .collect();
        assert_eq!(levels[0], 1);
        for pair in levels.windows(2) {
            assert!(pair[1] <= pair[0] + 1, "h{} follows h{}", pair[1], pair[0]);
        }
    }

    #[test]
    fn every_in_page_link_has_its_target() {
        let page = sample_page(3);
        let ids = between(&page, " id=\"", '"');
        let links = between(&page, "href=\"#", '"');
        assert!(links.len() >= 20, "{} links", links.len());
        for link in links {
            assert!(ids.contains(&link), "#{link} points nowhere");
        }
    }

    #[test]
    fn groups_whose_names_look_like_id_suffixes_get_distinct_ids() {
        let (frame, agg, load, rules) = sample();
        let mut model = crate::report::model::build(&frame, &agg, &load, &rules, &[], made_at());
        model.groups.truncate(3);
        for (group, name) in model.groups.iter_mut().zip(["x", "x-h", "h-x"]) {
            group.name = name.to_string();
        }
        let slugs = unique_slugs(model.groups.iter().map(|g| g.name.as_str()));
        let page = Page {
            model: &model,
            charts: &[],
            slugs: &slugs,
            formats: Formats::parse("html").unwrap(),
        };
        let mut text = head(&page);
        for group in &model.groups {
            let athletes = GroupAthletes {
                group: group.name.clone(),
                rows: Vec::new(),
                drill_downs: Vec::new(),
            };
            text += &section(&page, group, &athletes, 500);
        }
        text += &tail(&page);
        let ids = between(&text, " id=\"", '"');
        let unique: std::collections::HashSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        // Without --format csv the page says how to get the tables it names.
        assert!(text.contains("written with --format csv"));
        assert!(!text.contains("CSV tables beside it"));
    }

    #[test]
    fn every_athlete_has_a_row_and_the_capped_ones_a_drill_down() {
        let page = sample_page(2);
        assert_eq!(page.matches("<details ").count(), 4 * 2);
        let rows = page.matches("<tr><td class=\"t\">").count();
        assert_eq!(rows, 40);
        assert!(page.contains(r#"aria-sort="descending"><button type="button">Violations"#));
    }
}
