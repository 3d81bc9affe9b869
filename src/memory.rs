//! Handing freed memory back to the operating system between stages.
//!
//! The allocator keeps freed pages for a while in case they are wanted
//! again. Where a stage has just freed a large structure (the per-file
//! session lists once joined), keeping them would add their size to the
//! run's peak; the binary installs a function that returns them at once.
//! Large lists are joined here with their emptied parts handed back.

use std::sync::OnceLock;

mod concat;
pub use concat::{append, concat};

static RELEASE: OnceLock<fn()> = OnceLock::new();

/// Installs the function that returns freed memory to the OS (the binary's allocator).
pub fn set_release(release: fn()) {
    let _ = RELEASE.set(release);
}

/// Returns freed memory to the OS, if a way to do so was installed.
pub fn release() {
    if let Some(release) = RELEASE.get() {
        release();
    }
}

/// The operating system's memory page size in bytes (4 KiB where it
/// cannot be asked; 16 or 64 KiB on some ARM systems).
pub fn page_bytes() -> usize {
    #[cfg(target_os = "linux")]
    return rustix::param::page_size();
    #[cfg(not(target_os = "linux"))]
    4096
}

/// The whole pages inside the addresses `start..end`, as a start address
/// and a length, if there is at least one.
pub fn whole_pages(start: usize, end: usize) -> Option<(usize, usize)> {
    let page = page_bytes();
    let (first, last) = (start.div_ceil(page) * page, end / page * page);
    (last > first).then(|| (first, last - first))
}

/// Hands the whole pages of `v`'s unused capacity back to the OS at once
/// (Linux); the capacity stays allocated and reads as zeros if used again.
/// Lets a vector that is emptied from the back shrink in memory as it goes.
pub fn forget_spare<T>(v: &mut Vec<T>) {
    let size = std::mem::size_of::<T>();
    let base = v.as_mut_ptr() as usize;
    let spare = whole_pages(base + v.len() * size, base + v.capacity() * size);
    #[cfg(target_os = "linux")]
    if let Some((first, len)) = spare.filter(|_| size > 0) {
        // SAFETY: the range lies inside the vector's own allocation, past
        // its length: memory it owns (borrowed mutably here) that holds
        // no value. MADV_DONTNEED makes those pages read as zeros next
        // time, which is fine for capacity that is written before it is
        // read; no allocator keeps bookkeeping inside a live allocation.
        // Whole pages of the real page size: the kernel would round a
        // partial last page up, into memory that is not the vector's.
        let _ = unsafe {
            rustix::mm::madvise(
                first as *mut std::ffi::c_void,
                len,
                rustix::mm::Advice::LinuxDontNeed,
            )
        };
    }
    #[cfg(not(target_os = "linux"))]
    let _ = spare;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vector_emptied_from_the_back_keeps_its_values_and_grows_again() {
        let mut v: Vec<u64> = (0..100_000).collect();
        v.truncate(1000);
        forget_spare(&mut v);
        assert_eq!(v, (0..1000).collect::<Vec<u64>>());
        v.extend(1000..100_000);
        assert_eq!(v, (0..100_000).collect::<Vec<u64>>());
    }

    #[test]
    fn whole_pages_lie_inside_the_range() {
        let page = page_bytes();
        assert_eq!(whole_pages(1, 3 * page + 5), Some((page, 2 * page)));
        assert_eq!(whole_pages(0, page), Some((0, page)));
        assert_eq!(whole_pages(1, page + 1), None);
    }
}
