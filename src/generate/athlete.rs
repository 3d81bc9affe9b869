//! The athletes of a season: the four kinds of groups and their traits, the
//! group slots (kinds repeated as copies), how many athletes each holds and
//! each athlete's roster row.

use super::rng::{mix64, Rng};
use super::schedule::{plan_club, plan_distance, plan_masters, plan_sprinters, Week};

// (IANA name, UTC offsets in winter and in summer); most athletes get the first.
const ZONES: [(&str, [&str; 2]); 4] = [
    ("Europe/Amsterdam", ["+01:00", "+02:00"]),
    ("Europe/Brussels", ["+01:00", "+02:00"]),
    ("Europe/Berlin", ["+01:00", "+02:00"]),
    ("Europe/London", ["+00:00", "+01:00"]),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Group {
    Sprinters,
    Distance,
    Masters,
    Club,
}

pub(super) const GROUPS: [Group; 4] = [
    Group::Sprinters,
    Group::Distance,
    Group::Masters,
    Group::Club,
];

impl Group {
    /// (name, id prefix, statuses drawn 10/30/60 %, % of rows naming their modality).
    pub(super) fn traits(self) -> (&'static str, &'static str, [&'static str; 3], u64) {
        match self {
            Group::Sprinters => ("sprinters", "S", ["elite", "elite", "trained"], 100),
            Group::Distance => ("distance", "D", ["recreational", "elite", "trained"], 0),
            Group::Masters => ("masters", "M", ["untrained", "recreational", "trained"], 50),
            Group::Club => ("club", "C", ["trained", "elite", "trained"], 0),
        }
    }

    /// Plans one week of this kind's sessions into `week`.
    pub(super) fn plan_week(self, week: &mut Week) {
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
pub(super) struct Slot {
    pub(super) kind: Group,
    pub(super) copy: usize,
}

impl Slot {
    /// The groups of a season: the four kinds in turn, `groups` in all.
    pub(super) fn all(groups: usize) -> Vec<Slot> {
        (0..groups.max(GROUPS.len()))
            .map(|k| Slot {
                kind: GROUPS[k % GROUPS.len()],
                copy: k / GROUPS.len(),
            })
            .collect()
    }

    /// Group name: the kind's, with `-2`, `-3`... for later copies.
    pub(super) fn name(self) -> String {
        match self.copy {
            0 => self.kind.traits().0.to_string(),
            c => format!("{}-{}", self.kind.traits().0, c + 1),
        }
    }

    /// Athlete id prefix: `S`, then `S2-`, `S3-`... for later copies.
    pub(super) fn prefix(self) -> String {
        match self.copy {
            0 => self.kind.traits().1.to_string(),
            c => format!("{}{}-", self.kind.traits().1, c + 1),
        }
    }

    /// Random stream of an athlete: the first copy keeps the four-group season's.
    pub(super) fn stream(self, number: usize) -> u64 {
        number as u64 | (self.copy as u64) << 32
    }
}

/// One roster row, rebuilt from the seed when needed so nothing is held per athlete.
pub(super) struct Athlete {
    pub(super) group: Group,
    pub(super) slot: Slot,
    pub(super) number: usize,
    pub(super) id: String,
    pub(super) status: &'static str,
    pub(super) zone: (&'static str, [&'static str; 2]),
}

impl Athlete {
    /// The roster row of athlete `number` (from 1) of `slot`.
    pub(super) fn new(seed: u64, slot: Slot, number: usize, id_width: usize) -> Self {
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

    /// A birth year for the masters (ages 50 to 76 in 2026), from a stream
    /// of its own so that the other roster draws never shift; none for the
    /// other groups.
    pub(super) fn birth_year(&self, seed: u64) -> Option<u32> {
        if self.group != Group::Masters {
            return None;
        }
        let mut rng = Rng::new(seed ^ mix64(0xB1_87), self.slot.stream(self.number));
        Some(rng.range(1950, 1976))
    }

    /// Its own stream, so roster draws never shift the sessions.
    pub(super) fn session_rng(&self, seed: u64) -> Rng {
        let stream = self.slot.stream(self.number);
        Rng::new(seed ^ mix64(self.group as u64 + 101), stream)
    }

    /// A few athletes take every fourth week (never the first) easy.
    pub(super) fn is_rest_week(&self, week: usize) -> bool {
        self.number % 8 == 3 && week % 4 == 3
    }
}

/// Athletes per group: 30/30/25/15 %, every group filled once there are four athletes.
pub(super) fn group_sizes(athletes: usize) -> [usize; 4] {
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
pub(super) fn slot_sizes(athletes: usize, slots: &[Slot]) -> Vec<usize> {
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
pub(super) fn id_width(group_size: usize) -> usize {
    group_size.to_string().len().max(2)
}
