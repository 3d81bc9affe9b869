//! What a session is and whom the rules apply to: the modalities of
//! training and the athletes' training statuses (RULES.md section 2).

use std::fmt;

use super::text::trim;

/// What kind of training a session is (RULES.md section 2; `Warmup` is derived).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Modality {
    /// Resistance training.
    Strength,
    /// Running, cycling, rowing, swimming and the like.
    Endurance,
    /// Both at once (HIIT, CrossFit); never paired.
    Mixed,
    /// Anything else; never paired.
    Other,
    /// A short endurance bout right before strength; never paired.
    Warmup,
}

impl Modality {
    /// The four modalities a user may name in an input or a rules file.
    pub(crate) const NAMED: [Modality; 4] = [
        Modality::Strength,
        Modality::Endurance,
        Modality::Mixed,
        Modality::Other,
    ];

    /// The lower-case name used in files.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Modality::Strength => "strength",
            Modality::Endurance => "endurance",
            Modality::Mixed => "mixed",
            Modality::Other => "other",
            Modality::Warmup => "warmup",
        }
    }

    /// Reads a user-given modality name (any case); `warmup` is not accepted.
    pub(crate) fn parse(text: &str) -> Option<Modality> {
        let text = trim(text);
        Modality::NAMED.into_iter().find(|m| {
            let name = m.as_str();
            name.len() == text.len() && name.eq_ignore_ascii_case(text)
        })
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An athlete's training status from the roster (RULES.md section 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Status {
    /// No regular training.
    Untrained,
    /// Trains for fun; moderately trained.
    Recreational,
    /// Well-trained athlete.
    Trained,
    /// Elite athlete.
    Elite,
    /// Not in the roster, or a status the roster left empty or unreadable.
    Unknown,
}

impl Status {
    /// Every status, in order of training level.
    pub(crate) const ALL: [Status; 5] = [
        Status::Untrained,
        Status::Recreational,
        Status::Trained,
        Status::Elite,
        Status::Unknown,
    ];

    /// The lower-case name used in files.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Untrained => "untrained",
            Status::Recreational => "recreational",
            Status::Trained => "trained",
            Status::Elite => "elite",
            Status::Unknown => "unknown",
        }
    }

    /// Reads a status name (any case).
    pub(crate) fn parse(text: &str) -> Option<Status> {
        let lower = text.trim().to_ascii_lowercase();
        Status::ALL.into_iter().find(|s| s.as_str() == lower)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
