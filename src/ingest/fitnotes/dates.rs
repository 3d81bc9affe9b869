//! Dates of the FitNotes Android export: the app writes `2018-10-12`; a
//! spreadsheet that re-saved the file writes `2/4/2017`, month first in
//! the US, day first elsewhere, decided from all the file's dates.

use chrono::NaiveDate;

/// Which number comes first in a date with slashes (a spreadsheet re-save).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SlashOrder {
    /// `2/4/2017` is 4 February (US spreadsheets).
    MonthFirst,
    /// `4/2/2017` is 4 February.
    DayFirst,
}

impl SlashOrder {
    /// Month first (the US spreadsheet habit), unless some date of the file
    /// (column `date_at` of its records) cannot be month first
    /// (`31/12/2017`) while none rules out day first.
    pub(super) fn detect(text: &str, date_at: usize) -> SlashOrder {
        let (mut day_first_seen, mut month_first_seen) = (false, false);
        let mut reader = crate::ingest::columns::reader(text);
        let mut record = csv::StringRecord::new();
        // The reader skips the header; a row it cannot read says nothing more.
        while reader.read_record(&mut record).unwrap_or(false) {
            let date = record.get(date_at).unwrap_or_default();
            let mut parts = date
                .trim()
                .split('/')
                .map(|p| p.parse::<u32>().unwrap_or(0));
            if let (Some(a), Some(b), Some(_)) = (parts.next(), parts.next(), parts.next()) {
                day_first_seen |= a > 12;
                month_first_seen |= b > 12;
            }
        }
        if day_first_seen && !month_first_seen {
            SlashOrder::DayFirst
        } else {
            SlashOrder::MonthFirst
        }
    }
}

/// `2018-10-12`, `2/4/2017` (in the file's slash order), `2017/02/04`, or
/// `04.02.2017`; a two-digit year is in 2000-2099.
pub(super) fn parse_date(text: &str, order: SlashOrder) -> Option<NaiveDate> {
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(date);
    }
    let separator = ['/', '.', '-'].into_iter().find(|s| text.contains(*s))?;
    let parts: Vec<&str> = text.split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let number = |t: &str| -> Option<u32> {
        (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let (year, month, day) = match (separator, order) {
        _ if a.len() == 4 => (a, b, c),
        ('/', SlashOrder::MonthFirst) => (c, a, b),
        _ => (c, b, a),
    };
    let year = match (year.len(), number(year)?) {
        (2, y) => 2000 + y,
        (4, y) => y,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, number(month)?, number(day)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_or_month_first_after_a_spreadsheet() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let us = SlashOrder::MonthFirst;
        assert_eq!(parse_date("2018-10-12", us), d(2018, 10, 12));
        assert_eq!(parse_date("2/4/2017", us), d(2017, 2, 4));
        assert_eq!(parse_date("2/4/17", us), d(2017, 2, 4));
        assert_eq!(parse_date("2/4/2017", SlashOrder::DayFirst), d(2017, 4, 2));
        assert_eq!(parse_date("04.02.2017", us), d(2017, 2, 4));
        assert_eq!(parse_date("2017/02/04", us), d(2017, 2, 4));
        for bad in [
            "2/30/2017",
            "13/13/2017",
            "2017-02",
            "",
            "2/4/201",
            "2/4/2017/1",
        ] {
            assert_eq!(parse_date(bad, us), None, "{bad}");
        }
    }

    #[test]
    fn slash_order_is_day_first_only_when_a_date_rules_out_month_first() {
        let order = SlashOrder::detect;
        assert_eq!(order("Date\n2/4/2017\n", 0), SlashOrder::MonthFirst);
        assert_eq!(
            order("x,Date\nx,2/4/2017\nx,31/3/2017\n", 1),
            SlashOrder::DayFirst
        );
        assert_eq!(
            order("Date\n31/3/2017\n3/31/2017\n", 0),
            SlashOrder::MonthFirst
        );
    }
}
