//! Tables with a row per session or flag (millions of rows): each row is
//! written cell by cell straight into CSV bytes, in parallel chunks, with no
//! string per cell; the same rows can be collected into a DataFrame for Parquet.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use polars::prelude::{Column, DataFrame, PolarsResult};
use rayon::prelude::*;

use super::write::{fixed_two_decimals, push_float};

/// The type a column has in Parquet (CSV cells are text either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text; an empty cell is an empty string.
    Text,
    /// 64-bit float.
    Float,
    /// Unsigned 32-bit whole number.
    U32,
    /// True or false.
    Bool,
}

/// A table whose rows are produced one at a time by index.
pub trait Rows: Sync {
    /// Column names and types, in order.
    fn columns(&self) -> &'static [(&'static str, Kind)];
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
    let names: Vec<&str> = rows.columns().iter().map(|(name, _)| *name).collect();
    let mut header = CsvCells::new(&names);
    for name in &names {
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
                let mut cells = CsvCells::new(&names);
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

/// The rows as a typed DataFrame, with the column types `columns` declares.
pub fn to_frame(rows: &dyn Rows) -> PolarsResult<DataFrame> {
    let mut collect = Collect {
        columns: rows
            .columns()
            .iter()
            .map(|(_, kind)| match kind {
                Kind::Text => Values::Text(Vec::with_capacity(rows.len())),
                Kind::Float => Values::Float(Vec::with_capacity(rows.len())),
                Kind::U32 => Values::U32(Vec::with_capacity(rows.len())),
                Kind::Bool => Values::Bool(Vec::with_capacity(rows.len())),
            })
            .collect(),
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
        .map(|((name, _), values)| values.into_column(name))
        .collect();
    DataFrame::new(rows.len(), columns)
}

/// One column's values while collecting.
enum Values {
    Text(Vec<String>),
    Float(Vec<Option<f64>>),
    U32(Vec<Option<u32>>),
    Bool(Vec<Option<bool>>),
}

impl Values {
    fn into_column(self, name: &str) -> Column {
        let name = name.into();
        match self {
            Values::Text(v) => Column::new(name, v),
            Values::Float(v) => Column::new(name, v),
            Values::U32(v) => Column::new(name, v),
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

// A cell of another type than its column declares is a programming error in
// a `Rows` implementation: it is not stored, so that column comes out short
// and building the frame fails with an error naming the table (no panic).
impl Cells for Collect {
    fn text(&mut self, value: &str) {
        if let Values::Text(v) = self.next() {
            v.push(value.to_string());
        }
    }

    fn float(&mut self, value: Option<f64>) {
        if let Values::Float(v) = self.next() {
            v.push(value);
        }
    }

    fn int(&mut self, value: Option<u64>) {
        if let Values::U32(v) = self.next() {
            v.push(value.and_then(|x| u32::try_from(x).ok()));
        }
    }

    fn bool(&mut self, value: Option<bool>) {
        if let Values::Bool(v) = self.next() {
            v.push(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` rows cycling through two shapes.
    struct Two(usize);

    impl Rows for Two {
        fn columns(&self) -> &'static [(&'static str, Kind)] {
            &[
                ("name", Kind::Text),
                ("gap_h", Kind::Float),
                ("count", Kind::U32),
                ("ok", Kind::Bool),
            ]
        }
        fn len(&self) -> usize {
            self.0
        }
        fn row(&self, i: usize, out: &mut dyn Cells) {
            let k = i % 2;
            out.text(["a,b", ""][k]);
            out.float([Some(1.125 + i as f64), None][k]);
            out.int([Some(i as u64), None][k]);
            out.bool([Some(true), None][k]);
        }
    }

    #[test]
    fn csv_rows_quote_separators_and_leave_missing_cells_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        write_csv(&Two(2), &path).unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(text, "name,gap_h,count,ok\n\"a,b\",1.13,0,true\n,,,\n");
    }

    #[test]
    fn quotes_inside_text_are_doubled() {
        let mut buf = Vec::new();
        push_csv_text(&mut buf, "say \"hi\"");
        assert_eq!(buf, b"\"say \"\"hi\"\"\"");
    }

    #[test]
    fn collected_rows_have_the_declared_types_even_when_empty() {
        for n in [0, 2] {
            let df = to_frame(&Two(n)).unwrap();
            assert_eq!(df.shape(), (n, 4));
            let dtypes: Vec<String> = df.dtypes().iter().map(|d| d.to_string()).collect();
            assert_eq!(dtypes, ["str", "f64", "u32", "bool"]);
        }
    }

    /// Many chunks formatted on several threads give the bytes of one
    /// sequential pass.
    #[test]
    fn parallel_chunks_write_the_same_bytes_as_one_thread() {
        let dir = tempfile::tempdir().unwrap();
        let rows = Two(CHUNK_ROWS * 5 + 17);
        let write_with = |threads: usize, name: &str| {
            let path = dir.path().join(name);
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| write_csv(&rows, &path).unwrap());
            std::fs::read(path).unwrap()
        };
        let one = write_with(1, "one.csv");
        let four = write_with(4, "four.csv");
        assert_eq!(one, four);
        let mut expected = Vec::new();
        let mut cells = CsvCells::new(&["name", "gap_h", "count", "ok"]);
        for i in 0..rows.0 {
            rows.row(i, &mut cells);
        }
        expected.extend_from_slice(b"name,gap_h,count,ok\n");
        expected.extend_from_slice(&cells.buf);
        assert_eq!(one, expected);
    }
}
