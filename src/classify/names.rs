//! Sport names and athlete ids numbered in the order they are first met,
//! and the modality each (sport, sub-sport) pair of names decides.

use foldhash::HashMap;

use crate::config::sports::{is_undecided, normalize_sport, SportTable};
use crate::model::{CompactString, Modality};

/// Strings numbered in the order they are first met.
#[derive(Default)]
pub(super) struct Interner {
    index: HashMap<CompactString, u32>,
    pub(super) strings: Vec<CompactString>,
}

impl Interner {
    /// The number of `text`, a new one when it is met first.
    pub(super) fn get(&mut self, text: &str) -> u32 {
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        let i = self.strings.len() as u32;
        self.strings.push(text.into());
        self.index.insert(text.into(), i);
        i
    }
}

/// Sport names, and what each (sport, sub-sport) pair decides.
#[derive(Default)]
pub(super) struct Names {
    pub(super) strings: Interner,
    pairs: HashMap<(CompactString, CompactString), Pair>,
    /// The name numbers of each pair, by the pair's number.
    pub(super) numbered: Vec<[u32; 2]>,
}

impl Names {
    /// The pair of `sport` and `sub_sport`: numbered, and its modality
    /// decided by `table`, when it is met first.
    pub(super) fn pair(
        &mut self,
        table: &SportTable,
        sport: &CompactString,
        sub_sport: &CompactString,
    ) -> Pair {
        let key = (sport.clone(), sub_sport.clone());
        if let Some(&pair) = self.pairs.get(&key) {
            return pair;
        }
        let pair = Pair {
            modality: decide(table, sport, sub_sport),
            number: self.numbered.len() as u32,
        };
        let numbers = [self.strings.get(sport), self.strings.get(sub_sport)];
        self.numbered.push(numbers);
        self.pairs.insert(key, pair);
        pair
    }
}

/// What a (sport, sub-sport) pair of names gives a session.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pair {
    pub(super) modality: Modality,
    /// The pair's number (`Session::sports`).
    pub(super) number: u32,
}

/// The modality the sport names give (RULES.md section 7): the sub-sport
/// first, then the sport; `other` when neither is in the table.
fn decide(table: &SportTable, sport: &str, sub_sport: &str) -> Modality {
    [sub_sport, sport]
        .into_iter()
        .map(normalize_sport)
        .filter(|key| !is_undecided(key))
        .find_map(|key| table.get(&key))
        .unwrap_or(Modality::Other)
}
