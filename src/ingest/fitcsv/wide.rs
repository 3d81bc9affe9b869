//! The wide `*_data.csv` that FitCSVTool writes in `--data` mode: one column
//! per `message.field[units]`, one row per Data message of the listed
//! messages. Every row repeats the last values of all the other messages, so
//! a row is a new message of a kind exactly when that kind's columns change.

use super::super::rows::{CsvRows, Row};
use super::long::Parsed;
use super::message::{csv_reader, first_record, Kind, Message};

/// Messages whose dotted columns mark a wide FitCSVTool file.
const MARKER_MESSAGES: [&str; 3] = ["session", "activity", "record"];

/// Whether the header has `session.`/`activity.`/`record.` columns and
/// `message.field[units]` columns, which no other sessions CSV has.
pub(super) fn sniff(text: &str) -> bool {
    let header = first_record(text);
    let marked = header
        .iter()
        .filter_map(|c| split_column(c))
        .any(|(message, _)| MARKER_MESSAGES.contains(&message));
    let with_units = header
        .iter()
        .any(|c| c.ends_with(']') && c.contains('[') && split_column(c).is_some());
    marked && with_units
}

/// `message.field[units]` (units optional) as (message, field).
fn split_column(name: &str) -> Option<(&str, &str)> {
    let name = name.trim();
    let bare = match name.find('[') {
        Some(i) if name.ends_with(']') => &name[..i],
        _ => name,
    };
    let (message, field) = bare.split_once('.')?;
    let snake = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    (snake(message) && !field.trim().is_empty()).then_some((message, field.trim()))
}

/// The columns of one message kind: (column index, field name).
struct Group {
    kind: Kind,
    columns: Vec<(usize, String)>,
    /// The values of the previous row, to see when a new message starts.
    previous: Vec<String>,
}

/// Reads the Data messages of a wide file, and the rows it could not read;
/// `Err` when it has no session columns.
pub(super) fn parse(text: &str) -> Result<Parsed, String> {
    let mut reader = csv_reader(text, true);
    let header = reader
        .headers()
        .map_err(|e| format!("unreadable header: {e}"))?
        .clone();
    let mut groups = groups(&header);
    if !groups.iter().any(|g| g.kind == Kind::Session) {
        return Err(no_session_reason(&header));
    }
    let mut parsed = Parsed::default();
    // A blank row is a row of unset values here, like any other.
    let mut rows = CsvRows::new(reader, 0).with_blank_rows();
    while let Some(row) = rows.next_row() {
        match row {
            Row::Bad(at, reason) => parsed.unreadable.push((at.line, reason)),
            Row::Fields(record, at) => {
                for group in &mut groups {
                    parsed.messages.extend(changed(group, record, at.line));
                }
            }
        }
    }
    Ok(parsed)
}

/// The groups of columns of the kinds this reader uses, in [`Kind`] order.
fn groups(header: &csv::StringRecord) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, cell) in header.iter().enumerate() {
        let Some((message, field)) = split_column(cell) else {
            continue;
        };
        let Some(kind) = Kind::from_name(message) else {
            continue;
        };
        match groups.iter_mut().find(|g| g.kind == kind) {
            Some(g) => g.columns.push((i, field.to_string())),
            None => groups.push(Group {
                kind,
                columns: vec![(i, field.to_string())],
                previous: Vec::new(),
            }),
        }
    }
    groups
}

/// A new message when this row's values of the group differ from the last row's.
fn changed(group: &mut Group, record: &csv::StringRecord, line: u64) -> Option<Message> {
    let values: Vec<String> = group
        .columns
        .iter()
        .map(|(i, _)| record.get(*i).unwrap_or("").trim().to_string())
        .collect();
    if values.iter().all(String::is_empty) || values == group.previous {
        return None;
    }
    let fields = group
        .columns
        .iter()
        .map(|(_, name)| name.clone())
        .zip(values.iter().cloned())
        .collect();
    group.previous = values;
    Some(Message {
        kind: group.kind,
        line,
        fields,
    })
}

/// Why a wide file without session columns is not read, naming what it has.
fn no_session_reason(header: &csv::StringRecord) -> String {
    let mut found: Vec<&str> = Vec::new();
    for (message, _) in header.iter().filter_map(split_column) {
        if !found.contains(&message) {
            found.push(message);
        }
    }
    format!(
        "a FitCSVTool --data (wide) file without session columns (it has: {}); \
         expected session.start_time and session.total_elapsed_time[s] columns",
        found.join(", ")
    )
}
