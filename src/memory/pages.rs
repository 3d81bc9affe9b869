//! Memory pages of blocks: the page size, the whole pages inside a range,
//! spare capacity of a vector handed back to the OS, and huge pages asked
//! for on large blocks (`advise_huge_pages`).

/// The operating system's memory page size in bytes (4 KiB where it
/// cannot be asked; 16 or 64 KiB on some ARM systems).
pub(crate) fn page_bytes() -> usize {
    #[cfg(target_os = "linux")]
    return rustix::param::page_size();
    #[cfg(not(target_os = "linux"))]
    4096
}

/// The whole pages inside the addresses `start..end`, as a start address
/// and a length, if there is at least one.
pub(crate) fn whole_pages(start: usize, end: usize) -> Option<(usize, usize)> {
    let page = page_bytes();
    let (first, last) = (start.div_ceil(page) * page, end / page * page);
    (last > first).then(|| (first, last - first))
}

/// Blocks from this size up are backed by huge pages ([`advise_huge_pages`]).
pub const HUGE_BLOCK_MIN_BYTES: usize = 32 << 20;

/// The size of a transparent huge page on x86-64 and most ARM64 systems.
const HUGE_PAGE_BYTES: usize = 2 << 20;

/// Asks the kernel (Linux) to back the whole 2 MiB pages inside the block
/// `start..start + len_bytes` with transparent huge pages when first touched.
///
/// The allocator is built without huge pages (`no_thp`): on its own it
/// asks for them on all its memory, so each thread's first small objects
/// take a zeroed 2 MiB page, which more than doubled a small run's peak
/// memory. The binary asks for them here, for large blocks only: millions
/// of sessions, written once into fresh memory, fault 512 times less often
/// and are zeroed faster (BENCHMARKS.md has the figures).
pub fn advise_huge_pages(start: usize, len_bytes: usize) {
    let first = start.next_multiple_of(HUGE_PAGE_BYTES);
    let last = start.saturating_add(len_bytes) / HUGE_PAGE_BYTES * HUGE_PAGE_BYTES;
    #[cfg(target_os = "linux")]
    if last > first {
        // SAFETY: advice only: MADV_HUGEPAGE changes how pages are backed,
        // never their contents, and fails harmlessly on addresses that
        // are not mapped.
        let _ = unsafe {
            rustix::mm::madvise(
                first as *mut std::ffi::c_void,
                last - first,
                rustix::mm::Advice::LinuxHugepage,
            )
        };
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (first, last);
}

/// Hands the whole pages of `v`'s unused capacity back to the OS at once
/// (Linux); the capacity stays allocated and reads as zeros if used again.
/// Lets a vector that is emptied from the back shrink in memory as it goes.
pub(crate) fn forget_spare<T>(v: &mut Vec<T>) {
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

    /// The `VmFlags` of the mapping holding `address` (Linux).
    #[cfg(target_os = "linux")]
    fn vm_flags_at(address: usize) -> String {
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        let mut inside = false;
        for line in smaps.lines() {
            let range = line.split_whitespace().next().unwrap_or("");
            if let Some((from, to)) = range.split_once('-') {
                if let (Ok(from), Ok(to)) = (
                    usize::from_str_radix(from, 16),
                    usize::from_str_radix(to, 16),
                ) {
                    inside = (from..to).contains(&address);
                    continue;
                }
            }
            if inside && line.starts_with("VmFlags:") {
                return line.to_string();
            }
        }
        String::new()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn large_blocks_are_marked_for_huge_pages_inside_their_bounds() {
        if !std::path::Path::new("/sys/kernel/mm/transparent_hugepage/enabled").exists() {
            eprintln!("skipped: this kernel has no transparent huge pages");
            return;
        }
        let block: Vec<u8> = Vec::with_capacity(3 * HUGE_PAGE_BYTES);
        let start = block.as_ptr() as usize;
        let first = start.next_multiple_of(HUGE_PAGE_BYTES);
        assert!(!vm_flags_at(first).contains(" hg"), "not asked for yet");
        advise_huge_pages(start, block.capacity());
        assert!(vm_flags_at(first).contains(" hg"), "{}", vm_flags_at(first));
        if first > start {
            // The partial huge page before the first whole one is not asked for.
            assert!(!vm_flags_at(first - 1).contains(" hg"));
        }
    }

    #[test]
    fn whole_pages_lie_inside_the_range() {
        let page = page_bytes();
        assert_eq!(whole_pages(1, 3 * page + 5), Some((page, 2 * page)));
        assert_eq!(whole_pages(0, page), Some((0, page)));
        assert_eq!(whole_pages(1, page + 1), None);
    }
}
