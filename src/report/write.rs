//! Writing tables to disk: CSV with numbers formatted for people (hours and
//! percentages with 2 decimals, other decimals as given) and Parquet.

use std::fs::File;
use std::path::Path;

use super::rows::piece::push_u64;
use super::rows::{self, Cells, Kind, Rows};

use polars::prelude::{
    polars_bail, BooleanChunked, DataFrame, DataType, Float64Chunked, ParquetWriter, PolarsResult,
    StringChunked, UInt64Chunked,
};

/// Whether a float column is shown with exactly 2 decimals (`_h`, `_pct`).
pub fn fixed_two_decimals(name: &str) -> bool {
    name.ends_with("_h") || name.ends_with("_pct")
}

/// Formats a float for a CSV cell.
pub fn format_float(value: f64, two_decimals: bool) -> String {
    let mut buf = Vec::new();
    push_float(&mut buf, value, two_decimals);
    String::from_utf8(buf).unwrap_or_default()
}

/// Appends a float as [`format_float`] formats it.
pub fn push_float(buf: &mut Vec<u8>, value: f64, two_decimals: bool) {
    use std::io::Write as _;
    // Fast paths for the common cells (whole seconds, 2-decimal hours): the
    // same text as the `write!` below, without the formatting machinery.
    if two_decimals {
        let hundredths = crate::model::round_half_away(value * 100.0);
        if hundredths.abs() < 1e15 && !(hundredths == 0.0 && hundredths.is_sign_negative()) {
            let k = hundredths as i64;
            if k < 0 {
                buf.push(b'-');
            }
            let k = k.unsigned_abs();
            push_u64(buf, k / 100);
            let decimals = [b'.', b'0' + (k % 100 / 10) as u8, b'0' + (k % 10) as u8];
            buf.extend_from_slice(&decimals);
            return;
        }
    } else if value.abs() < 1e15 && value == value as i64 as f64 && value != 0.0 {
        if value < 0.0 {
            buf.push(b'-');
        }
        push_u64(buf, value.abs() as u64);
        return;
    }
    // Writing into a Vec cannot fail.
    let _ = if two_decimals {
        // Half away from zero (0.125 -> 0.13), as people round; `{:.2}` rounds half to even.
        write!(buf, "{:.2}", (value * 100.0).round() / 100.0)
    } else {
        // Rust's shortest round-trip form: 3600 and 12.5, never 3600.0.
        write!(buf, "{value}")
    };
}

/// A small table's DataFrame as rows for the CSV writer of the big tables
/// (`rows::write_csv`): polars' own CSV writer set up buffers and threads
/// of about 10 MB for tables of a few rows.
struct FrameRows<'a> {
    columns: Vec<(&'a str, Kind)>,
    values: Vec<Values<'a>>,
    height: usize,
}

/// One column's values, by the types the report's tables use.
enum Values<'a> {
    Text(&'a StringChunked),
    Float(&'a Float64Chunked),
    Count(&'a UInt64Chunked),
    Bool(&'a BooleanChunked),
}

impl<'a> FrameRows<'a> {
    fn new(df: &'a DataFrame) -> PolarsResult<FrameRows<'a>> {
        let mut columns = Vec::with_capacity(df.width());
        let mut values = Vec::with_capacity(df.width());
        for c in df.columns() {
            let (kind, value) = match c.dtype() {
                DataType::String => (Kind::Text, Values::Text(c.str()?)),
                DataType::Float64 => (Kind::Float, Values::Float(c.f64()?)),
                // The kind only types Parquet columns: these rows are CSV only.
                DataType::UInt64 => (Kind::U32, Values::Count(c.u64()?)),
                DataType::Boolean => (Kind::Bool, Values::Bool(c.bool()?)),
                other => {
                    polars_bail!(ComputeError: "column {} of type {other} in a report table", c.name())
                }
            };
            columns.push((c.name().as_str(), kind));
            values.push(value);
        }
        Ok(FrameRows {
            columns,
            values,
            height: df.height(),
        })
    }
}

impl Rows for FrameRows<'_> {
    fn columns(&self) -> &[(&str, Kind)] {
        &self.columns
    }

    fn len(&self) -> usize {
        self.height
    }

    fn row(&self, i: usize, out: &mut dyn Cells) {
        for values in &self.values {
            match values {
                Values::Text(v) => out.text(v.get(i).unwrap_or("")),
                Values::Float(v) => out.float(v.get(i)),
                Values::Count(v) => out.int(v.get(i)),
                Values::Bool(v) => out.bool(v.get(i)),
            }
        }
    }
}

/// Writes `df` as CSV (UTF-8, header, empty cells for missing values and
/// empty text, floats as [`format_float`] formats them).
pub fn write_csv(df: &DataFrame, path: &Path) -> PolarsResult<()> {
    rows::write_csv(&FrameRows::new(df)?, path)?;
    Ok(())
}

/// Writes `df` as Parquet.
pub fn write_parquet(df: &DataFrame, path: &Path) -> PolarsResult<()> {
    let file = File::create(path)?;
    let mut df = df.clone();
    ParquetWriter::new(file).finish(&mut df)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_and_percentages_get_two_decimals() {
        assert_eq!(format_float(5.5, true), "5.50");
        assert_eq!(format_float(100.0, true), "100.00");
        assert_eq!(format_float(0.125, true), "0.13");
    }

    #[test]
    fn other_floats_keep_their_decimals_without_trailing_zeros() {
        assert_eq!(format_float(3600.0, false), "3600");
        assert_eq!(format_float(12.345, false), "12.345");
    }

    #[test]
    fn fast_paths_give_the_same_text_as_the_formatter() {
        let slow = |v: f64, two: bool| {
            if two {
                format!("{:.2}", (v * 100.0).round() / 100.0)
            } else {
                format!("{v}")
            }
        };
        let values = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.005,
            0.015,
            0.125,
            -0.125,
            2.675,
            3600.0,
            5.5,
            12.345,
            -0.001,
            99.995,
            1e14,
            1e15,
            1e16,
            123456.789,
            f64::NAN,
            f64::INFINITY,
        ];
        for v in values {
            for two in [true, false] {
                assert_eq!(format_float(v, two), slow(v, two), "{v} two={two}");
            }
        }
        let mut x = 0.0001_f64;
        while x < 1e7 {
            for v in [x, -x, x.round()] {
                assert_eq!(format_float(v, true), slow(v, true), "{v}");
                assert_eq!(format_float(v, false), slow(v, false), "{v}");
            }
            x *= 1.37;
        }
    }

    #[test]
    fn small_tables_are_written_with_empty_cells_quotes_and_two_decimals() {
        use polars::prelude::{Column, NamedFrom, Series};
        let col = |name: &str, s: Series| Column::from(s.with_name(name.into()));
        let df = DataFrame::new_infer_height(vec![
            col("group", Series::new("".into(), ["a,b", "", "say \"hi\""])),
            col(
                "sessions",
                Series::new("".into(), [Some(3u64), None, Some(0)]),
            ),
            col(
                "gap_h",
                Series::new("".into(), [Some(0.125), None, Some(2.0)]),
            ),
            col(
                "ok",
                Series::new("".into(), [Some(true), None, Some(false)]),
            ),
        ])
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        write_csv(&df, &path).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "group,sessions,gap_h,ok\n\"a,b\",3,0.13,true\n,,,\n\"say \"\"hi\"\"\",0,2.00,false\n"
        );
    }

    #[test]
    fn a_column_of_another_type_is_an_error() {
        use polars::prelude::{Column, NamedFrom, Series};
        let s = Series::new("n".into(), [1i32]);
        let df = DataFrame::new_infer_height(vec![Column::from(s)]).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let error = write_csv(&df, &dir.path().join("t.csv")).unwrap_err();
        assert!(
            error.to_string().contains("column n of type i32"),
            "{error}"
        );
    }

    #[test]
    fn column_names_decide_the_format() {
        assert!(fixed_two_decimals("gap_h") && fixed_two_decimals("strength_compliance_pct"));
        assert!(!fixed_two_decimals("duration_s"));
    }
}
