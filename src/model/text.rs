//! Reading small values that every input format shares: trimmed cells and
//! yes/no flags.

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
