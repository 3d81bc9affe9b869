//! Tests of where a text's chunks may start.

use super::*;

#[test]
fn chunks_cover_the_body_and_start_after_whole_records() {
    let text = "h1,h2\na,1\n\"b\nc\",2\n\nd,3\r\ne,4\n";
    let body = "h1,h2\n".len();
    let chunks = chunks(text, body, b',', 1, false, &Pages::default());
    let joined: String = chunks.iter().map(|c| c.text).collect();
    assert_eq!(joined, &text[body..]);
    let starts: Vec<(&str, u64, u64)> = chunks
        .iter()
        .map(|c| (c.text, c.first_line, c.records_before))
        .collect();
    assert_eq!(
        starts,
        [
            ("a,1\n", 2, 0),
            ("\"b\nc\",2\n", 3, 1),
            ("\nd,3\r\n", 5, 2),
            ("e,4\n", 7, 3),
        ]
    );
}

#[test]
fn quote_free_texts_are_cut_at_line_ends_as_the_engine_cuts_them() {
    let mut rng = super::super::hostile::Rng::new(7);
    let pieces = ["a", "bc", ",", "\n", "\n", "\r", " ", "\r\n", "\n\n"];
    for case in 0..3000 {
        let mut text = String::from("h\n");
        for _ in 0..rng.below(60) {
            text.push_str(pieces[rng.below(pieces.len())]);
        }
        let chunk_bytes = 1 + rng.below(12);
        let none = Pages::default();
        let fast = chunks(&text, 2, b',', chunk_bytes, true, &none);
        let engine = chunks(&text, 2, b',', chunk_bytes, false, &none);
        assert_eq!(
            fast, engine,
            "case {case}: {text:?} in chunks of {chunk_bytes}"
        );
    }
}

/// Random texts of quoted fields, doubled quotes, quotes inside fields,
/// empty lines and `\r`: counting quotes cuts where the engine does,
/// or leaves the text to the engine.
#[test]
fn quoted_texts_are_cut_where_the_engine_cuts_them() {
    let mut rng = super::super::hostile::Rng::new(11);
    let pieces = [
        "a",
        "bc",
        ",",
        "\n",
        "\n",
        "\r",
        "\r\n",
        "\"",
        "\"x,\ny\"",
        "\"\"",
        ",\"q\"",
        "\n\"z\"",
        ";",
    ];
    let (mut counted, mut engine_only) = (0, 0);
    for case in 0..20_000 {
        let mut text = String::from("h\n");
        for _ in 0..rng.below(40) {
            text.push_str(pieces[rng.below(pieces.len())]);
        }
        let chunk_bytes = 1 + rng.below(12);
        let delimiter = if rng.below(4) == 0 { b';' } else { b',' };
        let none = Pages::default();
        let engine = record_starts(text.as_bytes(), 2, delimiter, chunk_bytes, &none);
        match quoted_starts(&text, 2, delimiter, chunk_bytes, &none) {
            Some(fast) => {
                counted += 1;
                assert_eq!(
                    fast, engine,
                    "case {case}: {text:?} in chunks of {chunk_bytes}"
                );
            }
            None => engine_only += 1,
        }
        // The scan's chunks, lines counted, are the engine's; at an
        // ambiguous quote, those before it and the engine's from there.
        let scanned = chunks(&text, 2, delimiter, chunk_bytes, false, &none);
        let body = Start::body(&text, 2);
        let by_engine = engine_chunks(&text, body, delimiter, chunk_bytes, false, &none);
        assert_eq!(scanned, by_engine, "case {case}: {text:?}");
    }
    // Both ways were taken often enough to mean something.
    assert!(
        counted > 2000 && engine_only > 2000,
        "{counted} {engine_only}"
    );
}

#[test]
fn an_export_with_quoted_notes_is_cut_by_counting_quotes() {
    let text = "h,notes\na,\"x, y\"\nb,\"two\nlines\"\r\nc,\"say \"\"hi\"\"\"\nd,\n";
    let none = Pages::default();
    let fast = quoted_starts(text, 8, b',', 1, &none);
    assert_eq!(
        fast,
        Some(record_starts(text.as_bytes(), 8, b',', 1, &none))
    );
    assert_eq!(fast.map(|s| s.len()), Some(4));
}

#[test]
fn a_quote_anywhere_is_found() {
    let none = Pages::default();
    assert!(quote_free(b"a,b\nc,d\n", &none));
    let mut text = vec![b'x'; super::super::bytes::FORGET_BYTES + 10];
    assert!(quote_free(&text, &none));
    *text.last_mut().unwrap() = b'"';
    assert!(!quote_free(&text, &none));
}

#[test]
fn a_small_body_is_one_chunk() {
    let text = "h\n1\n2\n";
    let chunks = chunks(text, 2, b',', 1 << 20, false, &Pages::default());
    assert_eq!(chunks.len(), 1);
    assert_eq!(chunks[0].text, "1\n2\n");
}
