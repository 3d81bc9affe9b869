//! The rows of a big table collected into a typed DataFrame, for Parquet.

use polars::prelude::{Column, DataFrame, PolarsResult};

use super::{Cells, Kind, Rows};

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
    use crate::report::rows::tests::Two;

    #[test]
    fn collected_rows_have_the_declared_types_even_when_empty() {
        for n in [0, 2] {
            let df = to_frame(&Two(n)).unwrap();
            assert_eq!(df.shape(), (n, 4));
            let dtypes: Vec<String> = df.dtypes().iter().map(|d| d.to_string()).collect();
            assert_eq!(dtypes, ["str", "f64", "u32", "bool"]);
        }
    }
}
