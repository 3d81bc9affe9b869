//! Messages shown to users (rejection reasons, fatal errors): clipped, so
//! that a hostile value or header cannot flood a report or a terminal.

/// Longest message (rejection reason, fatal error) in characters; a longer
/// one quotes a long value or header and is cut in the middle by [`clip`].
pub(crate) const MAX_MESSAGE_CHARS: usize = 600;

/// A message of at most [`MAX_MESSAGE_CHARS`]: a longer one keeps its start
/// (the column and the start of the value) and its end (what was expected)
/// around a note of how much was left out.
pub(crate) fn clip(message: String) -> String {
    let chars = message.chars().count();
    if chars <= MAX_MESSAGE_CHARS {
        return message;
    }
    let (head, tail) = (400, 150);
    let start: String = message.chars().take(head).collect();
    let end: String = message.chars().skip(chars - tail).collect();
    format!(
        "{start}[... {} characters left out ...]{end}",
        chars - head - tail
    )
}

/// A value as quoted in a message: at most 80 characters, a longer one cut
/// with how long it was (`xxxx... (70000 characters)`).
pub(crate) fn clip_value(value: &str) -> String {
    let chars = value.chars().count();
    if chars <= 80 {
        return value.to_string();
    }
    let start: String = value.chars().take(60).collect();
    format!("{start}... ({chars} characters)")
}

/// A byte count for people: `812 bytes`, `45.0 kB`, `3.4 MB`, `1.50 GB`
/// (powers of 10); never `0.0 MB` for a small file.
pub(crate) fn byte_size(bytes: u64) -> String {
    let b = bytes as f64;
    if bytes < 10_000 {
        format!("{bytes} bytes")
    } else if b < 1e6 {
        format!("{:.1} kB", b / 1e3)
    } else if b < 1e9 {
        format!("{:.1} MB", b / 1e6)
    } else {
        format!("{:.2} GB", b / 1e9)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_sizes_keep_a_digit_that_is_not_zero() {
        let sizes = [812, 45_000, 3_400_000, 1_500_000_000].map(byte_size);
        assert_eq!(sizes, ["812 bytes", "45.0 kB", "3.4 MB", "1.50 GB"]);
    }

    #[test]
    fn long_messages_keep_their_start_and_end() {
        let long = format!(
            "start '{}' is not a date-time; expected 2026-03-02",
            "9".repeat(5000)
        );
        let clipped = clip(long);
        assert!(
            clipped.chars().count() < MAX_MESSAGE_CHARS + 50,
            "{clipped}"
        );
        assert!(clipped.starts_with("start '999"), "{clipped}");
        assert!(
            clipped.ends_with("' is not a date-time; expected 2026-03-02"),
            "{clipped}"
        );
        assert!(
            clipped.contains("[... 4498 characters left out ...]"),
            "{clipped}"
        );
        assert_eq!(clip("short".into()), "short");
    }
}
