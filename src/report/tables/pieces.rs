//! What the tables written straight as bytes share (sessions.csv,
//! flags.csv, load_daily.csv): the CSV bytes of the names their rows take
//! from the frame, made once per table (see `report::piece`), local start
//! stamps and true/false cells.

use crate::classify::Frame;
use crate::model::push_csv_text;
use crate::model::{Modality, Session};
use crate::report::piece::Piece;
use crate::report::stamp::{self, Stamp};

/// Local start as RFC 3339 with the offset used, or the bare date of a date-only session.
pub(super) fn local_stamp(s: &Session) -> Stamp {
    if s.date_only {
        stamp::local_date(s.start_us, s.offset_s)
    } else {
        stamp::local(s.start_us, s.offset_s)
    }
}

/// The CSV bytes of the names rows take from the frame, each with the
/// separator after it, quoted where needed: made once per table, not once
/// per row, and appended in blocks (see `report::piece`).
pub(super) struct Pieces {
    /// Per athlete: `id,group,`.
    pub(super) athletes: Vec<Piece>,
    /// Per (sport, sub-sport) pair: `sport,sub_sport,`; one more, empty,
    /// for a number past the pairs.
    sport_pairs: Vec<Piece>,
    /// Per file: `path,format,`.
    pub(super) files: Vec<Piece>,
    /// Per modality, in declaration order: `name,`.
    modalities: Vec<Piece>,
}

/// The CSV bytes of `texts` as cells, each followed by a comma.
pub(super) fn piece(texts: &[&str]) -> Piece {
    let mut bytes = Vec::new();
    for text in texts {
        push_csv_text(&mut bytes, text);
        bytes.push(b',');
    }
    Piece::new(&bytes)
}

/// Per athlete of `frame`: `id,group,`.
pub(super) fn athlete_pieces(frame: &Frame) -> Vec<Piece> {
    let athletes = frame.athletes.iter();
    athletes
        .map(|a| piece(&[&a.athlete_id, &a.group]))
        .collect()
}

impl Pieces {
    pub(super) fn of(frame: &Frame) -> Pieces {
        let pairs = (0..=frame.sport_pairs.len() as u32).map(|n| frame.sport_pair(n));
        let files = frame.files.iter();
        Pieces {
            athletes: athlete_pieces(frame),
            sport_pairs: pairs.map(|(sport, sub)| piece(&[sport, sub])).collect(),
            files: files
                .map(|f| piece(&[&f.path, f.format.as_str()]))
                .collect(),
            modalities: MODALITIES.iter().map(|m| piece(&[m.as_str()])).collect(),
        }
    }

    pub(super) fn sport_pair(&self, n: u32) -> &Piece {
        let last = self.sport_pairs.len() - 1;
        &self.sport_pairs[(n as usize).min(last)]
    }

    pub(super) fn modality(&self, m: Modality) -> &Piece {
        &self.modalities[m as usize]
    }
}

/// Every modality, in declaration order (a test checks), so that `m as usize` indexes it.
pub(super) const MODALITIES: [Modality; 5] = [
    Modality::Strength,
    Modality::Endurance,
    Modality::Mixed,
    Modality::Other,
    Modality::Warmup,
];

/// Appends a true/false cell's text (nothing when unknown).
pub(super) fn push_bool(buf: &mut Vec<u8>, value: Option<bool>) {
    match value {
        Some(true) => buf.extend_from_slice(b"true"),
        Some(false) => buf.extend_from_slice(b"false"),
        None => {}
    }
}
