//! The raw fields the audit reads from the four FIT messages it uses, by
//! field number as the FIT profile (21.x) defines them, in the file's units
//! (FIT seconds since 1989-12-31T00:00Z, milliseconds, 1/16 kg).

use std::collections::HashMap;

use fitparser::profile::FieldDataType;
use fitparser::Value;

/// Seconds from the Unix epoch to the FIT epoch, 1989-12-31T00:00:00Z.
pub(super) const FIT_EPOCH_UNIX_S: i64 = 631_065_600;
/// FIT `date_time` values below this are seconds since device power-on.
pub(super) const FIRST_ABSOLUTE_FIT_S: u32 = 0x1000_0000;
/// `file_id.type` of an activity file.
pub(super) const FILE_TYPE_ACTIVITY: u8 = 4;
/// `set.set_type` of an active (non-rest) set.
pub(super) const SET_TYPE_ACTIVE: u8 = 1;

/// The messages the reader keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Msg {
    /// `file_id` (0): what kind of file this is.
    FileId,
    /// `session` (18): one sport's summary.
    Session,
    /// `activity` (34): carries the local time offset.
    Activity,
    /// `set` (225): one strength or rest set.
    Set,
}

impl Msg {
    /// The message for a global message number, if the reader keeps it.
    pub(super) fn from_number(global: u16) -> Option<Msg> {
        match global {
            0 => Some(Msg::FileId),
            18 => Some(Msg::Session),
            34 => Some(Msg::Activity),
            225 => Some(Msg::Set),
            _ => None,
        }
    }
}

/// Raw fields of a data message by field number.
type Fields = HashMap<u8, Value>;

fn field_u32(fields: &Fields, number: u8) -> Option<u32> {
    fields.get(&number).and_then(value_u32)
}

fn field_u8(fields: &Fields, number: u8) -> Option<u8> {
    fields
        .get(&number)
        .and_then(value_u64)
        .and_then(|v| u8::try_from(v).ok())
}

fn field_u16(fields: &Fields, number: u8) -> Option<u16> {
    fields
        .get(&number)
        .and_then(value_u64)
        .and_then(|v| u16::try_from(v).ok())
}

/// `file_id`: the file's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileId {
    /// `type` (field 0), e.g. 4 = activity, 5 = workout.
    pub(crate) file_type: Option<u8>,
}

impl FileId {
    /// Reads the fields of a `file_id` message.
    pub(super) fn from_fields(fields: &Fields) -> FileId {
        FileId {
            file_type: field_u8(fields, 0),
        }
    }

    /// The FIT profile name of the file type (`workout`), or its number.
    pub(super) fn type_name(&self) -> String {
        self.file_type.map_or_else(
            || "missing".to_string(),
            |t| profile_name(FieldDataType::File, t),
        )
    }
}

/// `session`: one sport's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SessionMsg {
    /// Index of the FIT file of the chain the message is in.
    pub(crate) part: usize,
    /// `start_time` (field 2), FIT seconds.
    pub(crate) start_time_s: Option<u32>,
    /// `total_elapsed_time` (field 7), milliseconds (scale 1000).
    pub(crate) total_elapsed_ms: Option<u32>,
    /// `sport` (field 5).
    pub(crate) sport: Option<u8>,
    /// `sub_sport` (field 6).
    pub(crate) sub_sport: Option<u8>,
    /// `total_cycles` (field 10): repetitions for strength sessions.
    pub(crate) total_cycles: Option<u32>,
    /// `workout_rpe` (field 193): the athlete's RPE (0-10) times 10.
    pub(crate) workout_rpe_x10: Option<u8>,
}

impl SessionMsg {
    /// Reads the fields of a `session` message found in FIT file `part`.
    pub(super) fn from_fields(fields: &Fields, part: usize) -> SessionMsg {
        SessionMsg {
            part,
            start_time_s: field_u32(fields, 2),
            total_elapsed_ms: field_u32(fields, 7),
            sport: field_u8(fields, 5),
            sub_sport: field_u8(fields, 6),
            total_cycles: field_u32(fields, 10),
            workout_rpe_x10: field_u8(fields, 193),
        }
    }
}

/// `set`: one set of a strength session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SetMsg {
    /// `start_time` (field 6), FIT seconds; `timestamp` is often the session start.
    pub(crate) start_time_s: Option<u32>,
    /// `set_type` (field 5): 0 rest, 1 active.
    pub(crate) set_type: Option<u8>,
    /// `repetitions` (field 3).
    pub(crate) repetitions: Option<u16>,
    /// `weight` (field 4), 1/16 kg (scale 16).
    pub(crate) weight_16th_kg: Option<u16>,
}

impl SetMsg {
    /// Reads the fields of a `set` message.
    pub(super) fn from_fields(fields: &Fields) -> SetMsg {
        SetMsg {
            start_time_s: field_u32(fields, 6),
            set_type: field_u8(fields, 5),
            repetitions: field_u16(fields, 3),
            weight_16th_kg: field_u16(fields, 4),
        }
    }
}

/// `activity`: the whole recording's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Activity {
    /// Index of the FIT file of the chain the message is in.
    pub(crate) part: usize,
    /// `timestamp` (field 253, or from a compressed header), FIT seconds UTC.
    pub(crate) timestamp_s: Option<u32>,
    /// `local_timestamp` (field 5), FIT seconds of local wall-clock time.
    pub(crate) local_timestamp_s: Option<u32>,
}

impl Activity {
    /// Reads the fields of an `activity` message found in FIT file `part`.
    pub(super) fn from_fields(fields: &Fields, timestamp_s: Option<u32>, part: usize) -> Activity {
        Activity {
            part,
            timestamp_s,
            local_timestamp_s: field_u32(fields, 5),
        }
    }

    /// `local_timestamp - timestamp`, seconds, when both are there.
    pub(super) fn offset_s(&self) -> Option<i64> {
        Some(i64::from(self.local_timestamp_s?) - i64::from(self.timestamp_s?))
    }
}

/// The FIT profile name of an enum value (`strength_training`), or the
/// number itself when the profile (fitparser 0.11: 21.202) does not name it.
pub(super) fn profile_name(kind: FieldDataType, value: u8) -> String {
    let value = i64::from(value);
    if kind.is_named_variant(value) {
        fitparser::profile::get_field_variant_as_string(kind, value)
    } else {
        value.to_string()
    }
}

/// An unsigned integer field value as `u32`; `None` for other kinds.
pub(super) fn value_u32(value: &Value) -> Option<u32> {
    value_u64(value).and_then(|v| u32::try_from(v).ok())
}

/// An unsigned integer field value as `u64`; `None` for other kinds, among
/// them the byte arrays a field becomes when its size does not fit its type.
pub(super) fn value_u64(value: &Value) -> Option<u64> {
    match *value {
        Value::Enum(v) | Value::UInt8(v) | Value::UInt8z(v) => Some(u64::from(v)),
        Value::UInt16(v) | Value::UInt16z(v) => Some(u64::from(v)),
        Value::UInt32(v) | Value::UInt32z(v) => Some(u64::from(v)),
        Value::UInt64(v) | Value::UInt64z(v) => Some(v),
        _ => None,
    }
}
