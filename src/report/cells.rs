//! CSV cell text: numbers formatted for people (hours and percentages with
//! 2 decimals, other decimals as given) and text quoted only where needed.

use super::piece::push_u64;

/// Whether a float column is shown with exactly 2 decimals (`_h`, `_pct`).
pub(super) fn fixed_two_decimals(name: &str) -> bool {
    name.ends_with("_h") || name.ends_with("_pct")
}

/// Formats a float for a CSV cell (as [`push_float`] appends it).
#[cfg(test)]
pub(super) fn format_float(value: f64, two_decimals: bool) -> String {
    let mut buf = Vec::new();
    push_float(&mut buf, value, two_decimals);
    String::from_utf8(buf).unwrap_or_default()
}

/// Appends a float as a CSV cell shows it: 2 decimals (rounded half away
/// from zero) for hours and percentages, else the shortest exact form.
pub(super) fn push_float(buf: &mut Vec<u8>, value: f64, two_decimals: bool) {
    use std::io::Write as _;
    // Fast paths for the common cells (whole seconds, 2-decimal hours): the
    // same text as the `write!` below, without the formatting machinery.
    if two_decimals {
        let hundredths = crate::model::round_half_away(value * 100.0);
        if hundredths.abs() < 1e15 && !(hundredths == 0.0 && hundredths.is_sign_negative()) {
            let k = hundredths as i64;
            if k < 0 {
                buf.push(b'-');
            }
            let k = k.unsigned_abs();
            push_u64(buf, k / 100);
            let decimals = [b'.', b'0' + (k % 100 / 10) as u8, b'0' + (k % 10) as u8];
            buf.extend_from_slice(&decimals);
            return;
        }
    } else if value.abs() < 1e15 && value == value as i64 as f64 && value != 0.0 {
        if value < 0.0 {
            buf.push(b'-');
        }
        push_u64(buf, value.abs() as u64);
        return;
    }
    // Writing into a Vec cannot fail.
    let _ = if two_decimals {
        // Half away from zero (0.125 -> 0.13), as people round; `{:.2}` rounds half to even.
        write!(buf, "{:.2}", (value * 100.0).round() / 100.0)
    } else {
        // Rust's shortest round-trip form: 3600 and 12.5, never 3600.0.
        write!(buf, "{value}")
    };
}

/// Whether a CSV field must be quoted: it holds a comma, quote or line break.
pub(super) fn needs_quotes(value: &str) -> bool {
    // Without an early exit the check compiles to a branch-free (vector)
    // loop: faster on these short cells than `any` or memchr, whose set-up
    // costs more than it saves on ids and stamps of 4 to 40 bytes.
    value.bytes().fold(false, |found, b| {
        found | matches!(b, b',' | b'"' | b'\n' | b'\r')
    })
}

/// A CSV field, quoted only when it holds a comma, quote or line break.
pub(super) fn push_csv_text(buf: &mut Vec<u8>, value: &str) {
    if !needs_quotes(value) {
        buf.extend_from_slice(value.as_bytes());
        return;
    }
    buf.push(b'"');
    for b in value.bytes() {
        if b == b'"' {
            buf.push(b'"');
        }
        buf.push(b);
    }
    buf.push(b'"');
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
    fn quotes_inside_text_are_doubled() {
        let mut buf = Vec::new();
        push_csv_text(&mut buf, "say \"hi\"");
        assert_eq!(buf, b"\"say \"\"hi\"\"\"");
    }

    #[test]
    fn only_cells_with_a_comma_quote_or_line_break_are_quoted() {
        // Long cells too: the check runs 8 bytes at a time, then byte by byte.
        let long = "x".repeat(37);
        for special in [",", "\"", "\n", "\r"] {
            for at in [0, 5, 8, 20, 37] {
                let cell = format!("{}{special}{}", &long[..at], &long[at..]);
                let mut buf = Vec::new();
                push_csv_text(&mut buf, &cell);
                assert_eq!(buf.first(), Some(&b'"'), "{cell:?}");
            }
        }
        for plain in [
            "",
            "a",
            "2026-03-02T08:00:00+01:00",
            long.as_str(),
            "a;b\tc",
        ] {
            let mut buf = Vec::new();
            push_csv_text(&mut buf, plain);
            assert_eq!(buf, plain.as_bytes());
        }
    }

    #[test]
    fn column_names_decide_the_format() {
        assert!(fixed_two_decimals("gap_h") && fixed_two_decimals("strength_compliance_pct"));
        assert!(!fixed_two_decimals("duration_s"));
    }
}
