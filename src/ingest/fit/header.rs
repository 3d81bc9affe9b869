//! The FIT file header, checked before fitparser reads it: fitparser trusts
//! the header-size byte and can slice past the end or desync on odd values.

/// Bytes of the CRC after each FIT file's data.
pub(super) const CRC_LEN: usize = 2;

/// Checks the FIT file header at the start of `rest` (byte `at` of the
/// stream, after `parts_before` FIT files of a chain); returns the length of
/// the FIT file it heads (header, data, CRC), or why it is no header.
pub(super) fn check_header(rest: &[u8], at: usize, parts_before: usize) -> Result<usize, String> {
    let what = if parts_before == 0 {
        "not a FIT file".to_string()
    } else {
        format!(
            "the {} bytes after FIT file {parts_before} (from byte {at}) are not a FIT file header",
            rest.len()
        )
    };
    let size = rest.first().copied().unwrap_or(0);
    if rest.get(8..12) != Some(b".FIT".as_slice()) {
        return Err(format!(
            "{what}: no \".FIT\" signature at bytes {}..{}",
            at + 8,
            at + 12
        ));
    }
    if size != 12 && size != 14 {
        return Err(format!("{what}: header size {size}, expected 12 or 14"));
    }
    if rest.len() < usize::from(size) {
        return Err(format!(
            "truncated at byte {}: inside the header of FIT file {}",
            at + rest.len(),
            parts_before + 1
        ));
    }
    let data_len = rest
        .get(4..8)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u32::from_le_bytes);
    let next_part = usize::from(size) + CRC_LEN;
    let beyond = rest.len().saturating_sub(next_part);
    let chained = rest.get(next_part + 8..next_part + 12) == Some(b".FIT".as_slice());
    if data_len == 0 && beyond > 0 && !chained {
        return Err(format!(
            "the header of FIT file {} declares 0 bytes of data but {beyond} bytes follow (a recording that was never finalised?)",
            parts_before + 1
        ));
    }
    Ok(next_part.saturating_add(data_len as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_size_other_than_12_or_14_is_refused() {
        let mut header = [0u8; 14];
        header[8..12].copy_from_slice(b".FIT");
        header[0] = 255;
        let problem = check_header(&header, 0, 0).unwrap_err();
        assert!(problem.contains("header size 255"), "{problem}");
    }
}
