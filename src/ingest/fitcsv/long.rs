//! The long form of FitCSVTool output: a header `Type,Local Number,Message,
//! Field 1,Value 1,Units 1,...`, then one row per FIT Definition or Data
//! message with its fields as (name, value, units) triples. Rows are ragged:
//! each is as long as its own message needs, or padded to the header.

use super::super::rows::{CsvRows, Row};
use super::message::{csv_reader, first_record, Kind, Message};

/// The first three header cells of the long form.
const HEADER_START: [&str; 3] = ["Type", "Local Number", "Message"];

/// Cells before the first (name, value, units) triple.
const LEADING_CELLS: usize = 3;

/// Whether the first line is the long-form header (quoted or not).
pub(super) fn sniff(text: &str) -> bool {
    let header = first_record(text);
    header.len() >= HEADER_START.len()
        && header
            .iter()
            .zip(HEADER_START)
            .all(|(cell, want)| cell == want)
}

/// The Data messages this reader uses, and the records the CSV parser could not read.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    /// Data messages of the kinds in [`Kind`], in file order.
    pub(crate) messages: Vec<Message>,
    /// (line, reason) of records that are not readable CSV.
    pub(crate) unreadable: Vec<(u64, String)>,
}

/// Reads every row of a long-form text (header included in the count of lines).
pub(super) fn parse(text: &str) -> Parsed {
    let mut rows = CsvRows::new(csv_reader(text, true), 0);
    let mut parsed = Parsed::default();
    while let Some(row) = rows.next_row() {
        match row {
            Row::Bad(at, reason) => parsed.unreadable.push((at.line, reason)),
            Row::Fields(record, _) => parsed.messages.extend(message(record)),
        }
    }
    parsed
}

/// The message of a Data row of a kind this reader uses.
fn message(record: &csv::StringRecord) -> Option<Message> {
    if record.get(0)?.trim() != "Data" {
        return None;
    }
    let kind = Kind::from_name(record.get(2)?.trim())?;
    let cells: Vec<&str> = record.iter().skip(LEADING_CELLS).collect();
    let fields = cells
        .chunks(3)
        .filter_map(|triple| {
            let name = triple[0].trim();
            let value = triple.get(1).map_or("", |v| v.trim());
            (!name.is_empty()).then(|| (name.to_string(), value.to_string()))
        })
        .collect();
    Some(Message {
        kind,
        line: record.position().map_or(0, |p| p.line()),
        fields,
    })
}
