//! The `concur` binary: parses arguments, runs, maps the outcome to an exit code.

use std::alloc::{GlobalAlloc, Layout};
use std::process::ExitCode;

use mimalloc::MiMalloc;

use clap::Parser;

// Reading and classifying millions of sessions makes many small allocations;
// mimalloc serves them several times faster than the system allocator.
#[global_allocator]
static GLOBAL: Allocator = Allocator;

/// mimalloc, with huge pages for large blocks only (see
/// `concur::advise_huge_pages`). The large lists are reserved at
/// their size; one grown by `realloc` is asked for after the copy, so its
/// copied part stays in small pages. The advice stays on the addresses
/// after a free: what mimalloc later puts there may get huge pages too.
struct Allocator;

/// Asks for huge pages when `block` is large.
fn advise(block: *mut u8, bytes: usize) -> *mut u8 {
    if !block.is_null() && bytes >= concur::HUGE_BLOCK_MIN_BYTES {
        concur::advise_huge_pages(block as usize, bytes);
    }
    block
}

// SAFETY: every call is mimalloc's with the same arguments; the advice
// neither allocates nor changes a block's contents.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        advise(unsafe { MiMalloc.alloc(layout) }, layout.size())
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        advise(unsafe { MiMalloc.alloc_zeroed(layout) }, layout.size())
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        unsafe { MiMalloc.dealloc(block, layout) }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, bytes: usize) -> *mut u8 {
        advise(unsafe { MiMalloc.realloc(block, layout, bytes) }, bytes)
    }
}

/// Makes mimalloc return the pages it keeps after a free to the OS now.
fn release_memory() {
    // SAFETY: a plain call into the allocator, valid at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    if args
        .next()
        .is_some_and(|first| first == concur::PARQUET_CHILD_ARG)
    {
        let rest: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
        return ExitCode::from(concur::parquet_child_main(&rest) as u8);
    }
    concur::set_release(release_memory);
    // A panic of a third-party parser costs one file (a rejection with its
    // reason); the hook keeps Rust's panic message for every other panic.
    concur::install_quiet_hook();
    // A damaged Parquet file can abort its decoder: decode each in a child.
    let parquet_child = std::env::current_exe().ok();
    // clap would exit 2 on a usage error; 2 means "some input rejected" here.
    let cli = match concur::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match concur::run(cli, parquet_child) {
        Ok(concur::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(concur::Outcome::Rejected(_)) => ExitCode::from(2),
        Err(error) => {
            // `{:#}` prints the whole chain on one line, without a backtrace:
            // each error says what failed, its source why (said once).
            eprintln!("error: {error:#}");
            ExitCode::from(1)
        }
    }
}
