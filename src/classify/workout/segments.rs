//! A workout cut into segments of one modality, in the app's order, and
//! its time shared out among them (RULES.md section 10, "Segments").

use std::ops::Range;

use compact_str::CompactString;

use crate::model::{Modality, RawSet, SetKind};

/// Consecutive rows of one modality.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Segment {
    /// Strength or endurance (mixed or other for a workout of neither).
    pub(super) modality: Modality,
    /// Its rows, `mixed` and `other` rows that joined it included.
    pub(super) rows: Range<usize>,
    /// The name of its first exercise of its own modality (the session's sport).
    pub(super) name: CompactString,
}

impl Segment {
    /// The whole workout as one segment of `modality`.
    pub(super) fn whole(sets: &[RawSet], modality: Modality) -> Segment {
        Segment {
            modality,
            rows: 0..sets.len(),
            name: sets.first().map(|s| s.exercise.clone()).unwrap_or_default(),
        }
    }
}

/// A segment's part of the workout's time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Share {
    /// Whole seconds (the last segment's ends at the workout's end).
    pub(super) seconds: f64,
    /// The length is the segment's own (its sets' durations, or the whole
    /// workout), not a share by rows.
    pub(super) known: bool,
    /// The total of its endurance sets' durations, when every one gives
    /// one (before it is fitted into the workout's time).
    pub(super) own_s: Option<f64>,
}

/// Whether a row is a set (rest-timer rows and sets not done are not).
pub(super) fn is_set(set: &RawSet) -> bool {
    !matches!(set.kind, SetKind::Rest | SetKind::NotDone)
}

/// Whether a modality makes segments (strength and endurance do).
fn cuts(m: Modality) -> bool {
    matches!(m, Modality::Strength | Modality::Endurance)
}

/// The segments of a workout whose rows have `modalities`: `mixed` and
/// `other` rows join the segment they follow (at the start, the one after
/// them); a workout of neither strength nor endurance is one segment,
/// `mixed` if any row is.
pub(super) fn split(sets: &[RawSet], modalities: &[Modality]) -> Vec<Segment> {
    let Some(first_cut) = modalities.iter().copied().find(|m| cuts(*m)) else {
        let modality = if modalities.contains(&Modality::Mixed) {
            Modality::Mixed
        } else {
            Modality::Other
        };
        return vec![Segment::whole(sets, modality)];
    };
    let mut segments: Vec<Segment> = Vec::new();
    let mut current = first_cut;
    for (row, &m) in modalities.iter().enumerate() {
        if cuts(m) {
            current = m;
        }
        match segments.last_mut() {
            Some(last) if last.modality == current => last.rows.end = row + 1,
            _ => segments.push(Segment {
                modality: current,
                rows: row..row + 1,
                name: CompactString::default(),
            }),
        }
    }
    for segment in &mut segments {
        let own = segment
            .rows
            .clone()
            .find(|&r| modalities[r] == segment.modality);
        segment.name = sets[own.unwrap_or(segment.rows.start)].exercise.clone();
    }
    segments
}

/// Shares `total_s` out among `segments` in order: an endurance segment
/// all of whose endurance sets give a duration gets their sum (never more
/// than the time left); the other segments share the rest in proportion to
/// their rows; the last ends at the workout's end.
pub(super) fn share_time(
    segments: &[Segment],
    sets: &[RawSet],
    modalities: &[Modality],
    total_s: f64,
) -> Vec<Share> {
    if segments.len() == 1 {
        return vec![Share {
            seconds: total_s,
            known: true,
            own_s: None,
        }];
    }
    let own = |s: &Segment| -> Option<f64> {
        if s.modality != Modality::Endurance {
            return None;
        }
        let rows = s.rows.clone();
        let rows = rows.filter(|&r| modalities[r] == Modality::Endurance && is_set(&sets[r]));
        let durations: Option<Vec<f64>> = rows
            .map(|r| sets[r].duration_s.filter(|d| *d > 0.0))
            .collect();
        durations.map(|d| d.iter().sum::<f64>().round())
    };
    let mut shares: Vec<Share> = Vec::with_capacity(segments.len());
    let mut left_s = total_s;
    for segment in segments {
        let own_s = own(segment);
        let share = match own_s {
            Some(seconds) => {
                let seconds = seconds.min(left_s).max(0.0);
                left_s -= seconds;
                Share {
                    seconds,
                    known: true,
                    own_s,
                }
            }
            None => Share {
                seconds: f64::NAN,
                known: false,
                own_s,
            },
        };
        shares.push(share);
    }
    let rows_of = |i: usize| segments[i].rows.len() as f64;
    let unknown: Vec<usize> = (0..segments.len()).filter(|&i| !shares[i].known).collect();
    let rows_total: f64 = unknown.iter().map(|&i| rows_of(i)).sum();
    for &i in &unknown {
        shares[i].seconds = (left_s * rows_of(i) / rows_total).floor();
    }
    // The last segment ends at the workout's end.
    let before: f64 = shares[..shares.len() - 1].iter().map(|s| s.seconds).sum();
    if let Some(last) = shares.last_mut() {
        last.seconds = (total_s - before).max(0.0);
    }
    shares
}
