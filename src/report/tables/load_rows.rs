//! The CSV bytes of the daily load table's rows (9 million at 10 million
//! sessions), written straight as bytes (`Table::push_csv_rows`): each row
//! built as a [`Line`] where every cell has a fast form, else cell by cell
//! into the buffer, from one spelling of its columns (`RowBytes`).

use crate::load::Day;
use crate::report::piece::{Line, RowBytes};
use crate::report::stamp;

/// The CSV bytes of a day's cells after the athlete's, line end included:
/// built as a [`Line`] where every cell has a fast form (values below
/// 100,000), else cell by cell.
pub(super) fn push_day(buf: &mut Vec<u8>, d: &Day) {
    let mut line = Line::new();
    day_bytes(&mut line, d);
    match line.finished() {
        Some(bytes) => buf.extend_from_slice(bytes),
        None => day_bytes(buf, d),
    }
}

/// A day's cells after the athlete's, line end included, into `out`.
fn day_bytes(out: &mut impl RowBytes, d: &Day) {
    out.push_bytes(stamp::date(d.day).as_str().as_bytes());
    let floats = |out: &mut _, values: &[Option<f64>]| {
        for v in values {
            RowBytes::push_byte(out, b',');
            if let Some(v) = v {
                RowBytes::push_fixed2(out, *v);
            }
        }
    };
    let load = d.load_au;
    let shares = [0, 1, 2].map(|k| load.map(|l| l[k]));
    floats(out, &[d.total_au(), shares[0], shares[1], shares[2]]);
    floats(out, &d.minutes.map(Some));
    for n in [d.sessions, d.without_rpe] {
        out.push_byte(b',');
        out.push_count(u64::from(n));
    }
    out.push_byte(b',');
    out.push_bytes(d.status.as_str().as_bytes());
    floats(out, &[Some(d.acute), Some(d.chronic), d.acwr]);
    out.push_byte(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::load::athlete_days;

    /// A day of the sample season with these values.
    fn day(load_au: Option<[f64; 3]>, acute: f64, acwr: Option<f64>) -> Day {
        let rules = crate::config::load_rules(None).unwrap();
        let (frame, _) = crate::test_support::sample_frame(&rules);
        let days = athlete_days(&frame, 0);
        Day {
            load_au,
            acute,
            acwr,
            ..days[days.len() / 2].clone()
        }
    }

    #[test]
    fn a_day_row_is_the_same_from_a_line_and_cell_by_cell() {
        let ordinary = day(Some([270.0, 0.0, 31.125]), 98.765, Some(0.42));
        let (mut line, mut cells) = (Line::new(), Vec::new());
        day_bytes(&mut line, &ordinary);
        day_bytes(&mut cells, &ordinary);
        let line = line.finished().expect("an ordinary day fits a line");
        assert_eq!(
            String::from_utf8_lossy(line),
            String::from_utf8_lossy(&cells)
        );
    }

    #[test]
    fn a_day_with_a_cell_past_the_fast_forms_is_written_cell_by_cell() {
        let cases = [
            (day(None, 123_456.789, None), vec![",123456.79,"]),
            (
                day(Some([f64::NAN, 0.0, -0.001]), 1.0, Some(f64::INFINITY)),
                vec![",NaN,", ",-0.00,", ",inf\n"],
            ),
        ];
        for (d, texts) in cases {
            let mut line = Line::new();
            day_bytes(&mut line, &d);
            assert!(line.finished().is_none());
            let (mut written, mut cells) = (Vec::new(), Vec::new());
            push_day(&mut written, &d);
            day_bytes(&mut cells, &d);
            assert_eq!(written, cells, "the whole row, once");
            let written = String::from_utf8(written).unwrap();
            for text in texts {
                assert!(written.contains(text), "{text} in {written}");
            }
        }
    }
}
