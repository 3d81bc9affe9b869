//! Bytes to text: byte-order marks, UTF-16, and the Windows-1252 that Excel
//! writes, plus sniffing a CSV's delimiter from its header line.

/// Text decoded from a file, with how it was encoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<'a> {
    /// The text, without a byte-order mark (borrowed when the bytes are UTF-8).
    pub text: std::borrow::Cow<'a, str>,
    /// `None` for UTF-8; else the encoding that was read (e.g. `windows-1252`).
    pub encoding: Option<&'static str>,
}

/// Decodes a file's bytes: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let name = (encoding != encoding_rs::UTF_8).then(|| encoding.name());
        return Decoded {
            text,
            encoding: name,
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.into(),
            encoding: None,
        },
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text,
                encoding: Some("windows-1252"),
            }
        }
    }
}

/// Whether decoded text looks like binary data rather than a text table.
pub fn looks_binary(text: &str) -> bool {
    text.chars().take(8192).any(|c| c == '\0')
}

/// Picks `,`, `;` or tab: whichever occurs most outside quotes in the first line.
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_removed() {
        let d = decode(b"\xEF\xBB\xBFa,b\n");
        assert_eq!(d.text, "a,b\n");
        assert_eq!(d.encoding, None);
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1252() {
        let d = decode(b"name\nRen\xE9\n");
        assert_eq!(d.text, "name\nRen\u{e9}\n");
        assert_eq!(d.encoding, Some("windows-1252"));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let d = decode(b"\xFF\xFEa\0;\0b\0");
        assert_eq!(d.text, "a;b");
        assert_eq!(d.encoding, Some("UTF-16LE"));
    }

    #[test]
    fn delimiter_is_the_most_common_outside_quotes() {
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter("\"x;y;z\",b\n"), b',');
        assert_eq!(sniff_delimiter("single\n"), b',');
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(looks_binary("PK\u{3}\u{4}\0\0"));
        assert!(!looks_binary("a,b\n1,2\n"));
    }
}
