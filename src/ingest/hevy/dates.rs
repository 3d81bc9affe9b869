//! Hevy's `start_time` and `end_time`, local wall-clock times written in
//! the phone's locale: `12 Sep 2024, 21:46`, US `Jun 11, 2026, 1:01 PM`
//! (maybe with U+202F before PM), and month names of the app's language
//! (`5 Mai 2026, 07:34`). The words are taken in any order: one month
//! name, a day, a four-digit year and a time of day.

use chrono::{NaiveDate, NaiveDateTime};

use crate::ingest::gym::values::{clock, plain_spaces, split_meridiem};
use crate::ingest::month_names::month_number;
use crate::ingest::numeric_dates::small_number;
use crate::ingest::timefmt::parse_time;
use crate::model::StartTime;

/// What a date should look like, for messages.
pub(super) const EXPECTED: &str =
    "expected a local date-time like '12 Sep 2024, 21:46' or 'Jun 11, 2026, 1:01 PM'";

/// Words between the parts of a date in some locales (`5 de mai de 2026`).
const FILLERS: [&str; 5] = ["de", "del", "at", "à", "um"];

/// A Hevy date-time as a local wall-clock time; `None` when it is not one
/// of the forms above (or ISO `2024-09-12 21:46`, as a spreadsheet may
/// re-save it).
pub(super) fn parse_local(text: &str) -> Option<NaiveDateTime> {
    if let Some(StartTime::Naive(t)) = parse_time(text) {
        return Some(t);
    }
    let text = plain_spaces(text);
    let (text, meridiem) = split_meridiem(&text);
    let (mut day, mut month_no, mut year, mut time) = (None, None, None, None);
    for word in text.split([' ', ',']).filter(|w| !w.is_empty()) {
        // A second time, day, year or month, or a word that is none of them.
        let bad = if word.contains(':') {
            time.replace(clock(word, meridiem)?).is_some()
        } else if word.bytes().all(|b| b.is_ascii_digit()) {
            let (slot, digits) = match word.len() {
                4 => (&mut year, 4..=4),
                _ => (&mut day, 1..=2),
            };
            slot.replace(small_number(word, digits)?).is_some()
        } else if let Some(m) = month_number(word) {
            month_no.replace(m).is_some()
        } else {
            !FILLERS.contains(&word.to_lowercase().as_str())
        };
        if bad {
            return None;
        }
    }
    let date = NaiveDate::from_ymd_opt(year? as i32, month_no?, day?)?;
    Some(date.and_time(time?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(text: &str) -> Option<NaiveDateTime> {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").ok()
    }

    fn reads(cases: &[(&str, &str)]) {
        for (text, expected) in cases {
            assert_eq!(parse_local(text), local(expected), "{text}");
        }
    }

    #[test]
    fn english_day_month_year_is_read() {
        reads(&[
            ("12 Sep 2024, 21:46", "2024-09-12 21:46"),
            ("9 Apr 2026, 07:05", "2026-04-09 07:05"),
            ("2 Sept 2024, 21:46", "2024-09-02 21:46"),
            ("2024-09-12 21:46", "2024-09-12 21:46"),
        ]);
    }

    #[test]
    fn us_month_day_year_reads_the_twelve_hour_clock() {
        reads(&[
            ("Jun 11, 2026, 1:01 PM", "2026-06-11 13:01"),
            ("Jun 11, 2026, 12:30 AM", "2026-06-11 00:30"),
            ("Jun 11, 2026, 12:30 PM", "2026-06-11 12:30"),
        ]);
    }

    #[test]
    fn no_break_spaces_are_read_as_spaces() {
        reads(&[
            ("Jun 11, 2026, 1:01\u{202f}PM", "2026-06-11 13:01"),
            ("11\u{a0}Jun 2026, 13:01", "2026-06-11 13:01"),
        ]);
    }

    #[test]
    fn portuguese_month_names_are_read() {
        reads(&[
            ("5 Fev 2026, 07:34", "2026-02-05 07:34"),
            ("5 Abr 2026, 07:34", "2026-04-05 07:34"),
            ("5 Mai 2026, 07:34", "2026-05-05 07:34"),
            ("5 Ago 2025, 07:34", "2025-08-05 07:34"),
            ("5 Set 2025, 07:34", "2025-09-05 07:34"),
            ("5 Out 2025, 07:34", "2025-10-05 07:34"),
            ("5 Dez 2025, 07:34", "2025-12-05 07:34"),
        ]);
    }

    #[test]
    fn spanish_german_french_dutch_and_italian_month_names_are_read() {
        reads(&[
            ("3 ene 2025, 08:00", "2025-01-03 08:00"),
            ("3 de dic de 2025, 08:00", "2025-12-03 08:00"),
            ("3 Mär 2025, 08:00", "2025-03-03 08:00"),
            ("3 Okt 2025, 08:00", "2025-10-03 08:00"),
            ("3 févr. 2025, 08:00", "2025-02-03 08:00"),
            ("3 déc. 2025, 08:00", "2025-12-03 08:00"),
            ("3 juil. 2025, 08:00", "2025-07-03 08:00"),
            ("3 mrt 2025, 08:00", "2025-03-03 08:00"),
            ("3 mei 2025, 08:00", "2025-05-03 08:00"),
            ("3 gen 2025, 08:00", "2025-01-03 08:00"),
            ("3 giu 2025, 08:00", "2025-06-03 08:00"),
            ("3 ott 2025, 08:00", "2025-10-03 08:00"),
        ]);
    }

    #[test]
    fn impossible_or_incomplete_dates_are_not_dates() {
        for bad in [
            "30 Feb 2025, 08:00",
            "3 Foo 2025, 08:00",
            "3 Feb 2025",
            "Feb 2025, 08:00",
            "3 Feb 2025, 13:00 PM",
            "3 Feb 2025, 08:00, 09:00",
            "3 4 Feb 2025, 08:00",
            "3 Feb Mar 2025, 08:00",
            "",
        ] {
            assert_eq!(parse_local(bad), None, "{bad}");
        }
    }
}
