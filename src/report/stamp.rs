//! RFC 3339 text of instants for the big tables, formatted on the stack:
//! chrono's formatter allocates a String per cell, millions per report.

use chrono::{DateTime, SecondsFormat};

use super::piece::{push_block, BLOCK};
use crate::model::US_PER_DAY;

/// A formatted date or date-time held on the stack.
pub(crate) struct Stamp {
    buf: [u8; 48],
    len: usize,
}

impl Stamp {
    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        debug_assert!(self.buf[..self.len].is_ascii());
        // SAFETY: only ASCII is written: digits and punctuation, or the text
        // of chrono's RFC 3339 and date formatters (ASCII too, so cutting it
        // at the buffer's end cuts no character). Checked in debug builds
        // and by the tests; this runs twice per row of sessions.csv.
        unsafe { std::str::from_utf8_unchecked(&self.buf[..self.len]) }
    }

    /// Appends the text to `buf` (as one fixed-size block when it fits one).
    #[inline]
    pub(crate) fn push_to(&self, buf: &mut Vec<u8>) {
        match self.buf.first_chunk::<BLOCK>() {
            Some(block) if self.len <= BLOCK => push_block(buf, block, self.len),
            _ => buf.extend_from_slice(self.as_str().as_bytes()),
        }
    }

    fn new() -> Stamp {
        Stamp {
            buf: [0; 48],
            len: 0,
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        let end = (self.len + bytes.len()).min(self.buf.len());
        self.buf[self.len..end].copy_from_slice(&bytes[..end - self.len]);
        self.len = end;
    }

    /// Lets `write` fill the bytes after the text (at least 16 are free
    /// there: stamps are at most 32 bytes) and takes the length it returns.
    fn put(&mut self, write: impl FnOnce(&mut [u8]) -> usize) {
        let free = &mut self.buf[self.len.min(32)..];
        self.len = (self.len.min(32) + write(free)).min(self.buf.len());
    }

    fn digits(&mut self, value: i64, width: usize) {
        let mut tmp = [b'0'; 20];
        let mut v = value.unsigned_abs();
        for slot in tmp[..width].iter_mut().rev() {
            *slot = b'0' + (v % 10) as u8;
            v /= 10;
        }
        self.push(&tmp[..width]);
    }

    fn from_text(text: &str) -> Stamp {
        let mut s = Stamp::new();
        s.push(text.as_bytes());
        s
    }
}

/// Year, month, day of a count of days since 1970-01-01 (proleptic Gregorian).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// First day of the table of dates (1950-01-01) and its length (to 2149-12-31).
const TABLE_FIRST_DAY: i64 = -7305;
const TABLE_DAYS: usize = 73_049;

/// `YYYY-MM-DD` of every day from 1950 to 2149, made on first use (0.7 MB,
/// a few milliseconds): a date is one load instead of the hundred
/// dependent instructions of `civil_from_days`, twice per row of sessions.csv.
fn date_table() -> &'static [[u8; 10]] {
    static TABLE: std::sync::OnceLock<Vec<[u8; 10]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..TABLE_DAYS as i64)
            .map(|i| date_text(TABLE_FIRST_DAY + i).expect("1950..2150 has four-digit years"))
            .collect()
    })
}

/// `YYYY-MM-DD` of a count of days since 1970-01-01; `None` outside years 0..=9999.
fn date_text(days: i64) -> Option<[u8; 10]> {
    let (y, m, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        return None;
    }
    let (y, m, d) = (y as u32, m as u32, d as u32);
    let mut b = [0u8; 10];
    b[..4].copy_from_slice(&[digit(y / 1000), digit(y / 100), digit(y / 10), digit(y)]);
    b[4] = b'-';
    b[5..7].copy_from_slice(&two_digits(m));
    b[7] = b'-';
    b[8..10].copy_from_slice(&two_digits(d));
    Some(b)
}

/// Writes `YYYY-MM-DD` of wall-clock microseconds; `None` outside years 0..=9999.
fn push_date(s: &mut Stamp, local_us: i64) -> Option<()> {
    let days = local_us.div_euclid(US_PER_DAY);
    let text = match usize::try_from(days - TABLE_FIRST_DAY) {
        Ok(i) if i < TABLE_DAYS => date_table()[i],
        _ => date_text(days)?,
    };
    // Byte by byte at fixed places: this runs twice per row of
    // sessions.csv, and copying 1-4 byte pieces cost a memmove call each.
    s.put(|b| {
        b[..10].copy_from_slice(&text);
        10
    });
    Some(())
}

/// The last decimal digit of `n` as ASCII.
fn digit(n: u32) -> u8 {
    b'0' + (n % 10) as u8
}

/// `00` to `99`: two digits by one load, six times per row of sessions.csv.
const TWO_DIGITS: [[u8; 2]; 100] = {
    let mut table = [[0u8; 2]; 100];
    let mut n = 0;
    while n < 100 {
        table[n] = [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
        n += 1;
    }
    table
};

/// `n` (0..=99; the last two digits of larger numbers) as two ASCII digits.
fn two_digits(n: u32) -> [u8; 2] {
    TWO_DIGITS[(n % 100) as usize]
}

/// [`two_digits`] in the low bytes of a word.
fn two_word(n: u32) -> u128 {
    u128::from(u16::from_le_bytes(two_digits(n)))
}

/// Writes `YYYY-MM-DDTHH:MM:SS` plus fractional digits as chrono's `AutoSi` does.
fn push_date_time(s: &mut Stamp, local_us: i64) -> Option<()> {
    push_date(s, local_us)?;
    let of_day = local_us.rem_euclid(US_PER_DAY);
    let secs = (of_day / 1_000_000) as u32;
    s.put(|b| {
        b[0] = b'T';
        b[1..3].copy_from_slice(&two_digits(secs / 3600));
        b[3] = b':';
        b[4..6].copy_from_slice(&two_digits(secs / 60 % 60));
        b[6] = b':';
        b[7..9].copy_from_slice(&two_digits(secs % 60));
        9
    });
    let micros = of_day % 1_000_000;
    if micros != 0 {
        s.push(b".");
        if micros % 1000 == 0 {
            s.digits(micros / 1000, 3);
        } else {
            s.digits(micros, 6);
        }
    }
    Some(())
}

/// The text of a stamp of whole seconds within the table of dates, made in
/// registers and stored as two 16-byte words. A stamp made byte by byte
/// and returned by value is read back in 16-byte pieces while its bytes
/// are still being stored, and each read waits for them (BENCHMARKS.md).
struct Words {
    /// Bytes 0-15: `YYYY-MM-DDTHH:MM` (or the bare date).
    low: u128,
    /// Bytes 16-31: `:SS` and what follows it.
    high: u128,
}

impl Words {
    /// `YYYY-MM-DD` of a day of the table of dates.
    fn date(days: i64) -> Option<Words> {
        let i = usize::try_from(days - TABLE_FIRST_DAY).ok()?;
        let date = date_table().get(i)?;
        let (head, tail) = date.split_at(8);
        let head = u64::from_le_bytes(head.try_into().ok()?);
        let tail = u16::from_le_bytes(tail.try_into().ok()?);
        Some(Words {
            low: u128::from(head) | u128::from(tail) << 64,
            high: 0,
        })
    }

    /// `YYYY-MM-DDTHH:MM:SS` (19 bytes) of wall-clock microseconds that
    /// are whole seconds.
    fn date_time(local_us: i64) -> Option<Words> {
        if local_us % 1_000_000 != 0 {
            return None;
        }
        let mut words = Words::date(local_us.div_euclid(US_PER_DAY))?;
        let secs = (local_us.rem_euclid(US_PER_DAY) / 1_000_000) as u32;
        words.low |= u128::from(b'T') << 80
            | two_word(secs / 3600) << 88
            | u128::from(b':') << 104
            | two_word(secs / 60 % 60) << 112;
        words.high = u128::from(b':') | two_word(secs % 60) << 8;
        Some(words)
    }

    fn stamp(self, len: usize) -> Stamp {
        let mut s = Stamp::new();
        s.buf[..16].copy_from_slice(&self.low.to_le_bytes());
        s.buf[16..32].copy_from_slice(&self.high.to_le_bytes());
        s.len = len;
        s
    }
}

/// A UTC instant as RFC 3339 with `Z` (fractional seconds only when present).
pub(crate) fn utc(utc_us: i64) -> Stamp {
    if let Some(mut words) = Words::date_time(utc_us) {
        words.high |= u128::from(b'Z') << 24;
        return words.stamp(20);
    }
    let mut s = Stamp::new();
    if push_date_time(&mut s, utc_us).is_none() {
        return Stamp::from_text(&chrono_text(utc_us, 0, true));
    }
    s.put(|b| {
        b[0] = b'Z';
        1
    });
    s
}

/// An instant as local RFC 3339 with its offset (`+00:00`, never `Z`).
pub(crate) fn local(utc_us: i64, offset_s: i32) -> Stamp {
    let local_us = utc_us.saturating_add(i64::from(offset_s) * 1_000_000);
    let whole_minutes = offset_s % 60 == 0;
    if let Some(mut words) = Words::date_time(local_us).filter(|_| whole_minutes) {
        let minutes = offset_s.unsigned_abs() / 60;
        let sign = if offset_s < 0 { b'-' } else { b'+' };
        words.high |= u128::from(sign) << 24
            | two_word(minutes / 60 % 100) << 32
            | u128::from(b':') << 48
            | two_word(minutes % 60) << 56;
        return words.stamp(25);
    }
    let mut s = Stamp::new();
    // Offsets with seconds (historic zones) are rare: chrono rounds them its way.
    if offset_s % 60 != 0 || push_date_time(&mut s, local_us).is_none() {
        return Stamp::from_text(&chrono_text(utc_us, offset_s, false));
    }
    let minutes = offset_s.unsigned_abs() / 60;
    // Offsets stay under 24 h (chrono refuses more): two hour digits.
    s.put(|b| {
        b[0] = if offset_s < 0 { b'-' } else { b'+' };
        b[1..3].copy_from_slice(&two_digits(minutes / 60 % 100));
        b[3] = b':';
        b[4..6].copy_from_slice(&two_digits(minutes % 60));
        6
    });
    s
}

/// The date `epoch_days` after 1970-01-01 as `YYYY-MM-DD` (a date cell,
/// a day of the daily load).
pub(crate) fn date(epoch_days: i64) -> Stamp {
    match Words::date(epoch_days) {
        Some(words) => words.stamp(10),
        None => local_date(epoch_days.saturating_mul(US_PER_DAY), 0),
    }
}

/// The local calendar date of an instant at an offset.
pub(crate) fn local_date(utc_us: i64, offset_s: i32) -> Stamp {
    let local_us = utc_us.saturating_add(i64::from(offset_s) * 1_000_000);
    if let Some(words) = Words::date(local_us.div_euclid(US_PER_DAY)) {
        return words.stamp(10);
    }
    let mut s = Stamp::new();
    if push_date(&mut s, local_us).is_none() {
        let date = crate::model::local_datetime(utc_us, offset_s).date();
        return Stamp::from_text(&date.to_string());
    }
    s
}

fn chrono_text(utc_us: i64, offset_s: i32, use_z: bool) -> String {
    let offset = chrono::FixedOffset::east_opt(offset_s)
        .unwrap_or(chrono::FixedOffset::east_opt(0).expect("zero offset"));
    DateTime::from_timestamp_micros(utc_us)
        .unwrap_or_default()
        .with_timezone(&offset)
        .to_rfc3339_opts(SecondsFormat::AutoSi, use_z)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_match_chrono_over_a_spread_of_instants() {
        let mut us: i64 = -2_000_000_000_000_000;
        let step = 7_777_777_777_777 + 123_457;
        while us < 4_000_000_000_000_000 {
            for frac in [0, 250_000, 123_456, 1_000] {
                let t = us - us.rem_euclid(1_000_000) + frac;
                assert_eq!(utc(t).as_str(), chrono_text(t, 0, true), "utc {t}");
                for off in [0, 3600, -18_000, 19_800, 45_900] {
                    assert_eq!(local(t, off).as_str(), chrono_text(t, off, false));
                }
            }
            us += step;
        }
    }

    #[test]
    fn the_table_of_dates_is_the_calendar() {
        let table = date_table();
        for (i, text) in table.iter().enumerate() {
            assert_eq!(Some(*text), date_text(TABLE_FIRST_DAY + i as i64));
        }
        assert_eq!(&table[0], b"1950-01-01");
        assert_eq!(&table[TABLE_DAYS - 1], b"2149-12-31");
        assert_eq!(utc(-7306 * US_PER_DAY).as_str(), "1949-12-31T00:00:00Z");
        assert_eq!(utc(66_474 * US_PER_DAY).as_str(), "2152-01-01T00:00:00Z");
    }

    #[test]
    fn stamps_at_the_ends_of_the_table_of_dates_match_chrono() {
        let first = TABLE_FIRST_DAY * US_PER_DAY;
        let last = (TABLE_FIRST_DAY + TABLE_DAYS as i64) * US_PER_DAY - 1_000_000;
        for t in [first - 1_000_000, first, last, last + 1_000_000] {
            assert_eq!(utc(t).as_str(), chrono_text(t, 0, true));
            for off in [0, 60, -3600, 20_700, -43_200, 50_400] {
                assert_eq!(local(t, off).as_str(), chrono_text(t, off, false));
                let date = crate::model::local_datetime(t, off).date().to_string();
                assert_eq!(local_date(t, off).as_str(), date);
            }
        }
    }

    #[test]
    fn dates_of_days_match_chrono_inside_and_past_the_table() {
        let days = [
            TABLE_FIRST_DAY - 1,
            TABLE_FIRST_DAY,
            20_454,
            -719_162,
            2_000_000,
        ];
        for day in days {
            let expected = crate::aggregate::date_of_days(day).to_string();
            assert_eq!(date(day).as_str(), expected, "day {day}");
        }
    }

    #[test]
    fn local_date_is_the_wall_clock_date() {
        // 2026-03-29 23:30 UTC is already the 30th in Amsterdam (+02:00).
        let t = DateTime::parse_from_rfc3339("2026-03-29T23:30:00Z")
            .unwrap()
            .timestamp_micros();
        assert_eq!(local_date(t, 7200).as_str(), "2026-03-30");
        assert_eq!(local_date(t, 0).as_str(), "2026-03-29");
    }

    #[test]
    fn offsets_with_seconds_fall_back_to_chrono() {
        assert_eq!(local(0, 1172).as_str(), chrono_text(0, 1172, false));
    }
}
