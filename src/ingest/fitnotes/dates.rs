//! Dates of the FitNotes Android export: the app writes `2018-10-12`; a
//! spreadsheet that re-saved the file writes `2/4/2017`, month first in
//! the US, day first elsewhere, decided from all the file's dates.

use chrono::NaiveDate;

pub(super) use crate::ingest::numeric_dates::SlashOrder;

/// The slash order of the dates in column `date_at` of the file's records.
pub(super) fn slash_order(text: &str, date_at: usize) -> SlashOrder {
    // The app writes ISO dates: only a re-saved file needs a second read.
    if !text.contains('/') {
        return SlashOrder::MonthFirst;
    }
    let mut reader = crate::ingest::columns::reader(text);
    let mut record = csv::StringRecord::new();
    let mut dates = Vec::new();
    // The reader skips the header; a row it cannot read says nothing more.
    while reader.read_record(&mut record).unwrap_or(false) {
        dates.push(record.get(date_at).unwrap_or_default().to_string());
    }
    SlashOrder::detect(dates.iter().map(String::as_str))
}

/// `2018-10-12`, or a spreadsheet's all-numeric date (`2/4/2017` in the
/// file's slash order, `2017/02/04`, `04.02.2017`).
pub(super) fn parse_date(text: &str, order: SlashOrder) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .or_else(|| crate::ingest::numeric_dates::numeric_date(text, order))
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
        let order = slash_order;
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
