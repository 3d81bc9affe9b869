//! The audit itself (RULES.md sections 3-5): concurrent pairs and their
//! categories, to-failure flags, nearest gaps and compromised strength
//! sessions, computed by one sweep over each athlete's sorted sessions.
//! Planned workouts (a TrainingPeaks plan) pair only with planned ones, so
//! that a plan can be audited without mixing it with what was done.
//!
//! The flag types are in `flag.rs`, the pair sweep in `pairs.rs`, to-failure
//! flags in `failure.rs`; this file runs them over every athlete of a frame
//! into an `Audit`.

mod failure;
mod flag;
mod pairs;
#[cfg(test)]
mod tests;

use std::ops::Range;

use rayon::prelude::*;

use crate::classify::Frame;
use crate::config::Thresholds;
use crate::model::{Modality, Session};
use flag::first_in;
pub(crate) use flag::{Flag, Rule, Severity, NO_GAP};
pub(crate) use pairs::NEAREST_WINDOW_US;

/// Athletes evaluated at a time on all threads: their flags are held twice
/// (found, then appended in order) only that long, and the next batch's
/// lists reuse the memory.
const ATHLETES_PER_BATCH: usize = 1024;

/// What the rules found in a frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Audit {
    /// Flags of in-scope athletes, by first session, then second session,
    /// then rule: made only by [`evaluate`], so every reader can rely on
    /// an athlete's flags being one run (read with [`Audit::flags`]).
    flags: Vec<Flag>,
    /// Per athlete: concurrent pairs counted but not flagged (exempt
    /// athletes; 0 for the others).
    pub(crate) exempt_pair_counts: Vec<u64>,
    /// Per session: smallest gap to an endurance session under 7 days
    /// (timed strength only), [`NO_GAP`] where there is none: 8 bytes a
    /// session where an `Option` takes 16. Read with [`Audit::nearest_gap_us`].
    nearest_gap: Vec<i64>,
    /// Per session: an in-scope timed strength session in a violating pair.
    pub(crate) compromised: Vec<bool>,
}

impl Audit {
    /// The flags of in-scope athletes, by first session, then second
    /// session, then rule.
    pub(crate) fn flags(&self) -> &[Flag] {
        &self.flags
    }

    /// Where in [`Audit::flags`] the flags whose first session is in
    /// `sessions` are: one athlete's flags, when `sessions` is its range
    /// of the frame.
    pub(crate) fn flags_range(&self, sessions: Range<usize>) -> Range<usize> {
        first_in(&self.flags, sessions)
    }

    /// The flags whose first session is in `sessions`.
    pub(crate) fn flags_within(&self, sessions: Range<usize>) -> &[Flag] {
        &self.flags[self.flags_range(sessions)]
    }

    /// Session `i`'s smallest gap to an endurance session under 7 days
    /// (timed strength sessions only).
    pub(crate) fn nearest_gap_us(&self, i: usize) -> Option<i64> {
        self.nearest_gap.get(i).copied().filter(|&g| g != NO_GAP)
    }
}

/// Applies the rules to every athlete of the frame, athletes in parallel.
pub fn evaluate(frame: &Frame, thresholds: &Thresholds) -> Audit {
    let n = frame.sessions.len();
    let mut audit = Audit {
        // Room for a flag per session: room never used costs address space,
        // not memory, and a list grown by doubling from empty took fresh
        // memory of twice its size (as long as finding the flags, on this
        // machine). A run with more flags than sessions grows it as usual.
        flags: Vec::with_capacity(n),
        exempt_pair_counts: vec![0; frame.athletes.len()],
        nearest_gap: crate::memory::filled(n, NO_GAP),
        compromised: vec![false; n],
    };
    let mut athletes = athlete_columns(frame, &mut audit.nearest_gap, &mut audit.compromised);
    for batch in athletes.chunks_mut(ATHLETES_PER_BATCH) {
        let found: Vec<(Vec<Flag>, u64)> = batch
            .par_iter_mut()
            .map(|(a, gaps, compromised)| {
                let flags = athlete_flags(frame, *a, thresholds, gaps);
                if !frame.athletes[*a].in_scope() {
                    return (Vec::new(), flags.len() as u64);
                }
                mark_compromised(frame.athlete_sessions(*a), &flags, compromised);
                let start = frame.ranges[*a].start;
                (flags.into_iter().map(|f| f.shifted(start)).collect(), 0)
            })
            .collect();
        let mut lists = Vec::with_capacity(found.len());
        for ((a, ..), (flags, exempt)) in batch.iter().zip(found) {
            audit.exempt_pair_counts[*a] = exempt;
            lists.push(flags);
        }
        crate::memory::append(&mut audit.flags, lists);
    }
    audit
}

/// One athlete's place in the per-session columns.
type AthleteColumns<'c> = (usize, &'c mut [i64], &'c mut [bool]);

/// Each athlete with its own slices of the nearest-gap and compromised
/// columns: its sessions are one range of the frame, in athlete order.
fn athlete_columns<'c>(
    frame: &Frame,
    mut gaps: &'c mut [i64],
    mut compromised: &'c mut [bool],
) -> Vec<AthleteColumns<'c>> {
    let mut athletes = Vec::with_capacity(frame.ranges.len());
    let mut at = 0;
    for (a, range) in frame.ranges.iter().enumerate() {
        let skip = range.start - at;
        let (_, rest) = std::mem::take(&mut gaps).split_at_mut(skip);
        let (my_gaps, rest) = rest.split_at_mut(range.len());
        gaps = rest;
        let (_, rest) = std::mem::take(&mut compromised).split_at_mut(skip);
        let (mine, rest) = rest.split_at_mut(range.len());
        compromised = rest;
        athletes.push((a, my_gaps, mine));
        at = range.end;
    }
    athletes
}

/// One athlete's flags (indices into its own sessions), sorted.
fn athlete_flags(frame: &Frame, a: usize, t: &Thresholds, gaps: &mut [i64]) -> Vec<Flag> {
    let (info, sessions) = (&frame.athletes[a], frame.athlete_sessions(a));
    let mut flags = pairs::athlete_pairs(sessions, info.power_focus, t, gaps);
    if info.in_scope() {
        flags.extend(failure::to_failure_flags(sessions, t));
    }
    flags.sort_by_key(|f| (f.first(), f.second(), f.rule));
    flags
}

/// Marks the timed strength sessions of an in-scope athlete's violating
/// pairs, while its sessions are still in the cache (a pass over all flags
/// afterwards waited on a cache miss per session).
fn mark_compromised(sessions: &[Session], flags: &[Flag], compromised: &mut [bool]) {
    for flag in flags {
        if flag.is_pair() && flag.severity == Severity::Violation {
            for s in [Some(flag.first()), flag.second()].into_iter().flatten() {
                let session = &sessions[s];
                if session.modality == Modality::Strength && !session.date_only {
                    compromised[s] = true;
                }
            }
        }
    }
}
