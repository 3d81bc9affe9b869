//! Start dates of Garmin Connect lists, all local wall-clock time: ISO
//! (`2024-03-02 07:15:00`), spreadsheet re-saves (`12/11/20 11:59`,
//! `11.12.2020 11:59`) and the 2012 layout's `Fr, 25 Mai 2012 20:31` with
//! month names in the supported languages.

use chrono::{NaiveDate, NaiveTime};

use super::duration::decimal;
use crate::ingest::month_names::month_number;
pub(super) use crate::ingest::numeric_dates::SlashOrder;
use crate::ingest::numeric_dates::{number, numeric_date, year_of};
use crate::ingest::timefmt::parse_time;
use crate::model::StartTime;

/// What a date should look like, for messages.
pub(super) const EXPECTED: &str = "expected a local date-time like '2024-03-02 07:15:00', '12/11/20 11:59' (month/day/year) or 'Fr, 25 Mai 2012 20:31'";

/// Reads a start; a date without a time of day is a date-only start.
pub(super) fn parse_start(text: &str, order: SlashOrder) -> Option<StartTime> {
    if let Some(t) = parse_time(text) {
        return Some(t);
    }
    let cleaned = text.replace([',', '\u{a0}', '\u{202f}'], " ");
    let tokens: Vec<&str> = cleaned.split_whitespace().collect();
    let clock_at = tokens
        .iter()
        .position(|t| t.contains(':'))
        .unwrap_or(tokens.len());
    let (date_tokens, clock_tokens) = tokens.split_at(clock_at);
    let date = parse_date(date_tokens, order)?;
    if clock_tokens.is_empty() {
        return Some(StartTime::Date(date));
    }
    let time = parse_clock(clock_tokens)?;
    Some(StartTime::Naive(date.and_time(time)))
}

fn parse_date(tokens: &[&str], order: SlashOrder) -> Option<NaiveDate> {
    match tokens {
        [numeric] => numeric_date(numeric, order),
        [a, b, c] => named_date(a, b, c),
        // A leading weekday ("Fr", "Sun", "mar.") says nothing the date does not.
        [_, a, b, c] => named_date(a, b, c),
        _ => None,
    }
}

/// `25 Mai 2012` or `May 25 2012` (commas already removed).
fn named_date(a: &str, b: &str, c: &str) -> Option<NaiveDate> {
    let (day, month) = match (month_number(a), month_number(b)) {
        (None, Some(m)) => (a, m),
        (Some(m), None) => (b, m),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year_of(c)?, month, number(day.trim_end_matches('.'))?)
}

/// `20:31`, `7:15:00`, `11:59:30.5` or `1:14 PM`.
fn parse_clock(tokens: &[&str]) -> Option<NaiveTime> {
    let (clock, meridiem) = match tokens {
        [clock] => (clock, None),
        [clock, m] => (clock, Some(m.to_ascii_lowercase().replace('.', ""))),
        _ => return None,
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let (h, m, s) = match parts.as_slice() {
        [h, m] => (number(h)?, number(m)?, "0"),
        [h, m, s] => (number(h)?, number(m)?, *s),
        _ => return None,
    };
    let seconds = decimal(s)?;
    let hour = match meridiem.as_deref() {
        None => h,
        Some("am") if (1..=12).contains(&h) => h % 12,
        Some("pm") if (1..=12).contains(&h) => h % 12 + 12,
        Some(_) => return None,
    };
    // Capped so that rounding never makes a leap second.
    let micros = ((seconds.fract() * 1e6).round() as u32).min(999_999);
    NaiveTime::from_hms_micro_opt(hour, m, seconds.trunc() as u32, micros)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(text: &str) -> StartTime {
        StartTime::Naive(chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap())
    }

    #[test]
    fn iso_local_times_are_naive() {
        let got = parse_start("2024-03-02 07:15:00", SlashOrder::MonthFirst);
        assert_eq!(got, Some(naive("2024-03-02 07:15:00")));
    }

    #[test]
    fn us_spreadsheet_dates_are_month_first_with_two_digit_years() {
        let got = parse_start("12/11/20 11:59", SlashOrder::MonthFirst);
        assert_eq!(got, Some(naive("2020-12-11 11:59:00")));
        let got = parse_start("3/30/2018 3:18:30 PM", SlashOrder::MonthFirst);
        assert_eq!(got, Some(naive("2018-03-30 15:18:30")));
    }

    #[test]
    fn slash_order_turns_day_first_only_on_evidence() {
        let order = SlashOrder::detect(["12/11/20 11:59", "31/10/20 08:00"].into_iter());
        assert_eq!(order, SlashOrder::DayFirst);
        let got = parse_start("12/11/20 11:59", order);
        assert_eq!(got, Some(naive("2020-11-12 11:59:00")));
        let order = SlashOrder::detect(["12/11/20 11:59", "4/13/18 9:48"].into_iter());
        assert_eq!(order, SlashOrder::MonthFirst);
        assert_eq!(
            SlashOrder::detect(["2024-01-01"].into_iter()),
            SlashOrder::MonthFirst
        );
    }

    #[test]
    fn dotted_dates_are_day_first() {
        let got = parse_start("11.12.2020 06:05", SlashOrder::MonthFirst);
        assert_eq!(got, Some(naive("2020-12-11 06:05:00")));
        let got = parse_start("2024-3-2 7:15", SlashOrder::DayFirst);
        assert_eq!(got, Some(naive("2024-03-02 07:15:00")));
    }

    #[test]
    fn month_names_with_weekdays_in_several_languages() {
        let cases = [
            ("Fr, 25 Mai 2012 20:31", "2012-05-25 20:31:00"),
            ("Sun, 4 Nov 2012 10:50", "2012-11-04 10:50:00"),
            ("Fri, May 25, 2012 8:31 PM", "2012-05-25 20:31:00"),
            ("ven. 25 mai 2012 20:31", "2012-05-25 20:31:00"),
            ("25 dic. 2012 07:00:05", "2012-12-25 07:00:05"),
            ("Di, 22. März 2012 19:56", "2012-03-22 19:56:00"),
        ];
        for (text, want) in cases {
            assert_eq!(
                parse_start(text, SlashOrder::MonthFirst),
                Some(naive(want)),
                "{text}"
            );
        }
    }

    #[test]
    fn date_without_time_is_date_only() {
        let got = parse_start("12/11/2020", SlashOrder::MonthFirst);
        assert_eq!(
            got,
            Some(StartTime::Date(
                NaiveDate::from_ymd_opt(2020, 12, 11).unwrap()
            ))
        );
    }

    #[test]
    fn impossible_or_foreign_values_are_not_dates() {
        for text in [
            "13/13/20 10:00",
            "2/30/20 10:00",
            "25 Foo 2012 20:31",
            "12/11/20 25:00",
            "12/11/20 13:00 PM",
            "12/11/20 11:59:60",
            "--",
            "",
            "99999/1/1 1:00",
            "1/1/123 1:00",
        ] {
            assert_eq!(parse_start(text, SlashOrder::MonthFirst), None, "{text}");
        }
    }
}
