//! The FIT CRC-16 (FIT protocol, "CRC"): checked here rather than by
//! fitparser so that the bytes checked are the file's own, even where the
//! reader hands fitparser a patched copy of a definition message.

/// The FIT CRC is CRC-16/ARC, here computed 16 bytes a step (slice-by-16
/// tables): every byte of every FIT file is checked, and the FIT SDK's
/// nibble-at-a-time loop was most of reading one once the messages the
/// audit does not read were stepped over.
static FIT_CRC: crc::Crc<u16, crc::Table<16>> =
    crc::Crc::<u16, crc::Table<16>>::new(&crc::CRC_16_ARC);

/// The FIT CRC of `bytes` (0 for none).
pub(super) fn crc16(bytes: &[u8]) -> u16 {
    FIT_CRC.checksum(bytes)
}

#[cfg(test)]
mod tests {
    use super::crc16;

    /// The FIT SDK's own loop, a nibble at a time.
    fn sdk_crc(bytes: &[u8]) -> u16 {
        const TABLE: [u16; 16] = [
            0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800,
            0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
        ];
        bytes.iter().fold(0u16, |crc, &byte| {
            let low = TABLE[usize::from(crc & 0xF)];
            let crc = (crc >> 4) & 0x0FFF;
            let crc = crc ^ low ^ TABLE[usize::from(byte & 0xF)];
            let high = TABLE[usize::from(crc & 0xF)];
            let crc = (crc >> 4) & 0x0FFF;
            crc ^ high ^ TABLE[usize::from(byte >> 4)]
        })
    }

    #[test]
    fn crc_is_the_fit_sdks_for_any_length() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7919 % 251) as u8).collect();
        for len in [0, 1, 15, 16, 17, 33, 1000] {
            assert_eq!(crc16(&bytes[..len]), sdk_crc(&bytes[..len]), "{len} bytes");
        }
    }

    #[test]
    fn crc_of_bytes_followed_by_their_crc_is_zero() {
        let bytes = b"\x0e\x20\x54\x08.FIT";
        assert_eq!(crc16(b"123456789"), 0xBB3D); // CRC-16/ARC check value
        let mut with_crc = bytes.to_vec();
        with_crc.extend_from_slice(&crc16(bytes).to_le_bytes());
        assert_eq!(crc16(&with_crc), 0);
    }
}
