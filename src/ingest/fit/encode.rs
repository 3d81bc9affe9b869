//! Test support: a tiny FIT encoder that writes valid FIT bytes (14-byte
//! header with CRC, a definition before every data message, file CRC) with
//! chosen values, so tests can build files with the sessions and sets they need.

use super::crc::crc16 as crc;

/// Seconds from the Unix epoch to the FIT epoch.
const FIT_EPOCH_UNIX_S: i64 = 631_065_600;

/// A field value with its FIT base type.
#[derive(Debug, Clone, Copy)]
pub(crate) enum F {
    /// `enum` (0x00).
    Enum(u8),
    /// `uint8` (0x02).
    U8(u8),
    /// `uint16` (0x84).
    U16(u16),
    /// `uint32` (0x86).
    U32(u32),
}

impl F {
    fn base_type(self) -> u8 {
        match self {
            F::Enum(_) => 0x00,
            F::U8(_) => 0x02,
            F::U16(_) => 0x84,
            F::U32(_) => 0x86,
        }
    }

    fn bytes(self) -> Vec<u8> {
        match self {
            F::Enum(v) | F::U8(v) => vec![v],
            F::U16(v) => v.to_le_bytes().to_vec(),
            F::U32(v) => v.to_le_bytes().to_vec(),
        }
    }
}

/// FIT seconds of a Unix time in seconds.
pub(crate) fn fit_s(unix_s: i64) -> u32 {
    u32::try_from(unix_s - FIT_EPOCH_UNIX_S).expect("test time after 1989")
}

/// FIT seconds of an RFC 3339 UTC time (`2025-10-01T09:10:26Z`).
pub(crate) fn fit_at(rfc3339: &str) -> u32 {
    let t = chrono::DateTime::parse_from_rfc3339(rfc3339).expect("test time");
    fit_s(t.timestamp())
}

/// The data records of one FIT file, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct FitFile {
    data: Vec<u8>,
}

impl FitFile {
    /// An empty file (no messages).
    pub(crate) fn new() -> FitFile {
        FitFile::default()
    }

    /// Appends a definition (local type 0) and one data message.
    pub(crate) fn message(mut self, global: u16, fields: &[(u8, F)]) -> FitFile {
        self.define(0, global, fields);
        self.data.push(0x00);
        self.values(fields);
        self
    }

    /// Appends a definition (local type 1) and one data message with a
    /// compressed-timestamp header: `offset_s` is the timestamp's low 5 bits.
    pub(crate) fn compressed(mut self, global: u16, offset_s: u8, fields: &[(u8, F)]) -> FitFile {
        self.define(1, global, fields);
        self.data.push(0x80 | (1 << 5) | (offset_s & 0x1F));
        self.values(fields);
        self
    }

    /// Appends bytes as they are (a hand-made message).
    pub(crate) fn raw(mut self, bytes: &[u8]) -> FitFile {
        self.data.extend_from_slice(bytes);
        self
    }

    /// `file_id` of the given type (4 activity, 5 workout...).
    pub(crate) fn file_id(self, file_type: u8) -> FitFile {
        self.message(0, &[(0, F::Enum(file_type)), (1, F::U16(255))])
    }

    /// `session` with start (FIT s), elapsed time (ms), sport and sub-sport.
    pub(crate) fn session(
        self,
        start_s: u32,
        elapsed_ms: u32,
        sport: u8,
        sub_sport: u8,
    ) -> FitFile {
        self.message(
            18,
            &[
                (253, F::U32(start_s)),
                (2, F::U32(start_s)),
                (7, F::U32(elapsed_ms)),
                (5, F::Enum(sport)),
                (6, F::Enum(sub_sport)),
            ],
        )
    }

    /// `set` starting at `start_s`; `timestamp` is written as `decoy_s`, the
    /// way real watches stamp every set with the session start.
    pub(crate) fn set(
        self,
        start_s: u32,
        decoy_s: u32,
        active: bool,
        reps: u16,
        kg_x16: u16,
    ) -> FitFile {
        self.message(
            225,
            &[
                (254, F::U32(decoy_s)),
                (6, F::U32(start_s)),
                (5, F::U8(u8::from(active))),
                (3, F::U16(reps)),
                (4, F::U16(kg_x16)),
            ],
        )
    }

    /// `activity` with `timestamp` and `local_timestamp` (FIT s).
    pub(crate) fn activity(self, timestamp_s: u32, local_s: u32) -> FitFile {
        self.message(34, &[(253, F::U32(timestamp_s)), (5, F::U32(local_s))])
    }

    /// Bytes written so far, counted from the start of the finished file.
    pub(crate) fn len_in_file(&self) -> usize {
        HEADER_LEN + self.data.len()
    }

    /// The complete file: header, data, CRC.
    pub(crate) fn bytes(&self) -> Vec<u8> {
        let data_len = u32::try_from(self.data.len()).expect("small test file");
        let mut out = vec![HEADER_LEN as u8, 0x20];
        out.extend_from_slice(&2132u16.to_le_bytes());
        out.extend_from_slice(&data_len.to_le_bytes());
        out.extend_from_slice(b".FIT");
        out.extend_from_slice(&crc(&out).to_le_bytes());
        out.extend_from_slice(&self.data);
        out.extend_from_slice(&crc(&out).to_le_bytes());
        out
    }

    fn define(&mut self, local: u8, global: u16, fields: &[(u8, F)]) {
        self.data.extend_from_slice(&[0x40 | local, 0, 0]);
        self.data.extend_from_slice(&global.to_le_bytes());
        self.data
            .push(u8::try_from(fields.len()).expect("few fields"));
        for (number, value) in fields {
            let size = u8::try_from(value.bytes().len()).expect("small field");
            self.data
                .extend_from_slice(&[*number, size, value.base_type()]);
        }
    }

    fn values(&mut self, fields: &[(u8, F)]) {
        for (_, value) in fields {
            self.data.extend_from_slice(&value.bytes());
        }
    }
}

/// Size of the header the encoder writes.
pub(crate) const HEADER_LEN: usize = 14;
