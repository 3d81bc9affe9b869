//! `timeline-<athlete>`: one athlete's audited span, one row per ISO week
//! and seven day columns (Monday first), each day a 0-24 h track of its
//! sessions at their local start and length, coloured by modality;
//! date-only sessions in a band under the track; each flag a bracket in its
//! severity colour with the rule's code in text; the day's sRPE load as a
//! number. `WEEKS_PER_PAGE` weeks per chart: a longer span makes several.

use chrono::{Datelike, Duration, NaiveDate, Timelike};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::chart::{DrawResult, Plot};
use super::style::{
    anchored, text_width, LegendItem, Mark, Page, Style, ADVISORY, BLUE, BLUISH_GREEN, GRID, INK,
    PANEL, VIOLATION,
};
use super::view::Empty;
use crate::aggregate::iso_week_label;
use crate::classify::{ExemptReason, Frame};
use crate::model::{local_datetime, Modality};
use crate::rules::{Audit, Rule, Severity};

/// Weeks drawn on one chart (a half year on one A4 page).
pub(super) const WEEKS_PER_PAGE: usize = 26;
/// Size of a timeline chart at SVG scale: portrait, to fill a page.
pub(super) const SIZE: (u32, u32) = (800, 1060);
/// Smallest text, at SVG scale (7.5 pt on A4, where 800 px are 483 pt).
const SMALL: f64 = 12.5;
/// Longest stretch a session is drawn over (a bad record stays one bar).
const MAX_HOURS: f64 = 48.0;
/// Colour of warm-ups: bluish green, lightened.
const WARMUP: RGBColor = RGBColor(0x99, 0xD8, 0xC7);
/// Colour of mixed and other sessions (as in the load chart).
const OTHER: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);

/// The colour and legend name of a modality.
fn modality_colour(m: Modality) -> RGBColor {
    match m {
        Modality::Strength => BLUE,
        Modality::Endurance => BLUISH_GREEN,
        Modality::Warmup => WARMUP,
        Modality::Mixed | Modality::Other => OTHER,
    }
}

/// The short code of a rule drawn at its flags (the footnote explains each).
pub(super) fn rule_code(rule: Rule) -> &'static str {
    match rule {
        Rule::Order => "ORD",
        Rule::CombinedSession => "CMB",
        Rule::SpacingMin => "MIN",
        Rule::SpacingPreferred => "PREF",
        Rule::SameDayUnknownTime => "DAY",
        Rule::ToFailure => "FAIL",
    }
}

/// A piece of a session on one day: hours from local midnight.
#[derive(Debug, Clone, PartialEq)]
struct Bar {
    /// Days since the first Monday.
    day: usize,
    from_h: f64,
    to_h: f64,
    modality: Modality,
    /// No time of day: drawn in the band, `from_h..to_h` is its place there.
    date_only: bool,
}

/// Where a flag touches a session: day, hour, and whether in the band.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Anchor {
    day: usize,
    hour: f64,
    band: bool,
}

/// A flag between two sessions (or at one, for to_failure).
#[derive(Debug, Clone, PartialEq)]
struct FlagMark {
    rule: Rule,
    severity: Severity,
    from: Anchor,
    to: Option<Anchor>,
}

/// One athlete's timeline over its whole span.
pub(super) struct Timeline {
    athlete: String,
    group: String,
    /// Why the athlete is exempt, in words.
    exempt: Option<String>,
    first_monday: NaiveDate,
    weeks: usize,
    bars: Vec<Bar>,
    flags: Vec<FlagMark>,
    /// Days since the first Monday and the day's known load (AU).
    loads: Vec<(usize, f64)>,
    sessions: usize,
}

impl Timeline {
    /// Athlete `a` of the frame with its flags (the audit's flags are in
    /// athlete order, so its flags are one run of them).
    pub(super) fn new(frame: &Frame, audit: &Audit, a: usize) -> Self {
        let info = &frame.athletes[a];
        let range = frame.ranges[a].clone();
        let sessions = &frame.sessions[range.clone()];
        let first_date = sessions
            .iter()
            .map(|s| s.local_date())
            .min()
            .unwrap_or_default();
        let last_date = sessions
            .iter()
            .map(|s| s.local_date())
            .max()
            .unwrap_or(first_date);
        let first_monday =
            first_date - Duration::days(i64::from(first_date.weekday().num_days_from_monday()));
        let day_of = |d: NaiveDate| (d - first_monday).num_days().max(0) as usize;
        let weeks = day_of(last_date) / 7 + 1;
        let mut bars = Vec::new();
        let mut band_used: Vec<f64> = vec![0.0; weeks * 7];
        let mut anchors: Vec<(Anchor, Anchor)> = Vec::with_capacity(sessions.len());
        for s in sessions {
            let hours = (s.duration_s / 3600.0).clamp(0.0, MAX_HOURS);
            if s.date_only {
                let day = day_of(s.local_date());
                let from = band_used[day].min(24.0);
                let to = (from + hours.max(0.25)).min(24.0);
                band_used[day] = to;
                bars.push(Bar {
                    day,
                    from_h: from,
                    to_h: to,
                    modality: s.modality,
                    date_only: true,
                });
                let at = |hour| Anchor {
                    day,
                    hour,
                    band: true,
                };
                anchors.push((at(from), at(to)));
                continue;
            }
            let local = local_datetime(s.start_us, s.offset_s);
            let mut day = day_of(local.date());
            let start_h = f64::from(local.time().num_seconds_from_midnight()) / 3600.0;
            let start = Anchor {
                day,
                hour: start_h,
                band: false,
            };
            let (mut from, mut left) = (start_h, hours);
            let end = loop {
                let to = (from + left).min(24.0);
                if day < weeks * 7 {
                    bars.push(Bar {
                        day,
                        from_h: from,
                        to_h: to,
                        modality: s.modality,
                        date_only: false,
                    });
                }
                left -= to - from;
                if left <= 1e-9 || day + 1 >= weeks * 7 {
                    break Anchor {
                        day,
                        hour: to,
                        band: false,
                    };
                }
                day += 1;
                from = 0.0;
            };
            anchors.push((start, end));
        }
        let lo = audit.flags.partition_point(|f| f.first() < range.start);
        let hi = audit.flags.partition_point(|f| f.first() < range.end);
        let flags = audit.flags[lo..hi]
            .iter()
            .filter(|f| range.contains(&f.first()))
            .map(|f| {
                let first = anchors[f.first() - range.start];
                let second = f
                    .second()
                    .filter(|j| range.contains(j))
                    .map(|j| anchors[j - range.start]);
                FlagMark {
                    rule: f.rule,
                    severity: f.severity,
                    // A pair runs from the first's end to the second's start.
                    from: if second.is_some() { first.1 } else { first.0 },
                    to: second.map(|s| s.0),
                }
            })
            .collect();
        let first_day = first_monday
            .signed_duration_since(NaiveDate::default())
            .num_days();
        let loads = crate::load::athlete_days(frame, a)
            .iter()
            .filter_map(|d| {
                // Rest days and days without any RPE show no number.
                if d.sessions == 0 || d.without_rpe == d.sessions {
                    return None;
                }
                let at = usize::try_from(d.day - first_day).ok()?;
                d.total_au().map(|au| (at, au))
            })
            .collect();
        let exempt = (!info.in_scope).then(|| match info.exempt_reason {
            Some(ExemptReason::Age) => {
                "exempt by age: the rules do not apply, so no flags are shown".to_string()
            }
            _ => format!(
                "exempt by status ({}): the rules do not apply, so no flags are shown",
                info.status
            ),
        });
        Timeline {
            athlete: info.athlete_id.clone(),
            group: info.group.clone(),
            exempt,
            first_monday,
            weeks,
            bars,
            flags,
            loads,
            sessions: sessions.len(),
        }
    }

    /// How many charts the span needs.
    pub(super) fn pages(&self) -> usize {
        self.weeks.div_ceil(WEEKS_PER_PAGE).max(1)
    }

    /// Page `page` (from 0) of the timeline.
    pub(super) fn page(&self, page: usize) -> TimelinePage<'_> {
        TimelinePage { t: self, page }
    }
}

/// One chart of a timeline: `WEEKS_PER_PAGE` weeks from week `page * WEEKS_PER_PAGE`.
pub(super) struct TimelinePage<'a> {
    t: &'a Timeline,
    page: usize,
}

impl TimelinePage<'_> {
    fn week_range(&self) -> std::ops::Range<usize> {
        let from = self.page * WEEKS_PER_PAGE;
        from..(from + WEEKS_PER_PAGE).min(self.t.weeks)
    }

    fn days(&self) -> std::ops::Range<usize> {
        let w = self.week_range();
        w.start * 7..w.end * 7
    }
}

impl Plot for TimelinePage<'_> {
    fn layout(&self) -> Page {
        let t = self.t;
        let weeks = self.week_range();
        let monday = |w: usize| t.first_monday + Duration::days(7 * w as i64);
        let pages = t.pages();
        let part = if pages > 1 {
            format!(" ({} of {pages})", self.page + 1)
        } else {
            String::new()
        };
        let count = |s: Severity| t.flags.iter().filter(|f| f.severity == s).count();
        let flags = match &t.exempt {
            Some(why) => why.clone(),
            None => format!(
                "{} violations, {} advisories over the span",
                count(Severity::Violation),
                count(Severity::Advisory)
            ),
        };
        let mut legend = vec![
            LegendItem::new(Mark::Swatch(BLUE), "Strength"),
            LegendItem::new(Mark::Swatch(BLUISH_GREEN), "Endurance"),
            LegendItem::new(Mark::Swatch(WARMUP), "Warm-up"),
            LegendItem::new(Mark::Swatch(OTHER), "Other or mixed"),
        ];
        if t.exempt.is_none() {
            legend.push(LegendItem::new(
                Mark::LineDot(VIOLATION),
                "Violation (bold code)",
            ));
            legend.push(LegendItem::new(Mark::LineDot(ADVISORY), "Advisory"));
        }
        Page {
            title: format!("Timeline — athlete {} ({}){part}", t.athlete, t.group),
            subtitle: format!(
                "{} to {} · {} sessions over {} weeks · {flags}",
                iso_week_label(monday(weeks.start)),
                iso_week_label(monday(weeks.end - 1)),
                t.sessions,
                t.weeks,
            ),
            legend,
            footnote: Some(
                "Each day spans 00–24 h local time (grid at 06, 12, 18 h); sessions without a time \
                 of day sit in the hatched band under it. The number is the day's sRPE load (AU) where an RPE is known. \
                 Flag codes: ORD order, CMB combined_session, MIN spacing_min, PREF \
                 spacing_preferred, DAY same_day_unknown_time, FAIL to_failure; a bracket joins \
                 the pair; +n counts the codes a crowded day has no room for."
                    .into(),
            ),
        }
    }

    fn why_empty(&self) -> Option<&Empty> {
        None
    }

    fn draw_body<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        body: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> DrawResult<DB> {
        let t = self.t;
        let (w, h) = body.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        let small = st.text(SMALL);
        let label_w = text_width(root, "2026-W00", &small)? + st.px(8.0);
        let header = st.line_height(SMALL) + st.px(2.0);
        let cell_w = (w - label_w) / 7;
        let row_h = (h - header) / WEEKS_PER_PAGE as i32;
        let track = (row_h as f64 * 0.34) as i32;
        let band = (row_h as f64 * 0.14) as i32;
        let text_top = st.px(2.0) + track + band + st.px(1.0);
        let days = self.days();
        let x_of = |day: usize, hour: f64| {
            let col = (day % 7) as i32;
            label_w
                + col * cell_w
                + st.px(2.0)
                + ((cell_w - st.px(4.0)) as f64 * hour / 24.0) as i32
        };
        let y_of = |day: usize| header + ((day - days.start) / 7) as i32 * row_h;
        let centre = anchored(&small, HPos::Center, VPos::Top);
        for (k, name) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            .iter()
            .enumerate()
        {
            body.draw_text(name, &centre, (label_w + k as i32 * cell_w + cell_w / 2, 0))?;
        }
        for (r, week) in self.week_range().enumerate() {
            let y = header + r as i32 * row_h;
            let monday = t.first_monday + Duration::days(7 * week as i64);
            body.draw_text(
                &iso_week_label(monday),
                &st.muted(SMALL),
                (0, y + st.px(2.0)),
            )?;
            for col in 0..7 {
                let x = label_w + col * cell_w;
                let cell = [(x, y), (x + cell_w, y + row_h)];
                if t.exempt.is_some() {
                    body.draw(&Rectangle::new(cell, PANEL.filled()))?;
                }
                body.draw(&Rectangle::new(cell, st.stroke(GRID, 1.0)))?;
                let day = week * 7 + col as usize;
                for q in [6.0, 12.0, 18.0] {
                    let gx = x_of(day, q);
                    body.draw(&PathElement::new(
                        vec![(gx, y + st.px(2.0)), (gx, y + st.px(2.0) + track)],
                        st.stroke(GRID, 1.0),
                    ))?;
                }
                // The band of sessions without a time of day, hatched.
                let by = y + st.px(2.0) + track + st.px(1.0);
                let mut hx = x + st.px(2.0);
                while hx < x + cell_w - st.px(2.0) {
                    body.draw(&PathElement::new(
                        vec![(hx, by + band), (hx + band, by)],
                        st.stroke(GRID, 1.0),
                    ))?;
                    hx += st.px(5.0);
                }
            }
        }
        for bar in t.bars.iter().filter(|b| days.contains(&b.day)) {
            let y = y_of(bar.day) + st.px(2.0);
            let (top, bottom) = if bar.date_only {
                (y + track + st.px(1.0), y + track + st.px(1.0) + band)
            } else {
                (y, y + track)
            };
            let (x0, x1) = (x_of(bar.day, bar.from_h), x_of(bar.day, bar.to_h));
            let corners = [(x0, top), ((x1).max(x0 + st.px(2.0)), bottom)];
            body.draw(&Rectangle::new(
                corners,
                modality_colour(bar.modality).filled(),
            ))?;
            if bar.date_only {
                body.draw(&Rectangle::new(corners, st.stroke(INK, 0.5)))?;
            }
        }
        let point = |a: Anchor| {
            let y = y_of(a.day) + st.px(2.0);
            let y = if a.band { y + track + band } else { y + track };
            (x_of(a.day, a.hour), y)
        };
        // Per day: the codes of the flags whose first session is on it.
        let mut codes: Vec<Vec<(Rule, Severity, usize)>> = vec![Vec::new(); days.len()];
        for f in t.flags.iter().filter(|f| days.contains(&f.from.day)) {
            let colour = match f.severity {
                Severity::Violation => VIOLATION,
                Severity::Advisory => ADVISORY,
            };
            let stroke = st.stroke(colour, 2.0);
            let (fx, fy) = point(f.from);
            let low = |y: i32| y + st.px(3.0);
            match f.to {
                Some(to) if days.contains(&to.day) && y_of(to.day) == y_of(f.from.day) => {
                    let (tx, ty) = point(to);
                    let under = low(fy.max(ty));
                    body.draw(&PathElement::new(
                        vec![(fx, fy), (fx, under), (tx, under), (tx, ty)],
                        stroke,
                    ))?;
                }
                Some(to) => {
                    // The pair crosses rows: a stub out of each session.
                    let edge = x_of(f.from.day, 24.0) + st.px(2.0);
                    body.draw(&PathElement::new(
                        vec![(fx, fy), (fx, low(fy)), (edge, low(fy))],
                        stroke,
                    ))?;
                    if days.contains(&to.day) {
                        let (tx, ty) = point(to);
                        let edge = x_of(to.day, 0.0) - st.px(2.0);
                        body.draw(&PathElement::new(
                            vec![(edge, low(ty)), (tx, low(ty)), (tx, ty)],
                            stroke,
                        ))?;
                    }
                }
                None => {
                    body.draw(&Circle::new((fx, low(fy)), st.px(2.5), colour.filled()))?;
                }
            }
            let list = &mut codes[f.from.day - days.start];
            match list
                .iter_mut()
                .find(|(r, s, _)| *r == f.rule && *s == f.severity)
            {
                Some(entry) => entry.2 += 1,
                None => list.push((f.rule, f.severity, 1)),
            }
        }
        let right = anchored(&st.muted(SMALL), HPos::Right, VPos::Top);
        for (k, list) in codes.iter().enumerate() {
            let day = days.start + k;
            let (left, y) = (label_w + (day % 7) as i32 * cell_w, y_of(day) + text_top);
            let load = t.loads.iter().find(|(d, _)| *d == day);
            let load = load.map(|(_, au)| format!("{au:.0}"));
            let mut end = left + cell_w - st.px(2.0);
            if let Some(text) = &load {
                body.draw_text(text, &right, (end, y))?;
                end -= text_width(root, text, &st.muted(SMALL))? + st.px(3.0);
            }
            draw_codes(root, body, st, list, (left, y), end)?;
        }
        Ok(())
    }
}

/// A day's flag codes from `at` rightwards, bold for violations; those
/// that would reach past `end` (the load number) are counted as "+n".
fn draw_codes<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    body: &DrawingArea<DB, Shift>,
    st: &Style,
    list: &[(Rule, Severity, usize)],
    at: (i32, i32),
    end: i32,
) -> DrawResult<DB> {
    let (mut x, y) = at;
    let gap = st.px(3.0);
    for (i, (rule, severity, n)) in list.iter().enumerate() {
        let text = match n {
            1 => rule_code(*rule).to_string(),
            n => format!("{}×{n}", rule_code(*rule)),
        };
        let style = match severity {
            Severity::Violation => st.bold(SMALL),
            Severity::Advisory => st.text(SMALL),
        };
        let width = text_width(root, &text, &style)?;
        let rest = list.len() - i - 1;
        let more = match rest {
            0 => 0,
            _ => text_width(root, &format!("+{rest}"), &st.text(SMALL))? + gap,
        };
        if x + width + more > end {
            let more = format!("+{}", list.len() - i);
            return body.draw_text(&more, &st.text(SMALL), (x, y));
        }
        body.draw_text(&text, &style, (x, y))?;
        x += width + gap;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::chart::render_sized;
    use super::super::fixture::{count_tag, decode_png, season, words};
    use super::*;
    use crate::classify::AthleteInfo;
    use crate::config::Thresholds;
    use crate::model::Status;
    use crate::rules::evaluate;
    use crate::test_support::session;

    fn draw(t: &Timeline, page: usize) -> super::super::Chart {
        render_sized("timeline", Some("g"), &t.page(page), true, SIZE).unwrap()
    }

    #[test]
    fn flagged_athlete_shows_sessions_flags_codes_and_load() {
        let s = season();
        let t = Timeline::new(&s.frame, &s.audit, 0);
        assert_eq!((t.weeks, t.pages()), (3, 1));
        assert_eq!(t.first_monday, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        // Strength at 08:00 for 1 h on the first Monday.
        assert_eq!(
            (t.bars[0].day, t.bars[0].from_h, t.bars[0].to_h),
            (0, 8.0, 9.0)
        );
        assert!(t
            .flags
            .iter()
            .any(|f| f.rule == Rule::SpacingMin && f.to.is_some()));
        assert!(!t.loads.is_empty());
        let chart = draw(&t, 0);
        let all = words(&chart);
        for text in [
            "Timeline — athlete A1 (g)",
            "2026-W10",
            "Mon",
            "Sun",
            "MIN",
            "spacing_min",
        ] {
            assert!(all.contains(text), "lacks {text:?} in {all:?}");
        }
        assert!(count_tag(&chart, "polyline") >= 2, "no flag brackets");
        assert_eq!(decode_png(&chart.png), (2400, 3180));
        assert!(chart.svg.contains(r#"width="800" height="1060""#));
    }

    #[test]
    fn exempt_athlete_says_why_and_shows_no_flags() {
        let s = season();
        let t = Timeline::new(&s.frame, &s.audit, 2);
        assert!(t.flags.is_empty());
        let all = words(&draw(&t, 0));
        assert!(all.contains("exempt by status (recreational)"), "{all}");
        assert!(!all.contains("violations"), "{all}");
    }

    #[test]
    fn a_year_wraps_onto_charts_of_26_weeks() {
        let info = AthleteInfo {
            athlete_id: "Y1".into(),
            group: "g".into(),
            status: Status::Trained,
            power_focus: false,
            in_scope: true,
            exempt_reason: None,
        };
        // From the Monday of 2026-W10, every other day at 17:00.
        let sessions = (0..52 * 7)
            .step_by(2)
            .map(|d| session(&format!("y{d}"), Modality::Strength, d * 1440 + 17 * 60, 90))
            .collect();
        let frame = crate::test_support::frame(vec![info], sessions);
        let audit = evaluate(&frame, &Thresholds::default());
        let t = Timeline::new(&frame, &audit, 0);
        assert_eq!((t.weeks, t.pages()), (52, 2));
        let second = words(&draw(&t, 1));
        assert!(second.contains("(2 of 2)"), "{second}");
        assert!(
            second.contains("2026-W36") && second.contains("2027-W08"),
            "{second}"
        );
        assert!(!second.contains("2026-W35"), "{second}");
    }

    #[test]
    fn session_past_midnight_continues_on_the_next_day() {
        let s = season();
        let mut frame = s.frame.clone();
        let i = frame.ranges[0].start;
        frame.sessions[i].start_us += 15 * 3_600_000_000;
        frame.sessions[i].duration_s = 2.0 * 3600.0;
        let t = Timeline::new(&frame, &s.audit, 0);
        let first: Vec<_> = t
            .bars
            .iter()
            .take(2)
            .map(|b| (b.day, b.from_h, b.to_h))
            .collect();
        assert_eq!(first, [(0, 23.0, 24.0), (1, 0.0, 1.0)]);
    }

    #[test]
    fn crowded_day_counts_the_codes_without_room_and_keeps_the_load() {
        let s = season();
        let mut t = Timeline::new(&s.frame, &s.audit, 0);
        let at = Anchor {
            day: 0,
            hour: 8.0,
            band: false,
        };
        let rules = [
            Rule::Order,
            Rule::CombinedSession,
            Rule::SpacingMin,
            Rule::SpacingPreferred,
            Rule::SameDayUnknownTime,
            Rule::ToFailure,
        ];
        t.flags = rules
            .iter()
            .map(|&rule| FlagMark {
                rule,
                severity: Severity::Advisory,
                from: at,
                to: None,
            })
            .collect();
        t.loads = vec![(0, 12345.0)];
        let all = words(&draw(&t, 0));
        // The body's text comes after the last week label.
        let body = all.split("2026-W12").last().unwrap();
        assert!(body.contains("12345"), "load lost: {body}");
        let shown = ["ORD", "CMB", "MIN", "PREF", "DAY", "FAIL"]
            .iter()
            .filter(|code| body.split_whitespace().any(|w| w == **code))
            .count();
        let more = body.split_whitespace().find_map(|w| w.strip_prefix('+'));
        let more: usize = more.expect("no +n").parse().unwrap();
        assert!(shown < 6, "all codes drawn in one cell: {body}");
        assert_eq!(shown + more, 6, "{body}");
    }
}
