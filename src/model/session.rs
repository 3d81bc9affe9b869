//! The canonical session record that every input ends in, kept small:
//! ten million of them are most of a large run's memory.

use std::fmt;

use compact_str::CompactString;

use super::modality::Modality;
use super::time::local_datetime;

/// One accepted session with times resolved, modality decided and roster joined.
///
/// Kept to 72 bytes (a test checks): ten million of them are the largest
/// part of a large run's memory, and every byte is written into fresh pages
/// twice (into its file's list while read, then into the frame).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Session {
    /// Unique session id.
    pub(crate) session_id: CompactString,
    /// Start, microseconds since the Unix epoch (UTC); 00:00 local for date-only sessions.
    pub(crate) start_us: i64,
    /// Elapsed duration in seconds (the end is derived from it, [`Session::end_us`]).
    pub(crate) duration_s: f64,
    /// Session RPE (CR-10), read with [`Session::rpe`].
    pub(crate) rpe: Rpe,
    /// Source file and line, read with [`Session::source`] and [`Session::line`].
    pub(crate) origin: Origin,
    /// Index into the frame's athlete table.
    pub(crate) athlete: u32,
    /// Sport and sub-sport names as written: an index into the frame's
    /// (sport, sub-sport) pairs (a run meets few pairs).
    pub(crate) sports: u32,
    /// UTC offset used for local times, seconds east of UTC.
    pub(crate) offset_s: i32,
    /// The session has a date but no time of day.
    pub(crate) date_only: bool,
    /// Decided modality (warm-ups included).
    pub(crate) modality: Modality,
    /// To failure: yes, no or unknown.
    pub(crate) to_failure: Option<bool>,
    /// Planned, whether the input gave the modality, and whether the frame
    /// holds a strength detail for it (few sessions have one: it is kept
    /// beside the sessions, not in each).
    pub(crate) marks: Marks,
}

/// Where a session was read: its source file's index and its line (the
/// record's number in formats without lines), in one word.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub(crate) struct Origin(u64);

/// Low bits of an [`Origin`] that hold the line; the file index is above.
const LINE_BITS: u32 = 36;

impl Origin {
    /// The largest file index an origin holds (2^28 - 1); larger ones are
    /// kept as this (no run reads 268 million files).
    pub(crate) const MAX_SOURCE: u32 = (1 << (64 - LINE_BITS)) - 1;
    /// The largest line an origin holds (2^36 - 1); larger ones are kept as
    /// this (a file of 68 billion lines).
    pub(crate) const MAX_LINE: u64 = (1 << LINE_BITS) - 1;

    /// Line `line` of the file numbered `source`.
    pub(crate) fn new(source: u32, line: u64) -> Origin {
        let source = u64::from(source.min(Origin::MAX_SOURCE));
        Origin(source << LINE_BITS | line.min(Origin::MAX_LINE))
    }

    /// Index into the run's list of source files.
    pub(crate) fn source(self) -> u32 {
        (self.0 >> LINE_BITS) as u32
    }

    /// Line of the record in its file.
    pub(crate) fn line(self) -> u64 {
        self.0 & Origin::MAX_LINE
    }

    /// The same line with the file index raised by `files` (when the files
    /// read by one thread are appended after others).
    pub(crate) fn after_files(self, files: u32) -> Origin {
        Origin::new(self.source().saturating_add(files), self.line())
    }
}

impl fmt::Debug for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source(), self.line())
    }
}

/// A session RPE in 8 bytes where an `Option<f64>` takes 16: NaN, never
/// an RPE (the readers accept 0 to 10), stands for unknown.
#[derive(Clone, Copy)]
pub(crate) struct Rpe(f64);

impl Rpe {
    /// The RPE, if known.
    pub(crate) fn get(self) -> Option<f64> {
        (!self.0.is_nan()).then_some(self.0)
    }
}

impl From<Option<f64>> for Rpe {
    fn from(rpe: Option<f64>) -> Rpe {
        Rpe(rpe.unwrap_or(f64::NAN))
    }
}

impl PartialEq for Rpe {
    fn eq(&self, other: &Rpe) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for Rpe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

/// Yes/no facts of a session, in one byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Marks(u8);

const PLANNED: u8 = 1;
const MODALITY_GIVEN: u8 = 2;
const STRENGTH_DETAIL: u8 = 4;
const SEGMENT: u8 = 8;
const LENGTH_UNKNOWN: u8 = 16;

impl Marks {
    /// A planned (or completed) workout whose modality the input gave (or not).
    pub(crate) fn new(planned: bool, modality_given: bool) -> Marks {
        Marks((u8::from(planned) * PLANNED) | (u8::from(modality_given) * MODALITY_GIVEN))
    }

    /// The same marks, saying that the frame holds a strength detail.
    pub(crate) fn with_strength_detail(self) -> Marks {
        Marks(self.0 | STRENGTH_DETAIL)
    }

    /// The same marks, saying that the session is one of several segments
    /// of a gym-app workout (RULES.md section 10).
    pub(crate) fn with_segment(self) -> Marks {
        Marks(self.0 | SEGMENT)
    }

    /// The same marks, saying that the session's length was shared out,
    /// not known: it is never a warm-up.
    pub(crate) fn with_length_unknown(self) -> Marks {
        Marks(self.0 | LENGTH_UNKNOWN)
    }
}

impl Session {
    /// End = start + duration, microseconds since the Unix epoch.
    pub(crate) fn end_us(&self) -> i64 {
        self.start_us
            .saturating_add(round_to_i64(self.duration_s * 1e6))
    }

    /// Session RPE (CR-10), if known.
    pub(crate) fn rpe(&self) -> Option<f64> {
        self.rpe.get()
    }

    /// A planned, not a completed, workout.
    pub(crate) fn planned(&self) -> bool {
        self.marks.0 & PLANNED != 0
    }

    /// The input gave the modality explicitly (the sport names did not decide it).
    pub(crate) fn modality_given(&self) -> bool {
        self.marks.0 & MODALITY_GIVEN != 0
    }

    /// The frame holds a strength detail for the session (`Frame::strength_detail`).
    pub(crate) fn has_strength_detail(&self) -> bool {
        self.marks.0 & STRENGTH_DETAIL != 0
    }

    /// One of several segments of a gym-app workout (its id is `<workout id>#<n>`).
    pub(crate) fn is_segment(&self) -> bool {
        self.marks.0 & SEGMENT != 0
    }

    /// The workout of a segment: its id without `#<n>` (a session that is
    /// no segment is its own workout, whatever its id holds).
    pub(crate) fn workout_id(&self) -> &str {
        let id = self.session_id.as_str();
        match id.rfind('#').filter(|_| self.is_segment()) {
            Some(at) => &id[..at],
            None => id,
        }
    }

    /// Whether both are segments of one gym workout: same file, same workout.
    pub(crate) fn same_workout(&self, other: &Session) -> bool {
        self.is_segment()
            && other.is_segment()
            && self.source() == other.source()
            && self.workout_id() == other.workout_id()
    }

    /// The length is known (not a share of its workout's time).
    pub(crate) fn length_known(&self) -> bool {
        self.marks.0 & LENGTH_UNKNOWN == 0
    }

    /// Index into the run's list of source files.
    pub(crate) fn source(&self) -> u32 {
        self.origin.source()
    }

    /// Line of the record in its file (its number in formats without lines).
    pub(crate) fn line(&self) -> u64 {
        self.origin.line()
    }

    /// The local calendar date of the session (its own offset).
    pub(crate) fn local_date(&self) -> chrono::NaiveDate {
        local_datetime(self.start_us, self.offset_s).date()
    }

    /// Whether the session can take part in a strength/endurance pair.
    pub(crate) fn is_pairable(&self) -> bool {
        matches!(self.modality, Modality::Strength | Modality::Endurance)
    }
}

/// `x.round() as i64` (half away from zero, saturating, NaN as 0) without
/// the libm call `round` is on x86-64's baseline (no SSE4.1): the rules take
/// every session's end several times. Exact: below 2^52 the truncation and
/// the fraction are, and from there on every f64 is whole.
pub(crate) fn round_to_i64(x: f64) -> i64 {
    let whole = x as i64;
    let fraction = x - whole as f64;
    if fraction >= 0.5 {
        whole.saturating_add(1)
    } else if fraction <= -0.5 {
        whole.saturating_sub(1)
    } else {
        whole
    }
}

/// `value` to two decimals, half away from zero, as the tables write it.
fn round_hundredths(value: f64) -> f64 {
    round_half_away(value * 100.0) / 100.0
}

/// A load as a whole number the way a reader of the tables gets it: the
/// two decimals they write, rounded half away from zero. Rounding the
/// unrounded value instead can be one off (3036.496 is 3036.50 in a table,
/// 3036 directly, 3037 from the table).
pub(crate) fn round_whole_as_tables(value: f64) -> f64 {
    round_half_away(round_hundredths(value))
}

/// `value` rounded half away from zero, exactly as `f64::round` (the sign
/// of a zero result kept), without its libm call: once per cell of millions.
pub(crate) fn round_half_away(value: f64) -> f64 {
    // NaN, infinities and values from 2^52 up (all whole) as they are.
    if value.is_nan() || value.abs() >= 4_503_599_627_370_496.0 {
        return value.round();
    }
    // -0.3 rounds to -0.0, which a formatter shows as "-0".
    (round_to_i64(value) as f64).copysign(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_loads_round_from_the_tables_two_decimals() {
        assert_eq!(round_whole_as_tables(3036.496), 3037.0);
        assert_eq!(round_half_away(3036.496), 3036.0);
        assert_eq!(round_whole_as_tables(3036.494), 3036.0);
        assert_eq!(round_whole_as_tables(-2.5), -3.0);
    }

    #[test]
    fn only_a_segment_cuts_its_workout_id_at_the_hash() {
        let mut s = crate::test_support::session("A1/hevy#1.csv:3", Modality::Strength, 0, 30);
        assert_eq!(s.workout_id(), "A1/hevy#1.csv:3");
        s.session_id = "A1/hevy#1.csv:3#2".into();
        s.marks = s.marks.with_segment();
        assert_eq!(s.workout_id(), "A1/hevy#1.csv:3");
    }

    #[test]
    fn rounding_to_i64_is_round_as_i64() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -2.5,
            0.49999999999999994,
            f64::NAN,
        ];
        values.extend([
            f64::INFINITY,
            -f64::INFINITY,
            1e19,
            -1e19,
            9.3e18,
            4_503_599_627_370_495.5,
        ]);
        let mut x = 1e-7_f64;
        while x < 1e20 {
            values.extend([x, -x, x + 0.5, -(x + 0.5), x * 1e6]);
            x *= 1.29;
        }
        for v in values {
            assert_eq!(round_to_i64(v), v.round() as i64, "{v}");
        }
    }

    #[test]
    fn a_session_is_72_bytes() {
        assert_eq!(std::mem::size_of::<Session>(), 72);
    }

    #[test]
    fn an_origin_gives_back_its_file_and_line() {
        for (source, line) in [(0, 0), (3, 17), (Origin::MAX_SOURCE, Origin::MAX_LINE)] {
            let origin = Origin::new(source, line);
            assert_eq!((origin.source(), origin.line()), (source, line));
        }
        let moved = Origin::new(2, 40).after_files(5);
        assert_eq!((moved.source(), moved.line()), (7, 40));
    }

    #[test]
    fn origins_order_by_file_then_line() {
        assert!(Origin::new(1, Origin::MAX_LINE) < Origin::new(2, 0));
        assert!(Origin::new(2, 3) < Origin::new(2, 4));
    }

    #[test]
    fn an_origin_out_of_range_keeps_the_largest_value() {
        let origin = Origin::new(u32::MAX, u64::MAX);
        assert_eq!(origin.source(), Origin::MAX_SOURCE);
        assert_eq!(origin.line(), Origin::MAX_LINE);
    }

    #[test]
    fn derived_end_rpe_and_marks_read_back() {
        let mut s = crate::test_support::session("a", Modality::Strength, 0, 45);
        assert_eq!(s.end_us() - s.start_us, 45 * 60_000_000);
        assert_eq!(
            (s.rpe(), s.planned(), s.modality_given()),
            (None, false, true)
        );
        assert_eq!(s, s.clone(), "an unknown RPE equals itself");
        for (planned, given) in [(true, false), (false, true), (true, true)] {
            s.marks = Marks::new(planned, given);
            assert_eq!((s.planned(), s.modality_given()), (planned, given));
        }
        s.rpe = Some(7.5).into();
        assert_eq!(s.rpe(), Some(7.5));
    }

    #[test]
    fn rounding_half_away_is_f64_round() {
        let mut values = vec![0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.49999999999999994];
        values.extend([f64::NAN, f64::INFINITY, -f64::INFINITY, 1e300, 4.5e15 + 0.5]);
        values.extend([4_503_599_627_370_495.5, -4_503_599_627_370_495.5]);
        let mut x = 1e-9_f64;
        while x < 1e17 {
            values.extend([x, -x, x + 0.5, -(x + 0.5)]);
            x *= 1.37;
        }
        for v in values {
            let (ours, std) = (round_half_away(v), v.round());
            assert!(
                ours.to_bits() == std.to_bits() || ours.is_nan() && std.is_nan(),
                "{v}"
            );
        }
    }
}
