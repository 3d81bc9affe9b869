//! What a kept record does with a dropped record of the same activity: it
//! takes every value it lacks, and the dropped one is noted
//! (`duplicate_activity`). Shared by the same-activity rule (`dedupe`) and
//! the matching of gym workouts (`merge`).

use crate::model::{Modality, Note, Origin, Session, SourceFile, StrengthDetail};

/// Gives the kept session the values it lacks from `dropped`: RPE,
/// to-failure, and (with `detail`) each of sets, repetitions, volume and
/// the gym apps' set counts that its strength detail lacks. `details` is
/// sorted by origin and stays so.
pub(super) fn fill_from(
    kept: &mut Session,
    dropped: &Session,
    details: &mut Vec<(Origin, StrengthDetail)>,
    detail: bool,
) {
    if kept.rpe().is_none() {
        kept.rpe = dropped.rpe;
    }
    if kept.to_failure.is_none() && kept.modality == Modality::Strength {
        kept.to_failure = dropped.to_failure;
    }
    if !detail || kept.modality != Modality::Strength || !dropped.has_strength_detail() {
        return;
    }
    // Every gym strength session has a detail: look them up in the list,
    // which classify keeps sorted by origin.
    let find = |details: &[(Origin, StrengthDetail)], origin: Origin| {
        details.binary_search_by_key(&origin, |&(o, _)| o)
    };
    let Ok(i) = find(details, dropped.origin) else {
        return;
    };
    let lent = details[i].1;
    match find(details, kept.origin) {
        Ok(k) if kept.has_strength_detail() => {
            let own = &mut details[k].1;
            own.sets = own.sets.or(lent.sets);
            own.reps = own.reps.or(lent.reps);
            own.volume_kg = own.volume_kg.or(lent.volume_kg);
            own.failure_sets = own.failure_sets.or(lent.failure_sets);
            own.hard_sets = own.hard_sets.or(lent.hard_sets);
            own.max_set_rpe = own.max_set_rpe.or(lent.max_set_rpe);
        }
        Ok(k) | Err(k) => {
            details.insert(k, (kept.origin, lent));
            kept.marks = kept.marks.with_strength_detail();
        }
    }
}

/// The note on a dropped record: the same `what` (activity, workout) as
/// the kept one, which is named.
pub(super) fn duplicate_note(
    kept: &Session,
    gone: &Session,
    files: &[SourceFile],
    athlete_ids: &[String],
    what: &str,
) -> Note {
    let file = |s: &Session| &files[s.source() as usize];
    let mut note = Note::file(
        "duplicate_activity",
        &file(gone).path,
        gone.line(),
        format!(
            "same {what} as '{}' from {} ({}); that record is kept",
            kept.session_id,
            file(kept).path,
            file(kept).format.as_str()
        ),
    );
    note.athlete_id = athlete_ids
        .get(gone.athlete as usize)
        .cloned()
        .unwrap_or_default();
    note.session_id = gone.session_id.to_string();
    note
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::session;

    fn detail(sets: u32, failure_sets: Option<u32>) -> StrengthDetail {
        StrengthDetail {
            sets: Some(sets),
            failure_sets,
            ..StrengthDetail::default()
        }
    }

    fn strength_at(source: u32, with_detail: bool) -> Session {
        let mut s = session("s", Modality::Strength, 0, 60);
        s.origin = Origin::new(source, 1);
        if with_detail {
            s.marks = s.marks.with_strength_detail();
        }
        s
    }

    #[test]
    fn a_kept_session_without_detail_takes_the_dropped_ones_in_origin_order() {
        let dropped = strength_at(5, true);
        let mut kept = strength_at(3, false);
        let other = (Origin::new(1, 1), detail(9, None));
        let mut details = vec![other, (dropped.origin, detail(4, Some(2)))];
        fill_from(&mut kept, &dropped, &mut details, true);
        assert!(kept.has_strength_detail());
        let origins: Vec<Origin> = details.iter().map(|(o, _)| *o).collect();
        assert_eq!(origins, [Origin::new(1, 1), kept.origin, dropped.origin]);
        assert_eq!(details[1].1, detail(4, Some(2)));
    }

    #[test]
    fn a_kept_detail_keeps_its_values_and_takes_only_the_missing_ones() {
        let dropped = strength_at(5, true);
        let mut kept = strength_at(3, true);
        let mut details = vec![
            (kept.origin, detail(6, None)),
            (dropped.origin, detail(4, Some(2))),
        ];
        fill_from(&mut kept, &dropped, &mut details, true);
        assert_eq!(details.len(), 2);
        assert_eq!(details[0].1, detail(6, Some(2)));
    }

    #[test]
    fn without_the_detail_flag_nothing_is_lent() {
        let dropped = strength_at(5, true);
        let mut kept = strength_at(3, false);
        let mut details = vec![(dropped.origin, detail(4, Some(2)))];
        fill_from(&mut kept, &dropped, &mut details, false);
        assert!(!kept.has_strength_detail());
        assert_eq!(details.len(), 1);
    }
}
