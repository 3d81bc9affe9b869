//! Values of FitNotes cells, both apps: numbers with a decimal point or a
//! decimal comma (the iOS export writes `"17,5"`), whole repetitions,
//! `h:mm:ss` times, distances with their unit, and where a column is in
//! the header (the weight column's name may carry the unit).

use crate::ingest::columns::{normalize_header, Column, Header};
use crate::model::WeightUnit;

/// The weight column, `Weight (kgs)`, `Weight (lbs)` or a plain `Weight`,
/// and the unit its name gives (`None` for a plain `Weight`, whose unit is
/// in a `Weight Unit` column or nowhere).
pub(super) fn weight_column(header: &Header) -> Option<(Column, Option<WeightUnit>)> {
    header.raw.iter().enumerate().find_map(|(index, raw)| {
        let name = normalize_header(raw);
        let unit = match name.strip_prefix("weight") {
            Some("") => None,
            // `Weight (kgs)`; a unit it does not know leaves the weights without one.
            Some(rest) => {
                let inner = rest.trim_start_matches('_').strip_prefix('(')?;
                WeightUnit::parse(inner.strip_suffix(')')?)
            }
            None => return None,
        };
        let col = Column {
            index,
            name: raw.clone(),
        };
        Some((col, unit))
    })
}

/// `None` for an empty cell, else the value `read` finds; `Err` gives the cell back.
pub(super) fn optional<T>(text: &str, read: impl Fn(&str) -> Option<T>) -> Result<Option<T>, &str> {
    if text.is_empty() {
        return Ok(None);
    }
    read(text).map(Some).ok_or(text)
}

pub(super) use crate::ingest::columns::number;

pub(super) use crate::ingest::columns::clock_s;

pub(super) use crate::ingest::gym::values::{metres_per, whole_reps};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_commas_and_points_are_both_read() {
        assert_eq!(number("17,5"), Some(17.5));
        assert_eq!(number("90.0"), Some(90.0));
        assert_eq!(number("-20"), Some(-20.0));
        assert_eq!(number("1,234.5"), None);
        assert_eq!(number("NaN"), None);
        assert_eq!(number(""), None);
    }

    #[test]
    fn distance_units_are_metres_and_kg_is_none() {
        assert_eq!(metres_per("mi"), Some(1609.344));
        assert_eq!(metres_per("KM"), Some(1000.0));
        assert_eq!(metres_per("m"), Some(1.0));
        assert_eq!(metres_per("kg"), None);
        assert_eq!(metres_per(""), None);
    }

    #[test]
    fn weight_column_names_give_their_unit() {
        let header = |cells: &[&str]| Header::new(&csv::StringRecord::from(cells.to_vec()));
        let unit = |cells: &[&str]| weight_column(&header(cells)).map(|(c, u)| (c.index, u));
        assert_eq!(
            unit(&["Date", "Weight (kgs)"]),
            Some((1, Some(WeightUnit::Kg)))
        );
        assert_eq!(unit(&["Weight (lbs)"]), Some((0, Some(WeightUnit::Lb))));
        assert_eq!(unit(&["Weight Unit", "Weight"]), Some((1, None)));
        assert_eq!(unit(&["BodyWeight", "Reps"]), None);
    }
}
