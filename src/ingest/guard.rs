//! Third-party parsers (fitparser, polars) run on untrusted bytes behind a
//! panic boundary: a panic in them costs one file, never the run. Such a
//! panic is reported as a rejection, so Rust's own "thread panicked" message
//! would only alarm: the binary's panic hook stays quiet inside a guard.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    /// Whether this thread is inside [`catch_quietly`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into `None`; the panic hook installed by
/// [`install_quiet_hook`] prints nothing for it.
pub(crate) fn catch_quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    let was = GUARDED.with(|g| g.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f)).ok();
    GUARDED.with(|g| g.set(was));
    result
}

/// Installs a panic hook that is silent for panics inside `catch_quietly`
/// and prints every other panic as before.
pub fn install_quiet_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !GUARDED.with(Cell::get) {
            previous(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_the_guard_becomes_none() {
        assert_eq!(catch_quietly(|| 7), Some(7));
        let caught: Option<()> = catch_quietly(|| panic!("bad bytes"));
        assert!(caught.is_none());
        assert!(
            !GUARDED.with(Cell::get),
            "the flag is reset after the guard"
        );
    }
}
