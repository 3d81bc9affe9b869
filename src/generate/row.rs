//! Writing session rows: the season's calendar days (with EU summer time) and
//! one canonical sessions CSV row per planned session, formatted by hand.

use chrono::{Datelike, Days, NaiveDate};

use super::athlete::{Athlete, Group};
use super::rng::Rng;
use super::schedule::Planned;

// Some notes hold a comma or quotes, so readers must follow RFC 4180.
const NOTES: [&str; 8] = [
    "felt good",
    "legs heavy, cut short",
    "windy, rain",
    "with the group",
    "coach said \"easy\"",
    "knee niggle, eased off",
    "new shoes",
    "tired",
];

/// One calendar day of the season, formatted once instead of once per row.
pub(super) struct Day {
    pub(super) date_text: String,
    pub(super) summer_time: bool,
}

/// The season's days; it ends early where a date would leave years 0..=9999.
pub(super) fn season_days(start: NaiveDate, weeks: usize) -> Vec<Day> {
    let wanted = weeks.saturating_mul(7);
    let mut days = Vec::with_capacity(wanted.min(1 << 12));
    let mut date = Some(start);
    while let Some(d) = date.filter(|d| days.len() < wanted && (0..=9999).contains(&d.year())) {
        let (date_text, summer_time) = (d.format("%Y-%m-%d").to_string(), is_eu_summer_time(d));
        days.push(Day {
            date_text,
            summer_time,
        });
        date = d.succ_opt();
    }
    days
}

/// EU summer time (London's too) after 03:00 local; sessions start after 06:00.
fn is_eu_summer_time(date: NaiveDate) -> bool {
    let last_sunday = |month| {
        let end = NaiveDate::from_ymd_opt(date.year(), month, 31)?;
        end.checked_sub_days(Days::new(end.weekday().num_days_from_sunday().into()))
    };
    matches!((last_sunday(3), last_sunday(10)), (Some(on), Some(off)) if on <= date && date < off)
}

/// Appends `n` zero-padded to `min_digits`, without going through `fmt`.
fn push_num(line: &mut Vec<u8>, n: impl Into<u64>, min_digits: usize) {
    let (mut n, mut digits, mut i) = (n.into(), [b'0'; 20], 20);
    while n > 0 || 20 - i < min_digits.clamp(1, 20) {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    line.extend_from_slice(&digits[i..]);
}

fn push_strs(line: &mut Vec<u8>, parts: &[&str]) {
    for part in parts {
        line.extend_from_slice(part.as_bytes());
    }
}

/// Appends one sessions row; per-row details (offset, decimals, rpe, notes) are drawn here.
pub(super) fn push_row(
    line: &mut Vec<u8>,
    a: &Athlete,
    seq_no: u64,
    day: &Day,
    s: &Planned,
    rng: &mut Rng,
) {
    let (_, _, _, modality_pct) = a.group.traits();
    let timed = a.group != Group::Club;
    push_strs(line, &[&a.id, "-"]);
    push_num(line, seq_no, 4);
    push_strs(line, &[",", &a.id, ",", &day.date_text]);
    if timed {
        line.push(b'T');
        push_num(line, s.start_min_of_day / 60, 2);
        line.push(b':');
        push_num(line, s.start_min_of_day % 60, 2);
        if rng.chance(10) {
            push_strs(line, &[":00", a.zone.1[usize::from(day.summer_time)]]);
        }
    }
    line.push(b',');
    // A decimal duration is a bit shorter than planned, so planned gaps never turn into overlaps.
    if timed && rng.chance(20) {
        let duration_tenth_min = s.duration_min * 10 - rng.range(1, 9);
        push_num(line, duration_tenth_min / 10, 1);
        line.push(b'.');
        push_num(line, duration_tenth_min % 10, 1);
    } else {
        push_num(line, s.duration_min, 1);
    }
    let (modality, sport, sub_sport) = s.kind;
    let (rpe_lo, rpe_hi) = match modality {
        "strength" => (5, 9),
        "endurance" => (2, 8),
        "mixed" => (6, 9),
        _ => (1, 3),
    };
    let to_failure = match (modality, rng.below(100)) {
        ("strength", 0..=5) => "true",
        ("strength", 6..=79) | (_, 0..=49) => "false",
        _ => "",
    };
    let modality = if rng.chance(modality_pct) {
        modality
    } else {
        ""
    };
    push_strs(line, &[",", modality, ",", sport, ",", sub_sport, ","]);
    if rng.chance(80) {
        push_num(line, rng.range(rpe_lo, rpe_hi), 1);
    }
    push_strs(line, &[",", to_failure, ","]);
    if rng.chance(30) {
        crate::model::push_csv_text(line, rng.pick(&NOTES));
    }
    line.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summer_time_runs_from_last_sunday_of_march_to_last_of_october() {
        let day = |m, d| is_eu_summer_time(NaiveDate::from_ymd_opt(2026, m, d).unwrap());
        assert!(!day(3, 28) && day(3, 29) && day(10, 24) && !day(10, 25));
    }
}
