//! Tables with a row per session or flag (millions of rows): each row is
//! written cell by cell straight into CSV bytes, in parallel chunks, with no
//! string per cell; the same rows can be collected into a DataFrame for Parquet.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use polars::prelude::{Column, DataFrame, PolarsResult};
use rayon::prelude::*;

use super::write::{fixed_two_decimals, push_float};

/// A table whose rows are produced one at a time by index.
pub trait Rows: Sync {
    /// Column names, in order.
    fn columns(&self) -> &'static [&'static str];
    /// Number of rows.
    fn len(&self) -> usize;
    /// Whether the table has no rows.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Writes row `i`, one call per column in order.
    fn row(&self, i: usize, out: &mut dyn Cells);
}

/// Receives the cells of a row, one typed call per column.
pub trait Cells {
    /// A text cell; empty text is a missing value.
    fn text(&mut self, value: &str);
    /// A decimal cell (2 decimals for `_h` and `_pct` columns).
    fn float(&mut self, value: Option<f64>);
    /// A whole-number cell.
    fn int(&mut self, value: Option<u64>);
    /// A true/false cell.
    fn bool(&mut self, value: Option<bool>);
}

/// Rows per parallel chunk: big enough to amortise, small enough to bound memory.
const CHUNK_ROWS: usize = 32_768;

/// Writes `rows` as CSV (UTF-8, header, empty cells for missing values).
pub fn write_csv(rows: &dyn Rows, path: &Path) -> io::Result<()> {
    let mut file = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let names = rows.columns();
    let mut header = CsvCells::new(names);
    for name in names {
        header.text(name);
    }
    file.write_all(&header.buf)?;
    // A batch of chunks is formatted in parallel, then written in order, so
    // memory stays at a few chunks whatever the table's size.
    let batch_rows = CHUNK_ROWS * rayon::current_num_threads().max(1) * 2;
    let mut start = 0;
    while start < rows.len() {
        let end = (start + batch_rows).min(rows.len());
        let chunks: Vec<Vec<u8>> = (start..end)
            .step_by(CHUNK_ROWS)
            .collect::<Vec<usize>>()
            .into_par_iter()
            .map(|from| {
                let mut cells = CsvCells::new(names);
                for i in from..(from + CHUNK_ROWS).min(end) {
                    rows.row(i, &mut cells);
                }
                cells.buf
            })
            .collect();
        for chunk in chunks {
            file.write_all(&chunk)?;
        }
        start = end;
    }
    file.flush()
}

/// CSV bytes of rows: separators, quoting and number formats.
struct CsvCells {
    buf: Vec<u8>,
    two_decimals: Vec<bool>,
    column: usize,
}

impl CsvCells {
    fn new(names: &[&str]) -> CsvCells {
        CsvCells {
            buf: Vec::with_capacity(CHUNK_ROWS * 64),
            two_decimals: names.iter().map(|n| fixed_two_decimals(n)).collect(),
            column: 0,
        }
    }

    /// The separator before a cell, or the line end after the last one.
    fn begin(&mut self) -> bool {
        if self.column > 0 {
            self.buf.push(b',');
        }
        let two = self.two_decimals[self.column];
        self.column += 1;
        two
    }

    fn end(&mut self) {
        if self.column == self.two_decimals.len() {
            self.buf.push(b'\n');
            self.column = 0;
        }
    }
}

impl Cells for CsvCells {
    fn text(&mut self, value: &str) {
        self.begin();
        push_csv_text(&mut self.buf, value);
        self.end();
    }

    fn float(&mut self, value: Option<f64>) {
        let two = self.begin();
        if let Some(v) = value {
            push_float(&mut self.buf, v, two);
        }
        self.end();
    }

    fn int(&mut self, value: Option<u64>) {
        self.begin();
        if let Some(v) = value {
            self.buf
                .extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
        }
        self.end();
    }

    fn bool(&mut self, value: Option<bool>) {
        self.begin();
        match value {
            Some(true) => self.buf.extend_from_slice(b"true"),
            Some(false) => self.buf.extend_from_slice(b"false"),
            None => {}
        }
        self.end();
    }
}

/// A CSV field, quoted only when it holds a comma, quote or line break.
pub fn push_csv_text(buf: &mut Vec<u8>, value: &str) {
    let needs_quotes = value
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
    if !needs_quotes {
        buf.extend_from_slice(value.as_bytes());
        return;
    }
    buf.push(b'"');
    for b in value.bytes() {
        if b == b'"' {
            buf.push(b'"');
        }
        buf.push(b);
    }
    buf.push(b'"');
}

/// The rows as a typed DataFrame (text, Float64, UInt64, Boolean columns).
pub fn to_frame(rows: &dyn Rows) -> PolarsResult<DataFrame> {
    let mut collect = Collect {
        columns: rows.columns().iter().map(|_| Values::Unset).collect(),
        column: 0,
    };
    for i in 0..rows.len() {
        collect.column = 0;
        rows.row(i, &mut collect);
    }
    let columns = rows
        .columns()
        .iter()
        .zip(collect.columns)
        .map(|(name, values)| values.into_column(name))
        .collect();
    DataFrame::new(rows.len(), columns)
}

/// One column's values while collecting; its type is set by the first cell.
enum Values {
    Unset,
    Text(Vec<Option<String>>),
    Float(Vec<Option<f64>>),
    Int(Vec<Option<u64>>),
    Bool(Vec<Option<bool>>),
}

impl Values {
    fn into_column(self, name: &str) -> Column {
        let name = name.into();
        match self {
            Values::Unset => Column::new(name, Vec::<Option<String>>::new()),
            Values::Text(v) => Column::new(name, v),
            Values::Float(v) => Column::new(name, v),
            Values::Int(v) => Column::new(name, v),
            Values::Bool(v) => Column::new(name, v),
        }
    }
}

struct Collect {
    columns: Vec<Values>,
    column: usize,
}

impl Collect {
    fn next(&mut self) -> &mut Values {
        self.column += 1;
        &mut self.columns[self.column - 1]
    }
}

impl Cells for Collect {
    fn text(&mut self, value: &str) {
        let cell = (!value.is_empty()).then(|| value.to_string());
        match self.next() {
            Values::Text(v) => v.push(cell),
            slot => *slot = Values::Text(vec![cell]),
        }
    }

    fn float(&mut self, value: Option<f64>) {
        match self.next() {
            Values::Float(v) => v.push(value),
            slot => *slot = Values::Float(vec![value]),
        }
    }

    fn int(&mut self, value: Option<u64>) {
        match self.next() {
            Values::Int(v) => v.push(value),
            slot => *slot = Values::Int(vec![value]),
        }
    }

    fn bool(&mut self, value: Option<bool>) {
        match self.next() {
            Values::Bool(v) => v.push(value),
            slot => *slot = Values::Bool(vec![value]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Two;

    impl Rows for Two {
        fn columns(&self) -> &'static [&'static str] {
            &["name", "gap_h", "count", "ok"]
        }
        fn len(&self) -> usize {
            2
        }
        fn row(&self, i: usize, out: &mut dyn Cells) {
            out.text(["a,b", ""][i]);
            out.float([Some(1.125), None][i]);
            out.int([Some(3), None][i]);
            out.bool([Some(true), None][i]);
        }
    }

    #[test]
    fn csv_rows_quote_separators_and_leave_missing_cells_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        write_csv(&Two, &path).unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(text, "name,gap_h,count,ok\n\"a,b\",1.13,3,true\n,,,\n");
    }

    #[test]
    fn quotes_inside_text_are_doubled() {
        let mut buf = Vec::new();
        push_csv_text(&mut buf, "say \"hi\"");
        assert_eq!(buf, b"\"say \"\"hi\"\"\"");
    }

    #[test]
    fn collected_rows_keep_their_types() {
        let df = to_frame(&Two).unwrap();
        assert_eq!(df.shape(), (2, 4));
        let dtypes: Vec<String> = df.dtypes().iter().map(|d| d.to_string()).collect();
        assert_eq!(dtypes, ["str", "f64", "u64", "bool"]);
    }
}
