//! CSV cell text of numbers, formatted for people (hours and percentages
//! with 2 decimals, other decimals as given); text is quoted by
//! `model::push_csv_text`.

use super::piece::{push_hundredths, push_u64, signed_hundredths, RowBytes, ZERO_FIXED2};

/// Whether a float column is shown with exactly 2 decimals (`_h`, `_pct`).
pub(super) fn fixed_two_decimals(name: &str) -> bool {
    name.ends_with("_h") || name.ends_with("_pct")
}

/// Formats a float for a CSV cell (as [`push_float`] appends it).
pub(super) fn format_float(value: f64, two_decimals: bool) -> String {
    let mut buf = Vec::new();
    push_float(&mut buf, value, two_decimals);
    String::from_utf8(buf).unwrap_or_default()
}

/// Appends a float as a CSV cell shows it: 2 decimals (rounded half away
/// from zero) for hours and percentages, else the shortest exact form.
#[inline]
pub(super) fn push_float(buf: &mut Vec<u8>, value: f64, two_decimals: bool) {
    // Fast paths for the common cells (whole seconds, 2-decimal hours): the
    // same text as the `write!` below, without the formatting machinery.
    if two_decimals {
        if value.to_bits() == 0 {
            buf.extend_from_slice(ZERO_FIXED2);
            return;
        }
        if let Some((negative, hundredths)) = signed_hundredths(value) {
            if negative {
                buf.push(b'-');
            }
            push_hundredths(buf, hundredths);
            return;
        }
    } else if value.abs() < 1e15 && value == value as i64 as f64 && value != 0.0 {
        if value < 0.0 {
            buf.push(b'-');
        }
        push_u64(buf, value.abs() as u64);
        return;
    }
    push_float_formatted(buf, value, two_decimals);
}

impl RowBytes for Vec<u8> {
    fn push_byte(&mut self, byte: u8) {
        self.push(byte);
    }

    fn push_bytes(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }

    fn push_count(&mut self, value: u64) {
        push_u64(self, value);
    }

    fn push_fixed2(&mut self, value: f64) {
        push_float(self, value, true);
    }
}

/// [`push_float`] by the formatter, for the cells its fast paths leave.
#[cold]
#[inline(never)]
fn push_float_formatted(buf: &mut Vec<u8>, value: f64, two_decimals: bool) {
    use std::io::Write as _;
    // Writing into a Vec cannot fail.
    let _ = if two_decimals {
        // Half away from zero (0.125 -> 0.13), as people round; `{:.2}` rounds half to even.
        write!(buf, "{:.2}", (value * 100.0).round() / 100.0)
    } else {
        // Rust's shortest round-trip form: 3600 and 12.5, never 3600.0.
        write!(buf, "{value}")
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_and_percentages_get_two_decimals() {
        assert_eq!(format_float(5.5, true), "5.50");
        assert_eq!(format_float(100.0, true), "100.00");
        assert_eq!(format_float(0.125, true), "0.13");
    }

    #[test]
    fn other_floats_keep_their_decimals_without_trailing_zeros() {
        assert_eq!(format_float(3600.0, false), "3600");
        assert_eq!(format_float(12.345, false), "12.345");
    }

    #[test]
    fn fast_paths_give_the_same_text_as_the_formatter() {
        let slow = |v: f64, two: bool| {
            if two {
                format!("{:.2}", (v * 100.0).round() / 100.0)
            } else {
                format!("{v}")
            }
        };
        let values = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.005,
            0.015,
            0.125,
            -0.125,
            2.675,
            3600.0,
            5.5,
            12.345,
            -0.001,
            99.995,
            1e14,
            1e15,
            1e16,
            123456.789,
            f64::NAN,
            f64::INFINITY,
        ];
        for v in values {
            for two in [true, false] {
                assert_eq!(format_float(v, two), slow(v, two), "{v} two={two}");
            }
        }
        let mut x = 0.0001_f64;
        while x < 1e7 {
            for v in [x, -x, x.round()] {
                assert_eq!(format_float(v, true), slow(v, true), "{v}");
                assert_eq!(format_float(v, false), slow(v, false), "{v}");
            }
            x *= 1.37;
        }
    }

    #[test]
    fn column_names_decide_the_format() {
        assert!(fixed_two_decimals("gap_h") && fixed_two_decimals("strength_compliance_pct"));
        assert!(!fixed_two_decimals("duration_s"));
    }
}
