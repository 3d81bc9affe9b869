//! Parquet decoding in a child process. polars' decoder can be made to
//! request an impossible amount of memory by a damaged file, and Rust aborts
//! the whole process on a failed allocation, which no `catch_unwind` stops.
//! So the `concur` binary decodes each Parquet file in a copy of itself
//! (`concur __decode-parquet`): the child reads the file on stdin, decodes it
//! under a memory cap and writes the cells as CSV text on stdout. A child that
//! dies costs that file, rejected with the reason, never the run.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use super::super::batch::{Batch, FileCtx};
use super::super::canonical::{read_body, Body, Columns, Lines};
use super::super::columns::Header;
use super::super::limits::{Allowance, Budget};
use super::super::records::Records;
use super::table::{load, Table};
use crate::config::{InputLimit, LimitSource};

/// The first argument that makes `concur` a decoding child.
pub const CHILD_ARG: &str = "__decode-parquet";

/// Exit code of a child that refused the file with a reason (on stderr).
const REFUSED: i32 = 3;

/// Environment variable capping a decoding child's address space, in MiB.
pub(crate) const MEMORY_ENV: &str = "CONCUR_PARQUET_MEMORY_MB";

/// The child's side: decodes the file on stdin within the allowance given
/// as the argument and writes what it took, then the cells as CSV.
pub fn child_main(args: &[String]) -> i32 {
    let Some(allowance_bytes) = args.first().and_then(|a| a.parse::<u64>().ok()) else {
        eprint!("expected the allowance in bytes as the argument");
        return REFUSED;
    };
    cap_memory(allowance_bytes);
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        eprint!("cannot read the file from the parent: {e}");
        return REFUSED;
    }
    let budget = Budget::new(InputLimit {
        bytes: allowance_bytes,
        origin: LimitSource::Setting,
    });
    let mut allowance = Allowance::new(&budget, allowance_bytes);
    let table = match load(&bytes, &mut allowance) {
        Ok(table) => table,
        Err(reason) => {
            eprint!("{reason}");
            return REFUSED;
        }
    };
    let taken = allowance_bytes - allowance.left();
    match write_cells(taken, table) {
        Ok(()) => 0,
        Err(e) => {
            eprint!("cannot hand the cells to the parent: {e}");
            REFUSED
        }
    }
}

fn write_cells(taken: u64, table: Table) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    writeln!(out, "{taken}")?;
    if let Some((header, _, cells)) = table {
        let mut line = Vec::with_capacity(1 << 12);
        for (index, name) in header.raw.iter().enumerate() {
            push_field(&mut line, index, name);
        }
        end_record(&mut line, 0);
        out.write_all(&line)?;
        let mut text = String::new();
        for row in 0..cells.first().map_or(0, |(_, c)| c.len()) {
            line.clear();
            let mut next = cells.iter().peekable();
            for index in 0..header.raw.len() {
                text.clear();
                if let Some((_, column)) = next.next_if(|(i, _)| *i == index) {
                    column.write(row, &mut text);
                }
                push_field(&mut line, index, &text);
            }
            end_record(&mut line, 0);
            out.write_all(&line)?;
        }
    }
    out.flush()
}

/// Appends the field numbered `index` of a record as CSV, quoted only where
/// it holds a delimiter, quote or line break, as the `csv` crate writes it
/// (its writer goes a field at a time through a state machine, too slow for
/// every cell of a large file).
fn push_field(line: &mut Vec<u8>, index: usize, text: &str) {
    if index > 0 {
        line.push(b',');
    }
    let bytes = text.as_bytes();
    if !bytes
        .iter()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        line.extend_from_slice(bytes);
        return;
    }
    line.push(b'"');
    for &b in bytes {
        if b == b'"' {
            line.push(b'"');
        }
        line.push(b);
    }
    line.push(b'"');
}

/// Ends the record that starts at byte `start` of `line`: a record of one
/// empty field is written `""`, not as the empty line a reader skips.
fn end_record(line: &mut Vec<u8>, start: usize) {
    if line.len() == start {
        line.extend_from_slice(b"\"\"");
    }
    line.push(b'\n');
}

/// Caps the child's address space: a decoder asking for more fails here
/// instead of taking the machine's memory. Room for the allocator's and the
/// threads' reservations comes on top of a multiple of the allowance.
fn cap_memory(allowance_bytes: u64) {
    const MIB: u64 = 1 << 20;
    let cap = std::env::var(MEMORY_ENV)
        .ok()
        .and_then(|mb| mb.trim().parse::<u64>().ok())
        .map(|mb| mb.saturating_mul(MIB))
        .unwrap_or_else(|| allowance_bytes.saturating_mul(4).saturating_add(4096 * MIB));
    let limit = rustix::process::Rlimit {
        current: Some(cap),
        maximum: Some(cap),
    };
    let _ = rustix::process::setrlimit(rustix::process::Resource::As, limit);
}

/// The parent's side: decodes `bytes` in a child and reads its rows into
/// `batch` with the CSV reader's row rules.
pub(super) fn read(
    exe: &Path,
    bytes: &[u8],
    ctx: &FileCtx,
    allowance: &mut Allowance<'_>,
    batch: &mut Batch,
) -> Result<(), String> {
    let output = run_child(exe, bytes, allowance.left())?;
    let split = output
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(output.len());
    let taken = std::str::from_utf8(&output[..split])
        .ok()
        .and_then(|t| t.trim().parse::<u64>().ok())
        .ok_or("the Parquet decoder gave no usable answer")?;
    allowance.take(taken, "decoding the Parquet file")?;
    let csv_bytes = output.get(split + 1..).unwrap_or_default();
    if csv_bytes.is_empty() {
        return Ok(());
    }
    let text = std::str::from_utf8(csv_bytes)
        .map_err(|e| format!("the Parquet decoder's cells are unreadable: {e}"))?;
    // The cells are read as a canonical CSV's are (`records`), not cell by
    // cell through the `csv` crate: ten million rows took seconds there.
    let mut records = Records::new(text, 0, 1, b',');
    let Some(names) = records.next_record() else {
        return Ok(());
    };
    let header = Header::new(&csv::StringRecord::from(names.iter().collect::<Vec<_>>()));
    let cols = Columns::find(&header)?;
    // The rows are read as a canonical CSV's body is, a large one in
    // parallel chunks, each row's line its row number.
    let start = text.len() - records.rest().len();
    let body = Body {
        text,
        start,
        line: 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..start]).count() as u64,
        delimiter: b',',
        lines: Lines::Rows,
    };
    let empty_rows = read_body(&body, &cols, ctx, batch);
    batch.note_empty_rows(ctx, empty_rows);
    Ok(())
}

/// Runs the child on `bytes`; its stdout, or why it gave none.
fn run_child(exe: &Path, bytes: &[u8], allowance_bytes: u64) -> Result<Vec<u8>, String> {
    let mut child = Command::new(exe)
        .arg(CHILD_ARG)
        .arg(allowance_bytes.to_string())
        // The parent already reads files in parallel: one thread per child.
        .env("POLARS_MAX_THREADS", "1")
        .env("RAYON_NUM_THREADS", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the Parquet decoder ({}): {e}", exe.display()))?;
    let stdin = child.stdin.take();
    // Written from another thread: the child's stdout must be drained meanwhile.
    let output = std::thread::scope(|scope| {
        scope.spawn(move || {
            if let Some(mut stdin) = stdin {
                // A child that dies early closes the pipe; its status says why.
                let _ = stdin.write_all(bytes);
            }
        });
        child.wait_with_output()
    })
    .map_err(|e| format!("the Parquet decoder could not be followed: {e}"))?;
    if output.status.success() {
        return Ok(output.stdout);
    }
    let said = String::from_utf8_lossy(&output.stderr).trim().to_string();
    match output.status.code() {
        Some(REFUSED) => Err(said),
        _ => {
            // Rust's own lines around a panic message say nothing about the file.
            let said = said
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with("thread '") && !l.starts_with("note:"))
                .unwrap_or_default();
            let said: String = said.chars().take(200).collect();
            let said = if said.is_empty() {
                String::new()
            } else {
                format!("; it said: {said}")
            };
            Err(format!(
                "the Parquet decoder stopped on this file ({}), so it is damaged or needs more memory than the decoder may use (set {MEMORY_ENV} to change the cap); no rows read{said}",
                stopped_how(&output.status)
            ))
        }
    }
}

fn stopped_how(status: &std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("killed by signal {signal}");
        }
    }
    status
        .code()
        .map_or_else(|| "no exit code".into(), |c| format!("exit code {c}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records written by the child's writer read back, by the reader the
    /// parent uses, as the cells written: quotes, delimiters, line breaks,
    /// empty cells, and a record of one empty cell (not an empty line).
    #[test]
    fn cells_written_for_the_parent_read_back_as_written() {
        let records: [&[&str]; 5] = [
            &["session_id", "athlete_id", "notes"],
            &["a", "", "say \"hi\", twice"],
            &["", "b\nc", "d\re"],
            &[""],
            &["\"", ",", ""],
        ];
        let mut text = Vec::new();
        for cells in records {
            let start = text.len();
            for (index, cell) in cells.iter().enumerate() {
                push_field(&mut text, index, cell);
            }
            end_record(&mut text, start);
        }
        let text = String::from_utf8(text).unwrap();
        let mut read = Records::new(&text, 0, 1, b',');
        for cells in records {
            let record = read.next_record().expect("a record per record written");
            assert_eq!(record.iter().collect::<Vec<_>>(), cells, "{text:?}");
        }
        assert!(read.next_record().is_none());
    }
}
