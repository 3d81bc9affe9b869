//! Each reading thread's athletes met so far, for one converter, kept
//! across batches, chunks and files: in a season of concatenated exports
//! the athlete changes at nearly every row, and a thread then asks the
//! converter's shared, locked table once per athlete, not once per row.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono_tz::Tz;
use foldhash::HashMap;

use crate::model::CompactString;

/// An athlete's provisional number, zone, and whether the roster gives
/// the zone.
pub(super) type Known = (u32, Tz, bool);

/// The athletes a thread has met, by id.
pub(super) type Met = HashMap<CompactString, Known>;

/// Which converter a thread's athletes belong to: threads outlive a
/// converter (rayon's pool serves every run of a process), and numbers of
/// one run mean nothing in another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Owner(u64);

impl Owner {
    /// A new owner, never equal to one before it.
    pub(super) fn new() -> Owner {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Owner(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

#[derive(Default)]
struct Held {
    owner: Option<Owner>,
    athletes: Met,
}

/// Runs `f` with this thread's athletes met for `owner` (none yet when
/// the thread last worked for another owner).
pub(super) fn with<R>(owner: Owner, f: impl FnOnce(&mut Met) -> R) -> R {
    thread_local! {
        static HELD: RefCell<Held> = RefCell::default();
    }
    HELD.with(|held| {
        let mut held = held.borrow_mut();
        if held.owner != Some(owner) {
            held.owner = Some(owner);
            held.athletes.clear();
        }
        f(&mut held.athletes)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_keeps_its_athletes_for_one_owner_only() {
        let (first, second) = (Owner::new(), Owner::new());
        let known = (7, chrono_tz::UTC, false);
        with(first, |met| met.insert("A1".into(), known));
        assert_eq!(with(first, |met| met.get("A1").copied()), Some(known));
        assert_eq!(with(second, |met| met.get("A1").copied()), None);
        assert_eq!(with(first, |met| met.len()), 0, "met again from the start");
    }
}
