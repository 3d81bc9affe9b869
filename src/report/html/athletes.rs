//! A group's athletes in the HTML report: the sortable table of every
//! athlete (pre-sorted by violations), and a drill-down per athlete up to
//! the cap: its timeline and the list of its flags with both sessions'
//! local times and modalities, the gap, and the week's load and ACWR.

use maud::{html, Markup, PreEscaped};

use crate::report::model::athletes::{AthleteRow, DrillDown, GroupAthletes};

/// The element id of an athlete's drill-down (frame indices are unique; ids
/// may not be after pseudonymising or slugging).
pub(super) fn athlete_id(index: usize) -> String {
    format!("a{index}")
}

/// Columns of the athletes table: heading, numeric.
const COLUMNS: [(&str, bool); 9] = [
    ("Athlete", false),
    ("Status", false),
    ("Sessions", true),
    ("Strength", true),
    ("Endurance", true),
    ("Violations", true),
    ("Advisories", true),
    ("Compliance", true),
    ("Nearest gap", true),
];

/// Columns of a flag list: heading, numeric.
const FLAG_COLUMNS: [(&str, bool); 8] = [
    ("Rule", false),
    ("Severity", false),
    ("First session", false),
    ("Second session", false),
    ("Gap", true),
    ("Week", false),
    ("Week load (AU)", true),
    ("ACWR", true),
];

/// Every athlete of the group, most violations first, sortable by column.
pub(super) fn table(g: &GroupAthletes, table_id: &str) -> Markup {
    let linked = g.drill_downs.len();
    html! {
        h3 { "Athletes" }
        p {
            (g.rows.len()) " athletes, most violations first. Select a column heading to sort by it; "
            "an athlete's name leads to its timeline and flags. Compliance is the share of in-scope strength sessions with a time of day in no violating pair; "
            "the nearest gap is the median hours from a strength session to the closest endurance session."
        }
        div.scroll role="region" aria-label={ "Athletes of group " (g.group) } tabindex="0" {
            table.sortable id=(table_id) {
                thead {
                    tr {
                        @for (heading, numeric) in COLUMNS {
                            @let sort = (heading == "Violations").then_some("descending");
                            th scope="col" class=[numeric.then_some("n")] aria-sort=[sort] { button type="button" { (heading) } }
                        }
                    }
                }
                tbody {
                    @for (k, r) in g.rows.iter().enumerate() {
                        (row(r, k < linked))
                    }
                }
            }
        }
    }
}

fn row(r: &AthleteRow, linked: bool) -> Markup {
    html! {
        tr {
            td.t {
                @if linked { a href={ "#" (athlete_id(r.index)) } { (r.label) } } @else { (r.label) }
            }
            td { (r.status) }
            td.n { (r.sessions) }
            td.n { (r.strength) }
            td.n { (r.endurance) }
            td.n { (r.violations) }
            td.n { (r.advisories) }
            td.n { (r.compliance) }
            td.n { (r.nearest_gap) }
        }
    }
}

/// The drill-downs, closed until opened (or linked to), with a word on
/// the athletes past the cap.
pub(super) fn drill_downs(
    g: &GroupAthletes,
    cap: usize,
    acwr_note: &str,
    (athletes_csv, flags_csv): (&str, &str),
) -> Markup {
    html! {
        h3 { "Athletes one by one" }
        p {
            "Each athlete's timeline has a row per ISO week and a column per day; each day spans 00–24 h local time (grid at 06, 12 and 18 h), and sessions without a time of day sit in the band under it. "
            "Blue: strength; green: endurance; light green: warm-up; grey: other or mixed. A bracket joins a flagged pair, orange for a violation (its code in bold), light blue for an advisory. "
            "Codes: ORD order, CMB combined_session, MIN spacing_min, PREF spacing_preferred, DAY same_day_unknown_time, FAIL to_failure; +n counts codes a crowded day has no room for. "
            "The number is the day's sRPE load (AU) where an RPE is known."
        }
        @if g.left_out() > 0 {
            p.note {
                "This report holds the " (g.drill_downs.len()) " athletes with most violations (at most " (cap)
                " per group); the other " (g.left_out()) " are in the table above, and every athlete's measures and flags are in " (athletes_csv) " and " (flags_csv) "."
            }
        }
        @for (k, d) in g.drill_downs.iter().enumerate() {
            (drill_down(&g.rows[k], d, acwr_note))
        }
    }
}

fn drill_down(r: &AthleteRow, d: &DrillDown, acwr_note: &str) -> Markup {
    let summary = match &d.exempt {
        Some(_) => format!("{} — exempt, {} sessions", r.label, r.sessions),
        None => format!(
            "{} — {} violations, {} advisories, {} sessions",
            r.label, r.violations, r.advisories, r.sessions
        ),
    };
    html! {
        details id=(athlete_id(d.index)) data-athlete=(r.label) {
            summary { (summary) }
            @if let Some(why) = &d.exempt { p { (why) " Its sessions are shown, no flags." } }
            @for (k, svg) in d.timeline.iter().enumerate() {
                // A long span has several charts: each region is named apart.
                @let part = if d.timeline.len() > 1 { format!(" ({} of {})", k + 1, d.timeline.len()) } else { String::new() };
                div.fig role="region" aria-label={ "Timeline of " (r.label) (part) } tabindex="0" { (PreEscaped(svg)) }
            }
            @if d.flags.is_empty() {
                @if d.exempt.is_none() { p { "No flags." } }
            } @else {
                // On a phone each flag is a card with its labels (page.css).
                div.scroll role="region" aria-label={ "Flags of " (r.label) } tabindex="0" {
                    table.flags {
                        caption { "Flags of " (r.label) }
                        thead {
                            tr {
                                @for (heading, numeric) in FLAG_COLUMNS {
                                    th scope="col" class=[numeric.then_some("n")] { (heading) }
                                }
                            }
                        }
                        tbody {
                            @for f in &d.flags {
                                tr class=(f.severity) {
                                    td { (f.rule) @if f.planned { " " small { "(planned)" } } }
                                    td { (f.severity) }
                                    td { (f.first.0) " " small { (f.first.1) } }
                                    // A cell without a value ("-") is left out of a phone's card.
                                    td class=[f.second.is_none().then_some("none")] {
                                        @if let Some((when, modality)) = &f.second { (when) " " small { (modality) } } @else { "-" }
                                    }
                                    td.n.none[f.gap == "-"] { (f.gap) }
                                    td { (f.week) }
                                    td.n.none[f.week_load == "-"] { (f.week_load) }
                                    td.n.none[f.acwr == "-"] { (f.acwr) }
                                }
                            }
                        }
                    }
                }
                p.muted { (acwr_note) }
            }
        }
    }
}
