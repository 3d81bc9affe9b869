//! What a kept record does with a dropped record of the same activity: it
//! takes every value it lacks, and the dropped one is noted
//! (`duplicate_activity`). Shared by the same-activity rule (`dedupe`) and
//! the matching of gym workouts (`merge`).

use crate::model::{Modality, Note, Origin, Session, SourceFile, StrengthDetail};

/// Gives the kept session the values it lacks from `dropped`: RPE,
/// to-failure, and (with `detail`) each of sets, repetitions, volume and
/// the gym apps' set counts that its strength detail lacks.
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
    // Few sessions have a detail, and few records are dropped: a scan.
    let Some(&(_, lent)) = details.iter().find(|(o, _)| *o == dropped.origin) else {
        return;
    };
    match details.iter_mut().find(|(o, _)| *o == kept.origin) {
        Some((_, own)) if kept.has_strength_detail() => {
            own.sets = own.sets.or(lent.sets);
            own.reps = own.reps.or(lent.reps);
            own.volume_kg = own.volume_kg.or(lent.volume_kg);
            own.failure_sets = own.failure_sets.or(lent.failure_sets);
            own.hard_sets = own.hard_sets.or(lent.hard_sets);
            own.max_set_rpe = own.max_set_rpe.or(lent.max_set_rpe);
        }
        _ => {
            details.push((kept.origin, lent));
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
