//! A file's content in memory: read into a buffer, or, for a large file,
//! mapped from the page cache. A reader hands back the mapped pages it has
//! read past, so a large file never sits whole in the run's memory.
//!
//! Why: fresh memory is expensive to touch on the machines measured
//! (BENCHMARKS.md), so copying a large season into buffers cost about as
//! much as parsing it; mapped pages come from the page cache without
//! copying, and pages handed back no longer count in the run's resident
//! memory.

use std::ops::Deref;
use std::sync::Arc;

use memmap2::{Mmap, UncheckedAdvice};

/// Files at least this large are mapped rather than read into a buffer.
pub(crate) const MAP_BYTES: u64 = 16 << 20;

/// Bytes a reader may hold before it hands them back (a few per thread).
pub(crate) const FORGET_BYTES: usize = 4 << 20;

/// The content of one file or archive member.
#[derive(Debug, Clone)]
pub(crate) enum Bytes {
    /// Read (or unpacked) into a buffer.
    Owned(Vec<u8>),
    /// Mapped read-only from the file.
    Mapped(Arc<Mmap>),
}

impl Bytes {
    /// The pages a reader of these bytes may hand back (none for a buffer).
    pub(crate) fn pages(&self) -> Pages {
        match self {
            Bytes::Owned(_) => Pages::default(),
            Bytes::Mapped(map) => Pages {
                map: Some(map.clone()),
            },
        }
    }
}

impl Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(bytes) => bytes,
            Bytes::Mapped(map) => map,
        }
    }
}

impl PartialEq for Bytes {
    fn eq(&self, other: &Bytes) -> bool {
        **self == **other
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Bytes {
        Bytes::Owned(bytes)
    }
}

/// The mapped pages of the file being read, if it is mapped.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pages {
    map: Option<Arc<Mmap>>,
}

impl Pages {
    /// Hands back the whole pages of `part` (a slice of the mapped file)
    /// that the process holds; reading them again later still works (they
    /// come back from the page cache). Does nothing for any other slice,
    /// such as text decoded into a buffer of its own.
    pub(crate) fn forget(&self, part: &[u8]) {
        let start = part.as_ptr() as usize;
        self.forget_range(start, start + part.len());
    }

    /// [`Pages::forget`] for the addresses `start..end`, of bytes a reader
    /// has consumed and no longer holds a slice of.
    pub(crate) fn forget_range(&self, start: usize, end: usize) {
        let Some(map) = &self.map else { return };
        let base = map.as_ptr() as usize;
        if start < base || end > base + map.len() {
            return;
        }
        // Whole pages only: the neighbours of the range may still be read.
        // (The mapping starts on a page, so offsets round as addresses do.)
        if let Some((first, len)) = crate::memory::whole_pages(start - base, end - base) {
            // SAFETY: the mapping is a read-only shared file mapping, so
            // MADV_DONTNEED only drops the process's page table entries: the
            // next read of these bytes faults them back in from the page
            // cache with the same content.
            let _ = unsafe { map.unchecked_advise_range(UncheckedAdvice::DontNeed, first, len) };
        }
    }

    /// Runs `f` over `bytes` in windows of about `FORGET_BYTES`, handing each
    /// window back once `f` has seen it.
    pub(crate) fn windows(&self, bytes: &[u8], mut f: impl FnMut(&[u8])) {
        for window in bytes.chunks(FORGET_BYTES) {
            f(window);
            self.forget(window);
        }
    }
}

/// Maps `file` (of `len` bytes) when it is large enough and mapping works;
/// `None` means read it into a buffer instead.
pub(crate) fn map_large(file: &std::fs::File, len: u64) -> Option<Bytes> {
    if len < MAP_BYTES {
        return None;
    }
    // SAFETY: the map is only read. A file truncated by another program
    // while concur reads it would fault (SIGBUS), as in every program that
    // maps its inputs (ripgrep does the same for large files); the README
    // says not to change inputs during a run.
    let map = unsafe { Mmap::map(file) }.ok()?;
    let _ = map.advise(memmap2::Advice::Sequential);
    (map.len() as u64 == len).then(|| Bytes::Mapped(Arc::new(map)))
}

/// `content` written to a temporary file and mapped (the file lives as
/// long as the first value).
#[cfg(test)]
pub(crate) fn mapped(content: &[u8]) -> (tempfile::NamedTempFile, Bytes) {
    use std::io::Write;
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(content).unwrap();
    file.flush().unwrap();
    let map = unsafe { Mmap::map(file.as_file()) }.unwrap();
    (file, Bytes::Mapped(Arc::new(map)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgotten_pages_read_back_the_same_bytes() {
        let content: Vec<u8> = (0..5 * 65536 + 123).map(|i| (i % 251) as u8).collect();
        let (_file, bytes) = mapped(&content);
        let pages = bytes.pages();
        pages.forget(&bytes[100..4 * 65536 + 7]);
        pages.forget(&bytes);
        assert_eq!(&*bytes, content.as_slice());
    }

    #[test]
    fn a_buffer_is_never_handed_back() {
        let content = vec![7u8; 3 * 4096];
        let bytes = Bytes::from(content.clone());
        bytes.pages().forget(&bytes);
        let (_file, other) = mapped(&[1u8; 3 * 4096]);
        // A slice outside the mapping is left alone too.
        other.pages().forget(&bytes);
        assert_eq!(&*bytes, content.as_slice());
    }

    #[test]
    fn windows_cover_the_bytes_in_order() {
        let content: Vec<u8> = (0..FORGET_BYTES * 2 + 5).map(|i| (i % 7) as u8).collect();
        let (_file, bytes) = mapped(&content);
        let mut seen = Vec::new();
        bytes.pages().windows(&bytes, |w| seen.extend_from_slice(w));
        assert_eq!(seen, content);
    }

    #[test]
    fn small_files_are_not_mapped() {
        let (file, _) = mapped(b"a,b\n");
        assert!(map_large(file.as_file(), 4).is_none());
    }
}
