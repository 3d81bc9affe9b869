use super::*;

/// Every record as (cells, line, offset after it, bytes of its cells), read by `csv`
/// with the readers' settings from the text's start.
fn by_csv(text: &str, delimiter: u8) -> Vec<(Vec<String>, u64, u64, usize)> {
    let mut reader = crate::ingest::columns::chunk_reader(text, delimiter);
    let mut record = csv::StringRecord::new();
    let mut out = Vec::new();
    while reader.read_record(&mut record).expect("a &str is UTF-8") {
        let cells = record.iter().map(str::to_string).collect();
        let line = record.position().map_or(0, |p| p.line());
        out.push((
            cells,
            line,
            reader.position().byte(),
            record.as_slice().len(),
        ));
    }
    out
}

fn by_records(text: &str, delimiter: u8) -> Vec<(Vec<String>, u64, u64, usize)> {
    let mut records = Records::new(text, 0, 1, delimiter);
    let mut out = Vec::new();
    while let Some(r) = records.next_record() {
        let cells: Vec<String> = r.iter().map(str::to_string).collect();
        let line = r.line();
        let bytes = r.bytes();
        out.push((
            cells,
            line,
            (text.len() - records.rest().len()) as u64,
            bytes,
        ));
    }
    out
}

/// xorshift64*: random texts without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn assert_reads_as_csv(text: &str, delimiter: u8) {
    assert_eq!(
        by_records(text, delimiter),
        by_csv(text, delimiter),
        "{text:?} delimited by {:?}",
        delimiter as char
    );
}

#[test]
fn random_texts_read_as_csv_reads_them() {
    let pieces = [
        "a", "bc", "é", ",", ";", "\t", "\"", "\"\"", "\n", "\r\n", "\r", " ", "\n\n",
    ];
    let mut rng = Rng(0x636f_6e63_7572);
    for case in 0..20_000 {
        let len = rng.below(40);
        let text: String = (0..len).map(|_| pieces[rng.below(pieces.len())]).collect();
        assert_reads_as_csv(&text, [b',', b';', b'\t'][case % 3]);
    }
}

/// Long records, mostly without quotes: cells cut sixteen bytes at a time,
/// across block ends, and the odd quote sending a record the slow way.
#[test]
fn long_random_texts_read_as_csv_reads_them() {
    let pieces = [
        "a",
        "bcdefgh",
        "é",
        ",",
        ";",
        "\t",
        "\n",
        "\r\n",
        " ",
        "\n\n",
        "2026-03-02T08:00",
    ];
    let mut rng = Rng(0x7265_636f_7264);
    for case in 0..5_000 {
        let len = rng.below(200);
        let mut text: String = (0..len).map(|_| pieces[rng.below(pieces.len())]).collect();
        if case % 4 == 0 && !text.is_empty() {
            let at = rng.below(text.len());
            if text.is_char_boundary(at) {
                text.insert(at, '"');
            }
        }
        assert_reads_as_csv(&text, [b',', b';', b'\t'][case % 3]);
    }
}

#[test]
fn the_odd_cases_read_as_csv_reads_them() {
    for text in [
        "",
        "\n",
        "\n\n\na,b\n\nc\n",
        "a,b,",
        "a,b,\n",
        ",",
        "\"",
        "\"a",
        "\"a\"b,c",
        "\"a\"\"b\",\"\"\n",
        "a\"b\",c\n",
        "\"x\ny\",z\n\"\"\"\"\n",
        "\"a\"\"\"b\"c,d",
        "\"\"\"a\n",
        "é,\"ü\nö\"\r\n",
    ] {
        assert_eq!(by_records(text, b','), by_csv(text, b','), "{text:?}");
    }
}

#[test]
fn records_after_a_header_keep_the_header_s_lines() {
    let text = "id,x\n\n1,\"a\nb\"\n\n2,c\n";
    let mut reader = crate::ingest::columns::reader(text);
    reader.headers().unwrap();
    let position = reader.position().clone();
    let mut expected = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).unwrap() {
        let line = record.position().unwrap().line();
        expected.push((record.iter().map(str::to_string).collect::<Vec<_>>(), line));
    }
    let mut records = Records::new(text, position.byte() as usize, position.line(), b',');
    let mut got = Vec::new();
    while let Some(r) = records.next_record() {
        got.push((r.iter().map(str::to_string).collect::<Vec<_>>(), r.line()));
    }
    assert_eq!(got, expected);
    assert_eq!(got.len(), 2);
}
