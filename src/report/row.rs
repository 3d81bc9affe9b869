//! What a report table's rows are made of: the [`Kind`] of each column and
//! the [`Cells`] a row hands over, one typed call per column, to a writer
//! of CSV text or of Parquet columns.

use super::stamp;

/// The type a column has in Parquet (CSV cells are text either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// UTF-8 text; an empty cell is an empty string.
    Text,
    /// UTF-8 text whose values repeat from row to row (groups, modalities,
    /// rules, an athlete's id in a table sorted by athlete): written in
    /// Parquet as a dictionary of the distinct values.
    Label,
    /// 64-bit float.
    Float,
    /// 64-bit float, written in CSV with 2 decimals (as `_h` and `_pct`
    /// columns are): load tables.
    Fixed2,
    /// Unsigned 32-bit whole number.
    U32,
    /// Unsigned 64-bit whole number (counts).
    U64,
    /// True or false.
    Bool,
    /// An instant, UTC microseconds: `2026-01-05T07:00:00Z` in CSV, a
    /// TIMESTAMP (microseconds, UTC) in Parquet, so that readers get a
    /// time they can compute with rather than text to parse.
    Instant,
    /// A calendar date, days since 1970-01-01: `2026-01-05` in CSV, a DATE
    /// in Parquet.
    Date,
}

/// Receives the cells of a row, one typed call per column.
pub(super) trait Cells {
    /// A text cell; empty text is a missing value in CSV, an empty string
    /// in Parquet.
    fn text(&mut self, value: &str);
    /// A text cell that may be missing (a null in Parquet; empty in CSV).
    fn maybe_text(&mut self, value: Option<&str>) {
        self.text(value.unwrap_or(""));
    }
    /// A text cell known to need no quoting (see `needs_quotes`): time
    /// stamps, names checked once per table rather than once per row.
    fn plain_text(&mut self, value: &str) {
        self.text(value);
    }
    /// A cell of a [`Kind::Label`] column with the number its table gives
    /// the value (an athlete's position, a modality's): within a column,
    /// one number always stands for the same text (two numbers may share
    /// one). Parquet finds the value's dictionary key by the number,
    /// without comparing text; CSV writes the text.
    fn label(&mut self, _number: u64, value: &str) {
        self.text(value);
    }
    /// A decimal cell (2 decimals for `_h` and `_pct` columns).
    fn float(&mut self, value: Option<f64>);
    /// A whole-number cell.
    fn int(&mut self, value: Option<u64>);
    /// A true/false cell.
    fn bool(&mut self, value: Option<bool>);
    /// A [`Kind::Instant`] cell: UTC microseconds.
    fn instant(&mut self, utc_us: i64) {
        self.plain_text(stamp::utc(utc_us).as_str());
    }
    /// A [`Kind::Date`] cell: days since 1970-01-01.
    fn date(&mut self, epoch_days: i64) {
        self.plain_text(stamp::date(epoch_days).as_str());
    }
}
