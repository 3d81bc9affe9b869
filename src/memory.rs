//! Handing freed memory back to the operating system between stages.
//!
//! The allocator keeps freed pages for a while in case they are wanted
//! again. Where a stage has just freed a large structure (the per-file
//! session lists once joined, a middle stage's working lists), keeping them
//! would add their size to the run's peak; the binary installs a function
//! that returns them at once, called after ingest and each middle stage.
//! Large lists are joined with their emptied parts handed back, and
//! filled on all threads (`concat.rs`); pages and huge pages of memory blocks are in `pages.rs`.

use std::sync::OnceLock;

mod concat;
mod pages;
pub(crate) use concat::{append, concat, filled};
pub(crate) use pages::whole_pages;
pub use pages::{advise_huge_pages, HUGE_BLOCK_MIN_BYTES};

static RELEASE: OnceLock<fn()> = OnceLock::new();

/// Installs the function that returns freed memory to the OS (the binary's allocator).
pub fn set_release(release: fn()) {
    let _ = RELEASE.set(release);
}

/// Returns freed memory to the OS, if a way to do so was installed.
pub(crate) fn release() {
    if let Some(release) = RELEASE.get() {
        release();
    }
}
