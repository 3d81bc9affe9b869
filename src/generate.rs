//! Synthetic training seasons for `concur generate`: owns each athlete group's
//! deterministic week plan and streams `roster.csv` plus one canonical sessions
//! CSV per group into a [`GenSink`].

use std::io::{self, BufWriter, Write};

use chrono::{Datelike, Days, NaiveDate};

/// What season to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct GenSpec {
    /// Number of athletes, spread over the groups.
    pub athletes: usize,
    /// Number of groups, at least 4 (fewer are read as 4): the four kinds of
    /// athletes repeated, the copies named `sprinters-2`, `distance-2`...
    pub groups: usize,
    /// Number of weeks in the season.
    pub weeks: usize,
    /// Generator seed: the same spec gives byte-identical files.
    pub seed: u64,
    /// First day of the season, a Monday (the CLI passes 2026-01-05).
    pub start: NaiveDate,
}

/// Where generated files go; the report writer implements it for a folder.
pub trait GenSink {
    /// Opens `rel_path` (forward slashes, relative to the output folder) for writing.
    fn file(&mut self, rel_path: &str) -> io::Result<Box<dyn Write + '_>>;
}

/// Counts of what was generated.
#[derive(Debug, Clone, PartialEq)]
pub struct GenStats {
    /// Athletes in the roster.
    pub athletes: usize,
    /// Session rows over all group files.
    pub sessions: u64,
    /// Files written, the roster included.
    pub files: usize,
}

const ROSTER_HEADER: &[u8] = b"athlete_id,name,group,status,power_focus,timezone\n";
const SESSIONS_HEADER: &[u8] =
    b"session_id,athlete_id,start,duration_min,modality,sport,sub_sport,rpe,to_failure,notes\n";
const BUF_BYTES: usize = 1 << 16;
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
// (IANA name, UTC offsets in winter and in summer); most athletes get the first.
const ZONES: [(&str, [&str; 2]); 4] = [
    ("Europe/Amsterdam", ["+01:00", "+02:00"]),
    ("Europe/Brussels", ["+01:00", "+02:00"]),
    ("Europe/Berlin", ["+01:00", "+02:00"]),
    ("Europe/London", ["+00:00", "+01:00"]),
];

/// What a session is, as written: (modality, sport, sub_sport), with FIT profile
/// names except in the TrainingPeaks-style `TP_*` kinds.
type Kind = (&'static str, &'static str, &'static str);
const STRENGTH: Kind = ("strength", "training", "strength_training");
const RUN: Kind = ("endurance", "running", "");
const TRAIL_RUN: Kind = ("endurance", "running", "trail");
const ROAD_RIDE: Kind = ("endurance", "cycling", "road");
const INDOOR_RIDE: Kind = ("endurance", "cycling", "indoor_cycling");
const INDOOR_ROW: Kind = ("endurance", "fitness_equipment", "indoor_rowing");
const SWIM: Kind = ("endurance", "swimming", "lap_swimming");
const TP_RUN: Kind = ("endurance", "Run", "");
const TP_BIKE: Kind = ("endurance", "Bike", "");
const TP_SWIM: Kind = ("endurance", "Swim", "");
const TP_STRENGTH: Kind = ("strength", "Strength", "");
const LIGHT_KINDS: [Kind; 4] = [
    ("mixed", "training", "cardio_training"),
    ("mixed", "hiit", ""),
    ("other", "walking", ""),
    ("other", "training", "yoga"),
];
const EASY_KINDS: [Kind; 5] = [RUN, RUN, TRAIL_RUN, ROAD_RIDE, SWIM];
const CLUB_KINDS: [Kind; 5] = [TP_RUN, TP_RUN, TP_BIKE, TP_SWIM, TP_STRENGTH];
const SPRINT_LIFT_STARTS: [u32; 5] = [hm(10, 0), hm(10, 0), hm(10, 0), hm(9, 0), hm(10, 30)];
const EASY_STARTS: [u32; 4] = [hm(6, 30), hm(7, 0), hm(17, 30), hm(18, 0)];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Sprinters,
    Distance,
    Masters,
    Club,
}

const GROUPS: [Group; 4] = [
    Group::Sprinters,
    Group::Distance,
    Group::Masters,
    Group::Club,
];

impl Group {
    /// (name, id prefix, statuses drawn 10/30/60 %, % of rows naming their modality).
    fn traits(self) -> (&'static str, &'static str, [&'static str; 3], u64) {
        match self {
            Group::Sprinters => ("sprinters", "S", ["elite", "elite", "trained"], 100),
            Group::Distance => ("distance", "D", ["recreational", "elite", "trained"], 0),
            Group::Masters => (
                "masters",
                "M",
                ["untrained", "untrained", "recreational"],
                50,
            ),
            Group::Club => ("club", "C", ["trained", "elite", "trained"], 0),
        }
    }

    fn plan_week(self, week: &mut Week) {
        match self {
            Group::Sprinters => plan_sprinters(week),
            Group::Distance => plan_distance(week),
            Group::Masters => plan_masters(week),
            Group::Club => plan_club(week),
        }
    }
}

/// One group of a season: a kind of athletes and which copy of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    kind: Group,
    copy: usize,
}

impl Slot {
    /// The groups of a season: the four kinds in turn, `groups` in all.
    fn all(groups: usize) -> Vec<Slot> {
        (0..groups.max(GROUPS.len()))
            .map(|k| Slot {
                kind: GROUPS[k % GROUPS.len()],
                copy: k / GROUPS.len(),
            })
            .collect()
    }

    /// Group name: the kind's, with `-2`, `-3`... for later copies.
    fn name(self) -> String {
        match self.copy {
            0 => self.kind.traits().0.to_string(),
            c => format!("{}-{}", self.kind.traits().0, c + 1),
        }
    }

    /// Athlete id prefix: `S`, then `S2-`, `S3-`... for later copies.
    fn prefix(self) -> String {
        match self.copy {
            0 => self.kind.traits().1.to_string(),
            c => format!("{}{}-", self.kind.traits().1, c + 1),
        }
    }

    /// Random stream of an athlete: the first copy keeps the four-group season's.
    fn stream(self, number: usize) -> u64 {
        number as u64 | (self.copy as u64) << 32
    }
}

/// splitmix64, written out so the stream never changes with a crate upgrade.
struct Rng(u64);

fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        Rng(mix64(seed ^ mix64(stream)))
    }

    /// Uniform in `0..n` by multiply-shift: no division, no float.
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        ((u128::from(mix64(self.0)) * u128::from(n)) >> 64) as u64
    }

    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(u64::from(hi - lo + 1)) as u32
    }

    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// One roster row, rebuilt from the seed when needed so nothing is held per athlete.
struct Athlete {
    group: Group,
    slot: Slot,
    number: usize,
    id: String,
    status: &'static str,
    zone: (&'static str, [&'static str; 2]),
}

impl Athlete {
    fn new(seed: u64, slot: Slot, number: usize, id_width: usize) -> Self {
        let group = slot.kind;
        let mut rng = Rng::new(seed ^ mix64(group as u64 + 1), slot.stream(number));
        let (_, _, statuses, _) = group.traits();
        let prefix = slot.prefix();
        let status = statuses[[0, 1, 1, 1, 2, 2, 2, 2, 2, 2][rng.below(10) as usize]];
        let zone = ZONES[[0, 0, 0, 0, 0, 0, 0, 1, 2, 3][rng.below(10) as usize]];
        let id = format!("{prefix}{number:0id_width$}");
        Athlete {
            group,
            slot,
            number,
            id,
            status,
            zone,
        }
    }

    /// Its own stream, so roster draws never shift the sessions.
    fn session_rng(&self, seed: u64) -> Rng {
        let stream = self.slot.stream(self.number);
        Rng::new(seed ^ mix64(self.group as u64 + 101), stream)
    }

    /// A few athletes take every fourth week (never the first) easy.
    fn is_rest_week(&self, week: usize) -> bool {
        self.number % 8 == 3 && week % 4 == 3
    }
}

/// One planned session of a week.
struct Planned {
    day: usize,
    start_min_of_day: u32,
    duration_min: u32,
    kind: Kind,
}

/// A week being planned: the athlete's random stream and the sessions so far.
struct Week {
    rng: Rng,
    plan: Vec<Planned>,
}

impl Week {
    /// Adds a session of `lo..=hi` minutes and returns its end as minute of day.
    fn add(&mut self, day: usize, start_min_of_day: u32, (lo, hi): (u32, u32), kind: Kind) -> u32 {
        let duration_min = self.rng.range(lo, hi);
        let planned = Planned {
            day,
            start_min_of_day,
            duration_min,
            kind,
        };
        self.plan.push(planned);
        start_min_of_day + duration_min
    }

    /// A quarter hour from `earliest` to `latest` (minutes of day).
    fn time(&mut self, earliest: u32, latest: u32) -> u32 {
        earliest + 15 * self.rng.range(0, (latest - earliest) / 15)
    }

    /// Sometimes a short mixed or other session, at a time the group leaves free.
    fn maybe_light(&mut self, pct: u64, start_min_of_day: u32) {
        if self.rng.chance(pct) {
            let (day, kind) = (self.rng.below(7) as usize, self.rng.pick(&LIGHT_KINDS));
            self.add(day, start_min_of_day, (20, 45), kind);
        }
    }
}

const fn hm(hour: u32, minute: u32) -> u32 {
    hour * 60 + minute
}

/// Sprinter weeks, Monday first: `L` a lift (from 09:00-10:30, done by 11:45 unless
/// a mistake), `T` track (from 15:00-17:30), `E` early track (done by 08:00), `-`
/// rest. Every lift lies at least 24 h from every run, also across the week's ends.
const SPRINT_WEEKS: [&[u8; 7]; 4] = [b"LTELTEL", b"LLTTEL-", b"LTELLTE", b"LTTELT-"];

/// Two or three lifts kept 24 h from three or four track sessions, and now and
/// then the classic mistakes of power athletes.
fn plan_sprinters(w: &mut Week) {
    for (day, slot) in w.rng.pick(&SPRINT_WEEKS).iter().enumerate() {
        let (start, longest_min) = match slot {
            b'L' => {
                plan_sprinter_lift(w, day);
                continue;
            }
            b'T' => (w.time(hm(15, 0), hm(17, 30)), 90),
            // Done by 08:00, so a 09:00 lift is still 24 h away when summer time starts.
            b'E' => (w.time(hm(6, 30), hm(7, 0)), 60),
            _ => continue,
        };
        w.add(day, start, (45, longest_min), RUN);
    }
    w.maybe_light(40, hm(20, 0));
}

fn plan_sprinter_lift(w: &mut Week, day: usize) {
    let (start, mistake) = (w.rng.pick(&SPRINT_LIFT_STARTS), w.rng.below(100));
    if mistake < 6 {
        // Run first, lifting straight after: the order breach.
        let run_end = w.add(day, start, (25, 40), RUN);
        let gap_min = w.rng.range(0, 10);
        w.add(day, run_end + gap_min, (45, 75), STRENGTH);
    } else {
        w.add(day, start, (45, 75), STRENGTH);
    }
    if (6..30).contains(&mistake) {
        // Track the same afternoon: far under the 24 h a power athlete needs.
        let run_start = w.rng.pick(&[hm(16, 0), hm(17, 30)]);
        w.add(day, run_start, (45, 90), RUN);
    }
}

/// Two lifts and five to eight endurance sessions, with double days and warm-ups.
fn plan_distance(w: &mut Week) {
    let first_lift_day = w.rng.below(2) as usize;
    for day in 0..7 {
        if day == first_lift_day || day == first_lift_day + 3 {
            plan_distance_lift_day(w, day);
        } else if day == 6 {
            let (start, kind) = (w.time(hm(8, 0), hm(9, 30)), w.rng.pick(&EASY_KINDS));
            w.add(day, start, (90, 150), kind);
        } else if w.rng.chance(85) {
            let (start, kind) = (w.rng.pick(&EASY_STARTS), w.rng.pick(&EASY_KINDS));
            w.add(day, start, (30, 90), kind);
            if start < hm(12, 0) && w.rng.chance(20) {
                w.add(day, hm(18, 30), (30, 45), SWIM);
            }
        }
    }
    w.maybe_light(25, hm(21, 0));
}

fn plan_distance_lift_day(w: &mut Week, day: usize) {
    let gap_min = w.rng.range(0, 20);
    let lift_start = match w.rng.below(100) {
        // Easy run at 07:00, lifting 4-11 h later.
        0..=39 => {
            w.add(day, hm(7, 0), (30, 50), RUN);
            let start = w.time(hm(12, 0), hm(18, 0));
            w.add(day, start, (40, 60), STRENGTH);
            start
        }
        // A run straight into lifting: the order breach (no warm-up: the run is one).
        40..=54 => {
            let start = w.time(hm(17, 0), hm(17, 45));
            let run_end = w.add(day, start, (30, 60), RUN);
            w.add(day, run_end + gap_min, (40, 60), STRENGTH);
            return;
        }
        // Lifting, then a run within 20 min: a combined session.
        55..=69 => {
            let start = w.time(hm(17, 0), hm(17, 45));
            let lift_end = w.add(day, start, (40, 60), STRENGTH);
            w.add(day, lift_end + gap_min, (30, 60), RUN);
            start
        }
        // Lifting alone: the neighbouring days' runs lie 6-24 h away.
        _ => {
            let start = w.time(hm(12, 0), hm(18, 30));
            w.add(day, start, (40, 60), STRENGTH);
            start
        }
    };
    // Watch files often hold a short ride or row before lifting; 16-25 min probes the 15-min limit.
    let warm_up_min = match w.rng.below(100) {
        0..=39 => w.rng.range(8, 14),
        40..=44 => w.rng.range(16, 25),
        _ => return,
    };
    let warm_up_start = lift_start - w.rng.range(0, 10) - warm_up_min;
    let kind = w.rng.pick(&[INDOOR_RIDE, INDOOR_ROW]);
    w.add(day, warm_up_start, (warm_up_min, warm_up_min), kind);
}

/// Two lifts and three or four endurance sessions, often back to back (exempt athletes).
fn plan_masters(w: &mut Week) {
    let first_lift_day = w.rng.below(2) as usize;
    let is_lift_day = |day| day == first_lift_day || day == first_lift_day + 3;
    let mut endurance_left = w.rng.range(3, 4);
    for day in 0..7 {
        let (start, kind) = (w.time(hm(9, 0), hm(10, 15)), w.rng.pick(&EASY_KINDS[1..]));
        let free_days_left = (day..7).filter(|d| !is_lift_day(*d)).count() as u32;
        if is_lift_day(day) {
            let lift_end = w.add(day, start, (40, 60), STRENGTH);
            if endurance_left > 0 && w.rng.chance(60) {
                endurance_left -= 1;
                let (gap_min, endurance_min) = (w.rng.range(0, 15), w.rng.range(30, 60));
                let before = start - gap_min - endurance_min;
                let endurance_start = w.rng.pick(&[before, lift_end + gap_min]);
                w.add(day, endurance_start, (endurance_min, endurance_min), kind);
            }
        } else if endurance_left > 0 && (free_days_left <= endurance_left || w.rng.chance(60)) {
            endurance_left -= 1;
            w.add(day, start, (30, 60), kind);
        }
    }
    w.maybe_light(30, hm(16, 0));
}

/// A date-only diary of four to six TrainingPeaks-named sessions.
fn plan_club(w: &mut Week) {
    let sessions = w.rng.range(4, 6) as usize;
    if w.rng.chance(40) {
        let day = w.rng.below(7) as usize;
        w.add(day, 0, (30, 60), TP_STRENGTH);
        w.add(day, 0, (30, 75), TP_RUN);
    }
    while w.plan.len() < sessions {
        let (day, kind) = (w.rng.below(7) as usize, w.rng.pick(&CLUB_KINDS));
        let longest_min = if kind == TP_BIKE { 180 } else { 75 };
        w.add(day, 0, (30, longest_min), kind);
    }
}

/// One calendar day of the season, formatted once instead of once per row.
struct Day {
    date_text: String,
    summer_time: bool,
}

/// The season's days; it ends early where a date would leave years 0..=9999.
fn season_days(start: NaiveDate, weeks: usize) -> Vec<Day> {
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

/// Appends `text` as one CSV field, quoted per RFC 4180 when it needs to be.
fn push_csv_field(line: &mut Vec<u8>, text: &str) {
    if !text.contains([',', '"', '\n', '\r']) {
        line.extend_from_slice(text.as_bytes());
        return;
    }
    line.push(b'"');
    for b in text.bytes() {
        if b == b'"' {
            line.push(b'"');
        }
        line.push(b);
    }
    line.push(b'"');
}

fn push_strs(line: &mut Vec<u8>, parts: &[&str]) {
    for part in parts {
        line.extend_from_slice(part.as_bytes());
    }
}

/// Appends one sessions row; per-row details (offset, decimals, rpe, notes) are drawn here.
fn push_row(line: &mut Vec<u8>, a: &Athlete, seq_no: u64, day: &Day, s: &Planned, rng: &mut Rng) {
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
        push_csv_field(line, rng.pick(&NOTES));
    }
    line.push(b'\n');
}

/// Athletes per group: 30/30/25/15 %, every group filled once there are four athletes.
fn group_sizes(athletes: usize) -> [usize; 4] {
    if athletes < GROUPS.len() {
        return std::array::from_fn(|i| usize::from(i < athletes));
    }
    let share = |pct: usize| (athletes / 100 * pct + athletes % 100 * pct / 100).max(1);
    let (sprinters, distance, masters) = (share(30), share(30), share(25));
    let club = athletes - sprinters - distance - masters;
    [sprinters, distance, masters, club]
}

/// Athletes per group: each kind's share of [`group_sizes`] split evenly over
/// its copies, the first copies taking the remainder.
fn slot_sizes(athletes: usize, slots: &[Slot]) -> Vec<usize> {
    let kinds = group_sizes(athletes);
    let copies = |kind: Group| slots.iter().filter(|s| s.kind == kind).count();
    slots
        .iter()
        .map(|s| {
            let (total, n) = (kinds[s.kind as usize], copies(s.kind));
            total / n + usize::from(s.copy < total % n)
        })
        .collect()
}

/// Zero-padded ids of one width sort in number order.
fn id_width(group_size: usize) -> usize {
    group_size.to_string().len().max(2)
}

fn write_roster(
    spec: &GenSpec,
    slots: &[Slot],
    sizes: &[usize],
    sink: &mut dyn GenSink,
) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(BUF_BYTES, sink.file("roster.csv")?);
    out.write_all(ROSTER_HEADER)?;
    for (&slot, &size) in slots.iter().zip(sizes) {
        let name = slot.name();
        for number in 1..=size {
            let a = Athlete::new(spec.seed, slot, number, id_width(size));
            let (id, status, tz) = (&a.id, a.status, a.zone.0);
            let power_focus = slot.kind == Group::Sprinters;
            writeln!(out, "{id},Athlete {id},{name},{status},{power_focus},{tz}")?;
        }
    }
    out.flush()
}

/// Streams one group's sessions file and returns its row count; the file
/// is made at its first row, so a group without sessions (no athletes, no
/// weeks) writes none, never a header-only file the audit would reject.
fn write_group<'s>(
    spec: &GenSpec,
    slot: Slot,
    size: usize,
    days: &[Day],
    sink: &'s mut dyn GenSink,
) -> io::Result<u64> {
    let group = slot.kind;
    // The sink is taken once, when the first row opens the file.
    let mut sink = Some(sink);
    let mut out: Option<BufWriter<Box<dyn Write + 's>>> = None;
    let (mut line, mut rows) = (Vec::with_capacity(256), 0);
    for number in 1..=size {
        let a = Athlete::new(spec.seed, slot, number, id_width(size));
        let (rng, plan) = (a.session_rng(spec.seed), Vec::with_capacity(32));
        let (mut w, mut seq_no) = (Week { rng, plan }, 0);
        for (week, week_days) in days.chunks(7).enumerate() {
            w.plan.clear();
            group.plan_week(&mut w);
            if a.is_rest_week(week) {
                w.plan.retain(|_| w.rng.chance(40));
            }
            // Stable, so equal starts (date-only diaries) keep their planned order; a
            // week's handful of sessions is insertion-sorted without allocating.
            w.plan.sort_by_key(|p| (p.day, p.start_min_of_day));
            for s in w.plan.iter().filter(|p| p.day < week_days.len()) {
                seq_no += 1;
                line.clear();
                push_row(&mut line, &a, seq_no, &week_days[s.day], s, &mut w.rng);
                let file = match &mut out {
                    Some(file) => file,
                    None => {
                        let sink = sink.take().expect("the file is opened once");
                        let file = sink.file(&format!("{}.csv", slot.name()))?;
                        let file = out.insert(BufWriter::with_capacity(BUF_BYTES, file));
                        file.write_all(SESSIONS_HEADER)?;
                        file
                    }
                };
                file.write_all(&line)?;
            }
        }
        rows += seq_no;
    }
    if let Some(mut file) = out {
        file.flush()?;
    }
    Ok(rows)
}

/// Writes `roster.csv` and one sessions CSV per group that has sessions into `sink`.
pub fn generate(spec: &GenSpec, sink: &mut dyn GenSink) -> io::Result<GenStats> {
    let slots = Slot::all(spec.groups);
    let sizes = slot_sizes(spec.athletes, &slots);
    write_roster(spec, &slots, &sizes, sink)?;
    // Without athletes the calendar is never read, however many weeks were asked for.
    let weeks = if spec.athletes == 0 { 0 } else { spec.weeks };
    let days = season_days(spec.start, weeks);
    let (mut sessions, mut files) = (0, 1);
    for (&slot, &size) in slots.iter().zip(&sizes) {
        let rows = write_group(spec, slot, size, &days, sink)?;
        sessions += rows;
        files += usize::from(rows > 0);
    }
    let athletes = spec.athletes;
    Ok(GenStats {
        athletes,
        sessions,
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;
    use std::collections::BTreeMap;

    #[derive(Default)]
    struct MemSink(BTreeMap<String, Vec<u8>>);

    impl GenSink for MemSink {
        fn file(&mut self, rel_path: &str) -> io::Result<Box<dyn Write + '_>> {
            Ok(Box::new(self.0.entry(rel_path.to_owned()).or_default()))
        }
    }

    const GROUP_FILES: [&str; 4] = ["sprinters.csv", "distance.csv", "masters.csv", "club.csv"];

    fn run(athletes: usize, weeks: usize, seed: u64) -> (GenStats, BTreeMap<String, String>) {
        run_groups(athletes, 4, weeks, seed)
    }

    fn run_groups(
        athletes: usize,
        groups: usize,
        weeks: usize,
        seed: u64,
    ) -> (GenStats, BTreeMap<String, String>) {
        let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let mut sink = MemSink::default();
        let stats = generate(
            &GenSpec {
                athletes,
                groups,
                weeks,
                seed,
                start,
            },
            &mut sink,
        )
        .unwrap();
        let text = |bytes| String::from_utf8(bytes).unwrap();
        (
            stats,
            sink.0.into_iter().map(|(k, v)| (k, text(v))).collect(),
        )
    }

    /// Data rows split at commas; only the last field (notes) may hold a quoted comma.
    fn rows(text: &str) -> Vec<Vec<&str>> {
        text.lines()
            .skip(1)
            .map(|line| line.splitn(10, ',').collect())
            .collect()
    }

    fn session_rows(files: &BTreeMap<String, String>) -> Vec<Vec<&str>> {
        GROUP_FILES.iter().flat_map(|f| rows(&files[*f])).collect()
    }

    #[test]
    fn same_seed_gives_identical_bytes() {
        assert_eq!(run(25, 6, 7), run(25, 6, 7));
    }

    #[test]
    fn different_seed_gives_different_bytes() {
        assert_ne!(run(25, 6, 7).1, run(25, 6, 8).1);
    }

    #[test]
    fn every_group_file_has_the_exact_header() {
        let (stats, files) = run(10, 2, 1);
        assert_eq!((stats.files, files.len()), (5, 5));
        assert!(GROUP_FILES
            .iter()
            .all(|f| files[*f].as_bytes().starts_with(SESSIONS_HEADER)));
        assert!(files["roster.csv"].as_bytes().starts_with(ROSTER_HEADER));
    }

    #[test]
    fn roster_has_every_athlete_split_30_30_25_15() {
        let files = run(100, 1, 3).1;
        let roster = rows(&files["roster.csv"]);
        let count = |g: &str| roster.iter().filter(|r| r[2] == g).count();
        let counts = GROUP_FILES.map(|f| count(f.trim_end_matches(".csv")));
        assert_eq!(counts, [30, 30, 25, 15]);
        assert!(roster
            .iter()
            .all(|r| r.len() == 6 && r[5].starts_with("Europe/")));
    }

    #[test]
    fn more_groups_repeat_the_four_kinds_with_suffixed_names() {
        let (stats, files) = run_groups(203, 10, 2, 3);
        assert_eq!((stats.files, files.len()), (11, 11));
        let roster = rows(&files["roster.csv"]);
        let count = |g: &str| roster.iter().filter(|r| r[2] == g).count();
        let groups = [
            "sprinters",
            "distance",
            "masters",
            "club",
            "sprinters-2",
            "distance-2",
            "masters-2",
            "club-2",
            "sprinters-3",
            "distance-3",
        ];
        // Kinds split 60/60/50/33 as with four groups, then evenly over their copies.
        assert_eq!(groups.map(count), [20, 20, 25, 17, 20, 20, 25, 16, 20, 20]);
        assert!(groups
            .iter()
            .all(|g| files.contains_key(&format!("{g}.csv"))));
        let mut ids: Vec<&str> = roster.iter().map(|r| r[0]).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 203);
        assert!(roster
            .iter()
            .any(|r| r[0] == "S3-20" && r[2] == "sprinters-3"));
        // The copies are other athletes, not the same logs under new ids.
        let tail = |f: &str| files[f].split_once(',').unwrap().1.to_string();
        assert_ne!(tail("sprinters.csv"), tail("sprinters-2.csv"));
    }

    #[test]
    fn first_four_groups_of_a_larger_season_keep_their_athletes() {
        let four = run_groups(40, 4, 2, 9).1;
        let eight = run_groups(80, 8, 2, 9).1;
        for f in GROUP_FILES {
            assert_eq!(four[f], eight[f], "{f}");
        }
        assert_eq!(run_groups(40, 1, 2, 9), run(40, 2, 9));
    }

    #[test]
    fn fewer_than_four_athletes_fill_groups_in_order() {
        let files = run(2, 1, 3).1;
        let groups: Vec<&str> = rows(&files["roster.csv"]).iter().map(|r| r[2]).collect();
        assert_eq!(groups, ["sprinters", "distance"]);
        assert!(
            !files.contains_key("club.csv"),
            "a group without athletes has no file"
        );
    }

    #[test]
    fn zero_athletes_or_weeks_write_the_roster_only() {
        for (athletes, weeks) in [(0, 8), (12, 0)] {
            let (stats, files) = run(athletes, weeks, 5);
            assert_eq!((stats.sessions, stats.files, files.len()), (0, 1, 1));
            assert!(files.contains_key("roster.csv"));
        }
    }

    #[test]
    fn groups_without_athletes_write_no_header_only_file() {
        let (stats, files) = run_groups(40, 40, 2, 7);
        let roster = rows(&files["roster.csv"]);
        assert_eq!(roster.len(), 40);
        assert!(files.len() < 41, "every one of 40 groups has a file");
        assert_eq!(stats.files, files.len());
        for (name, text) in files.iter().filter(|(n, _)| *n != "roster.csv") {
            assert!(text.as_bytes() != SESSIONS_HEADER, "{name} is header-only");
            let group = name.trim_end_matches(".csv");
            assert!(
                roster.iter().any(|r| r[2] == group),
                "{name} has no athletes"
            );
        }
    }

    #[test]
    fn stats_count_every_row_and_every_athlete_has_a_session() {
        let (stats, files) = run(40, 3, 11);
        let sessions = session_rows(&files);
        assert_eq!(stats.sessions, sessions.len() as u64);
        assert!(sessions.iter().all(|r| r.len() == 10));
        for athlete in rows(&files["roster.csv"]) {
            assert!(
                sessions.iter().any(|r| r[1] == athlete[0]),
                "{}",
                athlete[0]
            );
        }
    }

    #[test]
    fn notes_with_a_comma_or_quote_are_quoted() {
        let files = run(40, 4, 2).1;
        let notes: Vec<&str> = session_rows(&files).iter().map(|r| r[9]).collect();
        assert!(notes.contains(&"\"legs heavy, cut short\""));
        assert!(notes.contains(&"\"coach said \"\"easy\"\"\""));
        assert!(notes.iter().all(|n| !n.contains(',') || n.starts_with('"')));
    }

    #[test]
    fn club_rows_have_bare_dates_and_others_a_time_of_day() {
        let files = run(40, 4, 2).1;
        let is_date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok();
        assert!(rows(&files["club.csv"]).iter().all(|r| is_date(r[2])));
        let timed = rows(&files["sprinters.csv"]);
        assert!(timed.iter().all(|r| r[2].len() == 16 || r[2].len() == 25));
        assert!(timed.iter().any(|r| r[2].ends_with(":00+01:00")));
    }

    #[test]
    fn summer_time_runs_from_last_sunday_of_march_to_last_of_october() {
        let day = |m, d| is_eu_summer_time(NaiveDate::from_ymd_opt(2026, m, d).unwrap());
        assert!(!day(3, 28) && day(3, 29) && day(10, 24) && !day(10, 25));
    }

    #[test]
    fn sessions_are_sorted_by_start_within_each_athlete() {
        let files = run(30, 5, 4).1;
        let sessions = session_rows(&files);
        for pair in sessions.windows(2).filter(|p| p[0][1] == p[1][1]) {
            let len = pair[0][2].len().min(16);
            assert!(pair[0][2][..len] <= pair[1][2][..len], "{pair:?}");
        }
    }

    #[test]
    fn only_strength_sessions_go_to_failure() {
        let files = run(40, 8, 6).1;
        let sessions = session_rows(&files);
        let to_failure: Vec<_> = sessions.iter().filter(|r| r[8] == "true").collect();
        assert!(!to_failure.is_empty());
        assert!(to_failure
            .iter()
            .all(|r| r[6] == "strength_training" || r[5] == "Strength"));
    }

    #[test]
    fn most_sprinter_lifts_lie_a_day_from_every_run() {
        let files = run(40, 16, 2026).1;
        let sprinters = rows(&files["sprinters.csv"]);
        let span = |r: &[&str]| {
            let start = NaiveDateTime::parse_from_str(&r[2][..16], "%Y-%m-%dT%H:%M").unwrap();
            let seconds = r[3].parse::<f64>().unwrap() * 60.0;
            (start, start + chrono::Duration::seconds(seconds as i64))
        };
        let day = chrono::Duration::hours(24);
        let is_lift = |r: &&Vec<&str>| r[6] == "strength_training";
        let lifts: Vec<_> = sprinters.iter().filter(is_lift).collect();
        let spaced = lifts.iter().filter(|lift| {
            let (start, end) = span(lift);
            let runs = sprinters
                .iter()
                .filter(|r| r[1] == lift[1] && r[5] == "running");
            runs.map(|r| span(r))
                .all(|(run_start, run_end)| run_end + day <= start || end + day <= run_start)
        });
        let pct = 100 * spaced.count() / lifts.len();
        assert!((55..=75).contains(&pct), "{pct} % of sprinter lifts spaced");
    }

    #[test]
    fn distance_group_has_warm_ups_before_lifting() {
        let files = run(20, 4, 9).1;
        let distance = rows(&files["distance.csv"]);
        let start =
            |r: &[&str]| NaiveDateTime::parse_from_str(&r[2][..16], "%Y-%m-%dT%H:%M").unwrap();
        let is_warm_up = |w: &Vec<&str>| {
            let minutes: f64 = w[3].parse().unwrap();
            let lifts_soon_after = |s: &Vec<&str>| {
                let gap_min = (start(s) - start(w)).num_seconds() as f64 / 60.0 - minutes;
                s[1] == w[1]
                    && s[6] == "strength_training"
                    && start(w) <= start(s)
                    && gap_min <= 20.0
            };
            w[6].starts_with("indoor_") && minutes <= 15.0 && distance.iter().any(lifts_soon_after)
        };
        assert!(distance.iter().any(is_warm_up));
    }
}
