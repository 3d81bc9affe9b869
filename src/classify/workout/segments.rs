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
    let own: Vec<Option<f64>> = segments.iter().map(own).collect();
    let parts: Vec<(Option<f64>, f64)> = segments
        .iter()
        .zip(&own)
        .map(|(s, own_s)| (*own_s, s.rows.len() as f64))
        .collect();
    let seconds = share_seconds(total_s, &parts);
    own.into_iter()
        .zip(seconds)
        .map(|(own_s, seconds)| Share {
            seconds,
            known: own_s.is_some(),
            own_s,
        })
        .collect()
}

/// Whole seconds of each part of `total_s`, in order: a part of known
/// length gets it (never more than what is left), the others share the
/// rest in proportion to their weights (equally when every weight is 0),
/// rounded down; the last part ends at `total_s`. A workout's segments
/// share its time so, and a workout's sessions moved to a FIT file's span.
pub(crate) fn share_seconds(total_s: f64, parts: &[(Option<f64>, f64)]) -> Vec<f64> {
    let mut left_s = total_s;
    let mut seconds: Vec<f64> = parts
        .iter()
        .map(|&(known, _)| match known {
            Some(length_s) => {
                let length_s = length_s.min(left_s).max(0.0);
                left_s -= length_s;
                length_s
            }
            None => 0.0,
        })
        .collect();
    let unknown = || {
        parts
            .iter()
            .enumerate()
            .filter(|(_, part)| part.0.is_none())
    };
    let weights: f64 = unknown().map(|(_, part)| part.1).sum();
    let count = unknown().count() as f64;
    for (k, &(_, weight)) in unknown() {
        let share_s = if weights > 0.0 {
            left_s * weight / weights
        } else {
            left_s / count
        };
        seconds[k] = share_s.floor();
    }
    if let Some((last, before)) = seconds.split_last_mut() {
        *last = (total_s - before.iter().sum::<f64>()).max(0.0);
    }
    seconds
}

#[cfg(test)]
mod tests {
    use super::share_seconds;

    #[test]
    fn known_lengths_come_first_and_the_rest_is_shared_by_weight() {
        // 100 s: the known 30 s stays; 70 s shared 1:2 (23 and 46 rounded
        // down), the last ending at 100.
        let parts = [(None, 1.0), (Some(30.0), 0.0), (None, 2.0)];
        assert_eq!(share_seconds(100.0, &parts), [23.0, 30.0, 47.0]);
    }

    #[test]
    fn a_known_length_never_takes_more_than_is_left() {
        let parts = [(Some(80.0), 0.0), (Some(50.0), 0.0), (None, 1.0)];
        assert_eq!(share_seconds(100.0, &parts), [80.0, 20.0, 0.0]);
    }

    #[test]
    fn parts_without_weight_share_equally() {
        let parts = [(None, 0.0), (None, 0.0), (None, 0.0)];
        assert_eq!(share_seconds(100.0, &parts), [33.0, 33.0, 34.0]);
    }

    #[test]
    fn a_single_part_lasts_the_whole_time() {
        assert_eq!(share_seconds(100.0, &[(Some(7.0), 0.0)]), [100.0]);
    }

    /// 49 x 1 / 49 is exactly 1; 49 x (1 / 49) is just under it, and
    /// rounding down took a whole second off the first part.
    #[test]
    fn a_share_that_is_whole_is_not_rounded_down_a_second() {
        let parts = [(None, 1.0), (None, 48.0)];
        assert_eq!(share_seconds(49.0, &parts), [1.0, 48.0]);
    }
}
