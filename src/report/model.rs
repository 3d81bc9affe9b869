//! What the PDF report says, as plain values: the cover, one section per
//! group, the data-quality appendix and the glossary. Built once from the
//! audit; a group report is the same model narrowed to one group, so that
//! it names no athlete, file or note of another group. `load.rs` holds the
//! load figures and terms.

pub(crate) mod athletes;
mod chart;
mod load;

use crate::aggregate::{most_violations_first, Aggregates, Measures};
use crate::classify::Frame;
use crate::config::{Rules, Thresholds};
use crate::load::Load;
use crate::rules::Rule;
pub(crate) use chart::ChartRef;

/// How many rejected rows the appendix lists before pointing to rejected.csv.
const MAX_LISTED_REJECTIONS: usize = 40;
/// How many athletes the "most violations" table shows.
const MAX_LISTED_ATHLETES: usize = 10;

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReportModel {
    /// Title on the cover.
    pub(crate) title: String,
    /// When the report was made (`SOURCE_DATE_EPOCH` when set), shown on the cover and in the PDF's metadata.
    pub(crate) made_at: chrono::DateTime<chrono::Utc>,
    /// First and last local date of the sessions (`YYYY-MM-DD`).
    pub(crate) date_range: Option<(String, String)>,
    /// Inputs as given (empty in a group report: paths can name athletes).
    pub(crate) inputs: Vec<String>,
    /// Athletes counted.
    pub(crate) athletes: u64,
    /// Sessions counted.
    pub(crate) sessions: u64,
    /// Rejected rows and files.
    pub(crate) rejected: usize,
    /// The thresholds and scope used, one line each.
    pub(crate) rules_used: Vec<String>,
    /// The guidance in two sentences, with its reference.
    pub(crate) guidance: Vec<String>,
    /// One section per group, by name.
    pub(crate) groups: Vec<GroupSection>,
    /// Data-quality appendix.
    pub(crate) quality: QualityAppendix,
    /// Rule name and its definition with the thresholds used.
    pub(crate) glossary: Vec<(String, String)>,
}

/// A group's section.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GroupSection {
    /// Group name.
    pub(crate) name: String,
    /// Label and value of each key figure.
    pub(crate) key_figures: Vec<(String, String)>,
    /// Said under the key figures: the ACWR describes, it does not predict.
    pub(crate) load_note: String,
    /// The athletes with most violations: id, status, violations, advisories, compliance.
    pub(crate) top_athletes: Vec<[String; 5]>,
}

/// The data-quality appendix.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct QualityAppendix {
    /// Rejected rows listed (file, line, reason), at most a few dozen.
    pub(crate) rejected: Vec<[String; 3]>,
    /// Rejected rows not listed.
    pub(crate) rejected_more: usize,
    /// Per kind of note: rows and athletes named, as data_quality_summary.csv.
    pub(crate) note_counts: Vec<(String, u64, u64)>,
    /// Notes worth reading one by one (unknown sports, not in roster, duplicates): kind and detail.
    pub(crate) notes: Vec<(String, String)>,
}

/// Format a number of hours or a percentage with one decimal, or a dash.
fn one_decimal(value: Option<f64>, unit: &str) -> String {
    value.map_or("-".to_string(), |v| format!("{v:.1}{unit}"))
}

/// Builds the model of the full report, made at `made_at`.
pub(crate) fn build(
    frame: &Frame,
    agg: &Aggregates,
    training_load: &Load,
    rules: &Rules,
    inputs: &[String],
    made_at: chrono::DateTime<chrono::Utc>,
) -> ReportModel {
    let t = &rules.thresholds;
    let dates = frame.sessions.iter().map(|s| s.local_date());
    let date_range = dates
        .clone()
        .min()
        .zip(dates.max())
        .map(|(a, b)| (a.to_string(), b.to_string()));
    let scope: Vec<&str> = rules.scope.iter().map(|s| s.as_str()).collect();
    ReportModel {
        title: "Concurrent-training audit".into(),
        made_at,
        date_range,
        inputs: inputs.to_vec(),
        athletes: agg.all.athletes,
        sessions: agg.all.sessions,
        rejected: frame.rejected.len(),
        rules_used: vec![
            format!(
                "Minimum gap between strength and endurance: {} h ({} h with power focus)",
                t.min_gap_h, t.power_min_gap_h
            ),
            format!(
                "Preferred gap: {} h; pairs closer than this are concurrent",
                t.preferred_gap_h
            ),
            format!(
                "One session: at most {} min between the two",
                t.same_session_max_gap_min
            ),
            format!(
                "Warm-up: endurance of at most {} min just before strength",
                t.warmup_max_min
            ),
            format!(
                "Rules apply to statuses: {} (others are exempt: counted, not flagged)",
                scope.join(", ")
            ),
        ],
        guidance: guidance(t),
        groups: agg
            .groups
            .iter()
            .map(|(name, m)| {
                let mut section = group_section(frame, agg, name, m);
                section
                    .key_figures
                    .extend(load::key_figures(training_load, name));
                section
            })
            .collect(),
        quality: quality(frame, None),
        glossary: glossary(rules)
            .into_iter()
            .chain(load::glossary())
            .collect(),
    }
}

/// What the review says, in its own figures (RULES.md section 1), whatever
/// thresholds this run used; a run with other gaps says so and points to
/// them, so that no figure of a rules file is credited to the review.
fn guidance(t: &Thresholds) -> Vec<String> {
    let review = Thresholds::default();
    let mut guidance = vec![
        format!(
            "Well-trained athletes should plan at least {} h, preferably {} h, between strength and endurance sessions; when both share a session, strength comes first, and strength training to failure is best avoided.",
            review.min_gap_h, review.preferred_gap_h
        ),
        "Untrained, moderately trained and older people show little or no interference, often synergy. Source: Ferguson et al. (2025), narrative review on concurrent strength and endurance training; Schumann et al. (2022), Sports Medicine.".into(),
    ];
    if (t.min_gap_h, t.preferred_gap_h) != (review.min_gap_h, review.preferred_gap_h) {
        guidance.push(format!(
            "This audit uses a rules file with other gaps than the review's: at least {} h, preferably {} h (see the rules and thresholds used).",
            t.min_gap_h, t.preferred_gap_h
        ));
    }
    guidance
}

/// Strength compliance with its base: 100 % of 50 timed sessions out of
/// 1,869 says something else than 100 % of all of them.
fn compliance_text(m: &Measures) -> String {
    let pct = one_decimal(m.strength_compliance_pct(), " %");
    match (m.timed_strength_in_scope, m.strength_in_scope) {
        (0, _) => pct,
        (timed, all) if timed == all => format!("{pct} of {all} in-scope strength sessions"),
        (timed, all) => {
            format!("{pct} of {timed} with a time of day (of {all} in-scope strength sessions)")
        }
    }
}

/// The athletes of `group` the report lists (indices into the frame's
/// athletes): those with violations, most first (then in id order), at most
/// `MAX_LISTED_ATHLETES`. Their timelines follow the list in the PDF.
pub(crate) fn most_violations(frame: &Frame, agg: &Aggregates, group: &str) -> Vec<usize> {
    let mut athletes: Vec<usize> = (0..frame.athletes.len())
        .filter(|&i| frame.athletes[i].group == group && agg.athletes[i].violations > 0)
        .collect();
    most_violations_first(&mut athletes, |i| agg.athletes[i].violations);
    athletes.truncate(MAX_LISTED_ATHLETES);
    athletes
}

fn group_section(frame: &Frame, agg: &Aggregates, name: &str, m: &Measures) -> GroupSection {
    let count = |label: &str, v: u64| (label.to_string(), v.to_string());
    let mut key_figures = vec![
        (
            "Athletes (in scope)".to_string(),
            format!("{} ({})", m.athletes, m.athletes_in_scope),
        ),
        count("Sessions", m.sessions),
        count("Strength sessions", m.strength_sessions),
        count("Endurance sessions (warm-ups apart)", m.endurance_sessions),
        count("Warm-ups", m.warmups),
        count("Concurrent pairs (in scope)", m.concurrent_pairs),
        count("Violations", m.violations),
        count("Advisories", m.advisories),
        ("Strength compliance".into(), compliance_text(m)),
        (
            "Median nearest endurance gap".into(),
            one_decimal(m.median_nearest_gap_h(), " h"),
        ),
        count("Pairs of exempt athletes", m.exempt_concurrent_pairs),
        (
            "Failure rule checkable".into(),
            format!(
                "for {} of {} in-scope strength sessions",
                m.failure_known_strength_sessions, m.strength_in_scope
            ),
        ),
    ];
    for rule in Rule::ALL {
        key_figures.push((format!("Flags: {rule}"), m.rule_count(rule).to_string()));
    }
    let top_athletes = most_violations(frame, agg, name)
        .into_iter()
        .map(|i| {
            let (a, m) = (&frame.athletes[i], &agg.athletes[i]);
            [
                a.athlete_id.clone(),
                a.status.to_string(),
                m.violations.to_string(),
                m.advisories.to_string(),
                one_decimal(m.strength_compliance_pct(), " %"),
            ]
        })
        .collect();
    GroupSection {
        name: name.to_string(),
        key_figures,
        load_note: load::ACWR_NOTE.to_string(),
        top_athletes,
    }
}

/// The appendix; with `group`, only notes about that group's athletes.
fn quality(frame: &Frame, group: Option<&str>) -> QualityAppendix {
    // Looked up once per note: a set, not a scan of every athlete.
    let with_sessions = frame.athletes.iter().map(|a| (&a.athlete_id, &a.group));
    let without = frame.without_sessions.iter().map(|(id, group)| (id, group));
    let members: std::collections::HashSet<&str> = with_sessions
        .chain(without)
        .filter(|(_, g)| Some(g.as_str()) == group)
        .map(|(id, _)| id.as_str())
        .collect();
    let notes: Vec<&crate::model::Note> = frame
        .notes
        .iter()
        .filter(|n| group.is_none() || members.contains(n.athlete_id.as_str()))
        .collect();
    let listed = [
        "not_in_roster",
        "unknown_sport",
        "duplicate_session_id",
        "duplicate_activity",
    ];
    let mut appendix = QualityAppendix {
        note_counts: crate::model::quality_counts(notes.iter().copied())
            .into_iter()
            .map(|(kind, rows, athletes)| (kind.to_string(), rows, athletes))
            .collect(),
        notes: notes
            .iter()
            .filter(|n| listed.contains(&n.kind))
            .take(MAX_LISTED_REJECTIONS)
            .map(|n| (n.kind.to_string(), note_text(n)))
            .collect(),
        ..QualityAppendix::default()
    };
    if group.is_none() {
        appendix.rejected = frame
            .rejected
            .iter()
            .take(MAX_LISTED_REJECTIONS)
            .map(|r| {
                [
                    r.source_file.clone(),
                    if r.line > 0 {
                        r.line.to_string()
                    } else {
                        String::new()
                    },
                    r.reason.clone(),
                ]
            })
            .collect();
        appendix.rejected_more = frame.rejected.len().saturating_sub(MAX_LISTED_REJECTIONS);
    }
    appendix
}

fn note_text(n: &crate::model::Note) -> String {
    let who = [n.athlete_id.as_str(), n.session_id.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" / ");
    if who.is_empty() {
        n.detail.clone()
    } else {
        format!("{who}: {}", n.detail)
    }
}

fn glossary(rules: &Rules) -> Vec<(String, String)> {
    let t = &rules.thresholds;
    let same = t.same_session_max_gap_min;
    [
        (Rule::Order, format!("Endurance, then strength within {same} min: the strength work suffers. Violation.")),
        (Rule::CombinedSession, format!("Strength, then endurance within {same} min: the recommended order. Advisory; a violation for power-focus athletes.")),
        (Rule::SpacingMin, format!("Gap under {} h ({} h with power focus). Violation.", t.min_gap_h, t.power_min_gap_h)),
        (Rule::SpacingPreferred, format!("Gap of at least the minimum but under {} h. Advisory.", t.preferred_gap_h)),
        (Rule::SameDayUnknownTime, "Strength and endurance on the same date, at least one logged without a time of day: spacing cannot be checked. Advisory.".into()),
        (Rule::ToFailure, format!("Strength to failure: a violation when endurance follows within {} h, else an advisory.", t.preferred_gap_h)),
    ]
    .into_iter()
    .map(|(r, d)| (r.to_string(), d))
    .chain([
        ("warm-up".to_string(), format!("Endurance of at most {} min ending at most {same} min before strength: preparation, never paired.", t.warmup_max_min)),
        ("compliance".to_string(), "Share of in-scope strength sessions with a time of day that take part in no violating pair.".into()),
        ("nearest gap".to_string(), "Hours from a strength session to the closest endurance session before or after it (within 7 days).".into()),
        ("segment".to_string(), "Part of a gym-app workout done in one modality, in the app's order (treadmill, then squats: two segments). Each is a session; the workout's time is shared among them, and two segments in a row are one session's pair.".into()),
        ("circuit".to_string(), "A gym workout alternating strength and endurance more than three times: one mixed session, never paired.".into()),
        ("failure evidence".to_string(), format!("A working set marked as a failure set, at RPE {} or more, or with 0 repetitions in reserve. A strength session with none, and an RPE or RIR on every working set, is known not to go to failure; otherwise it is unknown (no export but a gym app's says).", t.failure_min_rpe)),
        ("exempt".to_string(), exempt_text(rules.exempt_from_age)),
    ])
    .collect()
}

/// Who is exempt, in words.
fn exempt_text(exempt_from_age: u32) -> String {
    let age = if exempt_from_age > 0 {
        format!(
            ", or who are at least {exempt_from_age} years old on the date of their first session"
        )
    } else {
        String::new()
    };
    format!("Athletes whose status is outside the rules' scope{age}: their pairs are counted, never flagged.")
}

impl ReportModel {
    /// The same report narrowed to one group: its section, its athletes' notes, no input paths.
    pub(crate) fn for_group(&self, frame: &Frame, group: &str) -> ReportModel {
        let section = self.groups.iter().find(|g| g.name == group).cloned();
        let athletes: u64 = frame.athletes.iter().filter(|a| a.group == group).count() as u64;
        let sessions = frame
            .sessions
            .iter()
            .filter(|s| frame.athletes[s.athlete as usize].group == group)
            .count() as u64;
        ReportModel {
            title: format!("{} — group {group}", self.title),
            inputs: Vec::new(),
            athletes,
            sessions,
            groups: section.into_iter().collect(),
            quality: quality(frame, Some(group)),
            ..self.clone()
        }
    }
}

#[cfg(test)]
pub(super) mod tests;
