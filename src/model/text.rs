//! Text of CSV cells that every stage shares: trimmed cells and yes/no
//! flags read, text written quoted only where needed.

/// `str::trim`, with a shortcut for the usual value that starts and ends
/// with a visible ASCII character (the full trim decodes Unicode), for
/// values read once per row.
pub(crate) fn trim(value: &str) -> &str {
    let bytes = value.as_bytes();
    match (bytes.first(), bytes.last()) {
        (None, _) => value,
        (Some(&first), Some(&last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => value,
        _ => value.trim(),
    }
}

/// Reads a yes/no value as RULES.md section 2 defines it; `None` means unknown.
pub(crate) fn parse_flag(text: &str) -> Option<bool> {
    // Compared without a lower-cased copy, words of the same length only:
    // this runs for every row.
    let text = trim(text);
    if text.is_empty() {
        // The usual value: most rows leave the flag empty.
        return None;
    }
    let is = |words: &[&str]| {
        let same = |w: &&str| w.len() == text.len() && w.eq_ignore_ascii_case(text);
        words.iter().any(same)
    };
    if is(&["true", "yes", "y", "t", "1"]) {
        Some(true)
    } else if is(&["false", "no", "n", "f", "0"]) {
        Some(false)
    } else {
        None
    }
}

/// Whether a CSV field must be quoted: it holds a comma, quote or line break.
pub(crate) fn needs_quotes(value: &str) -> bool {
    // Without an early exit the check compiles to a branch-free (vector)
    // loop: faster on these short cells than `any` or memchr, whose set-up
    // costs more than it saves on ids and stamps of 4 to 40 bytes.
    value.bytes().fold(false, |found, b| {
        found | matches!(b, b',' | b'"' | b'\n' | b'\r')
    })
}

/// A CSV field, quoted only when it holds a comma, quote or line break.
pub(crate) fn push_csv_text(buf: &mut Vec<u8>, value: &str) {
    if !needs_quotes(value) {
        buf.extend_from_slice(value.as_bytes());
        return;
    }
    buf.push(b'"');
    for b in value.bytes() {
        if b == b'"' {
            buf.push(b'"');
        }
        buf.push(b);
    }
    buf.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_inside_text_are_doubled() {
        let mut buf = Vec::new();
        push_csv_text(&mut buf, "say \"hi\"");
        assert_eq!(buf, b"\"say \"\"hi\"\"\"");
    }

    #[test]
    fn only_cells_with_a_comma_quote_or_line_break_are_quoted() {
        // Long cells too: the check runs 8 bytes at a time, then byte by byte.
        let long = "x".repeat(37);
        for special in [",", "\"", "\n", "\r"] {
            for at in [0, 5, 8, 20, 37] {
                let cell = format!("{}{special}{}", &long[..at], &long[at..]);
                let mut buf = Vec::new();
                push_csv_text(&mut buf, &cell);
                assert_eq!(buf.first(), Some(&b'"'), "{cell:?}");
            }
        }
        for plain in [
            "",
            "a",
            "2026-03-02T08:00:00+01:00",
            long.as_str(),
            "a;b\tc",
        ] {
            let mut buf = Vec::new();
            push_csv_text(&mut buf, plain);
            assert_eq!(buf, plain.as_bytes());
        }
    }
}
