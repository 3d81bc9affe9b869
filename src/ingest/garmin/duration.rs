//! Durations of Garmin Connect lists: `01:02:03`, `1:02:03.4`, `45:10`, and
//! deciding per column what a two-part value means. Garmin writes `45:10` for
//! 45 min 10 s in lists whose longer values have hours (`1:05:11`), but some
//! exports and spreadsheet re-saves write hours and minutes only (`0:45`).

/// What a duration should look like, for messages.
pub(super) const EXPECTED: &str = "expected hours:minutes:seconds like '01:02:03' or '1:02:03.4', or minutes:seconds like '45:10'";

/// What a two-part value `a:b` means in one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TwoPart {
    /// `45:10` is 45 min 10 s.
    MinSec,
    /// `0:45` is 45 min.
    HourMin,
}

/// How a column's two-part values are read, and whether that was a guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Reading {
    /// The meaning of `a:b`.
    pub(crate) two_part: TwoPart,
    /// True when every value has two parts, so only their size decided.
    pub(crate) guessed: bool,
}

impl Reading {
    /// Decides from all values of a column. A three-part value, or seconds
    /// with a fraction, show that the column writes minutes:seconds below an
    /// hour. With two-part values only, a first part of 10 or more means
    /// minutes (a list of sessions of ten hours and more is unlikely); smaller
    /// ones mean hours, as a list of sessions all under ten minutes is too.
    pub(super) fn detect<'a>(values: impl Iterator<Item = &'a str>) -> Reading {
        let mut largest_first: Option<u64> = None;
        for v in values.map(str::trim).filter(|v| !is_missing(v)) {
            let parts: Vec<&str> = v.split(':').collect();
            match parts.as_slice() {
                [_, _, _] => return Reading::sure(TwoPart::MinSec),
                [_, s] if s.contains(['.', ',']) => return Reading::sure(TwoPart::MinSec),
                [a, _] => {
                    let first = a.parse::<u64>().unwrap_or(0);
                    largest_first = largest_first.max(Some(first));
                }
                _ => {}
            }
        }
        match largest_first {
            None => Reading::sure(TwoPart::MinSec),
            Some(n) if n >= 10 => Reading::guess(TwoPart::MinSec),
            Some(_) => Reading::guess(TwoPart::HourMin),
        }
    }

    fn sure(two_part: TwoPart) -> Reading {
        Reading {
            two_part,
            guessed: false,
        }
    }

    fn guess(two_part: TwoPart) -> Reading {
        Reading {
            two_part,
            guessed: true,
        }
    }
}

/// Whether a value means "no value": empty, `--`, `--:--:--`, `NaN` or
/// `0:NaN:NaN` (a spreadsheet's broken time).
pub(super) fn is_missing(text: &str) -> bool {
    let t = text.trim();
    t.chars().all(|c| c == '-' || c == ':') || t.split(':').any(|p| p.eq_ignore_ascii_case("nan"))
}

/// Seconds of a duration, `None` when it is not one of the accepted forms.
pub(super) fn parse_duration_s(text: &str, two_part: TwoPart) -> Option<f64> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    match (parts.as_slice(), two_part) {
        ([h, m, s], _) => Some(whole(h)? * 3600.0 + minutes(m)? * 60.0 + seconds(s)?),
        ([m, s], TwoPart::MinSec) => Some(whole(m)? * 60.0 + seconds(s)?),
        ([h, m], TwoPart::HourMin) => Some(whole(h)? * 3600.0 + minutes(m)? * 60.0),
        _ => None,
    }
}

/// A whole number of up to six digits.
fn whole(text: &str) -> Option<f64> {
    let ok = (1..=6).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok()).flatten()
}

fn minutes(text: &str) -> Option<f64> {
    whole(text).filter(|m| *m < 60.0)
}

fn seconds(text: &str) -> Option<f64> {
    decimal(text).filter(|s| *s < 60.0)
}

/// A number >= 0 of digits with an optional `.` or `,` fraction (`56.9`, `30,75`).
pub(super) fn decimal(text: &str) -> Option<f64> {
    let (int, frac) = text.split_once(['.', ',']).unwrap_or((text, "0"));
    let digits = |s: &str| !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(int) && digits(frac)) {
        return None;
    }
    format!("{int}.{frac}").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_part_values_are_hours_minutes_seconds() {
        assert_eq!(parse_duration_s("01:02:03", TwoPart::HourMin), Some(3723.0));
        assert_eq!(parse_duration_s("1:02:03.4", TwoPart::MinSec), Some(3723.4));
        assert_eq!(parse_duration_s("00:00:56,5", TwoPart::MinSec), Some(56.5));
    }

    #[test]
    fn two_part_values_follow_the_column_reading() {
        assert_eq!(parse_duration_s("45:10", TwoPart::MinSec), Some(2710.0));
        assert_eq!(parse_duration_s("0:45", TwoPart::HourMin), Some(2700.0));
        assert_eq!(parse_duration_s("12:03.5", TwoPart::MinSec), Some(723.5));
        assert_eq!(parse_duration_s("1:30.5", TwoPart::HourMin), None);
    }

    #[test]
    fn malformed_durations_are_refused() {
        for text in [
            "", "1:60:00", "1:00:60", "-1:00", "1:2:3:4", "abc", "1e3:00", "٣:00", "1.5:00",
        ] {
            assert_eq!(parse_duration_s(text, TwoPart::MinSec), None, "{text}");
        }
    }

    #[test]
    fn placeholders_are_missing_values() {
        for text in ["", " -- ", "--:--:--", "NaN", "0:NaN:NaN"] {
            assert!(is_missing(text), "{text}");
        }
        assert!(!is_missing("0:45"));
        assert!(!is_missing("Annan"), "Swedish for 'other' holds 'nan'");
    }

    #[test]
    fn three_part_values_make_a_column_minutes_seconds() {
        let r = Reading::detect(["12:03", "1:05:11", "--"].into_iter());
        assert_eq!(r, Reading::sure(TwoPart::MinSec));
        let r = Reading::detect(["12:03.5"].into_iter());
        assert_eq!(r, Reading::sure(TwoPart::MinSec));
    }

    #[test]
    fn two_part_only_columns_are_guessed_from_their_size() {
        let r = Reading::detect(["0:45", "1:02", "2:10"].into_iter());
        assert_eq!(r, Reading::guess(TwoPart::HourMin));
        let r = Reading::detect(["6:33", "14:45", "12:03"].into_iter());
        assert_eq!(r, Reading::guess(TwoPart::MinSec));
    }
}
