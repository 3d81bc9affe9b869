//! Month names of the exports that write dates in words (Garmin Connect's
//! 2012 layout, Hevy in the phone's language): one table for every reader,
//! so that a language added for one is known to all.

/// Month names and abbreviations, lower case without a final dot, in
/// English, Dutch, German, Danish, Swedish, French, Spanish, Portuguese and
/// Italian (an abbreviation means the same month in every language that
/// has it).
const MONTHS: [&[&str]; 12] = [
    &[
        "jan", "january", "janeiro", "ene", "enero", "januar", "jänner", "janv", "janvier",
        "januari", "gen", "gennaio",
    ],
    &[
        "feb",
        "february",
        "fev",
        "fevereiro",
        "febrero",
        "februar",
        "févr",
        "fevr",
        "février",
        "fevrier",
        "februari",
        "febbraio",
    ],
    &[
        "mar", "march", "março", "marco", "marzo", "mär", "märz", "mrz", "mars", "mrt", "maart",
        "marts",
    ],
    &["apr", "april", "abr", "abril", "avr", "avril", "aprile"],
    &["may", "mai", "maio", "mayo", "mei", "mag", "maggio", "maj"],
    &[
        "jun", "june", "junho", "junio", "juni", "juin", "giu", "giugno",
    ],
    &[
        "jul", "july", "julho", "julio", "juli", "juil", "juillet", "lug", "luglio",
    ],
    &["aug", "august", "ago", "agosto", "août", "aout", "augustus"],
    &[
        "sep",
        "sept",
        "september",
        "set",
        "setembro",
        "septiembre",
        "setiembre",
        "septembre",
        "settembre",
    ],
    &[
        "oct", "october", "out", "outubro", "octubre", "okt", "oktober", "octobre", "ott",
        "ottobre",
    ],
    &["nov", "november", "novembro", "noviembre", "novembre"],
    &[
        "dec",
        "december",
        "dez",
        "dezembro",
        "dic",
        "diciembre",
        "dezember",
        "déc",
        "décembre",
        "decembre",
        "dicembre",
    ],
];

/// The month (1-12) a name or abbreviation stands for, in any case, with
/// or without a final dot (`Mai`, `sept.`, `MARS`).
pub(crate) fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&word.as_str()))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_known_in_every_language_of_either_export() {
        for (word, month) in [
            ("Mai", 5),
            ("maj", 5),
            ("maio", 5),
            ("sept.", 9),
            ("set", 9),
            ("MARS", 3),
            ("mrt", 3),
            ("gennaio", 1),
            ("déc", 12),
        ] {
            assert_eq!(month_number(word), Some(month), "{word}");
        }
    }

    #[test]
    fn other_words_are_no_month() {
        for word in ["", "fr", "de", "2026", "mon"] {
            assert_eq!(month_number(word), None, "{word}");
        }
    }
}
