//! Progress on stderr for long runs: a bar when stderr is a terminal,
//! nothing when it is not (logs, pipes) or under `--quiet`.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar that may be hidden.
pub(crate) struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar on stderr, hidden when `quiet` or when stderr is not a terminal.
    pub(crate) fn new(quiet: bool) -> Progress {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let style = ProgressStyle::with_template(
                "{spinner} {msg:<18} [{bar:30}] {pos}/{len} ({elapsed})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            ProgressBar::new(0).with_style(style)
        };
        Progress { bar }
    }

    /// A bar that never shows (for tests and library callers).
    pub(crate) fn hidden() -> Progress {
        Progress {
            bar: ProgressBar::hidden(),
        }
    }

    /// Starts a stage of `total` steps.
    pub(crate) fn stage(&self, message: &'static str, total: u64) {
        self.bar.set_message(message);
        self.bar.set_length(total);
        self.bar.set_position(0);
    }

    /// One step done.
    pub(crate) fn step(&self) {
        self.bar.inc(1);
    }

    /// Prints a line on stderr above the bar (plainly when there is no bar).
    pub(crate) fn say(&self, line: &str) {
        if self.bar.is_hidden() {
            eprintln!("{line}");
        } else {
            self.bar.println(line);
        }
    }

    /// Removes the bar.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Wall time of each stage, printed on stderr when the environment variable
/// `CONCUR_TIMINGS` is set: the benchmark's per-stage breakdown.
pub(crate) struct Timings {
    on: bool,
    last: std::time::Instant,
}

impl Timings {
    /// Starts the clock; prints only when `CONCUR_TIMINGS` is set.
    pub(crate) fn from_env() -> Timings {
        Timings {
            on: std::env::var_os("CONCUR_TIMINGS").is_some(),
            last: std::time::Instant::now(),
        }
    }

    /// Ends the stage `what` and starts the next one.
    pub(crate) fn lap(&mut self, what: &str) {
        let now = std::time::Instant::now();
        if self.on {
            eprintln!(
                "timing {what:<10} {:>8.3} s  {}",
                (now - self.last).as_secs_f64(),
                memory_status()
            );
        }
        self.last = now;
    }
}

/// Current and peak resident memory from `/proc/self/status` (Linux), or nothing.
fn memory_status() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .filter(|l| {
            ["VmHWM", "VmRSS", "RssFile"]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("  ")
}
