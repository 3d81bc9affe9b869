//! The timeline drawn for the HTML report: the same model as the chart
//! (`Timeline`), written as compact SVG whose colours come from CSS classes
//! (`web_css`, once in the page's stylesheet), whose week rows reuse one row
//! drawn once per page (`web_defs`), and whose bars and brackets of one
//! colour are one path each. The plotters chart writes every element with
//! all its attributes; this form is some thirty times smaller
//! (BENCHMARKS.md), which is what lets an HTML report hold hundreds of
//! athletes.

use std::fmt::Write as _;

use chrono::Duration;

use super::{rule_code, Anchor, Timeline, TimelinePage, WARMUP};
use crate::aggregate::iso_week_label;
use crate::model::Modality;
use crate::render::style::{ADVISORY, BLUE, BLUISH_GREEN, GRID, INK, MUTED, PANEL, VIOLATION};
use crate::rules::{Rule, Severity};
use plotters::style::RGBColor;

/// Width of the week labels, SVG units.
const LABEL_W: f64 = 64.0;
/// Width of a day.
const CELL_W: f64 = 70.0;
/// Height of the day names above the rows.
const HEADER_H: f64 = 16.0;
/// Height of a week row: the 0-24 h track, the band of sessions without a
/// time of day, and a line of flag codes and the day's load.
const ROW_H: f64 = 32.0;
const TRACK: (f64, f64) = (2.0, 15.0);
const BAND: (f64, f64) = (16.0, 21.0);
/// White, the day cells' ground.
const WHITE: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
const TEXT_BASELINE: f64 = 30.0;
/// Text size, SVG units (the SVG is never drawn narrower than it is wide).
const TEXT: f64 = 9.5;
/// An estimate of a character's width at `TEXT`, bold: codes that would
/// run into the day's load are counted as `+n` instead.
const CHAR_W: f64 = 6.2;

/// Width of a web timeline, SVG units; the page shows it at least this many
/// CSS pixels wide (scrolling inside its box on a phone).
pub(crate) const WEB_WIDTH: f64 = LABEL_W + 7.0 * CELL_W;

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// The stylesheet of web timelines, from the charts' palette.
pub(crate) fn web_css() -> String {
    let other = hex(super::OTHER);
    format!(
        ".tl{{font:{TEXT}px sans-serif}}.tl .lbl{{fill:{muted}}}\
         .tl .s{{fill:{blue}}}.tl .e{{fill:{green}}}.tl .w{{fill:{warm}}}.tl .o{{fill:{other}}}\
         .tl .d{{stroke:{ink};stroke-width:.5}}\
         .tl .fv{{stroke:{vio};fill:none;stroke-width:2}}.tl .fa{{stroke:{adv};fill:none;stroke-width:2}}\
         .tl .cv{{font-weight:bold}}.tl .ld{{fill:{muted};text-anchor:end}}",
        muted = hex(MUTED),
        ink = hex(INK),
        blue = hex(BLUE),
        green = hex(BLUISH_GREEN),
        warm = hex(WARMUP),
        vio = hex(VIOLATION),
        adv = hex(ADVISORY),
    )
}

fn class_of(m: Modality) -> &'static str {
    match m {
        Modality::Strength => "s",
        Modality::Endurance => "e",
        Modality::Warmup => "w",
        Modality::Mixed | Modality::Other => "o",
    }
}

/// Element ids of the drawn week row (`web_defs`), of athletes in scope and exempt.
const ROW: &str = "tl-row";
const ROW_EXEMPT: &str = "tl-row-x";

/// What every web timeline of a page uses, once per page: the drawn week
/// row (its colours are attributes, since page styles do not reach into a
/// `<use>`'s copy), for athletes in scope and, greyed, exempt ones.
pub(crate) fn web_defs() -> String {
    let mut s = String::from(
        r#"<svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false"><defs>"#,
    );
    let (grid, band) = (hex(GRID), hex(PANEL));
    for (id, cell) in [(ROW, hex(WHITE)), (ROW_EXEMPT, hex(PANEL))] {
        let _ = write!(s, r#"<g id="{id}">"#);
        for col in 0..7 {
            let x = LABEL_W + col as f64 * CELL_W;
            let _ = write!(
                s,
                r#"<rect x="{x}" width="{CELL_W}" height="{ROW_H}" fill="{cell}" stroke="{grid}"/><rect x="{}" y="{}" width="{}" height="{}" fill="{band}"/>"#,
                x + 2.0,
                BAND.0,
                CELL_W - 4.0,
                BAND.1 - BAND.0
            );
            let quarters: String = [6.0, 12.0, 18.0]
                .iter()
                .map(|q| {
                    format!(
                        "M{:.1} {}V{}",
                        x + 2.0 + (CELL_W - 4.0) * q / 24.0,
                        TRACK.0,
                        TRACK.1
                    )
                })
                .collect();
            let _ = write!(s, r#"<path d="{quarters}" stroke="{grid}"/>"#);
        }
        s.push_str("</g>");
    }
    s.push_str("</defs></svg>");
    s
}

impl Timeline {
    /// Each chart of the timeline as web SVG, for a page holding
    /// `web_defs` once; `id` makes its element ids unique in the page
    /// (`<id>-<chart>`).
    pub(crate) fn web_svgs(&self, id: &str) -> Vec<String> {
        (0..self.pages())
            .map(|p| self.web_svg(p, &format!("{id}-{}", p + 1)))
            .collect()
    }

    fn web_svg(&self, page: usize, id: &str) -> String {
        let view = self.page(page);
        let weeks = view.week_range();
        let days = view.days();
        let height = HEADER_H + ROW_H * weeks.len() as f64;
        let x_of = |day: usize, hour: f64| {
            LABEL_W + (day % 7) as f64 * CELL_W + 2.0 + (CELL_W - 4.0) * hour / 24.0
        };
        let y_of = |day: usize| HEADER_H + ((day - days.start) / 7) as f64 * ROW_H;
        let monday = |w: usize| self.first_monday + Duration::days(7 * w as i64);
        let mut s = String::with_capacity(4096);
        let _ = write!(
            s,
            r#"<svg class="tl" viewBox="0 0 {WEB_WIDTH} {height}" role="img" aria-labelledby="{id}-t"><title id="{id}-t">Timeline of athlete {}, {} to {}: {} sessions over {} weeks{}</title>"#,
            escape_xml(&self.athlete),
            iso_week_label(monday(weeks.start)),
            iso_week_label(monday(weeks.end - 1)),
            self.sessions,
            self.weeks,
            self.exempt
                .as_ref()
                .map_or(String::new(), |why| format!("; {}", escape_xml(why))),
        );
        for (k, name) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            .iter()
            .enumerate()
        {
            let x = LABEL_W + (k as f64 + 0.5) * CELL_W;
            let _ = write!(
                s,
                r#"<text class="lbl" x="{x}" y="11" text-anchor="middle">{name}</text>"#
            );
        }
        let row = if self.exempt.is_some() {
            ROW_EXEMPT
        } else {
            ROW
        };
        for (r, week) in weeks.clone().enumerate() {
            let y = HEADER_H + r as f64 * ROW_H;
            let _ = write!(
                s,
                r##"<use href="#{row}" y="{y}"/><text class="lbl" x="0" y="{}">{}</text>"##,
                y + 14.0,
                iso_week_label(monday(week))
            );
        }
        // The bars of one colour (and band) as one path of rectangles.
        let mut paths: Vec<(&str, bool, String)> = Vec::new();
        for bar in self.bars.iter().filter(|b| days.contains(&b.day)) {
            let (top, bottom) = if bar.date_only { BAND } else { TRACK };
            let x0 = x_of(bar.day, bar.from_h);
            let w = (x_of(bar.day, bar.to_h) - x0).max(1.5);
            let key = (class_of(bar.modality), bar.date_only);
            let at = match paths.iter().position(|(c, d, _)| (*c, *d) == key) {
                Some(at) => at,
                None => {
                    paths.push((key.0, key.1, String::new()));
                    paths.len() - 1
                }
            };
            let _ = write!(
                paths[at].2,
                "M{x0:.1} {:.1}h{w:.1}v{}h-{w:.1}z",
                y_of(bar.day) + top,
                bottom - top
            );
        }
        for (class, date_only, d) in paths {
            let dated = if date_only { " d" } else { "" };
            let _ = write!(s, r#"<path class="{class}{dated}" d="{d}"/>"#);
        }
        web_flags(&mut s, &view, x_of, y_of);
        s.push_str("</svg>");
        s
    }
}

/// Flag brackets, each day's codes and its load.
fn web_flags(
    s: &mut String,
    view: &TimelinePage,
    x_of: impl Fn(usize, f64) -> f64,
    y_of: impl Fn(usize) -> f64,
) {
    let days = view.days();
    let point = |a: Anchor| {
        let below = if a.band { BAND.1 } else { TRACK.1 };
        (x_of(a.day, a.hour), y_of(a.day) + below)
    };
    // The brackets of violations and of advisories, each one path.
    let mut brackets = [String::new(), String::new()];
    for f in view.t.flags.iter().filter(|f| days.contains(&f.from.day)) {
        let kind = match f.severity {
            Severity::Violation => 0,
            Severity::Advisory => 1,
        };
        let (fx, fy) = point(f.from);
        let d = match f.to {
            Some(to) if days.contains(&to.day) && y_of(to.day) == y_of(f.from.day) => {
                let (tx, ty) = point(to);
                let under = fy.max(ty) + 3.0;
                format!("M{fx:.1} {fy:.1}V{under:.1}H{tx:.1}V{ty:.1}")
            }
            Some(to) => {
                // The pair crosses rows: a stub out of each session.
                let mut d = format!("M{fx:.1} {fy:.1}v3H{:.1}", x_of(f.from.day, 24.0) + 2.0);
                if days.contains(&to.day) {
                    let (tx, ty) = point(to);
                    let _ = write!(
                        d,
                        "M{:.1} {:.1}H{tx:.1}V{ty:.1}",
                        x_of(to.day, 0.0) - 2.0,
                        ty + 3.0
                    );
                }
                d
            }
            None => format!("M{:.1} {:.1}h3v3h-3z", fx - 1.5, fy + 1.0),
        };
        brackets[kind].push_str(&d);
    }
    for (class, d) in ["fv", "fa"].iter().zip(brackets) {
        if !d.is_empty() {
            let _ = write!(s, r#"<path class="{class}" d="{d}"/>"#);
        }
    }
    for (k, list) in view.day_codes().iter().enumerate() {
        let day = days.start + k;
        let left = LABEL_W + (day % 7) as f64 * CELL_W + 2.0;
        let y = y_of(day) + TEXT_BASELINE;
        let mut end = left + CELL_W - 4.0;
        if let Some(text) = view.day_load(day) {
            let _ = write!(s, r#"<text class="ld" x="{end}" y="{y}">{text}</text>"#);
            end -= CHAR_W * text.len() as f64 + 3.0;
        }
        push_codes(s, list, (left, y), end);
    }
}

/// A day's flag codes from `at` rightwards, bold for violations; those
/// that would reach past `end` (the day's load) are counted as `+n`.
fn push_codes(s: &mut String, list: &[(Rule, Severity, usize)], at: (f64, f64), end: f64) {
    let (mut x, y) = at;
    for (i, (rule, severity, n)) in list.iter().enumerate() {
        let code = rule_code(*rule);
        let text = match n {
            1 => code.to_string(),
            n => format!("{code}×{n}"),
        };
        let width = CHAR_W * text.chars().count() as f64;
        let more = if i + 1 == list.len() {
            0.0
        } else {
            3.0 * CHAR_W
        };
        if x + width + more > end {
            let _ = write!(s, r#"<text x="{x:.1}" y="{y}">+{}</text>"#, list.len() - i);
            return;
        }
        let bold = if *severity == Severity::Violation {
            r#" class="cv""#
        } else {
            ""
        };
        let _ = write!(s, r#"<text{bold} x="{x:.1}" y="{y}">{text}</text>"#);
        x += width + 3.0;
    }
}

/// Text made safe inside SVG or HTML markup and attribute values (maud's
/// escaping, as the rest of the HTML report's).
pub(crate) fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = maud::Escaper::new(&mut out).write_str(text);
    out
}

#[cfg(test)]
mod tests {
    use super::super::super::fixture::season;
    use super::*;

    #[test]
    fn web_timeline_draws_each_session_flag_code_and_load() {
        let s = season();
        let t = Timeline::new(&s.frame, &s.audit, 0);
        let svgs = t.web_svgs("t0");
        assert_eq!(svgs.len(), t.pages());
        let svg = &svgs[0];
        assert!(svg.starts_with(r#"<svg class="tl" viewBox="0 0 554 112" role="img" aria-labelledby="t0-1-t"><title id="t0-1-t">Timeline of athlete A1, 2026-W10 to 2026-W12"#), "{svg}");
        // Each bar one rectangle of its colour's path.
        assert_eq!(svg.matches("z").count(), t.bars.len());
        let brackets: usize = ["fv", "fa"]
            .iter()
            .filter_map(|c| svg.split(&format!(r#"<path class="{c}" d=""#)).nth(1))
            .map(|d| d[..d.find('"').unwrap()].matches('M').count())
            .sum();
        assert_eq!(brackets, t.flags.len());
        assert!(
            svg.contains(r#"<text class="cv""#) && svg.contains(">MIN<"),
            "{svg}"
        );
        let (_, au) = t.loads[0];
        let au = crate::model::round_whole_as_tables(au);
        assert!(svg.contains(&format!(">{au}</text>")));
        // Three week rows, each a use of the page's drawn row.
        assert_eq!(svg.matches("<use href=\"#tl-row\"").count(), 3);
        assert!(web_defs().contains(r#"<g id="tl-row">"#));
        assert!(svg.len() < 4_000, "{} bytes", svg.len());
    }

    #[test]
    fn exempt_athlete_web_timeline_says_why_on_grey_days() {
        let s = season();
        let t = Timeline::new(&s.frame, &s.audit, 2);
        let svg = &t.web_svgs("t2")[0];
        assert!(svg.contains("; exempt by status (recreational)"), "{svg}");
        assert!(svg.contains(r##"<use href="#tl-row-x""##));
        assert!(!svg.contains("<path class=\"f"));
    }

    #[test]
    fn codes_a_crowded_day_has_no_room_for_are_counted() {
        let list = [
            (Rule::SpacingMin, Severity::Violation, 2),
            (Rule::SpacingPreferred, Severity::Advisory, 1),
            (Rule::Order, Severity::Violation, 1),
        ];
        let mut roomy = String::new();
        push_codes(&mut roomy, &list, (0.0, 10.0), 200.0);
        assert!(
            roomy.contains(r#"<text class="cv" x="0.0" y="10">MIN×2</text>"#),
            "{roomy}"
        );
        assert!(
            roomy.contains(">PREF<") && roomy.contains(">ORD<"),
            "{roomy}"
        );
        let mut crowded = String::new();
        push_codes(&mut crowded, &list, (0.0, 10.0), 60.0);
        assert!(crowded.contains(">MIN×2<"), "{crowded}");
        assert!(
            crowded.contains(">+2<") && !crowded.contains("PREF"),
            "{crowded}"
        );
    }

    #[test]
    fn text_in_a_web_timeline_is_escaped() {
        assert_eq!(escape_xml("A<1> & \"B\""), "A&lt;1&gt; &amp; &quot;B&quot;");
    }
}
