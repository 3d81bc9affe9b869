//! One athlete's daily load (LOAD.md sections 1, 2 and 4): per local date
//! of the athlete's span, the sRPE load by modality, the minutes, the
//! day's status, and the acute and chronic EWMA with their ratio.

use crate::classify::Frame;
use crate::model::{Modality, Session};

/// Smoothing of the acute EWMA (N = 7).
const ACUTE_LAMBDA: f64 = 2.0 / 8.0;
/// Smoothing of the chronic EWMA (N = 28).
const CHRONIC_LAMBDA: f64 = 2.0 / 29.0;
/// The ratio is reported from the athlete's 28th day on.
const ACWR_FIRST_DAY: usize = 28;

/// How complete a day's load is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// No session: load 0.
    Rest,
    /// Every session has an RPE.
    Known,
    /// Some sessions lack an RPE: the load holds the known part.
    Partial,
    /// Sessions, none with an RPE: the load is unknown.
    Missing,
}

impl Status {
    /// The name in `load_daily.csv`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Rest => "rest",
            Status::Known => "known",
            Status::Partial => "partial",
            Status::Missing => "missing",
        }
    }
}

/// Values split by modality: strength, endurance, other (mixed, other and
/// warm-ups).
pub(crate) type Split = [f64; 3];

/// One date of an athlete's span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Day {
    /// The local date, as days since 1970-01-01.
    pub(crate) day: i64,
    /// The known sRPE load by modality (AU); `None` on a missing day.
    pub(crate) load_au: Option<Split>,
    /// Elapsed minutes by modality.
    pub(crate) minutes: Split,
    /// Sessions of the date.
    pub(crate) sessions: u32,
    /// Of those, sessions without an RPE (warm-ups too).
    pub(crate) without_rpe: u32,
    /// How complete the load is.
    pub(crate) status: Status,
    /// Acute EWMA (N = 7) of the daily load, missing days as 0.
    pub(crate) acute: f64,
    /// Chronic EWMA (N = 28).
    pub(crate) chronic: f64,
    /// Acute / chronic, from the 28th day of the span on; `None` before
    /// and when the chronic EWMA is 0.
    pub(crate) acwr: Option<f64>,
}

impl Day {
    /// The day's known load (the sum of its split), `None` when missing.
    pub(crate) fn total_au(&self) -> Option<f64> {
        self.load_au.map(|s| s.iter().sum())
    }
}

/// The share of the split a session's modality goes to.
pub(crate) fn share(m: Modality) -> usize {
    match m {
        Modality::Strength => 0,
        Modality::Endurance => 1,
        _ => 2,
    }
}

pub(crate) use crate::aggregate::{date_of_days as date_of, local_day};

/// The sessions that count in load: every accepted session but planned ones.
pub(crate) fn counted(sessions: &[Session]) -> impl Iterator<Item = &Session> {
    sessions.iter().filter(|s| !s.planned())
}

/// What a date's sessions add up to, while they are counted.
#[derive(Debug, Clone, Default)]
struct DayTally {
    /// Known sRPE load by share.
    load: Split,
    /// Elapsed minutes by share.
    minutes: Split,
    sessions: u32,
    /// Sessions without an RPE (warm-ups too).
    without_rpe: u32,
    /// Sessions with an RPE.
    rated: u32,
    /// Sessions without an RPE that count against the day's load (not
    /// warm-ups: a warm-up's effort is the session it warms up for's).
    unrated: u32,
}

impl DayTally {
    fn add(&mut self, s: &Session) {
        let k = share(s.modality);
        let minutes = s.duration_s / 60.0;
        self.minutes[k] += minutes;
        self.sessions += 1;
        match s.rpe() {
            Some(rpe) => {
                self.load[k] += rpe * minutes;
                self.rated += 1;
            }
            None => {
                self.without_rpe += 1;
                self.unrated += u32::from(s.modality != Modality::Warmup);
            }
        }
    }

    fn status(&self) -> Status {
        match (self.sessions, self.rated, self.unrated) {
            (0, _, _) => Status::Rest,
            (_, 0, u) if u > 0 => Status::Missing,
            (_, _, u) if u > 0 => Status::Partial,
            _ => Status::Known,
        }
    }
}

/// The daily load of athlete `a`, from its first to its last session date;
/// empty for an athlete without (completed) sessions.
pub(crate) fn athlete_days(frame: &Frame, a: usize) -> Vec<Day> {
    let sessions = frame.athlete_sessions(a);
    let days = || counted(sessions).map(local_day);
    let (Some(first), Some(last)) = (days().min(), days().max()) else {
        return Vec::new();
    };
    let span = (last - first) as usize + 1;
    let mut tallies = vec![DayTally::default(); span];
    for s in counted(sessions) {
        tallies[(local_day(s) - first) as usize].add(s);
    }
    let mut days = Vec::with_capacity(span);
    let (mut acute, mut chronic) = (0.0, 0.0);
    for (i, tally) in tallies.into_iter().enumerate() {
        let status = tally.status();
        let DayTally {
            load,
            minutes,
            sessions,
            without_rpe,
            ..
        } = tally;
        let load_au = (status != Status::Missing).then_some(load);
        let value: f64 = load_au.map_or(0.0, |l| l.iter().sum());
        if i == 0 {
            (acute, chronic) = (value, value);
        } else {
            acute = ACUTE_LAMBDA * value + (1.0 - ACUTE_LAMBDA) * acute;
            chronic = CHRONIC_LAMBDA * value + (1.0 - CHRONIC_LAMBDA) * chronic;
        }
        let acwr = (i + 1 >= ACWR_FIRST_DAY && chronic != 0.0).then(|| acute / chronic);
        days.push(Day {
            day: first + i as i64,
            load_au,
            minutes,
            sessions,
            without_rpe,
            status,
            acute,
            chronic,
            acwr,
        });
    }
    days
}
