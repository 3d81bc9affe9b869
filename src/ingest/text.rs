//! Bytes to text: byte-order marks, UTF-16, and the Windows-1252 that Excel
//! writes, plus sniffing a CSV's delimiter from its header line. A large
//! file is checked as UTF-8 in windows on every thread: one thread's pass
//! over it would keep the others waiting before any record is read.

use rayon::prelude::*;

use super::bytes::{Pages, FORGET_BYTES};

/// Text decoded from a file, with how it was encoded.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decoded<'a> {
    /// The text, without a byte-order mark (borrowed when the bytes are UTF-8).
    pub(crate) text: std::borrow::Cow<'a, str>,
    /// `None` for UTF-8; else the encoding that was read (e.g. `windows-1252`).
    pub(crate) encoding: Option<&'static str>,
}

/// Decodes a file's bytes: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252.
pub(crate) fn decode(bytes: &[u8]) -> Decoded<'_> {
    decode_paged(bytes, &Pages::default())
}

/// [`decode`], handing back the mapped `pages` of `bytes` as it checks them
/// (a large UTF-8 file is then never whole in memory).
pub(crate) fn decode_paged<'b>(bytes: &'b [u8], pages: &Pages) -> Decoded<'b> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        if let Some(text) = (encoding == encoding_rs::UTF_8)
            .then(|| utf8_paged(&bytes[bom_len..], pages))
            .flatten()
        {
            let (text, encoding) = (text.into(), None);
            return Decoded { text, encoding };
        }
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let name = (encoding != encoding_rs::UTF_8).then(|| encoding.name());
        return Decoded {
            text,
            encoding: name,
        };
    }
    match utf8_paged(bytes, pages) {
        Some(text) => Decoded {
            text: text.into(),
            encoding: None,
        },
        None => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text,
                encoding: Some("windows-1252"),
            }
        }
    }
}

/// `bytes` as UTF-8 text, checked in windows on every thread, each window
/// handed back once checked; `None` when they are not UTF-8.
fn utf8_paged<'b>(bytes: &'b [u8], pages: &Pages) -> Option<&'b str> {
    let windows = char_windows(bytes, FORGET_BYTES);
    let valid = windows.par_windows(2).all(|w| {
        let window = &bytes[w[0]..w[1]];
        let valid = std::str::from_utf8(window).is_ok();
        pages.forget(window);
        valid
    });
    // SAFETY: the windows cover `bytes` end to end and each was checked to
    // be UTF-8 above; UTF-8 pieces joined end to end are UTF-8.
    valid.then(|| unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// Where windows of about `window_bytes` start in `bytes`, then its end:
/// each cut moved on past continuation bytes (`0b10xx_xxxx`), so that no
/// character of UTF-8 text is split. More than three in a row are not
/// UTF-8: the cut then stays on one and the next window fails the check.
fn char_windows(bytes: &[u8], window_bytes: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut at = window_bytes.max(1);
    while at < bytes.len() {
        let continued = bytes[at..]
            .iter()
            .take(3)
            .take_while(|&&b| b & 0xC0 == 0x80);
        let cut = at + continued.count();
        if cut >= bytes.len() {
            break;
        }
        cuts.push(cut);
        at = cut + window_bytes.max(1);
    }
    cuts.push(bytes.len());
    cuts
}

/// Whether decoded text looks like binary data rather than a text table.
pub(crate) fn looks_binary(text: &str) -> bool {
    text.chars().take(8192).any(|c| c == '\0')
}

/// Picks `,`, `;` or tab: whichever occurs most outside quotes in the first line.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
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
    fn characters_across_a_window_end_are_utf8() {
        for cut in 1..4 {
            let mut text = "a".repeat(FORGET_BYTES - cut);
            text.push_str("\u{1F3C3}é,x\n");
            let d = decode(text.as_bytes());
            assert_eq!((d.text.as_ref(), d.encoding), (text.as_str(), None));
        }
    }

    #[test]
    fn a_bad_byte_after_the_first_window_makes_windows_1252() {
        let mut bytes = vec![b'a'; FORGET_BYTES + 10];
        bytes.push(0xE9);
        let d = decode(&bytes);
        assert_eq!(d.encoding, Some("windows-1252"));
        assert!(d.text.ends_with('\u{e9}'));
    }

    #[test]
    fn windows_are_cut_between_characters_and_cover_the_bytes() {
        let text = "a\u{1F3C3}é€b".repeat(50);
        let bytes = text.as_bytes();
        for window in 1..12 {
            let cuts = char_windows(bytes, window);
            assert_eq!((cuts[0], cuts[cuts.len() - 1]), (0, bytes.len()));
            assert!(cuts.windows(2).all(|w| w[0] < w[1]), "{window}: {cuts:?}");
            assert!(cuts.iter().all(|&c| text.is_char_boundary(c)), "{window}");
        }
    }

    #[test]
    fn a_character_cut_short_at_a_window_end_is_not_utf8() {
        // A lead byte of three, one continuation byte, then ASCII: wherever
        // the windows fall, some window holds the broken character.
        let mut bytes = vec![b'a'; 40];
        bytes.extend([0xE2, 0x82, b'x', b'y']);
        bytes.extend(vec![b'b'; 40]);
        assert_eq!(decode(&bytes).encoding, Some("windows-1252"));
        for window in 1..50 {
            let cuts = char_windows(&bytes, window);
            let valid = cuts
                .windows(2)
                .all(|w| std::str::from_utf8(&bytes[w[0]..w[1]]).is_ok());
            assert!(!valid, "window {window}: {cuts:?}");
        }
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
