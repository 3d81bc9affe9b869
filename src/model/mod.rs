//! The shared vocabulary of the pipeline, below every stage: modalities,
//! statuses, the roster, the raw and canonical session records, notes and
//! rejections, time units and zones, and the few names that the plan and
//! the report share (paper sizes, the report folder's marker, the
//! pseudonym key). This facade only re-exports; its files import each
//! other one way.

/// Inline string for ids and sport names: short ones need no heap allocation per session.
pub(crate) use compact_str::CompactString;

mod message;
mod modality;
mod notes;
mod output;
mod raw;
mod roster;
mod session;
mod text;
mod time;
mod workout;

pub(crate) use message::{byte_size, clip, clip_value};
pub(crate) use modality::{Modality, Status};
pub(crate) use notes::{quality_counts, Note, Rejection};
pub(crate) use output::{Paper, PseudonymKey, REPORT_MARKER_FILE};
pub(crate) use raw::{RawSession, SourceFile, SourceFormat, StartTime, StrengthDetail};
pub(crate) use roster::{Athlete, Roster, ALL_GROUPS, UNASSIGNED_GROUP};
pub(crate) use session::{
    round_half_away, round_to_i64, round_whole_as_tables, Marks, Origin, Session,
};
pub(crate) use text::{parse_flag, push_csv_text, trim};
pub(crate) use time::{local_datetime, parse_tz, sane_offset_s, US_PER_DAY, US_PER_H, US_PER_MIN};
pub(crate) use workout::{RawSet, RawWorkout, SetKind, WeightUnit};
