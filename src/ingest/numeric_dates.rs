//! Dates as spreadsheets write them, all numbers: `12/11/20`, `11.12.2020`,
//! `11-12-2020` or `2017/02/04`, and which number is the month when slashes
//! leave it open, decided from all of a file's dates (`SlashOrder`). Shared
//! by the exports that a spreadsheet may have re-saved (Garmin Connect,
//! FitNotes).

use chrono::NaiveDate;

/// Which number comes first in an all-numeric date with slashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SlashOrder {
    /// US spreadsheets: `12/31/20`.
    MonthFirst,
    /// Most other locales: `31/12/20`.
    DayFirst,
}

impl SlashOrder {
    /// Month first (the US spreadsheet habit), unless some date of the file
    /// cannot be month first (`31/12/20`) while none rules out day first.
    pub(crate) fn detect<'a>(values: impl Iterator<Item = &'a str>) -> SlashOrder {
        let (mut day_first_seen, mut month_first_seen) = (false, false);
        for v in values {
            let mut parts = v.trim().split('/').map(|p| p.parse::<u32>().unwrap_or(0));
            let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
                continue;
            };
            day_first_seen |= a > 12;
            month_first_seen |= b > 12;
        }
        if day_first_seen && !month_first_seen {
            SlashOrder::DayFirst
        } else {
            SlashOrder::MonthFirst
        }
    }
}

/// `12/11/20`, `11.12.2020` or `11-12-2020` (year last, two or four digits),
/// or `2017/02/04` (year first).
pub(crate) fn numeric_date(token: &str, order: SlashOrder) -> Option<NaiveDate> {
    let separator = ['/', '.', '-'].into_iter().find(|s| token.contains(*s))?;
    let parts: Vec<&str> = token.split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (year, month, day) = match (separator, order) {
        _ if a.len() == 4 => (a, b, c),
        ('/', SlashOrder::MonthFirst) => (c, a, b),
        _ => (c, b, a),
    };
    NaiveDate::from_ymd_opt(year_of(year)?, number(month)?, number(day)?)
}

/// A four-digit year, or a two-digit one read as 1970-2069 as spreadsheets do.
pub(crate) fn year_of(text: &str) -> Option<i32> {
    let year = number(text)? as i32;
    match text.len() {
        4 => Some(year),
        2 if year < 70 => Some(2000 + year),
        2 => Some(1900 + year),
        _ => None,
    }
}

/// A number of `digits` ASCII digits (no sign, no spaces).
pub(crate) fn small_number(text: &str, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
    (digits.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// A date or time part: one to four digits.
pub(crate) fn number(text: &str) -> Option<u32> {
    small_number(text, 1..=4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_digit_years_are_1970_to_2069_as_spreadsheets_read_them() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let us = SlashOrder::MonthFirst;
        assert_eq!(numeric_date("2/4/17", us), d(2017, 2, 4));
        assert_eq!(numeric_date("2/4/69", us), d(2069, 2, 4));
        assert_eq!(numeric_date("2/4/70", us), d(1970, 2, 4));
        assert_eq!(numeric_date("2017/02/04", us), d(2017, 2, 4));
        assert_eq!(numeric_date("04.02.2017", us), d(2017, 2, 4));
        assert_eq!(
            numeric_date("2/4/2017", SlashOrder::DayFirst),
            d(2017, 4, 2)
        );
        assert_eq!(numeric_date("2/4/201", us), None);
    }
}
