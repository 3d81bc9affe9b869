//! Free text (rejection reasons, data-quality details) with every known
//! athlete id, name, session id and file path replaced by its pseudonym.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

/// Replaces known identifying strings in text.
pub struct Scrubber<'w> {
    /// Whole words looked up as they are (session ids, which can be many).
    words: &'w HashMap<String, String>,
    /// Athlete ids, names and paths found anywhere in a text.
    finder: Option<AhoCorasick>,
    /// The pseudonym of each pattern of `finder`.
    replacements: Vec<String>,
}

/// Characters that end a word in a detail text.
fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\'' | '"' | '(' | ')' | ',' | ';' | '[' | ']')
}

impl<'w> Scrubber<'w> {
    /// A scrubber for `words` (replaced when a whole word) and `patterns`
    /// (replaced anywhere they do not sit inside a longer word).
    pub fn new(
        words: &'w HashMap<String, String>,
        patterns: Vec<(String, String)>,
    ) -> Scrubber<'w> {
        let patterns: Vec<(String, String)> = patterns
            .into_iter()
            .filter(|(p, _)| !p.is_empty())
            .collect();
        let finder = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(p, _)| p))
            .ok()
            .filter(|_| !patterns.is_empty());
        Scrubber {
            words,
            finder,
            replacements: patterns.into_iter().map(|(_, r)| r).collect(),
        }
    }

    /// The text with every known string replaced.
    pub fn scrub(&self, text: &str) -> String {
        let words = self.replace_words(text);
        let Some(finder) = &self.finder else {
            return words;
        };
        let mut out = String::with_capacity(words.len());
        let mut last = 0;
        for m in finder.find_iter(&words) {
            let before = words[..m.start()].chars().next_back();
            let after = words[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            out.push_str(&words[last..m.start()]);
            out.push_str(&self.replacements[m.pattern().as_usize()]);
            last = m.end();
        }
        out.push_str(&words[last..]);
        out
    }

    fn replace_words(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            out.push_str(self.words.get(word.as_str()).unwrap_or(word));
            word.clear();
        };
        for c in text.chars() {
            if is_delimiter(c) {
                flush(&mut word, &mut out);
                out.push(c);
            } else {
                word.push(c);
            }
        }
        flush(&mut word, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> HashMap<String, String> {
        [("S01-0001".to_string(), "S-aaaa".to_string())].into()
    }

    fn scrubber(words: &HashMap<String, String>) -> Scrubber<'_> {
        let patterns = vec![
            ("S01".to_string(), "A-1111".to_string()),
            ("Anna Berg".to_string(), "A-2222".to_string()),
            ("logs/anna/a.fit".to_string(), "F-3333".to_string()),
            (String::new(), "never".to_string()),
        ];
        Scrubber::new(words, patterns)
    }

    #[test]
    fn ids_names_and_paths_are_replaced_where_they_stand_alone() {
        let words = words();
        let s = scrubber(&words);
        assert_eq!(
            s.scrub(
                "sessions 'S01-0001' (strength) and 'S01-0002' of Anna Berg from logs/anna/a.fit:3"
            ),
            "sessions 'S-aaaa' (strength) and 'A-1111-0002' of A-2222 from F-3333:3"
        );
    }

    #[test]
    fn ids_inside_longer_words_are_left_alone() {
        assert_eq!(scrubber(&words()).scrub("XS01 and S012"), "XS01 and S012");
    }
}
