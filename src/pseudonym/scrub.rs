//! Free text (rejection reasons, data-quality details) with every known
//! athlete id, name, session id and file path replaced by its pseudonym.
//!
//! Three passes: session ids holding a separator (a space, a quote...) found
//! anywhere; then session ids as whole words (a hash lookup per word, cheap
//! for millions of ids); then athlete ids, names and paths found anywhere.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::error::PseudonymError;

/// Replaces known identifying strings in text.
pub(super) struct Scrubber<'w> {
    /// Session ids the whole-word pass cannot see, found anywhere first.
    phrases: Option<Finder>,
    /// Whole words looked up as they are (session ids, which can be many).
    words: &'w HashMap<String, String>,
    /// Athlete ids, names and paths found anywhere in a text.
    finder: Option<Finder>,
}

/// Strings found anywhere in a text where they do not sit inside a longer word.
struct Finder {
    /// The strings.
    automaton: AhoCorasick,
    /// The pseudonym of each pattern of `automaton`.
    replacements: Vec<String>,
}

impl Finder {
    /// A finder for `patterns` (empty ones dropped), `None` when there are none.
    fn new(patterns: Vec<(String, String)>) -> Result<Option<Finder>, PseudonymError> {
        let patterns: Vec<(String, String)> = patterns
            .into_iter()
            .filter(|(p, _)| !p.is_empty())
            .collect();
        if patterns.is_empty() {
            return Ok(None);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(p, _)| p))
            .map_err(|e| PseudonymError::Scrubber(e.to_string()))?;
        Ok(Some(Finder {
            automaton,
            replacements: patterns.into_iter().map(|(_, r)| r).collect(),
        }))
    }

    /// `text` with every pattern that stands alone replaced.
    fn replace(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in self.automaton.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            out.push_str(&text[last..m.start()]);
            out.push_str(&self.replacements[m.pattern().as_usize()]);
            last = m.end();
        }
        out.push_str(&text[last..]);
        out
    }
}

/// Characters that end a word in a detail text.
fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\'' | '"' | '(' | ')' | ',' | ';' | '[' | ']')
}

impl<'w> Scrubber<'w> {
    /// A scrubber for `words` (replaced when a whole word, or anywhere when
    /// they hold a delimiter) and `patterns` (replaced anywhere they do not
    /// sit inside a longer word); fails rather than scrub nothing.
    pub(super) fn new(
        words: &'w HashMap<String, String>,
        patterns: Vec<(String, String)>,
    ) -> Result<Scrubber<'w>, PseudonymError> {
        let phrases: Vec<(String, String)> = words
            .iter()
            .filter(|(w, _)| w.contains(is_delimiter))
            .map(|(w, r)| (w.clone(), r.clone()))
            .collect();
        Ok(Scrubber {
            phrases: Finder::new(phrases)?,
            words,
            finder: Finder::new(patterns)?,
        })
    }

    /// The text with every known string replaced.
    pub(super) fn scrub(&self, text: &str) -> String {
        let text = match &self.phrases {
            Some(phrases) => phrases.replace(text),
            None => text.to_string(),
        };
        let words = self.replace_words(&text);
        match &self.finder {
            Some(finder) => finder.replace(&words),
            None => words,
        }
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
        Scrubber::new(words, patterns).unwrap()
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

    #[test]
    fn session_ids_holding_separators_are_replaced_whole() {
        let words: HashMap<String, String> = [
            ("Morning run 3".to_string(), "S-bbbb".to_string()),
            ("3".to_string(), "S-cccc".to_string()),
            ("logs/Anna Berg/a.csv:2".to_string(), "S-dddd".to_string()),
        ]
        .into();
        let s = scrubber(&words);
        assert_eq!(
            s.scrub("sessions 'Morning run 3' and 'logs/Anna Berg/a.csv:2' overlap; 3 and Morning run 30"),
            "sessions 'S-bbbb' and 'S-dddd' overlap; S-cccc and Morning run 30"
        );
    }
}
